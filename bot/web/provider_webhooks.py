"""Webhooks from Twilio and Telegram: check, convert at the edge, journal, answer fast.

A message is answered once it is committed to the ingress journal (bot/ingress.py), before
the flows have seen it: a retried webhook is a no-op, and nothing answered is ever lost.

Bad input of any kind gets a 4xx and one log line, never a 500: wrong content type 415,
oversized body 413 (bot/web/body_limit.py, before the route reads it), malformed body 400,
bad signature or secret 403.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qsl

import anyio
from sqlmodel import Session
from starlette.datastructures import ImmutableMultiDict
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from twilio.twiml.messaging_response import MessagingResponse

from bot.channels.sms import DELIVERY_STATUS, UNSUBSCRIBED, inbound_from_form, signature_ok
from bot.channels.telegram_bot import inbound_from_update
from bot.services import Services
from bot.web.json_input import read_json
from flows import Channel
from storage import outbox

log = logging.getLogger(__name__)

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


EMPTY_TWIML = str(MessagingResponse())

Handler = Callable[[Request], Awaitable[Response]]


class Rejected(Exception):
    """A request we answer with a 4xx."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


def routes(services: Services) -> list[BaseRoute]:
    """The webhook routes for the channels that are on (the others answer 404)."""
    found: list[BaseRoute] = []
    settings = services.settings
    if settings.twilio_status()[0]:
        found += [
            Route("/webhooks/twilio/sms", _guard(_twilio_sms(services)), methods=["POST"]),
            Route("/webhooks/twilio/status", _guard(_twilio_status(services)), methods=["POST"]),
        ]
    if settings.telegram_status()[0] and services.telegram is not None:
        found.append(Route("/webhooks/telegram", _guard(_telegram(services)), methods=["POST"]))
    return found


def _guard(handler: Handler) -> Handler:
    async def guarded(request: Request) -> Response:
        try:
            response = await handler(request)
        except Rejected as rejected:
            log.warning(
                "%s %s rejected with %d: %s",
                request.method,
                request.url.path,
                rejected.status,
                rejected,
            )
            return JSONResponse({"error": str(rejected)}, status_code=rejected.status)
        return response

    return guarded


async def _body(request: Request, content_type: str) -> bytes:
    given = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if given != content_type:
        raise Rejected(415, f"expected {content_type}, got {given or 'nothing'}")
    return await request.body()  # its size is limited by bot/web/body_limit.py


async def _twilio_form(request: Request, services: Services) -> ImmutableMultiDict[str, str]:
    body = await _body(request, FORM)
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=100)
    except (UnicodeDecodeError, ValueError) as error:
        raise Rejected(400, f"unreadable form: {type(error).__name__}") from error
    form = ImmutableMultiDict(pairs)
    settings = services.settings
    # The path and query as sent (what request.url would give, without building a URL).
    url = settings.public_url + request.scope["path"]
    if query := request.scope.get("query_string", b""):
        url += "?" + query.decode("utf-8", "replace")  # odd bytes: no signature matches
    signature = request.headers.get("x-twilio-signature", "")
    if not signature_ok(
        auth_token=settings.twilio_auth_token or "", url=url, form=form, signature=signature
    ):
        raise Rejected(403, "missing or wrong X-Twilio-Signature")
    return form


def _twilio_sms(services: Services) -> Handler:
    async def handle(request: Request) -> Response:
        form = await _twilio_form(request, services)
        try:
            inbound = inbound_from_form(form)
        except ValueError as error:
            raise Rejected(400, str(error)) from error
        await services.ingress.accept(inbound)
        return Response(EMPTY_TWIML, media_type="text/xml")

    return handle


def _twilio_status(services: Services) -> Handler:
    async def handle(request: Request) -> Response:
        form = await _twilio_form(request, services)
        sid, reported = form.get("MessageSid"), (form.get("MessageStatus") or "").lower()
        if not sid or not reported:
            raise Rejected(400, "MessageSid and MessageStatus are required")
        if len(sid) > 128 or not sid.isprintable():
            raise Rejected(400, "MessageSid is not a Twilio id")
        status = DELIVERY_STATUS.get(reported)
        error_code = form.get("ErrorCode") or None
        if error_code is not None and not (len(error_code) <= 16 and error_code.isalnum()):
            raise Rejected(400, "ErrorCode is not a Twilio error code")
        if status is None:
            return Response(status_code=204)

        def record() -> int | None:
            with Session(services.engine) as session, session.begin():
                row = outbox.record_delivery(
                    session=session,
                    provider_id=sid,
                    status=status,
                    error=f"Twilio error {error_code}" if error_code else None,
                    now=services.clock.now(),
                )
                return row.participant_id if row is not None else None

        participant_id = await anyio.to_thread.run_sync(record)
        if participant_id is None:
            log.info("status %s for unknown message %s", reported, sid)
        elif error_code == str(UNSUBSCRIBED):
            await services.runner.refuse(participant_id, Channel.SMS)
        return Response(status_code=204)

    return handle


def _telegram(services: Services) -> Handler:
    secret = (services.settings.telegram_webhook_secret or "").encode()

    async def handle(request: Request) -> Response:
        given = request.headers.get("x-telegram-bot-api-secret-token", "").encode()
        if not hmac.compare_digest(given, secret):
            raise Rejected(403, "missing or wrong secret token")
        body = await _body(request, JSON)
        try:
            data = read_json(body)
        except ValueError as error:
            raise Rejected(400, str(error)) from error
        if not isinstance(data, dict) or type(data.get("update_id")) is not int:
            raise Rejected(400, "not a Telegram update")
        try:
            inbound = inbound_from_update(data, services.telegram.bot)
        except ValueError as error:
            raise Rejected(400, str(error)) from error
        if inbound is not None:
            await services.ingress.accept(inbound)
        return JSONResponse({})

    return handle
