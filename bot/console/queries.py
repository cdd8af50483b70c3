"""Every database read the console makes itself, in one place: sessions, the login throttle,
advisors, the queue and what makes the live queue re-render, the provider check.

Each read that concerns participants takes the signed-in advisor's provider and returns only
that provider's people: the isolation rule lives in these queries, not in the templates. A
participant's record and thread come from `bot.handover` (the service the actions use too),
which is provider-scoped as well; the console checks the provider here first anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.console_tables import ConsoleSession, LoginAttempt
from storage.owners import HELD
from storage.tables import (
    Advisor,
    AdvisorRequest,
    ChannelAddress,
    ConversationRow,
    MessageRow,
    Participant,
    Provider,
)

OPEN = "open"
QUEUE_FILTERS = ("waiting", "mine", "all")


# --- who is signed in -------------------------------------------------------------------------


def advisor_by_email(session: Session, email: str) -> Advisor | None:
    """The advisor with this (lower-case) email, active or not."""
    return session.exec(select(Advisor).where(col(Advisor.email) == email)).first()


def live_session(
    session: Session, token_hash: str
) -> tuple[ConsoleSession, Advisor, Provider] | None:
    """The session with this token hash, if it has not ended, with its advisor and provider."""
    found = session.exec(
        select(ConsoleSession, Advisor, Provider)
        .join(Advisor, col(Advisor.id) == col(ConsoleSession.advisor_id))
        .join(Provider, col(Provider.id) == col(Advisor.provider_id))
        .where(
            col(ConsoleSession.token_hash) == token_hash,
            col(ConsoleSession.ended_at).is_(None),
        )
    ).first()
    return None if found is None else (found[0], found[1], found[2])


def session_is_live(session: Session, session_id: int) -> bool:
    """Whether this session is still going (for long-lived event streams)."""
    row = session.get(ConsoleSession, session_id)
    return row is not None and row.ended_at is None


def live_sessions_of(session: Session, advisor_id: int) -> list[ConsoleSession]:
    """An advisor's sessions that have not ended, newest first."""
    return list(
        session.exec(
            select(ConsoleSession)
            .where(
                col(ConsoleSession.advisor_id) == advisor_id,
                col(ConsoleSession.ended_at).is_(None),
            )
            .order_by(col(ConsoleSession.created_at).desc())
        )
    )


def failures_since_success(
    session: Session, *, account: str, address: str, since: datetime
) -> tuple[tuple[int, datetime | None], tuple[int, datetime | None]]:
    """(failures, latest failure) for the account and for the address, within the window
    starting at `since`, counting only failures after the last success of each."""

    def count(column: object, value: str) -> tuple[int, datetime | None]:
        last_success = session.exec(
            select(func.max(LoginAttempt.at)).where(
                column == value,
                col(LoginAttempt.succeeded).is_(True),
                col(LoginAttempt.at) >= since,
            )
        ).one()
        start = max(since, last_success) if last_success is not None else since
        n, latest = session.exec(
            select(func.count(), func.max(LoginAttempt.at)).where(
                column == value,
                col(LoginAttempt.succeeded).is_(False),
                col(LoginAttempt.at) >= start,
            )
        ).one()
        return int(n), latest

    return count(col(LoginAttempt.account), account), count(col(LoginAttempt.address), address)


def provider_advisors(session: Session, provider_id: int) -> list[tuple[Advisor, int]]:
    """A provider's advisors, each with how many live sessions they have."""
    live = (
        select(ConsoleSession.advisor_id, func.count().label("n"))
        .where(col(ConsoleSession.ended_at).is_(None))
        .group_by(col(ConsoleSession.advisor_id))
        .subquery()
    )
    rows = session.exec(
        select(Advisor, func.coalesce(live.c.n, 0))
        .outerjoin(live, live.c.advisor_id == col(Advisor.id))
        .where(col(Advisor.provider_id) == provider_id)
        .order_by(col(Advisor.email))
    )
    return [(advisor, int(n)) for advisor, n in rows]


def advisor_of_provider(session: Session, advisor_id: int, provider_id: int) -> Advisor | None:
    """The advisor with this id if they work for this provider (None for anyone else's)."""
    advisor = session.get(Advisor, advisor_id)
    return advisor if advisor is not None and advisor.provider_id == provider_id else None


# --- the queue --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One person on the queue, as the advisor sees them."""

    request_id: int
    participant_id: int
    reason: str
    urgent: bool
    status: str
    waiting_since: datetime
    note: str
    channel: str
    locale: str
    held_by: int | None = None
    held_by_email: str | None = None


def queue(session: Session, *, provider_id: int, advisor_id: int, show: str) -> list[QueueRow]:
    """The provider's queue, urgent first, then oldest first.

    `show`: "waiting" (nobody has them yet), "mine" (held by this advisor) or "all" (the
    provider's waiting and held people).
    """
    statuses = {"waiting": [OPEN], "mine": [HELD], "all": [OPEN, HELD]}[show]
    query = (
        select(AdvisorRequest, ConversationRow.locale, Advisor.email)
        .join(Participant, col(Participant.id) == col(AdvisorRequest.participant_id))
        .outerjoin(ConversationRow, col(ConversationRow.participant_id) == col(Participant.id))
        .outerjoin(Advisor, col(Advisor.id) == col(AdvisorRequest.advisor_id))
        .where(
            col(Participant.provider_id) == provider_id,
            col(AdvisorRequest.status).in_(statuses),
        )
        .order_by(col(AdvisorRequest.urgent).desc(), col(AdvisorRequest.created_at))
    )
    if show == "mine":
        query = query.where(col(AdvisorRequest.advisor_id) == advisor_id)
    found: list[tuple[AdvisorRequest, str | None, str | None]] = list(session.exec(query))
    channels = _last_channels(session, [request.participant_id for request, _, _ in found])
    return [
        QueueRow(
            request_id=request.id or 0,
            participant_id=request.participant_id,
            reason=request.reason,
            urgent=request.urgent,
            status=request.status,
            waiting_since=request.created_at,
            note=request.note,
            channel=channels.get(request.participant_id, ""),
            locale=locale or "",
            held_by=request.advisor_id if request.status == HELD else None,
            held_by_email=email if request.status == HELD else None,
        )
        for request, locale, email in found
    ]


def _last_channels(session: Session, participant_ids: list[int]) -> dict[int, str]:
    """The channel each participant last wrote from (or was first reached on)."""
    if not participant_ids:
        return {}
    found: dict[int, str] = {}
    for pid, channel in session.exec(
        select(ChannelAddress.participant_id, ChannelAddress.channel)
        .where(col(ChannelAddress.participant_id).in_(participant_ids))
        .order_by(col(ChannelAddress.id))
    ):
        found.setdefault(pid, channel)
    last_in = (
        select(func.max(MessageRow.id))
        .where(
            col(MessageRow.participant_id).in_(participant_ids),
            col(MessageRow.direction) == "in",
        )
        .group_by(col(MessageRow.participant_id))
    )
    for pid, channel in session.exec(
        select(MessageRow.participant_id, MessageRow.channel).where(
            col(MessageRow.id).in_(last_in)
        )
    ):
        found[pid] = channel
    return found


def queue_fingerprint(session: Session, *, provider_id: int) -> tuple[object, ...]:
    """Something that changes whenever what the provider's queue shows changes (who waits or
    is held, by whom, how urgently, and where they last wrote from): the live view re-renders
    when it does (and once a minute anyway, for the waiting times)."""
    requests = list(
        session.exec(
            select(
                AdvisorRequest.id,
                AdvisorRequest.status,
                AdvisorRequest.urgent,
                AdvisorRequest.advisor_id,
            )
            .join(Participant, col(Participant.id) == col(AdvisorRequest.participant_id))
            .where(
                col(Participant.provider_id) == provider_id,
                col(AdvisorRequest.status).in_([OPEN, HELD]),
            )
            .order_by(col(AdvisorRequest.id))
        )
    )
    last_in = session.exec(
        select(func.max(MessageRow.id)).where(
            col(MessageRow.participant_id).in_(
                select(AdvisorRequest.participant_id)
                .join(Participant, col(Participant.id) == col(AdvisorRequest.participant_id))
                .where(
                    col(Participant.provider_id) == provider_id,
                    col(AdvisorRequest.status).in_([OPEN, HELD]),
                )
            ),
            col(MessageRow.direction) == "in",
        )
    ).one()
    return (tuple(tuple(row) for row in requests), last_in)


# --- one participant --------------------------------------------------------------------------


def participant_of_provider(
    session: Session, participant_id: int, provider_id: int
) -> Participant | None:
    """The participant if they belong to this provider; None for anyone else's, or no one."""
    participant = session.get(Participant, participant_id)
    if participant is None or participant.provider_id != provider_id:
        return None
    return participant


def requests_of(session: Session, participant_id: int) -> list[AdvisorRequest]:
    """A participant's requests for a person, newest first (the caller checked the provider)."""
    return list(
        session.exec(
            select(AdvisorRequest)
            .where(col(AdvisorRequest.participant_id) == participant_id)
            .order_by(col(AdvisorRequest.id).desc())
        )
    )


def waiting_count(session: Session, *, provider_id: int) -> int:
    """How many of the provider's people wait for a person (the unread count in the title)."""
    return int(
        session.exec(
            select(func.count())
            .select_from(AdvisorRequest)
            .join(Participant, col(Participant.id) == col(AdvisorRequest.participant_id))
            .where(
                col(Participant.provider_id) == provider_id,
                col(AdvisorRequest.status) == OPEN,
            )
        ).one()
    )
