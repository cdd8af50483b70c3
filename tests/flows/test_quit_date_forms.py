from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.quit_date import DateProblem, parse_date, read_quit_date

MONDAY = date(2026, 11, 23)  # most tables: today is Monday 23 November 2026


def _day(n: int) -> date:
    """The date n days after MONDAY."""
    return MONDAY + timedelta(days=n)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", _day(0)),
        ("Today please", _day(0)),
        ("now", _day(0)),
        ("right now!", _day(0)),
        ("Tonight", _day(0)),
        ("tomorrow", _day(1)),
        ("TOMORROW!!", _day(1)),
        ("tomorow", _day(1)),
        ("Tomorow!", _day(1)),
        ("tommorow", _day(1)),
        ("tmrw", _day(1)),
        ("tmw", _day(1)),
        ("2moro", _day(1)),
        ("tomoz", _day(1)),
        ("tomorrow morning i think", _day(1)),
        ("tomorrow at 9am", _day(1)),
        ("tomorrow 7:30", _day(1)),
        ("day after tomorrow", _day(2)),
        ("the day after tomorrow please", _day(2)),
        ("in 5 days", _day(5)),
        ("in five days", _day(5)),
        ("5 days", _day(5)),
        ("in 5 days' time", _day(5)),
        ("5 days from now", _day(5)),
        ("in fourteen days", _day(14)),
        ("in 20 days", _day(20)),
        ("in a day", _day(1)),
        ("in a week", _day(7)),
        ("in 1 week", _day(7)),
        ("one week", _day(7)),
        ("in two weeks", _day(14)),
        ("a week today", _day(7)),
        ("week today", _day(7)),
        ("a week tomorrow", _day(8)),
        ("in a fortnight", _day(14)),
    ],
)
def test_english_relative(text: str, expected: date) -> None:
    assert parse_date(text, today=MONDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("monday", date(2026, 11, 30)),  # today is Monday: a bare weekday is never today
        ("Mon", date(2026, 11, 30)),
        ("next monday", date(2026, 11, 30)),
        ("tue", date(2026, 11, 24)),
        ("tues", date(2026, 11, 24)),
        ("Tuesday", date(2026, 11, 24)),
        ("wed", date(2026, 11, 25)),
        ("weds", date(2026, 11, 25)),
        ("wednesday", date(2026, 11, 25)),
        ("wednsday", date(2026, 11, 25)),
        ("wensday", date(2026, 11, 25)),
        ("thu", date(2026, 11, 26)),
        ("thur", date(2026, 11, 26)),
        ("thurs", date(2026, 11, 26)),
        ("thursady", date(2026, 11, 26)),
        ("thursday morning", date(2026, 11, 26)),
        ("fri", date(2026, 11, 27)),
        ("firday", date(2026, 11, 27)),
        ("Friday please", date(2026, 11, 27)),
        ("on friday i think", date(2026, 11, 27)),
        ("this friday", date(2026, 11, 27)),
        ("next friday", date(2026, 11, 27)),  # people mostly mean the coming one
        ("friday next week", date(2026, 12, 4)),
        ("FRIDAY!!! 🚭", date(2026, 11, 27)),
        ("friday at 9", date(2026, 11, 27)),
        ("sat", date(2026, 11, 28)),
        ("saterday", date(2026, 11, 28)),
        ("sun", date(2026, 11, 29)),
        ("sunday", date(2026, 11, 29)),
        ("actually tuesday", date(2026, 11, 24)),
        ("tomorrow, tuesday", date(2026, 11, 24)),  # agrees, so fine
    ],
)
def test_english_weekdays(text: str, expected: date) -> None:
    assert parse_date(text, today=MONDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 Dec", date(2026, 12, 3)),
        ("3rd December", date(2026, 12, 3)),
        ("December 3", date(2026, 12, 3)),
        ("Dec 3rd", date(2026, 12, 3)),
        ("3rd of dec", date(2026, 12, 3)),
        ("the 3rd of December", date(2026, 12, 3)),
        ("December the 3rd", date(2026, 12, 3)),
        ("the third of december", date(2026, 12, 3)),
        ("twenty-first december", date(2026, 12, 21)),
        ("3 dec 2026", date(2026, 12, 3)),
        ("3rd Dec, 2027", date(2027, 12, 3)),
        ("3 dec 26", date(2026, 12, 3)),
        ("25 december", date(2026, 12, 25)),
        ("1 january", date(2027, 1, 1)),
        ("Febuary 1st", date(2027, 2, 1)),
        ("5 may", date(2027, 5, 5)),
        ("sept 5", date(2026, 9, 5)),  # nearer in the past than next year
        ("5 sep", date(2026, 9, 5)),
        ("20 Nov", date(2026, 11, 20)),  # just gone: past, not next year
        ("3 Jan", date(2027, 1, 3)),
        ("on the 1st of december at 10am", date(2026, 12, 1)),
    ],
)
def test_day_and_month(text: str, expected: date) -> None:
    assert parse_date(text, today=MONDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3/12", date(2026, 12, 3)),
        ("03/12", date(2026, 12, 3)),
        ("3/12/26", date(2026, 12, 3)),
        ("3/12/2026", date(2026, 12, 3)),
        ("3.12", date(2026, 12, 3)),
        ("3-12", date(2026, 12, 3)),
        ("2026-12-03", date(2026, 12, 3)),
        ("on 1/12/2027 please", date(2027, 12, 1)),
        ("1/11", date(2026, 11, 1)),
        ("25/11", date(2026, 11, 25)),
    ],
)
def test_numeric_dates_are_day_first(text: str, expected: date) -> None:
    assert parse_date(text, today=MONDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # No month: the nearest such day that falls on that weekday, else the next such day.
        ("mon 7th", date(2026, 12, 7)),
        ("monday the 4th", date(2027, 1, 4)),  # 4 Dec is a Friday; 4 Jan is a Monday
        ("mon 3rd", date(2026, 12, 3)),  # no Monday 3rd soon: the next 3rd
        ("mon 30th", date(2026, 11, 30)),
        ("friday 27th", date(2026, 11, 27)),
        ("friday 4th", date(2026, 12, 4)),
        # With a month the date is fixed; the weekday is only a hint.
        ("Fri 5 Dec", date(2026, 12, 5)),
        ("Friday 4th December", date(2026, 12, 4)),
        ("Fri Dec 4", date(2026, 12, 4)),
        # A bare day of the month: the next one on or after today.
        ("the 3rd", date(2026, 12, 3)),
        ("3rd", date(2026, 12, 3)),
        ("the 23rd", date(2026, 11, 23)),
        ("the 30th", date(2026, 11, 30)),
        ("the 31st", date(2026, 12, 31)),
        ("on the 1st", date(2026, 12, 1)),
    ],
)
def test_day_of_month(text: str, expected: date) -> None:
    assert parse_date(text, today=MONDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("heddiw", _day(0)),
        ("heno", _day(0)),
        ("yfory", _day(1)),
        ("Yfori", _day(1)),
        ("drennydd", _day(2)),
        ("dydd Llun", date(2026, 11, 30)),
        ("Llun", date(2026, 11, 30)),
        ("nos Lun", date(2026, 11, 30)),
        ("dydd Mawrth", date(2026, 11, 24)),
        ("Mawrth", date(2026, 11, 24)),  # alone, Mawrth is Tuesday
        ("dydd Mercher", date(2026, 11, 25)),
        ("Mercher", date(2026, 11, 25)),
        ("dydd Iau", date(2026, 11, 26)),
        ("Iau", date(2026, 11, 26)),
        ("dydd Gwener", date(2026, 11, 27)),
        ("ddydd Gwener", date(2026, 11, 27)),
        ("Gwener", date(2026, 11, 27)),
        ("dydd Gwener nesaf", date(2026, 11, 27)),
        ("dydd Sadwrn", date(2026, 11, 28)),
        ("Sadwrn", date(2026, 11, 28)),
        ("dydd Sul", date(2026, 11, 29)),
        ("Sul", date(2026, 11, 29)),
        ("3 Mawrth", date(2027, 3, 3)),  # with a day number, Mawrth is March
        ("Mawrth 3", date(2027, 3, 3)),
        ("3 Maw", date(2027, 3, 3)),
        ("dydd Mawrth 1af Rhagfyr", date(2026, 12, 1)),
        ("3 Rhagfyr", date(2026, 12, 3)),
        ("3ydd Rhagfyr", date(2026, 12, 3)),
        ("y 3ydd o Ragfyr", date(2026, 12, 3)),
        ("Rhag 3", date(2026, 12, 3)),
        ("12 Rhag", date(2026, 12, 12)),
        ("10 Tach", date(2026, 11, 10)),
        ("1af Ionawr", date(2027, 1, 1)),
        ("2il Chwefror", date(2027, 2, 2)),
        ("3 Chwe", date(2027, 2, 3)),
        ("5 Ebrill", date(2027, 4, 5)),
        ("Mai 5", date(2027, 5, 5)),
        ("1 Awst", date(2026, 8, 1)),
        ("y 3ydd", date(2026, 12, 3)),
        ("dydd Gwener 4ydd", date(2026, 12, 4)),
        ("mewn 5 diwrnod", _day(5)),
        ("mewn pum diwrnod", _day(5)),
        ("mewn dau ddiwrnod", _day(2)),
        ("mewn chwe diwrnod", _day(6)),
        ("mewn deg diwrnod", _day(10)),
        ("mewn wythnos", _day(7)),
        ("mewn un wythnos", _day(7)),
        ("mewn tair wythnos", _day(21)),
        ("mewn pythefnos", _day(14)),
        ("ymhen wythnos", _day(7)),
        ("wythnos i heddiw", _day(7)),
    ],
)
def test_welsh(text: str, expected: date) -> None:
    assert parse_date(text, today=MONDAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "yes",
        "no",
        "soon",
        "asap",
        "not sure",
        "whenever",
        "next week",
        "wythnos nesaf",
        "next month",
        "this weekend",
        "end of the week",
        "friday week",
        "in a few days",
        "3-5 days",
        "in the next 5 days",
        "monday or tuesday",
        "today or tomorrow",
        "tomorrow, friday",  # tomorrow is Tuesday: contradictory
        "before friday",
        "not today",
        "last friday",
        "the day after",
        "December",
        "in december",
        "ym mis Mawrth",
        "3",
        "2026",
        "31/2",
        "30 Feb",
        "30/02/2027",
        "32 Dec",
        "13/13",
        "£9.50 a day",
        "I smoke 20 a day",
        "🚬🚬🚬",
        "Dzień dobry, jutro",
        "میں کل چھوڑوں گا",
        "x" * 2000,
        "x " * 150 + "friday",  # the date is past the part that is read
    ],
)
def test_no_single_date(text: str) -> None:
    assert parse_date(text, today=MONDAY) is None


def test_only_the_start_of_a_long_message_is_read() -> None:
    assert parse_date("friday " + "blah " * 400, today=MONDAY) == date(2026, 11, 27)


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        # year end (28 Dec 2026 is a Monday)
        ("3 Jan", date(2026, 12, 28), date(2027, 1, 3)),
        ("2/1", date(2026, 12, 28), date(2027, 1, 2)),
        ("1/1/27", date(2026, 12, 28), date(2027, 1, 1)),
        ("the 2nd", date(2026, 12, 28), date(2027, 1, 2)),
        ("friday", date(2026, 12, 28), date(2027, 1, 1)),
        ("mon 4th", date(2026, 12, 28), date(2027, 1, 4)),
        ("in a week", date(2026, 12, 28), date(2027, 1, 4)),
        ("20 dec", date(2026, 12, 28), date(2026, 12, 20)),
        ("31 dec", date(2026, 12, 28), date(2026, 12, 31)),
        ("tomorrow", date(2026, 12, 31), date(2027, 1, 1)),
        # month end: the next 30th after 31 January is in March
        ("the 30th", date(2027, 1, 31), date(2027, 3, 30)),
        ("the 31st", date(2027, 1, 31), date(2027, 1, 31)),
        ("tomorrow", date(2027, 1, 31), date(2027, 2, 1)),
        ("the 29th", date(2027, 2, 27), date(2027, 3, 29)),
        # leap year (27 Feb 2028 is a Sunday)
        ("29 Feb", date(2028, 2, 27), date(2028, 2, 29)),
        ("29/2", date(2028, 2, 27), date(2028, 2, 29)),
        ("29/2/2028", date(2028, 2, 27), date(2028, 2, 29)),
        ("the 29th", date(2028, 2, 27), date(2028, 2, 29)),
        ("tuesday", date(2028, 2, 27), date(2028, 2, 29)),
        ("in 2 days", date(2028, 2, 27), date(2028, 2, 29)),
        ("in 3 days", date(2028, 2, 27), date(2028, 3, 1)),
        ("29 Feb 2027", date(2028, 2, 27), None),
        ("29 Feb", date(2026, 2, 20), None),  # no 29 Feb within a year either side
    ],
)
def test_around_month_and_year_ends(text: str, today: date, expected: date | None) -> None:
    assert parse_date(text, today=today) == expected


@pytest.mark.parametrize(
    ("text", "max_days", "expected"),
    [
        ("today", 14, MONDAY),
        ("tomorrow", 14, _day(1)),
        ("in two weeks", 14, _day(14)),  # the last day is included
        ("in 14 days", 14, _day(14)),
        ("in 15 days", 14, DateProblem.TOO_FAR),
        ("25 Dec", 14, DateProblem.TOO_FAR),
        ("3 Jan", 14, DateProblem.TOO_FAR),
        ("3 Dec", 30, date(2026, 12, 3)),
        ("friday", 3, DateProblem.TOO_FAR),
        ("friday", 4, date(2026, 11, 27)),
        ("20 Nov", 14, DateProblem.PAST),
        ("yesterday", 14, DateProblem.PAST),
        ("22/11/2026", 14, DateProblem.PAST),
        ("soon", 14, DateProblem.UNREADABLE),
        ("31/2", 14, DateProblem.UNREADABLE),
        ("blah", 14, DateProblem.UNREADABLE),
    ],
)
def test_read_quit_date_checks_the_window(
    text: str, max_days: int, expected: date | DateProblem
) -> None:
    assert read_quit_date(text, today=MONDAY, max_days=max_days) == expected


@settings(database=None, deadline=None)
@given(st.text(max_size=400), st.dates())
def test_any_text_is_a_date_or_none_never_an_error(text: str, today: date) -> None:
    found = parse_date(text, today=today)
    assert found is None or isinstance(found, date)
