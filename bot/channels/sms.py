"""SMS through Twilio: the inbound form at the edge, signature checks, and the REST sender.

Replies go out through the twilio library's own REST client; its HTTP goes through
`ApiBaseHttpClient` (aiohttp, as the library's own async client uses), which sends
`https://api.twilio.com/...` calls to QUITBOT_TWILIO_API_BASE (the real API in production, a
fake on loopback in tests). aiohttp, not httpx: a send costs about a sixth of the CPU (0.4 ms
against 2.4 ms, bench/README.md), and sending is most of the worker's work under load.
"""

from __future__ import annotations

import base64
import functools
import hmac
import logging
from collections.abc import Mapping
from contextvars import ContextVar
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import aiohttp
from starlette.datastructures import ImmutableMultiDict
from twilio.base.exceptions import TwilioRestException
from twilio.http import AsyncHttpClient
from twilio.http.response import Response as TwilioResponse
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from bot.channels.base import InboundMessage, SendFailed, SendResult
from bot.channels.http import MAYBE_ARRIVED, NOT_SENT, LoopSession
from bot.settings import Settings
from flows import Channel
from storage.outbox import Outgoing

log = logging.getLogger(__name__)

# A 429's Retry-After, seen by the HTTP client and read by the send that made the call (the
# twilio library's exception does not carry the response's headers).
_RETRY_AFTER: ContextVar[float | None] = ContextVar("twilio_retry_after", default=None)
DEFAULT_RETRY_AFTER = 60.0  # a 429 without Retry-After: wait a minute
LOOKUP_PAGE = 50  # the newest messages to a number looked through for a maybe-sent one
CLOCK_SLACK = timedelta(minutes=5)  # Twilio's clock and ours may differ this much

TWILIO_API = "https://api.twilio.com"
UNSUBSCRIBED = 21610  # "Attempt to send to unsubscribed recipient"
# Twilio's MessageStatus values, as our outbox statuses (others are interim: ignored).
DELIVERY_STATUS = {
    "sent": "sent",
    "delivered": "delivered",
    "read": "delivered",
    "undelivered": "undelivered",
    "failed": "failed",
}


class ApiBaseHttpClient(AsyncHttpClient):  # type: ignore[misc]
    """The twilio library's async HTTP client, on aiohttp, with a configurable API base.

    Its session (a pool of keep-alive connections) is made in the event loop that first uses
    it, and made again if another loop uses it later (a session belongs to one loop). Waits:
    `timeout` to connect, and `timeout` between bytes of the answer; the whole request at most
    three times that."""

    def __init__(self, api_base: str, *, timeout: float = 10.0) -> None:
        super().__init__(logger=log, is_async=True, timeout=timeout)
        self._base = api_base.rstrip("/")
        self._sessions = LoopSession(limit=32)

    async def request(
        self,
        method: str,
        uri: str,
        params: dict[str, Any] | None = None,
        data: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - the twilio library's signature
        allow_redirects: bool = False,
    ) -> TwilioResponse:
        """Make the request against the configured base."""
        if uri.startswith(TWILIO_API):
            uri = self._base + uri[len(TWILIO_API) :]
        headers = dict(headers or {})
        if auth is not None:
            login = f"{auth[0]}:{auth[1]}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(login).decode("ascii")
        wait = timeout or self.timeout
        form = _pairs(data)
        body = None
        if form is not None:  # encoded here: aiohttp's form builder costs more than the send
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        async with self._sessions.here().request(
            method.upper(),
            uri,
            params=_pairs(params),
            data=body,
            headers=headers,
            allow_redirects=allow_redirects,
            timeout=aiohttp.ClientTimeout(total=3 * wait, sock_connect=wait, sock_read=wait),
        ) as response:
            text = await response.text()
        if response.status == 429:
            _RETRY_AFTER.set(_seconds(response.headers.get("retry-after")))
        return TwilioResponse(response.status, text, response.headers)

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._sessions.close()


def _pairs(values: dict[str, Any] | None) -> list[tuple[str, str]] | None:
    """A form's or query's fields as aiohttp takes them: text, a list as repeated fields, a
    boolean as Twilio writes it; fields with no value left out."""
    if values is None:
        return None
    pairs = []
    for name, value in values.items():
        for one in value if isinstance(value, list | tuple) else [value]:
            if one is None:
                continue
            text = ("true" if one else "false") if isinstance(one, bool) else str(one)
            pairs.append((name, text))
    return pairs


class TwilioSender:
    """Sends SMS with `client.messages.create_async`."""

    def __init__(
        self,
        *,
        account_sid: str,
        auth_token: str,
        from_number: str | None,
        messaging_service_sid: str | None,
        api_base: str,
        status_callback: str | None,
        timeout: float = 10.0,
    ) -> None:
        self._http = ApiBaseHttpClient(api_base, timeout=timeout)
        self._client = Client(account_sid, auth_token, http_client=self._http)
        self._sender: dict[str, str] = (
            {"messaging_service_sid": messaging_service_sid}
            if messaging_service_sid
            else {"from_": from_number or ""}
        )
        self._status_callback = status_callback

    @classmethod
    def from_settings(cls, settings: Settings) -> TwilioSender:
        """A sender configured from settings (SMS must be on)."""
        return cls(
            account_sid=settings.twilio_account_sid or "",
            auth_token=settings.twilio_auth_token or "",
            from_number=settings.twilio_from_number,
            messaging_service_sid=settings.twilio_messaging_service_sid,
            api_base=settings.twilio_api_base,
            status_callback=f"{settings.public_url}/webhooks/twilio/status",
        )

    async def send(self, message: Outgoing) -> SendResult:
        """Send one SMS; map Twilio's errors to retry, wait, give up, or "may have gone"."""
        options: dict[str, Any] = dict(self._sender)
        if self._status_callback:
            options["status_callback"] = self._status_callback
        _RETRY_AFTER.set(None)
        try:
            created = await self._client.messages.create_async(
                to=message.address, body=message.body, **options
            )
        except TwilioRestException as error:
            raise _failure(error) from error
        except NOT_SENT as error:
            raise SendFailed(f"Twilio unreachable: {type(error).__name__}") from error
        except MAYBE_ARRIVED as error:
            raise SendFailed(
                f"Twilio did not answer: {type(error).__name__}", unsure=True
            ) from error
        except aiohttp.ClientError as error:
            raise SendFailed(f"Twilio unreachable: {type(error).__name__}") from error
        except ValueError as error:  # a 2xx whose answer is not JSON: taken, maybe
            raise SendFailed(
                f"Twilio's answer could not be read: {type(error).__name__}", unsure=True
            ) from error
        return SendResult(provider_id=created.sid)

    async def lookup(self, message: Outgoing) -> SendResult | None:
        """A maybe-sent message, found among those Twilio has sent to the number since it was
        queued (the same body), or None. Raises SendFailed when Twilio cannot be asked now."""
        since = message.maybe_sent_since or message.created_at
        filters: dict[str, Any] = {"to": message.address}
        if "from_" in self._sender:
            filters["from_"] = self._sender["from_"]
        _RETRY_AFTER.set(None)
        try:
            found = await self._client.messages.list_async(limit=LOOKUP_PAGE, **filters)
        except TwilioRestException as error:
            raise _failure(error, unsure=True) from error
        except (TimeoutError, aiohttp.ClientError) as error:
            raise SendFailed(
                f"Twilio unreachable for a look-up: {type(error).__name__}", unsure=True
            ) from error
        for record in found:
            created = record.date_created
            recent = since is None or created is None or created >= since - CLOCK_SLACK
            if record.body == message.body and recent and record.sid:
                return SendResult(provider_id=record.sid)
        return None

    async def aclose(self) -> None:
        """Close the HTTP client."""
        await self._http.aclose()


def _failure(error: TwilioRestException, *, unsure: bool = False) -> SendFailed:
    reason = f"Twilio {error.status} {error.code or ''}: {error.msg}".strip()
    if error.code == UNSUBSCRIBED:
        return SendFailed(reason, opted_out=True)
    if error.status == 429:
        wait = _RETRY_AFTER.get() or DEFAULT_RETRY_AFTER
        return SendFailed(reason, retry_after=wait, unsure=unsure)
    transient = error.status >= 500
    return SendFailed(reason, permanent=not transient and not unsure, unsure=unsure)


def _seconds(header: str | None) -> float | None:
    """Retry-After in seconds (Twilio sends a number; an HTTP date is not expected)."""
    try:
        value = float(header) if header else None
    except ValueError:
        return None
    return value if value is not None and 0 <= value <= 24 * 3600 else None


def signature_ok(
    *, auth_token: str, url: str, form: ImmutableMultiDict[str, str], signature: str
) -> bool:
    """True when `signature` is Twilio's signature of `url` and `form` with our auth token.

    The signature of `url` exactly as given is computed first (one HMAC: what Twilio sends);
    only when that is not it does the twilio library's check run, which also tries the URL with
    and without its port."""
    if not signature:
        return False
    validator = _validator(auth_token)
    if hmac.compare_digest(validator.compute_signature(url, form).encode(), signature.encode()):
        return True
    return bool(validator.validate(url, form, signature))


@functools.lru_cache(maxsize=4)
def _validator(auth_token: str) -> RequestValidator:
    return RequestValidator(auth_token)


def inbound_from_form(form: Mapping[str, str]) -> InboundMessage:
    """An inbound SMS from Twilio's webhook form; ValueError when it is not one."""
    sid = form.get("MessageSid") or form.get("SmsSid")
    sender = form.get("From")
    if not sid or not sender:
        raise ValueError("MessageSid and From are required")
    if not _clean_id(sid) or not _clean_id(sender):
        raise ValueError("MessageSid and From must be short printable values")
    try:
        media = int(form.get("NumMedia") or 0)
    except ValueError:
        media = 0
    return InboundMessage(
        channel=Channel.SMS,
        address=sender.strip()[:128],
        text=form.get("Body") or "",
        provider_id=sid[:128],
        has_media=media > 0,
        carrier_opted_out=(form.get("OptOutType") or "").upper() == "STOP",
    )


def _clean_id(value: str) -> bool:
    """A provider id or address we can store and use: printable, at most 128 characters."""
    return 0 < len(value) <= 128 and value.isprintable()
