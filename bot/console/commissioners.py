"""Commissioners in the console: their sessions, reads and writes.

A commissioner is not an advisor (their own table, no provider: see storage.ledger_tables), so
they sign in at /console/commissioner/login to a session of their own, under a cookie of their
own. The rules are the advisors' (bot.console.auth): 256 random bits in the cookie, only their
SHA-256 stored, 30 idle minutes, 12 hours, the same login throttle and CSRF defences. An
advisor's cookie never signs a commissioner in, nor the other way round, so a commissioner can
never reach the queue or a participant's page (no transcript, no name).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from bot.console import auth
from storage.console_tables import CommissionerSession
from storage.ledger_tables import Commissioner


def cookie_name(https: bool) -> str:
    return "__Host-quitbot_commissioner" if https else "quitbot_commissioner"


@dataclass(frozen=True, slots=True)
class SignedIn:
    """The signed-in commissioner, as every handler sees them."""

    commissioner_id: int
    email: str
    session_id: int
    csrf: str


def by_email(session: Session, email: str) -> Commissioner | None:
    return session.exec(select(Commissioner).where(col(Commissioner.email) == email)).first()


def live_session(session: Session, digest: str) -> tuple[CommissionerSession, Commissioner] | None:
    found = session.exec(
        select(CommissionerSession, Commissioner)
        .join(Commissioner, col(Commissioner.id) == col(CommissionerSession.commissioner_id))
        .where(
            col(CommissionerSession.token_hash) == digest,
            col(CommissionerSession.ended_at).is_(None),
        )
    ).first()
    return None if found is None else (found[0], found[1])


def signed_in(
    session: Session, token: str | None, *, secret_key: str, now: datetime
) -> SignedIn | None:
    """The commissioner this cookie signs in, or None. A session past its idle or absolute
    limit, or of a commissioner no longer active, is ended here and then."""
    if not token or len(token) > 100:
        return None
    digest = auth.token_hash(token)
    found = live_session(session, digest)
    if found is None:
        return None
    row, who = found
    reason = ""
    if not who.active:
        reason = "inactive"
    elif now - row.created_at >= auth.ABSOLUTE:
        reason = "expired"
    elif now - row.last_seen_at >= auth.IDLE:
        reason = "idle"
    if reason:
        end_session(session, row, now=now, reason=reason)
        return None
    if now - row.last_seen_at >= auth.TOUCH_EVERY:
        row.last_seen_at = now
        session.add(row)
    assert row.id is not None
    assert who.id is not None
    return SignedIn(
        commissioner_id=who.id,
        email=who.email,
        session_id=row.id,
        csrf=auth.csrf_token(secret_key, digest),
    )


def start_session(
    session: Session, *, commissioner_id: int, token_hash: str, now: datetime, address: str
) -> CommissionerSession:
    row = CommissionerSession(
        token_hash=token_hash,
        commissioner_id=commissioner_id,
        created_at=now,
        last_seen_at=now,
        address=address[:64],
    )
    session.add(row)
    session.flush()
    return row


def end_session(session: Session, row: CommissionerSession, *, now: datetime, reason: str) -> None:
    row.ended_at = now
    row.end_reason = reason[:16]
    session.add(row)
