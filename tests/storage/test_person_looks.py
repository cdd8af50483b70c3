"""A person's own looks cost the same however many others there are: "when is my next
message?" (NEXT) finds their soonest wake-up, and a group of journal rows finds which of them
were applied already, each down an index, not along every pending wake-up or every key ever
taken. Both grew with the service on SQLite (a tenth more CPU a message every few minutes
under load), found by profiling the ingress benchmark's loads one after another."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from storage import journal, nudges, participants
from storage.journal import Entry
from tests.conftest import START
from tests.storage.selects import selects, sqlite_plan

PEOPLE = 60
WAKES = 20  # pending wake-ups each


def _people(engine: Engine) -> list[int]:
    with Session(engine) as session, session.begin():
        ids = [
            participants.create(
                session=session, channel="sms", address=f"+4477009{n:05d}", now=START
            )
            for n in range(PEOPLE)
        ]
        for k, pid in enumerate(ids):
            wakes = [
                ("check_in", day, START + timedelta(hours=day * 24 + k % 7))
                for day in range(1, WAKES + 1)
            ]
            nudges.schedule_many(
                session=session, participant_id=pid, plan=1, wakes=wakes, now=START
            )
    return ids


def test_next_finds_the_persons_soonest_wake_up_down_their_own_index(engine: Engine) -> None:
    ids = _people(engine)
    last = ids[-1]
    with Session(engine) as session, session.begin():
        nudges.cancel_pending(session=session, participant_id=ids[0], now=START)
        nudges.schedule(
            session=session, participant_id=last, kind="check_in", day=0, plan=1,
            due_at=START + timedelta(minutes=30), now=START,
        )  # fmt: skip

    found: dict[int, Any] = {}

    def look() -> None:
        with Session(engine) as session:
            for pid in (ids[0], ids[1], last):
                found[pid] = nudges.next_due(session=session, participant_id=pid)

    statements = selects(engine, look)
    assert found[ids[0]] is None  # all theirs cancelled: nothing planned
    assert found[ids[1]] == START + timedelta(hours=24 + 1)
    assert found[last] == START + timedelta(minutes=30)  # their extra one, not the plan's first
    if engine.dialect.name == "sqlite":
        for statement, parameters in statements:
            plan = sqlite_plan(engine, statement, parameters)
            assert any("ix_nudge_person" in step for step in plan), plan


def test_a_group_finds_which_of_its_rows_were_applied_down_the_key_index(engine: Engine) -> None:
    arrivals = [
        journal.Arrival("sms", f"SM{n:06d}", f"+44770090{n % 50:04d}", "hi") for n in range(400)
    ]
    arrivals += [journal.Arrival("telegram", str(n), str(7_000 + n), "hi") for n in range(400)]
    with engine.begin() as connection:
        written = journal.write(connection=connection, arrivals=arrivals, now=START)

    def entry(channel: str, key: str) -> Entry:
        return Entry(
            id=written[(channel, key)], channel=channel, address="x", body="hi",
            provider_id=key, has_media=False, carrier_opted_out=False, language_hint=None,
            attempts=1, key=key,
        )  # fmt: skip

    applied = [entry("sms", f"SM{n:06d}") for n in range(0, 400, 2)]
    applied += [entry("telegram", str(n)) for n in range(0, 400, 2)]
    with engine.begin() as connection:
        journal.mark_applied(connection=connection, entries=applied, now=START)

    group = [
        entry("sms", "SM000010"),  # applied
        entry("sms", "SM000011"),  # not
        entry("telegram", "10"),  # applied
        entry("telegram", "11"),  # not
        entry("telegram", "13"),  # not (SM000013's key on another channel says nothing)
    ]
    found: set[int] = set()

    def look() -> None:
        with engine.connect() as connection:
            found.update(journal.applied_among(connection=connection, entries=group))

    statements = selects(engine, look)
    assert found == {group[0].id, group[2].id}
    if engine.dialect.name == "sqlite":
        assert statements
        for statement, parameters in statements:
            plan = sqlite_plan(engine, statement, parameters)
            assert not any(step.startswith("SCAN inbound_key") for step in plan), plan
