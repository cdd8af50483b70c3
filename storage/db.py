"""Making database engines: SQLite (WAL) by default, PostgreSQL in production."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc, text
from sqlalchemy.engine import make_url

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def make_engine(url: str, **options: Any) -> Engine:
    """An engine for `url`. SQLite gets WAL, a busy timeout, foreign keys and BEGIN IMMEDIATE.

    BEGIN IMMEDIATE takes SQLite's write lock at the start of a transaction, so two writers
    wait for each other instead of failing with "database is locked" half-way through.

    Statement parameters (what people wrote, their addresses) are kept out of error messages,
    and so out of the log. A SQLite file is private: see `private_sqlite_file`.
    """
    options.setdefault("hide_parameters", True)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, **options)
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        private_sqlite_file(Path(database))
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


def make_reader(engine: Engine) -> Engine:
    """An engine for reads that never wait behind writes, on the same database as `engine`.

    On SQLite the writer's connections begin with BEGIN IMMEDIATE (the write lock); a reader's
    begin with a plain BEGIN and are `query_only`, so in WAL mode a read sees the last commit
    and never takes or waits for the write lock. PostgreSQL's reads never wait for writes:
    the same engine serves both. An in-memory SQLite database cannot be opened twice, so it
    keeps its one engine too.
    """
    url = engine.url
    database = url.database or ""
    in_memory = database in ("", ":memory:") or "mode=memory" in database
    if url.get_backend_name() != "sqlite" or in_memory:
        return engine
    reader = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": 30},
        hide_parameters=True,
        pool_size=10,
        max_overflow=40,
    )

    @event.listens_for(reader, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA query_only=ON")
        cursor.close()

    @event.listens_for(reader, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")  # deferred: a read snapshot, no write lock

    return reader


def ping(engine: Engine) -> bool:
    """True when the database answers."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:
        return False
    return True


def private_sqlite_file(path: Path) -> None:
    """Make a SQLite database file readable by its owner only, before SQLite opens it.

    A missing folder is made 0700 and a missing file is created 0600 (an empty file is an empty
    database); SQLite gives its -wal and -shm files the database file's mode. Files left
    readable by others (by an older quitbot) are made 0600.
    """
    if not path.parent.exists():
        path.parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE))
    for suffix in SQLITE_COMPANIONS:
        make_private(path.with_name(path.name + suffix), PRIVATE_FILE)


def make_private(path: Path, mode: int) -> None:
    """Take away what others may do with `path`, if it exists, is ours and is open to them."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return
    if stat.S_IMODE(status.st_mode) & 0o077 and status.st_uid == os.getuid():
        path.chmod(mode)


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
