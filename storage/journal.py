"""The ingress journal: inbound messages as the webhooks took them, waiting for the flows.

A webhook writes its message here (one row, its provider id unique per channel, so a retried
webhook is a no-op), commits and answers. Processors lease waiting rows in order of id, apply
them and mark them done in the same transaction as the replies they caused. A processor that
dies leaves its rows leased; the lease runs out and another takes them (at-least-once into a
transaction that is all-or-nothing: a row is applied exactly once).

Every statement here is SQLAlchemy Core, one statement for many rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from storage.tables import JournalEntry

WAITING, DONE, FAILED = "waiting", "done", "failed"
KEEP = timedelta(days=7)  # how long an applied row's key keeps a retried webhook a no-op
LEASE = timedelta(seconds=10)  # a processor applies a group in well under a second
_TABLE = JournalEntry.__table__  # type: ignore[attr-defined]
_C = _TABLE.c


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
)


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
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(_TABLE)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["channel", "key"])
        .returning(_C.id, _C.channel, _C.key)
    )
    return {(channel, key): id_ for id_, channel, key in connection.execute(statement)}


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
    query = (
        select(_C.id)
        .where(
            _C.status == WAITING,
            or_(_C.leased_until.is_(None), _C.leased_until <= now),
        )
        .order_by(_C.id)
        .limit(limit)
    )
    if ids is not None:
        query = query.where(_C.id.in_(list(ids)))
    if connection.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    statement = (
        update(_TABLE)
        .where(_C.id.in_(query.scalar_subquery()))
        .values(leased_until=now + lease, attempts=_C.attempts + 1)
        .returning(*_ENTRY_COLUMNS)
    )
    entries = [Entry(*row) for row in connection.execute(statement)]
    entries.sort(key=lambda entry: entry.id)
    return entries


def first_waiting(
    *, connection: Connection, people: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], int]:
    """The oldest waiting row of each (channel, address): only that one may be applied now."""
    wanted = set(people)
    if not wanted:
        return {}
    rows = connection.execute(
        select(_C.channel, _C.address, func.min(_C.id))
        .where(_C.status == WAITING, _C.address.in_({address for _, address in wanted}))
        .group_by(_C.channel, _C.address)
    )
    return {
        (channel, address): first
        for channel, address, first in rows
        if (channel, address) in wanted
    }


def settle(
    *, connection: Connection, ids: Sequence[int], now: datetime, status: str = DONE
) -> None:
    """Mark rows processed (or failed for good). A done row keeps no words: they are in the
    transcript now, and erased there when they must be."""
    if not ids:
        return
    values: dict[str, Any] = {"status": status, "leased_until": None, "processed_at": now}
    if status == DONE:
        values["body"] = ""
    connection.execute(update(_TABLE).where(_C.id.in_(list(ids))).values(**values))


def release(*, connection: Connection, ids: Sequence[int]) -> None:
    """Give leased rows back untouched (another is first in line for that person)."""
    if ids:
        connection.execute(
            update(_TABLE)
            .where(_C.id.in_(list(ids)))
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
    "first_waiting",
    "forget",
    "lease",
    "purge",
    "release",
    "settle",
    "state_of",
    "waiting",
    "write",
]
