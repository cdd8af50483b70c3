"""Security headers on every response: the pages load only their own scripts and styles, are
never framed, never sniffed, and send no Referer."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The pages use only their own files under /static/ (no inline script or style), fetch only
# their own API, and post no forms elsewhere.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",  # frame-ancestors, for browsers that predate it
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}
HSTS = "max-age=31536000"


class SecurityHeaders:
    """ASGI middleware: adds HEADERS (and HSTS when served over https) to every response."""

    def __init__(self, app: ASGIApp, *, https: bool = False) -> None:
        self.app = app
        extra = dict(HEADERS)
        if https:
            extra["strict-transport-security"] = HSTS
        self._headers = [(name.encode(), value.encode()) for name, value in extra.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", ())}
                message["headers"] = [
                    *message.get("headers", ()),
                    *((n, v) for n, v in self._headers if n not in present),
                ]
            await send(message)

        await self.app(scope, receive, with_headers)
