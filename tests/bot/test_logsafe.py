"""No secret in any log line: a real `quitbot serve` at DEBUG, talking to fake Telegram and Twilio
on loopback, and the redacting filter on its own."""

from __future__ import annotations

import base64
import logging
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine
from twilio.request_validator import RequestValidator

from bot.app import create_app
from bot.channels.base import InboundMessage
from bot.logsafe import REDACTED, Redactor, RedactSecrets, install
from bot.services import build_services
from bot.settings import Settings
from flows import Channel
from scheduler import ManualClock
from tests.bot.helpers import messages
from tests.fakes import telegram_fake, twilio_fake
from tests.fakes.loopback import serve
from tests.live import free_port, start_serve

WEBHOOK_SECRET = "webhook-Secret_9f8e7d"
CHAT = 987654321
NURSE = "+447700900123"


def _until(check: Callable[[], bool], within: float = 10) -> None:
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            pytest.fail("timed out waiting for the conversation")
        time.sleep(0.05)


def _converse_by_sms(base: str, twilio: twilio_fake.FakeTwilio) -> None:
    validator = RequestValidator(twilio_fake.AUTH_TOKEN)
    with httpx.Client(base_url=base, timeout=10) as client:
        for number, text in enumerate(["Hi", "yes", "34"]):
            form = {"MessageSid": f"SM{number:032d}", "From": NURSE, "Body": text}
            url = f"{base}/webhooks/twilio/sms"
            signature = validator.compute_signature(url, form)
            answer = client.post(
                "/webhooks/twilio/sms", data=form, headers={"X-Twilio-Signature": signature}
            )
            assert answer.status_code == 200
            _until(lambda n=number: len(twilio.sent) >= n + 2)
        status = {"MessageSid": twilio.sent[0]["Sid"], "MessageStatus": "delivered"}
        signature = validator.compute_signature(f"{base}/webhooks/twilio/status", status)
        answer = client.post(
            "/webhooks/twilio/status", data=status, headers={"X-Twilio-Signature": signature}
        )
        assert answer.status_code == 204
    assert twilio.bodies()[-1].startswith("Do you work for the NHS?")


def _update(update_id: int, text: str) -> dict[str, object]:
    person = {"id": CHAT, "is_bot": False, "first_name": "Sam", "language_code": "en"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_795_000_000,
            "text": text,
            "from": person,
            "chat": {"id": CHAT, "type": "private", "first_name": "Sam"},
        },
    }


def _converse_by_telegram(base: str, telegram: telegram_fake.FakeTelegram) -> None:
    with httpx.Client(base_url=base, timeout=10) as client:
        for update_id, text in enumerate(["/start", "yes", "34"], start=1):
            answer = client.post(
                "/webhooks/telegram",
                json=_update(update_id, text),
                headers={"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET},
            )
            assert answer.status_code == 200
            _until(lambda n=update_id: len(telegram.texts()) >= n + 1)
        assert client.post("/webhooks/telegram", json=_update(9, "hi")).status_code == 403
    assert telegram.texts()[-1].startswith("Do you work for the NHS?")


def _converse_by_web_chat(base: str) -> str:
    """A web chat visit with one message sent twice; returns the session cookie."""
    with httpx.Client(base_url=base, timeout=10) as client:
        assert client.get("/chat/").status_code == 200
        for _ in range(2):
            sent = client.post("/chat/api/messages", json={"text": "hi", "id": "m1"})
            assert sent.status_code == 202
        _until(lambda: len(client.get("/chat/api/messages").json()["messages"]) >= 3)
        return str(client.cookies["quitbot_chat"])


def test_a_whole_conversation_at_debug_logs_no_secret(tmp_path: Path) -> None:
    telegram, twilio = telegram_fake.FakeTelegram(), twilio_fake.FakeTwilio()
    with serve(telegram.app()) as telegram_base, serve(twilio.app()) as twilio_base:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log_file = tmp_path / "serve.log"
        process = start_serve(
            tmp_path,
            port,
            output=log_file,
            env={
                "QUITBOT_LOG_LEVEL": "DEBUG",
                "QUITBOT_PUBLIC_URL": base,
                "TELEGRAM_BOT_TOKEN": telegram_fake.TOKEN,
                "TELEGRAM_WEBHOOK_SECRET": WEBHOOK_SECRET,
                "QUITBOT_TELEGRAM_API_BASE": telegram_base,
                "TWILIO_ACCOUNT_SID": twilio_fake.ACCOUNT_SID,
                "TWILIO_AUTH_TOKEN": twilio_fake.AUTH_TOKEN,
                "TWILIO_FROM_NUMBER": twilio_fake.FROM_NUMBER,
                "QUITBOT_TWILIO_API_BASE": twilio_base,
            },
        )
        try:
            _converse_by_telegram(base, telegram)
            _converse_by_sms(base, twilio)
            chat_session = _converse_by_web_chat(base)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=20)
    log = log_file.read_text()
    basic = f"{twilio_fake.ACCOUNT_SID}:{twilio_fake.AUTH_TOKEN}".encode()
    secrets = {
        "the bot token": telegram_fake.TOKEN,
        "the bot token's secret half": telegram_fake.TOKEN.split(":")[1],
        "the webhook secret": WEBHOOK_SECRET,
        "the Twilio auth token": twilio_fake.AUTH_TOKEN,
        "the Twilio basic credentials": base64.b64encode(basic).decode(),
        "the secret key": (tmp_path / "var" / "secret_key").read_text().strip(),
        "the web chat session": chat_session,
    }
    for what, secret in secrets.items():
        assert secret not in log, f"{what} is in the log"
    # Still a useful log: the libraries spoke at DEBUG, and each Bot API call can be followed.
    assert " DEBUG telegram" in log and " DEBUG bot.channels.telegram_request" in log
    assert "Application startup complete" in log  # uvicorn's own lines
    assert 'POST /webhooks/telegram HTTP/1.1" 403' in log
    assert f"/bot{REDACTED}/sendMessage" in log
    assert f"/bot{REDACTED}/getMe" in log
    assert "duplicate web message ignored" in log
    assert "Traceback" not in log


# The filter on its own: what it redacts, and that a record stays readable.

TOKEN = "7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0"
SETTINGS = Settings.from_env(
    {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_WEBHOOK_SECRET": "hook/secret+value",
        "TWILIO_ACCOUNT_SID": "AC" + "1" * 32,
        "TWILIO_AUTH_TOKEN": "twilio-auth-0123",
        "QUITBOT_SECRET_KEY": "the-secret-key-xyz",
        "QUITBOT_DATABASE_URL": "postgresql+psycopg://quitbot:db-Pa55word@db.internal/quitbot",
    },
    dotenv=None,
)


@pytest.fixture
def logged() -> Iterator[tuple[logging.Logger, list[str]]]:
    """A logger whose handler keeps each formatted line, with the filter from these settings."""
    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(self.format(record))

    handler = Keep()
    handler.addFilter(RedactSecrets(Redactor.for_settings(SETTINGS)))
    logger = logging.getLogger("tests.logsafe")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    yield logger, lines
    logger.removeHandler(handler)


@pytest.mark.parametrize(
    ("message", "args", "still_says"),
    [
        ("HTTP Request: POST %s", (f"https://api.telegram.org/bot{TOKEN}/sendMessage",), "/bot"),
        ("token %r", (TOKEN.split(":")[1],), "token"),
        ("webhook %s", ("/hook?s=hook%2Fsecret%2Bvalue",), "webhook"),
        ("webhook %s", ("hook/secret+value",), "webhook"),
        ("auth %s", ("twilio-auth-0123",), "auth"),
        ("key=%(key)s", ({"key": "the-secret-key-xyz"},), "key="),
        (
            "db %s",
            ("postgresql+psycopg://quitbot:db-Pa55word@db.internal/quitbot",),
            "db.internal",
        ),
    ],
)
def test_known_secrets_are_redacted_from_the_formatted_message(
    logged: tuple[logging.Logger, list[str]], message: str, args: tuple[object], still_says: str
) -> None:
    logger, lines = logged
    logger.info(message, *args)
    assert REDACTED in lines[0]
    assert still_says in lines[0]
    for secret in (TOKEN.split(":")[1], "hook/secret", "hook%2Fsecret", "twilio-auth-0123"):
        assert secret not in lines[0]
    assert "the-secret-key-xyz" not in lines[0] and "db-Pa55word" not in lines[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "GET https://api.telegram.org/bot5555555:other-Bots_token/getMe",
            f"GET https://api.telegram.org/bot{REDACTED}/getMe",
        ),
        (
            "file https://api.telegram.org/file/bot42:ABC/photo.jpg",
            f"file https://api.telegram.org/file/bot{REDACTED}/photo.jpg",
        ),
        ("leaked 123456789:AAEhBP0av28GXJ9UuK_mF7aEk3rBnf0WsFg here", f"leaked {REDACTED} here"),
        (
            "Cookie: quitbot_chat=abcdefghijklmnop1234; x=1",
            f"Cookie: quitbot_chat={REDACTED}; x=1",
        ),
        ("postgresql://someone:hunter22@db/q", f"postgresql://someone:{REDACTED}@db/q"),
        ("Authorization: Basic QUM6c2VjcmV0c2VjcmV0", f"Authorization: Basic {REDACTED}"),
        ("Authorization: Bearer abcdefghijkl", f"Authorization: Bearer {REDACTED}"),
        ("nothing secret at 12:30, bot 3 of 4", "nothing secret at 12:30, bot 3 of 4"),
    ],
)
def test_secret_shapes_are_redacted_even_when_not_configured(text: str, expected: str) -> None:
    assert Redactor()(text) == expected


def test_the_twilio_basic_credentials_are_redacted() -> None:
    basic = base64.b64encode(f"{'AC' + '1' * 32}:twilio-auth-0123".encode()).decode()
    assert Redactor.for_settings(SETTINGS)(f"creds {basic}") == f"creds {REDACTED}"


def test_exception_text_is_redacted(logged: tuple[logging.Logger, list[str]]) -> None:
    logger, lines = logged
    try:
        raise ConnectionError(f"cannot reach https://api.telegram.org/bot{TOKEN}/sendMessage")
    except ConnectionError:
        logger.exception("sender for %s raised", "telegram")
    assert "Traceback" in lines[0]
    assert f"/bot{REDACTED}/sendMessage" in lines[0]
    assert TOKEN not in lines[0] and TOKEN.split(":")[1] not in lines[0]


def test_a_record_without_secrets_is_left_as_it_was(
    logged: tuple[logging.Logger, list[str]],
) -> None:
    logger, lines = logged
    record = logger.makeRecord(
        "tests.logsafe", logging.INFO, "f", 1, "sent %d of %s", (3, "x"), None
    )
    logger.handle(record)
    assert record.args == (3, "x") and lines == ["sent 3 of x"]


def test_uvicorn_access_lines_are_redacted_and_still_formatted() -> None:
    """uvicorn's access formatter reads the record's arguments: they are redacted in place."""
    import uvicorn

    uvicorn.Config(app=lambda: None, log_level="info")  # builds uvicorn's handlers
    install(Redactor.for_settings(SETTINGS))
    access = logging.getLogger("uvicorn.access")
    try:
        (handler,) = access.handlers
        assert any(isinstance(f, RedactSecrets) for f in handler.filters)
        record = access.makeRecord(
            "uvicorn.access",
            logging.INFO,
            "h",
            1,
            '%s - "%s %s HTTP/%s" %d',
            ("127.0.0.1:5", "GET", f"/x?t={TOKEN}", "1.1", 200),
            None,
        )
        handler.filter(record)
        line = handler.format(record)
        assert TOKEN not in line and f"/x?t={REDACTED}" in line and "200 OK" in line
        install(Redactor())  # again: the handler's filter is replaced, not doubled
        assert sum(isinstance(f, RedactSecrets) for f in handler.filters) == 1
    finally:
        loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
        for logger in loggers:
            for each in getattr(logger, "handlers", []):
                for old in [f for f in each.filters if isinstance(f, RedactSecrets)]:
                    each.removeFilter(old)


async def test_a_rejected_bot_token_is_neither_logged_nor_stored(
    engine: Engine,
    clock: ManualClock,
    fake_telegram: tuple[telegram_fake.FakeTelegram, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The Telegram library puts a rejected token in its error message."""
    wrong = "999999:wrong-Token_value"
    settings = Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": wrong,
            "TELEGRAM_WEBHOOK_SECRET": WEBHOOK_SECRET,
            "QUITBOT_TELEGRAM_API_BASE": fake_telegram[1],
        },
        dotenv=None,
    )
    services = build_services(settings, engine=engine, clock=clock)
    redacting = RedactSecrets(Redactor.for_settings(settings))
    caplog.handler.addFilter(redacting)
    try:
        with caplog.at_level(logging.DEBUG):
            app = create_app(services)
            async with app.router.lifespan_context(app):  # getMe fails at start
                await services.runner.receive(InboundMessage(Channel.TELEGRAM, str(CHAT), "hi"))
                await services.dispatcher.flush()
    finally:
        caplog.handler.removeFilter(redacting)
    stored = [m.error for m in messages(engine) if m.direction == "out"]
    # The first reply failed on the token; those behind it wait their turn (one person's
    # messages leave in order), so only tried ones carry an error.
    assert stored and stored[0] and "bot token was rejected" in stored[0]
    assert all("bot token was rejected" in e for e in stored if e)
    assert "could not reach the Bot API at start" in caplog.text
    assert "`[redacted]` was rejected" in caplog.text
    for secret in (wrong, wrong.split(":")[1]):
        assert secret not in caplog.text
        assert not any(secret in (e or "") for e in stored)
