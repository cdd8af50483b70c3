from datetime import UTC, date, datetime

import pytest

from flows.programme import (
    FOUR_WEEK_WINDOW,
    Due,
    check_in_days,
    in_window,
    plan,
    programme_day,
    shift_day,
)

LONDON = "Europe/London"


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        (datetime(2026, 12, 1, 3, 0, tzinfo=UTC), date(2026, 11, 30)),  # 03:00 on nights
        (datetime(2026, 12, 1, 4, 59, tzinfo=UTC), date(2026, 11, 30)),
        (datetime(2026, 12, 1, 5, 0, tzinfo=UTC), date(2026, 12, 1)),
        (datetime(2026, 12, 1, 23, 30, tzinfo=UTC), date(2026, 12, 1)),
        # British Summer Time: 03:30 UTC is 04:30 local, still the night before.
        (datetime(2026, 7, 2, 3, 30, tzinfo=UTC), date(2026, 7, 1)),
        (datetime(2026, 7, 2, 4, 30, tzinfo=UTC), date(2026, 7, 2)),
    ],
)
def test_a_night_shift_cigarette_belongs_to_that_night(instant: datetime, expected: date) -> None:
    assert shift_day(instant, LONDON) == expected


def test_programme_days_count_from_the_quit_date() -> None:
    quit_date = date(2026, 12, 1)
    assert programme_day(datetime(2026, 12, 1, 12, tzinfo=UTC), LONDON, quit_date) == 0
    assert programme_day(datetime(2026, 12, 2, 2, tzinfo=UTC), LONDON, quit_date) == 0
    assert programme_day(datetime(2026, 11, 29, 12, tzinfo=UTC), LONDON, quit_date) == -2


def test_check_ins_are_daily_to_day_28_then_weekly_to_week_12() -> None:
    days = check_in_days()
    assert days[:3] == [1, 2, 3]
    assert days[27] == 28
    assert days[28:] == [35, 42, 49, 56, 63, 70, 77, 84]


def test_the_plan_asks_the_4_week_follow_up_inside_the_nhs_window() -> None:
    wakes = plan(days_to_quit_date=3)
    asked = [w.day for w in wakes if w.due in (Due.FOLLOW_UP_4W, Due.FOLLOW_UP_4W_AGAIN)]
    assert all(in_window(day, FOUR_WEEK_WINDOW) for day in asked)
    closes = next(w.day for w in wakes if w.due is Due.FOLLOW_UP_4W_CLOSES)
    assert closes == FOUR_WEEK_WINDOW[1] + 1
    assert [w.day for w in wakes if w.due is Due.PREPARE] == [-2, -1]
    assert wakes == sorted(wakes, key=lambda w: w.day)
    same_day = {w.day for w in wakes if w.due is Due.CHECK_IN} & {
        w.day for w in wakes if w.due in (Due.FOLLOW_UP_4W, Due.FOLLOW_UP_12W)
    }
    assert same_day == set()  # never two questions on one day


def test_a_12_week_window_set_elsewhere_moves_the_follow_up_into_it() -> None:
    wakes = plan(days_to_quit_date=3, twelve_week_window=(85, 95))
    days = {w.due: w.day for w in wakes}
    assert days[Due.FOLLOW_UP_12W] == 85
    assert days[Due.FOLLOW_UP_12W_AGAIN] == 89
    assert days[Due.FOLLOW_UP_12W_CLOSES] == 96
    assert days[Due.DISCHARGE] == 96
