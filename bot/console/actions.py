"""What an advisor does from the console: take over, reply, private note, hand back, feedback,
CO reading, first appointment, canned replies, online/away.

The web layer only: each route checks the session, the CSRF defences and that the participant
is this advisor's provider's (before the service is even asked), calls `bot.handover`, which
does the work in the runner's transaction, and writes an audit entry whatever the outcome.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from bot.console import auth, present, queries, records
from bot.handover import REPLY_KEY, Acting, Handover, Invalid, NotAllowed, NotFound

if TYPE_CHECKING:
    from bot.console.views import Console

log = logging.getLogger(__name__)

MAX_TEXT = 1600  # ten SMS segments; longer replies are refused, never cut
NO_STORE = {"cache-control": "no-store"}
REFRESH_AFTER = {"take_over", "hand_back", "availability"}


class Refused(Exception):
    """The advisor's input cannot be used (422, with the reason)."""


@dataclass(frozen=True, slots=True)
class Answer:
    """What an action says back when "Done: <text>" is not all: another status, or a fresh
    composer key for the next reply (swapped into the form out of band)."""

    text: str
    status: int = 200
    outcome: str = "ok"  # for the audit log
    fresh_key: bool = False


def new_reply_key() -> str:
    """A composer form's own random key (see `Handover.reply`)."""
    return secrets.token_urlsafe(18)


def acting(staff: auth.Staff) -> Acting:
    return Acting(
        advisor_id=staff.advisor_id,
        provider_id=staff.provider_id,
        email=staff.email,
        role=staff.role,
    )


def text_field(
    form: dict[str, str], name: str, *, required: bool = True, limit: int = MAX_TEXT
) -> str:
    value = form.get(name, "").strip()
    if required and not value:
        raise Refused("Write something first.")
    if len(value) > limit:
        raise Refused(f"That is too long: {limit} characters at most.")
    return value


def local_time(form: dict[str, str], name: str, zone: str) -> datetime:
    """A `datetime-local` field, read in the advisor's zone, as aware UTC."""
    try:
        naive = datetime.fromisoformat(form.get(name, ""))
    except ValueError:
        raise Refused("Give a date and time, e.g. 30/11/2026 14:05.") from None
    if naive.tzinfo is not None:
        raise Refused("Give a local date and time.")
    return naive.replace(tzinfo=ZoneInfo(zone))


def whole_number(form: dict[str, str], name: str, low: int, high: int) -> int:
    text = form.get(name, "").strip()
    if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
        raise Refused(f"Give a whole number from {low} to {high}.")
    return int(text)


class Actions:
    """The console's action routes, around the console's plumbing and the handover service."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.handover: Handover | None = console.services.handover

    def routes(self) -> list[BaseRoute]:
        on_participant: dict[
            str, Callable[[auth.Staff, dict[str, str], int], Awaitable[str | Answer]]
        ] = {
            "take-over": self.take_over,
            "reply": self.reply,
            "note": self.note,
            "hand-back": self.hand_back,
            "feedback": self.feedback,
            "co-reading": self.co_reading,
            "first-appointment": self.first_appointment,
        }
        found: list[BaseRoute] = [
            Route(
                f"/participants/{{pid:int}}/{name}",
                self._on_participant(name, work),
                methods=["POST"],
            )
            for name, work in on_participant.items()
        ]
        found += [
            Route("/participants/{pid:int}/composer", self.composer, methods=["GET"]),
            Route("/availability", self.availability, methods=["POST"]),
            Route("/canned", self.canned_page, methods=["GET"]),
            Route("/canned", self.add_canned, methods=["POST"]),
            Route("/canned/{rid:int}", self.edit_canned, methods=["POST"]),
        ]
        return found

    # --- the shared path of every action ---------------------------------------------------

    async def _checked(
        self, request: Request, pid: int | None, *, keep: str | None = None
    ) -> tuple[auth.Staff | None, dict[str, str], Response | None]:
        """The signed-in advisor and the form, or the response that refuses the request:
        signed out, a forgery, or another provider's (or no) participant (404). `keep` (reply
        or note): when the session has just run out under the advisor, what they wrote is
        kept for them (`keep_draft`) rather than lost."""
        console = self.console
        form = await console._form(request)

        def check(session: Session) -> tuple[auth.Staff | None, Response | None]:
            staff, refused = console._changer(session, request, form)
            if (
                staff is None
                and keep is not None
                and pid is not None
                and self.keep_draft(session, request, form, pid, keep)
            ):
                return None, console._signed_out(request, kept=True)
            if refused is not None:
                return staff, refused
            assert staff is not None
            if pid is not None and (
                pid > 2**31 - 1
                or queries.participant_of_provider(session, pid, staff.provider_id) is None
            ):
                console._audit(session, request, staff, "denied", detail=f"{request.url.path}")
                return staff, console._not_found()
            if self.handover is None:
                return staff, HTMLResponse(
                    "This action is not available yet.", status_code=503, headers=NO_STORE
                )
            return staff, None

        staff, refused = await console._db(check)
        return staff, form, refused

    def keep_draft(
        self, session: Session, request: Request, form: dict[str, str], pid: int, kind: str
    ) -> bool:
        """Keep the text of a reply or note sent from a page whose session ran out (30 idle
        minutes, 12 hours) for the advisor to find after signing in again; nothing is sent.
        Only for that session's own browser (its cookie, and the form's CSRF token, HX-Request
        and Origin as for any change), an advisor still active, and a participant of their
        provider. Whether it was kept."""
        console = self.console
        text = form.get("text", "").strip()
        if not text or len(text) > MAX_TEXT or pid > 2**31 - 1:
            return False
        now = console.clock.now()
        found = auth.lapsed(
            session, request.cookies.get(console.cookie), secret_key=console.secret, now=now
        )
        if found is None:
            return False
        advisor_id, provider_id, csrf = found
        if auth.forgery(
            request,
            public_url=console.settings.public_url,
            expected=csrf,
            given=form.get("csrf", ""),
        ):
            return False
        if queries.participant_of_provider(session, pid, provider_id) is None:
            return False
        records.keep_draft(
            session, advisor_id=advisor_id, participant_id=pid, kind=kind, body=text, now=now
        )
        records.audit(
            session,
            now=now,
            action="draft_kept",
            address=console._address(request),
            advisor_id=advisor_id,
            provider_id=provider_id,
            participant_id=pid,
            detail=f"{kind}: signed out before it was sent",
        )
        return True

    async def _record(
        self,
        request: Request,
        staff: auth.Staff,
        action: str,
        pid: int | None,
        outcome: str,
        *,
        drop_draft: bool = False,
    ) -> None:
        def write(session: Session) -> None:
            self.console._audit(
                session, request, staff, action, participant_id=pid, detail=outcome
            )
            if drop_draft and pid is not None:  # what was kept for them has now gone
                records.drop_draft(session, advisor_id=staff.advisor_id, participant_id=pid)

        await self.console._db(write)

    async def _run(
        self,
        request: Request,
        action: str,
        pid: int | None,
        work: Callable[[auth.Staff, dict[str, str]], Awaitable[str | Answer]],
    ) -> Response:
        keep = action if action in ("reply", "note") else None
        staff, form, refused = await self._checked(request, pid, keep=keep)
        if refused is not None:
            return refused
        assert staff is not None
        try:
            said = await work(staff, form)
        except Refused as error:
            await self._record(request, staff, action, pid, f"refused: {error}")
            return _say(str(error), 422)
        except Invalid as error:
            await self._record(request, staff, action, pid, f"invalid: {error}")
            return _say(str(error), 422)
        except NotAllowed as error:
            await self._record(request, staff, action, pid, f"not allowed: {error}")
            return _say(str(error) or "You cannot do that now.", 409)
        except NotFound:
            await self._record(request, staff, "denied", pid, request.url.path)
            return self.console._not_found()
        answer = said if isinstance(said, Answer) else Answer(said)
        await self._record(
            request,
            staff,
            action,
            pid,
            answer.outcome,
            drop_draft=keep is not None and answer.status == 200,
        )
        response = _say(answer.text, answer.status, fresh_key=answer.fresh_key)
        if action in REFRESH_AFTER:  # who holds the thread changed: show the page afresh
            response.headers["hx-refresh"] = "true"
        return response

    def _on_participant(
        self,
        action: str,
        work: Callable[[auth.Staff, dict[str, str], int], Awaitable[str | Answer]],
    ) -> Callable[[Request], Awaitable[Response]]:
        async def route(request: Request) -> Response:
            pid = int(request.path_params["pid"])

            async def bound(staff: auth.Staff, form: dict[str, str]) -> str | Answer:
                return await work(staff, form, pid)

            return await self._run(request, action.replace("-", "_"), pid, bound)

        return route

    @property
    def _service(self) -> Handover:
        assert self.handover is not None
        return self.handover

    # --- participant actions ---------------------------------------------------------------

    async def take_over(self, staff: auth.Staff, _form: dict[str, str], pid: int) -> str:
        await self._service.take_over(acting(staff), pid)
        return "You have taken over. The bot is quiet until you hand back."

    async def reply(self, staff: auth.Staff, form: dict[str, str], pid: int) -> Answer:
        """Send, once per composer key: a second press of Send, or a retry after the answer was
        lost, with the same key sends nothing more. If the text was changed before the retry,
        the advisor is told that the first text went and this one did not."""
        text = text_field(form, "text")
        key = form.get("key") or None
        if key is not None and not REPLY_KEY.fullmatch(key):
            raise Refused("This page is out of date: copy your text, reload and send again.")
        before = await self._sent_with(staff, key)
        await self._service.reply(acting(staff), pid, text, key=key)
        if before is None:
            return Answer("Sent.", fresh_key=True)
        if before == text:
            return Answer("Sent.", outcome="resent: sent once", fresh_key=True)
        return Answer(
            f"Your earlier message had already gone (“{present.snippet(before, 60)}”). "
            "This text was not sent: press Send again to send it too.",
            status=409,
            outcome="resent changed text: not sent",
            fresh_key=True,
        )

    async def _sent_with(self, staff: auth.Staff, key: str | None) -> str | None:
        """The text this advisor already sent with this composer key, if any."""
        if key is None:
            return None

        def work(session: Session) -> str | None:
            found = queries.reply_with_key(session, advisor_id=staff.advisor_id, key=key)
            return None if found is None else found.body

        return await self.console._db(work)

    async def note(self, staff: auth.Staff, form: dict[str, str], pid: int) -> str:
        await self._service.private_note(acting(staff), pid, text_field(form, "text"))
        return "Note saved. The participant does not see it."

    async def hand_back(self, staff: auth.Staff, form: dict[str, str], pid: int) -> str:
        feedback = text_field(form, "feedback", required=False, limit=2000)
        await self._service.hand_back(acting(staff), pid, feedback=feedback)
        return "Handed back to the bot."

    async def feedback(self, staff: auth.Staff, form: dict[str, str], pid: int) -> str:
        await self._service.handover_feedback(
            acting(staff), pid, text_field(form, "text", limit=2000)
        )
        return "Thank you: feedback saved."

    async def co_reading(self, staff: auth.Staff, form: dict[str, str], pid: int) -> str:
        ppm = whole_number(form, "ppm", 0, 100)
        taken_at = local_time(form, "taken_at", staff.timezone)
        device = text_field(form, "device", limit=80)
        note = text_field(form, "note", required=False, limit=500)
        await self._service.record_co_reading(
            acting(staff), pid, ppm=ppm, taken_at=taken_at, device=device, note=note
        )
        return f"CO reading of {ppm} ppm recorded."

    async def first_appointment(self, staff: auth.Staff, form: dict[str, str], pid: int) -> str:
        at = local_time(form, "at", staff.timezone)
        note = text_field(form, "note", required=False, limit=500)
        await self._service.record_first_appointment(acting(staff), pid, at=at, note=note)
        return "First appointment recorded."

    async def composer(self, request: Request) -> Response:
        """The composer's text box filled with a canned reply (a read: no state changes)."""
        console = self.console
        pid = int(request.path_params["pid"])

        def check(session: Session) -> tuple[auth.Staff | None, Response | None]:
            staff = console._staff(session, request)
            if staff is None:
                return None, console._signed_out(request)
            if (
                pid > 2**31 - 1
                or queries.participant_of_provider(session, pid, staff.provider_id) is None
            ):
                console._audit(session, request, staff, "denied", detail=request.url.path)
                return staff, console._not_found()
            return staff, None

        staff, refused = await console._db(check)
        if refused is not None:
            return refused
        assert staff is not None
        body = ""
        wanted = request.query_params.get("canned", "")
        if wanted.isascii() and wanted.isdigit() and self.handover is not None:
            for canned in await self.handover.canned_replies(acting(staff)):
                if canned.id == int(wanted):
                    body = canned.body
        return console._render("_composer_text.html", text=body)

    # --- the advisor and their provider ---------------------------------------------------

    async def availability(self, request: Request) -> Response:
        async def work(staff: auth.Staff, form: dict[str, str]) -> str:
            online = form.get("online") == "1"
            capacity = whole_number(form, "capacity", 1, 50) if form.get("capacity") else None
            state = await self._service.set_availability(
                acting(staff), online=online, capacity=capacity
            )
            return "You are online." if state.chose_online else "You are away."

        return await self._run(request, "availability", None, work)

    async def canned_page(self, request: Request) -> Response:
        console = self.console

        def check(session: Session) -> auth.Staff | None:
            staff = console._staff(session, request)
            if staff is not None:
                console._audit(session, request, staff, "view_canned")
            return staff

        staff = await console._db(check)
        if staff is None:
            return console._signed_out(request)
        replies = (
            await self.handover.canned_replies(acting(staff)) if self.handover is not None else []
        )
        counts = await console.counts(staff)
        return console._render("canned.html", staff=staff, replies=replies, counts=counts)

    async def add_canned(self, request: Request) -> Response:
        async def work(staff: auth.Staff, form: dict[str, str]) -> str:
            locale = form.get("locale", "")
            if locale not in ("en_GB", "cy"):
                raise Refused("Choose English or Cymraeg.")
            await self._service.add_canned_reply(
                acting(staff),
                locale=locale,
                title=text_field(form, "title", limit=80),
                body=text_field(form, "body"),
            )
            return "Canned reply added."

        return await self._run(request, "canned_add", None, work)

    async def edit_canned(self, request: Request) -> Response:
        rid = int(request.path_params["rid"])

        async def work(staff: auth.Staff, form: dict[str, str]) -> str:
            if rid > 2**31 - 1:
                raise NotFound(rid)
            await self._service.edit_canned_reply(
                acting(staff),
                rid,
                title=text_field(form, "title", limit=80),
                body=text_field(form, "body"),
            )
            return "Canned reply saved."

        return await self._run(request, "canned_edit", None, work)


def _say(text: str, status: int, *, fresh_key: bool = False) -> HTMLResponse:
    """A short answer shown beside the form that asked (htmx swaps it in); with `fresh_key`,
    a new key for the composer, so the next reply is a new message."""
    kind = "done" if status < 400 else "error"
    html = f'<p class="{kind}" role="status">{escape(text)}</p>'
    if fresh_key:
        html += (
            f'<input type="hidden" id="composer-key" name="key" value="{new_reply_key()}"'
            ' hx-swap-oob="true">'
        )
    return HTMLResponse(html, status_code=status, headers=NO_STORE)
