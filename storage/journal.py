"""The ingress journal: inbound messages as the webhooks took them, waiting for the flows.

A webhook writes its message here (one row, its provider id unique per channel, so a retried
webhook is a no-op), commits and answers. Processors lease waiting rows in order of id, apply
them and mark them done. A processor that dies leaves its rows leased; the lease runs out and
another takes them (at-least-once into a transaction that is all-or-nothing: a row is applied
exactly once).

Where it lives (`inbox`): on PostgreSQL, in the database, marked done in the same transaction
as the replies a row caused. On a SQLite file, in a file of its own beside the database
(`<db>-inbox`): SQLite has one writer at a time a file, and a webhook's one-row write waiting
for the worker's transaction on the main file was most of its answer time. There a group's
transaction records each applied row's key in the main file (`inbound_key`), and the row is
marked done in the inbox just after the commit; a crash between the two leaves a row waiting
whose key says it was applied, and it is marked done, not applied again.

Every statement here is SQLAlchemy Core, one statement for many rows.
"""

from __future__ import annotations

import contextlib
import functools
import threading
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Integer,
    String,
    bindparam,
    event,
    exc,
    func,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from storage.db import make_engine, make_reader, sqlite_file, writer_lock
from storage.statements import one_of
from storage.tables import InboundKey, JournalEntry

WAITING, DONE, FAILED = "waiting", "done", "failed"
KEEP = timedelta(days=7)  # how long an applied row's key keeps a retried webhook a no-op
LEASE = timedelta(seconds=10)  # a processor applies a group in well under a second
_TABLE = JournalEntry.__table__  # type: ignore[attr-defined]
_C = _TABLE.c
_KEYS = InboundKey.__table__  # type: ignore[attr-defined]
INBOX_SUFFIX = "-inbox"


@dataclass(frozen=True, slots=True)
class Inbox:
    """Where the journal of a database lives: `writer` for writes (and the processors' leases),
    `reader` for looks that must not wait for a writer; `apart`: in a file of its own (applied
    rows are settled there after the main transaction commits)."""

    writer: Engine
    reader: Engine
    apart: bool


_INBOXES: weakref.WeakKeyDictionary[Engine, Inbox] = weakref.WeakKeyDictionary()
_INBOX_MADE = threading.Lock()


def inbox(engine: Engine) -> Inbox:
    """The journal's place for `engine`'s database (made once a process, its table created and
    any rows the main file still holds moved in the first time)."""
    path = sqlite_file(engine)
    if path is None:  # nothing to keep (keeping it would keep the engine alive too)
        return Inbox(writer=engine, reader=make_reader(engine), apart=False)
    with _INBOX_MADE:
        found = _INBOXES.get(engine)
        if found is not None:
            return found
        writer = make_engine(f"sqlite:///{path}{INBOX_SUFFIX}")
        _TABLE.create(writer, checkfirst=True)
        _move_in(engine, writer)
        made = Inbox(writer=writer, reader=make_reader(writer), apart=True)
        event.listen(engine, "engine_disposed", lambda _engine: _dispose(made))
        _INBOXES[engine] = made
        return made


def _dispose(made: Inbox) -> None:
    """The main engine let its connections go: the inbox's go too."""
    made.reader.dispose()
    made.writer.dispose()


def _move_in(main: Engine, writer: Engine) -> None:
    """Rows the main file's own journal table holds (written before the inbox was a file of its
    own) move to the inbox, in order, keys and all: a waiting row is applied from there, and a
    done one keeps its retried webhook a no-op. Under the main file's write lock, so of two
    processes starting together one moves them; a move cut short is finished by the next (the
    inbox takes a key once)."""
    names = [column.name for column in _TABLE.columns if column.name != "id"]
    with main.begin() as connection:
        rows = [
            dict(row._mapping)
            for row in connection.execute(select(*[_C[name] for name in names]).order_by(_C.id))
        ]
        if not rows:
            return
        with writer.begin() as into:
            into.execute(
                sqlite.insert(_TABLE).on_conflict_do_nothing(index_elements=["channel", "key"]),
                rows,
            )
        connection.execute(_TABLE.delete())


@dataclass(frozen=True, slots=True)
class Arrival:
    """A message to journal, as its channel converted it."""

    channel: str
    key: str
    address: str
    body: str
    provider_id: str | None = None
    has_media: bool = False
    carrier_opted_out: bool = False
    language_hint: str | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """A leased journal row, ready for the flows."""

    id: int
    channel: str
    address: str
    body: str
    provider_id: str | None
    has_media: bool
    carrier_opted_out: bool
    language_hint: str | None
    attempts: int
    key: str = ""


_ENTRY_COLUMNS = (
    _C.id,
    _C.channel,
    _C.address,
    _C.body,
    _C.provider_id,
    _C.has_media,
    _C.carrier_opted_out,
    _C.language_hint,
    _C.attempts,
    _C.key,
)


def _insert(dialect: Any) -> Any:
    """The journal's INSERT: one row, a retried key left out (ON CONFLICT DO NOTHING), its id
    returned. Always the same statement, so SQLAlchemy compiles it once a process; a batch runs
    it with many parameter sets, which SQLAlchemy sends as one multi-row INSERT."""
    return (
        dialect.insert(_TABLE)
        .on_conflict_do_nothing(index_elements=["channel", "key"])
        .returning(_C.id, _C.channel, _C.key)
    )


_INSERT = {"postgresql": _insert(postgresql), "sqlite": _insert(sqlite)}


def write(
    *, connection: Connection, arrivals: Sequence[Arrival], now: datetime
) -> dict[tuple[str, str], int]:
    """Journal `arrivals` in one statement; returns the new rows' ids by (channel, key). An
    arrival whose key is taken already (a retried webhook) is left out of the answer."""
    if not arrivals:
        return {}
    rows = [
        {
            "channel": a.channel,
            "key": a.key,
            "provider_id": a.provider_id,
            "address": a.address,
            "body": a.body,
            "has_media": a.has_media,
            "carrier_opted_out": a.carrier_opted_out,
            "language_hint": a.language_hint,
            "status": WAITING,
            "attempts": 0,
            "leased_until": None,
            "received_at": now,
            "processed_at": None,
        }
        for a in _first_of_each(arrivals)
    ]
    statement = _INSERT["postgresql" if connection.dialect.name == "postgresql" else "sqlite"]
    result = connection.execute(statement, rows[0] if len(rows) == 1 else rows)
    return {(channel, key): id_ for id_, channel, key in result}


_COLUMNS = (
    "channel",
    "key",
    "provider_id",
    "address",
    "body",
    "has_media",
    "carrier_opted_out",
    "language_hint",
    "status",
    "attempts",
    "leased_until",
    "received_at",
    "processed_at",
)


class Writer:
    """`write`, for a process that journals webhooks all day: its own database connection,
    held open, and the INSERT as SQL text made once for each batch size, so a batch costs one
    statement on the driver and nothing in between (no pool check-out, no ping, no compiling).

    On PostgreSQL the connection is in autocommit: the one INSERT ... ON CONFLICT DO NOTHING is
    the whole transaction (one round trip). On SQLite it is BEGIN IMMEDIATE, the INSERT and
    COMMIT, under the file's writer lock (storage.db.WriterLock). Values go through the columns'
    own bind processing, so what is stored is what `write` would store. A connection that fails
    is dropped and a new one made for the next batch; the fault is raised as SQLAlchemy's
    (so `storage.unavailable` reads it). Not for use by two threads at once.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._dialect = engine.dialect
        self._postgres = engine.dialect.name == "postgresql"
        self._connection: Any = None
        self._proxied: Any = None
        self._sql: dict[int, str] = {}
        self._lock = threading.Lock()
        self._writer_lock = writer_lock(engine)
        processors = [(name, _C[name].type.bind_processor(self._dialect)) for name in _COLUMNS]
        self._processors = processors

    def write(self, arrivals: Sequence[Arrival], now: datetime) -> dict[tuple[str, str], int]:
        """As `write` (committed when this returns)."""
        kept = _first_of_each(arrivals)
        if not kept:
            return {}
        params: list[Any] = []
        for a in kept:
            row = (
                a.channel,
                a.key,
                a.provider_id,
                a.address,
                a.body,
                a.has_media,
                a.carrier_opted_out,
                a.language_hint,
                WAITING,
                0,
                None,
                now,
                None,
            )
            params.extend(
                value if process is None or value is None else process(value)
                for (_, process), value in zip(self._processors, row, strict=True)
            )
        sql = self._sql.get(len(kept)) or self._make_sql(len(kept))
        with self._lock:
            return self._run(sql, params)

    def _make_sql(self, rows: int) -> str:
        mark = "%s" if self._postgres else "?"
        one = "(" + ", ".join([mark] * len(_COLUMNS)) + ")"
        sql = (
            f"INSERT INTO {_TABLE.name} ({', '.join(_COLUMNS)}) VALUES "
            + ", ".join([one] * rows)
            + " ON CONFLICT (channel, key) DO NOTHING RETURNING id, channel, key"
        )
        self._sql[rows] = sql
        return sql

    def _run(self, sql: str, params: list[Any]) -> dict[tuple[str, str], int]:
        dbapi = self._dialect.loaded_dbapi
        try:
            connection = self._connection or self._connect()
            cursor = connection.cursor()
            try:
                if not self._postgres:
                    if self._writer_lock is not None:
                        self._writer_lock.acquire(connection, urgent=True)
                    cursor.execute("BEGIN IMMEDIATE")
                cursor.execute(sql, params)
                rows = cursor.fetchall()
                if not self._postgres:
                    connection.commit()
            finally:
                cursor.close()
        except dbapi.Error as error:
            self.close()
            raise exc.DBAPIError.instance(
                sql, None, error, dbapi.Error, hide_parameters=True, dialect=self._dialect
            ) from error
        except BaseException:
            self.close()
            raise
        return {(channel, key): id_ for id_, channel, key in rows}

    def _connect(self) -> Any:
        proxied = self._engine.raw_connection()
        connection: Any = proxied.dbapi_connection
        if self._postgres:
            connection.autocommit = True
        self._proxied = proxied
        self._connection = connection
        return connection

    def close(self) -> None:
        """Let go of the connection (a broken one is thrown away, not pooled)."""
        proxied, self._connection = self._proxied, None
        self._proxied = None
        if proxied is not None:
            with contextlib.suppress(Exception):  # it was broken anyway
                proxied.invalidate()


def _first_of_each(arrivals: Sequence[Arrival]) -> list[Arrival]:
    """One row a key: the same webhook twice in one batch is journaled once."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for arrival in arrivals:
        if (arrival.channel, arrival.key) not in seen:
            seen.add((arrival.channel, arrival.key))
            kept.append(arrival)
    return kept


def lease(
    *,
    connection: Connection,
    now: datetime,
    limit: int,
    ids: Iterable[int] | None = None,
    lease: timedelta = LEASE,
) -> list[Entry]:
    """Lease up to `limit` waiting rows (oldest first) whose lease is free or ran out; `ids`:
    only these. On PostgreSQL rows another processor is leasing are skipped (SKIP LOCKED)."""
    postgres = connection.dialect.name == "postgresql"
    values: dict[str, Any] = {"now": now, "limit": limit, "until": now + lease}
    if ids is not None:
        values["ids"] = list(ids)
        if not values["ids"]:
            return []
    rows = connection.execute(_lease_statement(postgres, ids is not None), values)
    entries = [Entry(*row) for row in rows]
    entries.sort(key=lambda entry: entry.id)
    return entries


# The statements a processor runs for every group are built once (per database kind and
# shape) with their values bound at execution: building one afresh cost more than running it.


@functools.cache
def _lease_statement(postgres: bool, by_ids: bool) -> Any:
    query = (
        select(_C.id)
        .where(
            _C.status == WAITING,
            or_(_C.leased_until.is_(None), _C.leased_until <= bindparam("now")),
        )
        .order_by(_C.id)
        .limit(bindparam("limit", type_=Integer))
    )
    if by_ids:
        query = query.where(one_of(_C.id, "ids", postgres=postgres))
    if postgres:
        query = query.with_for_update(skip_locked=True)
    return (
        update(_TABLE)
        .where(_C.id.in_(query.scalar_subquery()))
        .values(leased_until=bindparam("until"), attempts=_C.attempts + 1)
        .returning(*_ENTRY_COLUMNS)
    )


def first_waiting(
    *, connection: Connection, people: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], int]:
    """The oldest waiting row of each (channel, address): only that one may be applied now."""
    wanted = set(people)
    if not wanted:
        return {}
    if connection.dialect.name == "postgresql":
        ordered = sorted(wanted)
        rows = connection.execute(
            _first_waiting_pg(),
            {"channels": [c for c, _ in ordered], "addresses": [a for _, a in ordered]},
        )
        return {(channel, address): first_id for channel, address, first_id in rows}
    found: dict[tuple[str, str], int] = {}
    # A channel at a time, so the look walks ix_inbound_journal_person (channel, address,
    # status) for just these people, never every waiting row (a backlog's worth).
    for channel in sorted({channel for channel, _ in wanted}):
        rows = connection.execute(
            _first_waiting_sqlite(),
            {"channel": channel, "addresses": sorted(a for c, a in wanted if c == channel)},
        )
        found.update(((channel, address), first) for address, first in rows)
    return found


@functools.cache
def _first_waiting_sqlite() -> Any:
    return (
        select(_C.address, func.min(_C.id))
        .where(
            _C.channel == bindparam("channel"),
            _C.address.in_(bindparam("addresses", expanding=True)),
            _C.status == WAITING,
        )
        .group_by(_C.address)
    )


@functools.cache
def _first_waiting_pg() -> Any:
    """`first_waiting` on PostgreSQL: one look down ix_inbound_journal_person for each person
    (a LATERAL ... LIMIT 1), whatever the planner's statistics say. With statistics taken
    while nothing waited (as autovacuum leaves them), the IN form read every waiting row, a
    backlog's worth, for each group."""
    people = (
        func.unnest(  # two array parameters: a short text the driver parses once
            bindparam("channels", type_=postgresql.ARRAY(String)),
            bindparam("addresses", type_=postgresql.ARRAY(String)),
        )
        .table_valued("channel", "address")
        .render_derived(name="person")
    )
    first = (
        select(_C.id)
        .where(
            _C.channel == people.c.channel,
            _C.address == people.c.address,
            _C.status == WAITING,
        )
        .order_by(_C.id)
        .limit(1)
        .lateral("first_waiting")
    )
    return select(people.c.channel, people.c.address, first.c.id).join_from(people, first, true())


def settle(
    *, connection: Connection, ids: Sequence[int], now: datetime, status: str = DONE
) -> None:
    """Mark rows processed (or failed for good). A done row keeps no words: they are in the
    transcript now, and erased there when they must be."""
    if ids:  # a row's outcome is written once (a done one is never set aside)
        postgres = connection.dialect.name == "postgresql"
        connection.execute(
            _settle_statement(postgres, status == DONE),
            {"ids": list(ids), "outcome": status, "now": now},
        )


@functools.cache
def _settle_statement(postgres: bool, done: bool) -> Any:
    values: dict[str, Any] = {
        "status": bindparam("outcome"),
        "leased_until": None,
        "processed_at": bindparam("now"),
    }
    if done:
        values["body"] = ""
    return (
        update(_TABLE)
        .where(one_of(_C.id, "ids", postgres=postgres), _C.status == WAITING)
        .values(**values)
    )


def release(*, connection: Connection, ids: Sequence[int]) -> None:
    """Give leased rows back untouched (another is first in line for that person)."""
    if ids:
        connection.execute(
            _release_statement(connection.dialect.name == "postgresql"), {"ids": list(ids)}
        )


@functools.cache
def _release_statement(postgres: bool) -> Any:
    return (
        update(_TABLE)
        .where(one_of(_C.id, "ids", postgres=postgres))
        .values(leased_until=None, attempts=_C.attempts - 1)
    )


def state_of(*, connection: Connection, ids: Sequence[int]) -> dict[int, str]:
    """The status of each of `ids` (for a caller waiting on its own message)."""
    if not ids:
        return {}
    rows = connection.execute(select(_C.id, _C.status).where(_C.id.in_(list(ids))))
    return {id_: status for id_, status in rows}


def waiting(*, connection: Connection) -> tuple[int, datetime | None]:
    """How many messages wait to be applied, and since when the oldest has."""
    count, oldest = connection.execute(
        select(func.count(), func.min(_C.received_at)).where(_C.status == WAITING)
    ).one()
    return int(count), oldest


def mark_applied(*, connection: Connection, entries: Sequence[Entry], now: datetime) -> None:
    """In the main database's transaction that applies `entries`: their keys, so a row whose
    inbox could not be told (a crash just after the commit) is never applied again."""
    if entries:
        connection.execute(
            _KEYS.insert(),
            [{"channel": e.channel, "provider_id": e.key, "received_at": now} for e in entries],
        )


def applied_among(*, connection: Connection, entries: Sequence[Entry]) -> set[int]:
    """The ids of those of `entries` the main database says were applied already."""
    if not entries:
        return set()
    statement = _applied_statement(connection.dialect.name == "postgresql")
    taken: set[tuple[str, str]] = set()
    # A channel at a time, down the unique (channel, provider_id) index: a (channel, key) IN
    # list of pairs had SQLite read every key ever taken, a cost that grew with the table.
    for channel in sorted({e.channel for e in entries}):
        keys = sorted({e.key for e in entries if e.channel == channel})
        found = connection.execute(statement, {"channel": channel, "keys": keys})
        taken.update((channel, key) for (key,) in found)
    return {e.id for e in entries if (e.channel, e.key) in taken}


@functools.cache
def _applied_statement(postgres: bool) -> Any:
    return select(_KEYS.c.provider_id).where(
        _KEYS.c.channel == bindparam("channel"),
        one_of(_KEYS.c.provider_id, "keys", postgres=postgres, item=String),
    )


def forget_applied(*, connection: Connection, before: datetime) -> int:
    """Remove applied keys older than `before` (the inbox has long settled their rows)."""
    result = connection.execute(_KEYS.delete().where(_KEYS.c.received_at < before))
    return int(result.rowcount or 0)


def purge(*, connection: Connection, before: datetime) -> int:
    """Remove rows applied (or set aside) before `before`: their keys have served, a provider
    retries a webhook for hours, not days. Returns how many went."""
    result = connection.execute(
        _TABLE.delete().where(_C.status != WAITING, _C.processed_at < before)
    )
    return int(result.rowcount or 0)


def forget(*, connection: Connection, channel: str, addresses: Any) -> None:
    """Remove every journal row of these addresses on `channel` (a forgotten web visitor)."""
    connection.execute(_TABLE.delete().where(_C.channel == channel, _C.address.in_(addresses)))


__all__ = [
    "DONE",
    "FAILED",
    "KEEP",
    "LEASE",
    "WAITING",
    "Arrival",
    "Entry",
    "Inbox",
    "Writer",
    "applied_among",
    "first_waiting",
    "forget",
    "forget_applied",
    "inbox",
    "lease",
    "mark_applied",
    "purge",
    "release",
    "settle",
    "state_of",
    "waiting",
    "write",
]
