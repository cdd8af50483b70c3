"""Everything the console writes of its own: sessions, login attempts and audit entries.

These functions never commit: each request's handler commits once, so an audit entry is
stored together with whatever it records, or not at all.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from storage.console_tables import AuditEntry, ConsoleDraft, ConsoleSession, LoginAttempt
from storage.tables import Advisor

DRAFTS_KEPT = timedelta(hours=24)  # a draft nobody came back for is forgotten after a day


def audit(
    session: Session,
    *,
    now: datetime,
    action: str,
    address: str,
    advisor_id: int | None = None,
    provider_id: int | None = None,
    participant_id: int | None = None,
    detail: str = "",
    commissioner_id: int | None = None,
) -> None:
    """Append one entry to the audit log (who: an advisor or a commissioner). Control
    characters in `detail` are dropped, so an entry is always one line (no log injection)."""
    clean = "".join(ch if ch.isprintable() else " " for ch in detail)[:200]
    session.add(
        AuditEntry(
            at=now,
            advisor_id=advisor_id,
            commissioner_id=commissioner_id,
            provider_id=provider_id,
            action=action[:40],
            participant_id=participant_id,
            detail=clean,
            address=address[:64],
        )
    )


def reserve_attempt(session: Session, *, account: str, address: str, now: datetime) -> int:
    """Count a try at signing in as failed before its password is checked, so tries sent all
    at once are each counted by the throttle before the next is let through; `settle_attempt`
    marks it a success if it was one."""
    row = LoginAttempt(account=account[:254], address=address[:64], succeeded=False, at=now)
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


def settle_attempt(session: Session, attempt_id: int, *, succeeded: bool) -> None:
    """The reserved try turned out right (a failure stays as it was reserved)."""
    if succeeded:
        session.exec(
            update(LoginAttempt).where(col(LoginAttempt.id) == attempt_id).values(succeeded=True)
        )


def start_session(
    session: Session, *, advisor_id: int, token_hash: str, now: datetime, address: str
) -> ConsoleSession:
    """A new session for a signed-in advisor."""
    row = ConsoleSession(
        token_hash=token_hash,
        advisor_id=advisor_id,
        created_at=now,
        last_seen_at=now,
        present_at=now,  # signing in, they are at the console
        address=address[:64],
    )
    session.add(row)
    session.flush()
    return row


def touch_session(session: Session, row: ConsoleSession, now: datetime) -> None:
    """The advisor did something: the idle timeout starts again (and they are at the
    console)."""
    row.last_seen_at = now
    row.present_at = now
    session.add(row)


def end_session(session: Session, row: ConsoleSession, *, now: datetime, reason: str) -> None:
    """End one session on the server: its cookie no longer signs anyone in."""
    row.ended_at = now
    row.end_reason = reason[:16]
    session.add(row)
    _away_when_gone(session, row.advisor_id)


def end_sessions_of(session: Session, *, advisor_id: int, now: datetime, reason: str) -> int:
    """End every live session of an advisor; returns how many there were."""
    result = session.exec(
        update(ConsoleSession)
        .where(
            col(ConsoleSession.advisor_id) == advisor_id,
            col(ConsoleSession.ended_at).is_(None),
        )
        .values(ended_at=now, end_reason=reason[:16])
    )
    _away_when_gone(session, advisor_id)
    return int(result.rowcount or 0)


def set_online(session: Session, advisor_id: int, online: bool) -> None:
    """Online (signed in and taking conversations) or away: what the queue's team list and
    `quitbot advisor list` show, and whose spare capacity the queue page counts."""
    session.exec(update(Advisor).where(col(Advisor.id) == advisor_id).values(online=online))


def _away_when_gone(session: Session, advisor_id: int) -> None:
    """An advisor with no console session left (signed out, timed out, signed out by a lead)
    is away: nobody is there to answer."""
    session.flush()
    live = session.exec(
        select(ConsoleSession.id).where(
            col(ConsoleSession.advisor_id) == advisor_id,
            col(ConsoleSession.ended_at).is_(None),
        )
    ).first()
    if live is None:
        set_online(session, advisor_id, False)


def mark_present(session: Session, session_id: int, now: datetime) -> None:
    """A console page of this session has its live connection open (see `ConsoleSession`)."""
    session.exec(
        update(ConsoleSession)
        .where(col(ConsoleSession.id) == session_id, col(ConsoleSession.ended_at).is_(None))
        .values(present_at=now)
    )


def keep_draft(
    session: Session, *, advisor_id: int, participant_id: int, kind: str, body: str, now: datetime
) -> None:
    """Keep what an advisor was writing to this participant (replacing any earlier draft)."""
    drop_draft(session, advisor_id=advisor_id, participant_id=participant_id)
    session.add(
        ConsoleDraft(
            advisor_id=advisor_id,
            participant_id=participant_id,
            kind=kind,
            body=body[:1600],
            saved_at=now,
        )
    )


def draft_for(
    session: Session, *, advisor_id: int, participant_id: int, now: datetime
) -> ConsoleDraft | None:
    """This advisor's kept draft for this participant (None if none, or older than
    `DRAFTS_KEPT`). It stays until they send or save something for this person."""
    found = session.exec(
        select(ConsoleDraft).where(
            col(ConsoleDraft.advisor_id) == advisor_id,
            col(ConsoleDraft.participant_id) == participant_id,
        )
    ).first()
    return found if found is not None and now - found.saved_at < DRAFTS_KEPT else None


def drop_draft(session: Session, *, advisor_id: int, participant_id: int) -> None:
    """The advisor sent or saved something for this person: their kept draft has served."""
    session.exec(
        delete(ConsoleDraft).where(
            col(ConsoleDraft.advisor_id) == advisor_id,
            col(ConsoleDraft.participant_id) == participant_id,
        )
    )


def newest_draft_participant(session: Session, advisor_id: int, now: datetime) -> int | None:
    """The participant this advisor was last writing to when signed out, if a draft waits."""
    return session.exec(
        select(ConsoleDraft.participant_id)
        .where(
            col(ConsoleDraft.advisor_id) == advisor_id,
            col(ConsoleDraft.saved_at) > now - DRAFTS_KEPT,
        )
        .order_by(col(ConsoleDraft.saved_at).desc())
    ).first()
