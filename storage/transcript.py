"""The transcript: every message in and out, as it was seen or sent."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import update
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


def add(*, session: Session, now: datetime, **fields: Any) -> int:
    """Insert one transcript row (in or out) and return its id."""
    row = MessageRow(created_at=now, updated_at=now, **fields)
    session.add(row)
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
