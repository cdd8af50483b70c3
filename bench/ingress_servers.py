"""The ingress benchmark's servers as processes, and what it reads from quitbot's database.

Each server is started as a process of its own: `quitbot serve` (its settings from the
environment, SMS and Telegram pointed at the fakes), the bare ceiling and the peer bot. Their
CPU time and peak memory are read from /proc. quitbot's database (a SQLite file, or a
PostgreSQL database made for the run and dropped after it) is read on connections opened for
each look, so that a database restart does not leave them broken.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from bench import common, wire
from storage.journal import INBOX_SUFFIX
from tests.fakes import telegram_fake, twilio_fake

ROOT = Path(__file__).resolve().parents[1]
TICKS = os.sysconf("SC_CLK_TCK")
SMS, TELEGRAM = "sms", "telegram"
UNSENT = ("queued", "sending", "unsure")  # storage/outbox.py
POLL = 0.2  # seconds between looks at the journal and the outbox
STALLED = 75.0  # seconds of an unchanged backlog after which the wait ends (a dead claim: 60 s)
STARTED = time.monotonic()

CEILING_APP = """
import sys
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

validator = RequestValidator(sys.argv[2])
base = sys.argv[3]

async def sms(request: Request) -> Response:
    form = await request.form()
    if not validator.validate(base + request.url.path, dict(form),
                              request.headers.get("x-twilio-signature", "")):
        return Response(status_code=403)
    return Response(str(MessagingResponse()), media_type="text/xml")

app = Starlette(routes=[Route("/webhooks/twilio/sms", sms, methods=["POST"])])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


def say(message: str) -> None:
    """Progress, with the minutes and seconds since the benchmark started."""
    elapsed = int(time.monotonic() - STARTED)
    common.say(f"[{elapsed // 60:2d}:{elapsed % 60:02d}] {message}")


# -- processes ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def cpu_seconds(pid: int) -> float:
    """CPU time (user+system) of process `pid` and its children (`quitbot serve`'s worker):
    the running ones' own, and what ended children left in the parent's cutime/cstime."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    total = sum(int(value) for value in fields[11:15]) / TICKS  # utime stime cutime cstime
    return total + sum(cpu_seconds(child) for child in children(pid))


def own_cpu_seconds(pid: int) -> float:
    """CPU time of process `pid` alone (the web process, without its worker)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def peak_rss_mib(pid: int) -> float:
    """Peak resident memory (VmHWM) of process `pid` plus that of each of its children now
    running, in MiB: each process's own peak, so their sum is an upper bound of the whole's."""
    peak = 0.0
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    return peak + sum(peak_rss_mib(child) for child in children(pid))


def load_average() -> float:
    """The machine's 1-minute load average (other programs share the 2 CPUs)."""
    return os.getloadavg()[0]


def disk_flushes(seconds: float, folder: Path) -> dict[str, float]:
    """How the disk under `folder` takes a flush: 8 kB written and `fdatasync`ed over and over
    for `seconds`, as a database commit does; p50, p99 and max in ms, and how many took over
    50 ms (every acknowledgement waits for one)."""
    path = folder / "flush-probe"
    times: list[float] = []
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        block = b"q" * 8192
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            os.pwrite(descriptor, block, (len(times) % 1024) * 8192)
            began = time.perf_counter()
            os.fdatasync(descriptor)
            times.append(time.perf_counter() - began)
    finally:
        os.close(descriptor)
        path.unlink()
    times.sort()
    return {
        "flushes": len(times),
        "p50_ms": times[len(times) // 2] * 1000,
        "p99_ms": times[int(len(times) * 0.99)] * 1000,
        "max_ms": times[-1] * 1000,
        "over_50_ms": sum(t > 0.05 for t in times),
        "seconds": seconds,
    }


def wait_serving(port: int, process: subprocess.Popen[bytes], within: float = 90) -> None:
    """Wait until the server answers HTTP (any answer): `quitbot serve` binds its port before
    its start-up (migrations, the worker) is done, and answers only after it."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", port), 1) as probe,
        ):
            probe.settimeout(1)
            probe.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            if probe.recv(16).startswith(b"HTTP/"):
                return
        time.sleep(0.1)
    raise RuntimeError("server did not start serving")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def start_quitbot(
    args: argparse.Namespace, port: int, folder: Path, database_url: str, fakes_base: str
) -> subprocess.Popen[bytes]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("QUITBOT_", "TWILIO_", "TELEGRAM_"))
    }
    if args.workers is not None:
        env["QUITBOT_WORKERS"] = str(args.workers)
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "QUITBOT_DATABASE_URL": database_url,
            "QUITBOT_PUBLIC_URL": f"http://127.0.0.1:{port}",
            "QUITBOT_LOG_LEVEL": "WARNING",
            "QUITBOT_SMS_RATE": "1000",
            "QUITBOT_TELEGRAM_RATE": "1000",
            "QUITBOT_SAFETY_NET": args.safety_net,
            "TWILIO_ACCOUNT_SID": twilio_fake.ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN": twilio_fake.AUTH_TOKEN,
            "TWILIO_FROM_NUMBER": twilio_fake.FROM_NUMBER,
            "QUITBOT_TWILIO_API_BASE": fakes_base,
            "TELEGRAM_BOT_TOKEN": telegram_fake.TOKEN,
            "TELEGRAM_WEBHOOK_SECRET": wire.TELEGRAM_SECRET,
            "QUITBOT_TELEGRAM_API_BASE": fakes_base,
        }
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--port", str(port)],
        cwd=folder,
        env=env,
        stdout=(folder / "serve.log").open("ab"),
        stderr=subprocess.STDOUT,
    )
    wait_serving(port, process)
    return process


def start_ceiling(port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            CEILING_APP,
            str(port),
            twilio_fake.AUTH_TOKEN,
            f"http://127.0.0.1:{port}",
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    wait_serving(port, process)
    return process


def start_peer(port: int, fakes_base: str) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.peer", str(port), fakes_base, wire.TELEGRAM_SECRET],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    wait_serving(port, process)
    return process


# -- the database -------------------------------------------------------------------------


def _admin_url() -> str:
    return os.environ.get(
        "QUITBOT_BENCH_POSTGRES_URL",
        os.environ.get(
            "QUITBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        ),
    )


@contextmanager
def database(kind: str) -> Iterator[str]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.db"
        return
    name = f"quitbot_ingress_{os.getpid()}"
    admin = create_engine(_admin_url(), isolation_level="AUTOCOMMIT", poolclass=_no_pool())
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(_admin_url()).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _no_pool() -> Any:
    """A connection a use (the database may be restarted between two)."""
    from sqlalchemy.pool import NullPool

    return NullPool


def reader(url: str) -> Engine:
    """The benchmark's own connections to quitbot's database (opened for each look, so a
    database restart does not leave them broken)."""
    return create_engine(url, poolclass=_no_pool())


def backlog(engine: Engine) -> tuple[int, int]:
    """Messages waiting in the journal, and replies not yet sent (queued, being sent, or
    maybe sent)."""
    # On a SQLite file the journal is a file of its own beside it (storage.journal.inbox).
    sqlite = engine.url.get_backend_name() == "sqlite"
    journal_engine = reader(f"{engine.url}{INBOX_SUFFIX}") if sqlite else engine
    try:
        with journal_engine.connect() as connection:
            waiting = connection.execute(
                text("SELECT count(*) FROM inbound_journal WHERE status = 'waiting'")
            ).scalar_one()
    finally:
        if journal_engine is not engine:
            journal_engine.dispose()
    with engine.connect() as connection:
        unsent = connection.execute(
            text(
                "SELECT count(*) FROM message WHERE direction = 'out' AND priority = 0"
                " AND status IN ('queued', 'sending', 'unsure')"
            )
        ).scalar_one()
    return int(waiting), int(unsent)


@dataclass
class Drain:
    """When (monotonic) the journal was seen empty, and when every reply too (None: not
    within the limit)."""

    applied: float | None = None
    replied: float | None = None

    def after(self, start: float, moment: float | None) -> float | None:
        return None if moment is None else moment - start


def wait_drained(engine: Engine, limit: float, stalled: float = STALLED) -> Drain:
    """Wait until the journal is applied and every reply sent: at most `limit` seconds, and
    no longer than `stalled` seconds of nothing moving (replies held for their lease)."""
    drain = Drain()
    deadline = time.monotonic() + limit
    last, moved = None, time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - moved < stalled:
        try:
            seen = backlog(engine)
        except Exception as error:  # the database is still starting after a restart
            say(f"  (the database cannot be read yet: {type(error).__name__})")
        else:
            waiting, unsent = seen
            if waiting == 0 and drain.applied is None:
                drain.applied = time.monotonic()
            if waiting == 0 and unsent == 0:
                drain.replied = time.monotonic()
                return drain
            if seen != last:
                last, moved = seen, time.monotonic()
        time.sleep(POLL)
    return drain


def applied(engine: Engine) -> tuple[set[str], int]:
    """Provider ids of the inbound messages in the transcript, and how many rows hold them."""
    with engine.connect() as connection:
        rows = (
            connection.execute(text("SELECT provider_id FROM message WHERE direction = 'in'"))
            .scalars()
            .all()
        )
    return set(rows), len(rows)


def first_replies(engine: Engine, channel: str) -> dict[str, str | None]:
    """Each inbound message on `channel` (by its provider id) that has a reply, with the
    provider id of its first reply (None while unsent): the first bot message after it in the
    person's transcript, before their next message."""
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT participant_id, direction, provider_id, sent_by FROM message"
                " WHERE channel = :channel ORDER BY participant_id, id"
            ),
            {"channel": channel},
        ).all()
    found: dict[str, str | None] = {}
    person, waiting = None, None
    for participant_id, direction, provider_id, sent_by in rows:
        if participant_id != person:
            person, waiting = participant_id, None
        if direction == "in":
            waiting = provider_id
        elif waiting is not None and sent_by == "bot":
            found[waiting] = provider_id
            waiting = None
    return found


def outbound(engine: Engine, channel: str) -> tuple[Counter[tuple[str, str]], Counter[str]]:
    """Bot messages on `channel` in the transcript: how many of each (address, body), and how
    many of each status."""
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT address, body, status FROM message"
                " WHERE direction = 'out' AND channel = :channel"
            ),
            {"channel": channel},
        ).all()
    statuses = Counter(str(status) for _, _, status in rows)
    return Counter((str(address), str(body)) for address, body, _ in rows), statuses
