"""Quick replies on Telegram: python-telegram-bot sends reply keyboards to a fake Bot API.

A question with set answers shows them as a keyboard that folds away after a tap; a reply to
the person's answer that asks nothing takes the keyboard away. SMS keeps its numbered text.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from flows import Channel, Stage
from tests.bot.helpers import conversation_of
from tests.bot.providers import Provider
from tests.bot.test_sms import inbound
from tests.bot.test_telegram import CHAT, update

REMOVE = {"remove_keyboard": True}


def keyboard(*rows: list[str]) -> dict[str, Any]:
    return {
        "keyboard": [[{"text": label} for label in row] for row in rows],
        "one_time_keyboard": True,
        "resize_keyboard": True,
    }


class Chat:
    """One person on Telegram: what they send, and what the bot sent back each time."""

    def __init__(self, provider: Provider, language: str = "en") -> None:
        self.provider = provider
        self.language = language
        self.next_id = 1

    async def send(self, text: str) -> list[tuple[str, dict[str, Any] | None]]:
        before = len(self.provider.telegram.texts(CHAT))
        response = await self.provider.update(
            update(text, update_id=self.next_id, language=self.language)
        )
        assert response.status_code == 200
        self.next_id += 1
        await self.provider.flush()
        texts = self.provider.telegram.texts(CHAT)[before:]
        markups = self.provider.telegram.markups(CHAT)[before:]
        return list(zip(texts, markups, strict=True))


async def test_the_consent_question_shows_yes_and_no_and_tapping_yes_answers_it(
    provider: Provider, engine: Engine
) -> None:
    chat = Chat(provider)
    (welcome, no_markup), (consent, buttons) = await chat.send("/start")
    assert welcome.startswith("Hi, this is quitbot") and no_markup is None
    assert consent.endswith("Happy to go on? Reply YES or NO")
    assert buttons == keyboard(["Yes", "No"])
    # The keyboard sends the label as the person's message.
    [(age, removed)] = await chat.send("Yes")
    assert age == "Thanks! How old are you? Reply with a number, e.g. 34"
    assert removed == REMOVE  # nothing to tap for an age
    conversation, _ = conversation_of(engine, Channel.TELEGRAM, str(CHAT))
    assert conversation.stage is Stage.AGE
    [(nhs, shown)] = await chat.send("34")
    assert nhs.startswith("Do you work for the NHS?")
    assert shown == keyboard(["Yes", "No"])


async def test_a_welsh_speaker_gets_welsh_buttons(provider: Provider, engine: Engine) -> None:
    chat = Chat(provider, language="cy")
    (_, _), (consent, buttons) = await chat.send("/start")
    assert consent.endswith("Atebwch IE neu NA")
    assert buttons == keyboard(["Ie", "Na"])
    [(age, removed)] = await chat.send("Ie")
    assert age.startswith("Diolch! Faint yw eich oed chi?") and removed == REMOVE
    conversation, _ = conversation_of(engine, Channel.TELEGRAM, str(CHAT))
    assert conversation.stage is Stage.AGE


async def test_a_list_gets_a_row_for_each_choice_and_a_tap_is_read_as_its_number(
    provider: Provider, engine: Engine
) -> None:
    chat = Chat(provider)
    for text in ("/start", "Yes", "34", "Yes", "Yes", "No", "porter", "SKIP"):
        await chat.send(text)
    [(gender, buttons)] = await chat.send("SKIP")  # the postcode
    assert gender.startswith("How do you describe your gender?")
    assert buttons == keyboard(["1 Woman"], ["2 Man"], ["3 Another way"], ["4 Prefer not to say"])
    [(work, buttons)] = await chat.send("4 Prefer not to say")
    assert work.startswith("How do you mostly work?")
    assert buttons is not None and len(buttons["keyboard"]) == 6
    conversation, _ = conversation_of(engine, Channel.TELEGRAM, str(CHAT))
    assert conversation.profile.gender is not None
    assert conversation.profile.gender.value == "prefer_not_to_say"  # option 4, not a SKIP


async def test_an_answer_that_is_not_understood_gets_the_buttons_again(
    provider: Provider,
) -> None:
    chat = Chat(provider)
    await chat.send("/start")
    [(again, buttons)] = await chat.send("perhaps")
    assert again.startswith("Sorry, I need a YES or NO.")
    assert buttons == keyboard(["Yes", "No"])


async def test_sms_keeps_its_text_and_gets_no_buttons(provider: Provider) -> None:
    await provider.sms(inbound("Hi"))
    await provider.flush()
    # Two texts, the question's exactly as before: its answers are in its words, nothing more.
    [_, consent] = provider.twilio.bodies()
    assert consent == (
        "We keep your answers safe and use them only to support you and improve the service "
        "(https://quitbot.example/privacy). Happy to go on? Reply YES or NO"
    )
