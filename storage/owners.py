"""Who owns each conversation, as rows: the owner-change log and the queue entry it keeps.

The conversation's own state holds its owner (flows/owner.py); here the same owner is kept on
the participant's queue entry (advisor_request: open while waiting, held while an advisor has
it, closed when handed back), which is what the console lists and the dispatcher's send gate
reads. Everything runs in the runner's transaction.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from flows.owner import Owner, OwnerKind
from storage.tables import AdvisorRequest, MessageRow, Nudge, OwnerChange

OPEN, HELD, CLOSED = "open", "held", "closed"
WITHHELD = "withheld"  # a bot message or wake-up not sent because an advisor held the thread


def record_change(
    *,
    session: Session,
    participant_id: int,
    before: Owner,
    after: Owner,
    why: str,
    by: int | None,
    now: datetime,
) -> None:
    """Log an owner change (append-only)."""
    session.add(
        OwnerChange(
            participant_id=participant_id,
            before=before.kind.value,
            after=after.kind.value,
            advisor_id=after.advisor_id,
            by_advisor_id=by,
            reason=(after.reason or before.reason or None),
            urgent=after.urgent,
            why=why[:64],
            created_at=now,
        )
    )
    session.flush()


def current_request(*, session: Session, participant_id: int) -> AdvisorRequest | None:
    """The participant's open or held queue entry, if any."""
    return session.exec(
        select(AdvisorRequest)
        .where(
            col(AdvisorRequest.participant_id) == participant_id,
            col(AdvisorRequest.status).in_((OPEN, HELD)),
        )
        .order_by(col(AdvisorRequest.id))
    ).first()


def sync(*, session: Session, participant_id: int, owner: Owner, now: datetime) -> None:
    """Make the participant's queue entry say what `owner` says."""
    request = current_request(session=session, participant_id=participant_id)
    if owner.kind is OwnerKind.BOT:
        if request is not None:
            request.status, request.closed_at = CLOSED, now
            request.advisor_id, request.lease_until = None, None
            session.add(request)
            session.flush()
        return
    if request is None:
        request = AdvisorRequest(
            participant_id=participant_id,
            reason=(owner.reason or "advisor_started")[:32],
            urgent=owner.urgent,
            created_at=owner.since or now,
        )
    request.urgent = request.urgent or owner.urgent
    if owner.kind is OwnerKind.ADVISOR:
        request.status = HELD
        request.advisor_id, request.lease_until = owner.advisor_id, owner.lease_until
    else:
        request.status = OPEN
        request.advisor_id, request.lease_until = None, None
    session.add(request)
    session.flush()


def withhold_queued(*, session: Session, participant_id: int, now: datetime) -> int:
    """An advisor took over: the bot's messages still waiting to go are withheld (recorded,
    never sent late); STOP, START and safety replies still go."""
    result = session.connection().execute(
        update(MessageRow)
        .where(
            col(MessageRow.participant_id) == participant_id,
            col(MessageRow.direction) == "out",
            col(MessageRow.sent_by) == "bot",
            col(MessageRow.status) == "queued",
            col(MessageRow.always_send).is_(False),
        )
        .values(status=WITHHELD, next_attempt_at=None, updated_at=now)
    )
    return int(result.rowcount or 0)


def withhold_overdue_wakes(*, session: Session, participant_id: int, now: datetime) -> int:
    """Handed back: wake-ups that came due during the hold are withheld, not sent late."""
    result = session.connection().execute(
        update(Nudge)
        .where(
            col(Nudge.participant_id) == participant_id,
            col(Nudge.status) == "pending",
            col(Nudge.due_at) <= now,
        )
        .values(status=WITHHELD, updated_at=now)
    )
    return int(result.rowcount or 0)


def idle_holds(*, session: Session, now: datetime, limit: int = 100) -> list[int]:
    """Participants whose advisor's lease has run out."""
    return list(
        session.exec(
            select(AdvisorRequest.participant_id)
            .where(
                col(AdvisorRequest.status) == HELD,
                col(AdvisorRequest.lease_until).is_not(None),
                col(AdvisorRequest.lease_until) <= now,
            )
            .limit(limit)
        )
    )
