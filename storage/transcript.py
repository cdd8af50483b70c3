"""The transcript: every message in and out, as it was seen or sent."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal, overload

from sqlalchemy import Connection, Insert, func, insert, update
from sqlmodel import Session, col, select

from storage.statements import json_insert, json_rows
from storage.tables import AdvisorRequest, MessageRow, SafetyEvent

REDACTED = "[removed: no consent given]"
WITHHELD = "withheld"  # see storage/owners.py
DROPPED = "dropped"  # a planned message not sent after all (see storage/outbox.py)
_PENDING = "quitbot.transcript.pending"  # rows added with flush=False, in Session.info
_COLUMN_DEFAULTS: dict[str, Any] = {
    "message_key": None,
    "locale": None,
    "has_media": False,
    "status": "received",
    "priority": 1,
    "attempts": 0,
    "next_attempt_at": None,
    "provider_id": None,
    "error": None,
    "advisor_id": None,
    "always_send": False,
    "client_key": None,
    "choices": None,
}


def record_inbound(
    *,
    session: Session,
    participant_id: int,
    channel: str,
    address: str,
    body: str,
    has_media: bool,
    provider_id: str | None,
    now: datetime,
) -> int:
    """Store a message a participant sent; returns its id."""
    return add(
        session=session,
        participant_id=participant_id,
        channel=channel,
        address=address,
        direction="in",
        body=body,
        sent_by="participant",
        has_media=has_media,
        status="received",
        provider_id=provider_id,
        now=now,
    )


def record_inbound_many(
    *, session: Session, rows: list[dict[str, Any]], now: datetime
) -> list[int]:
    """`record_inbound` for many messages in one statement (each a dict of participant_id,
    channel, address, body, has_media, provider_id); returns their ids in the same order."""
    if not rows:
        return []
    values = [
        {
            **_COLUMN_DEFAULTS,
            **row,
            "direction": "in",
            "sent_by": "participant",
            "status": "received",
            "created_at": now,
            "updated_at": now,
        }
        for row in rows
    ]
    table = MessageRow.__table__  # type: ignore[attr-defined]
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        return _insert_many_pg(connection, values)
    result = connection.execute(
        insert(table).returning(table.c.id, sort_by_parameter_order=True), values
    )
    return [row[0] for row in result]


def _insert_many_pg(connection: Connection, rows: list[dict[str, Any]]) -> list[int]:
    """Insert message rows on PostgreSQL as one short statement whatever their number: the
    rows as one JSON text, read back by json_to_recordset in their order (a VALUES list of 64
    rows is a new text of some 1,300 parameters each time, and a column an array cost the
    driver a Python loop over every value). Returns the new ids in the rows' order (the
    sequence numbers them in insertion order)."""
    payload = json_rows([{**row, "n": place} for place, row in enumerate(rows)])
    statement = _insert_statement(tuple(rows[0]))
    return sorted(connection.execute(statement, {"rows": payload}).scalars())


@functools.lru_cache(maxsize=16)
def _insert_statement(names: tuple[str, ...]) -> Insert:
    """The INSERT for rows with these columns (built once for each set of them)."""
    table = MessageRow.__table__  # type: ignore[attr-defined]
    return json_insert(table, names, numbered=True).returning(table.c.id)


@overload
def add(*, session: Session, now: datetime, flush: Literal[True] = ..., **fields: Any) -> int: ...
@overload
def add(*, session: Session, now: datetime, flush: bool, **fields: Any) -> int | None: ...
def add(*, session: Session, now: datetime, flush: bool = True, **fields: Any) -> int | None:
    """Insert one transcript row (in or out) and return its id.

    With `flush=False` the row waits in the session, and no id is returned: `write_pending`
    then writes every waiting row in one statement (the caller must call it before commit).
    """
    if not flush:
        row_values = {**_COLUMN_DEFAULTS, **fields, "created_at": now, "updated_at": now}
        session.info.setdefault(_PENDING, []).append(row_values)
        return None
    row = MessageRow(created_at=now, updated_at=now, **fields)
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


def write_pending(*, session: Session) -> int:
    """Write the rows `add(flush=False)` left waiting, in one statement; returns how many."""
    rows: list[dict[str, Any]] = session.info.pop(_PENDING, [])
    if not rows:
        return 0
    connection = session.connection()
    same = all(row.keys() == rows[0].keys() for row in rows)
    if connection.dialect.name == "postgresql" and same:
        _insert_many_pg(connection, rows)
    else:
        connection.execute(insert(MessageRow.__table__), rows)  # type: ignore[attr-defined]
    return len(rows)


def redact_inbound(*, session: Session, participant_id: int, now: datetime) -> None:
    """Remove what a participant told us (they declined consent); keep that they wrote.

    A message that raised a safety event or a request for a person is evidence of a person at
    risk and of what we did: it is kept with that record, whatever else is erased (the privacy
    notice says so). Any future erasure (FORGET, retention) must go through here.
    """
    evidence = select(SafetyEvent.message_id).where(
        col(SafetyEvent.participant_id) == participant_id,
        col(SafetyEvent.message_id).is_not(None),
    )
    asked_for = select(AdvisorRequest.message_id).where(
        col(AdvisorRequest.participant_id) == participant_id,
        col(AdvisorRequest.message_id).is_not(None),
    )
    session.execute(
        update(MessageRow)
        .where(
            col(MessageRow.participant_id) == participant_id,
            col(MessageRow.direction) == "in",
            col(MessageRow.id).not_in(evidence),
            col(MessageRow.id).not_in(asked_for),
        )
        .values(body=REDACTED, updated_at=now)
    )


def history(
    *, session: Session, participant_id: int, after_id: int = 0, limit: int = 200
) -> list[MessageRow]:
    """What a participant has seen of their conversation after `after_id`, oldest first: a
    message withheld because an advisor held the conversation, or a planned one dropped, is
    never shown (the web chat reads this)."""
    return list(
        session.exec(
            select(MessageRow)
            .where(
                col(MessageRow.participant_id) == participant_id,
                col(MessageRow.id) > after_id,
                col(MessageRow.status).not_in((WITHHELD, DROPPED)),
            )
            .order_by(col(MessageRow.id))
            .limit(limit)
        )
    )


def last_addresses(
    *, session: Session, participant_ids: Iterable[int]
) -> dict[int, tuple[str, str]]:
    """The channel and address each participant last wrote from: where unprompted messages go."""
    ids = list(participant_ids)
    if not ids:
        return {}
    latest = (
        select(func.max(MessageRow.id))
        .where(col(MessageRow.participant_id).in_(ids), col(MessageRow.direction) == "in")
        .group_by(col(MessageRow.participant_id))
    )
    rows = session.exec(
        select(MessageRow.participant_id, MessageRow.channel, MessageRow.address).where(
            col(MessageRow.id).in_(latest)
        )
    )
    return {pid: (channel, address) for pid, channel, address in rows}
