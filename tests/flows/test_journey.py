from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from flows import (
    AdvisorReason,
    Channel,
    Conversation,
    MessageReceived,
    RecordSafetyEvent,
    Reply,
    RequestAdvisor,
    SafetyConcern,
    ScheduleWakes,
    Stage,
    WakeDue,
    step,
)
from flows import progress as check_ins
from flows.effects import TellWhenPerson
from flows.journey import money_not_spent, smoke_free_days
from flows.model import Asking, Frequency, Profile, QuitAid, WorkPattern
from flows.owner import OwnerKind
from flows.programme import Due
from messages import catalog as m
from messages.catalog import Money

QUIT = date(2026, 11, 26)  # a Thursday
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def keys(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.message.key for e in result.effects if isinstance(e, Reply)]


def quitter(**changes: object) -> Conversation:
    base = Conversation(
        stage=Stage.QUITTING,
        quit_date=QUIT,
        plan=1,
        attempt=1,
        profile=Profile(age=30, cigarettes_per_day=20, quit_aid=QuitAid.NRT),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def say(conversation: Conversation, text: str, now: datetime):  # type: ignore[no-untyped-def]
    return step(conversation, MessageReceived(text, Channel.SMS), now=now)


def test_confirming_a_quit_date_plans_the_programme() -> None:
    confirming = Conversation(
        stage=Stage.CONFIRM_QUIT_DATE, proposed_quit_date=QUIT, profile=Profile(age=30)
    )
    result = say(confirming, "yes", NOW)
    assert result.conversation.stage is Stage.PREPARING
    assert (result.conversation.attempt, result.conversation.plan) == (1, 1)
    schedule = next(e for e in result.effects if isinstance(e, ScheduleWakes))
    assert schedule.quit_date == QUIT
    assert schedule.plan == 1
    days = {(w.due, w.day) for w in schedule.wakes}
    assert (Due.QUIT_DAY, 0) in days
    assert (Due.PREPARE, -1) in days
    assert (Due.PREPARE, -2) in days
    checks = sorted(d for due, d in days if due is Due.CHECK_IN)
    assert checks[:27] == list(range(1, 28))  # day 28 is the 4-week follow-up instead
    assert checks[27:] == [35, 42, 49, 56, 63, 70, 77]  # and day 84 the 12-week one


def test_a_wake_up_from_an_older_plan_is_dropped() -> None:
    result = step(quitter(plan=2), WakeDue(Due.CHECK_IN, 5, plan=1), now=NOW)
    assert result.effects == ()
    assert result.conversation == quitter(plan=2)


def test_quit_day_starts_the_attempt() -> None:
    preparing = quitter(stage=Stage.PREPARING)
    result = step(preparing, WakeDue(Due.QUIT_DAY, 0, plan=1), now=NOW)
    assert result.conversation.stage is Stage.QUITTING
    assert keys(result) == [m.QUIT_DAY.key]


def test_a_smoke_free_check_in_ends_with_progress_in_days_and_money() -> None:
    day5 = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    conversation = step(quitter(), WakeDue(Due.CHECK_IN, 5, plan=1), now=day5).conversation
    assert conversation.asking is Asking.SMOKED
    # Day 5's wordings (each question has five, taken in turn by the day).
    for text, expected in (("no", check_ins.CRAVING[0]), ("3", check_ins.MOOD[0])):
        result = say(conversation, text, day5)
        assert keys(result) == [expected.key]
        conversation = result.conversation
    done = say(conversation, "4", day5)
    assert keys(done) == [check_ins.PROGRESS[0].key]
    progress = done.effects[0]
    assert isinstance(progress, Reply)
    assert progress.params == {"days": 5, "money": Money(5 * 20 * 80)}  # 20 a day at 80p
    assert done.conversation.asking is None


def test_a_slip_is_counted_to_the_shift_day_and_is_not_a_reset() -> None:
    # 03:00 on 1 December (programme day 5 by the clock) is still the night of day 4.
    night = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
    asking = step(quitter(), WakeDue(Due.CHECK_IN, 4, plan=1), now=night).conversation
    result = say(asking, "2", night)
    assert result.conversation.smoked_days == (4,)
    assert result.conversation.cigarettes_smoked == 2
    assert keys(result) == [m.SLIPPED.key, check_ins.CRAVING[4].key]
    later = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)  # day 7
    assert smoke_free_days(result.conversation, now=later) == 6  # 7 days, one with a slip
    assert money_not_spent(result.conversation, now=later) == Money((7 * 20 - 2) * 80)


def test_yes_then_how_many() -> None:
    asking = quitter(asking=Asking.SMOKED, check_in_day=3)
    result = say(asking, "yes", NOW)
    assert keys(result) == [m.CHECK_IN_HOW_MANY.key]
    assert say(result.conversation, "loads", NOW).conversation.asking is Asking.HOW_MANY


def test_low_mood_on_varenicline_gets_safety_advice_and_a_person() -> None:
    on_varenicline = quitter(
        asking=Asking.MOOD, profile=Profile(age=30, quit_aid=QuitAid.VARENICLINE)
    )
    result = say(on_varenicline, "1", NOW + timedelta(days=5))
    assert m.LOW_MOOD_VARENICLINE.key in keys(result)
    assert RecordSafetyEvent(SafetyConcern.VARENICLINE_LOW_MOOD) in result.effects
    assert any(isinstance(e, RequestAdvisor) and e.urgent for e in result.effects)


def test_a_mood_of_1_gets_a_safety_net_and_a_person_not_urgently() -> None:
    result = say(quitter(asking=Asking.MOOD), "1", NOW + timedelta(days=5))
    assert keys(result)[-2:] == [m.LOW_MOOD.key, m.SAFETY_NET.key]
    assert RequestAdvisor(AdvisorReason.DISTRESS) in result.effects  # not urgent
    assert result.conversation.advisor_requested


def test_crave_gives_varied_help_then_asks_for_a_person() -> None:
    conversation = quitter()
    tips = []
    for minutes in (0, 10, 20):
        result = say(conversation, "CRAVE", NOW + timedelta(minutes=minutes))
        tips.append(keys(result)[0])
        conversation = result.conversation
    assert len(set(tips)) == 3  # never the same help twice in a row
    # The third in an hour: a person is asked for, and the person is told when they answer.
    assert RequestAdvisor(AdvisorReason.CRAVINGS) in result.effects
    assert any(isinstance(e, TellWhenPerson) for e in result.effects)
    assert conversation.owner.kind is OwnerKind.WAITING
    calm = say(conversation, "crave", NOW + timedelta(hours=5))
    assert not any(isinstance(e, RequestAdvisor | TellWhenPerson) for e in calm.effects)


def test_welsh_chwant_is_crave() -> None:
    result = say(quitter(locale="cy"), "chwant", NOW)
    assert keys(result)[0].startswith("journey.crave_")


def test_crisis_in_the_middle_of_a_check_in_comes_first() -> None:
    result = say(quitter(asking=Asking.CRAVING), "I want to die", NOW)
    assert keys(result)[0] == m.CRISIS.key
    # The check-in is dropped: their next "no" is not a craving score, and no planned
    # message comes for a while (an advisor will be in touch).
    assert result.conversation.asking is None
    assert say(result.conversation, "no", NOW).conversation.asking is None


def test_slip_tells_a_one_off_from_a_return_to_smoking() -> None:
    day3 = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
    asked = say(quitter(), "SLIP", day3)
    assert keys(asked) == [m.SLIP_ASK.key]
    one_off = say(asked.conversation, "1", day3)
    assert keys(one_off) == [m.SLIP_ONE_OFF.key]
    assert one_off.conversation.stage is Stage.QUITTING
    assert one_off.conversation.smoked_days == (3,)
    again = say(asked.conversation, "2", day3)
    assert keys(again) == [m.SLIP_RELAPSE.key]
    assert again.conversation.stage is Stage.RELAPSED
    # No more check-ins: the plan is replaced by an exit survey in two weeks, unless DATE.
    schedule = next(e for e in again.effects if isinstance(e, ScheduleWakes))
    assert [(w.due, w.day) for w in schedule.wakes] == [(Due.DISCHARGE, 17)]
    assert schedule.plan == again.conversation.plan == 2


def test_date_starts_a_new_attempt_and_replaces_the_plan() -> None:
    relapsed = quitter(stage=Stage.RELAPSED, smoked_days=(3, 4), cigarettes_smoked=9)
    choosing = say(relapsed, "DATE", NOW)
    assert keys(choosing) == [m.ASK_NEW_DATE.key]
    proposed = say(choosing.conversation, "friday", NOW).conversation
    confirmed = say(proposed, "yes", NOW)
    after = confirmed.conversation
    assert (after.attempt, after.plan, after.stage) == (2, 2, Stage.PREPARING)
    assert after.quit_date == date(2026, 11, 27)
    assert (after.smoked_days, after.cigarettes_smoked) == ((), 0)
    schedule = next(e for e in confirmed.effects if isinstance(e, ScheduleWakes))
    assert schedule.plan == 2


def test_date_while_still_registering_just_asks_the_current_question() -> None:
    registering = Conversation(stage=Stage.AGE)
    assert keys(say(registering, "DATE", NOW)) == [m.ASK_AGE.key]


def test_pause_holds_planned_messages_until_resume() -> None:
    paused = say(quitter(), "PAUSE", NOW).conversation
    assert paused.paused
    assert step(paused, WakeDue(Due.CHECK_IN, 3, plan=1), now=NOW).effects == ()
    resumed = say(paused, "resume", NOW)
    assert keys(resumed) == [m.RESUMED.key]
    assert not resumed.conversation.paused


def test_less_and_more_set_the_frequency() -> None:
    assert say(quitter(), "LESS", NOW).conversation.frequency is Frequency.LESS
    assert say(quitter(), "mwy", NOW).conversation.frequency is Frequency.MORE


def test_mood_on_varenicline_also_gets_the_safety_advice() -> None:
    on_varenicline = quitter(profile=Profile(age=30, quit_aid=QuitAid.VARENICLINE))
    result = say(on_varenicline, "stressed", NOW)
    assert keys(result) == [m.MOOD_SUPPORT.key, m.SAFETY_NET.key, m.LOW_MOOD_VARENICLINE.key]
    assert RecordSafetyEvent(SafetyConcern.VARENICLINE_LOW_MOOD) in result.effects
    assert keys(say(quitter(), "MOOD", NOW)) == [m.MOOD_SUPPORT.key, m.SAFETY_NET.key]


def test_pregnancy_gets_the_maternity_service_and_an_advisor_once() -> None:
    result = say(quitter(asking=Asking.CRAVING), "just found out I'm pregnant", NOW)
    assert keys(result)[:2] == [m.PREGNANCY.key, m.PREGNANCY_FOLLOW_UP.key]
    assert keys(result)[-1] == m.CHECK_IN_CRAVING.key  # then the question again
    assert RequestAdvisor(AdvisorReason.PREGNANCY) in result.effects
    assert RecordSafetyEvent(SafetyConcern.PREGNANCY, "pregnancy") in result.effects
    again = say(result.conversation, "I'm pregnant", NOW)
    assert m.PREGNANCY.key not in keys(again)


def test_someone_elses_pregnancy_is_not_a_safety_event() -> None:
    result = say(quitter(), "my sister is pregnant and smokes", NOW)
    assert not any(isinstance(e, RecordSafetyEvent) for e in result.effects)


def test_preparation_asks_for_reasons_and_crave_gives_them_back() -> None:
    preparing = quitter(stage=Stage.PREPARING)
    asked = step(preparing, WakeDue(Due.PREPARE, -2, plan=1), now=NOW)
    assert keys(asked) == [m.ASK_REASONS.key]
    noted = say(asked.conversation, "My kids. And my lungs.", NOW)
    assert noted.conversation.reasons == "My kids. And my lungs"
    # Two days before the quit date, the triggers are asked for next if still unknown.
    assert keys(noted) == [m.REASONS_NOTED.key, m.ASK_TRIGGERS.key]
    conversation = replace(noted.conversation, asking=None)
    given = []
    for minutes in range(0, 5 * 61, 61):  # five cravings, over an hour apart
        result = say(conversation, "CRAVE", NOW + timedelta(minutes=minutes))
        given.append(result.effects[0])
        conversation = result.conversation
    assert Reply(m.CRAVE_OWN_REASONS, {"reasons": "My kids. And my lungs"}) in given


def test_triggers_can_be_skipped() -> None:
    asked = step(quitter(stage=Stage.PREPARING), WakeDue(Due.PREPARE, -3, plan=1), now=NOW)
    assert keys(asked) == [m.ASK_TRIGGERS.key]
    skipped = say(asked.conversation, "skip", NOW)
    assert skipped.conversation.triggers is None
    assert skipped.conversation.asking is None


def test_crave_on_a_night_shift_gets_help_for_work() -> None:
    on_nights = quitter(profile=Profile(age=30, work_pattern=WorkPattern.NIGHTS))
    at_3am = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
    assert keys(say(on_nights, "CRAVE", at_3am))[0] == m.CRAVE_ON_SHIFT_AWAY.key
    at_3pm = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)  # asleep or off: help for home
    assert keys(say(on_nights, "CRAVE", at_3pm))[0] == m.CRAVE_GET_OUTSIDE.key


def test_office_hours_are_not_at_work_at_the_weekend() -> None:
    office = quitter(profile=Profile(age=30, work_pattern=WorkPattern.OFFICE_HOURS))
    saturday_11am = datetime(2026, 11, 28, 11, 0, tzinfo=UTC)
    monday_11am = datetime(2026, 11, 30, 11, 0, tzinfo=UTC)
    assert keys(say(office, "CRAVE", saturday_11am))[0] == m.CRAVE_GET_OUTSIDE.key
    assert keys(say(office, "CRAVE", monday_11am))[0] == m.CRAVE_ON_SHIFT_AWAY.key
