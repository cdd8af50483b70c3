"""On PostgreSQL the hot per-person looks cost what the backlog holds, never its square, whatever
the planner's statistics say.

Statistics are taken when the outbox and the journal hold nothing waiting (autovacuum's last look
in a quiet hour); then a backlog builds (a surge, an outage). Told that almost nothing is queued,
the planner ran the claim's "nothing earlier of theirs unsent" as a loop over every unsent row
for every due one: 3 s a claim at 3,000 queued, replies 10 times slower. Each look is run here
under EXPLAIN ANALYZE on the statements the code really sends, and the rows it touches are
counted.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from storage import journal, outbox, participants
from tests.conftest import START
from tests.storage.selects import selects

PEOPLE = 300
HISTORY = 4  # sent messages and done journal rows each, before the statistics are taken


def _touched(plan: dict[str, Any]) -> int:
    """Rows a plan node and those under it produced or threw away, over all their loops."""
    loops = plan.get("Actual Loops", 1)
    here = (
        plan.get("Actual Rows", 0)
        + plan.get("Rows Removed by Filter", 0)
        + plan.get("Rows Removed by Join Filter", 0)
    ) * loops
    return int(here) + sum(_touched(child) for child in plan.get("Plans", []))


def _most_touched(engine: Engine, statements: list[tuple[str, Any]]) -> int:
    worst = 0
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        cursor = raw.cursor()
        for statement, parameters in statements:
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {statement}", parameters)
            row = cursor.fetchone()
            assert row is not None
            found = row[0]
            plan = (json.loads(found) if isinstance(found, str) else found)[0]["Plan"]
            worst = max(worst, _touched(plan))
        raw.rollback()
    return worst


def test_claims_and_journal_looks_stay_linear_with_stale_statistics(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's planner")
    before = START - timedelta(hours=1)
    people: list[tuple[int, str]] = []
    with Session(engine) as session, session.begin():
        for n in range(PEOPLE):
            address = f"+4477009{n:05d}"
            pid = participants.create(session=session, channel="sms", address=address, now=before)
            people.append((pid, address))
            for k in range(HISTORY):
                outbox.enqueue(
                    session=session, participant_id=pid, channel="sms", address=address,
                    body=f"earlier {k}", locale="en", sent_by="bot", message_key=None,
                    now=before, priority=0,
                )  # fmt: skip
        session.execute(text("UPDATE message SET status = 'sent', next_attempt_at = NULL"))
        arrivals = [
            journal.Arrival("sms", f"old-{n}-{k}", address, "hi")
            for n, (_, address) in enumerate(people)
            for k in range(HISTORY)
        ]
        journal.write(connection=session.connection(), arrivals=arrivals, now=before)
        session.execute(text("UPDATE inbound_journal SET status = 'done'"))
    with engine.begin() as connection:  # nothing waits: the statistics say so
        connection.execute(text("ANALYZE"))

    # The backlog: three replies queued for everyone, the first of half of them in flight
    # (so the two behind it wait), and three messages each waiting in the journal.
    with Session(engine) as session, session.begin():
        for pid, address in people:
            for k in range(3):
                outbox.enqueue(
                    session=session, participant_id=pid, channel="sms", address=address,
                    body=f"reply {k}", locale="en", sent_by="bot", message_key=None,
                    now=START, priority=0, choices=("Yes", "No") if k == 2 else (),
                )  # fmt: skip
        session.execute(
            text(
                "UPDATE message SET status = 'sending', next_attempt_at = :later "
                "WHERE id IN (SELECT min(id) FROM message WHERE status = 'queued' "
                "AND participant_id % 2 = 0 GROUP BY participant_id)"
            ),
            {"later": START + timedelta(minutes=1)},
        )
        arrivals = [
            journal.Arrival("sms", f"new-{n}-{k}", address, "yes")
            for n, (_, address) in enumerate(people)
            for k in range(3)
        ]
        journal.write(connection=session.connection(), arrivals=arrivals, now=START)
    backlog = 3 * PEOPLE

    def claim() -> None:
        with Session(engine) as session:
            taken = outbox.claim_due(session=session, now=START, channel="sms", limit=100)
            session.rollback()
        assert len(taken) == 300  # 100 heads, of people with nothing in flight, and theirs
        assert {m.participant_id for m in taken} <= {p for p, _ in people if p % 2}

    def first_in_line() -> None:
        with engine.connect() as connection:
            first = journal.first_waiting(
                connection=connection, people=[("sms", a) for _, a in people[:64]]
            )
        assert len(first) == 64

    def buttons() -> None:
        with Session(engine) as session:
            showing = outbox.buttons_showing(
                session=session, participant_ids=[p for p, _ in people[:64]]
            )
        assert len(showing) == 64

    for work in (claim, first_in_line, buttons):
        touched = _most_touched(engine, selects(engine, work))
        # Linear: a few passes over the backlog at most (the square would be ~100 times more).
        assert touched <= 6 * backlog + 20 * PEOPLE, (work.__name__, touched)
