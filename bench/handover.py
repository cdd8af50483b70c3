"""Handover at scale: the console's service functions with 10,000 participants, 500 waiting
and 50 advisors, on SQLite and PostgreSQL (server time, no HTTP).

Targets from the console issue: the queue (a page of 50 rows, urgent first then the longest
waiting, and the counts of the whole queue, as the console reads it) in under 100 ms at p99;
a takeover, a reply and a hand-back each under 50 ms.
Run: `python -m bench.handover [--db sqlite|postgresql|all]`; the figures go to
`bench/handover-results.md` (overwritten) and stdout.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session

from bench.common import say
from bench.dispatch import database, database_version
from bot.channels.recording import RecordingSender
from bot.handover import Acting, View
from bot.services import build_services
from bot.settings import Settings
from flows import Channel, Conversation, Stage
from flows.owner import Owner, OwnerKind
from scheduler import ManualClock
from storage import (
    conversations,
    make_engine,
    nudges,
    participants,
    providers,
    transcript,
    upgrade,
)
from storage.tables import AdvisorRequest, Participant

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
TARGETS_MS = {"queue": 100.0, "take_over": 50.0, "reply": 50.0, "hand_back": 50.0}
RESULTS = Path(__file__).with_name("handover-results.md")


def seed(engine: Any, count: int, waiting: int, advisors: int) -> list[Acting]:
    """One provider, `advisors` advisors, `count` quitting participants with a short thread
    and a pending check-in each; the first `waiting` of them wait for a person."""
    rng = random.Random(10)
    with Session(engine) as session, session.begin():
        provider_id = providers.add_provider(
            session=session, name="Bench", hours="24/7", timezone="Europe/London", now=NOW
        )
        acting = [
            Acting(
                providers.add_advisor(
                    session=session,
                    provider_id=provider_id,
                    email=f"a{n}@bench.example",
                    role="advisor",
                    password_hash="x",
                    now=NOW,
                ),
                provider_id,
                f"a{n}@bench.example",
                "advisor",
            )
            for n in range(advisors)
        ]
    base = Conversation(stage=Stage.QUITTING, attempt=1, plan=1)
    for first in range(0, count, 500):
        with Session(engine) as session, session.begin():
            for number in range(first, min(first + 500, count)):
                day = rng.randrange(1, 28)
                joined = NOW - timedelta(days=day + 7)
                address = f"web-bench-{number:06d}"
                pid = participants.create(
                    session=session, channel="web", address=address, now=joined
                )
                session.get(Participant, pid).provider_id = provider_id  # type: ignore[union-attr]
                since = NOW - timedelta(minutes=rng.randrange(1, 600))
                owner = (
                    Owner(OwnerKind.WAITING, reason="asked", urgent=number % 50 == 0, since=since)
                    if number < waiting
                    else Owner()
                )
                conversation = replace(
                    base, quit_date=(NOW - timedelta(days=day)).date(), owner=owner
                )
                conversations.insert(
                    session=session, participant_id=pid, conversation=conversation, now=joined
                )
                for hours in (30, 20, 10):
                    transcript.record_inbound(
                        session=session,
                        participant_id=pid,
                        channel="web",
                        address=address,
                        body="no",
                        has_media=False,
                        provider_id=None,
                        now=NOW - timedelta(hours=hours),
                    )
                nudges.schedule(
                    session=session,
                    participant_id=pid,
                    kind="check_in",
                    day=day + 1,
                    plan=1,
                    due_at=NOW + timedelta(hours=rng.randrange(1, 24)),
                    now=joined,
                )
                if number < waiting:
                    session.add(
                        AdvisorRequest(
                            participant_id=pid,
                            reason="asked",
                            urgent=owner.urgent,
                            created_at=since,
                        )
                    )
        say(f"handover: seeded {min(first + 500, count):,}")
    return acting


async def timed(call: Awaitable[object]) -> float:
    started = time.perf_counter()
    await call
    return (time.perf_counter() - started) * 1000


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {"p50": round(statistics.median(ordered), 2), "p99": round(p99, 2)}


async def measure(url: str, count: int, waiting: int, rounds: int) -> dict[str, Any]:
    engine = make_engine(url)
    upgrade(engine)
    acting = seed(engine, count, waiting, 50)
    if engine.dialect.name == "postgresql":  # statistics, as autovacuum would have them
        with engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
            connection.commit()
    clock = ManualClock(NOW)
    settings = Settings.from_env({}, dotenv=None)
    senders = {c.value: RecordingSender() for c in Channel}
    services = build_services(settings, engine=engine, clock=clock, senders=senders)
    handover = services.handover
    queue = await handover.queue(acting[0], view=View.WAITING, limit=waiting)
    figures: dict[str, list[float]] = {name: [] for name in TARGETS_MS}
    figures["participant page"] = []
    for _ in range(rounds):
        # What the console reads for the queue page: its first 50 rows and all the counts.
        figures["queue"].append(await timed(handover.queue_page(acting[0], view=View.ALL)))
    for n, entry in enumerate(queue[:rounds]):
        advisor = acting[n % len(acting)]
        pid = entry.participant_id
        figures["take_over"].append(await timed(handover.take_over(advisor, pid)))
        figures["reply"].append(await timed(handover.reply(advisor, pid, "Hello")))
        figures["participant page"].append(await timed(handover.participant(advisor, pid)))
        figures["hand_back"].append(await timed(handover.hand_back(advisor, pid)))
    result = {
        "database": database_version(engine),
        "participants": count,
        "waiting": waiting,
        "rounds": rounds,
        **{name: summary(samples) for name, samples in figures.items()},
    }
    engine.dispose()
    return result


def markdown(results: list[dict[str, Any]]) -> str:
    lines = [
        "# Handover benchmark",
        "",
        "Server time of `bot/handover.py` calls (no HTTP), written by `python -m bench.handover`.",
        "",
        "| database | call | p50 ms | p99 ms | target p99 |",
        "|---|---|---|---|---|",
    ]
    for result in results:
        for name in ("queue", "take_over", "reply", "hand_back", "participant page"):
            figure = result[name]
            target = TARGETS_MS.get(name)
            mark = (
                ""
                if target is None
                else (f"{target:g}" + (" MISSED" if figure["p99"] > target else ""))
            )
            lines.append(
                f"| {result['database']} | {name} | {figure['p50']} | {figure['p99']} | {mark} |"
            )
    first = results[0] if results else {}
    lines += [
        "",
        f"{first.get('participants', 0):,} participants, {first.get('waiting', 0)} waiting, "
        f"50 advisors; {first.get('rounds', 0)} calls of each.",
    ]
    return "\n".join(lines) + "\n"


Measure = Callable[[str, int, int, int], Coroutine[Any, Any, dict[str, Any]]]


def run_on_databases(
    prog: str,
    measure: Measure,
    markdown: Callable[[list[dict[str, Any]]], str],
    results_file: Path,
    argv: Sequence[str] | None = None,
) -> None:
    """The command line both advisor benchmarks share (this one and bench/console.py): the
    same seeded world on each database, measured, written to `results_file` and printed."""
    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "all"), default="all")
    parser.add_argument("--participants", type=int, default=10_000)
    parser.add_argument("--waiting", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args(argv)
    kinds = ["sqlite", "postgresql"] if args.db == "all" else [args.db]
    results = []
    for kind in kinds:
        with database(kind) as url:
            results.append(asyncio.run(measure(url, args.participants, args.waiting, args.rounds)))
    text = markdown(results)
    results_file.write_text(text)
    print(text)


def main(argv: Sequence[str] | None = None) -> None:
    run_on_databases("python -m bench.handover", measure, markdown, RESULTS, argv)


if __name__ == "__main__":
    main()
