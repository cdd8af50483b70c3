"""Nudges around shifts, end to end: rosters and quiet hours through the real runner and ticker."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.channels.base import InboundMessage
from bot.channels.recording import RecordingSender
from bot.services import Services
from flows import Channel, Conversation
from flows.model import Frequency
from scheduler import ManualClock
from scheduler.planner import blocked
from storage.tables import MessageRow, Nudge
from tests.bot.helpers import a_provider, conversation_of, services_for

LONDON = ZoneInfo("Europe/London")
BEFORE_PATTERN = ["hi", "yes", "35", "yes", "yes", "no", "nurse", "skip", "skip", "skip"]
# Quit Thursday 26 November, three days away: reasons and triggers are asked at once (skipped).
AFTER_ROSTER = ["20", "1", "2", "4", "1", "thursday", "yes", "skip", "skip"]


async def say(services: Services, address: str, *texts: str) -> None:
    for text in texts:
        await services.runner.receive(InboundMessage(Channel.WEB, address, text))
    await services.dispatcher.flush()


async def register(
    engine: Engine, clock: ManualClock, address: str, pattern: str, *roster: str
) -> tuple[Services, dict[str, RecordingSender]]:
    services, senders = services_for(engine, clock)
    await say(services, address, *BEFORE_PATTERN, pattern, *roster, *AFTER_ROSTER)
    return services, senders


def pending(engine: Engine, participant_id: int | None = None) -> list[Nudge]:
    query = select(Nudge).where(col(Nudge.status) == "pending")
    if participant_id is not None:
        query = query.where(col(Nudge.participant_id) == participant_id)
    with Session(engine) as session:
        return list(session.exec(query.order_by(col(Nudge.due_at))))


def local(moment: datetime) -> datetime:
    return moment.astimezone(LONDON)


def assert_clear_of_sleep_and_quiet(conversation: Conversation, rows: list[Nudge]) -> None:
    for row in rows:
        if row.kind.endswith("_closes"):
            continue  # bookkeeping: sends nothing
        day = local(row.due_at).date()
        windows = blocked(conversation.roster, conversation.quiet_hours, day, "Europe/London")
        assert not any(s <= row.due_at < e for s, e in windows), (row.kind, local(row.due_at))


async def test_a_night_worker_is_never_woken_after_nights(
    engine: Engine, clock: ManualClock
) -> None:
    _services, senders = await register(engine, clock, "nina", "2", "nights mon-wed", "yes")
    texts = senders["web"].texts()
    assert "So you work: nights Mon, Tue, Wed. Is that right? Reply YES or NO" in texts
    assert any(t.startswith("Thanks. I'll fit my messages around your shifts") for t in texts)
    conversation, _ = conversation_of(engine, Channel.WEB, "nina")
    assert conversation.roster is not None
    rows = pending(engine)
    assert_clear_of_sleep_and_quiet(conversation, rows)
    # Quit day is Thursday, after Wednesday's night: on waking, not at 08:30.
    (quit_day,) = [r for r in rows if r.kind == "quit_day"]
    assert time(14, 0) <= local(quit_day.due_at).time() < time(14, 20)
    # The first week brings a tip at the break of each night worked.
    tips = [local(r.due_at) for r in rows if r.kind == "shift_tip"]
    assert tips and all(time(1, 0) <= t.time() < time(3, 0) for t in tips)
    assert {t.weekday() for t in tips} <= {1, 2, 3}  # the small hours after Mon, Tue, Wed


async def test_shift_later_replans_what_is_left_without_repeating_today(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders = await register(engine, clock, "sam", "4", "skip")
    clock.set(datetime(2026, 11, 27, 10, 30, tzinfo=UTC))  # Friday, day 1
    await services.runner.fire_due()
    await services.dispatcher.flush()
    assert senders["web"].texts()[-1].startswith("Day 1 check-in")
    before, _ = conversation_of(engine, Channel.WEB, "sam")
    await say(services, "sam", "SHIFT")
    assert senders["web"].texts()[-1].startswith("Which shifts do you work?")
    await say(services, "sam", "long days sat sun mon")
    assert senders["web"].texts()[-1] == (
        "So you work: long days Mon, Sat, Sun. Is that right? Reply YES or NO"
    )
    await say(services, "sam", "yes")
    after, _ = conversation_of(engine, Channel.WEB, "sam")
    assert after.plan == before.plan + 1
    rows = pending(engine)
    assert rows and {r.plan for r in rows} == {after.plan}
    assert not [r for r in rows if r.day == 1 and r.kind == "check_in"]  # already asked today
    # Saturday's check-in is after the long day (20:00 + 30 min), not mid-morning.
    (saturday,) = [r for r in rows if r.kind == "check_in" and r.day == 2]
    assert time(20, 30) <= local(saturday.due_at).time() < time(20, 50)
    assert_clear_of_sleep_and_quiet(after, rows)


async def test_shift_with_its_answer_in_one_message(engine: Engine, clock: ManualClock) -> None:
    services, senders = await register(engine, clock, "ola", "1", "skip")
    await say(services, "ola", "shift earlies mon tue")
    assert senders["web"].texts()[-1].startswith("So you work: earlies Mon, Tue.")
    await say(services, "ola", "no")
    assert senders["web"].texts()[-1].startswith("No problem. Tell me your shifts again")
    await say(services, "ola", "lates mon tue", "yes")
    conversation, _ = conversation_of(engine, Channel.WEB, "ola")
    assert conversation.roster is not None
    assert conversation.roster.kind_on(date(2026, 11, 30)) is not None


async def test_quiet_hours_move_every_planned_message(engine: Engine, clock: ManualClock) -> None:
    services, senders = await register(engine, clock, "qi", "6")
    await say(services, "qi", "QUIET", "8am-11am")
    assert senders["web"].texts()[-1] == (
        "Done. No messages from me between 08:00 and 11:00. Text QUIET to change that."
    )
    conversation, _ = conversation_of(engine, Channel.WEB, "qi")
    rows = pending(engine)
    assert_clear_of_sleep_and_quiet(conversation, rows)
    day_off = [local(r.due_at).time() for r in rows if r.kind == "check_in"]
    assert day_off and all(t >= time(11, 0) for t in day_off)  # 10:00 moved past 11:00
    await say(services, "qi", "quiet none")
    assert senders["web"].texts()[-1].startswith("Done, no quiet hours of your own.")
    again = [local(r.due_at).time() for r in pending(engine) if r.kind == "check_in"]
    assert min(again) < time(11, 0)


async def test_less_and_more_change_what_is_planned(engine: Engine, clock: ManualClock) -> None:
    services, _ = await register(engine, clock, "lee", "2", "nights mon-wed", "yes")

    def count(kind: str) -> int:
        return sum(r.kind == kind for r in pending(engine))

    normal = count("check_in")
    await say(services, "lee", "LESS")
    assert count("check_in") < normal and count("shift_tip") == 0
    await say(services, "lee", "MORE")
    # Less where capped (and what to expect goes before a tip on a full day).
    assert count("check_in") == normal and count("shift_tip") > 10
    conversation, _ = conversation_of(engine, Channel.WEB, "lee")
    assert conversation.frequency is Frequency.MORE


async def test_a_planned_message_is_withheld_while_an_advisor_holds_the_conversation(
    engine: Engine, clock: ManualClock
) -> None:
    advisor = a_provider(engine, clock)
    services, senders = await register(engine, clock, "ada", "6")
    await say(services, "ada", "ADVISOR")
    (_, pid), *_ = [(r.id, r.participant_id) for r in pending(engine)]
    await services.handover.take_over(advisor, pid)
    await services.dispatcher.flush()  # (told a person is here)
    sent = len(senders["web"].sent)
    clock.set(datetime(2026, 11, 24, 10, 30, tzinfo=UTC))
    assert await services.runner.fire_due() == 1
    await services.dispatcher.flush()
    assert senders["web"].sent[sent:] == []
    with Session(engine) as session:
        statuses = [n.status for n in session.exec(select(Nudge).where(col(Nudge.day) == -2))]
    assert statuses == ["withheld"]


async def test_an_hour_down_then_restarted_sends_what_was_missed_once(
    engine: Engine, clock: ManualClock
) -> None:
    _first, _senders = await register(engine, clock, "rae", "6")
    (tip,) = [r for r in pending(engine) if r.day == -2]
    # The server is down when the tip comes due, and for an hour after.
    clock.set(tip.due_at + timedelta(hours=1))
    second, second_senders = services_for(engine, clock)  # a new process on the same database
    assert await second.runner.fire_due() == 1
    assert await second.runner.fire_due() == 0
    await second.dispatcher.flush()
    assert len(second_senders["web"].texts("rae")) == 1
    # Down for longer than the policy allows (six hours): the next one is dropped, not sent.
    (later,) = [r for r in pending(engine) if r.day == -1]
    clock.set(later.due_at + timedelta(hours=7))
    assert await second.runner.fire_due() == 1
    await second.dispatcher.flush()
    assert len(second_senders["web"].texts("rae")) == 1


ROSTERS = {
    "nights": ("2", "nights mon-wed", "yes"),
    "long days": ("4", "4 on 4 off", "yes"),
    "earlies": ("1", "earlies mon tue wed thu fri", "yes"),
    "none": ("6",),
}


async def test_twelve_weeks_in_virtual_time_keep_sleep_quiet_hours_and_the_cap(
    engine: Engine, clock: ManualClock
) -> None:
    services, _senders = services_for(engine, clock)
    people = []
    for n, (name, roster) in enumerate(ROSTERS.items()):
        for extra in ((), ("QUIET", "10pm-7am"), ("MORE",), ("LESS",)):
            address = f"{name}-{n}-{'-'.join(extra) or 'plain'}"
            await say(services, address, *BEFORE_PATTERN, *roster, *AFTER_ROSTER, *extra)
            people.append(address)
    start = clock.now()
    end = start + timedelta(weeks=13)
    while True:
        with Session(engine) as session:
            due = session.exec(
                select(Nudge.due_at)
                .where(col(Nudge.status) == "pending")
                .order_by(col(Nudge.due_at))
                .limit(1)
            ).first()
        if due is None or due > end:
            break
        clock.set(max(due, clock.now()))
        await services.runner.fire_due()
        await services.dispatcher.flush()
    with Session(engine) as session:
        planned_messages = list(
            session.exec(
                select(MessageRow).where(
                    col(MessageRow.direction) == "out",
                    col(MessageRow.priority) == 1,
                    col(MessageRow.created_at) > start,
                )
            )
        )
    assert len(planned_messages) > 20 * len(people)
    for address in people:
        conversation, _ = conversation_of(engine, Channel.WEB, address)
        mine = [m for m in planned_messages if m.address == address]
        per_day = Counter(local(m.created_at).date() for m in mine)
        cap = 1 if conversation.frequency is Frequency.LESS else 2
        # Quit day (and the date its night's break falls on) may have one more: support
        # through the day.
        quit_day = {
            local(m.created_at).date()
            for m in mine
            if (m.message_key or "").startswith("journey.quit_day")
        }
        assert all(n <= cap + (d in quit_day) for d, n in per_day.items()), address
        for message in mine:
            day = local(message.created_at).date()
            windows = blocked(conversation.roster, conversation.quiet_hours, day, "Europe/London")
            at = message.created_at
            assert not any(s <= at < e for s, e in windows), (address, local(at), message.body)


async def test_the_end_of_sleep_after_nights_is_a_setting(
    engine: Engine, clock: ManualClock
) -> None:
    services, _ = services_for(engine, clock, QUITBOT_NIGHT_SLEEP_UNTIL="15:30")
    await say(services, "owl", *BEFORE_PATTERN, "2", "nights mon-wed", "yes", *AFTER_ROSTER)
    (quit_day,) = [r for r in pending(engine) if r.kind == "quit_day"]
    assert time(15, 30) <= local(quit_day.due_at).time() < time(15, 50)
