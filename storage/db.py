"""Making database engines: SQLite (WAL) by default, PostgreSQL in production."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc, text
from sqlalchemy.engine import make_url


def make_engine(url: str, **options: Any) -> Engine:
    """An engine for `url`. SQLite gets WAL, a busy timeout, foreign keys and BEGIN IMMEDIATE.

    BEGIN IMMEDIATE takes SQLite's write lock at the start of a transaction, so two writers
    wait for each other instead of failing with "database is locked" half-way through.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, **options)
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url, connect_args={"check_same_thread": False, "timeout": 30}, **options
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def ping(engine: Engine) -> bool:
    """True when the database answers."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:
        return False
    return True


def unavailable(error: BaseException) -> bool:
    """True when `error` says the database cannot be reached or used right now: down, refusing
    connections, out of connections, or its file cannot be opened.

    A lock or serialization conflict is not that (trying again soon will do), nor is a
    statement the database refused (a bug or bad input).
    """
    if isinstance(error, exc.TimeoutError):  # the connection pool stayed full
        return True
    if not isinstance(error, exc.OperationalError | exc.InterfaceError):
        return False
    return not conflict(error)


def conflict(error: BaseException) -> bool:
    """True for a lock or serialization conflict, which the same work may pass when retried."""
    original = getattr(error, "orig", None)
    state = getattr(original, "sqlstate", None)
    if state:  # PostgreSQL: class 40 is transaction rollback; 55P03 is lock not available
        return str(state).startswith("40") or state == "55P03"
    words = str(original or error).lower()
    return "locked" in words or "busy" in words
