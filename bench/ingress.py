"""Benchmark: signed Twilio webhooks into a real `quitbot serve`, beside the bare ceiling.

Targets (issue 13): acknowledgements at least 50% of the bare ceiling's, p99 under 50 ms, on
SQLite and PostgreSQL; a `kill -9` under load loses no acknowledged message.

In one run, on loopback:

* ceiling: a Starlette app on the same uvicorn (same defaults as `quitbot serve`) that reads
  the same form, checks the signature with the twilio library and answers empty TwiML.
* quitbot: `python -m bot serve` (the real thing: settings from the environment, migrations,
  the journal, the processor, the dispatcher; a web process and its worker process, as
  `--workers` says) with Twilio pointed at a fake Twilio in this process. Its database: a
  SQLite file in a temporary folder, or a PostgreSQL database made for the run and dropped
  after it.
* load: an asyncio generator (wrk is not on this machine) with `--connections` keep-alive
  connections, each sending the next of pre-signed requests from `--numbers` phone numbers
  (a unique MessageSid each) as soon as the previous one is answered, for `--seconds`.
* figures: acknowledgements (200s) a second, p50/p99/max webhook latency, CPU per message of
  the server's processes (user+system, from /proc, the web process and its worker, over the
  load and until its journal is applied; the web process's own during the load beside it), the
  machine's load average before and after the load (other programs share the CPUs),
  and how long the journal took to be applied after the load stopped.
* crash: the same load on quitbot, `kill -9` half-way, a restart, and then: acknowledged
  messages never applied (lost), and messages applied twice.

The load generator and the fake Twilio share the machine's 2 cores with the server: the
figures are a floor for what the server alone would do.

Run: `python -m bench.ingress [--db sqlite|postgresql|all] [--seconds 10] [--connections 16]`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from twilio.request_validator import RequestValidator

from bench.common import say
from storage import journal
from tests.fakes import twilio_fake
from tests.fakes.loopback import serve

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "ingress-results.md"
PATH = "/webhooks/twilio/sms"
WORDS = ["hi", "yes", "35", "yes", "yes", "no", "skip", "thursday", "how am I doing", "stop"]
TICKS = os.sysconf("SC_CLK_TCK")
SAFETY_NET = ["on"]  # --safety-net
WORKERS = ["1"]  # --workers

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


@dataclass
class Load:
    """What one load run saw."""

    latencies: list[float] = field(default_factory=list)
    acked: list[str] = field(default_factory=list)
    other: int = 0
    errors: int = 0
    seconds: float = 0.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def signed_requests(
    port: int, count: int, numbers: int, start: int = 0
) -> list[tuple[str, bytes]]:
    """`count` ready-to-send webhook requests (MessageSid, bytes), signed for `port`."""
    validator = RequestValidator(twilio_fake.AUTH_TOKEN)
    url = f"http://127.0.0.1:{port}{PATH}"
    made = []
    for n in range(start, start + count):
        form = {
            "MessageSid": f"SM{n:032d}",
            "AccountSid": twilio_fake.ACCOUNT_SID,
            "From": f"+447700{n % numbers:06d}",
            "To": twilio_fake.FROM_NUMBER,
            "Body": WORDS[(n // numbers) % len(WORDS)],
            "NumMedia": "0",
        }
        body = urlencode(form).encode()
        head = (
            f"POST {PATH} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"X-Twilio-Signature: {validator.compute_signature(url, form)}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        made.append((form["MessageSid"], head + body))
    return made


async def _load(
    port: int, requests: list[tuple[str, bytes]], connections: int, seconds: float
) -> Load:
    seen = Load()
    nxt = iter(requests)
    stop = time.monotonic() + seconds

    async def worker() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while time.monotonic() < stop:
                item = next(nxt, None)
                if item is None:
                    return
                sid, raw = item
                began = time.perf_counter()
                writer.write(raw)
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                if length:
                    await reader.readexactly(length)
                took = time.perf_counter() - began
                if head.startswith(b"HTTP/1.1 200"):
                    seen.latencies.append(took)
                    seen.acked.append(sid)
                else:
                    seen.other += 1
        except (OSError, asyncio.IncompleteReadError):
            seen.errors += 1  # the server went away (the crash run)
        finally:
            writer.close()

    began = time.monotonic()
    await asyncio.gather(*(worker() for _ in range(connections)))
    seen.seconds = time.monotonic() - began
    return seen


def load(port: int, requests: list[tuple[str, bytes]], connections: int, seconds: float) -> Load:
    return asyncio.run(_load(port, requests, connections, seconds))


def cpu_seconds(pid: int) -> float:
    """CPU time (user+system) of process `pid` and its children (`quitbot serve`'s worker):
    the running ones' own, and what ended children left in the parent's cutime/cstime."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    total = sum(int(value) for value in fields[11:15]) / TICKS  # utime stime cutime cstime
    with contextlib.suppress(OSError):
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            total += cpu_seconds(int(child))
    return total


def own_cpu_seconds(pid: int) -> float:
    """CPU time of process `pid` alone (the web process, without its worker)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def load_average() -> float:
    """The machine's 1-minute load average (other programs share the 2 CPUs)."""
    return os.getloadavg()[0]


def wait_listening(port: int, process: subprocess.Popen[bytes], within: float = 90) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("server did not start listening")


def start_quitbot(
    port: int, folder: Path, database_url: str, twilio_base: str
) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QUITBOT_", "TWILIO_"))}
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "QUITBOT_DATABASE_URL": database_url,
            "QUITBOT_PUBLIC_URL": f"http://127.0.0.1:{port}",
            "QUITBOT_LOG_LEVEL": "WARNING",
            "QUITBOT_SMS_RATE": "1000",
            "QUITBOT_SAFETY_NET": SAFETY_NET[0],
            "QUITBOT_WORKERS": WORKERS[0],
            "TWILIO_ACCOUNT_SID": twilio_fake.ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN": twilio_fake.AUTH_TOKEN,
            "TWILIO_FROM_NUMBER": twilio_fake.FROM_NUMBER,
            "QUITBOT_TWILIO_API_BASE": twilio_base,
        }
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--port", str(port)],
        cwd=folder,
        env=env,
        stdout=(folder / "serve.log").open("ab"),
        stderr=subprocess.STDOUT,
    )
    wait_listening(port, process)
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
    wait_listening(port, process)
    return process


def journal_waiting(database_url: str) -> int:
    # On SQLite the journal is a file of its own beside the database (storage.journal.inbox).
    sqlite = database_url.startswith("sqlite")
    engine = create_engine(database_url + journal.INBOX_SUFFIX if sqlite else database_url)
    try:
        with engine.connect() as connection:
            return int(
                connection.execute(
                    text("SELECT count(*) FROM inbound_journal WHERE status = 'waiting'")
                ).scalar_one()
            )
    finally:
        engine.dispose()


def applied(database_url: str) -> tuple[set[str], int]:
    """Provider ids of the inbound messages in the transcript, and how many rows hold them."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = (
                connection.execute(text("SELECT provider_id FROM message WHERE direction = 'in'"))
                .scalars()
                .all()
            )
    finally:
        engine.dispose()
    return set(rows), len(rows)


@contextmanager
def database(kind: str) -> Iterator[str]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.db"
        return
    admin_url = os.environ.get(
        "QUITBOT_BENCH_POSTGRES_URL",
        os.environ.get(
            "QUITBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        ),
    )
    name = f"quitbot_ingress_{os.getpid()}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def figures(seen: Load) -> dict[str, float]:
    lat = sorted(seen.latencies)
    if not lat:
        return {"acks_per_s": 0.0, "p50_ms": 0.0, "p99_ms": 0.0, "max_ms": 0.0}
    return {
        "acks_per_s": len(lat) / seen.seconds,
        "p50_ms": statistics.median(lat) * 1000,
        "p99_ms": lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000,
        "max_ms": lat[-1] * 1000,
    }


def run_ceiling(args: argparse.Namespace) -> dict[str, float]:
    port = free_port()
    process = start_ceiling(port)
    try:
        load(port, signed_requests(port, 2000, args.numbers, start=9_000_000), args.connections, 1)
        cpu0 = cpu_seconds(process.pid)
        load0 = load_average()
        seen = load(
            port,
            signed_requests(port, args.requests, args.numbers),
            args.connections,
            args.seconds,
        )
        cpu = cpu_seconds(process.pid) - cpu0
        load1 = load_average()
    finally:
        process.terminate()
        process.wait(timeout=20)
    return {
        **figures(seen),
        "cpu_ms": cpu * 1000 / max(1, len(seen.acked)),
        "other": seen.other,
        "load_before": load0,
        "load_after": load1,
    }


def run_quitbot(
    args: argparse.Namespace, kind: str, twilio: twilio_fake.FakeTwilio, twilio_base: str
) -> dict[str, float]:
    with database(kind) as url, tempfile.TemporaryDirectory() as folder:
        port = free_port()
        process = start_quitbot(port, Path(folder), url, twilio_base)
        try:
            # Warm up (and register 1,000 people: the timed run is their next messages).
            load(
                port,
                signed_requests(port, args.numbers, args.numbers, start=8_000_000),
                args.connections,
                30,
            )
            while journal_waiting(url):
                time.sleep(0.2)
            sent0 = len(twilio.sent)
            cpu0 = cpu_seconds(process.pid)
            web0 = own_cpu_seconds(process.pid)
            load0 = load_average()
            began = time.monotonic()
            seen = load(
                port,
                signed_requests(port, args.requests, args.numbers),
                args.connections,
                args.seconds,
            )
            loaded = time.monotonic()
            web = own_cpu_seconds(process.pid) - web0
            load1 = load_average()
            while journal_waiting(url):
                time.sleep(0.05)
            drained = time.monotonic()
            cpu = cpu_seconds(process.pid) - cpu0
            sent = len(twilio.sent) - sent0
        finally:
            process.terminate()
            process.wait(timeout=30)
    count = max(1, len(seen.acked))
    return {
        **figures(seen),
        "cpu_ms": cpu * 1000 / count,
        "web_cpu_ms": web * 1000 / count,
        "load_before": load0,
        "load_after": load1,
        "applied_per_s": len(seen.acked) / (drained - began),
        "drain_s": drained - loaded,
        "replies_sent_by_drain": sent,
        "other": seen.other,
    }


def run_crash(args: argparse.Namespace, kind: str, twilio_base: str) -> dict[str, float]:
    with database(kind) as url, tempfile.TemporaryDirectory() as folder:
        port = free_port()
        process = start_quitbot(port, Path(folder), url, twilio_base)
        killer = asyncio.new_event_loop()
        try:
            requests = signed_requests(port, args.requests, args.numbers)

            async def crash() -> Load:
                loading = asyncio.create_task(
                    _load(port, requests, args.connections, args.seconds)
                )
                await asyncio.sleep(args.seconds / 2)
                os.kill(process.pid, signal.SIGKILL)
                return await loading

            seen = killer.run_until_complete(crash())
        finally:
            killer.close()
            process.wait(timeout=20)
        waiting_at_kill = journal_waiting(url)
        restarted = start_quitbot(port, Path(folder), url, twilio_base)
        try:
            began = time.monotonic()
            acked = set(seen.acked)
            while time.monotonic() - began < 120:
                got, rows = applied(url)
                if acked <= got:
                    break
                time.sleep(0.2)
            recovered = time.monotonic() - began
        finally:
            restarted.terminate()
            restarted.wait(timeout=30)
    return {
        "acked": len(acked),
        "waiting_at_kill": waiting_at_kill,
        "lost": len(acked - got),
        "applied_twice": rows - len(got),
        "recovered_s": recovered,
    }


def table(
    args: argparse.Namespace,
    ceiling: dict[str, float],
    runs: dict[str, dict[str, float]],
    crashes: dict[str, dict[str, float]],
) -> str:
    def mark(ok: bool) -> str:
        return "met" if ok else "MISSED"

    lines = [
        "# Ingress: signed Twilio webhooks into `quitbot serve`, beside the bare ceiling",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {args.label}, {os.cpu_count()} CPUs; "
        f"{args.connections} connections, {args.seconds:g} s of load, {args.numbers:,} numbers "
        f"(each already registered by a warm-up message); safety example net {args.safety_net}; "
        f"`quitbot serve` with QUITBOT_WORKERS={args.workers} "
        + ("(one process)" if args.workers == 0 else "(a web process, its worker at nice 10)")
        + f"; `python -m bench.ingress{' --workers 0' if args.workers == 0 else ''}`.",
        "",
        "| measure | bare ceiling | " + " | ".join(f"quitbot {k}" for k in runs) + " |",
        "| --- | --- | " + " | ".join("---" for _ in runs) + " |",
    ]

    def row(name: str, key: str, fmt: str, ratio: bool = False) -> None:
        cells = [format(ceiling.get(key, 0), fmt) if key in ceiling else "–"]
        for r in runs.values():
            cell = format(r.get(key, 0), fmt)
            if ratio and ceiling.get(key):
                cell += f" ({r[key] / ceiling[key]:.0%})"
            cells.append(cell)
        lines.append(f"| {name} | " + " | ".join(cells) + " |")

    row("webhooks acknowledged /s", "acks_per_s", ",.0f", ratio=True)
    row("p50 webhook latency (ms)", "p50_ms", ".1f")
    row("p99 webhook latency (ms)", "p99_ms", ".1f")
    row("max webhook latency (ms)", "max_ms", ".1f")
    row(
        "server CPU per message (ms; quitbot: acknowledge and apply, both processes)",
        "cpu_ms",
        ".2f",
    )
    row("of which the web process, during the load (ms)", "web_cpu_ms", ".2f")
    row("messages applied /s (load start to journal empty)", "applied_per_s", ",.0f")
    row("journal applied this long after the load (s)", "drain_s", ".1f")
    row("load average (1 min) before the load", "load_before", ".2f")
    row("load average (1 min) at its end", "load_after", ".2f")
    lines += [
        "",
        "| target | " + " | ".join(runs) + " |",
        "| --- | " + " | ".join("---" for _ in runs) + " |",
    ]
    lines.append(
        "| acknowledgements ≥ 50% of the ceiling | "
        + " | ".join(mark(r["acks_per_s"] >= 0.5 * ceiling["acks_per_s"]) for r in runs.values())
        + " |"
    )
    lines.append(
        "| p99 < 50 ms | " + " | ".join(mark(r["p99_ms"] < 50) for r in runs.values()) + " |"
    )
    if crashes:
        lines += [
            "",
            f"`kill -9` half-way through {args.seconds:g} s of load, restart, wait until applied:",
            "",
            "| | " + " | ".join(crashes) + " |",
            "| --- | " + " | ".join("---" for _ in crashes) + " |",
        ]
        for key, name in (
            ("acked", "messages acknowledged"),
            ("waiting_at_kill", "left waiting in the journal at the kill"),
            ("lost", "acknowledged and never applied (target 0)"),
            ("applied_twice", "applied twice"),
            ("recovered_s", "all applied this long after the restart (s)"),
        ):
            lines.append(
                f"| {name} | "
                + " | ".join(
                    format(c[key], ".1f" if key == "recovered_s" else ",.0f")
                    for c in crashes.values()
                )
                + " |"
            )
        lines.append(
            "| target: none lost | "
            + " | ".join(mark(c["lost"] == 0) for c in crashes.values())
            + " |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ingress")
    parser.add_argument("--db", choices=["sqlite", "postgresql", "all"], default="all")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--numbers", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=60_000)
    parser.add_argument("--no-crash", action="store_true")
    parser.add_argument("--safety-net", choices=["on", "off"], default="on")
    parser.add_argument("--workers", type=int, default=1, help="QUITBOT_WORKERS for serve")
    parser.add_argument("--label", default=_commit())
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    kinds = ["sqlite", "postgresql"] if args.db == "all" else [args.db]
    SAFETY_NET[0] = args.safety_net
    WORKERS[0] = str(args.workers)
    twilio = twilio_fake.FakeTwilio()
    with serve(twilio.app()) as twilio_base:
        say("ceiling ...")
        ceiling = run_ceiling(args)
        say(f"ceiling: {ceiling}")
        runs, crashes = {}, {}
        for kind in kinds:
            say(f"quitbot on {kind} ...")
            runs[kind] = run_quitbot(args, kind, twilio, twilio_base)
            say(f"{kind}: {runs[kind]}")
            if not args.no_crash:
                crashes[kind] = run_crash(args, kind, twilio_base)
                say(f"{kind} crash: {crashes[kind]}")
    report = table(args, ceiling, runs, crashes)
    args.results.write_text(report)
    print(report)
    return 0


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())
