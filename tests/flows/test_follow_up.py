from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from flows import (
    Channel,
    Conversation,
    MessageReceived,
    RecordOutcome,
    RecordSurvey,
    Reply,
    Stage,
    WakeDue,
    step,
)
from flows.effects import CancelWakes, ScheduleWakes
from flows.model import Asking, FollowUp, OutcomeResult, Profile, Survey
from flows.programme import Due
from messages import catalog as m

QUIT = date(2026, 11, 26)


def on_day(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 11, 26, hour, 0, tzinfo=UTC) + timedelta(days=day)


def quitter(**changes: object) -> Conversation:
    base = Conversation(
        stage=Stage.QUITTING, quit_date=QUIT, plan=1, attempt=1, profile=Profile(age=30)
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def keys(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.message.key for e in result.effects if isinstance(e, Reply)]


def wake(conversation: Conversation, due: Due, day: int):  # type: ignore[no-untyped-def]
    return step(conversation, WakeDue(due, day, plan=1), now=on_day(day))


def say(conversation: Conversation, text: str, day: int):  # type: ignore[no-untyped-def]
    return step(conversation, MessageReceived(text, Channel.SMS), now=on_day(day))


@pytest.mark.parametrize(
    ("answer", "result", "reply"),
    [
        ("no", OutcomeResult.QUIT, m.FOLLOW_UP_QUIT),
        ("yes", OutcomeResult.NOT_QUIT, m.FOLLOW_UP_NOT_QUIT),
    ],
)
def test_the_4_week_follow_up_records_what_the_person_says(
    answer: str, result: OutcomeResult, reply: object
) -> None:
    asked = wake(quitter(), Due.FOLLOW_UP_4W, 28)
    assert keys(asked) == [m.FOLLOW_UP_4W_ASK.key]
    question = asked.effects[0]
    assert isinstance(question, Reply)
    assert question.params == {"date": QUIT + timedelta(days=15)}  # not a puff since day 15
    answered = say(asked.conversation, answer, 29)
    assert RecordOutcome(FollowUp.FOUR_WEEK, result, 1, QUIT, 29) in answered.effects
    assert keys(answered) == [reply.key]  # type: ignore[attr-defined]
    assert answered.conversation.followed_up == (FollowUp.FOUR_WEEK,)
    # Asked again or closed later: nothing more happens for this attempt.
    assert wake(answered.conversation, Due.FOLLOW_UP_4W_AGAIN, 32).effects == ()
    assert wake(answered.conversation, Due.FOLLOW_UP_4W_CLOSES, 43).effects == ()


def test_no_answer_is_asked_again_then_lost_to_follow_up_when_the_window_closes() -> None:
    asked = wake(quitter(), Due.FOLLOW_UP_4W, 28).conversation
    again = wake(asked, Due.FOLLOW_UP_4W_AGAIN, 32)
    assert keys(again) == [m.FOLLOW_UP_4W_AGAIN.key]
    closed = wake(again.conversation, Due.FOLLOW_UP_4W_CLOSES, 43)
    assert closed.effects == (RecordOutcome(FollowUp.FOUR_WEEK, OutcomeResult.LOST, 1, QUIT, 43),)
    assert closed.conversation.asking is None
    late = say(closed.conversation, "no", 44)
    assert not any(isinstance(e, RecordOutcome) for e in late.effects)


def test_an_answer_outside_the_window_is_not_counted() -> None:
    asking = quitter(asking=Asking.FOLLOW_UP_4W)
    result = say(asking, "no", 45)
    assert keys(result) == [m.FOLLOW_UP_THANKS.key]
    assert not any(isinstance(e, RecordOutcome) for e in result.effects)


def test_a_check_in_waits_while_a_follow_up_is_unanswered() -> None:
    asked = wake(quitter(), Due.FOLLOW_UP_4W, 28).conversation
    assert wake(asked, Due.CHECK_IN, 35).effects == ()
    assert asked.asking is Asking.FOLLOW_UP_4W


def test_discharge_runs_the_exit_survey_then_closes_cleanly() -> None:
    surveying = wake(quitter(), Due.DISCHARGE, 99)
    assert CancelWakes() in surveying.effects
    assert keys(surveying) == [m.SURVEY_INTRO.key, m.SURVEY_EASE.key]
    conversation = surveying.conversation
    for text in ("5", "SKIP", "yes"):
        conversation = say(conversation, text, 99).conversation
    done = say(conversation, "Fewer texts on my days off please", 99)
    expected = Survey(
        ease=5, helpful=None, recommend=True, improve="Fewer texts on my days off please"
    )
    assert RecordSurvey(expected, 1) in done.effects
    assert done.conversation.stage is Stage.DISCHARGED
    assert keys(say(done.conversation, "hello", 120)) == [m.DISCHARGED_IDLE.key]


def test_a_person_who_comes_back_after_discharge_starts_a_new_attempt() -> None:
    discharged = quitter(stage=Stage.DISCHARGED, followed_up=(FollowUp.FOUR_WEEK,))
    choosing = say(discharged, "DATE", 120)
    assert choosing.conversation.stage is Stage.QUIT_DATE
    proposed = say(choosing.conversation, "tomorrow", 120).conversation
    started = say(proposed, "yes", 120)
    assert started.conversation.attempt == 2
    assert started.conversation.followed_up == ()
    assert any(isinstance(e, ScheduleWakes) for e in started.effects)


def test_finish_ends_the_programme_with_the_survey() -> None:
    result = say(quitter(), "FINISH", 10)
    assert result.conversation.stage is Stage.EXIT_SURVEY
    assert keys(result) == [m.SURVEY_INTRO.key, m.SURVEY_EASE.key]


def test_a_follow_up_after_a_missed_quit_day_still_counts_the_answer() -> None:
    preparing = quitter(stage=Stage.PREPARING)
    asked = wake(preparing, Due.FOLLOW_UP_4W, 28)
    assert asked.conversation.stage is Stage.QUITTING
    assert any(isinstance(e, RecordOutcome) for e in say(asked.conversation, "no", 28).effects)
