"""Benchmark: the outgoing path through faults, counted (issue 13: once, in order, isolated).

Real twilio and python-telegram-bot clients talk HTTP to the fake providers on loopback
(`tests/fakes`), through the real dispatcher and outbox on a real database:

* timeout: a Twilio that takes every reply but answers after the client's timeout (the issue
  measured 34 of 40 sent twice). Drained in virtual time; lost and duplicated counted from what
  the fake took.
* hang: a Twilio that hangs (answers nothing for longer than the client waits) while Telegram and
  web chat replies are written: how long those took, against the same run with Twilio healthy.
* outage: a Twilio that answers every send with a 503 for four hours (virtual time) while
  people write, then recovers: replies failed for good (the dispatcher gives up only after a
  day), sent twice, and the backlog's age that /healthz showed at the outage's end.
* order: two dispatchers (separate connection pools, as two servers have) draining one database
  while people write, small claims so they interleave: people whose messages left out of the
  order they were written, and messages sent twice.

Run: `.venv/bin/python -m bench.send_faults [--db sqlite|postgresql|all]`; writes
`bench/send-faults-results.md`. Figures, not asserts: nothing here fails because it is slow.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import random
import statistics
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, text
from sqlmodel import Session

from bot.channels.base import InboundMessage, SendResult
from bot.channels.recording import RecordingSender
from bot.channels.sms import TwilioSender
from bot.channels.telegram_bot import TelegramSender
from bot.dispatcher import CHECK_AFTER
from bot.services import Services, build_services
from bot.settings import Settings
from flows import Channel
from scheduler import ManualClock, SystemClock
from storage import make_engine, outbox, upgrade
from storage.outbox import Outgoing
from tests.fakes import telegram_fake, twilio_fake
from tests.fakes.loopback import serve

RESULTS = Path(__file__).with_name("send-faults-results.md")
POSTGRES_URL = os.environ.get(
    "QUITBOT_BENCH_POSTGRES_URL",
    os.environ.get(
        "QUITBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    ),
)
START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def fresh_engine(db: str, folder: Path) -> tuple[Engine, str]:
    if db == "sqlite":
        url = f"sqlite:///{folder / f'q-{random.getrandbits(32)}.db'}"
    else:
        schema = f"bench_{random.getrandbits(40):x}"
        admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        admin.dispose()
        url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    engine = make_engine(url)
    upgrade(engine)
    return engine, url


def settings() -> Settings:
    return Settings.from_env({"QUITBOT_PUBLIC_URL": "https://quitbot.example"}, dotenv=None)


def twilio_sender(base: str, timeout: float) -> TwilioSender:
    return TwilioSender(
        account_sid=twilio_fake.ACCOUNT_SID,
        auth_token=twilio_fake.AUTH_TOKEN,
        from_number=twilio_fake.FROM_NUMBER,
        messaging_service_sid=None,
        api_base=base,
        status_callback=None,
        timeout=timeout,
    )


async def timeout_run(engine: Engine, replies_people: int = 20) -> dict[str, Any]:
    """Every create answered after the client gave up; drained in virtual time."""
    fake = twilio_fake.FakeTwilio()
    clock = ManualClock(START)
    with serve(fake.app()) as base:
        sms = twilio_sender(base, timeout=1.0)
        services = build_services(settings(), engine=engine, clock=clock, senders={"sms": sms})
        fake.stall_next(1.5, times=replies_people * 2)  # every reply, first time round
        for n in range(replies_people):
            await services.runner.receive(InboundMessage(Channel.SMS, f"+4477009{n:05d}", "hi"))
        rounds = 0
        while rounds < 20:
            await services.dispatcher.flush()
            if not _unsent(engine):
                break
            clock.advance(CHECK_AFTER)
            rounds += 1
        await sms.aclose()
    timed_out = replies_people * 2 - len(fake.stalls)  # creates answered after the timeout
    return {**_taken(fake, engine), "timed_out": timed_out, "lookups": fake.lookups}


def _taken(fake: twilio_fake.FakeTwilio, engine: Engine) -> dict[str, int]:
    """Replies written, those the fake Twilio never took (lost), and those it took twice."""
    taken = Counter((m["To"], m["Body"]) for m in fake.sent)
    written = _outbound(engine)
    return {
        "replies": len(written),
        "lost": sum(1 for row in written if (row[0], row[1]) not in taken),
        "duplicates": sum(count - 1 for count in taken.values()),
    }


OUTAGE = timedelta(hours=4)


async def outage_run(engine: Engine, people: int = 20) -> dict[str, Any]:
    """Twilio down (a 503 to every send) for OUTAGE of virtual time while people write, the
    dispatcher trying as it does; then Twilio back: what was lost, failed, sent twice."""
    fake = twilio_fake.FakeTwilio()
    clock = ManualClock(START)
    with serve(fake.app()) as base:
        sms = twilio_sender(base, timeout=10.0)
        services = build_services(settings(), engine=engine, clock=clock, senders={"sms": sms})
        fake.fail_next(503, times=1_000_000)
        began = clock.now()
        n = 0
        while clock.now() - began < OUTAGE:
            if n < people:  # someone writes every ten minutes, for the first hours
                said = InboundMessage(Channel.SMS, f"+4477007{n:05d}", "hi")
                await services.runner.receive(said)
                n += 1
            await services.dispatcher.flush()
            clock.advance(timedelta(minutes=10))
        with Session(engine) as session:
            shown = outbox.backlog(session=session, now=clock.now())
        failed_during = sum(1 for row in _outbound(engine) if row[2] == "failed")
        tries = fake.creates
        sent_during = len(fake.sent)
        with fake.lock:
            fake.failures.clear()  # Twilio is back
        rounds = 0
        while _unsent(engine) and rounds < 20:
            clock.advance(timedelta(minutes=10))
            await services.dispatcher.flush()
            rounds += 1
        await sms.aclose()
    return {
        **_taken(fake, engine),
        "sent_during_outage": sent_during,
        "failed_during_outage": failed_during,
        "failed": sum(1 for row in _outbound(engine) if row[2] == "failed"),
        "tries_during_outage": tries,
        "healthz_waiting": sum(b.waiting for b in shown.values()),
        "healthz_oldest_h": round(
            max((b.oldest_seconds for b in shown.values()), default=0) / 3600, 2
        ),
        "sent_within_min": rounds * 10,
    }


async def hang_run(engine: Engine, hang: bool, people: int = 20) -> dict[str, Any]:
    """Telegram and web chat reply times (receive to the provider having it), Twilio hanging."""
    fake_sms, fake_tg = twilio_fake.FakeTwilio(), telegram_fake.FakeTelegram()
    with serve(fake_sms.app()) as sms_base, serve(fake_tg.app()) as tg_base:
        from telegram import Bot

        from bot.channels.telegram_request import AiohttpRequest

        sms = twilio_sender(sms_base, timeout=10.0)
        bot = Bot(telegram_fake.TOKEN, base_url=f"{tg_base}/bot", request=AiohttpRequest())
        await bot.initialize()
        seen: dict[str, float] = {}

        class Web(RecordingSender):
            async def send(self, message: Outgoing) -> SendResult:
                seen.setdefault(message.address, time.perf_counter())
                return await super().send(message)

        class Telegram(TelegramSender):
            async def send(self, message: Outgoing) -> SendResult:
                result = await super().send(message)
                seen.setdefault(message.address, time.perf_counter())
                return result

        senders = {"sms": sms, "telegram": Telegram(bot), "web": Web()}
        services = build_services(settings(), engine=engine, clock=SystemClock(), senders=senders)
        if hang:
            fake_sms.hang_next(12.0, times=people * 2)
        running = asyncio.create_task(services.dispatcher.run())
        await asyncio.sleep(0)
        for n in range(people):
            await services.runner.receive(InboundMessage(Channel.SMS, f"+4477008{n:05d}", "hi"))
        await asyncio.sleep(0.2)  # the SMS batch is out, and hanging
        started: dict[str, float] = {}
        for n in range(people):
            for channel, address in ((Channel.TELEGRAM, str(9000 + n)), (Channel.WEB, f"w{n}")):
                started[address] = time.perf_counter()
                await services.runner.receive(InboundMessage(channel, address, "hi"))
        deadline = time.perf_counter() + 60
        while len([a for a in started if a in seen]) < len(started):
            if time.perf_counter() > deadline:
                break
            await asyncio.sleep(0.01)
        waits = [seen[a] - started[a] for a in started if a in seen]
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)
        await sms.aclose()
        await bot.shutdown()
    return {
        "replies": len(started),
        "sms_hung": people * 2 - len(fake_sms.stalls) if hang else 0,
        "answered": len(waits),
        "p50_ms": round(statistics.median(waits) * 1000, 1) if waits else None,
        "max_ms": round(max(waits) * 1000, 1) if waits else None,
    }


async def order_run(engine: Engine, url: str, people: int = 200) -> dict[str, Any]:
    """Two dispatchers on one database while people write: order and duplicates."""
    log: list[Outgoing] = []
    by_server: Counter[int] = Counter()

    class Jittery:
        def __init__(self, server: int) -> None:
            self.server = server

        async def send(self, message: Outgoing) -> SendResult:
            await asyncio.sleep(random.uniform(0, 0.003))
            log.append(message)
            by_server[self.server] += 1
            return SendResult(provider_id=f"j-{message.id}")

    clock = ManualClock(START)
    second = make_engine(url)
    servers: list[Services] = [
        build_services(settings(), engine=e, clock=clock, senders={"web": Jittery(n)})
        for n, e in enumerate((engine, second))
    ]
    for server in servers:
        server.dispatcher._batch = 10
    names = [f"p{n}" for n in range(people)]
    writing = True

    async def write() -> None:
        nonlocal writing
        for said in ("hi", "yes", "35"):
            for n, name in enumerate(names):
                await servers[n % 2].runner.receive(InboundMessage(Channel.WEB, name, said))
                if n % 10 == 0:
                    await asyncio.sleep(0)
        writing = False

    async def drain(server: Services) -> None:
        while writing:
            await server.dispatcher.flush()
            await asyncio.sleep(0.002)

    began = time.perf_counter()
    await asyncio.gather(write(), drain(servers[0]), drain(servers[1]))
    await asyncio.gather(*(s.dispatcher.flush() for s in servers))
    elapsed = time.perf_counter() - began
    second.dispose()
    ids = Counter(m.id for m in log)
    out_of_order = 0
    for name in names:
        theirs = [m.id for m in log if m.address == name]
        out_of_order += theirs != sorted(theirs)
    return {
        "people": people,
        "messages": len(ids),
        "duplicates": sum(c - 1 for c in ids.values()),
        "people_out_of_order": out_of_order,
        "unsent": len(_unsent(engine)),
        "sent_by_first": by_server[0],
        "sent_by_second": by_server[1],
        "seconds": round(elapsed, 1),
    }


def _outbound(engine: Engine) -> list[tuple[str, str, str]]:
    with engine.connect() as connection:
        return [
            (r[0], r[1], r[2])
            for r in connection.execute(
                text("SELECT address, body, status FROM message WHERE direction = 'out'")
            )
        ]


def _unsent(engine: Engine) -> list[tuple[str, str, str]]:
    return [row for row in _outbound(engine) if row[2] in ("queued", "sending", "unsure")]


RUNS = ("timeout", "hang", "healthy", "outage", "order")
NOTES = (
    "timeout: Twilio takes every reply and answers after the client's timeout (1 s here, 10 s "
    "in production); each maybe-sent reply is looked up before any resend.",
    "hang / healthy: Telegram and web chat replies (receive to the provider having them) "
    "while 20 people's SMS hang at Twilio, and with Twilio healthy.",
    "outage: Twilio answers every send with a 503 for four hours (virtual time) while 20 "
    "people write, then recovers; the backlog at its end as /healthz reports it (the same "
    "function).",
    "order: two dispatchers (two servers' connection pools), one database, 200 people writing "
    "three messages each.",
)


async def runs(dbs: list[str]) -> dict[str, dict[str, dict[str, Any]]]:
    """Every run on each database: {db: {run: figures}}."""
    found: dict[str, dict[str, dict[str, Any]]] = {}
    quiet = logging.getLogger("bot.dispatcher")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # a warning for each failed or doubtful try: not here
    with tempfile.TemporaryDirectory() as folder, contextlib.ExitStack() as after:
        after.callback(quiet.setLevel, level)
        for db in dbs:
            for name in RUNS:
                engine, url = fresh_engine(db, Path(folder))
                if name == "timeout":
                    figures = await timeout_run(engine)
                elif name in ("hang", "healthy"):
                    figures = await hang_run(engine, hang=name == "hang")
                elif name == "outage":
                    figures = await outage_run(engine)
                else:
                    figures = await order_run(engine, url)
                engine.dispose()
                print(f"{db} {name}: {shown(figures)}", flush=True)
                found.setdefault(db, {})[name] = figures
    return found


def shown(figures: dict[str, Any]) -> str:
    return ", ".join(f"{k} {v}" for k, v in figures.items())


def table(found: dict[str, dict[str, dict[str, Any]]]) -> list[str]:
    """The runs as a Markdown table, and what each run is."""
    lines = ["| db | run | figures |", "|---|---|---|"]
    for db, by_run in found.items():
        lines += [f"| {db} | {name} | {shown(figures)} |" for name, figures in by_run.items()]
    return [*lines, "", *(f"- {note}" for note in NOTES)]


async def main(dbs: list[str]) -> None:
    lines = [
        "# Outgoing path through faults (bench/send_faults.py)",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores.",
        "",
        *table(await runs(dbs)),
    ]
    RESULTS.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql", "all"), default="all")
    arguments = parser.parse_args()
    asyncio.run(main(["sqlite", "postgresql"] if arguments.db == "all" else [arguments.db]))
