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

from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from bot.console import auth, records
from storage.console_tables import CommissionerSession
from storage.ledger_tables import Commissioner


def cookie_name(https: bool) -> str:
    return "__Host-quitbot_commissioner" if https else "quitbot_commissioner"


def login_cookie_name(https: bool) -> str:
    """The commissioners' sign-in page's own pre-login cookie: the advisors' sign-in page has
    another (auth.login_cookie_name), so opening one page in a tab never spoils the form open
    in the other."""
    return "__Host-quitbot_commissioner_login" if https else "quitbot_commissioner_login"


def login_nonce(cookie: str) -> str:
    """What the commissioners' sign-in form's CSRF token is bound to: their pre-login cookie,
    marked as theirs, so an advisors' sign-in token never passes here (nor this one there),
    whatever the cookies hold."""
    return f"commissioner:{cookie}" if cookie else ""


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


class UnknownCommissioner(LookupError):
    """No commissioner has that email."""


def end_sessions_of(session: Session, *, commissioner_id: int, now: datetime, reason: str) -> int:
    """End every live session of a commissioner; returns how many there were."""
    result = session.exec(
        update(CommissionerSession)
        .where(
            col(CommissionerSession.commissioner_id) == commissioner_id,
            col(CommissionerSession.ended_at).is_(None),
        )
        .values(ended_at=now, end_reason=reason[:16])
    )
    return int(result.rowcount or 0)


def end_sessions(engine: Engine, *, email: str, now: datetime, disable: bool = False) -> int:
    """From the command line: sign a commissioner out everywhere (every live session ends on
    the server), and with `disable` stop them signing in again; how many sessions ended.
    Audited either way."""
    with Session(engine) as session, session.begin():
        who = by_email(session, email.strip().lower())
        if who is None or who.id is None:
            raise UnknownCommissioner(f"no commissioner has the email {email!r}")
        if disable:
            who.active = False
            session.add(who)
        ended = end_sessions_of(
            session,
            commissioner_id=who.id,
            now=now,
            reason="disabled" if disable else "ended_by_cli",
        )
        records.audit(
            session,
            now=now,
            action="commissioner_disable" if disable else "end_sessions",
            address="command line",
            commissioner_id=who.id,
            detail=f"commissioner {who.id}: {ended} ended",
        )
    return ended
