"""Milestone rules at the edge of every window, and across the clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from flows.milestones import (
    AdvisorContact,
    Attempt,
    COReading,
    Definition,
    FollowUpAnswer,
    Milestone,
    Reached,
    attempt_of,
    out_of_order,
    reached,
)

LONDON = "Europe/London"
QUIT = date(2026, 12, 1)  # GMT all through the 4-week window


def at_day(day: int, hour: int = 12, quit_date: date = QUIT) -> datetime:
    """Noon (UTC, which is London's GMT) on programme day `day`."""
    return datetime.combine(quit_date + timedelta(days=day), datetime.min.time(), UTC).replace(
        hour=hour
    )


def facts(**changes: object) -> Attempt:
    base: dict[str, object] = {
        "attempt": 1,
        "timezone": LONDON,
        "quit_date": QUIT,
        "quit_date_set_at": at_day(-5),
        "quit_date_message_id": 7,
    }
    base.update(changes)
    return Attempt(**base)  # type: ignore[arg-type]


def names(found: list[Reached]) -> list[str]:
    return [r.milestone.value for r in found]


def answer(
    day: int, result: str = "quit", kind: str = "4_week", smoked_days: tuple[int, ...] = ()
) -> FollowUpAnswer:
    return FollowUpAnswer(kind, result, at_day(day), smoked_days, message_ids=(3, 4))


def test_a_quit_date_alone_is_one_milestone_with_its_message() -> None:
    found = reached(facts())
    assert names(found) == ["quit_date_set"]
    assert found[0].message_ids == (7,) and found[0].reached_at == at_day(-5)


def test_engaged_is_the_first_real_contact_and_a_takeover_alone_is_none() -> None:
    contacts = (
        AdvisorContact(at_day(2), 9, "replied", 40),
        AdvisorContact(at_day(1), 8, "took_over", 3),
        AdvisorContact(at_day(3), 9, "first_appointment", 5),
    )
    found = [r for r in reached(facts(contacts=contacts)) if r.milestone is Milestone.ENGAGED]
    assert len(found) == 1
    assert (found[0].advisor_id, found[0].reached_at) == (9, at_day(2))
    assert found[0].evidence == {"contact": "replied", "ref": 40}
    taken = facts(contacts=(AdvisorContact(at_day(1), 8, "took_over", 3),))
    assert "engaged" not in names(reached(taken))


def test_a_co_reading_recorded_is_a_contact_too() -> None:
    reading = COReading(at_day(-1), 4, 6, 12)
    found = [r for r in reached(facts(readings=(reading,))) if r.milestone is Milestone.ENGAGED]
    assert [(r.advisor_id, r.reached_at, r.evidence) for r in found] == [
        (6, at_day(-1), {"contact": "co_reading", "ref": 12})
    ]


@pytest.mark.parametrize(
    ("day", "counted"), [(24, False), (25, True), (28, True), (42, True), (43, False)]
)
def test_the_four_week_self_report_counts_from_day_25_to_day_42(day: int, counted: bool) -> None:
    found = names(reached(facts(follow_ups=(answer(day),))))
    assert ("4_week_self_reported" in found) is counted


@pytest.mark.parametrize(("smoked", "counted"), [(14, True), (15, False), (28, False)])
def test_not_a_puff_since_day_15(smoked: int, counted: bool) -> None:
    found = names(reached(facts(follow_ups=(answer(28, smoked_days=(smoked,)),))))
    assert ("4_week_self_reported" in found) is counted


def test_not_quit_is_no_milestone_and_lost_is_recorded() -> None:
    assert names(reached(facts(follow_ups=(answer(28, "not_quit"),)))) == ["quit_date_set"]
    lost = reached(facts(follow_ups=(answer(43, "lost_to_follow_up"),)))
    assert names(lost) == ["quit_date_set", "lost_to_follow_up"]


@pytest.mark.parametrize(
    ("day", "ppm", "verified"),
    [(24, 3, False), (25, 3, True), (42, 9, True), (43, 3, False), (30, 10, False)],
)
def test_co_verified_needs_a_reading_under_10_ppm_inside_the_window(
    day: int, ppm: int, verified: bool
) -> None:
    reading = COReading(at_day(day), ppm, advisor_id=5, record_id=11)
    found = reached(facts(follow_ups=(answer(28),), readings=(reading,)))
    co = [r for r in found if r.milestone is Milestone.FOUR_WEEK_CO_VERIFIED]
    assert bool(co) is verified
    if verified:
        assert (co[0].co_ppm, co[0].advisor_id, co[0].co_taken_at) == (ppm, 5, at_day(day))


def test_a_low_reading_without_a_self_reported_quit_verifies_nothing() -> None:
    reading = COReading(at_day(28), 2, advisor_id=5, record_id=11)
    # an in-person contact (engaged), but no quit to verify
    assert names(reached(facts(readings=(reading,)))) == ["quit_date_set", "engaged"]


@pytest.mark.parametrize(("day", "counted"), [(80, False), (81, True), (98, True), (99, False)])
def test_twelve_weeks_use_the_configured_window_and_store_its_version(
    day: int, counted: bool
) -> None:
    found = reached(facts(follow_ups=(answer(day, kind="12_week"),)))
    twelve = [r for r in found if r.milestone is Milestone.TWELVE_WEEK_QUIT]
    assert bool(twelve) is counted
    if counted:
        assert twelve[0].definition == "quitbot-12w-v1:day81-98:no-puff-from-day15"
    wider = Definition(twelve_week_window=(75, 110))
    assert "12_week_quit" in names(reached(facts(follow_ups=(answer(99, kind="12_week"),)), wider))


def test_each_milestone_once_per_attempt_however_often_answered() -> None:
    found = reached(facts(follow_ups=(answer(28), answer(30), answer(33))))
    assert names(found).count("4_week_self_reported") == 1
    assert found[-1].reached_at == at_day(28)


# --- clock changes ---------------------------------------------------------------------------
# Clocks went back on Sunday 25 October 2026 (BST -> GMT) and go forward on 28 March 2027.


def test_a_reading_at_0430_gmt_on_the_autumn_change_is_still_the_night_before_day_25() -> None:
    quit_date = date(2026, 9, 30)  # day 25 is 25 October, the day the clocks go back
    base = facts(
        quit_date=quit_date,
        follow_ups=(FollowUpAnswer("4_week", "quit", datetime(2026, 10, 28, 12, tzinfo=UTC), ()),),
    )
    early = COReading(datetime(2026, 10, 25, 4, 30, tzinfo=UTC), 3, 5, 1)  # 04:30 GMT: day 24
    on_time = COReading(datetime(2026, 10, 25, 5, 0, tzinfo=UTC), 3, 5, 2)  # 05:00 GMT: day 25
    assert "4_week_co_verified" not in names(reached(_with(base, readings=(early,))))
    assert "4_week_co_verified" in names(reached(_with(base, readings=(on_time,))))


def test_an_answer_at_0430_utc_after_the_spring_change_is_day_43() -> None:
    quit_date = date(2027, 2, 14)  # day 42 is 28 March 2027, the day the clocks go forward
    late = FollowUpAnswer("4_week", "quit", datetime(2027, 3, 29, 4, 30, tzinfo=UTC))  # 05:30 BST
    last = FollowUpAnswer("4_week", "quit", datetime(2027, 3, 29, 3, 30, tzinfo=UTC))  # 04:30 BST
    assert "4_week_self_reported" not in names(
        reached(facts(quit_date=quit_date, follow_ups=(late,)))
    )
    assert "4_week_self_reported" in names(reached(facts(quit_date=quit_date, follow_ups=(last,))))


def _with(base: Attempt, **changes: object) -> Attempt:
    from dataclasses import replace

    return replace(base, **changes)  # type: ignore[arg-type]


def test_a_contact_counts_for_the_attempt_in_force_then() -> None:
    starts = [(1, at_day(-5)), (2, at_day(60))]
    assert attempt_of(at_day(-10), starts) == 1  # before any quit date: the first attempt
    assert attempt_of(at_day(10), starts) == 1
    assert attempt_of(at_day(60), starts) == 2


def test_milestones_out_of_order_are_named() -> None:
    assert (
        out_of_order(
            [(Milestone.QUIT_DATE_SET, at_day(0)), (Milestone.TWELVE_WEEK_QUIT, at_day(84))]
        )
        == []
    )
    problems = out_of_order(
        [(Milestone.QUIT_DATE_SET, at_day(10)), (Milestone.FOUR_WEEK_SELF_REPORTED, at_day(5))]
    )
    assert problems == ["4_week_self_reported before quit_date_set"]
    assert out_of_order([(Milestone.FOUR_WEEK_CO_VERIFIED, at_day(30))]) == [
        "4_week_co_verified without 4_week_self_reported"
    ]
