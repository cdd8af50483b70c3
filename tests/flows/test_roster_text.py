"""Reading rosters and quiet hours from people's own words (English and Welsh)."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.roster import QuietHours, Roster, ShiftKind, cycle
from flows.roster_text import NeedDays, RosterReading, read_quiet_hours, read_roster

TODAY = date(2026, 11, 25)  # a Wednesday
E, L, LD, N, OFC = (
    ShiftKind.EARLY,
    ShiftKind.LATE,
    ShiftKind.LONG_DAY,
    ShiftKind.NIGHT,
    ShiftKind.OFFICE,
)
MON_FRI = (0, 1, 2, 3, 4)


def day(offset: int) -> date:
    """TODAY plus `offset` days (0 = Wednesday 25 November 2026)."""
    return TODAY + timedelta(days=offset)


def weekly(kind: ShiftKind, *weekdays: int) -> dict[int, ShiftKind]:
    return dict.fromkeys(weekdays, kind)


def changes(kind: ShiftKind | None, *offsets: int) -> dict[date, ShiftKind | None]:
    return {day(offset): kind for offset in offsets}


def read(text: str, current: Roster | None = None) -> RosterReading | NeedDays | None:
    return read_roster(text, today=TODAY, current=current)


# ---------------------------------------------------------------------------------------------
# Weekly patterns


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nights mon-wed", weekly(N, 0, 1, 2)),
        ("nights mon to wed", weekly(N, 0, 1, 2)),
        ("mon-wed nights", weekly(N, 0, 1, 2)),
        ("Mon – Wed nights.", weekly(N, 0, 1, 2)),
        ("night shifts monday tuesday wednesday", weekly(N, 0, 1, 2)),
        ("I work nights, usually mon to wed", weekly(N, 0, 1, 2)),
        ("nights mon till wed", weekly(N, 0, 1, 2)),
        ("nights fri-mon", weekly(N, 4, 5, 6, 0)),
        ("long days tue thu sat", weekly(LD, 1, 3, 5)),
        ("LDs tue, thu & sat", weekly(LD, 1, 3, 5)),
        ("LATES MON, TUES", weekly(L, 0, 1)),
        ("nights tues weds thurs", weekly(N, 1, 2, 3)),
        ("nite mon", weekly(N, 0)),
        ("earlies mon tue, lates thu fri", {**weekly(E, 0, 1), **weekly(L, 3, 4)}),
        ("earlies mon and tue and lates on friday", {**weekly(E, 0, 1), **weekly(L, 4)}),
        ("mon tue earlies, thu fri lates", {**weekly(E, 0, 1), **weekly(L, 3, 4)}),
        ("mon-wed nights and lates sat", {**weekly(N, 0, 1, 2), **weekly(L, 5)}),
        ("office hours", weekly(OFC, *MON_FRI)),
        ("9 to 5", weekly(OFC, *MON_FRI)),
        ("9-5 mon-fri", weekly(OFC, *MON_FRI)),
        ("mon-fri 9am-5pm", weekly(OFC, *MON_FRI)),
        ("office mon-thu", weekly(OFC, 0, 1, 2, 3)),
        ("7-3 mon-fri", weekly(E, *MON_FRI)),
        ("nights 8pm-8am mon-wed", weekly(N, 0, 1, 2)),
        ("nights weekends", weekly(N, 5, 6)),
        ("weekend nights", weekly(N, 5, 6)),
        ("earlies every weekday", weekly(E, *MON_FRI)),
        ("nights every day", weekly(N, *range(7))),
        ("lates daily", weekly(L, *range(7))),
        ("earlies mon-fri, off weekends", weekly(E, *MON_FRI)),
    ],
)
def test_weekly_patterns(text: str, expected: dict[int, ShiftKind]) -> None:
    assert read(text) == RosterReading(Roster(weekly=expected))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nosweithiau Llun i Fercher", weekly(N, 0, 1, 2)),
        ("nos Lun i nos Fercher", weekly(N, 0, 1, 2)),
        ("nos Lun", weekly(N, 0)),
        ("llun-mercher nos", weekly(N, 0, 1, 2)),
        ("shifftiau nos dydd Llun i ddydd Mercher", weekly(N, 0, 1, 2)),
        ("o ddydd Llun i ddydd Mercher shifftiau nos", weekly(N, 0, 1, 2)),
        ("shifft nos nos Wener a nos Sadwrn", weekly(N, 4, 5)),
        ("dyddiau hir dydd Mawrth, Iau a Sadwrn", weekly(LD, 1, 3, 5)),
        ("diwrnodau hir Mawrth Iau Sadwrn", weekly(LD, 1, 3, 5)),
        (
            "shifftiau cynnar dydd Llun a dydd Mawrth, hwyr dydd Gwener",
            {**weekly(E, 0, 1), **weekly(L, 4)},
        ),
        ("cynnar Llun-Gwener", weekly(E, *MON_FRI)),
        ("hwyr penwythnosau", weekly(L, 5, 6)),
        ("nos bob dydd", weekly(N, *range(7))),
        ("oriau swyddfa", weekly(OFC, *MON_FRI)),
        ("dŷdd Sul nos", weekly(N, 6)),
    ],
)
def test_weekly_patterns_in_welsh(text: str, expected: dict[int, ShiftKind]) -> None:
    assert read(text) == RosterReading(Roster(weekly=expected))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nigths mon-wed", weekly(N, 0, 1, 2)),
        ("earlies mon wendesday", weekly(E, 0, 2)),
        ("nights thrusday fridya", weekly(N, 3, 4)),
        ("ofice hours", weekly(OFC, *MON_FRI)),
        ("nights saturady and sunday", weekly(N, 5, 6)),
        ("nosweithau Llun", weekly(N, 0)),
    ],
)
def test_typos_of_long_words_are_forgiven(text: str, expected: dict[int, ShiftKind]) -> None:
    assert read(text) == RosterReading(Roster(weekly=expected))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("days mon-fri", weekly(E, *MON_FRI)),  # "days" is the day shift, but a guess
        ("mon-fri", weekly(OFC, *MON_FRI)),  # no shift word: office hours, a guess
        ("weekdays", weekly(OFC, *MON_FRI)),
        ("8-8 mon tue", weekly(N, 0, 1)),  # bare 8-8: nights or long days
    ],
)
def test_guessed_weekly_patterns_are_unsure(text: str, expected: dict[int, ShiftKind]) -> None:
    assert read(text) == RosterReading(Roster(weekly=expected), unsure=True)


# ---------------------------------------------------------------------------------------------
# Cycles


@pytest.mark.parametrize(
    ("text", "kind", "on", "off", "anchor", "unsure"),
    [
        ("4 on 4 off", LD, 4, 4, TODAY, True),
        ("4on4off", LD, 4, 4, TODAY, True),
        ("four on four off", LD, 4, 4, TODAY, True),
        ("4 days on 4 days off", LD, 4, 4, TODAY, True),
        ("4 nights on 4 off", N, 4, 4, TODAY, True),
        ("nights, 4 on 4 off", N, 4, 4, TODAY, True),
        ("4 on 4 off nights from monday", N, 4, 4, day(5), False),
        ("3 long days on 4 off from thursday", LD, 3, 4, day(1), False),
        ("3 long days on 4 off from wednesday", LD, 3, 4, TODAY, False),
        ("4 on 4 off starting tomorrow", LD, 4, 4, day(1), True),
        ("4 on 4 off started last monday", LD, 4, 4, day(-2), True),
        ("4 nights on 4 off from 24/11", N, 4, 4, day(-1), False),
        ("4 nights on 4 off from 2026-11-30", N, 4, 4, day(5), False),
        ("2 earlies on 3 off from today", E, 2, 3, TODAY, False),
        ("4 ymlaen 4 i ffwrdd", LD, 4, 4, TODAY, True),
        ("pedair nos ymlaen, pedair i ffwrdd o ddydd Iau", N, 4, 4, day(1), False),
        ("4 nos ymlaen 4 i ffwrdd yn dechrau yfory", N, 4, 4, day(1), False),
    ],
)
def test_cycles(text: str, kind: ShiftKind, on: int, off: int, anchor: date, unsure: bool) -> None:
    assert read(text) == RosterReading(cycle(kind, on, off, anchor=anchor), unsure=unsure)


def test_a_cycle_of_several_kinds() -> None:
    expected = Roster(cycle=(E, E, L, L, N, N, None, None, None, None), anchor=day(1))
    assert read("2 earlies 2 lates 2 nights 4 off from tomorrow") == RosterReading(expected)


def test_a_cycle_replaces_the_pattern_but_keeps_one_off_days() -> None:
    current = Roster(weekly=weekly(E, *MON_FRI), changes=changes(None, 1))
    expected = Roster(cycle=(N, N, N, None, None, None), anchor=day(1), changes=changes(None, 1))
    assert read("3 nights on 3 off from thursday", current) == RosterReading(expected)


# ---------------------------------------------------------------------------------------------
# One-off changes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("earlies this week", changes(E, 0, 1, 2, 3, 4)),
        ("earlies for the rest of the week", changes(E, 0, 1, 2, 3, 4)),
        ("nights next week", changes(N, *range(5, 12))),
        ("nights tonight", changes(N, 0)),
        ("night tonight", changes(N, 0)),
        ("tonight", changes(N, 0)),
        ("Im on nights tonight and tomorrow", changes(N, 0, 1)),
        ("late tomorrow", changes(L, 1)),
        ("late 2moro", changes(L, 1)),
        ("lates tomorrow and friday", changes(L, 1, 2)),
        ("nights thursday and friday next week", changes(N, 8, 9)),
        ("nights 1/12", changes(N, 6)),
        ("nights this weekend", changes(N, 3, 4)),
        ("nights next weekend", changes(N, 10, 11)),
        ("off till monday", changes(None, 0, 1, 2, 3, 4)),
        ("off until monday", changes(None, 0, 1, 2, 3, 4)),
        ("Off until Monday!", changes(None, 0, 1, 2, 3, 4)),
        ("off till wednesday", changes(None, *range(7))),  # the next Wednesday, not today
        ("on leave till friday", changes(None, 0, 1)),
        ("off sick till thursday", changes(None, 0)),
        ("off from tomorrow till monday", changes(None, 1, 2, 3, 4)),
        ("off till 1/12", changes(None, *range(6))),
        ("off till next week", changes(None, 0, 1, 2, 3, 4)),
        ("holiday this week", changes(None, 0, 1, 2, 3, 4)),
        ("annual leave next week", changes(None, *range(5, 12))),
        ("off today", changes(None, 0)),
        ("off tomorrow", changes(None, 1)),
        ("off this weekend", changes(None, 3, 4)),
        ("off monday", changes(None, 5)),
        ("ôff tîll mönday", changes(None, 0, 1, 2, 3, 4)),
    ],
)
def test_one_off_changes(text: str, expected: dict[date, ShiftKind | None]) -> None:
    assert read(text) == RosterReading(Roster(changes=expected))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cynnar yr wythnos hon", changes(E, 0, 1, 2, 3, 4)),
        ("nos wythnos nesaf", changes(N, *range(5, 12))),
        ("nosweithiau'r wythnos nesaf", None),  # not a form we know: not understood
        ("nos heno", changes(N, 0)),
        ("heno", changes(N, 0)),
        ("hwyr yfory", changes(L, 1)),
        ("nos yfory", changes(N, 1)),
        ("i ffwrdd heddiw", changes(None, 0)),
        ("i ffwrdd tan ddydd Llun", changes(None, 0, 1, 2, 3, 4)),
        ("ar wyliau tan ddydd Gwener", changes(None, 0, 1)),
        ("gwyliau yr wythnos hon", changes(None, 0, 1, 2, 3, 4)),
    ],
)
def test_one_off_changes_in_welsh(
    text: str, expected: dict[date, ShiftKind | None] | None
) -> None:
    result = read(text)
    if expected is None:
        assert not isinstance(result, RosterReading)
    else:
        assert result == RosterReading(Roster(changes=expected))


def test_one_off_changes_keep_the_weekly_pattern() -> None:
    current = Roster(weekly=weekly(N, 0, 1, 2), changes=changes(L, 10))
    expected = Roster(weekly=weekly(N, 0, 1, 2), changes={**changes(L, 10), **changes(E, 1)})
    assert read("early tomorrow", current) == RosterReading(expected)


def test_one_off_changes_keep_the_cycle() -> None:
    current = cycle(N, 4, 4, anchor=day(-3))
    expected = Roster(cycle=current.cycle, anchor=current.anchor, changes=changes(None, 0, 1))
    assert read("off till friday", current) == RosterReading(expected)


def test_one_off_changes_override_earlier_ones() -> None:
    current = Roster(changes=changes(N, 0, 1))
    assert read("off tomorrow", current) == RosterReading(
        Roster(changes={**changes(N, 0), **changes(None, 1)})
    )


def test_a_new_weekly_pattern_replaces_the_old_one_but_keeps_one_off_days() -> None:
    current = Roster(weekly=weekly(E, *MON_FRI), changes=changes(None, 1))
    expected = Roster(weekly=weekly(N, 5, 6), changes=changes(None, 1))
    assert read("nights weekends", current) == RosterReading(expected)


def test_a_weekly_pattern_and_a_one_off_day_together() -> None:
    expected = Roster(weekly=weekly(N, 0, 1, 2), changes=changes(None, 1))
    assert read("nights mon-wed, off tomorrow") == RosterReading(expected)


# ---------------------------------------------------------------------------------------------
# Kind without days, and not understood


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("nights", N),
        ("Nights.", N),
        ("on nights", N),
        ("nos", N),
        ("nosweithiau", N),
        ("earlies", E),
        ("lates", L),
        ("long days", LD),
        ("day shifts", E),
        ("rotating nights", N),
        ("rotating", None),
        ("rota", None),
        ("it varies", None),
        ("all sorts", None),
        ("shift work", None),
        ("earlies and lates", None),
        ("cylchdroi", None),
        ("mae'n amrywio", None),
    ],
)
def test_need_days(text: str, kind: ShiftKind | None) -> None:
    assert read(text) == NeedDays(kind)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "hello there",
        "🙂🙂",
        "yes",
        "mon",
        "weekends",
        "tomorrow",
        "off",
        "nights except wed",
        "nights mon-wed but not thursday",
        "earlies or lates mon",
        "nights mon-wed lates mon",  # Monday twice
        "4 on 4 off mon-wed nights",  # a cycle and a weekly pattern
        "99 on 99 off",
        "nights till friday",  # nights through Friday, or up to it?
        "earlies mon tue this week",  # both days have passed
        "off till 31/2",
        "nights 31/2",
        "off weekends",
        "nights mon, sometimes weekends",
        "the night before",
        "4 on 4 off from monday and tuesday",
        "nights last week",
        "off till 31/12/9999",
        "nights mon " * 30,  # too long to read
    ],
)
def test_not_understood(text: str) -> None:
    assert read(text) is None


def test_long_text_is_not_read() -> None:
    assert read("nights mon-wed " + "x" * 300) is None


@given(st.text(max_size=250))
@settings(max_examples=400, deadline=None)
def test_read_roster_never_raises(text: str) -> None:
    result = read_roster(text, today=TODAY, current=Roster(changes=changes(None, 1)))
    assert result is None or isinstance(result, RosterReading | NeedDays)


_ROSTER_WORDS = [
    "nights",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "-",
    "to",
    "till",
    "off",
    "on",
    "4",
    "3",
    "from",
    "tomorrow",
    "today",
    "tonight",
    "this",
    "next",
    "week",
    "weekend",
    "leave",
    "9-5",
    "8pm",
    "24/11",
    "2026-11-30",
    "nos",
    "llun",
    "i",
    "ffwrdd",
    "tan",
    "ymlaen",
    "heno",
    ",",
    "&",
    "earlies",
    "lates",
    "long",
    "days",
    "rota",
    "99",
    "0",
    "31/2",
    "9999-12-31",
]


@given(st.lists(st.sampled_from(_ROSTER_WORDS), max_size=12))
@settings(max_examples=400, deadline=None)
def test_read_roster_never_raises_on_roster_like_text(parts: list[str]) -> None:
    result = read_roster(" ".join(parts), today=date(9999, 12, 30))
    assert result is None or isinstance(result, RosterReading | NeedDays)


# ---------------------------------------------------------------------------------------------
# Quiet hours


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("10pm-7am", time(22), time(7)),
        ("10pm - 7am", time(22), time(7)),
        ("10 p.m. to 7 a.m.", time(22), time(7)),
        ("22:00 to 07:00", time(22), time(7)),
        ("11pm till 6", time(23), time(6)),
        ("2230-0630", time(22, 30), time(6, 30)),
        ("10.30pm to 6.30am", time(22, 30), time(6, 30)),
        ("between 11pm and 7am", time(23), time(7)),
        ("from 9pm till 5am please", time(21), time(5)),
        ("10-7", time(22), time(7)),
        ("10 till 6", time(22), time(6)),
        ("midnight to 8", time(0), time(8)),
        ("8am-3pm", time(8), time(15)),  # after nights: sleeping in the day
        ("8am till 3", time(8), time(15)),
        ("10yh-7yb", time(22), time(7)),
        ("10 y.h. - 7 y.b.", time(22), time(7)),
        ("22:00 i 07:00", time(22), time(7)),
        ("11yh tan 6", time(23), time(6)),
        ("o 10yh tan 7yb", time(22), time(7)),
        ("hanner nos tan 8", time(0), time(8)),
    ],
)
def test_quiet_hours(text: str, start: time, end: time) -> None:
    assert read_quiet_hours(text) == QuietHours(start, end)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "none",
        "no",
        "off",
        "10pm",
        "whenever",
        "10pm-7am and 1pm-3pm",
        "not 10pm-7am",
        "13pm-7am",
        "22:75-07:00",
        "25:00-07:00",
        "13-13",
        "10pm-7am " + "z" * 300,
    ],
)
def test_quiet_hours_not_understood(text: str) -> None:
    assert read_quiet_hours(text) is None


@given(st.text(max_size=250))
@settings(max_examples=300, deadline=None)
def test_read_quiet_hours_never_raises(text: str) -> None:
    result = read_quiet_hours(text)
    assert result is None or isinstance(result, QuietHours)
