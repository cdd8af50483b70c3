"""Quit day through the day, a short-notice quit date, what to expect, and their own triggers
quoted now and then (never in every message)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flows import Channel, Conversation, MessageReceived, Stage, WakeDue, step
from flows.effects import Reply, ScheduleWakes
from flows.journey import learn_message, start_plan
from flows.model import Asking, Profile, QuitAid, WorkPattern
from flows.programme import LEARN_DAYS, Due
from flows.roster import Roster, ShiftKind
from messages import catalog as m
from scheduler.planner import schedule

LONDON = ZoneInfo("Europe/London")
QUIT = date(2026, 11, 26)  # a Thursday
NIGHTS = Roster(weekly={3: ShiftKind.NIGHT, 4: ShiftKind.NIGHT})  # Thursday and Friday nights
EARLIES = Roster(weekly={3: ShiftKind.EARLY})


def quitter(**changes: object) -> Conversation:
    base = Conversation(
        stage=Stage.QUITTING,
        quit_date=QUIT,
        plan=1,
        attempt=1,
        profile=Profile(age=30, cigarettes_per_day=20, quit_aid=QuitAid.NRT),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(QUIT + timedelta(days=day), time(hour, minute), LONDON).astimezone(UTC)


def said(result) -> list[Reply]:  # type: ignore[no-untyped-def]
    return [e for e in result.effects if isinstance(e, Reply)]


def quit_day_plan(roster: Roster | None) -> list[tuple[Due, str]]:
    wakes = next(
        w
        for w in start_plan(quitter(), QUIT, today=QUIT - timedelta(days=7)).effects
        if isinstance(w, ScheduleWakes)
    ).wakes
    planned = schedule(
        wakes,
        quit_date=QUIT,
        roster=roster,
        quiet=None,
        timezone="Europe/London",
        frequency=quitter().frequency,
        spread_key="p",
        now=at(-7, 9),
    )
    return [
        (p.wake.due, p.due_at.astimezone(LONDON).strftime("%a %H"))
        for p in planned
        if p.wake.day == 0
    ]


def test_quit_day_brings_a_morning_a_shift_and_an_end_of_day_message_fitted_to_the_shift() -> None:
    # An early shift: before it, at its break, and after it.
    assert quit_day_plan(EARLIES) == [
        (Due.QUIT_DAY, "Thu 06"),
        (Due.QUIT_DAY_SHIFT, "Thu 11"),
        (Due.QUIT_DAY_END, "Thu 15"),
    ]
    # A first night: the morning, before the night, and its break in the small hours.
    assert quit_day_plan(NIGHTS) == [
        (Due.QUIT_DAY, "Thu 10"),
        (Due.QUIT_DAY_SHIFT, "Thu 19"),
        (Due.QUIT_DAY_END, "Fri 02"),
    ]
    # A day off: morning, afternoon, evening.
    assert quit_day_plan(Roster(weekly={0: ShiftKind.EARLY})) == [
        (Due.QUIT_DAY, "Thu 10"),
        (Due.QUIT_DAY_SHIFT, "Thu 16"),
        (Due.QUIT_DAY_END, "Thu 20"),
    ]


def test_the_quit_day_messages_fit_where_the_person_is_and_quote_their_triggers() -> None:
    nurse = quitter(roster=NIGHTS, triggers="2am and the drive home")
    before = step(nurse, WakeDue(Due.QUIT_DAY_SHIFT, 0, plan=1), now=at(0, 19, 10))
    (reply,) = said(before)
    assert reply.message is m.QUIT_DAY_SHIFT_TRIGGERS
    assert reply.params == {"triggers": "2am and the drive home"}
    late = step(nurse, WakeDue(Due.QUIT_DAY_END, 0, plan=1), now=at(1, 1, 50))
    assert [r.message for r in said(late)] == [m.QUIT_DAY_SHIFT_END]
    day_off = quitter(roster=EARLIES)
    afternoon = step(day_off, WakeDue(Due.QUIT_DAY_SHIFT, 0, plan=1), now=at(0, 16))
    assert [r.message for r in said(afternoon)] == [m.QUIT_DAY_AFTERNOON]  # the shift is over
    evening = step(quitter(), WakeDue(Due.QUIT_DAY_END, 0, plan=1), now=at(0, 20))
    assert [r.message for r in said(evening)] == [m.QUIT_DAY_END]
    # Words the safety screen would stop are never quoted back.
    worrying = quitter(roster=NIGHTS, triggers="when I want to end it all")
    safe = step(worrying, WakeDue(Due.QUIT_DAY_SHIFT, 0, plan=1), now=at(0, 19, 10))
    assert [r.message for r in said(safe)] == [m.QUIT_DAY_SHIFT]


def test_a_quit_date_today_or_in_two_days_asks_for_reasons_then_triggers_at_once() -> None:
    for days in (0, 1, 2):
        choosing = Conversation(
            stage=Stage.CONFIRM_QUIT_DATE,
            proposed_quit_date=QUIT + timedelta(days=days),
            profile=Profile(age=30),
        )
        result = step(choosing, MessageReceived("yes", Channel.SMS), now=at(0, 9))
        keys = [r.message.key for r in said(result)]
        set_message = m.QUIT_DATE_SET_TODAY if days == 0 else m.QUIT_DATE_SET_SOON
        assert keys == [set_message.key, m.HELP_HINT.key, m.ASK_REASONS_NOW.key]
        assert result.conversation.asking is Asking.REASONS
        noted = step(result.conversation, MessageReceived("my lungs", Channel.SMS), now=at(0, 9))
        assert [r.message for r in said(noted)] == [m.REASONS_NOTED, m.ASK_TRIGGERS]
        plan = step(noted.conversation, MessageReceived("tea breaks", Channel.SMS), now=at(0, 9))
        assert [r.message for r in said(plan)] == [m.TRIGGERS_NOTED]  # the plan for them
        assert plan.conversation.triggers == "tea breaks"
    # Today's quit date never says "before then".
    today = "Great, today is your quit day."
    assert m.QUIT_DATE_SET_TODAY.text.startswith(today)
    assert "before then" not in m.QUIT_DATE_SET_TODAY.text


def test_a_quit_date_a_week_ahead_is_prepared_for_on_the_days_before() -> None:
    choosing = Conversation(
        stage=Stage.CONFIRM_QUIT_DATE,
        proposed_quit_date=QUIT + timedelta(days=7),
        profile=Profile(age=30),
    )
    result = step(choosing, MessageReceived("yes", Channel.SMS), now=at(0, 9))
    assert [r.message for r in said(result)] == [m.QUIT_DATE_SET, m.HELP_HINT]
    assert result.conversation.asking is None


def test_what_to_expect_is_made_for_the_person() -> None:
    nights = quitter(profile=Profile(work_pattern=WorkPattern.NIGHTS, quit_aid=QuitAid.NRT))
    days = quitter(profile=Profile(work_pattern=WorkPattern.DAYS, quit_aid=QuitAid.VARENICLINE))
    assert learn_message(nights, 5) is m.LEARN_SLEEP_NIGHTS
    assert learn_message(days, 5) is m.LEARN_SLEEP
    assert learn_message(nights, 11) is m.LEARN_SLEEP_PATCH
    assert learn_message(days, 11) is None  # patches only for NRT
    assert learn_message(days, 15) is m.LEARN_MOOD_VARENICLINE
    messages = [learn_message(nights, d) for d in LEARN_DAYS]
    assert len(set(messages)) == len(messages)  # never the same lesson twice
    assert learn_message(nights, 2) is m.LEARN_WITHDRAWAL and learn_message(nights, 3) is (
        m.LEARN_CAFFEINE
    )


def test_triggers_are_quoted_in_a_few_on_shift_tips_never_in_every_one() -> None:
    every_day = Roster(weekly=dict.fromkeys(range(7), ShiftKind.LONG_DAY))
    conversation = quitter(roster=every_day, triggers="tea breaks")
    quoted = []
    for day in range(1, 29):
        result = step(conversation, WakeDue(Due.SHIFT_TIP, day, plan=1), now=at(day, 13))
        conversation = result.conversation
        if said(result)[0].message is m.SHIFT_TIP_TRIGGERS:
            quoted.append(day)
    assert quoted == [1, 5, 9]  # every four days at most, three times in all


def test_a_craving_to_a_check_in_question_is_helped_not_counted_as_smoking() -> None:
    asking = quitter(asking=Asking.SMOKED, check_in_day=5)
    result = step(asking, MessageReceived("really want one", Channel.SMS), now=at(5, 15))
    assert result.conversation.smoked_days == () and result.conversation.cigarettes_smoked == 0
    assert any(r.message.key.startswith("journey.crave") for r in said(result))
