"""The web chat at /chat/: try quitbot in a browser as a participant (the `web` channel).

Each browser gets a random chat id in a cookie; that id is its address. The page posts what the
person types and polls the transcript for replies; a message an advisor wrote comes back
`"from": "advisor"` with a `label` ("A person from the team"), told apart from the bot's. Each
poll also carries the page's own words in the person's language (`page`), so the header, hint,
box and button follow them when they text CYMRAEG or ENGLISH. The page shows each message once,
by its id, however polls overlap (`static/chat.js`).

A cookie we have not seen before becomes a new participant with its first message; new
participants are limited per client address and overall (`NewChatLimit`), and a browser that
would start one over the limit is told to wait (429 with Retry-After: an HTML page, or JSON from
the API). Chats that already exist are never limited.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import secrets
from pathlib import Path

import anyio
from sqlmodel import Session, col, select
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.channels.base import InboundMessage
from bot.services import Services
from bot.web.json_input import read_json
from bot.web.limits import NewChatLimit, client_key
from bot.web.pages import templates
from flows import Channel
from messages import catalog as m
from messages.render import supported, translate
from storage import participants, transcript
from storage.tables import ConversationRow, MessageRow

log = logging.getLogger(__name__)

COOKIE = "quitbot_chat"
MAX_TEXT = (
    8000  # characters: longer is refused with a clear 413, never cut (the screen reads it all)
)
MAX_AFTER = 2**31 - 1  # message ids are 32-bit integers
# A message id from the page: printable ASCII, short enough that "<chat id>:<id>" fits the
# 128 characters a provider id may have (chat ids are at most 64).
CLIENT_ID = re.compile(r"[\x21-\x7e]{1,63}")
CHAT_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")
AFTER = re.compile(r"[0-9]{1,10}")
STATIC = Path(__file__).parent / "static"
BUSY_PAGE = STATIC / "busy.html"
BUSY = "Too many new chats are starting right now. Please try again in a minute."
NO_STORE = {"cache-control": "no-store"}


def routes(services: Services) -> list[BaseRoute]:
    """The web chat page and its two API calls."""
    settings = services.settings
    limit = NewChatLimit(
        per_address=settings.web_new_chats_per_address,
        overall=settings.web_new_chats_per_minute,
    )
    secure_cookie = settings.public_url.startswith("https://")
    chat_page = templates().get_template("chat.html")
    # Reads that never wait for the write lock (SQLite), so polls never queue behind writes.
    reads = services.reader or services.engine

    @functools.lru_cache(maxsize=8)  # a few locales; the same words for every poll
    def words(locale: str) -> dict[str, str]:
        # Our own notice is linked by path, so it opens on whatever address the page came from.
        href = privacy_href(locale) if settings.own_privacy_notice else settings.privacy_url
        return page_text(locale, href)

    def render(locale: str) -> str:
        return chat_page.render(lang=html_lang(locale), page=words(locale))

    def locale_of(chat_id: str | None) -> str:
        if chat_id is None:
            return settings.default_locale
        with Session(reads) as session:
            participant_id = participants.find_by_address(
                session=session, channel=Channel.WEB.value, address=chat_id
            )
            return locale_for(session, participant_id)

    def locale_for(session: Session, participant_id: int | None) -> str:
        """The person's language (only that column of their conversation), or the default."""
        if participant_id is None:
            return settings.default_locale
        locale = session.exec(
            select(ConversationRow.locale).where(
                col(ConversationRow.participant_id) == participant_id
            )
        ).first()
        return locale or settings.default_locale

    async def page(request: Request) -> Response:
        if chat_id := _chat_id(request):
            locale = await anyio.to_thread.run_sync(locale_of, chat_id)
            return HTMLResponse(render(locale), headers=NO_STORE)
        client = _client(request)
        wait = limit.wait(client, services.clock.now())
        if wait is not None:
            log.warning("web chat: new chats from %s are over the limit; 429", client)
            return HTMLResponse(
                BUSY_PAGE.read_text(encoding="utf-8"),
                status_code=429,
                headers={"retry-after": str(wait)},
            )
        response = HTMLResponse(render(settings.default_locale), headers=NO_STORE)
        response.set_cookie(
            COOKIE,
            secrets.token_urlsafe(18),
            max_age=60 * 60 * 24 * 365,
            httponly=True,
            # Lax, not Strict: a person who follows a link to /chat/ from elsewhere (an email,
            # the privacy notice in another tab) must arrive with their cookie, or the page
            # would give them a new chat and they would lose their conversation.
            samesite="lax",
            secure=secure_cookie or request.url.scheme == "https",
        )
        return response

    async def post_message(request: Request) -> Response:
        chat_id = _chat_id(request)
        if chat_id is None:
            return _bad(400, "no chat session: open /chat/ first")
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return _bad(415, "send JSON")
        body = await request.body()  # at most body_limit.MAX_BODY bytes
        try:
            data = read_json(body)
        except ValueError as error:
            return _bad(400, str(error))
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            return _bad(400, 'expected {"text": "..."}')
        if unknown := sorted(set(data) - {"text", "id"}):
            return _bad(400, f"unknown field: {unknown[0][:40]}")
        text = data["text"]
        if len(text) > MAX_TEXT:
            # Never cut silently: the end of a long message may be the part that matters most.
            return _bad(413, f"message too long: at most {MAX_TEXT} characters, please split it")
        client_id = data.get("id")
        provider_id = None
        if client_id is not None:
            if not isinstance(client_id, str) or not CLIENT_ID.fullmatch(client_id):
                return _bad(400, "id must be 1 to 63 printable ASCII characters")
            provider_id = f"{chat_id}:{client_id}"

        def known() -> bool:
            with Session(reads) as session:
                return (
                    participants.find_by_address(
                        session=session, channel=Channel.WEB.value, address=chat_id
                    )
                    is not None
                )

        if not await anyio.to_thread.run_sync(known):
            client = _client(request)
            wait = limit.take(client, services.clock.now())
            if wait is not None:
                log.warning("web chat: new chats from %s are over the limit; 429", client)
                return JSONResponse(
                    {"error": BUSY}, status_code=429, headers={"retry-after": str(wait)}
                )
        await services.ingress.receive(  # waits (bounded) until its reply is queued
            InboundMessage(
                channel=Channel.WEB, address=chat_id, text=text, provider_id=provider_id
            )
        )
        return JSONResponse({"ok": True}, status_code=202, headers=NO_STORE)

    async def get_messages(request: Request) -> Response:
        chat_id = _chat_id(request)
        if chat_id is None:
            return JSONResponse(
                {"messages": [], "page": words(settings.default_locale)}, headers=NO_STORE
            )
        given = request.query_params.get("after", "0")
        if not AFTER.fullmatch(given) or int(given) > MAX_AFTER:
            return _bad(400, f"after must be a whole number from 0 to {MAX_AFTER}")
        after = int(given)

        def read() -> tuple[list[dict[str, object]], str]:
            with Session(reads) as session:
                participant_id = participants.find_by_address(
                    session=session, channel=Channel.WEB.value, address=chat_id
                )
                if participant_id is None:
                    return [], settings.default_locale
                rows = transcript.history(
                    session=session, participant_id=participant_id, after_id=after
                )
                # This browser's own messages: a person with another web chat joined by LINK
                # sees each chat's own there.
                shown = [
                    _shown(row)
                    for row in rows
                    if row.channel == Channel.WEB.value and row.address == chat_id
                ]
                return shown, locale_for(session, participant_id)

        messages, locale = await anyio.to_thread.run_sync(read)
        return JSONResponse({"messages": messages, "page": words(locale)}, headers=NO_STORE)

    return [
        Route("/chat/", page, methods=["GET"]),
        Route("/chat/api/messages", post_message, methods=["POST"]),
        Route("/chat/api/messages", get_messages, methods=["GET"]),
    ]


def page_text(locale: str, privacy_href: str) -> dict[str, str]:
    """The page's own words in `locale`: what `static/chat.js` puts in place after CYMRAEG."""
    return {
        "lang": html_lang(locale),
        "title": translate(m.WEB_PAGE_TITLE, locale),
        "intro": translate(m.WEB_PAGE_INTRO, locale),
        "hint": translate(m.WEB_HINT, locale),
        "label": translate(m.WEB_YOUR_MESSAGE, locale),
        "placeholder": translate(m.WEB_PLACEHOLDER, locale),
        "send": translate(m.WEB_SEND, locale),
        "privacy": translate(m.WEB_PRIVACY_LINK, locale),
        "privacy_href": privacy_href,
        "failed": translate(m.WEB_FAILED, locale),
        "choices": translate(m.WEB_QUICK_REPLIES, locale),
    }


def privacy_href(locale: str) -> str:
    """Our own privacy notice, in `locale`."""
    return "/privacy?lang=cy" if supported(locale) == "cy" else "/privacy"


def html_lang(locale: str) -> str:
    """The page's `lang` attribute for `locale`: "en-GB" or "cy"."""
    return "cy" if supported(locale) == "cy" else "en-GB"


def _shown(row: MessageRow) -> dict[str, object]:
    """One message for the page. `from`: "you", "quitbot" or "advisor" (a person from the team
    wrote it); an advisor's message also has `label`, who wrote it in the message's language.
    A question's quick replies come as `choices` (labels in the person's language); `[]` says
    the buttons shown before go with this message (the page shows the newest, until the
    person writes)."""
    shown: dict[str, object] = {
        "id": row.id,
        "from": "you" if row.direction == "in" else "quitbot",
        "text": row.body,
        "at": row.created_at.isoformat(),
    }
    if row.direction == "out" and row.advisor_id is not None:
        shown["from"] = "advisor"
        shown["label"] = translate(m.ADVISOR_LABEL, row.locale or "en_GB")
    if row.direction == "out" and row.choices is not None:
        shown["choices"] = json.loads(row.choices)
    return shown


def _chat_id(request: Request) -> str | None:
    value = request.cookies.get(COOKIE, "")
    return value if CHAT_ID.fullmatch(value) else None


def _client(request: Request) -> str:
    return client_key(request.client.host if request.client else None)


def _bad(status: int, reason: str) -> Response:
    log.info("web chat: %d %s", status, reason)
    return JSONResponse({"error": reason}, status_code=status)
