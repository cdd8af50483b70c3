"""What the Twilio and Telegram senders share about HTTP on aiohttp: a session for the event
loop at hand, and which transport faults mean "not sent" and which "maybe sent"."""

from __future__ import annotations

import asyncio

import aiohttp

# Faults before the request left: it cannot have reached the provider (sent again as usual).
NOT_SENT = (aiohttp.ConnectionTimeoutError, aiohttp.ClientConnectorError)
# Faults after the request may have reached the provider: a read timeout, the whole request's
# timeout, a connection dropped while waiting for the answer. (Those of NOT_SENT are kinds of
# these too: test for NOT_SENT first.)
MAYBE_ARRIVED = (
    TimeoutError,
    aiohttp.ServerDisconnectedError,
    aiohttp.ClientPayloadError,
    aiohttp.ClientOSError,
)


class LoopSession:
    """One aiohttp session (a pool of keep-alive connections) for the running event loop: made
    by the first request in a loop, and made again if a later one runs in another loop (a
    session belongs to one loop)."""

    def __init__(self, *, limit: int, headers: dict[str, str] | None = None) -> None:
        self._limit = limit
        self._headers = headers
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def here(self) -> aiohttp.ClientSession:
        """The session for the running loop."""
        loop = asyncio.get_running_loop()
        if self._session is None or self._loop is not loop or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._limit),
                cookie_jar=aiohttp.DummyCookieJar(),
                headers=self._headers,
            )
            self._loop = loop
        return self._session

    async def close(self) -> None:
        """Close the pool (one made in a loop that has ended went with its loop)."""
        session, self._session = self._session, None
        if session is not None and not session.closed and self._loop is asyncio.get_running_loop():
            await session.close()


__all__ = ["MAYBE_ARRIVED", "NOT_SENT", "LoopSession"]
