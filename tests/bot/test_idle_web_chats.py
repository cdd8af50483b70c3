"""Web chat visitors who never consented are forgotten once idle; nobody else ever is."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx
from sqlalchemy import Engine
from sqlmodel import Session, col, func, select

from bot.app import create_app
from bot.channels.base import InboundMessage
from bot.housekeeping import IdleWebChats
from bot.services import Services
from flows import Channel
from scheduler import ManualClock
from storage import journal, participants, retention
from storage.tables import (
    AdvisorRequest,
    ChannelAddress,
    ConversationRow,
    JournalEntry,
    MessageRow,
    Participant,
    SafetyEvent,
)
from tests.bot.helpers import messages, services_for

IDLE = timedelta(hours=24)


async def say(
    services: Services, address: str, *texts: str, channel: Channel = Channel.WEB
) -> None:
    for n, text in enumerate(texts):
        await services.runner.receive(
            InboundMessage(channel, address, text, provider_id=f"{address}:{n}")
        )


def known(engine: Engine, address: str, channel: Channel = Channel.WEB) -> bool:
    with Session(engine) as session:
        found = participants.find_by_address(
            session=session, channel=channel.value, address=address
        )
        return found is not None


def count(engine: Engine, table: type) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(table)).one())


async def test_only_idle_visitors_who_never_consented_are_removed(
    engine: Engine, clock: ManualClock
) -> None:
    services, _ = services_for(engine, clock)
    await say(services, "web-only-said-hello", "hi")
    await say(services, "web-said-no-thanks", "hi", "no")
    await say(services, "web-said-yes-please", "hi", "yes")
    await say(services, "web-at-risk-at-once", "hi", "I want to end my life")
    await say(services, "web-asked-for-person", "hi", "ADVISOR")
    await say(services, "web-was-ineligible-", "hi", "yes", "16", "START")
    await say(services, "+447700900123", "hi", channel=Channel.SMS)
    evidence = [m.body for m in messages(engine) if m.address == "web-at-risk-at-once"]
    clock.advance(IDLE + timedelta(minutes=1))
    await say(services, "web-just-arrived-now", "hi")

    removed = IdleWebChats(engine=engine, clock=clock, idle=IDLE).remove_now()

    assert removed == 2
    assert not known(engine, "web-only-said-hello")
    assert not known(engine, "web-said-no-thanks")
    for kept in (
        "web-said-yes-please",
        "web-at-risk-at-once",
        "web-asked-for-person",
        "web-was-ineligible-",
        "web-just-arrived-now",
    ):
        assert known(engine, kept), kept
    assert known(engine, "+447700900123", Channel.SMS)
    # Nothing of theirs is left behind, and every safety record still has its message.
    left = {m.address for m in messages(engine)}
    assert not {"web-only-said-hello", "web-said-no-thanks"} & left
    assert [m.body for m in messages(engine) if m.address == "web-at-risk-at-once"] == evidence
    with Session(journal.inbox(engine).writer) as session:
        keys = session.exec(select(JournalEntry.key)).all()
        assert not any(k.startswith(("web-only-said-hello", "web-said-no-thanks")) for k in keys)
        journaled = set(session.exec(select(JournalEntry.address)).all())
        assert not {"web-only-said-hello", "web-said-no-thanks"} & journaled
        assert "web-at-risk-at-once" in journaled
    with Session(engine) as session:
        flagged = session.exec(select(SafetyEvent.message_id)).all()
        assert flagged and all(session.get(MessageRow, m) is not None for m in flagged)
        assert session.exec(select(func.count()).select_from(AdvisorRequest)).one() >= 2
    assert count(engine, Participant) == count(engine, ConversationRow) == 6
    assert count(engine, ChannelAddress) == 6


async def test_a_removed_visitor_who_comes_back_starts_afresh(
    engine: Engine, clock: ManualClock
) -> None:
    services, _ = services_for(engine, clock)
    await say(services, "web-came-back-later", "hi")
    clock.advance(IDLE * 2)
    assert IdleWebChats(engine=engine, clock=clock, idle=IDLE).remove_now() == 1
    await services.runner.receive(InboundMessage(Channel.WEB, "web-came-back-later", "hi"))
    replies = [m for m in messages(engine) if m.direction == "out"]
    assert replies[0].body.startswith("Hi, this is quitbot")
    assert known(engine, "web-came-back-later")


async def test_the_running_app_removes_them_on_its_ticker(
    engine: Engine, clock: ManualClock
) -> None:
    services, _ = services_for(engine, clock, QUITBOT_WEB_IDLE_HOURS="2")
    app = create_app(services, tick_seconds=0.05)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://quitbot.example") as web:
        assert (await web.get("/chat/")).status_code == 200
        assert (await web.post("/chat/api/messages", json={"text": "hi"})).status_code == 202
    assert count(engine, Participant) == 1
    clock.advance(timedelta(hours=2, minutes=1))
    async with app.router.lifespan_context(app):
        for _ in range(100):
            if count(engine, Participant) == 0:
                break
            await asyncio.sleep(0.05)
    assert count(engine, Participant) == 0
    assert messages(engine) == []


async def test_a_batch_is_bounded(engine: Engine, clock: ManualClock) -> None:
    services, _ = services_for(engine, clock)
    for n in range(5):
        await say(services, f"web-visitor-number-{n}", "hi")
    clock.advance(IDLE * 2)
    with Session(engine) as session, session.begin():
        idle_since = clock.now() - IDLE
        first = retention.remove_idle_unconsented(
            session=session, channel="web", idle_since=idle_since, limit=3
        )
        rest = retention.remove_idle_unconsented(
            session=session, channel="web", idle_since=idle_since, limit=3
        )
    assert (first, rest) == (3, 2)
    with Session(engine) as session:
        assert session.exec(select(col(Participant.id))).all() == []
