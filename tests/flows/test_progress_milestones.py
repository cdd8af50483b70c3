"""Milestones a participant is told of: the first day, one week, two weeks and four weeks
smoke-free, with their days and the money not spent (from their cigarettes a day and the pack
price set when they registered), in English and Welsh, each one SMS."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from flows import Channel, Conversation, MessageReceived, Reply, Stage, WakeDue, step
from flows import progress as check_ins
from flows.effects import RecordOutcome
from flows.model import FollowUp, OutcomeResult, Profile, QuitAid
from flows.programme import Due
from messages import catalog as m
from messages.render import Renderer
from messages.sms import sms_cost

QUIT = date(2026, 11, 26)
RENDER = Renderer({"privacy_url": "https://quitbot.example/privacy"})
MILESTONES = (
    m.MILESTONE_FIRST_DAY,
    m.MILESTONE_ONE_WEEK,
    m.MILESTONE_TWO_WEEKS,
    m.MILESTONE_FOUR_WEEKS,
    m.MILESTONE_DAYS,
)


def quitter(**changes: object) -> Conversation:
    base = Conversation(
        stage=Stage.QUITTING,
        quit_date=QUIT,
        plan=1,
        attempt=1,
        profile=Profile(age=30, cigarettes_per_day=20, quit_aid=QuitAid.NRT),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def on_day(day: int) -> datetime:
    return datetime.combine(QUIT + timedelta(days=day), datetime.min.time(), UTC) + timedelta(
        hours=15
    )


def check_in(conversation: Conversation, day: int) -> Reply:
    """A planned check-in on `day`, answered: the last thing it says."""
    asked = step(conversation, WakeDue(Due.CHECK_IN, day, plan=1), now=on_day(day)).conversation
    result = None
    for text in ("no", "2", "4"):  # not smoked, cravings 2, mood 4
        result = step(asked, MessageReceived(text, Channel.SMS), now=on_day(day))
        asked = result.conversation
    assert result is not None
    last = result.effects[-1]
    assert isinstance(last, Reply)
    return last


def english(reply: Reply) -> str:
    return RENDER.render(reply.message, reply.params, locale="en_GB")


@pytest.mark.parametrize(
    ("day", "message", "money"),
    [
        (1, m.MILESTONE_FIRST_DAY, "£16.00"),  # 20 a day, at £16 a pack of 20
        (7, m.MILESTONE_ONE_WEEK, "£112.00"),
        (14, m.MILESTONE_TWO_WEEKS, "£224.00"),
    ],
)
def test_the_first_day_and_the_first_weeks_are_milestones_with_days_and_money(
    day: int, message: m.Message, money: str
) -> None:
    said = check_in(quitter(), day)
    assert said.message is message
    assert money in english(said)
    if day > 1:
        assert f"{day} days" in english(said)


def test_other_days_get_the_usual_progress() -> None:
    told = quitter(told=("milestone:1", "milestone:7"))
    for day in (2, 5, 13):
        said = check_in(told, day)
        assert said.message in check_ins.PROGRESS
        assert said.params["days"] == day and "£" in english(said)


def test_after_a_slip_the_week_is_not_called_smoke_free_but_progress_is_still_told() -> None:
    slipped = quitter(smoked_days=(3,), cigarettes_smoked=2)
    said = check_in(slipped, 7)
    assert said.message in check_ins.PROGRESS
    assert said.params["days"] == 6


def test_a_milestone_whose_check_in_went_unanswered_comes_with_the_next_one() -> None:
    # Day 7's check-in was asked and never answered: day 8's answer brings the week.
    unanswered = step(quitter(), WakeDue(Due.CHECK_IN, 7, plan=1), now=on_day(7)).conversation
    said = check_in(unanswered, 8)
    assert said.message is m.MILESTONE_ONE_WEEK
    assert "One week smoke-free! That's 8 days" in english(said)
    # Given once: the next check-in is plain progress again.
    after = step(unanswered, WakeDue(Due.CHECK_IN, 8, plan=1), now=on_day(8)).conversation
    for text in ("no", "2", "4"):
        after = step(after, MessageReceived(text, Channel.SMS), now=on_day(8)).conversation
    assert check_in(after, 9).message in check_ins.PROGRESS
    # Long after its day, a milestone is old news and is not given.
    assert check_in(quitter(told=("milestone:1",)), 12).message in check_ins.PROGRESS


def test_without_cigarettes_a_day_progress_never_says_money() -> None:
    unknown = quitter(profile=Profile(age=30), told=("milestone:1", "milestone:7"))
    for day in (2, 3, 4, 5, 6, 9, 10):
        said = check_in(unknown, day)
        assert said.message in check_ins.PROGRESS_NO_MONEY
        assert "£" not in english(said) and "0.00" not in english(said)
    asked = step(unknown, MessageReceived("how am i doing", Channel.SMS), now=on_day(9))
    (reply,) = [e for e in asked.effects if isinstance(e, Reply)]
    assert reply.message is m.PROGRESS_ASKED_NO_MONEY
    assert "£" not in english(reply)


def test_consecutive_check_ins_never_word_a_question_or_the_progress_line_the_same() -> None:
    from flows.programme import check_in_days
    from scheduler.planner import LESS_CHECK_IN_DAYS

    for days in (check_in_days(), sorted(LESS_CHECK_IN_DAYS), [1, 3, 6, 8, 11]):
        for pool in (
            check_ins.SMOKED,
            check_ins.CRAVING,
            check_ins.MOOD,
            check_ins.PROGRESS,
            check_ins.PROGRESS_NO_MONEY,
        ):
            picked = [check_ins.wording(pool, day) for day in days if day not in (28, 84)]
            assert all(a is not b for a, b in itertools.pairwise(picked)), pool
            if days == check_in_days():
                assert len(set(picked)) == len(pool)  # every wording is used


def test_the_pack_price_set_at_registration_counts_the_money() -> None:
    said = check_in(quitter(pack_price_pence=1200), 7)  # £12 a pack: 60p a cigarette
    assert "£84.00" in english(said)


def test_without_cigarettes_a_day_a_milestone_still_counts_the_days() -> None:
    unknown = quitter(profile=Profile(age=30))
    said = check_in(unknown, 7)
    assert said.message is m.MILESTONE_DAYS
    assert english(said).startswith("7 smoke-free days")


def follow_up(conversation: Conversation, due: Due, day: int, answer: str):  # type: ignore[no-untyped-def]
    asked = step(conversation, WakeDue(due, day, plan=1), now=on_day(day)).conversation
    return step(asked, MessageReceived(answer, Channel.SMS), now=on_day(day))


def test_a_four_week_quit_is_a_milestone_with_days_and_money() -> None:
    answered = follow_up(quitter(), Due.FOLLOW_UP_4W, 28, "no")
    assert RecordOutcome(FollowUp.FOUR_WEEK, OutcomeResult.QUIT, 1, QUIT, 28) in answered.effects
    (said,) = [e for e in answered.effects if isinstance(e, Reply)]
    assert said.message is m.MILESTONE_FOUR_WEEKS
    assert "28 smoke-free days" in english(said) and "£448.00" in english(said)


def test_smoking_at_four_weeks_or_a_twelve_week_quit_keep_their_own_replies() -> None:
    smoked = follow_up(quitter(), Due.FOLLOW_UP_4W, 28, "yes")
    assert [e.message for e in smoked.effects if isinstance(e, Reply)] == [m.FOLLOW_UP_NOT_QUIT]
    twelve = follow_up(quitter(followed_up=(FollowUp.FOUR_WEEK,)), Due.FOLLOW_UP_12W, 84, "no")
    assert [e.message for e in twelve.effects if isinstance(e, Reply)] == [m.FOLLOW_UP_QUIT]


def test_welsh_speakers_get_their_milestones_in_welsh() -> None:
    said = check_in(quitter(locale="cy"), 7)
    welsh = RENDER.render(said.message, said.params, locale="cy")
    assert welsh.startswith("Wythnos heb smygu!")
    assert "£112.00" in welsh


@pytest.mark.parametrize("message", MILESTONES, ids=[x.key for x in MILESTONES])
@pytest.mark.parametrize("locale", ["en_GB", "cy"])
def test_every_milestone_is_one_sms_in_both_languages(message: m.Message, locale: str) -> None:
    # Twelve weeks at 40 a day and 80p each: the longest figures a milestone will carry.
    text = RENDER.render(message, {"days": 84, "money": m.Money(268_800)}, locale=locale)
    assert sms_cost(text).segments == 1, text
