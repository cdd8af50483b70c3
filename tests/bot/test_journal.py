"""The inbound journal: a webhook answers once its message is journaled; the journal is applied
in order for each person, side by side for different people, exactly once, across a crash."""

from __future__ import annotations

import asyncio
import fcntl
import os
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.channels.base import InboundMessage
from bot.housekeeping import IdleWebChats
from bot.ingress import GROUP
from flows import Channel
from scheduler import ManualClock
from storage import journal, make_engine
from storage.migrate import upgrade
from storage.tables import JournalEntry, MessageRow
from tests.bot.helpers import conversation_of, messages, services_for
from tests.bot.providers import Provider
from tests.bot.test_two_processes import REGISTER
from tests.fakes.twilio_fake import FROM_NUMBER

NURSE = "+447700900123"


def sms(body: str, sid: str) -> dict[str, str]:
    return {"MessageSid": sid, "From": NURSE, "To": FROM_NUMBER, "Body": body, "NumMedia": "0"}


def transcript_of(engine: Engine, address: str) -> list[tuple[str, str]]:
    """What a person saw, in order: ("in", their words) and ("out", the message's key)."""
    return [
        (m.direction, m.body if m.direction == "in" else m.message_key or "")
        for m in messages(engine)
        if m.address == address
    ]


async def test_a_retried_webhook_is_answered_and_changes_nothing(
    provider: Provider, engine: Engine
) -> None:
    for _ in range(3):  # Twilio retries when it did not hear back in time
        response = await provider.sms(sms("Hi", "SM0001"))
        assert response.status_code == 200
        assert "<Response" in response.text
    await provider.flush()
    assert [m["To"] for m in provider.twilio.sent] == [NURSE, NURSE]  # welcome and question
    assert sum(1 for m in messages(engine) if m.direction == "in") == 1
    with Session(journal.inbox(engine).writer) as session:
        rows = session.exec(select(JournalEntry)).all()
    assert [(row.key, row.status, row.body) for row in rows] == [("SM0001", "done", "")]


async def test_the_answer_comes_before_the_flows_and_the_message_is_kept(
    provider: Provider, engine: Engine
) -> None:
    response = await provider.sms(sms("Hi", "SM0001"))
    assert response.status_code == 200
    assert messages(engine) == []  # answered from the journal: the flows have not run yet
    with Session(journal.inbox(engine).writer) as session:
        (row,) = session.exec(select(JournalEntry)).all()
    assert (row.address, row.body, row.status) == (NURSE, "Hi", "waiting")
    await provider.flush()
    assert [m.direction for m in messages(engine)] == ["in", "out", "out"]


async def test_rows_a_dead_processor_left_are_applied_by_the_next_once(
    engine: Engine, clock: ManualClock
) -> None:
    crashed, _ = services_for(engine, clock)
    crashed.runner.journal_now([InboundMessage(Channel.SMS, NURSE, "hi", provider_id="SM1")])
    # it leased the row, then died before applying it
    with journal.inbox(engine).writer.begin() as connection:
        assert len(journal.lease(connection=connection, now=clock.now(), limit=10)) == 1
    restarted, senders = services_for(engine, clock)
    assert await restarted.ingress.drain() == 0  # still leased: not taken twice meanwhile
    clock.advance(journal.LEASE + timedelta(seconds=1))
    assert await restarted.ingress.drain() == 1
    assert await restarted.ingress.drain() == 0
    await restarted.dispatcher.flush()
    assert len(senders["sms"].sent) == 2
    assert sum(1 for m in messages(engine) if m.direction == "in") == 1


async def test_one_persons_rapid_messages_are_answered_in_order(
    provider: Provider, engine: Engine
) -> None:
    # Every webhook is answered before any is applied: the journal alone keeps the order.
    for n, text in enumerate(REGISTER[:8]):
        assert (await provider.sms(sms(text, f"SM{n:04}"))).status_code == 200
    await provider.flush()
    reference, _ = services_for(engine, provider.services.clock)
    for text in REGISTER[:8]:  # the same words from someone else, one at a time
        await reference.runner.receive(InboundMessage(Channel.SMS, "+447700900999", text))
    assert transcript_of(engine, NURSE) == transcript_of(engine, "+447700900999")
    inbound = [body for direction, body in transcript_of(engine, NURSE) if direction == "in"]
    assert inbound == REGISTER[:8]
    assert conversation_of(engine, Channel.SMS, NURSE)[0].stage == (
        conversation_of(engine, Channel.SMS, "+447700900999")[0].stage
    )


async def test_one_drain_applies_more_than_a_group_in_order(
    provider: Provider, engine: Engine
) -> None:
    # A drain stops at the first group smaller than a full one: everything waiting when it
    # began is still applied, a full group's worth and more, each person's in turn.
    people = [f"+4477009{n:05}" for n in range(GROUP + 5)]
    for n, number in enumerate(people):
        said = {**sms("Hi", f"SM{n:04}"), "From": number}
        assert (await provider.sms(said)).status_code == 200
    for n, text in enumerate(REGISTER[1:4]):  # the first person goes on before any is applied
        said = {**sms(text, f"SM9{n:03}"), "From": people[0]}
        assert (await provider.sms(said)).status_code == 200
    assert await provider.services.ingress.drain() == len(people) + 3
    inbound = [m for m in messages(engine) if m.direction == "in"]
    assert {m.address for m in inbound} == set(people)
    assert [m.body for m in inbound if m.address == people[0]] == ["Hi", *REGISTER[1:4]]


async def test_two_processors_keep_each_persons_order(
    engine: Engine, clock: ManualClock, db_url: str
) -> None:
    first, _ = services_for(engine, clock)
    second_engine = make_engine(db_url)  # a separate connection pool, as a second server has
    second, _ = services_for(second_engine, clock)
    people = [f"chat-{n}" for n in range(6)]
    # Everyone's registration, interleaved, journaled as the webhooks would have.
    first.runner.journal_now(
        [InboundMessage(Channel.WEB, who, text) for text in REGISTER for who in people]
    )
    barrier = threading.Barrier(2)

    def process(services) -> None:  # type: ignore[no-untyped-def]
        barrier.wait()
        while services.runner.take_journal_now(limit=16):
            pass

    threads = [threading.Thread(target=process, args=(s,)) for s in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    await asyncio.gather(first.ingress.drain(), second.ingress.drain())
    second_engine.dispose()
    reference, _ = services_for(engine, clock)
    for text in REGISTER:
        await reference.runner.receive(InboundMessage(Channel.WEB, "reference", text))
    expected = transcript_of(engine, "reference")
    for who in people:
        assert transcript_of(engine, who) == expected, who
    with Session(journal.inbox(engine).writer) as session:
        left = session.exec(
            select(JournalEntry.id).where(col(JournalEntry.status) != journal.DONE)
        ).all()
    with Session(engine) as session:
        ids = session.exec(select(MessageRow.id).where(col(MessageRow.direction) == "in")).all()
    assert left == []
    assert len(ids) == len(REGISTER) * (len(people) + 1)  # each message applied once


async def test_the_web_chat_answers_with_its_reply_ready(provider: Provider) -> None:
    client = provider.client
    assert (await client.get("/chat/")).status_code == 200
    sent = await client.post("/chat/api/messages", json={"text": "hi", "id": "1"})
    assert sent.status_code == 202
    shown = (await client.get("/chat/api/messages")).json()["messages"]
    assert [m["from"] for m in shown][:2] == ["you", "quitbot"]


async def test_applied_rows_are_kept_a_week_then_purged(
    engine: Engine, clock: ManualClock
) -> None:
    services, _ = services_for(engine, clock)
    await services.runner.receive(InboundMessage(Channel.SMS, NURSE, "hi", provider_id="SM1"))
    chores = IdleWebChats(engine=engine, clock=clock, idle=timedelta(hours=24))
    clock.advance(journal.KEEP - timedelta(minutes=1))
    chores.remove_now()
    assert (
        await services.runner.receive(InboundMessage(Channel.SMS, NURSE, "hi", "SM1"))
    ).duplicate
    clock.advance(timedelta(minutes=2))
    chores.remove_now()
    with Session(journal.inbox(engine).writer) as session:
        assert session.exec(select(JournalEntry)).all() == []


async def test_healthz_shows_messages_received_and_not_yet_applied(
    engine: Engine, clock: ManualClock
) -> None:
    """The operator at 3 a.m.: messages answered to Twilio but not yet applied (a stopped
    worker, a backlog) show in /healthz with the age of the oldest, and go once applied."""
    import httpx

    from bot.app import create_app

    services, _ = services_for(engine, clock)
    app = create_app(services)

    async def health() -> dict[str, object]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="https://q.example") as c:
            return (await c.get("/healthz")).json()  # type: ignore[no-any-return]

    assert (await health())["journal_waiting"] == 0
    services.runner.journal_now([InboundMessage(Channel.SMS, NURSE, "hi", provider_id="SM1")])
    clock.advance(timedelta(seconds=40))
    services.runner.journal_now(
        [InboundMessage(Channel.SMS, "+447700900124", "hi", provider_id="SM2")]
    )
    clock.advance(timedelta(seconds=5))
    found = await health()
    assert (found["journal_waiting"], found["journal_oldest_seconds"]) == (2, 45.0)
    assert await services.ingress.drain() == 2
    found = await health()
    assert (found["journal_waiting"], found["journal_oldest_seconds"]) == (0, 0)


async def test_healthz_answers_while_a_transaction_holds_the_database(
    engine: Engine, clock: ManualClock
) -> None:
    """The operator's look at a worker stuck inside a transaction (SQLite: it holds the one
    write lock): /healthz still answers, from reads that never wait for that lock."""
    import httpx

    from bot.app import create_app

    if engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL's reads never wait for writers")
    services, _ = services_for(engine, clock)
    services.runner.journal_now([InboundMessage(Channel.SMS, NURSE, "hi", provider_id="SM1")])
    app = create_app(services)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://q.example") as c:
        held = os.open(f"{engine.url.database}-writer", os.O_RDWR)
        try:
            fcntl.flock(held, fcntl.LOCK_EX)  # as a worker inside a transaction holds it
            asked = asyncio.create_task(c.get("/healthz"))
            # Answered while the lock is still held (one that waits for it waits 30 s).
            done, _ = await asyncio.wait([asked], timeout=10)
            assert asked in done
        finally:
            os.close(held)
        answer = await asked
    assert answer.status_code == 200
    assert (answer.json()["status"], answer.json()["journal_waiting"]) == ("ok", 1)


# -- a SQLite file's journal in a file of its own (storage.journal.inbox) ----------------------


def sqlite_file_only(engine: Engine) -> journal.Inbox:
    place = journal.inbox(engine)
    if not place.apart:
        pytest.skip("PostgreSQL keeps the journal in its database")
    return place


async def test_a_crash_between_the_commit_and_the_inbox_applies_nothing_twice(
    engine: Engine, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    sqlite_file_only(engine)
    crashed, _ = services_for(engine, clock)
    crashed.runner.journal_now([InboundMessage(Channel.SMS, NURSE, "hi", provider_id="SM1")])
    # It applied the row (committed in the main file) and died before telling the inbox.
    monkeypatch.setattr(crashed.runner, "_settle_apart", lambda applied: None)
    assert await crashed.ingress.drain() == 1
    with Session(journal.inbox(engine).reader) as session:
        assert session.exec(select(JournalEntry.status)).all() == [journal.WAITING]
    restarted, senders = services_for(engine, clock)
    clock.advance(journal.LEASE + timedelta(seconds=1))
    assert await restarted.ingress.drain() == 0  # settled, not applied again
    with Session(journal.inbox(engine).reader) as session:
        assert session.exec(select(JournalEntry.status)).all() == [journal.DONE]
    assert sum(1 for m in messages(engine) if m.direction == "in") == 1
    await restarted.dispatcher.flush()
    assert len(senders["sms"].sent) == 2  # the welcome and question the first queued, once


async def test_rows_the_main_file_held_before_the_upgrade_move_to_the_inbox(
    tmp_path: Path, clock: ManualClock
) -> None:
    url = f"sqlite:///{tmp_path / 'quitbot.db'}"
    older = make_engine(url)
    upgrade(older)
    with older.begin() as connection:  # journaled by the version before, not yet applied
        journal.write(
            connection=connection,
            arrivals=[
                journal.Arrival("sms", "SM1", NURSE, "hi", provider_id="SM1"),
                journal.Arrival("sms", "SM2", NURSE, "yes", provider_id="SM2"),
            ],
            now=clock.now(),
        )
    older.dispose()
    engine = make_engine(url)
    services, _ = services_for(engine, clock)
    assert await services.ingress.drain() == 2
    with engine.connect() as connection:
        assert connection.execute(JournalEntry.__table__.select()).all() == []  # type: ignore[attr-defined]
    assert [m.body for m in messages(engine) if m.direction == "in"] == ["hi", "yes"]
    # A retried webhook for one of them is still a no-op.
    assert services.runner.journal_now(
        [InboundMessage(Channel.SMS, NURSE, "hi", provider_id="SM1")]
    ) == [None]
    engine.dispose()


def test_a_webhooks_row_does_not_wait_for_the_main_files_writer(
    engine: Engine, clock: ManualClock
) -> None:
    place = sqlite_file_only(engine)
    writer = journal.Writer(place.writer)
    written = threading.Event()

    def webhook() -> None:
        writer.write([journal.Arrival("sms", "SM9", NURSE, "hi", provider_id="SM9")], clock.now())
        written.set()

    with engine.begin() as connection:  # the worker's transaction in hand on the main file
        connection.exec_driver_sql("UPDATE participant SET id = id")
        thread = threading.Thread(target=webhook)
        thread.start()
        assert written.wait(timeout=5)  # journaled while the main file's writer holds on
    thread.join()
    writer.close()


async def test_a_slow_processor_whose_lease_ran_out_settles_what_another_applied(
    engine: Engine, clock: ManualClock
) -> None:
    """A processor leases a row and is slow (past its lease) before its transaction; another
    takes the row and applies it. The slow one finds it applied: no second apply, no fault (a
    web chat waiting in its process gets its answer, not an error)."""
    place = sqlite_file_only(engine)
    slow, _ = services_for(engine, clock)
    fast, _ = services_for(engine, clock)
    (entry_id,) = slow.runner.journal_now(
        [InboundMessage(Channel.SMS, NURSE, "hi", provider_id="SM1")]
    )
    looked = slow.runner._first_in_line

    def stalled(group: list[journal.Entry]) -> list[journal.Entry]:
        ready = looked(group)
        clock.advance(journal.LEASE + timedelta(seconds=1))  # past its lease
        assert entry_id in fast.runner.take_journal_now()  # the other applies it meanwhile
        return ready

    slow.runner._first_in_line = stalled  # type: ignore[method-assign]
    outcomes = slow.runner.take_journal_now()
    assert not isinstance(outcomes.get(entry_id), BaseException), outcomes
    assert sum(1 for m in messages(engine) if m.direction == "in") == 1
    with Session(place.reader) as session:
        assert session.exec(select(JournalEntry.status)).all() == [journal.DONE]
