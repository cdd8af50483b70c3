"""LINK across the three channels, end to end: SMS through the real twilio client to a fake
Twilio, Telegram through python-telegram-bot to a fake Bot API, and the web chat's own API.
A person moves between them without starting again."""

from __future__ import annotations

import itertools
import re
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from flows import Channel
from messages import catalog as m
from storage import participants
from tests.bot.providers import Provider
from tests.fakes.twilio_fake import FROM_NUMBER

REGISTER = [
    *("hi", "yes", "35", "yes", "yes", "no", "nurse", "skip", "skip", "skip", "6"),
    *("20", "1", "2", "4", "1", "thursday", "yes"),
]
PHONE = "+447700900123"
CHAT = 987654321
CODE = re.compile(r"LINK code is ([A-Z0-9]{6})")
_ids = itertools.count(1)


async def sms(provider: Provider, *texts: str) -> None:
    for text in texts:
        params = {
            "MessageSid": f"SM{next(_ids):06d}",
            "From": PHONE,
            "To": FROM_NUMBER,
            "Body": text,
            "NumMedia": "0",
        }
        assert (await provider.sms(params)).status_code == 200
    await provider.flush()


async def telegram(provider: Provider, *texts: str) -> None:
    for text in texts:
        n = next(_ids)
        user = {"id": CHAT, "is_bot": False, "first_name": "Sam", "language_code": "en"}
        message: dict[str, Any] = {
            "message_id": n,
            "date": 1_795_000_000,
            "text": text,
            "from": user,
            "chat": {"id": CHAT, "type": "private", "first_name": "Sam"},
        }
        assert (await provider.update({"update_id": n, "message": message})).status_code == 200
    await provider.flush()


async def web(provider: Provider, *texts: str) -> None:
    if "quitbot_chat" not in provider.client.cookies:
        assert (await provider.client.get("/chat/")).status_code == 200
    for text in texts:
        response = await provider.client.post("/chat/api/messages", json={"text": text})
        assert response.status_code == 202
    await provider.flush()


async def web_shown(provider: Provider) -> list[str]:
    response = await provider.client.get("/chat/api/messages", params={"after": 0})
    return [m["text"] for m in response.json()["messages"] if m["from"] == "quitbot"]


def code_in(texts: list[str]) -> str:
    found = CODE.search(texts[-1])
    assert found is not None, texts[-1]
    return found.group(1)


def person(engine: Engine, channel: Channel, address: str) -> int | None:
    with Session(engine) as session:
        return participants.find_by_address(
            session=session, channel=channel.value, address=address
        )


async def test_from_the_web_chat_to_sms(provider: Provider, engine: Engine) -> None:
    await web(provider, *REGISTER, "LINK")
    code = code_in(await web_shown(provider))
    await sms(provider, code)
    assert provider.twilio.bodies() == [m.LINK_JOINED_HERE.text]
    assert provider.twilio.sent[0]["To"] == PHONE
    shown = await web_shown(provider)
    assert shown[-1].startswith("You're now on text messages (SMS) too")
    (chat_id,) = [v for k, v in provider.client.cookies.items() if k == "quitbot_chat"]
    assert person(engine, Channel.SMS, PHONE) == person(engine, Channel.WEB, chat_id)

    # Now by text: craving help comes by SMS, and nothing more appears in the web chat.
    await sms(provider, "CRAVE")
    assert len(provider.twilio.sent) == 2
    assert await web_shown(provider) == shown
    # A crisis from the new channel is screened as ever, and answered there.
    await sms(provider, "I took all my tablets, I want to die")
    assert any("999" in body for body in provider.twilio.bodies()[2:])


async def test_from_sms_to_telegram_and_stop_on_sms(provider: Provider, engine: Engine) -> None:
    await sms(provider, *REGISTER, "LINK")
    code = code_in(provider.twilio.bodies())
    await telegram(provider, f"LINK {code}")
    assert provider.telegram.texts(CHAT) == [m.LINK_JOINED_HERE.text]
    assert provider.twilio.bodies()[-1] == (
        "You're now on Telegram too: I'll reply wherever you last wrote to me. Not you? Text "
        "ADVISOR."
    )
    assert person(engine, Channel.TELEGRAM, str(CHAT)) == person(engine, Channel.SMS, PHONE)

    # STOP by SMS stops the person (the carrier has stopped the number): nothing by SMS, and
    # Telegram says messages are stopped until START.
    texts_before = len(provider.twilio.sent)
    await sms(provider, "STOP")
    assert len(provider.twilio.sent) == texts_before  # the carrier answers STOP itself
    await telegram(provider, "hi")
    assert provider.telegram.texts(CHAT)[-1] == m.STOPPED_REMINDER.text
    await telegram(provider, "START")
    assert provider.telegram.texts(CHAT)[-2] == m.STARTED_AGAIN.text
    assert len(provider.twilio.sent) == texts_before


async def test_from_telegram_to_the_web_chat(provider: Provider, engine: Engine) -> None:
    await telegram(provider, *REGISTER, "LINK")
    code = code_in(provider.telegram.texts(CHAT))
    await web(provider, code)
    assert await web_shown(provider) == [m.LINK_JOINED_HERE.text]
    assert provider.telegram.texts(CHAT)[-1].startswith("You're now on the web chat too")
    (chat_id,) = [v for k, v in provider.client.cookies.items() if k == "quitbot_chat"]
    assert person(engine, Channel.WEB, chat_id) == person(engine, Channel.TELEGRAM, str(CHAT))
    # The web chat carries on the same conversation: NEXT knows the plan made on Telegram.
    await web(provider, "NEXT")
    assert (await web_shown(provider))[-1].startswith("My next message is planned")
    sent_on_telegram = len(provider.telegram.sent)
    await web(provider, "CRAVE")
    assert len(provider.telegram.sent) == sent_on_telegram


async def test_a_wrong_code_in_a_new_web_chat_starts_nothing(
    provider: Provider, engine: Engine
) -> None:
    await telegram(provider, *REGISTER, "LINK")
    await web(provider, "ZZ22ZZ")
    assert await web_shown(provider) == [m.LINK_WRONG.text]
    (chat_id,) = [v for k, v in provider.client.cookies.items() if k == "quitbot_chat"]
    assert person(engine, Channel.WEB, chat_id) != person(engine, Channel.TELEGRAM, str(CHAT))


async def test_a_second_web_chat_shows_only_its_own_messages(
    provider: Provider, engine: Engine
) -> None:
    import httpx

    from bot.app import create_app

    await web(provider, *REGISTER, "LINK")
    code = code_in(await web_shown(provider))
    transport = httpx.ASGITransport(app=create_app(provider.services))
    async with httpx.AsyncClient(transport=transport, base_url=provider.client.base_url) as other:
        assert (await other.get("/chat/")).status_code == 200
        assert (await other.post("/chat/api/messages", json={"text": code})).status_code == 202
        await provider.flush()
        response = await other.get("/chat/api/messages", params={"after": 0})
        shown = [(m["from"], m["text"]) for m in response.json()["messages"]]
    assert shown == [("you", code), ("quitbot", m.LINK_JOINED_HERE.text)]
    assert (await web_shown(provider))[-1].startswith("You're now on the web chat too")
