"""The console's pages, forms and event streams, mounted at /console/.

Every handler reads the session first (`_staff`), every participant lookup goes through the
provider check in `queries`, every view and action writes an audit entry in the same
transaction, and every state change passes `auth.forgery` first.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import anyio
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import text
from sqlmodel import Session
from sse_starlette import EventSourceResponse
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from bot import changes
from bot.console import actions, auth, present, queries, records
from bot.console.actions import Actions
from bot.console.ledger_views import LedgerPages
from bot.handover import Handover, NotFound, QueuePage, View
from bot.passwords import hash_password, needs_rehash, verify
from bot.services import Services
from bot.web.limits import client_key

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
STATIC = HERE / "static"
MAX_ID = 2**31 - 1  # ids are 32-bit integers in PostgreSQL; larger ones are nobody's
NO_STORE = {"cache-control": "no-store"}
QUEUE_PAGE = 50  # rows a queue page shows (urgent, then the longest waiting, first); then more
# A page's own queue counts for its stream this long after the page was made (its first
# connection); a connection made later (the browser's own reconnect says what it shows) gets
# the list as it is.
PAGE_NEW_SECONDS = 10
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Counts:
    """What the page title counts for an advisor: their provider's people waiting for a person,
    and the conversations they hold where the person wrote since an advisor last replied."""

    waiting: int = 0
    unanswered: int = 0

    @property
    def total(self) -> int:
        return self.waiting + self.unanswered


@dataclass(frozen=True, slots=True)
class StreamTiming:
    """When an event stream looks for news, and how long one connection lasts (the browser
    reconnects by itself; each new connection checks the session afresh).

    A stream looks as soon as a change it shows is committed, by this process (bot/changes.py)
    or another on the same database (bot/change_bridge.py), and every `poll_seconds` anyway:
    the slow poll that finds what the signal missed (the command line, a lost connection)."""

    poll_seconds: float = 2.0
    lifetime_seconds: float = 300.0
    refresh_seconds: float = 60.0  # re-render the queue anyway, for the waiting times
    # How often an open stream marks its session present (the advisor is at the console:
    # `storage.providers.at_console`, which allows three minutes).
    present_seconds: float = 60.0


def templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        reason=present.reason,
        channel=present.channel,
        language=present.language,
        when=present.when,
        day=present.day,
        waited=present.waited,
        ago=present.ago,
        plain=present.plain,
        label=present.label,
        snippet=present.snippet,
        room=present.room,
        title=present.title,
    )
    return env


class Console:
    """The console's routes, around one set of services."""

    def __init__(self, services: Services, timing: StreamTiming | None = None) -> None:
        self.services = services
        self.settings = services.settings
        self.engine = services.engine
        self.reader = services.reader or services.engine  # reads that never wait for writes
        self.changes = services.changes
        self.clock = services.clock
        self.timing = timing or StreamTiming()
        self.https = self.settings.public_url.startswith("https://")
        self.cookie = auth.cookie_name(self.https)
        self.login_cookie = auth.login_cookie_name(self.https)
        # `quitbot serve` always has a key (QUITBOT_SECRET_KEY, or one kept in the data folder);
        # without one, this process makes its own, so tokens hold in this process only.
        self.secret = self.settings.secret_key or secrets.token_urlsafe(32)
        self._hashing = anyio.CapacityLimiter(2)  # password checks at once (64 MiB each)
        self.env = templates()
        self.handover: Handover = services.handover
        # The queue fingerprint of each provider, shared by all its advisors' streams in this
        # process: looked up once after each change this process commits for the provider (and
        # at most twice a slow poll otherwise), so 50 advisors on shift cost one query, not 50.
        self._prints: dict[int, tuple[float, int, queries.QueueState]] = {}
        self._print_locks: dict[int, asyncio.Lock] = {}
        # The live queue fragment, rendered once for every advisor with the same view (see
        # `queue_stream`), by the first stream that needs it while the others wait.
        self._rendered: dict[tuple[int, str, int], tuple[object, str]] = {}
        self._render_locks: dict[tuple[int, str, int], asyncio.Lock] = {}

    async def counts(self, staff: auth.Staff) -> Counts:
        """The page title's counts for this advisor (see `Counts`), in one read."""
        found = await self.handover.queue_counts(actions.acting(staff))
        return Counts(found.waiting, found.unanswered)

    # --- plumbing -------------------------------------------------------------------------

    def routes(self) -> list[BaseRoute]:
        return [
            Mount(
                "/console",
                routes=[
                    Route("/", self.queue_page, methods=["GET"]),
                    Route("/login", self.login_page, methods=["GET"]),
                    Route("/login", self.login, methods=["POST"]),
                    Route("/logout", self.logout, methods=["POST"]),
                    Route("/stream", self.queue_stream, methods=["GET"]),
                    Route("/presence", self.presence_stream, methods=["GET"]),
                    Route("/queue/more", self.queue_more, methods=["GET"]),
                    Route("/participants/{pid:int}", self.participant_page, methods=["GET"]),
                    Route(
                        "/participants/{pid:int}/stream",
                        self.participant_stream,
                        methods=["GET"],
                    ),
                    Route("/advisors", self.advisors_page, methods=["GET"]),
                    Route(
                        "/advisors/{aid:int}/end-sessions",
                        self.end_advisor_sessions,
                        methods=["POST"],
                    ),
                    Route("/sessions/end-others", self.end_other_sessions, methods=["POST"]),
                    *Actions(self).routes(),
                    *LedgerPages(self).routes(),
                    Mount("/static", StaticFiles(directory=STATIC), name="console-static"),
                ],
            ),
            Route("/console", self.to_console, methods=["GET"]),
            Route("/console/commissioner", self.to_commissioner, methods=["GET"]),
        ]

    async def _db(self, work: Callable[[Session], T]) -> T:
        """Run `work` in a worker thread in one transaction, committed when it returns."""

        def run() -> T:
            with Session(self.engine, expire_on_commit=False) as session:
                result = work(session)
                session.commit()
                return result

        return await anyio.to_thread.run_sync(run)

    async def _read(self, work: Callable[[Session], T]) -> T:
        """Run `work` in a worker thread in one read-only transaction (on SQLite, one that
        neither takes nor waits for the write lock)."""

        def run() -> T:
            with Session(self.reader, expire_on_commit=False) as session, session.begin():
                return work(session)

        return await anyio.to_thread.run_sync(run)

    async def _queue_state(self, provider_id: int) -> queries.QueueState:
        """The provider's queue fingerprint, shared by every stream in this process: looked up
        again after a change this process committed for the provider, or when half a slow poll
        has passed (for changes made elsewhere); otherwise the last one."""
        key = changes.provider(provider_id)
        lock = self._print_locks.setdefault(provider_id, asyncio.Lock())
        async with lock:
            seen = self.changes.seen(key)
            moment = time.monotonic()
            cached = self._prints.get(provider_id)
            if (
                cached is not None
                and cached[1] == seen
                and moment - cached[0] < self.timing.poll_seconds / 2
            ):
                return cached[2]
            value = await self._read(
                lambda session: queries.queue_fingerprint(session, provider_id=provider_id)
            )
            self._prints[provider_id] = (moment, seen, value)
            return value

    def _staff(
        self, session: Session, request: Request, *, touch: bool = True, writes: bool = True
    ) -> auth.Staff | None:
        """The signed-in advisor, or None. `writes` False: in a read-only transaction (a
        session past its limits is refused, and ended by the next request that writes)."""
        return auth.signed_in(
            session,
            request.cookies.get(self.cookie),
            secret_key=self.secret,
            now=self.clock.now(),
            touch=touch and writes,
            end=writes,
        )

    @staticmethod
    def _address(request: Request) -> str:
        return request.client.host if request.client else ""

    def _render(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = self.env.get_template(name).render(now=self.clock.now(), **context)
        return HTMLResponse(html, status_code=status, headers=NO_STORE)

    def _audit(
        self,
        session: Session,
        request: Request,
        staff: auth.Staff | None,
        action: str,
        *,
        participant_id: int | None = None,
        detail: str = "",
    ) -> None:
        records.audit(
            session,
            now=self.clock.now(),
            action=action,
            address=self._address(request),
            advisor_id=staff.advisor_id if staff else None,
            provider_id=staff.provider_id if staff else None,
            participant_id=participant_id,
            detail=detail,
        )

    def _signed_out(self, request: Request, *, kept: bool = False) -> Response:
        """Not signed in: a page goes to the login; htmx is told to go there. `kept`: what
        they were writing is kept for them (`actions.Actions.keep_draft`), and the sign-in
        page says so."""
        to = "/console/login?kept=1" if kept else "/console/login"
        if request.headers.get("hx-request") == "true":
            return Response(status_code=401, headers={"hx-redirect": to})
        return RedirectResponse(to, status_code=303)

    def _not_found(self) -> HTMLResponse:
        return self._render("not_found.html", status=404, staff=None)

    async def _form(self, request: Request) -> dict[str, str]:
        """The posted form's text fields (anything unreadable is an empty form). NUL
        characters are dropped: no text a person types has one, and PostgreSQL refuses them."""
        try:
            form = await request.form(max_files=0, max_fields=50)
        except Exception:
            return {}
        return {
            k.replace("\x00", ""): v.replace("\x00", "")
            for k, v in form.items()
            if isinstance(v, str)
        }

    def _refused(
        self, session: Session, request: Request, staff: auth.Staff | None, why: str
    ) -> Response:
        log.warning("console: refused %s %s: %s", request.method, request.url.path, why)
        self._audit(session, request, staff, "refused", detail=f"{request.url.path}: {why}")
        return HTMLResponse(
            "This request was refused. Reload the page and try again.",
            status_code=403,
            headers=NO_STORE,
        )

    def _changer(
        self, session: Session, request: Request, form: dict[str, str], *, touch: bool = True
    ) -> tuple[auth.Staff | None, Response | None]:
        """The signed-in advisor asking for a state change, or the response that refuses it:
        signed out, or a forgery (CSRF token, HX-Request, Origin)."""
        staff = self._staff(session, request, touch=touch)
        if staff is None:
            return None, self._signed_out(request)
        why = auth.forgery(
            request,
            public_url=self.settings.public_url,
            expected=staff.csrf,
            given=form.get("csrf", ""),
        )
        if why:
            return staff, self._refused(session, request, staff, why)
        return staff, None

    # --- signing in and out ---------------------------------------------------------------

    async def to_console(self, _request: Request) -> Response:
        return RedirectResponse("/console/", status_code=307)

    async def to_commissioner(self, _request: Request) -> Response:
        return RedirectResponse("/console/commissioner/", status_code=307)

    async def login_page(self, request: Request) -> Response:
        def work(session: Session) -> Response:
            if self._staff(session, request) is not None:
                return RedirectResponse("/console/", status_code=303)
            nonce = auth.new_token()
            response = self._render(
                "login.html",
                staff=None,
                csrf=auth.login_csrf_token(self.secret, nonce),
                kept=request.query_params.get("kept") == "1",
            )
            response.set_cookie(
                self.login_cookie,
                nonce,
                max_age=3600,
                path="/",
                secure=self.https,
                httponly=True,
                samesite="strict",
            )
            return response

        return await self._db(work)

    def login_gate(
        self,
        session: Session,
        request: Request,
        form: dict[str, str],
        *,
        nonce: str,
        account: str,
        address: str,
        now: datetime,
    ) -> tuple[Response | None, int]:
        """Why a sign-in form is turned away before any password is read (a forged or stale
        form, or too many tries for this account or address); or, to go on, the try reserved
        as a failure until its password proves right (`records.reserve_attempt`). Shared by
        the advisors' and the commissioners' sign-in."""
        expected = auth.login_csrf_token(self.secret, nonce) if nonce else "\0"
        why = auth.forgery(
            request,
            public_url=self.settings.public_url,
            expected=expected,
            given=form.get("csrf", ""),
        )
        if why:
            return self._refused(session, request, None, why), 0
        if session.get_bind().dialect.name == "postgresql":  # one try per account at a time
            session.execute(
                text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"login {account}"}
            )
        wait = auth.throttled(session, account=account, address=client_key(address), now=now)
        if wait is not None:
            self._audit(session, request, None, "login_throttled", detail=f"account {account}")
            return self._login_error(
                "Too many tries. Wait a minute, then try again.",
                429,
                {"retry-after": str(wait)},
            ), 0
        attempt = records.reserve_attempt(
            session, account=account, address=client_key(address), now=now
        )
        return None, attempt

    async def password_checked(
        self, who: Any, email: str, password: str
    ) -> tuple[bool, str | None]:
        """Whether the password is right for this active account (a decoy hash is checked when
        there is no such account, so the answer takes as long either way), and a fresh hash
        when the stored one's parameters are out of date. The slow part (argon2) runs outside
        any transaction."""
        stored = who.password_hash if who is not None else auth.decoy_hash()
        # Each check takes 64 MiB for a moment: a few at once, however many tries arrive.
        ok = await anyio.to_thread.run_sync(verify, stored, password, limiter=self._hashing)
        ok = ok and who is not None and who.active and bool(email)
        fresh_hash = (
            await anyio.to_thread.run_sync(hash_password, password, limiter=self._hashing)
            if ok and needs_rehash(stored)
            else None
        )
        return ok, fresh_hash

    async def login(self, request: Request) -> Response:
        form = await self._form(request)
        email = form.get("email", "").strip().lower()[:254]
        # What was typed as the email is kept only as a tag: it may be a password typed in the
        # wrong box, and the throttle and the audit log keep what they are given for good.
        account = auth.account_tag(email)
        password = form.get("password", "")[:1024]
        nonce = request.cookies.get(self.login_cookie, "")
        address = self._address(request)
        now = self.clock.now()

        def check(session: Session) -> tuple[Response | None, Any, int]:
            refused, attempt = self.login_gate(
                session, request, form, nonce=nonce, account=account, address=address, now=now
            )
            return refused, None if refused else queries.advisor_by_email(session, email), attempt

        refused, advisor, attempt = await self._db(check)
        if refused is not None:
            return refused
        ok, fresh_hash = await self.password_checked(advisor, email, password)
        token = auth.new_token()

        def finish(session: Session) -> Response:
            records.settle_attempt(session, attempt, succeeded=ok)
            if not ok:
                log.info("console sign-in failed: account %s", account)
                records.audit(
                    session,
                    now=now,
                    action="login_failed",
                    address=address,
                    advisor_id=advisor.id if advisor is not None else None,
                    provider_id=advisor.provider_id if advisor is not None else None,
                )
                return self._login_error("That email and password did not match.", 401)
            assert advisor is not None
            assert advisor.id is not None
            old = request.cookies.get(self.cookie)
            if old:  # a new id at login: whatever this browser held before is over
                found = queries.live_session(session, auth.token_hash(old))
                if found is not None:
                    records.end_session(session, found[0], now=now, reason="login")
            if fresh_hash is not None:
                live = queries.advisor_by_email(session, email)
                if live is not None:
                    live.password_hash = fresh_hash
                    session.add(live)
            records.start_session(
                session,
                advisor_id=advisor.id,
                token_hash=auth.token_hash(token),
                now=now,
                address=address,
            )
            records.set_online(session, advisor.id, True)  # signed in to take conversations
            records.audit(
                session,
                now=now,
                action="login",
                address=address,
                advisor_id=advisor.id,
                provider_id=advisor.provider_id,
                detail="password rehashed" if fresh_hash else "",
            )
            log.info("console sign-in: advisor %s", advisor.id)
            # Back to what they were writing when their last session ended, if it was kept.
            writing = records.newest_draft_participant(session, advisor.id, now)
            to = "/console/" if writing is None else f"/console/participants/{writing}"
            response = Response(status_code=204, headers={"hx-redirect": to, **NO_STORE})
            response.set_cookie(
                self.cookie,
                token,
                path="/",
                secure=self.https,
                httponly=True,
                samesite="strict",
            )
            response.delete_cookie(self.login_cookie, path="/", secure=self.https)
            return response

        return await self._db(finish)

    def _login_error(
        self, text: str, status: int, headers: dict[str, str] | None = None
    ) -> HTMLResponse:
        response = self._render("_login_error.html", status=status, message=text)
        response.headers.update(headers or {})
        return response

    async def logout(self, request: Request) -> Response:
        form = await self._form(request)

        def work(session: Session) -> Response:
            staff, refused = self._changer(session, request, form, touch=False)
            if refused is not None:
                return refused
            assert staff is not None
            found = queries.live_session(
                session, auth.token_hash(request.cookies.get(self.cookie, ""))
            )
            if found is not None:
                records.end_session(session, found[0], now=self.clock.now(), reason="logout")
            self._audit(session, request, staff, "logout")
            response = Response(
                status_code=204, headers={"hx-redirect": "/console/login", **NO_STORE}
            )
            response.delete_cookie(self.cookie, path="/", secure=self.https, httponly=True)
            return response

        return await self._db(work)

    # --- the queue ------------------------------------------------------------------------

    @staticmethod
    def _show(request: Request) -> str:
        show = request.query_params.get("show", "waiting")
        return show if show in queries.QUEUE_FILTERS else "waiting"

    @staticmethod
    def _after(request: Request) -> int | Response | None:
        """The queue entry a page starts after (`after=`), None for the top, or a 400."""
        given = request.query_params.get("after")
        if given is None:
            return None
        if not (given.isascii() and given.isdigit()) or len(given) > 10 or int(given) > MAX_ID:
            return Response("after must be a queue entry's id", status_code=400, headers=NO_STORE)
        return int(given)

    async def _queue(
        self, staff: auth.Staff, show: str, *, after: int | None = None
    ) -> dict[str, Any]:
        """What the queue (page, live fragment or next rows) shows this advisor: a page of
        rows, and the title's counts of the whole queue (one read). NotFound for an `after`
        that is not the provider's."""
        found: QueuePage = await self.handover.queue_page(
            actions.acting(staff), view=View(show), limit=QUEUE_PAGE, after=after
        )
        return {
            "staff": staff,
            "rows": found.entries,
            "show": show,
            "counts": Counts(found.waiting, found.unanswered),
            "in_view": found.in_view,
            "more": found.more,
            "after": after,
            "page_size": QUEUE_PAGE,
        }

    async def queue_page(self, request: Request) -> Response:
        show = self._show(request)
        after = self._after(request)
        if isinstance(after, Response):
            return after

        def work(session: Session) -> Response | auth.Staff:
            staff = self._staff(session, request)
            if staff is None:
                return self._signed_out(request)
            detail = show if after is None else f"{show} after {after}"
            self._audit(session, request, staff, "view_queue", detail=detail)
            return staff

        staff = await self._db(work)
        if isinstance(staff, Response):
            return staff
        # The queue as it stood before the page's rows were read: the live stream leaves the
        # page alone until the queue moves from that (no swap of the same list just after it
        # loads, under the hand of an advisor reaching for "Show more").
        since = None
        if after is None:
            token = self._print_token(await self._live_print(staff))
            since = f"{token}.{int(time.monotonic())}"
        try:
            found = await self._queue(staff, show, after=after)
        except NotFound:
            return self._not_found()
        team = await self.handover.team(actions.acting(staff))
        return self._render("queue.html", team=team, since=since, **found)

    async def _live_print(self, staff: auth.Staff) -> tuple[queries.QueueState, int]:
        """What the live queue re-renders on: the provider's queue fingerprint, and the
        refresh period it is in (the waiting times move)."""
        return (
            await self._queue_state(staff.provider_id),
            int(time.monotonic() // self.timing.refresh_seconds),
        )

    @staticmethod
    def _print_token(print_: tuple[queries.QueueState, int]) -> str:
        """A short token of a live print, for the page to hand to its stream."""
        return hashlib.blake2b(repr(print_).encode(), digest_size=8).hexdigest()

    @staticmethod
    def _shown(request: Request) -> str | None:
        """The token of the queue the browser shows, if the stream can know it: on a
        reconnect, the last queue event it had (Last-Event-ID; the stream's hello carries the
        page's own); on a page's first connection, the page's (`since`), while the page is
        new. Otherwise None: the stream sends the list as it is."""
        last = request.headers.get("last-event-id", "")
        if last:
            return last
        token, _, at = request.query_params.get("since", "").partition(".")
        if not (token and at.isascii() and at.isdigit()):  # "²" is a digit int() refuses
            return None
        if not 0 <= time.monotonic() - int(at) <= PAGE_NEW_SECONDS:
            return None
        return token

    async def queue_more(self, request: Request) -> Response:
        """The next rows of the queue after entry `after` (the "show more" link, with htmx):
        table rows, and a link to the rows after those if there are more."""
        show = self._show(request)
        after = self._after(request)
        if isinstance(after, Response):
            return after
        if after is None:
            return Response("after is required", status_code=400, headers=NO_STORE)

        def work(session: Session) -> Response | auth.Staff:
            staff = self._staff(session, request)
            if staff is None:
                return self._signed_out(request)
            mine = queries.request_of_provider(session, after, staff.provider_id)
            if not mine:
                self._audit(session, request, staff, "denied", detail=f"{request.url.path}")
                return self._not_found()
            self._audit(session, request, staff, "view_queue", detail=f"{show} after {after}")
            return staff

        staff = await self._db(work)
        if isinstance(staff, Response):
            return staff
        try:
            found = await self._queue(staff, show, after=after)
        except NotFound:  # it went between the two reads (it cannot move to another provider)
            return self._not_found()
        return self._render("_queue_rows.html", **found)

    async def queue_stream(self, request: Request) -> Response:
        show = self._show(request)

        def start(session: Session) -> auth.Staff | None:
            staff = self._staff(session, request, touch=False)
            if staff is not None:
                self._audit(session, request, staff, "stream_queue", detail=show)
            return staff

        staff = await self._db(start)
        if staff is None:
            return Response(status_code=401, headers=NO_STORE)

        def still(session: Session) -> bool:
            return self._staff(session, request, writes=False) is not None

        async def look() -> tuple[queries.QueueState, int] | None:
            if not await self._read(still):
                return None
            return await self._live_print(staff)

        async def render(print_: tuple[queries.QueueState, int]) -> str:
            # Advisors who hold nothing see the same Waiting and All lists and title: rendered
            # once for all of them, by the first stream to ask while the others wait for it.
            # Mine, and everything an advisor holding conversations sees (their own unanswered
            # count, "waiting for your reply"), is theirs alone.
            own = show == "mine" or print_[0].holds(staff.advisor_id)
            key = (staff.provider_id, show, staff.advisor_id if own else 0)
            async with self._render_locks.setdefault(key, asyncio.Lock()):
                cached = self._rendered.get(key)
                if cached is not None and cached[0] == print_:
                    return cached[1]
                context = await self._queue(staff, show)
                html = self.env.get_template("_queue.html").render(
                    now=self.clock.now(), fragment=True, **context
                )
                self._rendered[key] = (print_, html)
                return html

        watch = changes.provider(staff.provider_id)

        present = self._presence(staff)

        # A first look that finds the queue as the browser shows it sends nothing. Every list
        # sent carries its token as the event's id, so a reconnect says what it shows.
        shown = self._shown(request)

        async def events() -> AsyncIterator[dict[str, Any]]:
            last: object = None
            started = anyio.current_time()
            seen = self.changes.seen(watch)
            yield {"event": "hello", "data": "", "retry": 2000} | ({"id": shown} if shown else {})
            while anyio.current_time() - started < self.timing.lifetime_seconds:
                await present()
                print_ = await look()
                if print_ is None:
                    html = self.env.get_template("_signed_out.html").render()
                    yield {"event": "signed-out", "data": html}
                    return
                if last is None and shown is not None and self._print_token(print_) == shown:
                    last = print_
                elif print_ != last:
                    last = print_
                    html = await render(print_)
                    yield {"event": "queue", "data": html, "id": self._print_token(print_)}
                left = self.timing.lifetime_seconds - (anyio.current_time() - started)
                seen = await self.changes.wait(
                    watch, seen=seen, seconds=max(0.0, min(self.timing.poll_seconds, left))
                )

        return EventSourceResponse(events(), headers=NO_STORE, ping=15)

    def _presence(self, staff: auth.Staff) -> Callable[[], Awaitable[None]]:
        """For one open event stream: mark its session present (the advisor is at the
        console) now and then every `present_seconds` while it stays open. A closed browser
        stops the marks, and three minutes later the advisor no longer counts as online."""
        marked: float | None = None

        async def mark() -> None:
            nonlocal marked
            moment = anyio.current_time()
            if marked is not None and moment - marked < self.timing.present_seconds:
                return
            marked = moment
            await self._db(
                lambda session: records.mark_present(session, staff.session_id, self.clock.now())
            )

        return mark

    async def presence_stream(self, request: Request) -> Response:
        """For console pages with no live view of their own (canned replies, sessions, the
        ledger): an event stream that only keeps the advisor counted as at the console while
        the page is open. It shows nothing, so it is not audited as a view."""

        def start(session: Session) -> auth.Staff | None:
            return self._staff(session, request, touch=False)

        staff = await self._db(start)
        if staff is None:
            return Response(status_code=401, headers=NO_STORE)
        present = self._presence(staff)

        def still(session: Session) -> bool:
            return self._staff(session, request, writes=False) is not None

        async def events() -> AsyncIterator[dict[str, Any]]:
            started = anyio.current_time()
            yield {"event": "hello", "data": "", "retry": 2000}
            while anyio.current_time() - started < self.timing.lifetime_seconds:
                if not await self._read(still):
                    return
                await present()
                left = self.timing.lifetime_seconds - (anyio.current_time() - started)
                await anyio.sleep(max(0.0, min(self.timing.present_seconds, left)))

        return EventSourceResponse(events(), headers=NO_STORE, ping=15)

    # --- one participant ------------------------------------------------------------------

    def _participant_check(
        self, session: Session, request: Request, pid: int, *, action: str, touch: bool = True
    ) -> tuple[auth.Staff | None, bool]:
        """The signed-in advisor, and whether this participant is theirs to see (audited)."""
        staff = self._staff(session, request, touch=touch)
        if staff is None:
            return None, False
        mine = (
            pid <= MAX_ID
            and queries.participant_of_provider(session, pid, staff.provider_id) is not None
        )
        if not mine:
            self._audit(session, request, staff, "denied", detail=f"{request.url.path}")
            return staff, False
        self._audit(session, request, staff, action, participant_id=pid)
        return staff, True

    async def participant_page(self, request: Request) -> Response:
        pid = int(request.path_params["pid"])

        def work(session: Session) -> Response | dict[str, Any]:
            staff, mine = self._participant_check(session, request, pid, action="view_participant")
            if staff is None:
                return self._signed_out(request)
            if not mine:
                return self._not_found()
            draft = records.draft_for(
                session, advisor_id=staff.advisor_id, participant_id=pid, now=self.clock.now()
            )
            return {"staff": staff, "requests": queries.requests_of(session, pid), "draft": draft}

        found = await self._db(work)
        if isinstance(found, Response):
            return found
        staff = found["staff"]
        try:
            view = await self.handover.participant(actions.acting(staff), pid)
        except NotFound:
            return self._not_found()
        canned = await self.handover.canned_replies(actions.acting(staff), locale=view.locale)
        counts = await self.counts(staff)
        local_now = self.clock.now().astimezone(ZoneInfo(staff.timezone))
        since = view.transcript[-1].at if view.transcript else self.clock.now()
        return self._render(
            "participant.html",
            view=view,
            canned=canned,
            since=_micros(since),
            held_by_me=view.owner.kind == "advisor" and view.owner.advisor_id == staff.advisor_id,
            local_now=f"{local_now:%Y-%m-%dT%H:%M}",
            counts=counts,
            # The composer's own key: a second press of Send (or a retry after the answer was
            # lost) with it stores and sends nothing more (Handover.reply).
            reply_key=actions.new_reply_key(),
            **found,
        )

    async def participant_stream(self, request: Request) -> Response:
        pid = int(request.path_params["pid"])
        given = request.headers.get("last-event-id") or request.query_params.get("since", "0")
        if not (given.isascii() and given.isdigit()) or len(given) > 20:
            return Response("since must be a time in microseconds", status_code=400)
        # A cursor from the future (a client's clock, a made-up header) starts from now: the
        # stream still sends what comes next.
        since = min(int(given), _micros(self.clock.now()))

        def start(session: Session) -> tuple[auth.Staff | None, bool]:
            return self._participant_check(
                session, request, pid, action="stream_participant", touch=False
            )

        staff, allowed = await self._db(start)
        if staff is None:
            return Response(status_code=401, headers=NO_STORE)
        if not allowed:
            return self._not_found()
        acting = actions.acting(staff)
        present = self._presence(staff)

        def still(session: Session) -> str:
            if self._staff(session, request, writes=False) is None:
                return "ended"
            if queries.participant_of_provider(session, pid, staff.provider_id) is None:
                return "gone"
            return "ok"

        # Their thread (a message in or out, a note, an owner change) and the provider's queue
        # (the title's counts): looked at when this process commits a change to either, and
        # at each slow poll.
        watch = (changes.participant(pid), changes.provider(staff.provider_id))

        async def events() -> AsyncIterator[dict[str, Any]]:
            nonlocal since
            started = anyio.current_time()
            sent: dict[str, object] = {}
            queue: object = None
            seen = self.changes.seen(*watch)
            yield {"event": "hello", "data": "", "retry": 2000}
            while anyio.current_time() - started < self.timing.lifetime_seconds:
                await present()
                found = await self._read(still)
                if found == "ended":
                    html = self.env.get_template("_signed_out.html").render(writing=True)
                    yield {"event": "signed-out", "data": html}
                    return
                if found == "gone":
                    return
                state = await self._queue_state(staff.provider_id)  # for the title's counts
                if state != queue:  # the queue moved: the title's counts may have too
                    queue = state
                    html = self.env.get_template("_title.html").render(
                        counts=await self.counts(staff), heading=f"Participant {pid}"
                    )
                    yield {"event": "title", "data": html}
                # After the first look, a second's overlap, so lines stamped the same moment as
                # the last one sent are never missed; a line already sent unchanged is not sent
                # again (and the page keeps the newest copy of a line it already shows).
                after = _from_micros(since) - (OVERLAP if sent else timedelta(0))
                try:
                    entries = await self.handover.transcript(acting, pid, after=after)
                except NotFound:
                    return
                new = [e for e in entries if sent.get(e.id) != e]
                if new:
                    for entry in new:
                        sent[entry.id] = entry
                    since = max(since, *(_micros(e.at) for e in new))
                    html = self.env.get_template("_messages.html").render(
                        entries=new, staff=staff, now=self.clock.now()
                    )
                    yield {"event": "message", "data": html, "id": str(since)}
                left = self.timing.lifetime_seconds - (anyio.current_time() - started)
                seen = await self.changes.wait(
                    *watch, seen=seen, seconds=max(0.0, min(self.timing.poll_seconds, left))
                )

        return EventSourceResponse(events(), headers=NO_STORE, ping=15)

    # --- leads: the provider's advisors and their sessions ---------------------------------

    async def advisors_page(self, request: Request) -> Response:
        def work(session: Session) -> Response | dict[str, Any]:
            staff = self._staff(session, request)
            if staff is None:
                return self._signed_out(request)
            mine = queries.live_sessions_of(session, staff.advisor_id)
            advisors = queries.provider_advisors(session, staff.provider_id) if staff.lead else []
            self._audit(session, request, staff, "view_advisors")
            return {"staff": staff, "advisors": advisors, "sessions": mine}

        found = await self._db(work)
        if isinstance(found, Response):
            return found
        counts = await self.counts(found["staff"])
        return self._render("advisors.html", counts=counts, **found)

    async def end_advisor_sessions(self, request: Request) -> Response:
        aid = int(request.path_params["aid"])
        form = await self._form(request)

        def work(session: Session) -> Response:
            staff, refused = self._changer(session, request, form)
            if refused is not None:
                return refused
            assert staff is not None
            target = (
                queries.advisor_of_provider(session, aid, staff.provider_id)
                if staff.lead and aid <= MAX_ID
                else None
            )
            if target is None:
                self._audit(session, request, staff, "denied", detail=f"end sessions {aid}")
                return self._not_found()
            ended = records.end_sessions_of(
                session, advisor_id=aid, now=self.clock.now(), reason="ended_by_lead"
            )
            self._audit(
                session, request, staff, "end_sessions", detail=f"advisor {aid}: {ended} ended"
            )
            log.info(
                "console: lead %s ended %d sessions of advisor %s", staff.advisor_id, ended, aid
            )
            return HTMLResponse(
                f"Signed out of {ended} session{'s' if ended != 1 else ''}.", headers=NO_STORE
            )

        return await self._db(work)

    async def end_other_sessions(self, request: Request) -> Response:
        form = await self._form(request)

        def work(session: Session) -> Response:
            staff, refused = self._changer(session, request, form)
            if refused is not None:
                return refused
            assert staff is not None
            now = self.clock.now()
            ended = 0
            for row in queries.live_sessions_of(session, staff.advisor_id):
                if row.id != staff.session_id:
                    records.end_session(session, row, now=now, reason="ended_by_self")
                    ended += 1
            self._audit(session, request, staff, "end_other_sessions", detail=f"{ended} ended")
            return HTMLResponse(
                f"Signed out of {ended} other session{'s' if ended != 1 else ''}.",
                headers=NO_STORE,
            )

        return await self._db(work)


OVERLAP = timedelta(seconds=1)


def _micros(moment: datetime) -> int:
    """A moment as whole microseconds since the epoch (the live transcript's cursor)."""
    return int(moment.timestamp() * 1_000_000)


def _from_micros(value: int) -> datetime:
    return datetime.fromtimestamp(value / 1_000_000, tz=UTC)


def routes(services: Services, timing: StreamTiming | None = None) -> list[BaseRoute]:
    """The console's routes (under /console/)."""
    return Console(services, timing).routes()
