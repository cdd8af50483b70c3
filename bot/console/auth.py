"""Console sign-in: server-side sessions, CSRF tokens, the same-origin check and the login
throttle. The rules are in docs/asvs.md; each is enforced here, on the server.

- The cookie holds a random session id of 256 bits; the database keeps only its SHA-256.
- A session ends after 30 idle minutes or 12 hours, at logout, at the next login on that
  browser, or when a lead (or `quitbot advisor end-sessions`) ends it.
- Every state change needs the session's CSRF token in the form, the `HX-Request` header
  (which a cross-site form cannot send) and an `Origin` that is quitbot's own.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from urllib.parse import urlsplit

from sqlmodel import Session
from starlette.requests import Request

from bot.console import queries, records
from bot.passwords import hash_password

log = logging.getLogger(__name__)

IDLE = timedelta(minutes=30)
ABSOLUTE = timedelta(hours=12)
TOUCH_EVERY = timedelta(seconds=30)  # last_seen_at is written at most this often
# The login throttle: failures since the last success within THROTTLE_WINDOW. After the free
# tries, each further failure doubles the wait before the next try, up to MAX_WAIT.
THROTTLE_WINDOW = timedelta(hours=1)
FREE_TRIES_ACCOUNT = 3
FREE_TRIES_ADDRESS = 20  # a hospital's staff may share one address
MAX_WAIT = 900


def cookie_name(https: bool) -> str:
    """`__Host-` pins the cookie to this host, path / and https (browsers enforce it)."""
    return "__Host-quitbot_console" if https else "quitbot_console"


def login_cookie_name(https: bool) -> str:
    return "__Host-quitbot_console_login" if https else "quitbot_console_login"


def new_token() -> str:
    """A new session id: 32 random bytes (256 bits) from the operating system's CSPRNG."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _mac(secret_key: str, purpose: str, value: str) -> str:
    return hmac.new(secret_key.encode(), f"{purpose}:{value}".encode(), "sha256").hexdigest()


def csrf_token(secret_key: str, session_hash: str) -> str:
    """The CSRF token of a session: a MAC of its id, so it changes with every new session."""
    return _mac(secret_key, "csrf", session_hash)


def login_csrf_token(secret_key: str, nonce: str) -> str:
    """The login form's CSRF token, bound to a random pre-login cookie."""
    return _mac(secret_key, "login", nonce)


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


@dataclass(frozen=True, slots=True)
class Staff:
    """The signed-in advisor, as every console handler sees them."""

    advisor_id: int
    provider_id: int
    provider_name: str
    timezone: str
    email: str
    role: str
    session_id: int
    csrf: str
    online: bool = False

    @property
    def lead(self) -> bool:
        return self.role == "lead"


def signed_in(
    session: Session,
    token: str | None,
    *,
    secret_key: str,
    now: datetime,
    touch: bool = True,
    end: bool = True,
) -> Staff | None:
    """The advisor this session cookie signs in, or None. A session past its idle or absolute
    limit, or of an advisor no longer active, is ended here and then (`end` False, in a
    read-only transaction: refused all the same, and ended by the next request that writes)."""
    if not token or len(token) > 100:
        return None
    digest = token_hash(token)
    found = queries.live_session(session, digest)
    if found is None:
        return None
    row, advisor, provider = found
    reason = ""
    if not advisor.active:
        reason = "inactive"
    elif now - row.created_at >= ABSOLUTE:
        reason = "expired"
    elif now - row.last_seen_at >= IDLE:
        reason = "idle"
    if reason:
        if end:
            records.end_session(session, row, now=now, reason=reason)
        return None
    if touch and now - row.last_seen_at >= TOUCH_EVERY:
        records.touch_session(session, row, now)
    assert row.id is not None
    assert advisor.id is not None
    assert provider.id is not None
    return Staff(
        advisor_id=advisor.id,
        provider_id=provider.id,
        provider_name=provider.name,
        timezone=provider.timezone,
        email=advisor.email,
        role=advisor.role,
        session_id=row.id,
        csrf=csrf_token(secret_key, digest),
        online=advisor.online,
    )


def lapsed(
    session: Session, token: str | None, *, secret_key: str, now: datetime
) -> tuple[int, int, str] | None:
    """(advisor, provider, the CSRF token its pages carried) of a session that ran out under
    its advisor (30 idle minutes or 12 hours, within the last day), the advisor still active;
    else None. It signs nobody in: it only lets what they were writing be kept for them."""
    if not token or len(token) > 100:
        return None
    digest = token_hash(token)
    found = queries.ended_session(session, digest)
    if found is None:
        return None
    row, advisor = found
    if (
        not advisor.active
        or row.end_reason not in ("idle", "expired")
        or row.ended_at is None
        or now - row.ended_at > records.DRAFTS_KEPT
    ):
        return None
    assert advisor.id is not None
    return advisor.id, advisor.provider_id, csrf_token(secret_key, digest)


# --- cross-site request forgery ---------------------------------------------------------------


def forgery(request: Request, *, public_url: str, expected: str, given: str) -> str | None:
    """Why this state-changing request is refused as a possible forgery, or None if it is
    quitbot's own page asking: htmx's header, an Origin of ours, and the form's token."""
    if request.headers.get("hx-request") != "true":
        return "no HX-Request header"
    origin = request.headers.get("origin")
    if origin is None:
        if request.headers.get("sec-fetch-site") != "same-origin":
            return "no Origin header"
    elif origin not in own_origins(request, public_url):
        return "foreign Origin"
    if not given or not same(given, expected):
        return "missing or wrong CSRF token"
    return None


def own_origins(request: Request, public_url: str) -> set[str]:
    """The public URL's origin, and the origin this request was addressed to (Host)."""
    public = urlsplit(public_url)
    origins = {f"{public.scheme}://{public.netloc}"}
    host = request.headers.get("host")
    if host:
        origins.add(f"{request.url.scheme}://{host}")
    return origins


# --- login throttle ---------------------------------------------------------------------------


def wait_for(failures: int, free: int) -> int:
    """Seconds to wait after the latest failure, given `failures` in a row (0: none)."""
    if failures < free:
        return 0
    return int(min(2 ** (failures - free), MAX_WAIT))


def throttled(session: Session, *, account: str, address: str, now: datetime) -> int | None:
    """Seconds this account or address must still wait before another try, or None."""
    (by_account, last_account), (by_address, last_address) = queries.failures_since_success(
        session, account=account, address=address, since=now - THROTTLE_WINDOW
    )
    waits = []
    for failures, last, free in (
        (by_account, last_account, FREE_TRIES_ACCOUNT),
        (by_address, last_address, FREE_TRIES_ADDRESS),
    ):
        wait = wait_for(failures, free)
        if wait and last is not None:
            left = (last + timedelta(seconds=wait) - now).total_seconds()
            if left > 0:
                waits.append(int(left) + (left % 1 > 0))
    if not waits:
        return None
    log.warning(
        "console sign-in throttled: account %s (%d failures), address %s (%d failures); "
        "next try in %d s",
        account_tag(account),
        by_account,
        address,
        by_address,
        max(waits),
    )
    return max(waits)


def account_tag(account: str) -> str:
    """A short stand-in for an email in log lines (what was typed may be a password)."""
    return hashlib.sha256(account.encode()).hexdigest()[:12]


@cache
def decoy_hash() -> str:
    """A hash to check unknown emails against, so they take as long as known ones."""
    return hash_password(secrets.token_urlsafe(16))
