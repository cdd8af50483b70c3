"""LINK on a real database through the runner: codes that join another channel to a person,
and every way a code can be wrong. (Across the real SMS, Telegram and web chat clients:
tests/bot/test_link_channels.py.)"""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.channels.base import InboundMessage
from bot.channels.recording import RecordingSender
from bot.services import Services
from flows import Channel
from messages import catalog as m
from messages.render import translate
from scheduler import ManualClock
from storage import participants
from storage.link_tables import LinkCode
from storage.tables import ChannelAddress, MessageRow, Participant, SafetyEvent
from tests.bot.helpers import conversation_of, services_for

REGISTER = [
    *("hi", "yes", "35", "yes", "yes", "no", "nurse", "skip", "skip", "skip", "6"),
    *("20", "1", "2", "4", "1", "thursday", "yes"),
]
PHONE = "+447700900123"
OTHER_PHONE = "+447700900999"
CODE = re.compile(r"(?:LINK|CYSYLLTU) (?:code is|yw) ([A-Z0-9]{6})")


async def say(services: Services, channel: Channel, address: str, *texts: str) -> None:
    for text in texts:
        await services.runner.receive(InboundMessage(channel, address, text))
    await services.dispatcher.flush()


def bodies(sender: RecordingSender, mark: int = 0) -> list[str]:
    return [message.body for message in sender.sent[mark:]]


def pid(engine: Engine, channel: Channel, address: str) -> int | None:
    with Session(engine) as session:
        return participants.find_by_address(
            session=session, channel=channel.value, address=address
        )


def people(engine: Engine) -> int:
    with Session(engine) as session:
        return len(session.exec(select(Participant.id)).all())


async def a_code(services: Services, sender: RecordingSender, channel: Channel, who: str) -> str:
    mark = len(sender.sent)
    await say(services, channel, who, "LINK")
    (reply,) = bodies(sender, mark)
    found = CODE.search(reply)
    assert found is not None, reply
    return found.group(1)


async def registered(
    engine: Engine, clock: ManualClock
) -> tuple[Services, dict[str, RecordingSender], int]:
    services, senders = services_for(engine, clock)
    await say(services, Channel.WEB, "ada", *REGISTER)
    person = pid(engine, Channel.WEB, "ada")
    assert person is not None
    return services, senders, person


async def test_a_code_from_another_channel_joins_it_to_the_same_person(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders, person = await registered(engine, clock)
    web, sms = senders["web"], senders["sms"]
    code = await a_code(services, web, Channel.WEB, "ada")
    assert "15 minutes" in web.sent[-1].body
    with Session(engine) as session:  # only a keyed hash is kept, never the code
        kept = session.exec(select(LinkCode)).one()
        assert code not in kept.code_hash and len(kept.code_hash) == 64

    mark = len(web.sent)
    await say(services, Channel.SMS, PHONE, code.lower()[:3] + " " + code.lower()[3:])
    assert bodies(sms) == [m.LINK_JOINED_HERE.text]
    assert bodies(web, mark) == [
        "You're now on text messages (SMS) too: I'll reply wherever you last wrote to me. "
        "Not you? Text ADVISOR."
    ]
    assert pid(engine, Channel.SMS, PHONE) == person
    assert people(engine) == 1  # one registration

    # Replies go where they last wrote from, and the conversation carries on (no new welcome).
    await say(services, Channel.SMS, PHONE, "CRAVE")
    assert len(sms.sent) == 2 and "quitbot" not in sms.sent[-1].body.split(".")[0].lower()
    assert len(web.sent) == mark + 1
    await say(services, Channel.WEB, "ada", "NEXT")
    assert web.sent[-1].body.startswith("My next message is planned")
    assert len(sms.sent) == 2
    # One transcript: every message on both channels is the same person's.
    with Session(engine) as session:
        owners = set(session.exec(select(MessageRow.participant_id)).all())
    assert owners == {person}


async def test_a_wrong_code_says_so_and_registers_nobody(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders, person = await registered(engine, clock)
    sms = senders["sms"]
    code = await a_code(services, senders["web"], Channel.WEB, "ada")
    wrong = code[:-1] + ("2" if code[-1] != "2" else "3")  # one character off, still a code
    await say(services, Channel.SMS, PHONE, wrong)
    assert bodies(sms) == [m.LINK_WRONG.text]
    stranger = pid(engine, Channel.SMS, PHONE)
    assert stranger is not None and stranger != person
    conversation, _ = conversation_of(engine, Channel.SMS, PHONE)
    assert conversation.stage.value == "new"  # no welcome, no consent question: not registered
    # The right code then folds the stranger's few messages into the person's transcript.
    await say(services, Channel.SMS, PHONE, code)
    assert bodies(sms)[-1] == m.LINK_JOINED_HERE.text
    assert pid(engine, Channel.SMS, PHONE) == person
    assert people(engine) == 1
    with Session(engine) as session:
        mine = session.exec(
            select(MessageRow.body).where(col(MessageRow.participant_id) == person)
        ).all()
    assert wrong in mine and m.LINK_WRONG.text in mine


async def test_saying_hi_after_a_wrong_code_starts_a_registration_as_usual(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders = services_for(engine, clock)
    await say(services, Channel.SMS, PHONE, "K7P3MX", "hi")
    sent = bodies(senders["sms"])
    assert sent[0] == m.LINK_WRONG.text
    assert sent[1].startswith("Hi, this is quitbot")


async def test_an_expired_code_is_refused_and_a_new_one_works(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders, person = await registered(engine, clock)
    code = await a_code(services, senders["web"], Channel.WEB, "ada")
    clock.advance(timedelta(minutes=15, seconds=1))
    await say(services, Channel.TELEGRAM, "555", code)
    assert bodies(senders["telegram"]) == [
        "That code has run out (codes last 15 minutes). Text LINK in the chat you already use "
        "for a new one."
    ]
    fresh = await a_code(services, senders["web"], Channel.WEB, "ada")
    clock.advance(timedelta(minutes=14))
    await say(services, Channel.TELEGRAM, "555", fresh)
    assert bodies(senders["telegram"])[-1] == m.LINK_JOINED_HERE.text
    assert pid(engine, Channel.TELEGRAM, "555") == person


async def test_a_code_works_once_and_a_newer_code_replaces_an_unused_one(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders, person = await registered(engine, clock)
    web, sms = senders["web"], senders["sms"]
    old = await a_code(services, web, Channel.WEB, "ada")
    code = await a_code(services, web, Channel.WEB, "ada")
    await say(services, Channel.SMS, OTHER_PHONE, old)
    assert bodies(sms) == [m.LINK_WRONG.text]  # the older code stopped working
    await say(services, Channel.SMS, PHONE, code)
    assert pid(engine, Channel.SMS, PHONE) == person
    # The same code again, from a third address: used already, and it joins nothing.
    await say(services, Channel.TELEGRAM, "555", code)
    assert bodies(senders["telegram"]) == [m.LINK_USED.text]
    assert pid(engine, Channel.TELEGRAM, "555") != person
    # From the address it joined: already joined (not read as an answer).
    await say(services, Channel.SMS, PHONE, code)
    assert bodies(sms)[-1] == m.LINK_ALREADY.text


async def test_a_code_cannot_join_someone_elses_record(engine: Engine, clock: ManualClock) -> None:
    services, senders, person = await registered(engine, clock)
    await say(services, Channel.SMS, PHONE, *REGISTER)  # Ben, registered by SMS
    ben = pid(engine, Channel.SMS, PHONE)
    assert ben is not None and ben != person
    code = await a_code(services, senders["web"], Channel.WEB, "ada")
    mark = len(senders["sms"].sent)
    await say(services, Channel.SMS, PHONE, code)
    assert bodies(senders["sms"], mark) == [m.LINK_REGISTERED.text]
    assert pid(engine, Channel.SMS, PHONE) == ben  # two records, never merged
    with Session(engine) as session:
        ada_addresses = session.exec(
            select(ChannelAddress.channel).where(col(ChannelAddress.participant_id) == person)
        ).all()
    assert ada_addresses == ["web"]
    # The code is still Ada's to use elsewhere.
    await say(services, Channel.TELEGRAM, "555", code)
    assert pid(engine, Channel.TELEGRAM, "555") == person
    # And Ben's own words that only look like a code are answers as ever, not a code.
    mark = len(senders["sms"].sent)
    await say(services, Channel.SMS, PHONE, "SA28PP")
    assert m.LINK_WRONG.text not in bodies(senders["sms"], mark)


async def test_guessing_is_locked_after_five_wrong_codes(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders, person = await registered(engine, clock)
    code = await a_code(services, senders["web"], Channel.WEB, "ada")
    guesses = [f"AB{n}CDE" for n in range(2, 7)]
    await say(services, Channel.TELEGRAM, "666", *guesses)
    sent = bodies(senders["telegram"])
    assert sent == [m.LINK_WRONG.text] * 4 + [m.LINK_LOCKED.text]
    await say(services, Channel.TELEGRAM, "666", code)  # even the right one, for now
    assert bodies(senders["telegram"])[-1] == m.LINK_LOCKED.text
    assert pid(engine, Channel.TELEGRAM, "666") != person
    # Another address is not held back, and after the hour this one may try again.
    clock.advance(timedelta(minutes=61))
    fresh = await a_code(services, senders["web"], Channel.WEB, "ada")
    await say(services, Channel.TELEGRAM, "666", fresh)
    assert bodies(senders["telegram"])[-1] == m.LINK_JOINED_HERE.text
    assert pid(engine, Channel.TELEGRAM, "666") == person


async def test_link_on_a_new_chat_says_where_the_code_comes_from(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders = services_for(engine, clock)
    await say(services, Channel.TELEGRAM, "777", "link")
    assert bodies(senders["telegram"]) == [m.LINK_HOW.text]
    conversation, _ = conversation_of(engine, Channel.TELEGRAM, "777")
    assert conversation.stage.value == "new"


async def test_cysylltu_gives_the_code_in_welsh(engine: Engine, clock: ManualClock) -> None:
    services, senders, person = await registered(engine, clock)
    await say(services, Channel.WEB, "ada", "CYMRAEG")
    code = await a_code(services, senders["web"], Channel.WEB, "ada")
    assert senders["web"].sent[-1].body.startswith("Eich cod CYSYLLTU yw")
    mark = len(senders["web"].sent)
    await say(services, Channel.SMS, PHONE, code)
    assert bodies(senders["sms"]) == [translate(m.LINK_JOINED_HERE, "cy")]
    assert pid(engine, Channel.SMS, PHONE) == person
    assert "negeseuon testun (SMS)" in bodies(senders["web"], mark)[0]


async def test_a_crisis_from_the_joined_channel_is_screened_as_usual(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders, person = await registered(engine, clock)
    code = await a_code(services, senders["web"], Channel.WEB, "ada")
    await say(services, Channel.SMS, PHONE, code)
    mark = len(senders["sms"].sent)
    await say(services, Channel.SMS, PHONE, "i want to end it all tonight")
    assert any("999" in body for body in bodies(senders["sms"], mark))
    with Session(engine) as session:
        events = session.exec(select(SafetyEvent.participant_id)).all()
    assert events and set(events) == {person}


async def test_link_works_while_an_advisor_holds_the_conversation(
    engine: Engine, clock: ManualClock
) -> None:
    from tests.bot.helpers import a_provider

    advisor = a_provider(engine, clock)
    services, senders, person = await registered(engine, clock)
    await services.handover.take_over(advisor, person)
    await services.dispatcher.flush()
    code = await a_code(services, senders["web"], Channel.WEB, "ada")
    await say(services, Channel.SMS, PHONE, code)
    assert bodies(senders["sms"]) == [m.LINK_JOINED_HERE.text]
    # The advisor's reply goes where the person last wrote from: the phone.
    await services.handover.reply(advisor, person, "Hi Ada, Sam here.")
    await services.dispatcher.flush()
    assert bodies(senders["sms"])[-1] == "Hi Ada, Sam here."


async def test_the_console_shows_the_channels_and_never_the_code(
    engine: Engine, clock: ManualClock
) -> None:
    from bot.handover import LINK_CODE_HIDDEN
    from tests.bot.helpers import a_provider

    advisor = a_provider(engine, clock)
    services, senders, person = await registered(engine, clock)
    code = await a_code(services, senders["web"], Channel.WEB, "ada")
    await say(services, Channel.SMS, PHONE, code)
    view = await services.handover.participant(advisor, person)
    assert view.channels == ("web", "sms")
    assert view.channel == "sms"  # where they last wrote from
    bodies_shown = [entry.body for entry in view.transcript]
    assert LINK_CODE_HIDDEN in bodies_shown
    assert not any(code in body for body in bodies_shown if body != code)
