"""Two quitbot processes on one database never fire a wake-up or send a message twice."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlmodel import Session, col, func, select

from bot.channels.base import InboundMessage
from flows import Channel
from scheduler import ManualClock
from storage import make_engine
from storage.tables import Nudge
from tests.bot.helpers import services_for

PEOPLE = 12
REGISTER = [
    "hi",
    "yes",
    "35",
    "yes",
    "yes",
    "no",
    "skip",
    "skip",
    "skip",
    "skip",
    "skip",
    "skip",
    "skip",
    "skip",
    "skip",
    "skip",
    "thursday",
    "yes",
]


async def test_two_processes_share_the_work_and_never_double_send(
    engine: Engine, clock: ManualClock, db_url: str
) -> None:
    first, first_senders = services_for(engine, clock)
    second_engine = make_engine(db_url)  # a separate connection pool, as a second process has
    second, second_senders = services_for(second_engine, clock)
    for n in range(PEOPLE):
        for text in REGISTER:
            await first.runner.receive(InboundMessage(Channel.WEB, f"chat-{n}", text))
    await asyncio.gather(first.dispatcher.flush(), second.dispatcher.flush())

    clock.set(datetime(2026, 11, 26, 10, 30, tzinfo=UTC))  # everyone's quit day
    barrier = threading.Barrier(2)

    def tick(services) -> None:  # type: ignore[no-untyped-def]
        barrier.wait()
        services.runner.fire_due_now()

    threads = [threading.Thread(target=tick, args=(s,)) for s in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    await asyncio.gather(first.dispatcher.flush(), second.dispatcher.flush())

    sent = [m for s in (first_senders, second_senders) for m in s["web"].sent]
    assert len({m.id for m in sent}) == len(sent)  # no message sent twice
    quit_day = [m for m in sent if m.body.startswith("Today is your quit day")]
    assert sorted(m.address for m in quit_day) == sorted(f"chat-{n}" for n in range(PEOPLE))
    with Session(engine) as session:
        fired = session.exec(
            select(func.count())
            .select_from(Nudge)
            .where(col(Nudge.kind) == "quit_day", col(Nudge.status) == "fired")
        ).one()
    assert fired == PEOPLE
    second_engine.dispose()
