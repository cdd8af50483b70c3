"""Talking about shifts and quiet hours: registration, SHIFT, QUIET, and words out of the blue."""

from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest

from flows import Channel, Conversation, MessageReceived, Reply, ScheduleWakes, Stage, step
from flows.cravings import Whereabouts, whereabouts
from flows.model import Asking, Frequency, Profile, WorkPattern
from flows.programme import Due
from flows.roster import QuietHours, Roster, ShiftKind
from messages import catalog as m

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # Wednesday 25 November
QUIT = date(2026, 11, 23)  # quitting since Monday
NIGHTS_MON_TO_WED = Roster(weekly=dict.fromkeys((0, 1, 2), ShiftKind.NIGHT))


def say(conversation: Conversation, text: str, now: datetime = NOW):  # type: ignore[no-untyped-def]
    return step(conversation, MessageReceived(text, Channel.SMS), now=now)


def keys(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.message.key for e in result.effects if isinstance(e, Reply)]


def schedules(result) -> list[ScheduleWakes]:  # type: ignore[no-untyped-def]
    return [e for e in result.effects if isinstance(e, ScheduleWakes)]


def registering(pattern: WorkPattern | None = None) -> Conversation:
    return Conversation(stage=Stage.WORK_PATTERN, profile=Profile(age=30, work_pattern=pattern))


def quitter(**changes: object) -> Conversation:
    base = Conversation(stage=Stage.QUITTING, quit_date=QUIT, plan=3, attempt=1)
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("answer", "stage", "roster"),
    [
        ("2", Stage.ROSTER, None),  # nights: which ones?
        ("long days", Stage.ROSTER, None),
        ("3", Stage.ROSTER, None),  # days and nights
        ("5", Stage.CIGARETTES, Roster(weekly=dict.fromkeys(range(5), ShiftKind.OFFICE))),
        ("6", Stage.CIGARETTES, None),  # other: nothing to ask
        ("skip", Stage.CIGARETTES, None),
    ],
)
def test_shift_workers_are_asked_for_their_shifts_at_registration(
    answer: str, stage: Stage, roster: Roster | None
) -> None:
    result = say(registering(), answer)
    assert result.conversation.stage is stage
    assert result.conversation.roster == roster


def test_a_roster_is_read_back_and_kept_on_yes() -> None:
    asked = say(registering(), "2").conversation
    read_back = say(asked, "nights mon-wed")
    assert keys(read_back) == ["roster.confirm"]
    (reply,) = read_back.effects
    assert isinstance(reply, Reply)
    assert reply.params["shifts"].weekly == (("night", (0, 1, 2)),)  # type: ignore[union-attr]
    assert read_back.conversation.stage is Stage.CONFIRM_ROSTER
    kept = say(read_back.conversation, "yes")
    assert kept.conversation.roster == NIGHTS_MON_TO_WED
    assert kept.conversation.proposed_roster is None
    assert keys(kept) == ["roster.saved", "reg.ask_cigarettes"]


def test_days_alone_take_their_kind_from_the_work_pattern() -> None:
    asked = say(registering(), "nights").conversation  # the pattern question: nights
    read_back = say(asked, "mon tue wed")
    assert read_back.conversation.proposed_roster == NIGHTS_MON_TO_WED


def test_no_asks_again_and_new_words_are_read_back_instead() -> None:
    asked = say(registering(), "2").conversation
    read_back = say(asked, "nights mon-wed").conversation
    again = say(read_back, "no")
    assert keys(again) == ["roster.again"]
    assert again.conversation.stage is Stage.ROSTER
    corrected = say(read_back, "nights thu fri")
    assert corrected.conversation.stage is Stage.CONFIRM_ROSTER
    assert corrected.conversation.proposed_roster == Roster(
        weekly={3: ShiftKind.NIGHT, 4: ShiftKind.NIGHT}
    )


def test_words_that_are_not_shifts_get_examples_and_vague_ones_a_question() -> None:
    asked = say(registering(), "3").conversation
    assert keys(say(asked, "banana")) == ["roster.reask"]
    assert keys(say(asked, "it varies")) == ["roster.need_days"]
    assert say(asked, "it varies").conversation.stage is Stage.ROSTER
    skipped = say(asked, "skip")
    assert skipped.conversation.stage is Stage.CIGARETTES
    assert skipped.conversation.roster is None


def test_shift_any_time_later_reads_back_and_replans_on_yes() -> None:
    asked = say(quitter(), "SHIFT")
    assert keys(asked) == ["roster.ask"]
    assert asked.conversation.asking is Asking.ROSTER
    read_back = say(asked.conversation, "off till monday")
    assert keys(read_back) == ["roster.confirm"]
    proposed = read_back.conversation.proposed_roster
    assert proposed is not None
    assert proposed.changes == dict.fromkeys(
        (date(2026, 11, 25), date(2026, 11, 26), date(2026, 11, 27), date(2026, 11, 28)), None
    ) | {date(2026, 11, 29): None}
    kept = say(read_back.conversation, "yes")
    assert kept.conversation.roster == proposed
    assert kept.conversation.asking is None
    assert kept.conversation.plan == 4  # wake-ups of the old plan are now stale
    (planned,) = schedules(kept)
    assert planned.plan == 4
    assert min(w.day for w in planned.wakes) == 2  # from today (day 2) on, nothing before


def test_shift_with_the_answer_in_one_message() -> None:
    result = say(quitter(), "SHIFT nights mon-wed")
    assert keys(result) == ["roster.confirm"]
    assert result.conversation.asking is Asking.CONFIRM_ROSTER


def test_shift_while_registering_waits_for_its_turn() -> None:
    registering_age = Conversation(stage=Stage.AGE)
    result = say(registering_age, "SHIFT")
    assert result.conversation.stage is Stage.AGE
    assert keys(result) == ["reg.ask_age"]


def test_shift_words_out_of_the_blue_are_read_back_not_ignored() -> None:
    result = say(quitter(), "earlies this week")
    assert keys(result) == ["roster.confirm"]
    assert say(quitter(), "hello").conversation.asking is None


def test_quiet_hours_are_kept_said_back_and_replanned() -> None:
    asked = say(quitter(), "QUIET")
    assert keys(asked) == ["quiet.ask"]
    kept = say(asked.conversation, "10pm-7am")
    assert kept.conversation.quiet_hours == QuietHours(time(22, 0), time(7, 0))
    (reply, *_) = kept.effects
    assert reply == Reply(m.QUIET_HOURS_SAVED, {"start": "22:00", "end": "07:00"})
    assert schedules(kept) and kept.conversation.plan == 4
    assert keys(say(asked.conversation, "whenever")) == ["quiet.reask"]
    cleared = say(kept.conversation, "quiet none")
    assert cleared.conversation.quiet_hours is None
    assert keys(cleared) == ["quiet.cleared"]


def test_less_and_more_replan_the_programme() -> None:
    less = say(quitter(), "LESS")
    assert less.conversation.frequency is Frequency.LESS
    assert schedules(less) and less.conversation.plan == 4
    relapsed = say(quitter(stage=Stage.RELAPSED), "MORE")
    assert relapsed.conversation.frequency is Frequency.MORE
    assert schedules(relapsed) == []  # no programme running to plan again


def test_crisis_words_still_come_first_while_asked_about_shifts() -> None:
    asked = say(quitter(), "SHIFT").conversation
    result = say(asked, "I want to end my life")
    assert keys(result)[0] == "any.crisis"


@pytest.mark.parametrize(
    ("moment", "where"),
    [
        (datetime(2026, 11, 25, 21, 0, tzinfo=UTC), Whereabouts.AT_WORK),  # Wednesday night
        (datetime(2026, 11, 26, 3, 0, tzinfo=UTC), Whereabouts.AT_WORK),  # that night, 03:00
        (datetime(2026, 11, 26, 8, 30, tzinfo=UTC), Whereabouts.GOING_HOME),  # just finished
        (datetime(2026, 11, 26, 11, 0, tzinfo=UTC), Whereabouts.OFF),  # Thursday, home
        (datetime(2026, 11, 27, 21, 0, tzinfo=UTC), Whereabouts.OFF),  # Friday night, off
    ],
)
def test_where_a_person_probably_is_follows_the_roster(
    moment: datetime, where: Whereabouts
) -> None:
    conversation = quitter(roster=NIGHTS_MON_TO_WED)
    assert whereabouts(conversation, now=moment) is where


def test_a_guess_is_read_back_as_a_guess_with_how_to_put_it_right() -> None:
    asked = say(quitter(), "SHIFT").conversation
    guessed = say(asked, "4 on 4 off")  # which shifts, and from when? long days, today
    assert keys(guessed) == ["roster.confirm_guess"]
    corrected = say(guessed.conversation, "4 nights on 4 off from friday")
    assert keys(corrected) == ["roster.confirm"]
    proposed = corrected.conversation.proposed_roster
    assert proposed is not None
    assert proposed.anchor == date(2026, 11, 27)
    assert proposed.cycle == (ShiftKind.NIGHT,) * 4 + (None,) * 4


def test_the_quit_date_question_suggests_their_next_whole_day_off() -> None:
    choosing_aid = Conversation(
        stage=Stage.QUIT_AID, profile=Profile(age=30), roster=NIGHTS_MON_TO_WED
    )
    result = say(choosing_aid, "4")  # not sure yet; said on Wednesday 25 November
    assert keys(result)[-1] == "reg.ask_quit_date_day_off"
    # Thursday is the morning after Wednesday's night: Friday is the first whole day off.
    assert result.effects[-1] == Reply(m.ASK_QUIT_DATE_DAY_OFF, {"date": date(2026, 11, 27)})
    without = say(replace(choosing_aid, roster=None), "4")
    assert keys(without)[-1] == "reg.ask_quit_date"


@pytest.mark.parametrize(
    ("asking", "text"),
    [
        (Asking.MOOD, "quiet, bit low"),
        (Asking.SMOKED, "shift was hard but no"),
        (Asking.CRAVING, "shift: 3"),
    ],
)
def test_a_check_in_answer_starting_with_shift_or_quiet_is_still_an_answer(
    asking: Asking, text: str
) -> None:
    result = say(quitter(asking=asking, check_in_day=2), text)
    assert result.conversation.asking not in (Asking.ROSTER, Asking.QUIET_HOURS)
    assert result.conversation.quiet_hours is None
    assert "quiet.reask" not in keys(result) and "roster.reask" not in keys(result)


@pytest.mark.parametrize(
    "waiting",
    [
        quitter(asking=Asking.FOLLOW_UP_4W),
        quitter(stage=Stage.EXIT_SURVEY, asking=Asking.SURVEY_EASE),
        quitter(stage=Stage.DISCHARGED),
    ],
    ids=["4-week follow-up", "exit survey", "discharged"],
)
def test_shift_and_quiet_never_drop_a_follow_up_or_survey_question(
    waiting: Conversation,
) -> None:
    for text in ("SHIFT", "QUIET", "shift nights mon-wed", "quiet 10pm-7am"):
        result = say(waiting, text)
        assert result.conversation.asking == waiting.asking, text
        assert result.conversation.roster is None and result.conversation.quiet_hours is None


def test_a_replan_keeps_a_follow_up_that_was_moved_to_a_later_day() -> None:
    day_29 = datetime(2026, 12, 22, 9, 0, tzinfo=UTC)  # quit 23 November: day 29
    result = say(quitter(), "LESS", day_29)
    (planned,) = schedules(result)
    assert (Due.FOLLOW_UP_4W, 28) in {(w.due, w.day) for w in planned.wakes}
    after_grace = datetime(2026, 12, 25, 9, 0, tzinfo=UTC)  # day 32: too late to ask that one
    (later,) = schedules(say(quitter(), "LESS", after_grace))
    assert (Due.FOLLOW_UP_4W, 28) not in {(w.due, w.day) for w in later.wakes}
