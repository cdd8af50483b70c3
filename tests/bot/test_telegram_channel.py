"""Telegram webhook hardening: odd but authenticated updates get a 2xx or 4xx, never a 500.

Deep nesting, wrong types and ids that are not Telegram's are refused with 400 at the edge;
NUL and broken UTF-16 in text are made storable by the runner, for every channel.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.bot.helpers import messages
from tests.bot.providers import SECRET, Provider

CHAT = 555000111
ALL = frozenset({"sqlite", "postgresql"})
PG = frozenset({"postgresql"})


def message_update(update_id: int = 1, chat_id: Any = CHAT, **message: Any) -> dict[str, Any]:
    body = {
        "message_id": 1,
        "date": 1_795_000_000,
        "chat": {"id": chat_id, "type": "private"},
        "text": "hi",
        **message,
    }
    return {"update_id": update_id, "message": body}


async def post(provider: Provider, content: bytes) -> int:
    response = await provider.client.post(
        "/webhooks/telegram",
        content=content,
        headers={"content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET},
    )
    return response.status_code


@pytest.mark.parametrize(
    ("content", "failing"),
    [
        pytest.param(b"[" * 30_000 + b"]" * 30_000, ALL, id="deeply-nested-array"),
        pytest.param(
            b'{"update_id": 1, "message": ' + b"[" * 20_000 + b"]" * 20_000 + b"}",
            ALL,
            id="deeply-nested-message",
        ),
        pytest.param(json.dumps(message_update(text=5)).encode(), ALL, id="text-not-a-string"),
        pytest.param(
            json.dumps(message_update(text="\ud800")).encode(), ALL, id="lone-surrogate-text"
        ),
        pytest.param(json.dumps(message_update(text="a\x00b")).encode(), PG, id="nul-in-text"),
        pytest.param(
            json.dumps(message_update(update_id=int("9" * 200))).encode(),
            PG,
            id="update-id-longer-than-the-column",
        ),
        pytest.param(
            json.dumps(message_update(chat_id=int("9" * 200))).encode(),
            PG,
            id="chat-id-longer-than-the-column",
        ),
    ],
)
async def test_odd_updates_never_answer_500(
    provider: Provider,
    engine: Engine,
    content: bytes,
    failing: frozenset[str],
) -> None:
    status = await post(provider, content)
    assert status < 500
    if status >= 400:
        assert messages(engine) == []


async def test_a_chat_id_that_is_not_a_number_is_refused(
    provider: Provider, engine: Engine
) -> None:
    status = await post(provider, json.dumps(message_update(chat_id="abc")).encode())
    assert status == 400
    assert messages(engine) == []


async def test_the_bot_still_answers_after_odd_updates(provider: Provider) -> None:
    for content in (b"[1]", b'{"update_id": true}', json.dumps(message_update(date="x")).encode()):
        assert await post(provider, content) == 400
    assert await post(provider, json.dumps(message_update(update_id=9)).encode()) == 200
    await provider.flush()
    assert len(provider.telegram.texts(CHAT)) == 2
