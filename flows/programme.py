"""The quit programme's calendar in programme terms: shift-days, check-ins and follow-ups.

Day 0 is the quit day. A "shift-day" runs from 05:00 to 05:00 local time, so a cigarette at
03:00 on a night shift belongs to that night's day, not the next. Timing within a day (which hour,
around which shift) is the scheduler's job; flows only say which day something is due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

SHIFT_DAY_STARTS = time(5, 0)
DAILY_UNTIL = 28  # daily check-ins through day 28 ...
WEEKLY_UNTIL = 84  # ... then weekly to week 12
FOUR_WEEK_WINDOW = (25, 42)  # NHS definition: follow-up counted only between day 25 and day 42
FOUR_WEEK_NOT_A_PUFF_FROM = 15  # self-report of not a puff from day 15 to day 28
TWELVE_WEEK_WINDOW = (81, 98)  # quitbot's default; no national definition
TWELVE_WEEK_NOT_A_PUFF_FROM = 15
# Days with a short "what to expect" message (flows/journey.py picks it for the person): most
# in the first two weeks, when withdrawal peaks, then one now and then to week 12.
LEARN_DAYS = (2, 3, 5, 6, 8, 10, 11, 12, 15, 18, 24, 38, 52, 66, 73)
# A quit date this close leaves no days to prepare in: the questions that matter (reasons,
# triggers) are asked as soon as it is set, one after the other.
SHORT_NOTICE_DAYS = 3
# A follow-up question with no good moment on its day may come this many days later.
FOLLOW_UP_GRACE_DAYS = 3


class Due(StrEnum):
    """Kinds of programme event the flows ask to be woken for."""

    PREPARE = "prepare"
    QUIT_DAY = "quit_day"
    CHECK_IN = "check_in"
    FOLLOW_UP_4W = "follow_up_4w"
    FOLLOW_UP_4W_AGAIN = "follow_up_4w_again"
    FOLLOW_UP_4W_CLOSES = "follow_up_4w_closes"
    FOLLOW_UP_12W = "follow_up_12w"
    FOLLOW_UP_12W_AGAIN = "follow_up_12w_again"
    FOLLOW_UP_12W_CLOSES = "follow_up_12w_closes"
    DISCHARGE = "discharge"
    SHIFT_TIP = "shift_tip"  # an on-shift tip: the scheduler adds these (roster, LESS/MORE)
    QUIT_DAY_SHIFT = "quit_day_shift"  # quit day: before the shift or at its break
    QUIT_DAY_END = "quit_day_end"  # quit day: after the shift, or the evening
    LEARN = "learn"  # what to expect (withdrawal, caffeine, sleep...): flows pick the words
    ASK_AGAIN = "ask_again"  # "later" / "not now": the waiting question, asked again


@dataclass(frozen=True, slots=True)
class Wake:
    """Something due on programme day `day` (negative days are before the quit date)."""

    due: Due
    day: int


def shift_day(instant: datetime, timezone: str) -> date:
    """The shift-day `instant` belongs to, in the person's zone (05:00 to 05:00)."""
    local = instant.astimezone(ZoneInfo(timezone))
    start = timedelta(hours=SHIFT_DAY_STARTS.hour, minutes=SHIFT_DAY_STARTS.minute)
    return (local - start).date()


def programme_day(instant: datetime, timezone: str, quit_date: date) -> int:
    """Days since the quit date (0 on quit day, negative before), by shift-day."""
    return (shift_day(instant, timezone) - quit_date).days


def check_in_days() -> list[int]:
    """Daily through day 28, then weekly to week 12."""
    return [*range(1, DAILY_UNTIL + 1), *range(DAILY_UNTIL + 7, WEEKLY_UNTIL + 1, 7)]


def plan(
    *, days_to_quit_date: int, twelve_week_window: tuple[int, int] = TWELVE_WEEK_WINDOW
) -> list[Wake]:
    """Everything the programme needs to be woken for, from now to discharge.

    The 12-week follow-up is asked on day 84 (moved inside the window if the window is set
    elsewhere), asked again four days later, and closes the day after the window ends.
    """
    first, last = twelve_week_window
    ask_12w = min(max(WEEKLY_UNTIL, first), last)
    again_12w = min(ask_12w + 4, last)
    wakes = [Wake(Due.PREPARE, day) for day in range(-min(days_to_quit_date, 7) + 1, 0)]
    wakes += [Wake(Due.QUIT_DAY, 0), Wake(Due.QUIT_DAY_SHIFT, 0), Wake(Due.QUIT_DAY_END, 0)]
    wakes += [Wake(Due.LEARN, day) for day in LEARN_DAYS]
    # On a follow-up day the follow-up question is that day's contact: no check-in as well.
    follow_up_days = (DAILY_UNTIL, ask_12w)
    wakes += [Wake(Due.CHECK_IN, day) for day in check_in_days() if day not in follow_up_days]
    wakes += [
        Wake(Due.FOLLOW_UP_4W, DAILY_UNTIL),
        Wake(Due.FOLLOW_UP_4W_AGAIN, DAILY_UNTIL + 4),
        Wake(Due.FOLLOW_UP_4W_CLOSES, FOUR_WEEK_WINDOW[1] + 1),
    ]
    wakes += [
        Wake(Due.FOLLOW_UP_12W, ask_12w),
        Wake(Due.FOLLOW_UP_12W_AGAIN, again_12w),
        Wake(Due.FOLLOW_UP_12W_CLOSES, last + 1),
        Wake(Due.DISCHARGE, last + 1),
    ]
    return sorted(wakes, key=lambda w: (w.day, list(Due).index(w.due)))


def in_window(day: int, window: tuple[int, int]) -> bool:
    """True when programme day `day` lies inside a follow-up window (inclusive)."""
    return window[0] <= day <= window[1]
