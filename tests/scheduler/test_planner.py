from datetime import UTC, date, datetime, time, timedelta

import pytest

from flows.roster import QuietHours, Roster, ShiftKind, cycle
from scheduler.planner import SPREAD, ask_again_at, blocked, plan_moment
from scheduler.roster import shift_on

LONDON = "Europe/London"
NIGHTS_MON_TO_WED = Roster(weekly={0: ShiftKind.NIGHT, 1: ShiftKind.NIGHT, 2: ShiftKind.NIGHT})
LONG_DAYS_4_ON_4_OFF = cycle(ShiftKind.LONG_DAY, 4, 4, anchor=date(2026, 11, 23))
LATES = Roster(weekly=dict.fromkeys(range(5), ShiftKind.LATE))
EARLY_MORNING = datetime(2026, 1, 1, tzinfo=UTC)


def moment(
    kind: str,
    day: date,
    roster: Roster | None,
    quiet: QuietHours | None = None,
    now: datetime = EARLY_MORNING,
    key: str = "p1",
) -> datetime | None:
    return plan_moment(
        kind, day, roster=roster, quiet=quiet, timezone=LONDON, spread_key=key, now=now
    )


def within(found: datetime | None, expected: datetime) -> bool:
    """The planned moment is in its slot, spread by up to SPREAD minutes."""
    return found is not None and expected <= found < expected + timedelta(minutes=SPREAD)


@pytest.mark.parametrize(
    ("kind", "day", "roster", "quiet", "expected"),
    [
        # After Monday's night shift (ends Tue 08:00): nothing before 14:00 on Tuesday.
        (
            "check_in",
            date(2026, 11, 24),
            NIGHTS_MON_TO_WED,
            None,
            datetime(2026, 11, 24, 14, 0, tzinfo=UTC),
        ),
        # Monday itself, before the first night: a check-in on the day off side is at 10:00,
        # but a preparation message fits best before the shift.
        (
            "prepare",
            date(2026, 11, 23),
            NIGHTS_MON_TO_WED,
            None,
            datetime(2026, 11, 23, 19, 15, tzinfo=UTC),
        ),
        # Thursday, after the last night: on waking.
        (
            "check_in",
            date(2026, 11, 26),
            NIGHTS_MON_TO_WED,
            None,
            datetime(2026, 11, 26, 14, 0, tzinfo=UTC),
        ),
        # A day off with nothing the night before: mid-morning.
        (
            "check_in",
            date(2026, 11, 28),
            NIGHTS_MON_TO_WED,
            None,
            datetime(2026, 11, 28, 10, 0, tzinfo=UTC),
        ),
        # 4 on 4 off long days: after the shift (20:00 + 30 min) on a working day ...
        (
            "check_in",
            date(2026, 11, 24),
            LONG_DAYS_4_ON_4_OFF,
            None,
            datetime(2026, 11, 24, 20, 30, tzinfo=UTC),
        ),
        # ... and mid-morning on the first day of the four off.
        (
            "check_in",
            date(2026, 11, 27),
            LONG_DAYS_4_ON_4_OFF,
            None,
            datetime(2026, 11, 27, 10, 0, tzinfo=UTC),
        ),
        # A late shift ends at 21:00: too late after it, so before it instead.
        ("check_in", date(2026, 11, 24), LATES, None, datetime(2026, 11, 24, 12, 45, tzinfo=UTC)),
        # Craving support goes at the likely break, half way through the shift.
        (
            "craving_support",
            date(2026, 11, 24),
            LONG_DAYS_4_ON_4_OFF,
            None,
            datetime(2026, 11, 24, 13, 45, tzinfo=UTC),
        ),
        # Own quiet hours over midnight (22:00 to 10:30) push a day-off message later.
        (
            "check_in",
            date(2026, 11, 28),
            None,
            QuietHours(time(22, 0), time(10, 30)),
            datetime(2026, 11, 28, 10, 30, tzinfo=UTC),
        ),
        # No roster at all: a mid-morning message.
        ("check_in", date(2026, 11, 28), None, None, datetime(2026, 11, 28, 10, 0, tzinfo=UTC)),
    ],
)
def test_the_moment_fits_the_shift(
    kind: str, day: date, roster: Roster | None, quiet: QuietHours | None, expected: datetime
) -> None:
    assert within(moment(kind, day, roster, quiet), expected)


def test_spring_forward_night_keeps_local_times() -> None:
    # Night Sat 28 March 2026 20:00 GMT to Sun 29 March 08:00 BST: the clocks went forward.
    sat = Roster(weekly={5: ShiftKind.NIGHT})
    shift = shift_on(sat, date(2026, 3, 28), LONDON)
    assert shift is not None
    assert shift.duration == timedelta(hours=11)  # an hour shorter
    found = moment("check_in", date(2026, 3, 29), sat)
    assert within(found, datetime(2026, 3, 29, 13, 0, tzinfo=UTC))  # 14:00 BST


def test_autumn_back_night_keeps_local_times() -> None:
    # Night Sat 24 October 2026 20:00 BST to Sun 25 October 08:00 GMT: an hour longer.
    sat = Roster(weekly={5: ShiftKind.NIGHT})
    shift = shift_on(sat, date(2026, 10, 24), LONDON)
    assert shift is not None
    assert shift.duration == timedelta(hours=13)
    assert within(
        moment("check_in", date(2026, 10, 25), sat), datetime(2026, 10, 25, 14, 0, tzinfo=UTC)
    )  # 14:00 GMT
    windows = blocked(sat, None, date(2026, 10, 25), LONDON)
    assert (
        datetime(2026, 10, 25, 8, 0, tzinfo=UTC),
        datetime(2026, 10, 25, 14, 0, tzinfo=UTC),
    ) in windows


def test_nothing_lands_in_sleep_after_nights_whatever_the_kind() -> None:
    for kind in ("check_in", "prepare", "quit_day", "follow_up", "craving_support"):
        found = moment(kind, date(2026, 11, 24), NIGHTS_MON_TO_WED)
        assert found is not None
        local = found.astimezone(UTC)  # GMT in November
        assert not (time(8, 0) <= local.time() < time(14, 0)), kind


def test_a_day_whose_moments_have_all_passed_gets_none() -> None:
    late = datetime(2026, 11, 28, 22, 0, tzinfo=UTC)
    assert moment("check_in", date(2026, 11, 28), None, now=late) is None


def test_a_slot_moved_past_the_end_of_the_day_is_dropped() -> None:
    quiet_all_day = QuietHours(time(6, 0), time(23, 0))
    assert moment("check_in", date(2026, 11, 28), None, quiet_all_day) is None


def test_people_on_one_roster_are_spread_across_the_slot_and_stay_put() -> None:
    day = date(2026, 11, 24)
    found = [moment("check_in", day, LONG_DAYS_4_ON_4_OFF, key=f"p{n}") for n in range(300)]
    assert all(within(f, datetime(2026, 11, 24, 20, 30, tzinfo=UTC)) for f in found)
    assert len({f.minute for f in found if f}) >= SPREAD - 2  # not all at one second
    assert moment("check_in", day, LONG_DAYS_4_ON_4_OFF, key="p7") == found[7]


ROSTERS = {
    "nights mon-wed": NIGHTS_MON_TO_WED,
    "4 on 4 off long days": LONG_DAYS_4_ON_4_OFF,
    "4 on 4 off nights": cycle(ShiftKind.NIGHT, 4, 4, anchor=date(2026, 11, 25)),
    "lates": LATES,
    "rotating earlies, lates, nights": Roster(
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
        anchor=date(2026, 11, 23),
    ),
    "none given": Roster(),
}
QUIETS = [None, QuietHours(time(22, 30), time(7, 0)), QuietHours(time(0, 0), time(9, 0))]


@pytest.mark.parametrize("name", list(ROSTERS))
@pytest.mark.parametrize("quiet", QUIETS)
def test_twelve_weeks_of_moments_never_land_in_sleep_or_quiet_hours(
    name: str, quiet: QuietHours | None
) -> None:
    roster = ROSTERS[name]
    start = date(2026, 3, 1)  # across the spring clock change
    planned = 0
    for offset in range(84):
        day = start + timedelta(days=offset)
        windows = blocked(roster, quiet, day, LONDON)
        for kind in ("check_in", "prepare", "follow_up", "craving_support"):
            found = plan_moment(
                kind,
                day,
                roster=roster,
                quiet=quiet,
                timezone=LONDON,
                spread_key=f"{name}-{kind}",
                now=EARLY_MORNING,
            )
            if found is None:
                continue
            planned += 1
            assert not any(s <= found < e for s, e in windows), (name, day, kind, found)
    assert planned > 84 * 2  # the planner finds room on nearly every day


def test_a_snoozed_question_comes_back_in_waking_hours_and_after_sleep() -> None:
    zone = "Europe/London"
    noon = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
    assert ask_again_at(noon, hours=3, roster=None, quiet=None, timezone=zone) == datetime(
        2026, 11, 27, 15, 0, tzinfo=UTC
    )
    # Late in the evening: not at midnight, but the next morning from 09:00.
    late = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)
    assert ask_again_at(late, hours=3, roster=None, quiet=None, timezone=zone) == datetime(
        2026, 11, 28, 9, 0, tzinfo=UTC
    )
    # Their own quiet hours are kept.
    quiet = QuietHours(start=time(14, 0), end=time(17, 0))
    assert ask_again_at(noon, hours=3, roster=None, quiet=quiet, timezone=zone) == datetime(
        2026, 11, 27, 17, 0, tzinfo=UTC
    )
    # Off a night shift (Thursday night): never before they wake.
    nights = Roster(weekly={3: ShiftKind.NIGHT})
    morning = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
    moment = ask_again_at(morning, hours=3, roster=nights, quiet=None, timezone=zone)
    assert moment == datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
