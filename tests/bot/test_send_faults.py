"""The outgoing path through faults: real twilio and python-telegram-bot clients talking HTTP to
fake providers on loopback that fail on cue (a message taken but answered too late, a hang, a
429 with a wait, an outage), a process that dies mid-send, and two dispatchers on one database.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session
from telegram import Bot

from bot.channels.base import InboundMessage, Sender, SendResult
from bot.channels.recording import RecordingSender
from bot.channels.sms import TwilioSender
from bot.channels.telegram_bot import TelegramSender
from bot.channels.telegram_request import AiohttpRequest
from bot.dispatcher import CHECK_AFTER
from bot.services import Services, build_services
from bot.settings import Settings
from flows import Channel
from scheduler import ManualClock
from storage import make_engine, outbox
from storage.outbox import Outgoing
from tests.bot.helpers import messages
from tests.fakes import telegram_fake, twilio_fake
from tests.fakes.loopback import serve

TIMEOUT = 0.5  # the clients' timeout here (10 s in production)
WELCOME = "Hi, this is quitbot"
QUESTION = "Happy to go on?"


@dataclass
class World:
    services: Services
    twilio: twilio_fake.FakeTwilio
    telegram: telegram_fake.FakeTelegram
    web: RecordingSender
    engine: Engine
    clock: ManualClock

    async def sms(self, number: str, text: str = "hi") -> None:
        await self.services.runner.receive(InboundMessage(Channel.SMS, number, text))

    async def chat(self, chat_id: int, text: str = "hi") -> None:
        await self.services.runner.receive(InboundMessage(Channel.TELEGRAM, str(chat_id), text))

    def statuses(self, address: str) -> list[str]:
        return [
            m.status
            for m in messages(self.engine)
            if m.direction == "out" and m.address == address
        ]

    async def flush(self) -> None:
        await self.services.dispatcher.flush()


@pytest.fixture
def fakes() -> Iterator[tuple[twilio_fake.FakeTwilio, str, telegram_fake.FakeTelegram, str]]:
    twilio, telegram = twilio_fake.FakeTwilio(), telegram_fake.FakeTelegram()
    with serve(twilio.app()) as twilio_base, serve(telegram.app()) as telegram_base:
        yield twilio, twilio_base, telegram, telegram_base


def real_senders(twilio_base: str, telegram_base: str, timeout: float) -> tuple[TwilioSender, Bot]:
    sms = TwilioSender(
        account_sid=twilio_fake.ACCOUNT_SID,
        auth_token=twilio_fake.AUTH_TOKEN,
        from_number=twilio_fake.FROM_NUMBER,
        messaging_service_sid=None,
        api_base=twilio_base,
        status_callback=None,
        timeout=timeout,
    )
    request = AiohttpRequest(
        connect_timeout=timeout, read_timeout=timeout, write_timeout=timeout, pool_timeout=timeout
    )
    bot = Bot(telegram_fake.TOKEN, base_url=f"{telegram_base}/bot", request=request)
    return sms, bot


async def world_of(
    engine: Engine,
    clock: ManualClock,
    fakes: tuple,
    client_timeout: float = TIMEOUT,  # type: ignore[type-arg]
) -> tuple[World, TwilioSender, Bot]:
    twilio, twilio_base, telegram, telegram_base = fakes
    sms, bot = real_senders(twilio_base, telegram_base, client_timeout)
    await bot.initialize()
    web = RecordingSender()
    senders: dict[str, Sender] = {"sms": sms, "telegram": TelegramSender(bot), "web": web}
    settings = Settings.from_env({"QUITBOT_PUBLIC_URL": "https://quitbot.example"}, dotenv=None)
    services = build_services(settings, engine=engine, clock=clock, senders=senders)
    return World(services, twilio, telegram, web, engine, clock), sms, bot


@pytest.fixture
async def world(
    engine: Engine,
    clock: ManualClock,
    fakes: tuple,  # type: ignore[type-arg]
) -> AsyncIterator[World]:
    made, sms, bot = await world_of(engine, clock, fakes)
    yield made
    await sms.aclose()
    await bot.shutdown()


def welcome_then_question(bodies: list[str]) -> bool:
    return len(bodies) == 2 and bodies[0].startswith(WELCOME) and QUESTION in bodies[1]


async def test_twilio_that_takes_replies_but_answers_after_the_timeout_sends_each_once(
    world: World,
) -> None:
    numbers = [f"+4477009001{n:02d}" for n in range(6)]
    world.twilio.stall_next(TIMEOUT * 3, times=len(numbers))  # every welcome: taken, no answer
    for number in numbers:
        await world.sms(number)
    await world.flush()
    for number in numbers:
        assert world.statuses(number) == ["unsure", "queued"]  # maybe sent; the question waits
        assert len(world.twilio.to(number)) == 1
    world.clock.advance(CHECK_AFTER - timedelta(seconds=1))
    await world.flush()
    assert world.twilio.lookups == 0  # not looked up, nor sent again, before the check is due
    world.clock.advance(timedelta(seconds=1))
    await world.flush()
    sids = {m["Body"] + m["To"]: m["Sid"] for m in world.twilio.sent}
    for number in numbers:
        assert welcome_then_question(world.twilio.to(number))  # each once, in order
        assert world.statuses(number) == ["sent", "sent"]
    for row in messages(world.engine):
        if row.direction == "out":  # delivery reports will find them
            assert row.provider_id == sids[row.body + row.address]


async def test_twilio_that_hangs_without_taking_the_reply_sends_it_after_the_check(
    world: World,
) -> None:
    world.twilio.hang_next(TIMEOUT * 3)
    await world.sms("+447700900201")
    await world.flush()
    assert world.statuses("+447700900201") == ["unsure", "queued"]
    assert world.twilio.to("+447700900201") == []
    world.clock.advance(CHECK_AFTER)
    await world.flush()
    assert welcome_then_question(world.twilio.to("+447700900201"))
    assert world.twilio.lookups == 1


async def test_twilio_that_takes_a_reply_but_answers_unreadably_sends_it_once(
    world: World,
) -> None:
    # 201 with a page that is not JSON (a proxy's): Twilio has the message, the client cannot
    # read that it has. Maybe sent: looked up before anything goes again, and found.
    number = "+447700900211"
    world.twilio.garble_next()
    await world.sms(number)
    await world.flush()
    assert world.statuses(number) == ["unsure", "queued"]
    assert len(world.twilio.to(number)) == 1
    world.clock.advance(CHECK_AFTER)
    await world.flush()
    assert welcome_then_question(world.twilio.to(number))  # the welcome once, then on
    assert world.statuses(number) == ["sent", "sent"]
    assert world.twilio.lookups == 1


async def test_a_process_that_dies_after_twilio_took_the_reply_does_not_send_it_again(
    world: World,
    engine: Engine,
    clock: ManualClock,
    fakes: tuple,  # type: ignore[type-arg]
) -> None:
    number = "+447700900301"
    await world.sms(number)
    with Session(engine) as session, session.begin():
        claimed = outbox.claim_due(session=session, now=clock.now(), channel="sms")
    sms, _ = real_senders(fakes[1], fakes[3], TIMEOUT)
    await sms.send(claimed[0])  # Twilio has the welcome; then the process is killed
    await sms.aclose()
    second, sms2, bot2 = await world_of(engine, clock, fakes)  # a new process
    await second.flush()
    assert len(world.twilio.to(number)) == 1  # still leased: nothing yet
    clock.advance(outbox.LEASE)
    await second.flush()
    assert welcome_then_question(world.twilio.to(number))  # the welcome was found, not resent
    assert world.statuses(number) == ["sent", "sent"]
    await sms2.aclose()
    await bot2.shutdown()


async def test_a_claim_is_held_while_its_provider_hangs_and_runs_out_only_if_its_sender_died(
    engine: Engine,
    clock: ManualClock,
    fakes: tuple,  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(outbox, "LEASE", timedelta(seconds=0.6))  # renewed every 0.2 s
    first, sms, bot = await world_of(engine, clock, fakes, client_timeout=4.0)
    number = "+447700900302"
    await first.sms(number)
    first.twilio.stall_next(1.5)  # takes the welcome, answers 1.5 s later
    sending = asyncio.create_task(first.flush())
    other, sms2, bot2 = await world_of(engine, clock, fakes)  # another server
    for _ in range(3):  # more than the lease passes while the first still waits on Twilio
        await asyncio.sleep(0.3)
        clock.advance(timedelta(seconds=0.4))
        await other.flush()
    assert first.twilio.lookups == 0  # the other never took it: still held
    await sending
    assert welcome_then_question(first.twilio.to(number))
    # A sender that dies holds nothing: its claim runs out after the lease, not before.
    await first.sms("+447700900303")
    with Session(engine) as session, session.begin():
        outbox.claim_due(session=session, now=clock.now(), channel="sms")  # then killed
    await other.flush()
    assert first.twilio.to("+447700900303") == []
    clock.advance(timedelta(seconds=0.7))
    await other.flush()
    assert welcome_then_question(first.twilio.to("+447700900303"))
    for closing in (sms, sms2):
        await closing.aclose()
    for bot_ in (bot, bot2):
        await bot_.shutdown()


async def test_a_sender_whose_claim_could_not_be_renewed_stops_and_nothing_goes_twice(
    engine: Engine,
    clock: ManualClock,
    fakes: tuple,  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(outbox, "LEASE", timedelta(seconds=0.6))
    first, sms, bot = await world_of(engine, clock, fakes, client_timeout=4.0)
    monkeypatch.setattr(first.services.dispatcher, "_renew", lambda ids: False)  # database away
    monkeypatch.setattr(first.services.dispatcher, "_concurrency", 1)  # one send at a time
    number, later = "+447700900304", "+447700900305"
    await first.sms(number)
    await first.sms(later)  # both welcomes in one claim; the second waits for the first
    first.twilio.stall_next(0.8)
    sending = asyncio.create_task(first.flush())
    await asyncio.sleep(0.3)
    clock.advance(timedelta(seconds=0.7))  # its claim has run out meanwhile
    await sending
    other, sms2, bot2 = await world_of(engine, clock, fakes)
    await other.flush()
    assert welcome_then_question(first.twilio.to(number))  # each once
    assert welcome_then_question(first.twilio.to(later))
    # The second welcome was not sent on the claim that had run out: it was left "sending",
    # taken again as maybe sent, and looked up at Twilio before it went.
    assert first.twilio.lookups >= 1
    for closing in (sms, sms2):
        await closing.aclose()
    for bot_ in (bot, bot2):
        await bot_.shutdown()


@pytest.mark.parametrize("answer", ["late", "unreadable"])
async def test_telegram_answering_late_or_unreadably_is_resent_only_after_the_wait(
    world: World, answer: str
) -> None:
    # Telegram took the message and its answer came after the client's timeout, or came as a
    # page that is not JSON (a 200 all the same). Telegram cannot be asked what it has: sent
    # again only after the check's wait, not at the next retry (docs/operations.md).
    if answer == "late":
        world.telegram.stall_next(TIMEOUT * 3)
    else:
        world.telegram.garble_next()
    await world.chat(501)
    await world.flush()
    assert world.statuses("501") == ["unsure", "queued"]
    world.clock.advance(CHECK_AFTER - timedelta(seconds=1))
    await world.flush()
    assert len(world.telegram.texts(501)) == 1
    world.clock.advance(timedelta(seconds=1))
    await world.flush()
    texts = world.telegram.texts(501)
    assert [t.startswith(WELCOME) for t in texts] == [True, True, False]  # twice, then on
    assert world.statuses("501") == ["sent", "sent"]


async def test_telegram_that_keeps_answering_unreadably_is_tried_less_and_less_often(
    world: World,
) -> None:
    # Each try may have gone (and Telegram cannot be asked): the tries back off as failures
    # do, so the person is not sent the same message every 30 s while it lasts.
    world.telegram.garble_next(times=3)
    await world.chat(503)
    await world.flush()
    world.clock.advance(CHECK_AFTER)
    await world.flush()
    assert len(world.telegram.texts(503)) == 2  # the first check: 30 s, as for one fault
    world.clock.advance(timedelta(seconds=90))
    await world.flush()
    assert len(world.telegram.texts(503)) == 2  # the next: not before 2 minutes
    world.clock.advance(timedelta(seconds=30))
    await world.flush()
    assert len(world.telegram.texts(503)) == 3
    assert world.statuses("503") == ["unsure", "queued"]


# python-telegram-bot warns, inside its own RetryAfter, that the type of retry_after will change.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_telegram_retry_after_pauses_the_channel_for_as_long_as_asked(world: World) -> None:
    world.telegram.fail_next(
        429, "Too Many Requests: retry after 60", parameters={"retry_after": 60}
    )
    await world.chat(601)
    await world.flush()
    assert world.telegram.texts() == []
    await world.chat(602)  # someone else, meanwhile
    await world.services.runner.receive(InboundMessage(Channel.WEB, "w-602", "hi"))
    world.clock.advance(timedelta(seconds=59))
    await world.flush()
    assert world.telegram.texts() == []  # nobody on Telegram before the minute is up ...
    assert len(world.web.texts("w-602")) == 2  # ... while the web chat goes on
    world.clock.advance(timedelta(seconds=1))
    await world.flush()
    assert welcome_then_question(world.telegram.texts(601))
    assert welcome_then_question(world.telegram.texts(602))


async def test_a_twilio_429_waits_for_its_retry_after(world: World) -> None:
    world.twilio.fail_next(429, code=20429, retry_after=120)
    await world.sms("+447700900701")
    await world.flush()
    world.clock.advance(timedelta(seconds=119))
    await world.sms("+447700900702")
    await world.flush()
    assert world.twilio.sent == []
    world.clock.advance(timedelta(seconds=1))
    await world.flush()
    assert welcome_then_question(world.twilio.to("+447700900701"))
    assert welcome_then_question(world.twilio.to("+447700900702"))


async def test_a_hanging_twilio_holds_up_only_sms(
    engine: Engine,
    clock: ManualClock,
    fakes: tuple,  # type: ignore[type-arg]
) -> None:
    made, sms, bot = await world_of(engine, clock, fakes, client_timeout=4.0)
    made.twilio.hang_next(5.0, times=10)
    running = asyncio.create_task(made.services.dispatcher.run())
    await asyncio.sleep(0)
    try:
        await made.sms("+447700900801")
        for _ in range(200):  # until the SMS is out, and hanging
            if made.statuses("+447700900801")[0] == "sending":
                break
            await asyncio.sleep(0.02)
        await made.chat(801)
        await made.services.runner.receive(InboundMessage(Channel.WEB, "w-801", "hi"))
        for _ in range(200):  # delivered, and recorded as sent (just after)
            if (
                len(made.telegram.texts(801)) == 2
                and len(made.web.texts("w-801")) == 2
                and made.statuses("w-801") == ["sent", "sent"]
            ):
                break
            await asyncio.sleep(0.02)
        # Telegram and the web chat were answered while the SMS is still hanging.
        assert made.statuses("+447700900801")[0] == "sending"
        assert welcome_then_question(made.telegram.texts(801))
        assert made.statuses("w-801") == ["sent", "sent"]
    finally:
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)
        await sms.aclose()
        await bot.shutdown()


class Jittery:
    """A sender on a jittery network that logs what left, for two dispatchers at once."""

    def __init__(self, log: list[Outgoing]) -> None:
        self.log = log

    async def send(self, message: Outgoing) -> SendResult:
        await asyncio.sleep(random.uniform(0, 0.004))
        self.log.append(message)
        return SendResult(provider_id=f"j-{message.id}")


async def test_two_dispatchers_send_each_persons_messages_in_the_order_they_were_written(
    engine: Engine, clock: ManualClock, db_url: str
) -> None:
    log: list[Outgoing] = []
    settings = Settings.from_env({"QUITBOT_PUBLIC_URL": "https://quitbot.example"}, dotenv=None)
    second_engine = make_engine(db_url)  # a second process's own pool
    servers = [
        build_services(settings, engine=e, clock=clock, senders={"web": Jittery(log)})
        for e in (engine, second_engine)
    ]
    for server in servers:
        server.dispatcher._batch = 3  # small claims, so the two interleave
    people = [f"order-{n}" for n in range(24)]

    async def write() -> None:
        for text in ("hi", "yes", "35"):
            for n, person in enumerate(people):
                server = servers[n % 2]
                await server.runner.receive(InboundMessage(Channel.WEB, person, text))
                await asyncio.sleep(0)

    async def drain(server: Services) -> None:
        for _ in range(60):
            await server.dispatcher.flush()
            await asyncio.sleep(0.005)

    await asyncio.gather(write(), drain(servers[0]), drain(servers[1]))
    await asyncio.gather(*(s.dispatcher.flush() for s in servers))
    written = [m for m in messages(engine) if m.direction == "out"]
    assert {m.status for m in written} == {"sent"}
    assert sorted(m.id for m in log) == sorted(m.id for m in written)  # each once
    for person in people:
        theirs = [m.id for m in log if m.address == person]
        assert theirs == sorted(theirs), person  # left in the order they were written
    second_engine.dispose()


async def test_healthz_shows_each_channels_backlog_and_the_age_of_its_oldest(
    world: World,
) -> None:
    import httpx

    from bot.app import create_app

    world.twilio.fail_next(503, times=20)  # an SMS outage
    await world.sms("+447700900901")
    await world.flush()
    world.clock.advance(timedelta(seconds=90))
    await world.chat(901)
    await world.flush()  # Telegram is fine
    transport = httpx.ASGITransport(app=create_app(world.services))
    async with httpx.AsyncClient(
        transport=transport, base_url="https://quitbot.example"
    ) as client:
        health = (await client.get("/healthz")).json()
    assert health["outbox"] == {"sms": {"waiting": 2, "oldest_seconds": 90.0}}
    assert health["outbox_waiting"] == 2 and health["outbox_oldest_seconds"] == 90.0
