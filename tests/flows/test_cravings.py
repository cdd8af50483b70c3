"""Craving help as a participant meets it: tips that fit where they probably are, no tip again
within ten, Welsh for Welsh speakers, one SMS where possible, and a person offered at most once
an hour."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

import pytest

from flows import (
    AdvisorReason,
    Channel,
    Conversation,
    MessageReceived,
    Reply,
    RequestAdvisor,
    Stage,
    conversation_from_dict,
    conversation_to_dict,
    step,
)
from flows.cravings import (
    RECENT_TIPS,
    TIPS,
    Place,
    Tip,
    Whereabouts,
    next_tip,
    remember,
    whereabouts,
)
from flows.effects import TellWhenPerson
from flows.events import AdvisorTookOver, HandedBack
from flows.model import Profile, QuitAid, WorkPattern
from flows.roster import ShiftKind, cycle
from messages import catalog as m
from messages.render import Renderer, load_catalog
from messages.sms import sms_cost

QUIT = date(2026, 11, 26)
# Four nights on, four off, from Monday 30 November: nights Mon to Thu, off Fri to Mon.
NIGHTS = cycle(ShiftKind.NIGHT, 4, 4, anchor=date(2026, 11, 30))
NIGHT_SHIFT_3AM = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)  # Monday's night shift
DRIVING_HOME = datetime(2026, 12, 4, 8, 20, tzinfo=UTC)  # Friday, the last night just ended
DAY_OFF = datetime(2026, 12, 5, 15, 0, tzinfo=UTC)  # Saturday, off
RENDER = Renderer({"privacy_url": "https://quitbot.example/privacy"})
BY_KEY = {tip.message.key: tip for tip in TIPS}
# Anything that asks for hands, the phone or something to eat or drink: not while driving.
NOT_WHILE_DRIVING = re.compile(
    r"\b(gum|water|drink|sip|text|call|phone|hands?|mint|nrt|vape|spray|lozenge|inhalator|"
    r"snack|eat|chew|brush|walk|cup|patch)\b",
    re.IGNORECASE,
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


def nurse_on_nights(**changes: object) -> Conversation:
    profile = Profile(age=30, work_pattern=WorkPattern.NIGHTS, quit_aid=QuitAid.NRT)
    return quitter(profile=profile, roster=NIGHTS, **changes)


def stored(conversation: Conversation) -> Conversation:
    """The conversation as the runner keeps it between messages."""
    return conversation_from_dict(json.loads(json.dumps(conversation_to_dict(conversation))))


def cravings(
    conversation: Conversation, start: datetime, count: int, every: timedelta, text: str = "CRAVE"
) -> tuple[Conversation, list[Reply], list[object]]:
    """`count` cravings `every` apart, the state stored between them: the conversation after,
    the first reply to each, and every effect."""
    replies: list[Reply] = []
    effects: list[object] = []
    for n in range(count):
        result = step(conversation, MessageReceived(text, Channel.SMS), now=start + n * every)
        first = result.effects[0]
        assert isinstance(first, Reply)
        replies.append(first)
        effects.extend(result.effects)
        conversation = stored(result.conversation)
    return conversation, replies, effects


def tip_of(reply: Reply) -> Tip:
    """The tip behind a reply (their own reasons stand for the reasons tip)."""
    key = m.CRAVE_REASONS.key if reply.message is m.CRAVE_OWN_REASONS else reply.message.key
    return BY_KEY[key]


def assert_no_repeat_within_ten(replies: list[Reply]) -> None:
    given = [tip_of(r).message.key for r in replies]
    for n, key in enumerate(given):
        assert key not in given[max(0, n - RECENT_TIPS) : n], f"tip {n + 1} repeats: {key}"


@pytest.mark.parametrize(
    ("person", "start", "every"),
    [
        (quitter(), NIGHT_SHIFT_3AM, timedelta(minutes=2)),  # nothing known about their work
        (nurse_on_nights(), NIGHT_SHIFT_3AM, timedelta(minutes=2)),
        (nurse_on_nights(), DRIVING_HOME, timedelta(minutes=2)),
        (nurse_on_nights(), DAY_OFF, timedelta(minutes=2)),
        # Across a day: before a night, on it, on the way home and after.
        (nurse_on_nights(), datetime(2026, 11, 30, 18, 0, tzinfo=UTC), timedelta(minutes=37)),
        (quitter(locale="cy", reasons="fy mhlant"), DAY_OFF, timedelta(hours=3)),
    ],
    ids=["unknown", "night_shift", "driving_home", "day_off", "across_a_day", "welsh"],
)
def test_thirty_cravings_in_a_row_never_repeat_a_tip_within_ten(
    person: Conversation, start: datetime, every: timedelta
) -> None:
    after, replies, _ = cravings(person, start, 30, every)
    assert_no_repeat_within_ten(replies)
    assert len(after.recent_tips) == RECENT_TIPS


def test_someone_on_a_night_shift_at_3am_gets_help_made_for_work() -> None:
    _, replies, _ = cravings(nurse_on_nights(), NIGHT_SHIFT_3AM, 12, timedelta(minutes=3))
    tips = [tip_of(r) for r in replies]
    assert all(tip.suits & {Place.ON_SHIFT, Place.ON_BREAK} for tip in tips)
    assert tips[0].message is m.CRAVE_ON_SHIFT_AWAY
    made_for_work = [t for t in tips if t.suits <= {Place.ON_SHIFT, Place.ON_BREAK}]
    assert len(made_for_work) >= 4  # not only tips that would do anywhere
    assert not any(t.suits == {Place.AT_HOME} or t.suits == {Place.DRIVING_HOME} for t in tips)


def test_someone_driving_home_after_nights_gets_tips_safe_at_the_wheel() -> None:
    assert whereabouts(nurse_on_nights(), now=DRIVING_HOME) is Whereabouts.GOING_HOME
    _, replies, _ = cravings(nurse_on_nights(), DRIVING_HOME, 14, timedelta(minutes=4))
    assert replies[0].message is m.CRAVE_ROAD
    for reply in replies:
        assert Place.DRIVING_HOME in tip_of(reply).suits
        text = RENDER.render(reply.message, reply.params, locale="en_GB")
        assert not NOT_WHILE_DRIVING.search(text), text
    driving_only = {r.message.key for r in replies if tip_of(r).suits == {Place.DRIVING_HOME}}
    assert len(driving_only) == 5  # every tip written for the way home, within 14


def test_a_day_off_gets_tips_for_home() -> None:
    _, replies, _ = cravings(nurse_on_nights(), DAY_OFF, 12, timedelta(minutes=10))
    tips = [tip_of(r) for r in replies]
    assert all(Place.AT_HOME in t.suits for t in tips)
    assert len([t for t in tips if t.suits == {Place.AT_HOME}]) >= 4
    assert m.CRAVE_ON_SHIFT_AWAY.key not in {t.message.key for t in tips}


def test_the_evening_after_office_hours_is_home_and_a_weekend_morning_too() -> None:
    office = quitter(profile=Profile(age=30, work_pattern=WorkPattern.OFFICE_HOURS))
    monday_evening = datetime(2026, 11, 30, 19, 0, tzinfo=UTC)
    saturday_11am = datetime(2026, 11, 28, 11, 0, tzinfo=UTC)
    monday_5pm = datetime(2026, 11, 30, 17, 15, tzinfo=UTC)
    assert whereabouts(office, now=monday_evening) is Whereabouts.OFF
    assert whereabouts(office, now=saturday_11am) is Whereabouts.OFF
    assert whereabouts(office, now=monday_5pm) is Whereabouts.GOING_HOME


def test_welsh_speakers_get_their_tips_in_welsh() -> None:
    welsh = load_catalog("cy")
    _, replies, _ = cravings(
        nurse_on_nights(locale="cy"), NIGHT_SHIFT_3AM, 12, timedelta(minutes=3), text="chwant"
    )
    for reply in replies:
        said = RENDER.render(reply.message, reply.params, locale="cy")
        entry = welsh.get(reply.message.text, context=reply.message.key)
        assert entry is not None and said == entry.string
        assert said != RENDER.render(reply.message, reply.params, locale="en_GB")


@pytest.mark.parametrize("tip", TIPS, ids=[t.message.key for t in TIPS])
def test_every_tip_is_one_sms_in_english_and_at_most_two_in_welsh(tip: Tip) -> None:
    english = sms_cost(RENDER.render(tip.message, {}, locale="en_GB"))
    assert (english.encoding, english.segments) == ("GSM-7", 1)
    welsh = sms_cost(RENDER.render(tip.message, {}, locale="cy"))
    # Welsh without a circumflex is GSM-7 and must fit one; with one it is UCS-2 (70 a
    # segment) and may take two.
    assert welsh.segments == 1 if welsh.encoding == "GSM-7" else welsh.segments <= 2


def test_there_are_enough_tips_everywhere_for_ten_without_a_repeat() -> None:
    assert len(TIPS) >= 25
    assert len({t.message.key for t in TIPS}) == len(TIPS)
    for where in Whereabouts:
        for aid in (*QuitAid, None):
            fitting = [t for t in TIPS if t.fits(where) and t.aid in (None, aid)]
            assert len(fitting) > RECENT_TIPS, (where, aid)


def test_nrt_tips_go_only_to_people_using_nrt_and_the_vape_tip_to_vapers() -> None:
    nrt_tips = {t.message.key for t in TIPS if t.aid is QuitAid.NRT}
    for aid, allowed in ((QuitAid.NRT, nrt_tips), (QuitAid.VAPE, {m.CRAVE_VAPE.key})):
        for other in (QuitAid.NRT, QuitAid.VAPE, QuitAid.VARENICLINE, None):
            person = quitter(profile=Profile(age=30, quit_aid=other))
            _, replies, _ = cravings(person, DAY_OFF, 15, timedelta(minutes=5))
            given = {r.message.key for r in replies}
            if other is aid:
                assert given & allowed
            else:
                assert not given & allowed


def test_their_own_reasons_come_back_early_and_are_still_screened() -> None:
    for person in (quitter(reasons="my kids"), nurse_on_nights(reasons="my kids")):
        for moment in (NIGHT_SHIFT_3AM, DRIVING_HOME, DAY_OFF):
            _, replies, _ = cravings(person, moment, 2, timedelta(minutes=5))
            assert replies[1] == Reply(m.CRAVE_OWN_REASONS, {"reasons": "my kids"})
    _, replies, _ = cravings(quitter(reasons="my kids"), DAY_OFF, 30, timedelta(minutes=5))
    quoted = [n for n, r in enumerate(replies) if r.message is m.CRAVE_OWN_REASONS]
    assert quoted[0] == 1  # and again soon after ten others, when a tip for anywhere is due
    assert len(quoted) == 3
    assert all(RECENT_TIPS < b - a <= RECENT_TIPS + 2 for a, b in pairwise(quoted))
    flagged = quitter(reasons="nobody would miss me")
    _, replies, _ = cravings(flagged, DAY_OFF, 30, timedelta(minutes=5))
    assert m.CRAVE_OWN_REASONS not in {r.message for r in replies}
    assert m.CRAVE_REASONS in {r.message for r in replies}  # the general words instead


def test_a_craving_in_words_takes_the_same_turn_as_crave() -> None:
    conversation, replies, _ = cravings(quitter(), DAY_OFF, 1, timedelta(0), text="need a fag")
    _, more, _ = cravings(conversation, DAY_OFF + timedelta(minutes=5), 1, timedelta(0))
    assert replies[0].message is not more[0].message
    assert len(conversation.recent_tips) == 1


def offers(effects: list[object]) -> int:
    asked = [e for e in effects if isinstance(e, RequestAdvisor)]
    assert all(e.reason is AdvisorReason.CRAVINGS for e in asked)
    assert len(asked) == len([e for e in effects if isinstance(e, TellWhenPerson)])
    return len(asked)


def test_six_cravings_in_an_hour_offer_a_person_once() -> None:
    _, replies, effects = cravings(quitter(), DAY_OFF, 6, timedelta(minutes=8))
    assert offers(effects) == 1
    assert len({r.message for r in replies}) == 6


def test_the_offer_is_not_made_again_within_the_hour_after_an_advisor_hands_back() -> None:
    conversation, _, first = cravings(quitter(), DAY_OFF, 3, timedelta(minutes=5))
    assert offers(first) == 1
    lease = DAY_OFF + timedelta(hours=1)
    taken = step(conversation, AdvisorTookOver(7, lease), now=DAY_OFF + timedelta(minutes=12))
    back = step(taken.conversation, HandedBack(7), now=DAY_OFF + timedelta(minutes=20))
    assert not back.conversation.advisor_requested
    later, _, again = cravings(
        back.conversation, DAY_OFF + timedelta(minutes=25), 3, timedelta(minutes=5)
    )
    assert offers(again) == 0  # three more within the hour of the offer: no second one
    next_hour = DAY_OFF + timedelta(hours=2)
    _, _, fresh = cravings(later, next_hour, 3, timedelta(minutes=5))
    assert offers(fresh) == 1  # a new hour, three more: a person is offered again


def test_with_fewer_tips_than_ten_the_oldest_comes_back_never_the_last() -> None:
    few = TIPS[:4]
    recent: tuple[str, ...] = ()
    given = []
    for _ in range(12):
        tip = next_tip(Whereabouts.AT_WORK, recent, QuitAid.NRT, few)
        given.append(tip.message.key)
        recent = remember(recent, tip)
    fitting = [t.message.key for t in few if t.fits(Whereabouts.AT_WORK)]
    assert all(a != b for a, b in pairwise(given))
    assert set(given) == set(fitting)
