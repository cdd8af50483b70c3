"""Benchmark: webhooks into a real `quitbot serve`, beside the bare ceiling and a peer bot.

Targets (issue 13), on SQLite and PostgreSQL: acknowledgements at least 50% of the bare
ceiling's, p99 under 50 ms; replies delivered end to end at least 500 a second on SQLite and
ahead of the peer (at least 700) on PostgreSQL, with p99 from webhook to reply under 250 ms at
half that rate; `kill -9` under load and a database restart lose no acknowledged message and
send at most 0.1% of replies twice.

In one run, on loopback, each server a process of its own:

* the fake providers (bench/provider_fakes.py): the fake Twilio and the fake Telegram Bot API
  of the tests, in their own process, stamping each reply as it arrives.
* ceiling: a Starlette app on the same uvicorn (its defaults, as `quitbot serve` uses them)
  that reads the same form, checks the signature with the twilio library and answers empty
  TwiML.
* peer: python-telegram-bot's documented custom-webhook bot (bench/peer.py): Telegram
  updates into its update queue, a ConversationHandler in memory, a reply to every message.
* quitbot: `python -m bot serve` (the real thing: settings from the environment, migrations,
  the journal, the processor, the dispatcher; a web process and its worker process, as
  `--workers` says) with SMS and Telegram on, both pointed at the fakes. Its database: a
  SQLite file in a temporary folder, or a PostgreSQL database made for the run and dropped
  after it.
* load (bench/wire.py): `--connections` keep-alive connections, each sending the next webhook
  as soon as the last is answered, for `--seconds`, from `--numbers` phone numbers (signed
  Twilio webhooks) or as many Telegram chats; each person first says "hi" (the warm-up, not
  timed), then goes through registration and on.

For each server, then:

* acknowledgements (2xx) a second and p50/p99/max webhook latency under that load;
* replies delivered a second: timed messages whose first reply reached the fake provider,
  from the start of the load to the arrival of the last of them (a message's first reply:
  the first bot message after it in the person's transcript, found by its provider id; for
  the peer, the k-th reply to a chat answers its k-th message);
* webhook to reply: a second load, open loop at half that rate for `--seconds`, each message's
  time from when its webhook was due to its first reply's arrival (p50/p99/max);
* CPU per message (user+system from /proc, quitbot's web process and its worker, from the
  start of the load until every reply is sent), peak resident memory (VmHWM, summed over the
  server's processes), and the machine's load average before and after the load;
* for quitbot, a Telegram load the same way, and a mixed one (SMS and Telegram at once,
  half the connections each).

Faults (SMS, a fresh database each, no warm-up):

* crash: `kill -9` of quitbot's processes (the worker and the web process at once) half-way
  through the load, a restart, and then: acknowledged messages never applied (lost), applied
  twice, and replies taken twice by the fake Twilio.
* database restart (PostgreSQL): the PostgreSQL server stopped half-way through the load for
  `--db-down` seconds and started again, while the load sends every unacknowledged webhook
  again (the same signed request) until it is acknowledged; then the same counts, and how
  long until every message was applied and every reply sent. It stops the machine's
  PostgreSQL: run it only when nothing else needs it (`flock /tmp/bench.lock`).

The load generator and the fakes share the machine's 2 cores with the server: the figures are
a floor for what the server alone would do.

Run: `python -m bench.ingress [--db sqlite|postgresql|all] [--seconds 5] [--connections 16]`
(see `--help`).
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
from collections import Counter, defaultdict
from collections.abc import Coroutine, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from bench import common, wire
from bench.ingress_report import table
from bench.provider_fakes import Fakes
from tests.fakes import telegram_fake, twilio_fake

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "ingress-results.md"
TICKS = os.sysconf("SC_CLK_TCK")
SMS, TELEGRAM = "sms", "telegram"
UNSENT = ("queued", "sending", "unsure")  # storage/outbox.py
POLL = 0.2  # seconds between looks at the journal and the outbox
STALLED = 20.0  # seconds of an unchanged backlog after which the wait for it ends

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

T = TypeVar("T")
STARTED = time.monotonic()


def say(message: str) -> None:
    """Progress, with the minutes and seconds since the benchmark started."""
    elapsed = int(time.monotonic() - STARTED)
    common.say(f"[{elapsed // 60:2d}:{elapsed % 60:02d}] {message}")


def run(work: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(work)


async def together(*loads: Coroutine[Any, Any, wire.Load]) -> list[wire.Load]:
    """Loads at the same time."""
    return list(await asyncio.gather(*loads))


# -- processes ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _children(pid: int) -> list[int]:
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
    return total + sum(cpu_seconds(child) for child in _children(pid))


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
    return peak + sum(peak_rss_mib(child) for child in _children(pid))


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
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "QUITBOT_DATABASE_URL": database_url,
            "QUITBOT_PUBLIC_URL": f"http://127.0.0.1:{port}",
            "QUITBOT_LOG_LEVEL": "WARNING",
            "QUITBOT_SMS_RATE": "1000",
            "QUITBOT_TELEGRAM_RATE": "1000",
            "QUITBOT_SAFETY_NET": args.safety_net,
            "QUITBOT_WORKERS": str(args.workers),
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


def start_peer(port: int, fakes_base: str) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.peer", str(port), fakes_base, wire.TELEGRAM_SECRET],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    wait_listening(port, process)
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
    with engine.connect() as connection:
        waiting = connection.execute(
            text("SELECT count(*) FROM inbound_journal WHERE status = 'waiting'")
        ).scalar_one()
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


def wait_drained(engine: Engine, limit: float) -> Drain:
    """Wait until the journal is applied and every reply sent: at most `limit` seconds, and
    no longer than STALLED seconds of nothing moving (replies held for their lease)."""
    drain = Drain()
    deadline = time.monotonic() + limit
    last, moved = None, time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - moved < STALLED:
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


# -- replies ------------------------------------------------------------------------------


def quitbot_arrivals(
    engine: Engine, fakes: Fakes, channel: str, since: dict[str, int]
) -> dict[str, float]:
    """When the first reply to each message on `channel` reached the fake provider (taken
    since the counts `since`), by the message's provider id."""
    if channel == SMS:
        taken = {m.sid: m.at for m in fakes.sms(since[SMS])}
    else:
        taken = {str(m.message_id): m.at for m in fakes.telegram(since[TELEGRAM])}
    return {
        key: taken[reply]
        for key, reply in first_replies(engine, channel).items()
        if reply is not None and reply in taken
    }


def peer_arrivals(fakes: Fakes, since: int, acked: Sequence[wire.Acked]) -> dict[str, float]:
    """The peer answers each message with one reply, in order: the k-th reply to a chat
    (taken since `since`) answers its k-th acknowledged message."""
    replies: dict[str, list[float]] = defaultdict(list)
    for m in fakes.telegram(since):
        replies[str(m.chat_id)].append(m.at)
    asked: dict[str, list[wire.Acked]] = defaultdict(list)
    for a in sorted(acked, key=lambda a: a.sent_at):
        asked[a.sender].append(a)
    return {
        a.key: at
        for who, said in asked.items()
        for a, at in zip(said, replies.get(who, []), strict=False)
    }


def ack_figures(seen: wire.Load) -> dict[str, float]:
    lat = sorted(seen.latencies)
    if not lat:
        lat = [0.0]
    return {
        "acks_per_s": len(seen.acked) / seen.seconds,
        "p50_ms": statistics.median(lat) * 1000,
        "p99_ms": _p99(lat) * 1000,
        "max_ms": lat[-1] * 1000,
        "not_acked": seen.other + seen.errors,
    }


def _p99(ordered: list[float]) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def reply_figures(seen: wire.Load, arrivals: dict[str, float]) -> dict[str, float]:
    """Replies delivered a second, from the load's start to the last first reply."""
    answered = [arrivals[a.key] for a in seen.acked if a.key in arrivals]
    last = max(answered, default=seen.began)
    return {
        "replies_per_s": len(answered) / max(1e-9, last - seen.began),
        "unanswered": len(seen.acked) - len(answered),
    }


def latency_figures(seen: wire.Load, arrivals: dict[str, float]) -> dict[str, float]:
    """Webhook (when it was due) to its first reply, in the open-loop load."""
    took = sorted(arrivals[a.key] - a.sent_at for a in seen.acked if a.key in arrivals)
    acks = sorted(seen.latencies)
    return {
        "open_rate": seen.taken / seen.seconds,
        "open_messages": seen.taken,
        "open_unanswered": seen.taken - len(took),
        "reply_p50_ms": statistics.median(took) * 1000 if took else 0.0,
        "reply_p99_ms": _p99(took) * 1000 if took else 0.0,
        "reply_max_ms": took[-1] * 1000 if took else 0.0,
        "open_ack_p99_ms": _p99(acks) * 1000 if acks else 0.0,
    }


# -- the ceiling and the peer -------------------------------------------------------------


def run_ceiling(args: argparse.Namespace) -> dict[str, float]:
    port = free_port()
    process = start_ceiling(port)
    try:
        warm = wire.sms_requests(port, 9_000_000, 2000, args.numbers)
        run(wire.closed_loop(port, warm, args.connections, 1))
        requests = wire.sms_requests(port, 0, args.requests, args.numbers)
        cpu0 = cpu_seconds(process.pid)
        load0 = load_average()
        seen = run(wire.closed_loop(port, requests, args.connections, args.seconds))
        cpu = cpu_seconds(process.pid) - cpu0
        load1 = load_average()
        rss = peak_rss_mib(process.pid)
    finally:
        stop(process)
    return {
        **ack_figures(seen),
        "cpu_ms": cpu * 1000 / max(1, len(seen.acked)),
        "rss_mib": rss,
        "load_before": load0,
        "load_after": load1,
    }


def _wait_peer(fakes: Fakes, since: int, expected: int, limit: float) -> float | None:
    """Wait until the peer's fake Bot API has taken `expected` replies since `since`."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if fakes.counts()[TELEGRAM] - since >= expected:
            return time.monotonic()
        time.sleep(POLL / 4)
    return None


def run_peer(args: argparse.Namespace, fakes: Fakes) -> dict[str, float]:
    port = free_port()
    process = start_peer(port, fakes.base)
    path = "/telegram"
    chats = args.numbers
    try:
        # Warm-up: every chat's first message (and python-telegram-bot's first sends).
        since = fakes.counts()[TELEGRAM]
        warm = wire.telegram_requests(port, 0, chats, chats, path)
        seen = run(wire.closed_loop(port, warm, args.connections, 60))
        _wait_peer(fakes, since, len(seen.acked), args.drain_limit)
        # Closed loop: acknowledgements, and replies delivered a second.
        since = fakes.counts()[TELEGRAM]
        requests = wire.telegram_requests(port, chats, args.requests, chats, path)
        cpu0 = cpu_seconds(process.pid)
        load0 = load_average()
        seen = run(wire.closed_loop(port, requests, args.connections, args.seconds))
        load1 = load_average()
        loaded = time.monotonic()
        drained = _wait_peer(fakes, since, len(seen.acked), args.drain_limit)
        cpu = cpu_seconds(process.pid) - cpu0
        figures = {
            **ack_figures(seen),
            **reply_figures(seen, peer_arrivals(fakes, since, seen.acked)),
            "cpu_ms": cpu * 1000 / max(1, len(seen.acked)),
            "drain_s": (drained or time.monotonic()) - loaded,
            "load_before": load0,
            "load_after": load1,
        }
        # Open loop at half the replies a second: webhook to reply.
        rate = max(1.0, figures["replies_per_s"] / 2)
        since = fakes.counts()[TELEGRAM]
        start = chats + seen.taken
        requests = wire.telegram_requests(port, start, int(rate * args.seconds) + 1, chats, path)
        seen = run(wire.open_loop(port, requests, args.connections, rate, args.seconds))
        _wait_peer(fakes, since, len(seen.acked), args.drain_limit)
        figures |= latency_figures(seen, peer_arrivals(fakes, since, seen.acked))
        figures["rss_mib"] = peak_rss_mib(process.pid)
    finally:
        stop(process)
    return figures


# -- quitbot ------------------------------------------------------------------------------


@dataclass
class Quitbot:
    """A running `quitbot serve`, where each channel's people are in their conversations."""

    args: argparse.Namespace
    port: int
    process: subprocess.Popen[bytes]
    engine: Engine
    fakes: Fakes
    next_message: dict[str, int]  # the index of each channel's next request (bench/wire.py)

    def requests(self, channel: str, count: int) -> list[wire.Request]:
        make = wire.sms_requests if channel == SMS else wire.telegram_requests
        return make(self.port, self.next_message[channel], count, self.args.numbers)

    def closed(
        self, loads: Sequence[tuple[str, int]], seconds: float
    ) -> tuple[list[wire.Load], dict[str, float]]:
        """Closed-loop loads, one a (channel, connections), at once; what they saw, and the
        figures from their start until every message was applied and every reply sent."""
        since = self.fakes.counts()
        made = [(channel, self.requests(channel, self.args.requests)) for channel, _ in loads]
        cpu0 = cpu_seconds(self.process.pid)
        web0 = own_cpu_seconds(self.process.pid)
        load0 = load_average()

        seen = run(
            together(
                *(
                    wire.closed_loop(self.port, requests, connections, seconds)
                    for (_, requests), (_, connections) in zip(made, loads, strict=True)
                )
            )
        )
        loaded = time.monotonic()
        web = own_cpu_seconds(self.process.pid) - web0
        load1 = load_average()
        drained = wait_drained(self.engine, self.args.drain_limit).replied
        cpu = cpu_seconds(self.process.pid) - cpu0
        arrivals: dict[str, float] = {}
        for (channel, _), one in zip(loads, seen, strict=True):
            self.next_message[channel] += one.taken
            arrivals |= quitbot_arrivals(self.engine, self.fakes, channel, since)
        every = _merged(seen)
        count = max(1, len(every.acked))
        return seen, {
            **ack_figures(every),
            **reply_figures(every, arrivals),
            "cpu_ms": cpu * 1000 / count,
            "web_cpu_ms": web * 1000 / count,
            "drain_s": (drained or time.monotonic()) - loaded,
            "drained": drained is not None,
            "load_before": load0,
            "load_after": load1,
        }

    def open(self, channel: str, rate: float, seconds: float) -> dict[str, float]:
        """An open-loop load at `rate`: each message's time to its first reply."""
        since = self.fakes.counts()
        requests = self.requests(channel, int(rate * seconds) + 1)
        seen = run(wire.open_loop(self.port, requests, self.args.connections, rate, seconds))
        self.next_message[channel] += seen.taken
        wait_drained(self.engine, self.args.drain_limit)
        return latency_figures(seen, quitbot_arrivals(self.engine, self.fakes, channel, since))


def _merged(loads: Sequence[wire.Load]) -> wire.Load:
    merged = wire.Load(
        acked=[a for one in loads for a in one.acked],
        other=sum(one.other for one in loads),
        errors=sum(one.errors for one in loads),
        taken=sum(one.taken for one in loads),
        began=min(one.began for one in loads),
    )
    merged.seconds = max(one.began + one.seconds for one in loads) - merged.began
    return merged


def run_quitbot(args: argparse.Namespace, kind: str, fakes: Fakes) -> dict[str, dict[str, Any]]:
    """quitbot on `kind`: an SMS load, a Telegram load and a mixed one; each run's figures."""
    runs: dict[str, dict[str, Any]] = {}
    with database(kind) as url, tempfile.TemporaryDirectory() as folder:
        port = free_port()
        process = start_quitbot(args, port, Path(folder), url, fakes.base)
        bot = Quitbot(args, port, process, reader(url), fakes, {SMS: 0, TELEGRAM: 0})
        try:
            # Warm-up: everyone's "hi" (they are registered, and the timed messages are their
            # answers to quitbot's questions).
            warm = [(SMS, args.numbers), (TELEGRAM, args.numbers)]
            run(
                together(
                    *(
                        wire.closed_loop(port, bot.requests(channel, count), args.connections, 60)
                        for channel, count in warm
                    )
                )
            )
            for channel, count in warm:
                bot.next_message[channel] += count
            wait_drained(bot.engine, args.drain_limit)
            for channel, name in ((SMS, "SMS"), (TELEGRAM, "Telegram")):
                say(f"  {kind} {name} ...")
                _, figures = bot.closed([(channel, args.connections)], args.seconds)
                rate = max(1.0, figures["replies_per_s"] / 2)
                figures |= bot.open(channel, rate, args.seconds)
                figures["rss_mib"] = peak_rss_mib(process.pid)
                runs[name] = figures
                say(f"  {kind} {name}: {_brief(figures)}")
            if not args.no_mixed:
                half = max(1, args.connections // 2)
                _, figures = bot.closed([(SMS, half), (TELEGRAM, half)], args.seconds)
                figures["rss_mib"] = peak_rss_mib(process.pid)
                runs["mixed"] = figures
                say(f"  {kind} mixed: {_brief(figures)}")
        finally:
            stop(process)
            bot.engine.dispose()
    return runs


def _brief(figures: dict[str, Any]) -> str:
    return ", ".join(
        f"{k} {v:.1f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items()
    )


# -- faults -------------------------------------------------------------------------------


def outcome(engine: Engine, fakes: Fakes, since: int, acked: set[str]) -> dict[str, Any]:
    """After a fault and the drain: messages lost and applied twice; replies taken twice by
    the fake Twilio (more of an (address, body) than the transcript holds), and not sent."""
    got, rows = applied(engine)
    meant, statuses = outbound(engine, SMS)
    taken = Counter((m.to, m.body) for m in fakes.sms(since))
    return {
        "acked": len(acked),
        "lost": len(acked - got),
        "applied_twice": rows - len(got),
        "replies": sum(taken.values()),
        "sent_twice": sum(max(0, n - meant[k]) for k, n in taken.items()),
        "not_sent": sum(statuses[s] for s in UNSENT),
        "unsent_statuses": {s: statuses[s] for s in UNSENT if statuses[s]},
    }


def run_crash(args: argparse.Namespace, kind: str, fakes: Fakes) -> dict[str, Any]:
    """`kill -9` of the server's processes (its worker and its web process, at once, as a
    machine or container that dies takes both) half-way through an SMS load, a restart, and
    the count."""
    with database(kind) as url, tempfile.TemporaryDirectory() as folder:
        port = free_port()
        since = fakes.counts()[SMS]
        process = start_quitbot(args, port, Path(folder), url, fakes.base)
        requests = wire.sms_requests(port, 0, args.requests, args.numbers)

        async def crash() -> wire.Load:
            loading = asyncio.create_task(
                wire.closed_loop(port, requests, args.connections, args.seconds)
            )
            await asyncio.sleep(args.seconds / 2)
            for pid in (*_children(process.pid), process.pid):  # the worker, the web process
                os.kill(pid, signal.SIGKILL)
            return await loading

        seen = run(crash())
        process.wait(timeout=20)
        engine = reader(url)
        waiting_at_kill = backlog(engine)[0]
        restarted = start_quitbot(args, port, Path(folder), url, fakes.base)
        try:
            began = time.monotonic()
            drain = wait_drained(engine, args.drain_limit)
            found = outcome(engine, fakes, since, {a.key for a in seen.acked})
        finally:
            stop(restarted)
            engine.dispose()
    return {
        **found,
        "waiting_at_kill": waiting_at_kill,
        "applied_s": drain.after(began, drain.applied),
        "replied_s": drain.after(began, drain.replied),
    }


def pg_cluster() -> tuple[str, str]:
    """The machine's PostgreSQL cluster (version, name): the one in /etc/postgresql."""
    versions = sorted(p.name for p in Path("/etc/postgresql").iterdir())
    if len(versions) != 1:
        raise RuntimeError(f"expected one PostgreSQL version in /etc/postgresql: {versions}")
    return versions[0], "main"


def pg_ctl(action: str) -> None:
    version, cluster = pg_cluster()
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, action]
    if action == "stop":
        command += ["-m", "fast"]
    subprocess.run(command, check=True)


def run_db_restart(args: argparse.Namespace, fakes: Fakes) -> dict[str, Any]:
    """PostgreSQL stopped half-way through an SMS load for `--db-down` seconds, then started,
    while the load sends again what was not acknowledged; the count once all is applied."""
    with database("postgresql") as url, tempfile.TemporaryDirectory() as folder:
        port = free_port()
        since = fakes.counts()[SMS]
        process = start_quitbot(args, port, Path(folder), url, fakes.base)
        requests = wire.sms_requests(port, 0, args.requests, args.numbers)
        seconds = args.seconds + args.db_down
        engine = reader(url)
        try:

            async def restart() -> tuple[wire.Load, float]:
                loading = asyncio.create_task(
                    wire.closed_loop(port, requests, args.connections, seconds, retry=True)
                )
                await asyncio.sleep(args.seconds / 2)
                say("  stopping PostgreSQL ...")
                await asyncio.to_thread(pg_ctl, "stop")
                await asyncio.sleep(args.db_down)
                await asyncio.to_thread(pg_ctl, "start")
                say("  PostgreSQL started again")
                back = time.monotonic()
                return await loading, back

            seen, back = run(restart())
            loaded = time.monotonic()
            drain = wait_drained(engine, args.drain_limit)
            found = outcome(engine, fakes, since, {a.key for a in seen.acked})
            survived = process.poll() is None
        finally:
            stop(process)
            engine.dispose()
    return {
        **found,
        "retries": seen.retries,
        "refusals": dict(sorted(seen.refusals.items())),
        "given_up": seen.given_up,
        "server_survived": survived,
        "applied_s": drain.after(loaded, drain.applied),
        "replied_s": drain.after(loaded, drain.replied),
        "started_to_replied_s": drain.after(back, drain.replied),
    }


# -- main ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.ingress",
        description="Webhooks into a real `quitbot serve`, beside the bare ceiling and a "
        "python-telegram-bot peer; crash and database-restart runs. See bench/README.md.",
    )
    parser.add_argument("--db", choices=["sqlite", "postgresql", "all"], default="all")
    parser.add_argument("--seconds", type=float, default=5.0, help="each load's length")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--numbers", type=int, default=2000, help="senders: phone numbers, and as many chats"
    )
    parser.add_argument(
        "--requests", type=int, default=30_000, help="at most this many webhooks a load"
    )
    parser.add_argument("--no-peer", action="store_true", help="skip the peer bot")
    parser.add_argument("--no-mixed", action="store_true", help="skip the mixed load")
    parser.add_argument("--no-crash", action="store_true", help="skip the kill -9 runs")
    parser.add_argument(
        "--db-restart",
        choices=["on", "off", "only"],
        default="on",
        help="the PostgreSQL restart run (stops the machine's PostgreSQL); 'only': just it",
    )
    parser.add_argument("--db-down", type=float, default=5.0, help="seconds PostgreSQL is down")
    parser.add_argument(
        "--drain-limit",
        type=float,
        default=120.0,
        help="seconds to wait for the journal to be applied and the replies sent",
    )
    parser.add_argument("--safety-net", choices=["on", "off"], default="on")
    parser.add_argument("--workers", type=int, default=1, help="QUITBOT_WORKERS for serve")
    parser.add_argument("--label", default=_commit())
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    kinds = ["sqlite", "postgresql"] if args.db == "all" else [args.db]
    only_restart = args.db_restart == "only"
    began = time.monotonic()
    fakes = Fakes(free_port())
    ceiling: dict[str, Any] = {}
    peer: dict[str, Any] = {}
    runs: dict[str, dict[str, dict[str, Any]]] = {}
    crashes: dict[str, dict[str, Any]] = {}
    restart: dict[str, Any] = {}
    try:
        if not only_restart:
            say("ceiling ...")
            ceiling = run_ceiling(args)
            say(f"ceiling: {_brief(ceiling)}")
            if not args.no_peer:
                say("peer ...")
                peer = run_peer(args, fakes)
                say(f"peer: {_brief(peer)}")
            for kind in kinds:
                say(f"quitbot on {kind} ...")
                runs[kind] = run_quitbot(args, kind, fakes)
                if not args.no_crash:
                    crashes[kind] = run_crash(args, kind, fakes)
                    say(f"{kind} crash: {_brief(crashes[kind])}")
        if args.db_restart != "off" and "postgresql" in kinds:
            say("PostgreSQL restart ...")
            restart = run_db_restart(args, fakes)
            say(f"restart: {_brief(restart)}")
    finally:
        fakes.close()
    report = table(
        args, ceiling, peer, runs, crashes, restart, minutes=(time.monotonic() - began) / 60
    )
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
