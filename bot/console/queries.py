"""Every database read the console makes itself, in one place: sessions, the login throttle,
advisors, the queue and what makes the live queue re-render, the provider check.

Each read that concerns participants takes the signed-in advisor's provider and returns only
that provider's people: the isolation rule lives in these queries, not in the templates. A
participant's record and thread come from `bot.handover` (the service the actions use too),
which is provider-scoped as well; the console checks the provider here first anyway.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from storage.console_tables import ConsoleSession, LoginAttempt
from storage.owners import HELD
from storage.tables import (
    Advisor,
    AdvisorRequest,
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


def ended_session(session: Session, token_hash: str) -> tuple[ConsoleSession, Advisor] | None:
    """The session with this token hash if it has ended, with its advisor."""
    found = session.exec(
        select(ConsoleSession, Advisor)
        .join(Advisor, col(Advisor.id) == col(ConsoleSession.advisor_id))
        .where(
            col(ConsoleSession.token_hash) == token_hash,
            col(ConsoleSession.ended_at).is_not(None),
        )
    ).first()
    return None if found is None else (found[0], found[1])


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
# The rows themselves come from `bot.handover.Handover.queue_page` (storage/queue.py, provider-
# scoped there): who waits or is held, since when, what they last wrote, and who wrote since an
# advisor last replied.


class QueueState(NamedTuple):
    """What the provider's queue shows, in a form that compares equal while nothing changed."""

    requests: tuple[tuple[Any, ...], ...]  # (id, status, urgent, advisor) of each open or held
    last_in: int | None  # the newest message in from any of them
    last_reply: int | None  # the newest advisor's reply to any of them

    def holds(self, advisor_id: int) -> bool:
        """Whether this advisor holds any of the provider's conversations."""
        return any(
            status == HELD and holder == advisor_id for _, status, _, holder in self.requests
        )


def queue_fingerprint(session: Session, *, provider_id: int) -> QueueState:
    """Something that changes whenever what the provider's queue shows changes (who waits or
    is held, by whom, how urgently, what they last wrote and from where, and whether an advisor
    has answered it): the live view re-renders when it does (and once a minute anyway, for the
    waiting times)."""
    requests = tuple(
        tuple(row)
        for row in session.exec(
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
    last_in, last_reply = session.exec(
        select(
            func.max(case((col(MessageRow.direction) == "in", MessageRow.id))),
            func.max(case((col(MessageRow.advisor_id).is_not(None), MessageRow.id))),
        ).where(
            col(MessageRow.participant_id).in_(
                select(AdvisorRequest.participant_id)
                .join(Participant, col(Participant.id) == col(AdvisorRequest.participant_id))
                .where(
                    col(Participant.provider_id) == provider_id,
                    col(AdvisorRequest.status).in_([OPEN, HELD]),
                )
            ),
        )
    ).one()
    return QueueState(requests, last_in, last_reply)


# --- one participant --------------------------------------------------------------------------


def participant_of_provider(
    session: Session, participant_id: int, provider_id: int
) -> Participant | None:
    """The participant if they belong to this provider; None for anyone else's, or no one."""
    participant = session.get(Participant, participant_id)
    if participant is None or participant.provider_id != provider_id:
        return None
    return participant


def request_of_provider(session: Session, request_id: int, provider_id: int) -> bool:
    """Whether this queue entry is one of this provider's people's (False for anyone else's,
    or no such entry)."""
    found = session.exec(
        select(AdvisorRequest.id)
        .join(Participant, col(Participant.id) == col(AdvisorRequest.participant_id))
        .where(col(AdvisorRequest.id) == request_id, col(Participant.provider_id) == provider_id)
    ).first()
    return found is not None


def requests_of(session: Session, participant_id: int) -> list[AdvisorRequest]:
    """A participant's requests for a person, newest first (the caller checked the provider)."""
    return list(
        session.exec(
            select(AdvisorRequest)
            .where(col(AdvisorRequest.participant_id) == participant_id)
            .order_by(col(AdvisorRequest.id).desc())
        )
    )


def reply_with_key(session: Session, *, advisor_id: int, key: str) -> MessageRow | None:
    """This advisor's message sent from the composer form that carried `key`, if any (the key
    is unique per advisor: see `Handover.reply`)."""
    return session.exec(
        select(MessageRow).where(
            col(MessageRow.advisor_id) == advisor_id, col(MessageRow.client_key) == key
        )
    ).first()
