"""The advisor console's queue as plain rows: one statement for a page of it, one for its
counts (SQLAlchemy Core, no ORM objects).

Every statement takes the provider and returns only that provider's people. A page is found by
its filter and order first (urgent first, then the longest waiting, then the entry's id: the
`ix_advisor_request_queue` index), limited, and only then are the page's rows joined to what
the console shows of them (their last message in, whether it raised a safety event, where it
came from, their language, the holder's email, an advisor's last reply, the first message no
advisor has answered).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Row, and_, case, exists, false, func, literal, or_, select
from sqlalchemy.orm import Session

from storage.owners import HELD, OPEN
from storage.tables import (
    Advisor,
    AdvisorRequest,
    ConversationRow,
    MessageRow,
    Participant,
    SafetyEvent,
)

MINE, WAITING, ALL = "mine", "waiting", "all"
VIEWS = (MINE, WAITING, ALL)

_request = AdvisorRequest.__table__  # type: ignore[attr-defined]
_participant = Participant.__table__  # type: ignore[attr-defined]
_message = MessageRow.__table__  # type: ignore[attr-defined]
_advisor = Advisor.__table__  # type: ignore[attr-defined]
_conversation = ConversationRow.__table__  # type: ignore[attr-defined]
_safety = SafetyEvent.__table__  # type: ignore[attr-defined]


class Cursor(NamedTuple):
    """Where a page starts: after this entry, in the queue's order."""

    urgent: bool
    created_at: datetime
    id: int


class Counts(NamedTuple):
    """A provider's queue, counted (for the title and "showing 50 of 500")."""

    waiting: int  # open: nobody holds them yet
    held: int  # held by any of the provider's advisors
    mine: int  # held by this advisor
    unanswered: int  # held by this advisor, with a message in no advisor has answered

    def in_view(self, view: str) -> int:
        return {MINE: self.mine, WAITING: self.waiting}.get(view, self.waiting + self.held)


def _in_view(view: str, advisor_id: int) -> ColumnElement[bool]:
    status: ColumnElement[str] = _request.c.status
    if view == MINE:
        return and_(status == HELD, _request.c.advisor_id == advisor_id)
    if view == WAITING:
        return status == OPEN
    return status.in_((OPEN, HELD))


def cursor(session: Session, *, provider_id: int, request_id: int) -> Cursor | None:
    """The queue position of this entry, if it is the provider's (None for anyone else's, or
    no such entry: the caller answers 404 either way)."""
    found = session.execute(
        select(_request.c.urgent, _request.c.created_at, _request.c.id)
        .join(_participant, _participant.c.id == _request.c.participant_id)
        .where(_request.c.id == request_id, _participant.c.provider_id == provider_id)
    ).first()
    return None if found is None else Cursor(bool(found[0]), found[1], found[2])


def page(
    session: Session,
    *,
    provider_id: int,
    advisor_id: int,
    view: str,
    limit: int,
    after: Cursor | None = None,
) -> list[Row[Any]]:
    """One page of the provider's queue in this view, in order, after `after` if given.

    Each row: request_id, participant_id, reason, urgent, status, created_at, advisor_id,
    lease_until, note, held_by_email, locale, channel, last_in_at, last_in_body, last_in_safety,
    last_reply_at, unanswered_since.
    """
    r = _request
    ordered = (
        select(
            r.c.id,
            r.c.participant_id,
            r.c.reason,
            r.c.urgent,
            r.c.status,
            r.c.created_at,
            r.c.advisor_id,
            r.c.lease_until,
            r.c.note,
            r.c.message_id,
        )
        .join(_participant, _participant.c.id == r.c.participant_id)
        .where(_participant.c.provider_id == provider_id, _in_view(view, advisor_id))
    )
    if after is not None:
        # The order is urgent (true) first, then oldest first, then by id: what comes after
        # `after` is later at its urgency, or less urgent.
        later = or_(
            r.c.created_at > after.created_at,
            and_(r.c.created_at == after.created_at, r.c.id > after.id),
        )
        same = r.c.urgent.is_(True) if after.urgent else r.c.urgent.is_(False)
        less = r.c.urgent.is_(False) if after.urgent else false()
        ordered = ordered.where(or_(and_(same, later), less))
    top = ordered.order_by(r.c.urgent.desc(), r.c.created_at, r.c.id).limit(limit).subquery("top")
    newest_in = _message.alias("newest_in")
    last_in = (
        select(func.max(newest_in.c.id))
        .where(newest_in.c.participant_id == top.c.participant_id, newest_in.c.direction == "in")
        .correlate(top)
        .scalar_subquery()
    )
    last_reply_id = _last_reply_id(top.c.participant_id, top)
    reply = _message.alias("reply")
    last_reply_at = (
        select(reply.c.created_at)
        .where(reply.c.id == last_reply_id)
        .correlate(top)
        .scalar_subquery()
    )
    unanswered = _message.alias("unanswered")
    unanswered_since = (
        select(func.min(unanswered.c.created_at))
        .where(
            unanswered.c.participant_id == top.c.participant_id,
            unanswered.c.direction == "in",
            or_(
                unanswered.c.created_at >= top.c.created_at,
                unanswered.c.id >= top.c.message_id,
            ),
            unanswered.c.id > func.coalesce(last_reply_id, 0),
        )
        .correlate(top)
        .scalar_subquery()
    )
    li = _message.alias("last_in")
    flagged = exists().where(
        _safety.c.participant_id == top.c.participant_id, _safety.c.message_id == li.c.id
    )
    query = (
        select(
            top.c.id.label("request_id"),
            top.c.participant_id,
            top.c.reason,
            top.c.urgent,
            top.c.status,
            top.c.created_at,
            top.c.advisor_id,
            top.c.lease_until,
            top.c.note,
            _advisor.c.email.label("held_by_email"),
            _conversation.c.locale,
            li.c.channel,
            li.c.created_at.label("last_in_at"),
            li.c.body.label("last_in_body"),
            flagged.label("last_in_safety"),
            last_reply_at.label("last_reply_at"),
            unanswered_since.label("unanswered_since"),
        )
        .select_from(top)
        .outerjoin(_advisor, _advisor.c.id == top.c.advisor_id)
        .outerjoin(_conversation, _conversation.c.participant_id == top.c.participant_id)
        .outerjoin(li, li.c.id == last_in)
        .order_by(top.c.urgent.desc(), top.c.created_at, top.c.id)
    )
    return list(session.execute(query).all())  # type: ignore[arg-type]


def _last_reply_id(participant_id: Any, outer: Any) -> Any:
    """The id of the last advisor reply to this participant (NULL: none), correlated to
    `outer`."""
    reply = _message.alias("last_reply")
    return (
        select(func.max(reply.c.id))
        .where(
            reply.c.participant_id == participant_id,
            reply.c.direction == "out",
            reply.c.advisor_id.is_not(None),
        )
        .correlate(outer)
        .scalar_subquery()
    )


def counts(session: Session, *, provider_id: int, advisor_id: int) -> Counts:
    """The provider's queue counted in one statement: waiting, held, held by this advisor, and
    held by this advisor with a message in that no advisor has answered."""
    r, m = _request, _message.alias("answer_due")
    waits_for_reply = (
        exists()
        .where(
            m.c.participant_id == r.c.participant_id,
            m.c.direction == "in",
            or_(m.c.created_at >= r.c.created_at, m.c.id >= r.c.message_id),
            m.c.id > func.coalesce(_last_reply_id(r.c.participant_id, r), 0),
        )
        .correlate(r)
    )
    mine = and_(r.c.status == HELD, r.c.advisor_id == advisor_id)
    one, none = literal(1), literal(0)
    found = session.execute(
        select(
            func.coalesce(func.sum(case((r.c.status == OPEN, one), else_=none)), 0),
            func.coalesce(func.sum(case((r.c.status == HELD, one), else_=none)), 0),
            func.coalesce(func.sum(case((mine, one), else_=none)), 0),
            func.coalesce(func.sum(case((and_(mine, waits_for_reply), one), else_=none)), 0),
        )
        .select_from(r)
        .join(_participant, _participant.c.id == r.c.participant_id)
        .where(_participant.c.provider_id == provider_id, r.c.status.in_((OPEN, HELD)))
    ).one()
    return Counts(*(int(n) for n in found))


__all__ = ["ALL", "MINE", "VIEWS", "WAITING", "Counts", "Cursor", "counts", "cursor", "page"]
