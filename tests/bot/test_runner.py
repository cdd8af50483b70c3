import threading
from datetime import timedelta

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from bot.channels.base import InboundMessage
from flows import Channel, Stage
from scheduler import ManualClock
from storage import advisors, journal, outbox
from storage.tables import AdvisorRequest, MessageRow, SafetyEvent
from storage.transcript import REDACTED
from tests.bot.helpers import conversation_of, messages, services_for

SMS = Channel.SMS
WEB = Channel.WEB


def inbound(
    text: str,
    address: str = "+447700900123",
    provider_id: str | None = None,
    channel: Channel = SMS,
) -> InboundMessage:
    return InboundMessage(channel, address, text, provider_id=provider_id)


async def test_replies_are_committed_first_and_sent_after(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders = services_for(engine, clock)
    received = await services.runner.receive(inbound("hi", provider_id="SM1"))
    assert received.queued == 2
    assert [m.status for m in messages(engine) if m.direction == "out"] == ["queued", "queued"]
    assert senders["sms"].sent == []
    await services.dispatcher.flush()
    assert [m.status for m in messages(engine) if m.direction == "out"] == ["sent", "sent"]
    assert senders["sms"].texts()[0].startswith("Hi, this is quitbot")


async def test_nothing_is_stored_or_sent_when_the_transaction_fails(
    engine: Engine, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    services, senders = services_for(engine, clock)

    def broken(*_args: object, **_kwargs: object) -> str:
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr(services.renderer, "render", broken)
    with pytest.raises(RuntimeError):
        await services.runner.receive(inbound("hi", provider_id="SM1"))
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(MessageRow)).one() == 0
    await services.dispatcher.flush()
    assert senders["sms"].sent == []
    monkeypatch.undo()
    # The message was taken (journaled): Twilio's retry of the webhook is a no-op ...
    assert (await services.runner.receive(inbound("hi", provider_id="SM1"))).duplicate
    # ... and the message is applied, exactly once, when its lease runs out.
    clock.advance(journal.LEASE)
    await services.ingress.drain()
    await services.dispatcher.flush()
    assert len(senders["sms"].sent) == 2
    assert sum(1 for m in messages(engine) if m.direction == "in") == 1


async def test_a_crash_between_commit_and_send_sends_on_restart(
    engine: Engine, clock: ManualClock
) -> None:
    before_crash, _ = services_for(engine, clock)
    await before_crash.runner.receive(inbound("hi"))
    # The process dies here: committed, never sent. A new process starts on the same database.
    after_restart, senders = services_for(engine, clock)
    await after_restart.dispatcher.flush()
    assert len(senders["sms"].sent) == 2
    await after_restart.dispatcher.flush()
    assert len(senders["sms"].sent) == 2  # and only once


async def test_a_repeated_provider_id_is_answered_once(engine: Engine, clock: ManualClock) -> None:
    services, senders = services_for(engine, clock)
    first = await services.runner.receive(inbound("hi", provider_id="SM1"))
    again = await services.runner.receive(inbound("hi", provider_id="SM1"))
    assert not first.duplicate
    assert again.duplicate
    await services.dispatcher.flush()
    assert len(senders["sms"].sent) == 2
    assert sum(1 for m in messages(engine) if m.direction == "in") == 1


def test_concurrent_messages_from_one_person_are_applied_one_at_a_time(
    engine: Engine, clock: ManualClock
) -> None:
    services, _ = services_for(engine, clock)
    services.runner.receive_now(inbound("hi", channel=WEB, address="w1"))
    barrier = threading.Barrier(4)

    def send(n: int) -> None:
        barrier.wait()
        services.runner.receive_now(inbound(f"banana {n}", channel=WEB, address="w1"))

    threads = [threading.Thread(target=send, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    conversation, version = conversation_of(engine, WEB, "w1")
    assert version == 6  # created, hi, and four answers: none lost
    assert conversation.misunderstood == 4


@pytest.mark.parametrize(
    "text",
    [
        "🚬" * 50,
        "x" * 2000,
        "",
        "'; DROP TABLE message; --",
        "Dzień dobry, chcę rzucić palenie",
        "میں سگریٹ چھوڑنا چاہتا ہوں",
        "Helo, dw i eisiau rhoi'r gorau iddi",
        "\x00\x01 odd",
        "broken \ud800 half",
    ],
)
async def test_odd_input_is_stored_exactly_and_always_answered(
    engine: Engine, clock: ManualClock, text: str
) -> None:
    services, senders = services_for(engine, clock)
    await services.runner.receive(inbound("hi", channel=WEB, address="w1"))
    await services.runner.receive(inbound("yes", channel=WEB, address="w1"))
    await services.runner.receive(inbound(text, channel=WEB, address="w1"))
    await services.dispatcher.flush()
    stored = [m.body for m in messages(engine) if m.direction == "in"]
    assert stored[-1] == text.replace("\x00", "").replace("\ud800", "\ufffd")
    assert senders["web"].texts()[-1]  # a sensible reply came back
    conversation, _ = conversation_of(engine, WEB, "w1")
    assert conversation.stage is Stage.AGE


async def test_declining_consent_removes_what_they_told_us(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders = services_for(engine, clock)
    for text in ("hi, I'm Sam from ward 7", "no"):
        await services.runner.receive(inbound(text, channel=WEB, address="w1"))
    await services.dispatcher.flush()
    assert [m.body for m in messages(engine) if m.direction == "in"] == [REDACTED, REDACTED]
    assert "won't keep your answers" in senders["web"].texts()[-1]


async def test_crisis_language_queues_an_urgent_human_with_evidence(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders = services_for(engine, clock)
    await services.runner.receive(inbound("I want to end my life", channel=WEB, address="w1"))
    await services.dispatcher.flush()
    assert "999" in senders["web"].texts()[0]
    with Session(engine) as session:
        request = session.exec(select(AdvisorRequest)).one()
        event = session.exec(select(SafetyEvent)).one()
        trigger = session.get(MessageRow, event.message_id)
    assert request.urgent
    assert request.reason == "crisis"
    await services.runner.receive(inbound("ADVISOR", channel=WEB, address="w1"))
    with Session(engine) as session:
        queue = advisors.open_requests(session=session)
    assert [(r.reason, r.urgent) for r in queue] == [("crisis", True)]  # one open request
    assert trigger is not None
    assert trigger.body == "I want to end my life"


async def test_a_telegram_language_hint_starts_the_conversation_in_welsh(
    engine: Engine, clock: ManualClock
) -> None:
    services, _ = services_for(engine, clock)
    await services.runner.receive(
        InboundMessage(Channel.TELEGRAM, "42", "/start", language_hint="cy")
    )
    conversation, _ = conversation_of(engine, Channel.TELEGRAM, "42")
    assert conversation.locale == "cy"


async def test_an_outbox_row_older_than_the_lease_is_retried_not_lost(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders = services_for(engine, clock)
    await services.runner.receive(inbound("hi"))
    with Session(engine) as session, session.begin():
        outbox.claim_due(
            session=session, now=clock.now(), channel="sms"
        )  # a dispatcher that then died
    await services.dispatcher.flush()
    assert senders["sms"].sent == []
    clock.advance(outbox.LEASE + timedelta(seconds=1))
    await services.dispatcher.flush()
    assert len(senders["sms"].sent) == 2


async def test_no_to_consent_after_a_crisis_keeps_the_crisis_message_as_evidence(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders = services_for(engine, clock)
    for text in ("hi I'm Sam", "not sure i want to be here anymore", "no"):
        await services.runner.receive(inbound(text, channel=WEB, address="w1"))
    await services.dispatcher.flush()
    bodies = [m.body for m in messages(engine) if m.direction == "in"]
    # What they told us is gone, but the message that raised the alarm stays with its record.
    assert bodies == [REDACTED, "not sure i want to be here anymore", REDACTED]
    with Session(engine) as session:
        event = session.exec(select(SafetyEvent)).one()
        request = session.exec(select(AdvisorRequest)).one()
        trigger = session.get(MessageRow, event.message_id)
        assert trigger is not None and trigger.body == "not sure i want to be here anymore"
        assert event.category == "suicidal_thoughts"
    assert request.urgent
    assert any("116 123" in text for text in senders["web"].texts())


async def test_a_crisis_after_stop_on_sms_asks_the_advisor_to_phone(
    engine: Engine, clock: ManualClock
) -> None:
    services, _ = services_for(engine, clock)
    for text in ("hi", "STOP", "took 20 paracetamol an hour ago"):
        await services.runner.receive(inbound(text))
    with Session(engine) as session:
        request = session.exec(select(AdvisorRequest)).one()
        event = session.exec(select(SafetyEvent)).one()
    assert request.urgent and request.reason == "crisis"
    assert "Phone them" in request.note  # the carrier blocks our texts after STOP
    assert event.category == "act_taken"
    conversation, _ = conversation_of(engine, SMS, "+447700900123")
    assert conversation.opted_out


async def test_a_crisis_at_the_end_of_a_long_message_is_read(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders = services_for(engine, clock)
    vent = "Long night on the ward, no break again, the reg shouted at me. " * 32
    await services.runner.receive(inbound(vent + "I just want to die.", channel=WEB, address="w2"))
    await services.dispatcher.flush()
    assert len(vent) > 1900
    assert "999" in senders["web"].texts()[0]
    with Session(engine) as session:
        assert session.exec(select(AdvisorRequest)).one().urgent


async def test_a_message_that_asked_for_a_person_is_kept_when_consent_is_refused(
    engine: Engine, clock: ManualClock
) -> None:
    services, _ = services_for(engine, clock)
    for text in ("hi", "not suicidal, just can't cope", "34", "34", "no"):
        await services.runner.receive(inbound(text, channel=WEB, address="w3"))
    bodies = [m.body for m in messages(engine) if m.direction == "in"]
    # The distress, and the reply that left "are you safe?" unanswered (which made the request
    # urgent), are kept as evidence; the rest is gone.
    assert bodies == [REDACTED, "not suicidal, just can't cope", "34", REDACTED, REDACTED]


async def test_a_crisis_only_the_example_net_recognises_reaches_an_urgent_person(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders = services_for(engine, clock)
    plan = "the bridge by the ring road keeps calling me after every shift"
    await services.runner.receive(inbound(plan, channel=WEB, address="w9"))
    await services.dispatcher.flush()
    assert "999" in senders["web"].texts()[0]
    with Session(engine) as session:
        request = session.exec(select(AdvisorRequest)).one()
        event = session.exec(select(SafetyEvent)).one()
        trigger = session.get(MessageRow, event.message_id)
    assert request.urgent and "reads like the example" in request.note
    assert event.category.startswith("example:")
    assert trigger is not None and trigger.body == plan


async def test_if_the_example_net_fails_the_rules_still_screen_and_the_person_is_answered(
    engine: Engine,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    services, senders = services_for(engine, clock)

    def broken(_text: str) -> None:
        raise MemoryError("no room for the model")

    monkeypatch.setattr(services.runner, "_safety_net", broken)
    await services.runner.receive(
        inbound("I want to end my life tonight", channel=WEB, address="w8")
    )
    await services.dispatcher.flush()
    assert "999" in senders["web"].texts()[0]
    assert "safety example net failed" in caplog.text


async def test_with_the_example_net_off_the_rules_alone_screen(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders = services_for(engine, clock, QUITBOT_SAFETY_NET="off")
    plan = "the bridge by the ring road keeps calling me after every shift"
    await services.runner.receive(inbound(plan, channel=WEB, address="w7"))
    await services.dispatcher.flush()
    assert not any("999" in text for text in senders["web"].texts())
