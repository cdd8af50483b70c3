from datetime import timedelta

from sqlalchemy import Engine

from bot.channels.base import InboundMessage, SendFailed
from bot.dispatcher import BACKOFF
from flows import Channel
from scheduler import ManualClock
from tests.bot.helpers import conversation_of, messages, services_for

HI = InboundMessage(Channel.SMS, "+447700900123", "hi")


def outbound(engine: Engine) -> list[tuple[str, int]]:
    return [(m.status, m.attempts) for m in messages(engine) if m.direction == "out"]


async def test_a_failed_send_is_retried_with_back_off(engine: Engine, clock: ManualClock) -> None:
    services, senders = services_for(engine, clock)
    senders["sms"].fail_next(SendFailed("HTTP 500"), SendFailed("HTTP 500"))
    await services.runner.receive(HI)
    await services.dispatcher.flush()
    assert outbound(engine) == [("queued", 1), ("queued", 1)]
    clock.advance(BACKOFF[0] - timedelta(seconds=1))
    await services.dispatcher.flush()
    assert senders["sms"].sent == []  # not before the back-off is over
    clock.advance(timedelta(seconds=1))
    await services.dispatcher.flush()
    assert outbound(engine) == [("sent", 2), ("sent", 2)]


async def test_a_send_that_always_fails_is_recorded_as_failed(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders = services_for(engine, clock)
    senders["sms"].fail_next(*[SendFailed("HTTP 503") for _ in range(20)])
    await services.runner.receive(HI)
    for _ in range(10):
        await services.dispatcher.flush()
        clock.advance(timedelta(hours=1))
    rows = [m for m in messages(engine) if m.direction == "out"]
    assert {(m.status, m.attempts) for m in rows} == {("failed", 5)}
    assert all(m.error == "HTTP 503" for m in rows)


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
