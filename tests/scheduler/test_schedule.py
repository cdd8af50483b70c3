"""Planning a whole programme: LESS and MORE, on-shift tips, the daily cap, and gaps."""

import itertools
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from flows.model import Frequency
from flows.programme import Due, Wake, plan
from flows.roster import QuietHours, Roster, ShiftKind, cycle
from scheduler.planner import MIN_GAP, SPREAD, Planned, blocked, schedule

LONDON = ZoneInfo("Europe/London")
QUIT = date(2026, 3, 19)  # a Thursday; the programme runs over the spring clock change
BEFORE = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
PROGRAMME = plan(days_to_quit_date=7)
NIGHTS_MON_TO_WED = Roster(weekly={0: ShiftKind.NIGHT, 1: ShiftKind.NIGHT, 2: ShiftKind.NIGHT})


def planned(
    roster: Roster | None = None,
    quiet: QuietHours | None = None,
    frequency: Frequency = Frequency.NORMAL,
    *,
    wakes: list[Wake] = PROGRAMME,
    now: datetime = BEFORE,
    cap: int = 2,
    key: str = "p1",
) -> list[Planned]:
    return schedule(
        wakes,
        quit_date=QUIT,
        roster=roster,
        quiet=quiet,
        timezone="Europe/London",
        frequency=frequency,
        spread_key=key,
        now=now,
        daily_cap=cap,
    )


def per_day(items: list[Planned]) -> Counter[date]:
    """Messages a day, by local date (bookkeeping wake-ups send nothing)."""
    silent = (Due.FOLLOW_UP_4W_CLOSES, Due.FOLLOW_UP_12W_CLOSES)
    return Counter(p.due_at.astimezone(LONDON).date() for p in items if p.wake.due not in silent)


def over_cap(items: list[Planned], cap: int) -> dict[date, int]:
    """Days with more messages than the cap allows: quit day may have one more (support
    through the day), and so may the date its night shift's break falls on."""
    support = (Due.QUIT_DAY, Due.QUIT_DAY_SHIFT, Due.QUIT_DAY_END)
    extra = {p.due_at.astimezone(LONDON).date() for p in items if p.wake.due in support}
    return {d: n for d, n in per_day(items).items() if n > cap + (d in extra)}


def kinds(items: list[Planned], due: Due) -> list[int]:
    return [p.wake.day for p in items if p.wake.due is due]


def test_without_a_roster_the_standard_programme_is_planned_as_it_was() -> None:
    items = planned()
    assert kinds(items, Due.SHIFT_TIP) == []  # no shifts known, no on-shift tips
    assert sorted(kinds(items, Due.CHECK_IN)) == sorted(
        w.day for w in PROGRAMME if w.due is Due.CHECK_IN
    )
    check_in = next(p for p in items if p.wake.due is Due.CHECK_IN and p.wake.day == 1)
    local = check_in.due_at.astimezone(LONDON)
    assert time(10, 0) <= local.time() < time(10, SPREAD)  # a day off: mid-morning


def test_shift_workers_get_a_tip_on_working_days_in_the_first_week() -> None:
    # What to expect (withdrawal, sleep) goes before a tip when a day has room for one only.
    items = planned(NIGHTS_MON_TO_WED)
    tip_days = kinds(items, Due.SHIFT_TIP)
    working = [d for d in range(1, 8) if NIGHTS_MON_TO_WED.kind_on(QUIT + timedelta(days=d))]
    assert working == [4, 5, 6]  # Mon 23 to Wed 25 March
    assert tip_days and set(tip_days) <= set(working)
    no_lessons = schedule(
        [w for w in PROGRAMME if w.due is not Due.LEARN],
        quit_date=QUIT,
        roster=NIGHTS_MON_TO_WED,
        quiet=None,
        timezone="Europe/London",
        frequency=Frequency.NORMAL,
        spread_key="p1",
        now=BEFORE,
    )
    assert kinds(no_lessons, Due.SHIFT_TIP) == working
    for item in items:
        if item.wake.due is Due.SHIFT_TIP:
            local = item.due_at.astimezone(LONDON)
            # The night's break, after midnight, while they are at work.
            assert local.date() == QUIT + timedelta(days=item.wake.day + 1)
            assert time(1, 0) <= local.time() < time(3, 0)


def test_less_thins_check_ins_and_holds_one_message_a_day() -> None:
    normal, less = planned(NIGHTS_MON_TO_WED), planned(NIGHTS_MON_TO_WED, frequency=Frequency.LESS)
    assert len(kinds(less, Due.CHECK_IN)) < len(kinds(normal, Due.CHECK_IN))
    assert kinds(less, Due.SHIFT_TIP) == []
    assert not over_cap(less, 1)
    assert len(kinds(less, Due.LEARN)) < len(kinds(normal, Due.LEARN))
    # Follow-ups are never thinned: they are the outcomes the service is paid for.
    for due in (Due.FOLLOW_UP_4W, Due.FOLLOW_UP_12W, Due.DISCHARGE):
        assert kinds(less, due) == kinds(normal, due)


def test_more_adds_tips_for_four_weeks_on_working_days_and_days_off() -> None:
    items = planned(NIGHTS_MON_TO_WED, frequency=Frequency.MORE)
    tips = kinds(items, Due.SHIFT_TIP)
    normal = kinds(planned(NIGHTS_MON_TO_WED), Due.SHIFT_TIP)
    assert set(tips) <= set(range(1, 29)) and len(tips) >= 12 and len(tips) > 3 * len(normal)
    assert 1 in tips  # Friday 20 March, a day off
    # After a night's tip at 02:00 and the day's check-in, a third message would break the cap.
    assert not over_cap(items, 2)


def test_two_messages_on_one_day_are_kept_apart() -> None:
    items = planned(Roster(weekly=dict.fromkeys(range(7), ShiftKind.LATE)), None, Frequency.MORE)
    by_day: dict[date, list[datetime]] = {}
    for item in items:
        by_day.setdefault(item.due_at.astimezone(LONDON).date(), []).append(item.due_at)
    for moments in by_day.values():
        moments.sort()
        assert all(b - a >= MIN_GAP for a, b in itertools.pairwise(moments))


@pytest.mark.parametrize("cap", [1, 2, 3])
def test_the_daily_cap_is_held(cap: int) -> None:
    items = planned(NIGHTS_MON_TO_WED, frequency=Frequency.MORE, cap=cap)
    assert not over_cap(items, cap)
    # Under a cap of one, the check-in goes and the tip waits for another day.
    if cap == 1:
        assert not set(kinds(items, Due.SHIFT_TIP)) & set(kinds(items, Due.CHECK_IN))


def test_nothing_is_planned_in_the_past() -> None:
    later = datetime(2026, 3, 25, 12, 0, tzinfo=UTC)  # day 6
    items = planned(NIGHTS_MON_TO_WED, now=later)
    assert items and all(p.due_at >= later for p in items)


def test_a_follow_up_whose_day_has_gone_moves_to_the_next_day() -> None:
    wakes = [Wake(Due.FOLLOW_UP_4W, 28)]
    late_on_day_28 = datetime(2026, 4, 16, 21, 0, tzinfo=UTC)  # 22:00 BST, day 28
    (item,) = planned(wakes=wakes, now=late_on_day_28)
    assert item.due_at.astimezone(LONDON).date() == QUIT + timedelta(days=29)


def test_a_quit_day_set_for_today_comes_at_once_in_waking_hours_only() -> None:
    afternoon = datetime(2026, 3, 19, 15, 0, tzinfo=UTC)
    (item,) = planned(wakes=[Wake(Due.QUIT_DAY, 0)], now=afternoon)
    assert item.due_at == afternoon
    night = datetime(2026, 3, 19, 22, 30, tzinfo=UTC)
    assert planned(wakes=[Wake(Due.QUIT_DAY, 0)], now=night) == []


def test_a_window_closing_is_bookkeeping_at_the_start_of_its_shift_day() -> None:
    (item,) = planned(wakes=[Wake(Due.FOLLOW_UP_4W_CLOSES, 43)])
    local = item.due_at.astimezone(LONDON)
    assert local.date() == QUIT + timedelta(days=43)
    assert time(5, 0) <= local.time() < time(5, SPREAD)


ROSTERS = {
    "none": None,
    "nights mon-wed": NIGHTS_MON_TO_WED,
    "4 on 4 off long days": cycle(ShiftKind.LONG_DAY, 4, 4, anchor=date(2026, 3, 10)),
    "4 on 4 off nights": cycle(ShiftKind.NIGHT, 4, 4, anchor=date(2026, 3, 14)),
    "earlies and lates": Roster(
        weekly={0: ShiftKind.EARLY, 1: ShiftKind.EARLY, 3: ShiftKind.LATE, 4: ShiftKind.LATE}
    ),
    "rotating": Roster(
        cycle=(
            ShiftKind.EARLY,
            ShiftKind.EARLY,
            ShiftKind.LATE,
            ShiftKind.LATE,
            ShiftKind.NIGHT,
            ShiftKind.NIGHT,
            None,
            None,
            None,
        ),
        anchor=date(2026, 3, 16),
        changes={date(2026, 3, 30): None, date(2026, 3, 31): ShiftKind.NIGHT},
    ),
}
QUIETS = {
    "none": None,
    "22:30-07:00": QuietHours(time(22, 30), time(7, 0)),
    "00:00-09:00": QuietHours(time(0, 0), time(9, 0)),
    "evenings": QuietHours(time(18, 0), time(21, 0)),
}


@pytest.mark.parametrize("frequency", list(Frequency))
@pytest.mark.parametrize("quiet", list(QUIETS))
@pytest.mark.parametrize("roster", list(ROSTERS))
def test_twelve_weeks_never_in_sleep_or_quiet_hours_and_always_within_the_cap(
    roster: str, quiet: str, frequency: Frequency
) -> None:
    items = planned(ROSTERS[roster], QUIETS[quiet], frequency, key=f"{roster}-{quiet}")
    silent = (Due.FOLLOW_UP_4W_CLOSES, Due.FOLLOW_UP_12W_CLOSES)
    for item in items:
        if item.wake.due in silent:
            continue
        local_day = item.due_at.astimezone(LONDON).date()
        windows = blocked(ROSTERS[roster], QUIETS[quiet], local_day, "Europe/London")
        assert not any(s <= item.due_at < e for s, e in windows), (item, windows)
    cap = 1 if frequency is Frequency.LESS else 2
    assert not over_cap(items, cap)
    # The outcomes the NHS counts are always asked.
    asked = {p.wake.due for p in items}
    assert {Due.FOLLOW_UP_4W, Due.FOLLOW_UP_12W, Due.DISCHARGE} <= asked


def test_messages_already_sent_today_count_towards_the_cap_and_the_gap() -> None:
    day_5 = datetime(2026, 3, 24, 11, 0, tzinfo=UTC)
    sent_at_ten = datetime(2026, 3, 24, 10, 9, tzinfo=UTC)
    wakes = [w for w in PROGRAMME if w.day >= 5]
    items = planned(frequency=Frequency.MORE, wakes=wakes, now=day_5, cap=1, key="p1")
    assert any(p.due_at.date() == day_5.date() for p in items)  # a tip would still fit today
    items = schedule(
        wakes,
        quit_date=QUIT,
        roster=None,
        quiet=None,
        timezone="Europe/London",
        frequency=Frequency.MORE,
        spread_key="p1",
        now=day_5,
        daily_cap=1,
        already=[sent_at_ten],
    )
    assert not any(p.due_at.date() == day_5.date() for p in items)


def test_a_follow_up_never_moves_past_the_day_its_window_closes() -> None:
    narrow = plan(days_to_quit_date=7, twelve_week_window=(84, 85))
    late_on_85 = datetime(2026, 6, 12, 21, 0, tzinfo=UTC)  # day 85, 22:00 BST
    items = planned(wakes=[w for w in narrow if w.day >= 85], now=late_on_85)
    assert kinds(items, Due.FOLLOW_UP_12W_AGAIN) == []  # not asked after its window closed


def test_a_night_worker_with_long_daytime_quiet_hours_is_still_asked_the_follow_ups() -> None:
    # Quiet from 13:00 to 22:00: no shift slot is left, only the mornings of days off.
    roster = cycle(ShiftKind.NIGHT, 4, 3, anchor=date(2026, 3, 14))
    quiet = QuietHours(time(13, 0), time(22, 0))
    items = planned(roster, quiet)
    for due in (Due.FOLLOW_UP_4W, Due.FOLLOW_UP_12W, Due.DISCHARGE):
        (item,) = [p for p in items if p.wake.due is due]
        local = item.due_at.astimezone(LONDON)
        windows = blocked(roster, quiet, local.date(), "Europe/London")
        assert not any(s <= item.due_at < e for s, e in windows)
        assert time(9, 0) <= local.time() < time(13, 0)


@pytest.mark.parametrize(
    ("roster", "earliest", "latest"),
    [
        # An early shift the day before (07:00-15:00): after it ends, not as it begins.
        (Roster(weekly={2: ShiftKind.EARLY}), time(15, 30), time(21, 30)),
        # A long day (07:30-20:00) the day before: when it ends.
        (Roster(weekly={2: ShiftKind.LONG_DAY}), time(20, 0), time(21, 30)),
        # A day off the day before: the evening.
        (Roster(weekly={3: ShiftKind.EARLY}), time(17, 0), time(21, 30)),
        # No roster known: the evening.
        (None, time(17, 0), time(21, 30)),
    ],
)
def test_the_eve_of_the_quit_date_message_comes_after_work_or_in_the_evening(
    roster: Roster | None, earliest: time, latest: time
) -> None:
    """The eve message ("bin cigarettes, lighters and ashtrays tonight") never comes in the
    first minutes of an early shift, nor in the morning of a day off."""
    [eve] = [p for p in planned(roster) if p.wake == Wake(Due.PREPARE, -1)]
    local = eve.due_at.astimezone(LONDON)
    assert local.date() == QUIT - timedelta(days=1)
    assert earliest <= local.time() <= latest, local
