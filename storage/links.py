"""LINK's codes and the wrong ones tried, and joining an address to a person.

Repository functions: keyword-only, part of the caller's transaction, never commit. A code is
only ever seen here as its keyed hash (bot/linking.py makes and hashes it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, exists, or_, update
from sqlmodel import Session, col, select

from flows.registration import BEFORE_CONSENT, FIRST_AFTER_CONSENT
from storage.ledger_tables import QuitAttempt
from storage.link_tables import LinkAttempt, LinkCode
from storage.tables import (
    AdvisorRequest,
    ChannelAddress,
    ClinicalRecord,
    ConversationNote,
    ConversationRow,
    ExitSurvey,
    MessageRow,
    Nudge,
    OutcomeRow,
    OwnerChange,
    Participant,
    SafetyEvent,
)

# Codes are kept this long after they ran out (so "that code has run out" can be told), then
# removed when someone next asks for one.
KEEP_SPENT = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class FoundCode:
    """A code that was made (live, run out or used)."""

    id: int
    participant_id: int
    channel: str
    expires_at: datetime
    used: bool


def issue(
    *,
    session: Session,
    participant_id: int,
    code_hash: str,
    channel: str,
    expires_at: datetime,
    now: datetime,
) -> None:
    """Keep a new code for `participant_id`: their unused older codes stop working, and codes
    spent more than a day ago are removed. A hash already taken raises IntegrityError (the
    caller makes another)."""
    session.execute(
        delete(LinkCode).where(
            col(LinkCode.participant_id) == participant_id, col(LinkCode.used_at).is_(None)
        )
    )
    session.execute(delete(LinkCode).where(col(LinkCode.expires_at) < now - KEEP_SPENT))
    session.add(
        LinkCode(
            participant_id=participant_id,
            code_hash=code_hash,
            channel=channel,
            created_at=now,
            expires_at=expires_at,
        )
    )
    session.flush()


def find(*, session: Session, code_hash: str) -> FoundCode | None:
    """The code with this hash, if one was made (and not yet removed)."""
    row = session.exec(select(LinkCode).where(col(LinkCode.code_hash) == code_hash)).first()
    if row is None or row.id is None:
        return None
    return FoundCode(
        row.id, row.participant_id, row.channel, row.expires_at, row.used_at is not None
    )


def use(*, session: Session, code_id: int, channel: str, now: datetime) -> bool:
    """Mark a code used; False if someone used it first (it is single-use)."""
    result = session.execute(
        update(LinkCode)
        .where(col(LinkCode.id) == code_id, col(LinkCode.used_at).is_(None))
        .values(used_at=now, used_channel=channel)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def locked(*, session: Session, channel: str, address: str, now: datetime) -> bool:
    """Too many wrong codes came from this address lately: codes from it are refused."""
    row = _attempts(session, channel, address)
    return row is not None and row.locked_until is not None and row.locked_until > now


def failed(
    *,
    session: Session,
    channel: str,
    address: str,
    now: datetime,
    window: timedelta,
    max_failures: int,
    lock: timedelta,
) -> bool:
    """Count a wrong code from this address; True if that locks it (`max_failures` within
    `window` lock it for `lock`). A count older than the window, or a lock that ran out,
    starts again."""
    row = _attempts(session, channel, address)
    if row is None:
        row = LinkAttempt(channel=channel, address=address, failures=0, first_failed_at=now)
        session.add(row)
    if (row.locked_until is not None and row.locked_until <= now) or (
        now - row.first_failed_at > window
    ):
        row.failures, row.first_failed_at, row.locked_until = 0, now, None
    row.failures += 1
    if row.failures >= max_failures:
        row.locked_until = now + lock
    session.flush()
    return row.locked_until is not None


def forget_failures(*, session: Session, channel: str, address: str) -> None:
    """A right code: the address starts with a clean slate."""
    session.execute(
        delete(LinkAttempt).where(
            col(LinkAttempt.channel) == channel, col(LinkAttempt.address) == address
        )
    )


def unregistered(*, session: Session, participant_id: int) -> bool:
    """Someone who never said yes to consent (never asked their age), with no safety event,
    no request for a person and nothing an advisor or the ledger recorded: a chat that was only
    ever a stranger's, safe to fold into a person who sends a right code from it (the same
    test as storage/retention.py's). Anyone else has a record of their own."""
    person = participant_id
    started = session.exec(
        select(ConversationRow.stage).where(col(ConversationRow.participant_id) == person)
    ).first()
    if started is not None and started not in BEFORE_CONSENT:
        return False
    asked_age = exists().where(
        col(MessageRow.participant_id) == person,
        col(MessageRow.direction) == "out",
        col(MessageRow.message_key) == FIRST_AFTER_CONSENT.key,
    )
    records = [
        exists().where(column == person)
        for column in (
            col(SafetyEvent.participant_id),
            col(AdvisorRequest.participant_id),
            col(OwnerChange.participant_id),
            col(ConversationNote.participant_id),
            col(ClinicalRecord.participant_id),
            col(OutcomeRow.participant_id),
            col(ExitSurvey.participant_id),
            col(QuitAttempt.participant_id),
            col(LinkCode.participant_id),
        )
    ]
    blocking = session.exec(
        select(Participant.id).where(col(Participant.id) == person, or_(asked_age, *records))
    ).first()
    return blocking is None


def join(
    *,
    session: Session,
    participant_id: int,
    channel: str,
    address: str,
    now: datetime,
    stranger: int | None,
) -> None:
    """Make `address` on `channel` reach `participant_id`. `stranger`: the unregistered
    participant the address belonged to (see `unregistered`): their few messages join the
    person's transcript and the rest of them is removed."""
    if stranger is None:
        session.add(
            ChannelAddress(
                participant_id=participant_id, channel=channel, address=address, created_at=now
            )
        )
        session.flush()
        return
    session.execute(
        update(MessageRow)
        .where(col(MessageRow.participant_id) == stranger)
        .values(participant_id=participant_id)
    )
    session.execute(
        update(ChannelAddress)
        .where(col(ChannelAddress.participant_id) == stranger)
        .values(participant_id=participant_id)
    )
    for table in (Nudge, ConversationRow):
        session.execute(delete(table).where(col(table.participant_id) == stranger))
    session.execute(delete(Participant).where(col(Participant.id) == stranger))
    session.flush()


def _attempts(session: Session, channel: str, address: str) -> LinkAttempt | None:
    return session.exec(
        select(LinkAttempt).where(
            col(LinkAttempt.channel) == channel, col(LinkAttempt.address) == address
        )
    ).first()
