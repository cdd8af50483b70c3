"""python-telegram-bot's HTTP on aiohttp: `AiohttpRequest`, a `telegram.request.BaseRequest`.

PTB's own client is on httpx, which costs about 2.4 ms of CPU a request against aiohttp's
0.4 ms, and sending is most of the worker's work under load (Twilio's calls are on aiohttp for
the same reason, bot/channels/sms.py).

Faults are reported as PTB's own client reports them: `TimedOut` for a timeout, `NetworkError`
for any other transport error, each with aiohttp's exception as its `__cause__`; the cause tells
the sender whether the request may have reached Telegram (bot/channels/telegram_bot.py).
"""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import urlencode

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TelegramError, TimedOut
from telegram.request import BaseRequest, RequestData

from bot.channels.http import LoopSession
from bot.logsafe import Redactor

log = logging.getLogger(__name__)
# A request's URL holds the bot token, and aiohttp's messages can hold the URL: redacted from
# every error's text and log line here.
_redact = Redactor()


class UnreadableAnswer(TelegramError):
    """Telegram's answer was not JSON. After a 2xx (the call was taken) the message may have
    gone: a send takes it as "maybe sent" (bot/channels/telegram_bot.py)."""


class AiohttpRequest(BaseRequest):
    """Requests to the Bot API through one aiohttp session (a pool of keep-alive connections).

    The session is made in the event loop of the first request, and made again if a later
    request runs in another loop (a session belongs to one loop); `shutdown` closes it.

    Waits, as PTB's own client takes them (each call may give its own): `pool_timeout` for a
    free connection, `connect_timeout` to connect, `read_timeout` between bytes of the answer.
    aiohttp has no wait for writing the request: instead the whole request is given at most
    the sum of the four. `None` is no limit.

    Parameters go as a form, as PTB's own client sends them. Files are refused: quitbot
    uploads none.
    """

    __slots__ = ("_connect", "_pool", "_read", "_sessions", "_write")

    def __init__(
        self,
        connection_pool_size: int = 256,
        *,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
    ) -> None:
        self._read = read_timeout
        self._write = write_timeout
        self._connect = connect_timeout
        self._pool = pool_timeout
        self._sessions = LoopSession(
            limit=connection_pool_size, headers={"User-Agent": self.USER_AGENT}
        )

    @staticmethod
    def parse_json_payload(payload: bytes) -> dict[str, Any]:
        """As PTB's, raising UnreadableAnswer (a TelegramError) for what is not JSON, and not
        logging the text (a proxy's page may echo the URL, which holds the token)."""
        try:
            parsed = json.loads(payload.decode("utf-8", "replace"))
        except ValueError as error:
            raise UnreadableAnswer("Invalid server response") from error
        if not isinstance(parsed, dict):
            raise UnreadableAnswer("Invalid server response")
        return parsed

    @property
    def read_timeout(self) -> float | None:
        """The read timeout used when a call gives none."""
        return self._read

    async def initialize(self) -> None:
        """Nothing to do: the session is made by the first request, in its event loop."""

    async def shutdown(self) -> None:
        """Close the session (one made in a loop that has ended went with its loop)."""
        await self._sessions.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Make one request; return its status and body."""
        if request_data is not None and request_data.contains_files:
            raise TelegramError("AiohttpRequest does not upload files: the request was not sent")
        timeout = _timeout(
            read=_chosen(read_timeout, self._read),
            write=_chosen(write_timeout, self._write),
            connect=_chosen(connect_timeout, self._connect),
            pool=_chosen(pool_timeout, self._pool),
        )
        body, headers = _form(request_data)
        try:
            async with self._sessions.here().request(
                method,
                url,
                data=body,
                headers=headers,
                timeout=timeout,
                allow_redirects=False,
            ) as response:
                payload = await response.read()
        except aiohttp.ConnectionTimeoutError as error:
            raise TimedOut(
                "Timed out waiting for a connection to Telegram: the request was not sent"
            ) from error
        except TimeoutError as error:  # no answer (or not all of it) in time
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{type(error).__name__}: {_redact(str(error))}") from error
        if log.isEnabledFor(logging.DEBUG):  # each call can be followed in a DEBUG log
            log.debug("%s %s: %d", method, _redact(url), response.status)
        return response.status, payload


def _form(request_data: RequestData | None) -> tuple[bytes | None, dict[str, str] | None]:
    """The call's parameters as an urlencoded form, as PTB's own HTTPX client sends them
    (encoded here: aiohttp's form builder cost more than the rest of the call)."""
    parameters = request_data.json_parameters if request_data is not None else None
    if not parameters:
        return None, None
    body = urlencode(parameters).encode()  # what RequestData.url_encoded_parameters() does
    return body, {"Content-Type": "application/x-www-form-urlencoded"}


def _chosen(value: ODVInput[float], default: float | None) -> float | None:
    """A call's own timeout, or the default when it gave none."""
    return default if isinstance(value, DefaultValue) else value


def _timeout(
    *, read: float | None, write: float | None, connect: float | None, pool: float | None
) -> aiohttp.ClientTimeout:
    """PTB's four waits as aiohttp's: `connect` there covers waiting for a free connection too."""
    waits = (pool, connect, write, read)
    return aiohttp.ClientTimeout(
        total=None if None in waits else sum(w for w in waits if w is not None),
        connect=None if pool is None or connect is None else pool + connect,
        sock_connect=connect,
        sock_read=read,
    )
