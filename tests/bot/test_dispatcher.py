import asyncio
from datetime import timedelta

from sqlalchemy import Engine

from bot.channels.base import InboundMessage, SendFailed, SendResult
from bot.dispatcher import BACKOFF
from bot.services import build_services
from bot.settings import Settings
from flows import Channel
from scheduler import ManualClock
from storage.outbox import Outgoing
from tests.bot.helpers import conversation_of, messages, services_for

HI = InboundMessage(Channel.SMS, "+447700900123", "hi")


def outbound(engine: Engine) -> list[tuple[str, int]]:
    return [(m.status, m.attempts) for m in messages(engine) if m.direction == "out"]


async def test_a_failed_send_is_retried_with_back_off(engine: Engine, clock: ManualClock) -> None:
    services, senders = services_for(engine, clock)
    senders["sms"].fail_next(SendFailed("HTTP 500"))
    await services.runner.receive(HI)
    await services.dispatcher.flush()
    # The welcome failed; the question behind it waits for it rather than going first.
    assert outbound(engine) == [("queued", 1), ("queued", 0)]
    assert senders["sms"].sent == []
    clock.advance(BACKOFF[0] - timedelta(seconds=1))
    await services.dispatcher.flush()
    assert senders["sms"].sent == []  # not before the back-off is over
    clock.advance(timedelta(seconds=1))
    await services.dispatcher.flush()
    assert outbound(engine) == [("sent", 2), ("sent", 1)]
    texts = senders["sms"].texts()
    assert texts[0].startswith("Hi, this is quitbot") and "Happy to go on?" in texts[1]


async def test_an_outage_of_hours_delays_replies_and_only_a_day_fails_them(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders = services_for(engine, clock)
    senders["sms"].fail_next(*[SendFailed("HTTP 503") for _ in range(200)])
    await services.runner.receive(HI)
    for _ in range(20):  # ten hours of a provider that is down
        await services.dispatcher.flush()
        clock.advance(timedelta(minutes=30))
    rows = [m for m in messages(engine) if m.direction == "out"]
    assert [m.status for m in rows] == ["queued", "queued"]
    senders["sms"].recover()  # the provider is back
    clock.advance(timedelta(minutes=30))
    await services.dispatcher.flush()
    assert [m.status for m in messages(engine) if m.direction == "out"] == ["sent", "sent"]


async def test_a_send_that_fails_for_a_whole_day_is_recorded_as_failed(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders = services_for(engine, clock)
    senders["sms"].fail_next(*[SendFailed("HTTP 503") for _ in range(200)])
    await services.runner.receive(HI)
    for _ in range(52):
        await services.dispatcher.flush()
        clock.advance(timedelta(minutes=30))
    rows = [m for m in messages(engine) if m.direction == "out"]
    assert rows[0].status == "failed" and rows[0].error == "HTTP 503"
    assert senders["sms"].sent == []


async def test_a_refusal_is_final_and_opts_the_person_out(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders = services_for(engine, clock)
    senders["sms"].fail_next(SendFailed("21610 unsubscribed", opted_out=True))
    await services.runner.receive(HI)
    await services.dispatcher.flush()
    statuses = outbound(engine)
    assert statuses[0] == ("failed", 1)
    conversation, _ = conversation_of(engine, Channel.SMS, "+447700900123")
    assert conversation.opted_out


async def test_a_channel_that_is_off_fails_at_once(engine: Engine, clock: ManualClock) -> None:
    services, senders = services_for(engine, clock)
    del services.dispatcher._senders["sms"]
    await services.runner.receive(HI)
    await services.dispatcher.flush()
    assert outbound(engine) == [("failed", 1), ("failed", 1)]
    assert senders["sms"].sent == []


class SlowFor:
    """A sender that takes its time for one address, and notes the order messages left in."""

    def __init__(self, slow: str) -> None:
        self.slow = slow
        self.order: list[tuple[str, str]] = []

    async def send(self, message: Outgoing) -> SendResult:
        if message.address == self.slow:
            await asyncio.sleep(0.2)
        self.order.append((message.address, message.body))
        return SendResult(provider_id=f"slow-{message.id}")


async def test_people_are_sent_to_side_by_side_each_in_order(
    engine: Engine, clock: ManualClock
) -> None:
    sender = SlowFor("+447700900001")  # a slow network for one person
    settings = Settings.from_env({}, dotenv=None)
    services = build_services(settings, engine=engine, clock=clock, senders={"sms": sender})
    for n in range(1, 4):
        await services.runner.receive(InboundMessage(Channel.SMS, f"+44770090000{n}", "hi"))
    await services.dispatcher.flush()
    # The slow person's two messages went last, in order; the others did not wait for them.
    addresses = [address for address, _ in sender.order]
    assert addresses[-2:] == ["+447700900001", "+447700900001"]
    slow = [body for address, body in sender.order if address == "+447700900001"]
    assert slow[0].startswith("Hi, this is quitbot") and "Happy to go on?" in slow[1]
    assert outbound(engine) == [("sent", 1)] * 6


class Recorder:
    """A slow network that, on its last send, looks up what was recorded of its first."""

    def __init__(self, engine: Engine, sends: int) -> None:
        self.engine, self.sends, self.seen = engine, sends, 0
        self.first_status: str | None = None

    async def send(self, message: Outgoing) -> SendResult:
        self.seen += 1
        number = self.seen
        await asyncio.sleep(0.1)
        if number == self.sends:
            first = [m for m in messages(self.engine) if m.provider_id == "net-1"]
            self.first_status = first[0].status if first else None
        return SendResult(provider_id=f"net-{number}")


async def test_a_send_is_recorded_as_it_happens_not_at_the_end_of_the_batch(
    engine: Engine, clock: ManualClock
) -> None:
    # A delivery report can arrive a moment after the send: it must find the provider's id.
    network = Recorder(engine, sends=4)
    settings = Settings.from_env({}, dotenv=None)
    services = build_services(settings, engine=engine, clock=clock, senders={"sms": network})
    for n in (1, 2):
        await services.runner.receive(InboundMessage(Channel.SMS, f"+44770090001{n}", "hi"))
    await services.dispatcher.flush()
    assert network.first_status == "sent"


async def test_one_persons_trouble_does_not_leave_others_sent_but_unrecorded(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders = services_for(engine, clock)

    async def broken_handler(participant_id: int, channel: Channel) -> None:
        raise RuntimeError("database went away")

    services.dispatcher.set_refused_handler(broken_handler)
    senders["sms"].fail_next(SendFailed("21610 unsubscribed", opted_out=True))
    await services.runner.receive(InboundMessage(Channel.SMS, "+447700900021", "hi"))
    await services.runner.receive(InboundMessage(Channel.SMS, "+447700900022", "hi"))
    await services.dispatcher.flush()
    others = [m for m in messages(engine) if m.direction == "out" and m.address.endswith("22")]
    assert [m.status for m in others] == ["sent", "sent"]
    clock.advance(timedelta(minutes=6))  # past any lease: nothing goes twice
    sent_before = len(senders["sms"].sent)
    await services.dispatcher.flush()
    assert len(senders["sms"].sent) == sent_before
