"""Requests for a human advisor, and safety events: the queue the console will show."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Select
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from storage.statements import one_of
from storage.tables import AdvisorRequest, SafetyEvent


def request_advisor(
    *,
    session: Session,
    participant_id: int,
    reason: str,
    urgent: bool,
    message_id: int | None,
    now: datetime,
    note: str = "",
) -> int:
    """Queue a participant for an advisor; an open or held request is reused (made urgent if
    need be, and given any new note): repeated requests never stack."""
    open_request = session.exec(
        select(AdvisorRequest)
        .where(
            col(AdvisorRequest.participant_id) == participant_id,
            col(AdvisorRequest.status).in_(("open", HELD)),
        )
        .order_by(col(AdvisorRequest.id))
    ).first()
    if open_request is not None:
        changed = False
        if urgent and not open_request.urgent:
            open_request.urgent, open_request.reason, changed = True, reason, True
            if message_id is not None:
                open_request.message_id = message_id  # the message that made it urgent
        if note and note not in open_request.note:
            open_request.note = f"{open_request.note} {note}".strip()[:500]
            changed = True
        if changed:
            session.add(open_request)
            session.flush()
        assert open_request.id is not None
        return open_request.id
    request = AdvisorRequest(
        participant_id=participant_id,
        reason=reason,
        urgent=urgent,
        message_id=message_id,
        note=note[:500],
        created_at=now,
    )
    session.add(request)
    session.flush()
    assert request.id is not None
    return request.id


HELD = "held"  # an advisor holds the conversation (see storage/owners.py)


def open_requests(*, session: Session) -> list[AdvisorRequest]:
    """Open requests, urgent first, then oldest first."""
    return list(
        session.exec(
            select(AdvisorRequest)
            .where(col(AdvisorRequest.status) == "open")
            .order_by(col(AdvisorRequest.urgent).desc(), col(AdvisorRequest.created_at))
        )
    )


def record_safety_event(
    *,
    session: Session,
    participant_id: int,
    concern: str,
    message_id: int | None,
    now: datetime,
    category: str = "",
) -> int:
    """Log a safety screen that fired, with the message that fired it (which is then kept
    whatever happens: see `transcript.redact_inbound`)."""
    event = SafetyEvent(
        participant_id=participant_id,
        concern=concern,
        category=category[:40],
        message_id=message_id,
        created_at=now,
    )
    session.add(event)
    session.flush()
    assert event.id is not None
    return event.id


def held_among(*, session: Session, participant_ids: Iterable[int]) -> set[int]:
    """Which of these participants' conversations an advisor holds (in every claim of the
    outbox: its statement is built once)."""
    ids = list(participant_ids)
    if not ids:
        return set()
    connection = session.connection()
    statement = _held_statement(connection.dialect.name == "postgresql")
    return set(connection.execute(statement, {"ids": ids}).scalars())


@functools.cache
def _held_statement(postgres: bool) -> Select[Any]:
    c = AdvisorRequest.__table__.c  # type: ignore[attr-defined]
    return sa_select(c.participant_id).where(
        one_of(c.participant_id, "ids", postgres=postgres), c.status == HELD
    )
