"""Telegram end to end: updates in with the secret token, python-telegram-bot out to a fake API."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine

from bot.dispatcher import BACKOFF
from flows import Channel
from tests.bot.helpers import conversation_of, messages
from tests.bot.providers import SECRET, Provider

CHAT = 987654321


def update(
    text: str,
    update_id: int = 1,
    *,
    language: str = "en",
    chat_type: str = "private",
    kind: str = "message",
    **extra: Any,
) -> dict[str, Any]:
    user = {"id": CHAT, "is_bot": False, "first_name": "Sam", "language_code": language}
    message = {
        "message_id": update_id,
        "date": 1_795_000_000,
        "text": text,
        "from": user,
        "chat": {"id": CHAT, "type": chat_type, "first_name": "Sam"},
        **extra,
    }
    return {"update_id": update_id, kind: message}


async def test_a_first_message_is_answered_through_send_message(provider: Provider) -> None:
    response = await provider.update(update("/start"))
    assert response.status_code == 200
    await provider.flush()
    texts = provider.telegram.texts(CHAT)
    assert len(texts) == 2
    assert texts[0].startswith("Hi, this is quitbot")


@pytest.mark.parametrize("secret", [None, "", "wrong-secret"])
async def test_a_missing_or_wrong_secret_is_refused(
    provider: Provider, engine: Engine, secret: str | None
) -> None:
    response = await provider.update(update("hi"), secret=secret)
    assert response.status_code == 403
    assert messages(engine) == []


async def test_a_repeated_update_is_processed_once(provider: Provider, engine: Engine) -> None:
    for _ in range(3):
        assert (await provider.update(update("hi", update_id=77))).status_code == 200
    await provider.flush()
    assert len(provider.telegram.texts()) == 2
    assert sum(1 for m in messages(engine) if m.direction == "in") == 1


@pytest.mark.parametrize(
    "data",
    [
        update("hi", kind="edited_message"),
        update("hi", chat_type="group"),
        update("hi", kind="channel_post"),
        {"update_id": 5},
    ],
)
async def test_other_updates_are_acknowledged_but_not_answered(
    provider: Provider, engine: Engine, data: dict[str, Any]
) -> None:
    assert (await provider.update(data)).status_code == 200
    await provider.flush()
    assert provider.telegram.texts() == []
    assert messages(engine) == []


async def test_a_person_who_blocked_the_bot_is_opted_out(
    provider: Provider, engine: Engine
) -> None:
    provider.telegram.fail_next(403, "Forbidden: bot was blocked by the user")
    await provider.update(update("hi"))
    await provider.flush()
    outbound = [m for m in messages(engine) if m.direction == "out"]
    assert outbound[0].status == "failed"
    conversation, _ = conversation_of(engine, Channel.TELEGRAM, str(CHAT))
    assert conversation.opted_out


async def test_flood_control_is_retried_later(provider: Provider, engine: Engine) -> None:
    provider.telegram.fail_next(
        429, "Too Many Requests: retry after 1", parameters={"retry_after": 1}
    )
    await provider.update(update("hi"))
    await provider.flush()
    provider.services.clock.advance(BACKOFF[0] + timedelta(seconds=1))  # type: ignore[attr-defined]
    await provider.flush()
    assert len(provider.telegram.texts()) == 2
    assert {m.status for m in messages(engine) if m.direction == "out"} == {"sent"}


async def test_a_welsh_telegram_app_gets_welsh(provider: Provider, engine: Engine) -> None:
    await provider.update(update("/start", language="cy"))
    await provider.flush()
    conversation, _ = conversation_of(engine, Channel.TELEGRAM, str(CHAT))
    assert conversation.locale == "cy"
    assert provider.telegram.texts()[0].startswith("Helo, quitbot sydd yma")


async def test_a_photo_with_a_caption_is_read(provider: Provider) -> None:
    data = update(
        "",
        photo=[{"file_id": "x", "file_unique_id": "y", "width": 1, "height": 1}],
        caption="CYMRAEG",
    )
    del data["message"]["text"]
    await provider.update(data)
    await provider.flush()
    assert provider.telegram.texts()[0].startswith("Helo, quitbot sydd yma")


@pytest.mark.parametrize(
    ("content", "content_type", "status"),
    [
        (b'{"update_id": 1', "application/json", 400),
        (b"[1, 2]", "application/json", 400),
        (b'{"update_id": "1"}', "application/json", 400),
        (b'{"update_id": 1, "message": {"chat": 5}}', "application/json", 400),
        (b"update_id=1", "application/x-www-form-urlencoded", 415),
        (b'{"update_id": 1, "pad": "' + b"x" * 70_000 + b'"}', "application/json", 413),
    ],
)
async def test_malformed_updates_get_a_4xx(
    provider: Provider, engine: Engine, content: bytes, content_type: str, status: int
) -> None:
    response = await provider.client.post(
        "/webhooks/telegram",
        content=content,
        headers={
            "content-type": content_type,
            "X-Telegram-Bot-Api-Secret-Token": "s3cret-Token_1",
        },
    )
    assert response.status_code == status
    assert messages(engine) == []


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            b'{"update_id": 9, "message": {"message_id": 1, "date": 1e20, '
            b'"chat": {"id": 5, "type": "private"}, "text": "hi"}}',
            "date",
        ),
        (
            b'{"update_id": 9, "message": {"message_id": 1, "date": Infinity, '
            b'"chat": {"id": 5, "type": "private"}, "text": "hi"}}',
            "JSON",
        ),
        (
            b'{"update_id": 9, "message": {"message_id": 1, "date": 1795000000, '
            b'"chat": {"id": 5, "type": "private"}, "text": "hi", '
            b'"from": {"id": 5, "is_bot": false, "first_name": "S", "language_code": 7}}}',
            "language_code",
        ),
        (
            b'{"update_id": 9, "message": {"message_id": 1, "date": 1795000000, '
            b'"chat": {"id": 5, "type": "private"}, "text": "hi", "reply_to_message": '
            b'{"message_id": 2, "date": 1e300, "chat": {"id": 5, "type": "private"}}}}',
            "update",
        ),
    ],
)
async def test_impossible_values_in_an_update_get_a_clear_400(
    provider: Provider, engine: Engine, content: bytes, reason: str
) -> None:
    response = await provider.client.post(
        "/webhooks/telegram",
        content=content,
        headers={"content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET},
    )
    assert response.status_code == 400
    assert reason in response.json()["error"]
    assert messages(engine) == []
    # The same chat's next real message is taken as usual: nothing was half-stored.
    assert (await provider.update(update("hi", update_id=10))).status_code == 200
    await provider.services.ingress.drain()
    assert [m.body for m in messages(engine) if m.direction == "in"] == ["hi"]
