"""The outbox's hot queries walk its partial indexes on SQLite, never the whole message table.

SQLite uses a partial index only when the query names the index's own values; a status given
as a bound parameter hid them, and every claim, every "anything due?" and every health check
read the whole message table (a fifth of the worker's time under load). Checked with SQLite's
own EXPLAIN QUERY PLAN on the statements the outbox really runs.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session

from storage import outbox
from tests.conftest import START


def test_claims_and_checks_use_the_outbox_indexes(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's planner")
    statements: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", keep)
    with engine.connect() as connection:
        outbox.anything_due(connection=connection, now=START, channel="sms")
    with Session(engine) as session:
        outbox.claim_due(session=session, now=START, channel="sms")
        outbox.waiting(session=session)
        outbox.backlog(session=session, now=START)
    event.remove(engine, "before_cursor_execute", keep)

    assert len(statements) >= 5
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        for statement, parameters in statements:
            plan = [row[3] for row in raw.execute(f"EXPLAIN QUERY PLAN {statement}", parameters)]
            whole_table = [
                step for step in plan if step.startswith("SCAN message") and "INDEX" not in step
            ]
            assert not whole_table, (statement, plan)
