"""Planned wake-ups: stored as rows with the conversation, fired by the ticker, never twice."""

import re
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from bot.channels.base import InboundMessage
from flows import Channel, Stage
from scheduler import ManualClock
from scheduler.planner import SPREAD
from storage import nudges, outcomes
from storage.tables import ConversationRow, MessageRow, Nudge
from tests.bot.helpers import conversation_of, services_for

REGISTER = [
    "hi",
    "yes",
    "35",
    "yes",
    "yes",
    "no",
    "nurse",
    "skip",
    "skip",
    "skip",
    "2",
    "skip",
    "20",
    "1",
    "2",
    "4",
    "1",
    "thursday",
    "yes",
]  # on Monday 23 November: quit Thursday 26th
CHAT = "chat-1"


async def register(engine: Engine, clock: ManualClock):  # type: ignore[no-untyped-def]
    services, senders = services_for(engine, clock)
    for text in REGISTER:
        await services.runner.receive(InboundMessage(Channel.WEB, CHAT, text))
    await services.dispatcher.flush()
    return services, senders


def pending(engine: Engine) -> list[Nudge]:
    with Session(engine) as session:
        return list(
            session.exec(
                select(Nudge).where(col(Nudge.status) == "pending").order_by(col(Nudge.due_at))
            )
        )


async def test_setting_a_quit_date_stores_the_programme_as_rows(
    engine: Engine, clock: ManualClock
) -> None:
    await register(engine, clock)
    rows = pending(engine)
    kinds = [r.kind for r in rows]
    assert kinds.count("check_in") == 34  # daily to day 27, weekly to week 11
    assert kinds.count("follow_up_4w") == kinds.count("follow_up_12w") == 1
    assert kinds.count("discharge") == 1
    quit_day = next(r for r in rows if r.kind == "quit_day")
    # No shifts given: a day off's mid-morning, spread across 20 minutes.
    start = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
    assert start <= quit_day.due_at < start + timedelta(minutes=SPREAD)
    assert {r.plan for r in rows} == {1}


async def test_the_quit_day_message_arrives_on_quit_day_and_only_once(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders = await register(engine, clock)
    sent_before = len(senders["web"].sent)
    clock.set(datetime(2026, 11, 26, 10, 20, 1, tzinfo=UTC))
    await services.runner.fire_due()
    await services.runner.fire_due()
    await services.dispatcher.flush()
    new = senders["web"].texts()[sent_before:]
    assert new[-1].startswith("Today is your quit day.")
    assert sum(t.startswith("Today is your quit day.") for t in new) == 1
    conversation, _ = conversation_of(engine, Channel.WEB, CHAT)
    assert conversation.stage is Stage.QUITTING


async def test_a_check_in_after_stop_is_dropped_not_sent(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders = await register(engine, clock)
    await services.runner.receive(InboundMessage(Channel.WEB, CHAT, "STOP"))
    await services.dispatcher.flush()
    sent_before = len(senders["web"].sent)
    clock.set(datetime(2026, 11, 28, 10, 20, 1, tzinfo=UTC))
    await services.runner.fire_due()
    await services.dispatcher.flush()
    assert senders["web"].sent[sent_before:] == []
    with Session(engine) as session:
        # Everything due by now (quit day's three messages, the first check-in) is dropped.
        statuses = {n.status for n in session.exec(select(Nudge)) if n.day <= 1}
    assert statuses == {"dropped"}


async def test_a_wake_up_claimed_by_a_process_that_died_is_fired_later(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders = await register(engine, clock)
    clock.set(datetime(2026, 11, 26, 10, 20, 1, tzinfo=UTC))
    with Session(engine) as session, session.begin():
        assert nudges.claim_due(session=session, now=clock.now())  # then the process dies
    assert await services.runner.fire_due() == 0
    sent_before = len(senders["web"].sent)
    clock.advance(nudges.LEASE + timedelta(seconds=1))
    assert await services.runner.fire_due() == 3  # two preparation tips and the quit day
    await services.dispatcher.flush()
    # The tips were due a day or two ago: dropped as too late. The quit day still counts.
    assert [t[:23] for t in senders["web"].texts()[sent_before:]] == ["Today is your quit day."]


async def test_a_check_in_conversation_over_the_web(engine: Engine, clock: ManualClock) -> None:
    services, senders = await register(engine, clock)
    clock.set(datetime(2026, 11, 27, 10, 20, 1, tzinfo=UTC))  # day 1
    await services.runner.fire_due()
    for text in ("no", "2", "4"):
        await services.runner.receive(InboundMessage(Channel.WEB, CHAT, text))
    await services.dispatcher.flush()
    texts = senders["web"].texts()
    assert texts[-4].startswith("Day 1 check-in")
    assert texts[-1] == (  # the first day smoke-free is a milestone
        "Your first full day smoke-free is done, and about £16.00 not spent on cigarettes. "
        "The first day is often the hardest. Well done!"
    )


async def test_a_4_week_quit_is_recorded_with_its_evidence(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders = await register(engine, clock)  # quit date Thursday 26 November
    clock.set(datetime(2026, 12, 24, 10, 20, 1, tzinfo=UTC))  # day 28
    await services.runner.fire_due()
    await services.dispatcher.flush()
    assert senders["web"].texts()[-1].startswith("It's 4 weeks since your quit date.")
    assert "since Friday 11 December" in senders["web"].texts()[-1]
    await services.runner.receive(InboundMessage(Channel.WEB, CHAT, "no, not once"))
    with Session(engine) as session:
        pid = conversation_participant(session)
        (row,) = outcomes.outcomes(session=session, participant_id=pid)
        asked = session.get(MessageRow, row.evidence["asked"][0]["message_id"])
        answer = session.get(MessageRow, row.evidence["answer_message_id"])
    assert (row.kind, row.result, row.attempt, row.day) == ("4_week", "quit", 1, 28)
    assert asked is not None
    assert asked.body.startswith("It's 4 weeks")
    assert answer is not None
    assert answer.body == "no, not once"


async def test_silence_is_recorded_as_lost_to_follow_up_when_the_window_closes(
    engine: Engine, clock: ManualClock
) -> None:
    services, _ = await register(engine, clock)
    for day in (28, 32, 43):
        clock.set(datetime(2026, 11, 26, 10, 20, 1, tzinfo=UTC) + timedelta(days=day))
        await services.runner.fire_due()
    with Session(engine) as session:
        (row,) = outcomes.outcomes(
            session=session, participant_id=conversation_participant(session)
        )
    assert (row.result, row.day) == ("lost_to_follow_up", 43)
    assert len(row.evidence["asked"]) == 2  # asked, and asked again
    assert row.evidence["answer_message_id"] is None


def conversation_participant(session: Session) -> int:
    from storage import participants

    pid = participants.find_by_address(session=session, channel="web", address=CHAT)
    assert pid is not None
    return pid


async def test_next_says_when_the_next_message_is_planned(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders = services_for(engine, clock)
    await services.runner.receive(InboundMessage(Channel.WEB, "someone-new", "hi"))
    await services.runner.receive(InboundMessage(Channel.WEB, "someone-new", "NEXT"))
    await services.dispatcher.flush()
    assert senders["web"].texts()[-1].startswith("Nothing is planned from me right now.")

    services, senders = await register(engine, clock)  # quit date Thursday 26 November
    await services.runner.receive(InboundMessage(Channel.WEB, CHAT, "next"))
    await services.dispatcher.flush()
    assert re.match(
        r"My next message is planned for Tuesday 24 November at about 10:[01]\d\.",
        senders["web"].texts()[-1],
    )
    await services.runner.receive(InboundMessage(Channel.WEB, CHAT, "PAUSE"))
    await services.runner.receive(InboundMessage(Channel.WEB, CHAT, "NEXT"))
    await services.dispatcher.flush()
    assert senders["web"].texts()[-1].startswith("Nothing is planned from me right now.")


async def test_a_group_that_meets_a_changed_conversation_is_fed_again_one_at_a_time(
    engine: Engine, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage import conversations

    services, senders = await register(engine, clock)
    for text in REGISTER:  # a second person, in the same group of wake-ups
        await services.runner.receive(InboundMessage(Channel.WEB, "chat-2", text))
    await services.dispatcher.flush()
    real_save_many = conversations.save_many
    sizes: list[int] = []  # conversations saved together, each time

    def save_after_someone_else(**kwargs):  # type: ignore[no-untyped-def]
        session, saves = kwargs["session"], kwargs["saves"]
        if saves:
            sizes.append(len(saves))
        if len(sizes) == 1:  # another process saved one of these conversations first
            session.execute(
                update(ConversationRow)
                .where(col(ConversationRow.participant_id) == saves[0][0])
                .values(version=ConversationRow.version + 1)
            )
        return real_save_many(**kwargs)

    monkeypatch.setattr(conversations, "save_many", save_after_someone_else)
    sent_before = len(senders["web"].sent)
    clock.set(datetime(2026, 11, 26, 10, 20, 1, tzinfo=UTC))  # quit day for both
    assert await services.runner.fire_due() == 6  # two tips (too late) and the quit day, each
    await services.dispatcher.flush()
    new = senders["web"].sent[sent_before:]
    assert sorted(m.address for m in new) == [CHAT, "chat-2"]  # once each, nothing lost
    assert all(m.body.startswith("Today is your quit day.") for m in new)
    with Session(engine) as session:
        statuses = Counter(
            n.status
            for n in session.exec(select(Nudge))
            if n.day <= 0 and n.kind != "quit_day_end" and n.kind != "quit_day_shift"
        )
    assert statuses == {"fired": 2, "dropped": 4}  # quit day's later two are still to come
    assert sizes == [2, 1, 1]  # the group's save failed; then one at a time


async def test_one_wake_up_that_cannot_be_fed_does_not_hold_back_the_others(
    engine: Engine, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.runner
    from flows import WakeDue

    services, senders = await register(engine, clock)  # a nurse
    porter = ["porter" if text == "nurse" else text for text in REGISTER]
    for text in porter:
        await services.runner.receive(InboundMessage(Channel.WEB, "chat-2", text))
    await services.dispatcher.flush()
    real_step = bot.runner.step

    def step_with_a_bug(conversation, event, *, now):  # type: ignore[no-untyped-def]
        if isinstance(event, WakeDue) and conversation.profile.role == "nurse":
            raise ValueError("a bug that only the nurse's messages meet")
        return real_step(conversation, event, now=now)

    monkeypatch.setattr(bot.runner, "step", step_with_a_bug)
    sent_before = len(senders["web"].sent)
    clock.set(datetime(2026, 11, 26, 10, 20, 1, tzinfo=UTC))
    assert await services.runner.fire_due() == 6
    await services.dispatcher.flush()
    new = senders["web"].sent[sent_before:]
    assert [(m.address, m.body[:23]) for m in new] == [("chat-2", "Today is your quit day.")]
    with Session(engine) as session:
        left = [n for n in session.exec(select(Nudge)) if n.status in ("pending", "firing")]
    # Nothing due is left stuck (quit day's afternoon and evening messages are still to come).
    assert all(n.day > 0 or n.kind in ("quit_day_shift", "quit_day_end") for n in left)


async def test_not_now_to_a_check_in_asks_again_a_few_hours_later(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders = await register(engine, clock)
    clock.set(datetime(2026, 11, 27, 10, 20, 1, tzinfo=UTC))  # day 1
    await services.runner.fire_due()
    await services.runner.receive(InboundMessage(Channel.WEB, CHAT, "not now, busy"))
    await services.dispatcher.flush()
    assert senders["web"].texts()[-1].startswith("No problem. I'll ask again in a few hours")
    again = [r for r in pending(engine) if r.kind == "ask_again"]
    assert len(again) == 1
    assert again[0].due_at.replace(tzinfo=UTC) == datetime(2026, 11, 27, 13, 20, 1, tzinfo=UTC)
    clock.set(datetime(2026, 11, 27, 13, 21, tzinfo=UTC))
    await services.runner.fire_due()
    await services.dispatcher.flush()
    assert senders["web"].texts()[-1].startswith("Day 1 check-in")
