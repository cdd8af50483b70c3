"""The SELECT statements a piece of work sends, with their parameters, and SQLite's plan of one:
for checking the plans the database makes of the statements the code really runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event


def selects(engine: Engine, work: Callable[[], None]) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        work()
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    return seen


def sqlite_plan(engine: Engine, statement: str, parameters: Any) -> list[str]:
    """SQLite's EXPLAIN QUERY PLAN of a statement, a step a line ("SEARCH nudge USING ...")."""
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        return [row[3] for row in raw.execute(f"EXPLAIN QUERY PLAN {statement}", parameters)]
