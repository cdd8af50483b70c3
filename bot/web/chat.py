"""The web chat at /chat/: try quitbot in a browser as a participant (the `web` channel).

Each browser gets a random chat id in a cookie; that id is its address. The page posts what the
person types and polls the transcript for replies.
"""

from __future__ import annotations

import json
import logging
import secrets
from pathlib import Path

import anyio
from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.channels.base import InboundMessage
from bot.services import Services
from flows import Channel
from storage import participants, transcript

log = logging.getLogger(__name__)

COOKIE = "quitbot_chat"
MAX_TEXT = (
    8000  # characters: longer is refused with a clear 413, never cut (the screen reads it all)
)
MAX_BODY = 64 * 1024  # bytes: room for MAX_TEXT characters of any script, JSON-escaped
PAGE = Path(__file__).parent / "static" / "chat.html"


def routes(services: Services) -> list[BaseRoute]:
    """The web chat page and its two API calls."""

    async def page(request: Request) -> Response:
        response = HTMLResponse(PAGE.read_text(encoding="utf-8"))
        if not _chat_id(request):
            response.set_cookie(
                COOKIE,
                secrets.token_urlsafe(18),
                max_age=60 * 60 * 24 * 365,
                httponly=True,
                samesite="strict",
                secure=request.url.scheme == "https",
            )
        return response

    async def post_message(request: Request) -> Response:
        chat_id = _chat_id(request)
        if chat_id is None:
            return _bad(400, "no chat session: open /chat/ first")
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return _bad(415, "send JSON")
        body = await request.body()
        if len(body) > MAX_BODY:
            return _bad(413, "message too long")
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return _bad(400, "not JSON")
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            return _bad(400, 'expected {"text": "..."}')
        text = data["text"]
        if len(text) > MAX_TEXT:
            # Never cut silently: the end of a long message may be the part that matters most.
            return _bad(413, f"message too long: at most {MAX_TEXT} characters, please split it")
        client_id = data.get("id")
        provider_id = None
        if isinstance(client_id, str) and 0 < len(client_id) <= 64:
            provider_id = f"{chat_id}:{client_id}"
        await services.runner.receive(
            InboundMessage(
                channel=Channel.WEB, address=chat_id, text=text, provider_id=provider_id
            )
        )
        return JSONResponse({"ok": True}, status_code=202)

    async def get_messages(request: Request) -> Response:
        chat_id = _chat_id(request)
        if chat_id is None:
            return JSONResponse({"messages": []})
        try:
            after = max(0, int(request.query_params.get("after", "0")))
        except ValueError:
            return _bad(400, "after must be a whole number")

        def read() -> list[dict[str, object]]:
            with Session(services.engine) as session:
                participant_id = participants.find_by_address(
                    session=session, channel=Channel.WEB.value, address=chat_id
                )
                if participant_id is None:
                    return []
                rows = transcript.history(
                    session=session, participant_id=participant_id, after_id=after
                )
                return [
                    {
                        "id": row.id,
                        "from": "you" if row.direction == "in" else "quitbot",
                        "text": row.body,
                        "at": row.created_at.isoformat(),
                    }
                    for row in rows
                    if row.channel == Channel.WEB.value
                ]

        return JSONResponse({"messages": await anyio.to_thread.run_sync(read)})

    return [
        Route("/chat/", page, methods=["GET"]),
        Route("/chat/api/messages", post_message, methods=["POST"]),
        Route("/chat/api/messages", get_messages, methods=["GET"]),
    ]


def _chat_id(request: Request) -> str | None:
    value = request.cookies.get(COOKIE, "")
    if 16 <= len(value) <= 64 and all(c.isalnum() or c in "-_" for c in value):
        return value
    return None


def _bad(status: int, reason: str) -> Response:
    log.info("web chat: %d %s", status, reason)
    return JSONResponse({"error": reason}, status_code=status)
