"""Request bodies are refused by size before they are read: 413 over MAX_BODY, on every route.

A declared Content-Length over the limit is refused before a byte of the body is read; a body
that arrives in chunks (or lies about its length) is counted as it is read and refused as soon
as it passes the limit, so no route ever holds more than MAX_BODY bytes of one request.
"""

from __future__ import annotations

import json
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

# bytes: the web chat's longest message (8,000 characters of any script, JSON-escaped) or any
# webhook fits easily
MAX_BODY = 64 * 1024


class BodyTooLarge(Exception):
    """The request body passed the limit while it was being read."""


class BodyLimit:
    """ASGI middleware: 413 for a request body over `max_bytes`."""

    def __init__(self, app: ASGIApp, *, max_bytes: int = MAX_BODY) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        # ASCII digits only: "\xb2" (a latin-1 superscript two) passes isdigit() but not int().
        if declared is not None and (not _digits(declared) or len(declared) > 18):
            await _refuse(scope, send, 400, "Content-Length is not a number of bytes")
            return
        if declared is not None and int(declared) > self.max_bytes:
            await _refuse(scope, send, 413, self._too_large())
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:
            if started:  # too late to answer; the server closes the connection
                raise
            await _refuse(scope, send, 413, self._too_large())

    def _too_large(self) -> str:
        return f"request body too large: at most {self.max_bytes} bytes"


def _digits(text: str) -> bool:
    """Only the ASCII digits 0-9 (str.isdigit() also takes "²", "①", "٣" ...)."""
    return text.isascii() and text.isdigit()


def _content_length(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            return str(value.decode("latin-1").strip())
    return None


async def _refuse(scope: Scope, send: Send, status: int, reason: str) -> None:
    log.warning(
        "%s %s refused with %d: %s", scope.get("method"), scope.get("path"), status, reason
    )
    body = json.dumps({"error": reason}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
