"""No secret in any log line: a logging filter that redacts secrets from every record.

The filter sits on the handlers (root's, and any logger's own, such as uvicorn's), so it sees
every record that is written, from every library, at every level. It redacts:

- the known secret values from settings (the Telegram bot token, the Telegram webhook secret,
  the Twilio auth token, the secret key, the database password), as they are and as they look
  inside a URL or a Basic authorization header;
- anything shaped like a Telegram bot token in a Bot API path (`/bot<digits>:<token>/...`);
- quitbot's cookies (`quitbot_...=value`), the password in a URL (`scheme://user:pass@host`),
  and `Basic`/`Bearer` credentials.

It works on the formatted message (so secrets in `%s` arguments are caught), the exception text
and the stack text. Web chat session ids are not known in advance: code must not log them (the
runner logs no web chat provider id); a cookie that does reach a log line is redacted.
"""

from __future__ import annotations

import base64
import logging
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, quote_plus

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.settings import Settings

REDACTED = "[redacted]"
MIN_SECRET = 4  # shorter values cannot be told apart from ordinary text

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # A Telegram Bot API path: https://api.telegram.org/bot123456:ABC-def/sendMessage
    (re.compile(r"(/(?:file/)?bot)\d+:[A-Za-z0-9_-]+"), rf"\1{REDACTED}"),
    # A bare Telegram bot token anywhere (digits, a colon, 35 URL-safe characters).
    (re.compile(r"\b\d{5,}:[A-Za-z0-9_-]{30,}"), REDACTED),
    # quitbot's own cookies (the web chat session now, console sessions later).
    (re.compile(r"\b(quitbot_[a-z_]+=)[^;,\s'\"]+"), rf"\1{REDACTED}"),
    # A password in a URL: postgresql+psycopg://user:password@host/db
    (re.compile(r"(\b[a-z][a-z0-9+.-]*://[^:/@\s]+:)[^@/\s]+@", re.IGNORECASE), rf"\1{REDACTED}@"),
    # Credentials in an Authorization header.
    (re.compile(r"\b((?:Basic|Bearer)\s+)[A-Za-z0-9+/=._~-]{8,}"), rf"\1{REDACTED}"),
)


class Redactor:
    """Replaces known secrets and secret-shaped text with `[redacted]`."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        values: set[str] = set()
        for secret in secrets:
            if secret and len(secret) >= MIN_SECRET:
                values.update({secret, quote(secret, safe=""), quote(secret), quote_plus(secret)})
        # Longest first, so a token is replaced whole before any part of it.
        ordered = sorted(values, key=len, reverse=True)
        self._known = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    @classmethod
    def for_settings(cls, settings: Settings) -> Redactor:
        """A redactor for every secret these settings hold."""
        secrets: list[str | None] = [
            settings.telegram_bot_token,
            settings.telegram_webhook_secret,
            settings.twilio_auth_token,
            settings.secret_key,
            _database_password(settings.database_url),
        ]
        token = settings.telegram_bot_token or ""
        secrets.append(token.partition(":")[2])  # the token's secret half on its own
        if settings.twilio_account_sid and settings.twilio_auth_token:
            pair = f"{settings.twilio_account_sid}:{settings.twilio_auth_token}"
            secrets.append(base64.b64encode(pair.encode()).decode())  # Basic auth
        return cls(secrets)

    def __call__(self, text: str) -> str:
        """`text` with every secret in it redacted."""
        if self._known is not None:
            text = self._known.sub(REDACTED, text)
        for pattern, replacement in _PATTERNS:
            text = pattern.sub(replacement, text)
        return text


class RedactSecrets(logging.Filter):
    """A handler filter: rewrites each record so that no secret reaches the output."""

    def __init__(self, redact: Redactor) -> None:
        super().__init__("quitbot.logsafe")
        self.redact = redact

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the message (with its arguments), exception and stack; never drops a record."""
        try:
            message = record.getMessage()
        except Exception:  # arguments that do not fit the format: show both, redacted
            message = f"{record.msg!s} {record.args!r}"
        safe = self.redact(message)
        if safe != message:
            record.msg, record.args = self._redacted_parts(record, safe)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True

    def _redacted_parts(self, record: logging.LogRecord, safe: str) -> tuple[object, Any]:
        """The format and arguments redacted one by one when that is enough (formatters such
        as uvicorn's access log read the arguments), else the whole redacted message."""
        args = record.args
        if isinstance(record.msg, str) and isinstance(args, tuple):
            parts = tuple(self.redact(a) if isinstance(a, str) else a for a in args)
            msg = self.redact(record.msg)
            try:
                if msg % parts == safe:
                    return msg, parts
            except (TypeError, ValueError):
                pass
        return safe, None


def install(redact: Redactor) -> RedactSecrets:
    """Put a `RedactSecrets` filter on every handler there is now (root's and each logger's).

    Call it again after something adds handlers (a new secret key, say): a handler's older
    `RedactSecrets` filter is replaced, never doubled.
    """
    chosen = RedactSecrets(redact)
    loggers: list[logging.Logger] = [logging.getLogger()]
    loggers += [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    for logger in loggers:
        for handler in logger.handlers:
            for old in [f for f in handler.filters if isinstance(f, RedactSecrets)]:
                handler.removeFilter(old)
            handler.addFilter(chosen)
    return chosen


def _database_password(url: str) -> str | None:
    try:
        return make_url(url).password
    except ArgumentError:
        return None
