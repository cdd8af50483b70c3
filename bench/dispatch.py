"""Benchmark: claim due nudges, run the real flows and send the outbox through fake senders.

Target (the nudges issue): at least 1,000 nudges a second, claimed and dispatched.

The database (a SQLite file in a temporary folder, or a PostgreSQL database made for the run
and dropped after it) is migrated with `storage.migrate.upgrade` and seeded through the storage
repositories with `count` participants. Each has a quitting conversation (quit date some days
ago, plan 1), one message they wrote (so `transcript.last_addresses` finds where to reply), one
earlier check-in already sent, and one check-in nudge due now, stamped with plan 1.

Then, timed separately:

* fire: `Runner.fire_due_now()` in a loop until it takes none. Each round claims up to 500
  nudges, fed in groups of 100, one transaction a group (load the conversations,
  `flows.step`, render, outbox rows, save, settle), exactly as the ticker runs it.
* dispatch: `Dispatcher.flush()` sends every queued outbox row through an in-process sender
  that only counts (no network), claiming 100 at a time, people side by side, and marking each
  batch sent in one transaction.

Services are wired by `bot.services.build_services` with injected senders, which means no
pacing (`Pacer({})`): the provider token buckets would otherwise cap SMS at 10/s.

Run on its own: `python -m bench.dispatch --db sqlite --participants 10000`.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import random
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, func, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, col, select

from bench.common import current_rss_mib, emit, peak_rss_mib, say
from bot.channels.base import SendResult
from bot.services import build_services
from bot.settings import Settings
from flows import Channel, Conversation, Stage
from scheduler import ManualClock
from storage import conversations, make_engine, nudges, participants, transcript, upgrade
from storage.outbox import SENT, Outgoing
from storage.tables import MessageRow, Nudge

TARGET_PER_SECOND = 1000.0
DEFAULT_PARTICIPANTS = 10_000
POSTGRES_URL = os.environ.get(
    "QUITBOT_BENCH_POSTGRES_URL",
    os.environ.get(
        "QUITBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    ),
)
# Tuesday 24 November 2026, 12:00 UTC: every seeded nudge is due in the hour before.
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
SEED_BATCH = 500
CHANNELS = (Channel.SMS, Channel.TELEGRAM, Channel.WEB)
WELSH_SHARE = 0.1


class CountingSender:
    """A sender that accepts every message and only counts it (no network, no list kept)."""

    def __init__(self) -> None:
        self.sent = 0
        self.characters = 0

    async def send(self, message: Outgoing) -> SendResult:
        """Count `message` and say it went."""
        self.sent += 1
        self.characters += len(message.body)
        return SendResult(provider_id=f"bench-{message.id}")


def _address(channel: Channel, number: int) -> str:
    match channel:
        case Channel.SMS:
            return f"+4477009{number:05d}"
        case Channel.TELEGRAM:
            return str(700_000_000 + number)
        case _:
            return f"web-bench-{number:08d}"


def seed(engine: Engine, count: int, *, now: datetime, rng: random.Random) -> Counter[str]:
    """`count` quitting participants, each with one check-in nudge due before `now`."""
    base = Conversation(stage=Stage.QUITTING, timezone="Europe/London", attempt=1, plan=1)
    channels: Counter[str] = Counter()
    for first in range(0, count, SEED_BATCH):
        with Session(engine) as session, session.begin():
            for number in range(first, min(first + SEED_BATCH, count)):
                channel = CHANNELS[number % len(CHANNELS)]
                channels[channel.value] += 1
                address = _address(channel, number)
                day = rng.randrange(1, 28)
                joined = now - timedelta(days=day + 7)
                conversation = replace(
                    base,
                    quit_date=(now - timedelta(days=day)).date(),
                    locale="cy" if rng.random() < WELSH_SHARE else "en_GB",
                )
                pid = participants.create(
                    session=session, channel=channel.value, address=address, now=joined
                )
                conversations.insert(
                    session=session, participant_id=pid, conversation=conversation, now=joined
                )
                transcript.record_inbound(
                    session=session,
                    participant_id=pid,
                    channel=channel.value,
                    address=address,
                    body="hi",
                    has_media=False,
                    provider_id=None,
                    now=joined,
                )
                transcript.add(
                    session=session,
                    participant_id=pid,
                    channel=channel.value,
                    address=address,
                    direction="out",
                    body="yesterday's check-in",
                    sent_by="bot",
                    message_key="journey.check_in_smoked",
                    locale=conversation.locale,
                    status=SENT,
                    now=now - timedelta(days=1),
                )
                nudges.schedule(
                    session=session,
                    participant_id=pid,
                    kind="check_in",
                    day=day,
                    plan=conversation.plan,
                    due_at=now - timedelta(seconds=rng.randrange(1, 3600)),
                    now=joined,
                )
        if (first // SEED_BATCH) % 10 == 9:
            say(f"dispatch: seeded {first + SEED_BATCH:,}")
    return channels


@contextmanager
def database(kind: str, admin_url: str = POSTGRES_URL) -> Iterator[str]:
    """A fresh, empty database URL of `kind`, removed afterwards."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="quitbot-bench-") as folder:
            yield f"sqlite:///{Path(folder) / 'bench.db'}"
        return
    name = f"quitbot_bench_{os.getpid()}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def database_version(engine: Engine) -> str:
    """The server's version string (SQLite's library version for SQLite)."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            return "SQLite " + str(connection.execute(text("select sqlite_version()")).scalar())
        version = connection.execute(text("show server_version")).scalar()
        synchronous = connection.execute(text("show synchronous_commit")).scalar()
        fsync = connection.execute(text("show fsync")).scalar()
        return f"PostgreSQL {version} (synchronous_commit={synchronous}, fsync={fsync})"


def _counts(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        fired = session.exec(
            select(func.count()).select_from(Nudge).where(col(Nudge.status) == nudges.FIRED)
        ).one()
        left = session.exec(
            select(func.count())
            .select_from(Nudge)
            .where(col(Nudge.status).in_((nudges.PENDING, nudges.FIRING)))
        ).one()
        rows = session.exec(
            select(col(MessageRow.status), func.count())
            .where(col(MessageRow.direction) == "out")
            .group_by(col(MessageRow.status))
        ).all()
    return {"fired": fired, "left": left, **{f"out_{status}": n for status, n in rows}}


@contextmanager
def profiled(folder: Path | None, name: str) -> Iterator[None]:
    """Profile the block with cProfile into `folder/name.prof` when `folder` is given."""
    if folder is None:
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    profile = cProfile.Profile()
    profile.enable()
    try:
        yield
    finally:
        profile.disable()
        profile.dump_stats(folder / f"{name}.prof")
        say(f"dispatch: profile written to {folder / f'{name}.prof'}")


def run(kind: str, count: int, *, profile_to: Path | None = None) -> dict[str, Any]:
    """Run the dispatch benchmark on a fresh `kind` database and return its figures.

    With `profile_to`, the fire and dispatch phases are profiled (and so run slower).
    """
    rng = random.Random(2026)
    with database(kind) as url:
        engine = make_engine(url)
        try:
            upgrade(engine)
            version = database_version(engine)
            settings = Settings.from_env(
                {"QUITBOT_PUBLIC_URL": "https://quitbot.example", "QUITBOT_DATABASE_URL": url},
                dotenv=None,
            )
            clock = ManualClock(NOW)
            senders = {channel.value: CountingSender() for channel in Channel}
            services = build_services(settings, engine=engine, clock=clock, senders=senders)

            say(f"dispatch[{kind}]: seeding {count:,} participants ({version})")
            seeded_at = time.perf_counter()
            channels = seed(engine, count, now=NOW, rng=rng)
            seed_seconds = time.perf_counter() - seeded_at
            rss_before = current_rss_mib()

            say(f"dispatch[{kind}]: firing due nudges")
            started = time.perf_counter()
            fired, rounds = 0, 0
            with profiled(profile_to, f"fire-{kind}"):
                while taken := services.runner.fire_due_now():
                    fired += taken
                    rounds += 1
            fire_seconds = time.perf_counter() - started

            say(f"dispatch[{kind}]: sending {fired:,} queued messages")
            sending = time.perf_counter()
            with profiled(profile_to, f"dispatch-{kind}"):
                tried = asyncio.run(services.dispatcher.flush())
            dispatch_seconds = time.perf_counter() - sending
            total_seconds = time.perf_counter() - started
            rss_after = current_rss_mib()

            counts = _counts(engine)
            sent = sum(sender.sent for sender in senders.values())
        finally:
            engine.dispose()
    checks = {
        "every nudge fired": counts["fired"] == count and counts["left"] == 0,
        "every fired nudge queued one message": tried == fired == count,
        "every message reached a sender": sent == count,
        "nothing left queued": counts.get("out_queued", 0) == 0
        and counts.get("out_sending", 0) == 0,
    }
    end_to_end = count / total_seconds
    return {
        "bench": "dispatch",
        "db": kind,
        "db_version": version,
        "participants": count,
        "channels": dict(channels),
        "seed_seconds": seed_seconds,
        "fired": fired,
        "fire_rounds": rounds,
        "fire_seconds": fire_seconds,
        "fire_per_second": fired / fire_seconds,
        "sent": sent,
        "dispatch_seconds": dispatch_seconds,
        "dispatch_per_second": sent / dispatch_seconds,
        "total_seconds": total_seconds,
        "end_to_end_per_second": end_to_end,
        "target_per_second": TARGET_PER_SECOND,
        "met": end_to_end >= TARGET_PER_SECOND,
        "rss_growth_mib": rss_after - rss_before,
        "peak_rss_mib": peak_rss_mib(),
        "counts": counts,
        "checks": checks,
        "paced": False,
        "profiled": profile_to is not None,
    }


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: run the dispatch benchmark and print its figures as a result line."""
    parser = argparse.ArgumentParser(prog="python -m bench.dispatch", description=__doc__)
    parser.add_argument("--participants", type=int, default=DEFAULT_PARTICIPANTS)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument(
        "--profile", type=Path, default=None, metavar="DIR", help="write cProfile stats here"
    )
    options = parser.parse_args(argv)
    emit(run(options.db, options.participants, profile_to=options.profile))


if __name__ == "__main__":
    main()
