"""Making database engines: SQLite (WAL) by default, PostgreSQL in production."""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import stat
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, exc, text
from sqlalchemy.engine import make_url

T = TypeVar("T")

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal", "-writer", "-writer-wait")
_WRITER_LOCKS: weakref.WeakKeyDictionary[Engine, WriterLock] = weakref.WeakKeyDictionary()
WRITER_WAIT = 30.0  # seconds a writer waits for the writer lock, as SQLite's busy timeout
LOOKS, URGENT_LOOKS = 0.001, 0.0002  # seconds between looks at a held writer lock, at most
YIELD_AT_MOST = 0.05  # seconds a writer holds back for urgent ones, so it is never starved


def make_engine(url: str, **options: Any) -> Engine:
    """An engine for `url`. SQLite gets WAL, a busy timeout, foreign keys and BEGIN IMMEDIATE.

    BEGIN IMMEDIATE takes SQLite's write lock at the start of a transaction, so two writers
    wait for each other instead of failing with "database is locked" half-way through.

    A SQLite commit is on the disk when it returns (`synchronous=FULL`, as PostgreSQL's
    default `synchronous_commit`): in WAL mode `NORMAL` syncs only at checkpoints, and a power
    cut could take back what was committed: a message the webhook acknowledged, or the
    transaction that applied one while the journal (a file of its own) kept it done.

    Statement parameters (what people wrote, their addresses) are kept out of error messages,
    and so out of the log. A SQLite file is private: see `private_sqlite_file`.
    """
    options.setdefault("hide_parameters", True)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        options.setdefault("pool_pre_ping", True)
        return create_engine(url, **options)
    database = parsed.database or ""
    connect_args: dict[str, Any] = {"check_same_thread": False, "timeout": 30}
    writer_lock: WriterLock | None = None
    if database and database != ":memory:" and not database.startswith("file:"):
        private_sqlite_file(Path(database))
        writer_lock = WriterLock(Path(database + "-writer"))
        connect_args["factory"] = writer_lock.connection_class()
    engine = create_engine(url, connect_args=connect_args, **options)
    if writer_lock is not None:
        _WRITER_LOCKS[engine] = writer_lock
        event.listen(engine, "engine_disposed", lambda _engine: writer_lock.close())

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if writer_lock is not None:
            writer_lock.acquire(connection.connection.dbapi_connection)
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def one_statement(engine: Engine, work: Callable[[Connection], T]) -> T:
    """`work(connection)` as a transaction that is one statement. On PostgreSQL the connection
    is in autocommit: the statement is the whole transaction, one round trip instead of three
    (BEGIN, it, COMMIT). On SQLite it is `engine.begin()` (BEGIN IMMEDIATE, under the writer
    lock). A connection found broken (the database restarted since it was last used) is
    dropped and `work` tried once more on a new one, so it must be safe to repeat."""
    for attempt in (1, 2):
        try:
            if engine.dialect.name != "postgresql":
                with engine.begin() as connection:
                    return work(connection)
            with engine.connect() as connection:  # out of autocommit when back in the pool
                return work(connection.execution_options(isolation_level="AUTOCOMMIT"))
        except exc.DBAPIError as error:
            if attempt == 2 or not error.connection_invalidated:
                raise
    raise AssertionError("unreachable")


def sqlite_file(engine: Engine) -> Path | None:
    """The file of a SQLite file's engine made by `make_engine` (None for PostgreSQL or an
    in-memory database)."""
    lock = _WRITER_LOCKS.get(engine)
    return None if lock is None else lock.path.with_name(lock.path.name.removesuffix("-writer"))


def writer_lock(engine: Engine) -> WriterLock | None:
    """The writer lock of a SQLite file's engine made by `make_engine` (None otherwise): what
    code that writes through a raw connection takes before BEGIN IMMEDIATE."""
    return _WRITER_LOCKS.get(engine)


class WriterLock:
    """One writer at a time across processes, for one SQLite file: an flock on `<db>-writer`.

    `quitbot serve` is two processes on one SQLite file (the web process journals webhooks, the
    worker applies them and sends). SQLite alone would make a writer that finds the file locked
    sleep and retry (its busy handler backs off to 25-100 ms between tries), so a webhook's
    one-row insert could wait far longer than the transaction it waits for. Taken before BEGIN
    IMMEDIATE and given back straight after COMMIT or ROLLBACK, this lock hands the file to the
    next writer within a millisecond. Threads of one process queue on a mutex first, so only one
    of them at a time waits for the file.

    Webhooks' journal rows are urgent (storage.journal.Writer): while one waits, other writers
    hold back, so an answer waits for at most the transaction in hand, never for a run of them
    (flock is not first come, first served: the worker would take it again at once).

    A writer that cannot have the lock within WRITER_WAIT seconds goes on without it: SQLite's
    own lock still keeps the data safe, and its busy timeout says "locked" as before.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.wait_path = path.with_name(path.name + "-wait")
        self._mutex = threading.Lock()
        self._wait_fd: int | None = None

    def connection_class(self) -> type[sqlite3.Connection]:
        lock = self

        class _Locking(sqlite3.Connection):
            """A sqlite3 connection that gives the writer lock back after each transaction."""

            writer_fd: int | None = None
            writer_held: bool = False

            def commit(self) -> None:
                try:
                    super().commit()
                finally:
                    lock.release(self)

            def rollback(self) -> None:
                try:
                    super().rollback()
                finally:
                    lock.release(self)

            def close(self) -> None:
                try:
                    super().close()
                finally:
                    lock.release(self)
                    if self.writer_fd is not None:
                        os.close(self.writer_fd)
                        self.writer_fd = None

        return _Locking

    def acquire(self, connection: Any, *, urgent: bool = False) -> None:
        """Take the lock for `connection` (waits for another writer to finish). An `urgent`
        writer (a webhook's journal row: someone waits for the answer) goes before the others
        waiting: while one waits, other writers hold back (YIELD_AT_MOST at the longest)."""
        if getattr(connection, "writer_held", True):  # not ours, or held already
            return
        # This process's writers queue on a mutex (a thread sleeps until it is its turn);
        # only the first in line waits for the file, so only one thread a process looks.
        if not self._mutex.acquire(timeout=WRITER_WAIT):
            return  # SQLite's busy timeout decides from here
        try:
            if connection.writer_fd is None:
                connection.writer_fd = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
            if self._wait_fd is None:
                self._wait_fd = os.open(self.wait_path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
            if urgent:  # say so (a shared lock on -wait) while waiting for the writer lock
                fcntl.flock(self._wait_fd, fcntl.LOCK_SH)
                try:
                    locked = self._flock(connection.writer_fd, most=URGENT_LOOKS)
                finally:
                    fcntl.flock(self._wait_fd, fcntl.LOCK_UN)
            else:
                self._after_urgent(self._wait_fd)
                locked = self._flock(connection.writer_fd, most=LOOKS)
            if not locked:
                self._mutex.release()
                return
        except BaseException:
            self._mutex.release()
            raise
        connection.writer_held = True

    @staticmethod
    def _after_urgent(fd: int) -> None:
        """Wait while an urgent writer waits (it holds -wait shared), YIELD_AT_MOST at most."""
        deadline = None
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                now = time.monotonic()
                deadline = deadline or now + YIELD_AT_MOST
                if now > deadline:
                    return
                time.sleep(URGENT_LOOKS)
            else:
                fcntl.flock(fd, fcntl.LOCK_UN)
                return

    @staticmethod
    def _flock(fd: int, *, most: float) -> bool:
        """Lock the file (another process may have it: look again soon, then every `most`
        seconds); False after WRITER_WAIT."""
        pause, deadline = 0.00005, None
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                now = time.monotonic()
                deadline = deadline or now + WRITER_WAIT
                if now > deadline:
                    return False
                time.sleep(pause)
                pause = min(pause * 2, most)

    def close(self) -> None:
        """Let go of the `-wait` file (opened again when next needed): the engine was disposed."""
        if not self._mutex.acquire(blocking=False):
            return  # a writer is at work (it may need the file): it stays open
        try:
            fd, self._wait_fd = self._wait_fd, None
        finally:
            self._mutex.release()
        if fd is not None:
            os.close(fd)

    def release(self, connection: Any) -> None:
        """Give the lock back, if `connection` holds it."""
        if not connection.writer_held:
            return
        connection.writer_held = False
        try:
            if connection.writer_fd is not None:
                fcntl.flock(connection.writer_fd, fcntl.LOCK_UN)
        finally:
            self._mutex.release()


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
