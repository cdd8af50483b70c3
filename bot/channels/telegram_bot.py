"""Telegram through python-telegram-bot, used as transport only.

An Application without an Updater (webhooks come to our own route), with `base_url` from
QUITBOT_TELEGRAM_API_BASE and its HTTP on aiohttp (`AiohttpRequest`, telegram_request.py). No
handlers, no ConversationHandler, no persistence: conversation state lives in our database like
every other channel's.
"""

from __future__ import annotations

import logging
import warnings
from datetime import timedelta
from typing import Any

from telegram import (
    Bot,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import Application
from telegram.warnings import PTBUserWarning

from bot.channels.base import InboundMessage, SendFailed, SendResult
from bot.channels.http import MAYBE_ARRIVED, NOT_SENT
from bot.channels.telegram_request import AiohttpRequest, UnreadableAnswer
from flows import Channel
from storage.outbox import Outgoing

log = logging.getLogger(__name__)
# PTB asks that do_api_request not be used for a method it wraps (Bot.send_message); we do, to
# keep the answer as JSON (TelegramSender.send). Only that one request is silenced.
warnings.filterwarnings(
    "ignore", message=r"Please use 'Bot\.sendMessage'", category=PTBUserWarning
)

MAX_DATE = 2**32  # Telegram's dates are Unix times (seconds); this is the year 2106
# Labels this short (a yes or no, a scale's numbers) share one row of the keyboard; longer
# ones (a list's names, a date) get a row each, so none is cut off on a phone.
ONE_ROW_LABEL = 4
_MEDIA = ("photo", "document", "sticker", "voice", "video", "audio", "animation", "video_note")


def build_application(*, token: str, api_base: str) -> Application:  # type: ignore[type-arg]
    """The PTB Application for our bot, pointed at `api_base`, its HTTP on aiohttp.

    The pools are PTB's own: 256 connections for the Bot API's methods, one for getUpdates
    (never called here: updates come as webhooks)."""
    return (
        Application.builder()
        .token(token)
        .base_url(f"{api_base}/bot")
        .base_file_url(f"{api_base}/file/bot")
        .request(AiohttpRequest(connection_pool_size=256))
        .get_updates_request(AiohttpRequest(connection_pool_size=1))
        .updater(None)
        .build()
    )


class TelegramSender:
    """Sends with `bot.send_message`."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def send(self, message: Outgoing) -> SendResult:
        """Send one message; a blocked bot is an opt-out."""
        try:
            if not getattr(self._bot, "_bot_initialized", True):  # getMe failed at start
                await self._bot.initialize()
            # The Bot API's sendMessage with the answer kept as JSON: only its message_id is
            # read, and turning it into a telegram.Message cost a fifth of a send.
            sent = await self._bot.do_api_request(
                "sendMessage",
                api_kwargs={
                    "chat_id": int(message.address),
                    "text": message.body,
                    "reply_markup": keyboard(message.choices),
                },
            )
        except Forbidden as error:
            raise SendFailed(f"Telegram: {error.message}", opted_out=True) from error
        except BadRequest as error:
            raise SendFailed(f"Telegram: {error.message}", permanent=True) from error
        except InvalidToken as error:  # its message holds the token: never stored or logged
            raise SendFailed(
                "Telegram: the bot token was rejected (TELEGRAM_BOT_TOKEN)"
            ) from error
        except RetryAfter as error:  # flood control: the whole channel waits
            raise SendFailed(
                f"Telegram: {error.message}", retry_after=_retry_after(error)
            ) from error
        except NetworkError as error:  # TimedOut too: "may have gone" if the request went
            raise SendFailed(
                f"Telegram: {type(error).__name__}: {error.message}",
                unsure=_maybe_arrived(error),
            ) from error
        except UnreadableAnswer as error:  # taken (2xx), the answer not readable
            raise SendFailed(f"Telegram: {error.message} to sendMessage", unsure=True) from error
        except TelegramError as error:  # anything else: try again later
            raise SendFailed(f"Telegram: {type(error).__name__}: {error.message}") from error
        except ValueError as error:
            raise SendFailed(
                f"not a Telegram chat id: {message.address!r}", permanent=True
            ) from error
        if not isinstance(sent, dict) or "message_id" not in sent:
            # Telegram took it (200, ok) but said nothing we can keep: sent, with no id.
            log.warning("Telegram's answer to sendMessage had no message_id")
            return SendResult(provider_id=None)
        return SendResult(provider_id=str(sent["message_id"]))


def _maybe_arrived(error: NetworkError) -> bool:
    cause = error.__cause__
    return isinstance(cause, MAYBE_ARRIVED) and not isinstance(cause, NOT_SENT)


def _retry_after(error: RetryAfter) -> float:
    with warnings.catch_warnings():  # an int here is deprecated in favour of a timedelta
        warnings.simplefilter("ignore")
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def keyboard(choices: tuple[str, ...] | None) -> ReplyKeyboardMarkup | ReplyKeyboardRemove | None:
    """A question's quick replies as a reply keyboard: a tap sends the label as the person's
    message, and the keyboard folds away after it. No choices after some: take it away."""
    if choices is None:
        return None
    if not choices:
        return ReplyKeyboardRemove()
    buttons = [KeyboardButton(label) for label in choices]
    if all(len(label) <= ONE_ROW_LABEL for label in choices):
        rows = [buttons]
    else:
        rows = [[button] for button in buttons]
    return ReplyKeyboardMarkup(rows, one_time_keyboard=True, resize_keyboard=True)


def inbound_from_update(data: dict[str, Any], bot: Bot) -> InboundMessage | None:
    """A message from a person in a private chat, or None for any other kind of update.

    Raises ValueError when the update cannot be read at all.
    """
    _check_shape(data)
    plain = _plain_text_message(data)
    return plain if plain is not None else _read_with_ptb(data, bot)


def _read_with_ptb(data: dict[str, Any], bot: Bot) -> InboundMessage | None:
    """PTB's full reading of an update (after `_check_shape`)."""
    try:
        update = Update.de_json(data, bot)
    except (
        KeyError,
        TypeError,
        ValueError,
        AttributeError,
        RecursionError,
        OverflowError,  # a date no calendar holds, deeper in the update
    ) as error:
        raise ValueError(f"not a Telegram update: {type(error).__name__}") from error
    message = update.message
    if message is None or message.chat.type != "private":
        return None
    return InboundMessage(
        channel=Channel.TELEGRAM,
        address=str(message.chat.id),
        text=message.text or message.caption or "",
        provider_id=str(update.update_id),
        has_media=any(getattr(message, kind, None) for kind in _MEDIA),
        language_hint=message.from_user.language_code if message.from_user else None,
    )


# A person's plain text message, as Telegram sends it nearly every time: these fields and no
# others. Such an update is read here directly; any other goes through PTB's full reading
# (Update.de_json: a fifth of the web process's CPU for each Telegram message), which checks
# everything deeper in it and refuses what it cannot read.
_PLAIN_MESSAGE = frozenset({"message_id", "from", "chat", "date", "text"})
_PLAIN_CHAT = {"id": int, "type": str, "first_name": str, "last_name": str, "username": str}
_PLAIN_SENDER = {
    "id": int,
    "is_bot": bool,
    "first_name": str,
    "last_name": str,
    "username": str,
    "language_code": str,
    "is_premium": bool,
}


def _plain_text_message(data: dict[str, Any]) -> InboundMessage | None:
    """The message of an update that is a plain text message (after `_check_shape`) and holds
    nothing PTB would read differently; None for any other update (PTB reads it)."""
    message = data.get("message")
    if data.keys() != {"update_id", "message"} or not isinstance(message, dict):
        return None
    if not message.keys() <= _PLAIN_MESSAGE or type(message.get("message_id")) is not int:
        return None
    chat, sender = message["chat"], message.get("from")
    if type(message.get("text")) is not str or not isinstance(sender, dict):
        return None
    if not _fields_are(chat, _PLAIN_CHAT) or not _fields_are(sender, _PLAIN_SENDER):
        return None
    if "is_bot" not in sender or "first_name" not in sender:  # PTB requires them
        return None
    if chat["type"] != "private":
        return None  # as for any other update: not a person's own chat
    return InboundMessage(
        channel=Channel.TELEGRAM,
        address=str(chat["id"]),
        text=message["text"],
        provider_id=str(data["update_id"]),
        has_media=False,
        language_hint=sender.get("language_code"),
    )


def _fields_are(given: dict[str, Any], types: dict[str, type]) -> bool:
    """Every field of `given` is one of `types`' and of its type (exactly: True is no int)."""
    return all(type(value) is types.get(name) for name, value in given.items())


def _is_telegram_id(value: object) -> bool:
    """Telegram ids are integers that fit in 64 bits."""
    return type(value) is int and -(2**63) <= value < 2**63


def _check_shape(data: dict[str, Any]) -> None:
    """Refuse what Telegram never sends before PTB reads it (ValueError)."""
    if not _is_telegram_id(data.get("update_id")):
        raise ValueError("update_id is not a Telegram id")
    message = data.get("message")
    if message is None:
        return
    if not isinstance(message, dict):
        raise ValueError("message is not an object")
    chat = message.get("chat")
    if not isinstance(chat, dict) or not _is_telegram_id(chat.get("id")):
        raise ValueError("message.chat.id is not a Telegram id")
    if type(chat.get("type")) is not str:
        raise ValueError("message.chat.type is not text")
    date = message.get("date")
    if type(date) is not int or not 0 <= date <= MAX_DATE:
        raise ValueError("message.date is not a Unix time")
    for name in ("text", "caption"):
        if name in message and not isinstance(message[name], str):
            raise ValueError(f"message.{name} is not text")
    sender = message.get("from")
    if sender is None:
        return
    if not isinstance(sender, dict) or not _is_telegram_id(sender.get("id")):
        raise ValueError("message.from.id is not a Telegram id")
    language = sender.get("language_code")
    if language is not None and (type(language) is not str or len(language) > 35):
        raise ValueError("message.from.language_code is not a language tag")
