"""A database that cannot be reached answers 503 with Retry-After: one log line, no traceback."""

from __future__ import annotations

import json
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storage import unavailable

log = logging.getLogger(__name__)

RETRY_AFTER = 30  # seconds; Twilio and Telegram retry webhooks that fail


class DatabaseOutage:
    """ASGI middleware: 503 for a request that failed because the database is unreachable."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as error:
            if started or not unavailable(error):
                raise
            reason = str(getattr(error, "orig", None) or error).strip().splitlines()
            log.error(
                "%s %s: database unavailable, answered 503 (%s: %s)",
                scope.get("method"),
                scope.get("path"),
                type(error).__name__,
                reason[0] if reason else "no reason given",
            )
            body = json.dumps({"error": "the database is unavailable; try again shortly"})
            await send(
                {
                    "type": "http.response.start",
                    "status": 503,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"retry-after", str(RETRY_AFTER).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body.encode()})
