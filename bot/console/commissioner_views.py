"""Commissioners signing in and out of the console: their own sign-in page (with a pre-login
cookie of its own), the advisors' CSRF defences, throttle and decoy hash, and their own sessions.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from bot.console import auth, commissioners, records
from bot.console.ledger_base import (
    NO_STORE,
    LedgerBase,
)

log = logging.getLogger(__name__)


class CommissionerSignIn(LedgerBase):
    """A commissioner's sign-in page, sign-in and sign-out."""

    # --- commissioners signing in and out --------------------------------------------------

    async def login_page(self, request: Request) -> Response:
        console = self.console

        def work(session: Session) -> Response:
            if self._commissioner(session, request) is not None:
                return RedirectResponse("/console/commissioner/", status_code=303)
            nonce = auth.new_token()
            response = console._render(
                "commissioner_login.html",
                staff=None,
                csrf=auth.login_csrf_token(console.secret, commissioners.login_nonce(nonce)),
            )
            response.set_cookie(
                self.login_cookie,
                nonce,
                max_age=3600,
                path="/",
                secure=console.https,
                httponly=True,
                samesite="strict",
            )
            return response

        return await console._db(work)

    async def login(self, request: Request) -> Response:
        """As the advisors' sign-in (views.Console.login): the same CSRF defences, throttle,
        generic failure, decoy hash and audit entries, to a commissioner's own session."""
        console = self.console
        form = await console._form(request)
        email = form.get("email", "").strip().lower()[:254]
        account = auth.account_tag(email)
        password = form.get("password", "")[:1024]
        nonce = commissioners.login_nonce(request.cookies.get(self.login_cookie, "")[:100])
        address = console._address(request)
        now = console.clock.now()

        def check(session: Session) -> tuple[Response | None, Any, int]:
            refused, attempt = console.login_gate(
                session, request, form, nonce=nonce, account=account, address=address, now=now
            )
            return refused, None if refused else commissioners.by_email(session, email), attempt

        refused, who, attempt = await console._db(check)
        if refused is not None:
            return refused
        ok, fresh_hash = await console.password_checked(who, email, password)
        token = auth.new_token()

        def finish(session: Session) -> Response:
            records.settle_attempt(session, attempt, succeeded=ok)
            if not ok:
                log.info("console commissioner sign-in failed: account %s", account)
                records.audit(
                    session,
                    now=now,
                    action="login_failed",
                    address=address,
                    commissioner_id=who.id if who is not None else None,
                    detail="commissioner",
                )
                return console._login_error("That email and password did not match.", 401)
            assert who is not None
            assert who.id is not None
            old = request.cookies.get(self.cookie)
            if old:  # a new id at login: whatever this browser held before is over
                found = commissioners.live_session(session, auth.token_hash(old))
                if found is not None:
                    commissioners.end_session(session, found[0], now=now, reason="login")
            if fresh_hash is not None:
                live = commissioners.by_email(session, email)
                if live is not None:
                    live.password_hash = fresh_hash
                    session.add(live)
            commissioners.start_session(
                session,
                commissioner_id=who.id,
                token_hash=auth.token_hash(token),
                now=now,
                address=address,
            )
            records.audit(
                session,
                now=now,
                action="login",
                address=address,
                commissioner_id=who.id,
                detail="commissioner" + (", password rehashed" if fresh_hash else ""),
            )
            log.info("console sign-in: commissioner %s", who.id)
            response = Response(
                status_code=204, headers={"hx-redirect": "/console/commissioner/", **NO_STORE}
            )
            response.set_cookie(
                self.cookie,
                token,
                path="/",
                secure=console.https,
                httponly=True,
                samesite="strict",
            )
            response.delete_cookie(self.login_cookie, path="/", secure=console.https)
            return response

        return await console._db(finish)

    async def logout(self, request: Request) -> Response:
        console = self.console
        form = await console._form(request)

        def work(session: Session) -> Response:
            viewer = self._viewer(session, request, "commissioner")
            if isinstance(viewer, Response):
                return viewer
            why = auth.forgery(
                request,
                public_url=console.settings.public_url,
                expected=viewer.csrf,
                given=form.get("csrf", ""),
            )
            if why:
                self._audit(
                    session, request, viewer, "refused", detail=f"{request.url.path}: {why}"
                )
                return HTMLResponse(
                    "This request was refused. Reload the page and try again.",
                    status_code=403,
                    headers=NO_STORE,
                )
            found = commissioners.live_session(
                session, auth.token_hash(request.cookies.get(self.cookie, ""))
            )
            if found is not None:
                commissioners.end_session(
                    session, found[0], now=console.clock.now(), reason="logout"
                )
            self._audit(session, request, viewer, "logout")
            response = Response(
                status_code=204,
                headers={"hx-redirect": "/console/commissioner/login", **NO_STORE},
            )
            response.delete_cookie(self.cookie, path="/", secure=console.https, httponly=True)
            return response

        return await console._db(work)
