"""Follow-ups and discharge: the 4- and 12-week questions, the exit survey, and re-entry.

    day 28 ask -> day 32 ask again -> day 43 closes: quit / not quit / lost to follow-up
    day 84 ask -> day 88 ask again -> day 99 closes, then the exit survey -> DISCHARGED

Only an answer inside the follow-up's window counts (NHS: 4-week follow-up between day 25 and
day 42). "Not a puff" means none since day 15.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from flows import answers
from flows.effects import CancelWakes, Effect, RecordOutcome, RecordSurvey, Reply
from flows.model import Asking, Conversation, FollowUp, OutcomeResult, Stage, Survey
from flows.outcome import Answered, NotUnderstood, Outcome, scale_not_understood
from flows.programme import (
    FOUR_WEEK_NOT_A_PUFF_FROM,
    FOUR_WEEK_WINDOW,
    TWELVE_WEEK_NOT_A_PUFF_FROM,
    Due,
    in_window,
    programme_day,
)
from flows.text import READ_LIMIT, words
from messages import catalog as m

FOLLOW_UP_OF = {  # which follow-up each follow-up wake-up belongs to
    Due.FOLLOW_UP_4W: FollowUp.FOUR_WEEK,
    Due.FOLLOW_UP_4W_AGAIN: FollowUp.FOUR_WEEK,
    Due.FOLLOW_UP_4W_CLOSES: FollowUp.FOUR_WEEK,
    Due.FOLLOW_UP_12W: FollowUp.TWELVE_WEEK,
    Due.FOLLOW_UP_12W_AGAIN: FollowUp.TWELVE_WEEK,
    Due.FOLLOW_UP_12W_CLOSES: FollowUp.TWELVE_WEEK,
}
_ASKING = {FollowUp.FOUR_WEEK: Asking.FOLLOW_UP_4W, FollowUp.TWELVE_WEEK: Asking.FOLLOW_UP_12W}
_SINCE = {
    FollowUp.FOUR_WEEK: FOUR_WEEK_NOT_A_PUFF_FROM,
    FollowUp.TWELVE_WEEK: TWELVE_WEEK_NOT_A_PUFF_FROM,
}
_FIRST_ASK = {FollowUp.FOUR_WEEK: m.FOLLOW_UP_4W_ASK, FollowUp.TWELVE_WEEK: m.FOLLOW_UP_12W_ASK}
_AGAIN = {FollowUp.FOUR_WEEK: m.FOLLOW_UP_4W_AGAIN, FollowUp.TWELVE_WEEK: m.FOLLOW_UP_12W_AGAIN}
SURVEY_ORDER = (
    Asking.SURVEY_EASE,
    Asking.SURVEY_HELPFUL,
    Asking.SURVEY_RECOMMEND,
    Asking.SURVEY_IMPROVE,
)
_SURVEY_QUESTIONS = {
    Asking.SURVEY_EASE: m.SURVEY_EASE,
    Asking.SURVEY_HELPFUL: m.SURVEY_HELPFUL,
    Asking.SURVEY_RECOMMEND: m.SURVEY_RECOMMEND,
    Asking.SURVEY_IMPROVE: m.SURVEY_IMPROVE,
}
IMPROVE_LIMIT = 500
# The survey scales' labels, as the questions word them (English and Welsh).
_EASE_LABELS = {"hard": 1, "very hard": 1, "anodd": 1, "very easy": 5, "easy": 5, "hawdd iawn": 5}
_HELP_LABELS = {"not at all": 1, "dim o gwbl": 1, "a lot": 5, "loads": 5, "llawer": 5}


def wake(conversation: Conversation, due: Due, day: int) -> Answered:
    """A follow-up or discharge wake-up."""
    if due is Due.DISCHARGE:
        return start_survey(conversation)
    kind = FOLLOW_UP_OF[due]
    if kind in conversation.followed_up:
        return Answered(conversation, ())
    if due in (Due.FOLLOW_UP_4W_CLOSES, Due.FOLLOW_UP_12W_CLOSES):
        closed = _settled(conversation, kind)
        return Answered(closed, (_outcome(conversation, kind, OutcomeResult.LOST, day),))
    asking = replace(conversation, asking=_ASKING[kind])
    message = _FIRST_ASK[kind] if due in (Due.FOLLOW_UP_4W, Due.FOLLOW_UP_12W) else _AGAIN[kind]
    return Answered(asking, (Reply(message, {"date": _since(conversation, kind)}),))


def ask(conversation: Conversation) -> tuple[Reply, ...]:
    """The follow-up or survey question waiting, if any."""
    match conversation.asking:
        case Asking.FOLLOW_UP_4W:
            return (
                Reply(m.FOLLOW_UP_4W_AGAIN, {"date": _since(conversation, FollowUp.FOUR_WEEK)}),
            )
        case Asking.FOLLOW_UP_12W:
            since = _since(conversation, FollowUp.TWELVE_WEEK)
            return (Reply(m.FOLLOW_UP_12W_AGAIN, {"date": since}),)
    question = _SURVEY_QUESTIONS.get(conversation.asking) if conversation.asking else None
    if question is not None:
        return (Reply(question),)
    if conversation.stage is Stage.DISCHARGED:
        return (Reply(m.DISCHARGED_IDLE),)
    return ()


def answer(conversation: Conversation, text: str, *, now: datetime) -> Outcome:
    """An answer to a follow-up or a survey question."""
    if conversation.asking in (Asking.FOLLOW_UP_4W, Asking.FOLLOW_UP_12W):
        kind = (
            FollowUp.FOUR_WEEK
            if conversation.asking is Asking.FOLLOW_UP_4W
            else (FollowUp.TWELVE_WEEK)
        )
        smoked = answers.yes_or_no(text)
        if smoked is None:
            return NotUnderstood((Reply(m.YES_NO_REASK),))
        assert conversation.quit_date is not None
        day = programme_day(now, conversation.timezone, conversation.quit_date)
        if not in_window(day, _window(conversation, kind)):
            return Answered(replace(conversation, asking=None), (Reply(m.FOLLOW_UP_THANKS),))
        result = OutcomeResult.NOT_QUIT if smoked else OutcomeResult.QUIT
        reply = m.FOLLOW_UP_NOT_QUIT if smoked else m.FOLLOW_UP_QUIT
        settled = _settled(conversation, kind)
        return Answered(settled, (_outcome(conversation, kind, result, day), Reply(reply)))
    return _survey(conversation, text)


def start_survey(conversation: Conversation) -> Answered:
    """The end of the programme (or FINISH): the exit survey, then a clean close."""
    surveying = replace(
        conversation,
        stage=Stage.EXIT_SURVEY,
        asking=SURVEY_ORDER[0],
        survey=Survey(),
        misunderstood=0,
    )
    return Answered(surveying, (CancelWakes(), Reply(m.SURVEY_INTRO), Reply(m.SURVEY_EASE)))


def _survey(conversation: Conversation, text: str) -> Outcome:
    survey = conversation.survey
    skip = answers.is_skip(text)
    match conversation.asking:
        case Asking.SURVEY_EASE | Asking.SURVEY_HELPFUL:
            labels = _EASE_LABELS if conversation.asking is Asking.SURVEY_EASE else _HELP_LABELS
            score = None if skip else answers.scale(text, 1, 5, labels)
            if not skip and score is None:
                return scale_not_understood(1, 5)
            name = "ease" if conversation.asking is Asking.SURVEY_EASE else "helpful"
            change: dict[str, Any] = {name: score}
            survey = replace(survey, **change)
        case Asking.SURVEY_RECOMMEND:
            said = None if skip else answers.yes_or_no(text)
            if not skip and said is None:
                return NotUnderstood((Reply(m.YES_NO_REASK),))
            survey = replace(survey, recommend=said)
        case Asking.SURVEY_IMPROVE:
            tidy = " ".join(text[: READ_LIMIT * 2].split())[:IMPROVE_LIMIT]
            survey = replace(survey, improve=None if skip or not words(tidy) else tidy)
        case _:
            # After discharge nothing is asked: unread words count towards a person (H6).
            return NotUnderstood(ask(conversation))
    position = SURVEY_ORDER.index(conversation.asking)
    if position + 1 < len(SURVEY_ORDER):
        following = SURVEY_ORDER[position + 1]
        moved = replace(conversation, survey=survey, asking=following, misunderstood=0)
        return Answered(moved, (Reply(_SURVEY_QUESTIONS[following]),))
    done = replace(
        conversation, survey=survey, asking=None, stage=Stage.DISCHARGED, misunderstood=0
    )
    effects: tuple[Effect, ...] = (
        RecordSurvey(survey, conversation.attempt),
        Reply(m.SURVEY_DONE),
    )
    return Answered(done, effects)


def _window(conversation: Conversation, kind: FollowUp) -> tuple[int, int]:
    if kind is FollowUp.TWELVE_WEEK:
        return conversation.twelve_week_window
    return FOUR_WEEK_WINDOW


def _since(conversation: Conversation, kind: FollowUp) -> date:
    assert conversation.quit_date is not None
    return conversation.quit_date + timedelta(days=_SINCE[kind])


def _settled(conversation: Conversation, kind: FollowUp) -> Conversation:
    asking = None if conversation.asking is _ASKING[kind] else conversation.asking
    return replace(
        conversation,
        followed_up=(*conversation.followed_up, kind),
        asking=asking,
        misunderstood=0,
    )


def _outcome(
    conversation: Conversation, kind: FollowUp, result: OutcomeResult, day: int
) -> RecordOutcome:
    assert conversation.quit_date is not None
    return RecordOutcome(kind, result, conversation.attempt, conversation.quit_date, day)
