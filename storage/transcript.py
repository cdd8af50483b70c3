"""The transcript: every message in and out, as it was seen or sent."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal, overload

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from storage.tables import MessageRow

REDACTED = "[removed: no consent given]"


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


@overload
def add(*, session: Session, now: datetime, flush: Literal[True] = ..., **fields: Any) -> int: ...
@overload
def add(*, session: Session, now: datetime, flush: bool, **fields: Any) -> int | None: ...
def add(*, session: Session, now: datetime, flush: bool = True, **fields: Any) -> int | None:
    """Insert one transcript row (in or out) and return its id.

    With `flush=False` the row is written with the session's next statement, many rows in one
    INSERT, and no id is returned.
    """
    row = MessageRow(created_at=now, updated_at=now, **fields)
    session.add(row)
    if not flush:
        return None
    session.flush()
    assert row.id is not None
    return row.id


def redact_inbound(*, session: Session, participant_id: int, now: datetime) -> None:
    """Remove what a participant told us (they declined consent); keep that they wrote."""
    session.execute(
        update(MessageRow)
        .where(
            col(MessageRow.participant_id) == participant_id,
            col(MessageRow.direction) == "in",
        )
        .values(body=REDACTED, updated_at=now)
    )


def history(
    *, session: Session, participant_id: int, after_id: int = 0, limit: int = 200
) -> list[MessageRow]:
    """A participant's messages after `after_id`, oldest first."""
    return list(
        session.exec(
            select(MessageRow)
            .where(col(MessageRow.participant_id) == participant_id, col(MessageRow.id) > after_id)
            .order_by(col(MessageRow.id))
            .limit(limit)
        )
    )


def last_address(*, session: Session, participant_id: int) -> tuple[str, str] | None:
    """The channel and address a participant last wrote from: where unprompted messages go."""
    row = session.exec(
        select(MessageRow)
        .where(col(MessageRow.participant_id) == participant_id, col(MessageRow.direction) == "in")
        .order_by(col(MessageRow.id).desc())
        .limit(1)
    ).first()
    return (row.channel, row.address) if row is not None else None


def last_addresses(
    *, session: Session, participant_ids: Iterable[int]
) -> dict[int, tuple[str, str]]:
    """`last_address` for many participants at once."""
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
