"""The outbox's hot queries walk its partial indexes on SQLite, never the whole message table.

SQLite uses a partial index only when the query names the index's own values; a status given
as a bound parameter hid them, and every claim, every "anything due?" and every health check
read the whole message table (a fifth of the worker's time under load). Checked with SQLite's
own EXPLAIN QUERY PLAN on the statements the outbox really runs.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from storage import outbox
from tests.conftest import START
from tests.storage.selects import selects, sqlite_plan


def test_claims_and_checks_use_the_outbox_indexes(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's planner")

    def work() -> None:
        with engine.connect() as connection:
            outbox.anything_due(connection=connection, now=START, channel="sms")
        with Session(engine) as session:
            outbox.claim_due(session=session, now=START, channel="sms")
            outbox.waiting(session=session)
            outbox.backlog(session=session, now=START)

    statements = selects(engine, work)
    assert len(statements) >= 5
    for statement, parameters in statements:
        plan = sqlite_plan(engine, statement, parameters)
        whole_table = [
            step for step in plan if step.startswith("SCAN message") and "INDEX" not in step
        ]
        assert not whole_table, (statement, plan)
