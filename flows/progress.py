"""The words of a check-in and its progress line, never the same two days running (pure).

A check-in asks the same three things for weeks, so each question has several wordings, and so
has the progress line at its end. Which one is picked by the check-in's programme day: each pool
has five wordings (the progress lines without money three), and no step between two check-ins
(1 a day, 7 or 8 a week, 2 to 4 for LESS, or one missed) is a multiple of five or three where
it matters, so the wording of one check-in is never the wording of the one before. Pure and
deterministic: the same day gives the same words, in a replay too.

Milestones (first day, one week, two weeks) take the progress line's place at the end of the
first check-in answered on or after their day (up to a few days after), with not a puff
reported since the quit date: a milestone day whose check-in went unanswered is not lost, it
comes with the next one. Each is
given once per attempt (remembered in `Conversation.told`).
"""

from __future__ import annotations

from dataclasses import replace

from flows.effects import Reply
from flows.model import Conversation
from messages import catalog as m
from messages.catalog import Message, Money

SMOKED = (
    m.CHECK_IN_SMOKED_AGAIN,
    m.CHECK_IN_SMOKED,
    m.CHECK_IN_SMOKED_PUFF,
    m.CHECK_IN_SMOKED_HOW,
    m.CHECK_IN_SMOKED_HONEST,
)
CRAVING = (
    m.CHECK_IN_CRAVING,
    m.CHECK_IN_CRAVING_URGES,
    m.CHECK_IN_CRAVING_SHIFT,
    m.CHECK_IN_CRAVING_SCORE,
    m.CHECK_IN_CRAVING_PULL,
)
MOOD = (
    m.CHECK_IN_MOOD,
    m.CHECK_IN_MOOD_FEELING,
    m.CHECK_IN_MOOD_SPIRITS,
    m.CHECK_IN_MOOD_OVERALL,
    m.CHECK_IN_MOOD_HOLDING,
)
PROGRESS = (
    m.PROGRESS,
    m.PROGRESS_DAYS_MONEY,
    m.PROGRESS_EACH_DAY,
    m.PROGRESS_ADDING_UP,
    m.PROGRESS_STEADY,
)
PROGRESS_NO_MONEY = (
    m.PROGRESS_NO_MONEY,
    m.PROGRESS_NO_MONEY_EACH_DAY,
    m.PROGRESS_NO_MONEY_ADDING_UP,
    m.PROGRESS_NO_MONEY_STEADY,
    m.PROGRESS_NO_MONEY_NICE,
)
# Check-in days whose progress line is a milestone (four weeks is the 4-week follow-up's).
MILESTONES = {1: m.MILESTONE_FIRST_DAY, 7: m.MILESTONE_ONE_WEEK, 14: m.MILESTONE_TWO_WEEKS}
# A milestone whose check-in went unanswered comes with a check-in this many days later at most
# (after that it is old news, and the next milestone is near): the first day's the day after.
MILESTONE_LATE_DAYS = {1: 1, 7: 3, 14: 3}


def wording(pool: tuple[Message, ...], day: int) -> Message:
    """The wording for programme day `day`: a different one from the day before, and from a
    week (7 or 8 days) before."""
    return pool[day % len(pool)]


def smoked_question(day: int) -> Reply:
    return Reply(wording(SMOKED, day), {"day": day})


def craving_question(day: int) -> Reply:
    return Reply(wording(CRAVING, day))


def mood_question(day: int) -> Reply:
    return Reply(wording(MOOD, day))


def milestone_key(day: int) -> str:
    return f"milestone:{day}"


def due_milestone(conversation: Conversation) -> int | None:
    """The milestone day this check-in should mark, if any: the latest milestone reached by
    the check-in's day and not yet given, with no smoking reported this attempt."""
    if conversation.smoked_days or conversation.cigarettes_smoked:
        return None
    day = conversation.check_in_day or 0
    reached = [
        d
        for d in MILESTONES
        if d <= day <= d + MILESTONE_LATE_DAYS[d] and milestone_key(d) not in conversation.told
    ]
    # Only the latest counts: a week's milestone arriving late makes the first day's old news.
    return max(reached) if reached else None


def progress_line(
    conversation: Conversation, *, days: int, money: Money
) -> tuple[Conversation, Reply]:
    """The end of a check-in: a milestone if one is due, else the progress line of the day (with
    the money only when there is a cigarettes-a-day figure to count it by)."""
    day = conversation.check_in_day or 0
    milestone = due_milestone(conversation)
    if milestone is not None:
        # Earlier milestones are passed too: remembered, so none comes out of order later.
        given = tuple(milestone_key(d) for d in MILESTONES if d <= milestone)
        told = replace(
            conversation,
            told=(*conversation.told, *(k for k in given if k not in conversation.told)),
        )
        if money.pence == 0:  # no cigarettes a day to count the money by
            return told, Reply(m.MILESTONE_DAYS, {"days": days})
        return told, Reply(MILESTONES[milestone], {"days": days, "money": money})
    if money.pence == 0:
        return conversation, Reply(wording(PROGRESS_NO_MONEY, day), {"days": days})
    return conversation, Reply(wording(PROGRESS, day), {"days": days, "money": money})


def progress_asked(*, days: int, money: Money) -> Reply:
    """ "How am I doing?": days and money, or days alone without a figure for the money."""
    if money.pence == 0:
        return Reply(m.PROGRESS_ASKED_NO_MONEY, {"days": days})
    return Reply(m.PROGRESS_ASKED, {"days": days, "money": money})


__all__ = [
    "CRAVING",
    "MILESTONES",
    "MOOD",
    "PROGRESS",
    "PROGRESS_NO_MONEY",
    "SMOKED",
    "craving_question",
    "due_milestone",
    "mood_question",
    "progress_asked",
    "progress_line",
    "smoked_question",
    "wording",
]
