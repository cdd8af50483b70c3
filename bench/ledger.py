"""Benchmark: the milestone ledger, a month's statement and the full report for a year.

Target (issue 11): the ledger and a full report for 100,000 participants over a year build in
under 30 s on SQLite and PostgreSQL, with memory reported; a month's statement for one provider
in under 2 s.

The database is seeded in bulk (core inserts) with `count` participants spread over five
providers with tariffs, each with a conversation, a quit attempt set on a day of the year,
and (by a seeded random draw) a 4-week answer (45% quit, 25% not quit, the rest lost to follow-up),
a CO reading for 60% of the quitters, a 12-week answer for 60% of them, and an advisor taking
over for 30% of people. Then, timed separately:

* ledger: `storage.ledger.derive` from nothing, every milestone priced, in one transaction;
* ledger again: the same with nothing new (what a ticker's full pass costs);
* statement: `bot.ledger.statement` for the largest provider and the month the rows were
  recorded in (all of them: a pessimistic statement holding a whole year's rows);
* report: `bot.reports.build` for the year (tables, three SVG charts, HTML).

Run on its own: `python -m bench.ledger --db sqlite --participants 100000`.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert
from sqlmodel import Session, func, select

from bench.common import current_rss_mib, emit, peak_rss_mib, say
from bench.dispatch import database, database_version
from bot.ledger import statement
from bot.reports import build
from flows.milestones import Definition
from flows.model import Conversation, Profile, Stage, WorkPattern
from flows.serialize import conversation_to_dict
from storage import ledger, make_engine, upgrade
from storage.tables import (
    Advisor,
    ClinicalRecord,
    ConversationRow,
    LedgerEntry,
    OutcomeRow,
    OwnerChange,
    Participant,
    Provider,
    QuitAttempt,
)

DEFAULT_PARTICIPANTS = 100_000
TARGET_BUILD_SECONDS = 30.0
TARGET_STATEMENT_SECONDS = 2.0
PROVIDERS = 5
YEAR_START = datetime(2025, 12, 1, tzinfo=UTC)
NOW = datetime(2026, 12, 15, 12, tzinfo=UTC)
BATCH = 5000
TARIFF = """version = "bench"
effective_from = 2025-01-01
[amounts]
engaged = 20
4_week_self_reported = 40
4_week_co_verified = 120
12_week_quit = 80
[uplifts.night_workers]
percent = 15
[uplifts.age_18_34]
percent = 10
"""


def seed(engine: Engine, count: int, rng: random.Random) -> None:
    """`count` people with a year's quit attempts and their evidence (bulk inserts)."""
    with Session(engine) as session, session.begin():
        for n in range(PROVIDERS):
            provider = Provider(name=f"Provider {n + 1}", created_at=YEAR_START)
            session.add(provider)
            session.flush()
            assert provider.id is not None
            ledger.add_tariff(session=session, provider_id=provider.id, source=TARIFF, now=NOW)
            session.add(
                Advisor(
                    provider_id=provider.id,
                    email=f"a{n}@bench.example",
                    password_hash="x",
                    created_at=YEAR_START,
                )
            )
    patterns = list(WorkPattern)
    states = [
        conversation_to_dict(
            Conversation(
                stage=Stage.QUITTING,
                profile=Profile(age=age, work_pattern=pattern, role=role, postcode="LS9 6AB"),
                attempt=1,
            )
        )
        for age in (22, 30, 41, 55)
        for pattern in patterns
        for role in ("nurse", "porter")
    ]
    for start in range(0, count, BATCH):
        ids = range(start + 1, min(count, start + BATCH) + 1)
        rows: dict[str, list[dict[str, Any]]] = {k: [] for k in ("p", "c", "q", "o", "r", "w")}
        for pid in ids:
            provider = pid % PROVIDERS + 1
            set_at = YEAR_START + timedelta(days=rng.randrange(300), hours=rng.randrange(24))
            quit_date = (set_at + timedelta(days=rng.randrange(1, 14))).date()
            rows["p"].append({"id": pid, "created_at": set_at, "provider_id": provider})
            rows["c"].append(
                {
                    "participant_id": pid,
                    "stage": "quitting",
                    "locale": "en_GB",
                    "opted_out": False,
                    "state": rng.choice(states),
                    "version": 1,
                    "updated_at": set_at,
                }
            )
            rows["q"].append(
                {"participant_id": pid, "attempt": 1, "quit_date": quit_date, "set_at": set_at}
            )
            if rng.random() < 0.3:  # taken over, then a first appointment (what engages)
                at = set_at + timedelta(days=2)
                rows["w"].append(_owner_change(pid, provider, at))
                rows["r"].append(_appointment(pid, provider, at))
            draw = rng.random()
            result = "quit" if draw < 0.45 else "not_quit" if draw < 0.7 else "lost_to_follow_up"
            rows["o"].append(
                _outcome(
                    pid, quit_date, "4_week", result, 28 if result != "lost_to_follow_up" else 43
                )
            )
            if result == "quit":
                if rng.random() < 0.6:
                    rows["r"].append(_reading(pid, provider, quit_date, rng.randrange(1, 9)))
                if rng.random() < 0.6:
                    rows["o"].append(_outcome(pid, quit_date, "12_week", "quit", 84))
        with engine.begin() as connection:
            for table, key in (
                (Participant, "p"),
                (ConversationRow, "c"),
                (QuitAttempt, "q"),
                (OwnerChange, "w"),
                (OutcomeRow, "o"),
                (ClinicalRecord, "r"),
            ):
                if rows[key]:
                    connection.execute(insert(table), rows[key])  # type: ignore[arg-type]
        say(f"  seeded {ids[-1]:,} of {count:,}")


def _at(quit_date: date, day: int) -> datetime:
    return datetime.combine(quit_date + timedelta(days=day), datetime.min.time(), UTC).replace(
        hour=12
    )


def _outcome(pid: int, quit_date: date, kind: str, result: str, day: int) -> dict[str, Any]:
    return {
        "participant_id": pid,
        "attempt": 1,
        "kind": kind,
        "result": result,
        "quit_date": quit_date,
        "day": day,
        "evidence": {"asked": [], "answer_message_id": None, "smoked_days": []},
        "recorded_at": _at(quit_date, day),
    }


def _reading(pid: int, advisor: int, quit_date: date, ppm: int) -> dict[str, Any]:
    return {
        "participant_id": pid,
        "advisor_id": advisor,
        "attempt": 1,
        "kind": "co_reading",
        "happened_at": _at(quit_date, 29),
        "ppm": ppm,
        "device": "bench",
        "note": "",
        "recorded_at": _at(quit_date, 29),
    }


def _appointment(pid: int, advisor: int, at: datetime) -> dict[str, Any]:
    return {
        "participant_id": pid,
        "advisor_id": advisor,
        "attempt": 1,
        "kind": "first_appointment",
        "happened_at": at,
        "ppm": None,
        "device": "",
        "note": "",
        "recorded_at": at,
    }


def _owner_change(pid: int, advisor: int, at: datetime) -> dict[str, Any]:
    return {
        "participant_id": pid,
        "before": "waiting",
        "after": "advisor",
        "advisor_id": advisor,
        "by_advisor_id": advisor,
        "urgent": False,
        "why": "taken over",
        "created_at": at,
    }


def run(kind: str, count: int) -> dict[str, Any]:
    """Seed, then time the ledger, an idle re-run, a statement and the report."""
    rng = random.Random(11)
    with database(kind) as url:
        engine = make_engine(url)
        upgrade(engine)
        version = database_version(engine)
        say(f"{kind}: seeding {count:,} participants")
        seed(engine, count, rng)
        rss_before = current_rss_mib()
        load_before = os.getloadavg()[0]  # the machine is shared: say how busy it was

        started, cpu = time.perf_counter(), time.process_time()
        with Session(engine) as session, session.begin():
            added = ledger.derive(session=session, now=NOW)
        ledger_seconds = time.perf_counter() - started
        ledger_cpu = time.process_time() - cpu
        say(f"{kind}: ledger {added:,} rows in {ledger_seconds:.1f} s")

        started = time.perf_counter()
        with Session(engine) as session, session.begin():
            again = ledger.derive(session=session, now=NOW)
        again_seconds = time.perf_counter() - started

        with Session(engine, expire_on_commit=False) as session:
            provider = session.get(Provider, 1)
            assert provider is not None
            started, cpu = time.perf_counter(), time.process_time()
            text = statement(session, provider, NOW.strftime("%Y-%m"))
            statement_seconds = time.perf_counter() - started
            statement_cpu = time.process_time() - cpu
            rows = session.exec(
                select(func.count()).select_from(LedgerEntry).where(LedgerEntry.provider_id == 1)
            ).one()
        say(f"{kind}: statement of {rows:,} rows in {statement_seconds:.2f} s")

        with tempfile.TemporaryDirectory(prefix="quitbot-report-") as folder:
            started, cpu = time.perf_counter(), time.process_time()
            made = build(
                engine=engine,
                start=YEAR_START,
                end=YEAR_START + timedelta(days=365),
                now=NOW,
                definition=Definition(),
                out=Path(folder),
            )
            report_seconds = time.perf_counter() - started
            report_cpu = time.process_time() - cpu
        say(f"{kind}: report for {made.people:,} people in {report_seconds:.1f} s")
        engine.dispose()
    build_seconds = ledger_seconds + report_seconds
    return {
        "bench": "ledger",
        "db": kind,
        "db_version": version,
        "participants": count,
        "ledger_rows": added,
        "ledger_seconds": ledger_seconds,
        "rederive_added": again,
        "rederive_seconds": again_seconds,
        "statement_rows": rows,
        "statement_bytes": len(text),
        "statement_seconds": statement_seconds,
        "report_seconds": report_seconds,
        # This process's own CPU time (not the database server's): on a shared machine the
        # wall times above include waiting for a CPU; these do not.
        "ledger_cpu_seconds": ledger_cpu,
        "statement_cpu_seconds": statement_cpu,
        "report_cpu_seconds": report_cpu,
        "build_seconds": build_seconds,
        "target_build_seconds": TARGET_BUILD_SECONDS,
        "target_statement_seconds": TARGET_STATEMENT_SECONDS,
        "load_average": [load_before, os.getloadavg()[0]],
        "cpu_count": os.cpu_count(),
        "peak_rss_mib": peak_rss_mib(),
        "rss_growth_mib": current_rss_mib() - rss_before,
        "met": build_seconds < TARGET_BUILD_SECONDS
        and statement_seconds < TARGET_STATEMENT_SECONDS
        and again == 0,
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.ledger")
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--participants", type=int, default=DEFAULT_PARTICIPANTS)
    options = parser.parse_args(argv)
    emit(run(options.db, options.participants))


if __name__ == "__main__":
    main()
