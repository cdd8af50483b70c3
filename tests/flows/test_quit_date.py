from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.quit_date import DateProblem, parse_date, read_quit_date

MONDAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # relative
        ("today", date(2026, 11, 23)),
        ("Tonight", date(2026, 11, 23)),
        ("tomorrow", date(2026, 11, 24)),
        ("Tomorow!", date(2026, 11, 24)),
        ("tmrw", date(2026, 11, 24)),
        ("2moro", date(2026, 11, 24)),
        ("day after tomorrow", date(2026, 11, 25)),
        ("in 5 days", date(2026, 11, 28)),
        ("5 days", date(2026, 11, 28)),
        ("in five days", date(2026, 11, 28)),
        ("in a week", date(2026, 11, 30)),
        ("a week today", date(2026, 11, 30)),
        ("in two weeks", date(2026, 12, 7)),
        ("in 20 days", date(2026, 12, 13)),
        # weekdays: the next one after today
        ("monday", date(2026, 11, 30)),
        ("Mon", date(2026, 11, 30)),
        ("tues", date(2026, 11, 24)),
        ("wednsday", date(2026, 11, 25)),
        ("thursday morning", date(2026, 11, 26)),
        ("this friday", date(2026, 11, 27)),
        ("next friday", date(2026, 11, 27)),
        ("firday", date(2026, 11, 27)),
        ("sun", date(2026, 11, 29)),
        ("actually tuesday", date(2026, 11, 24)),
        # day and month
        ("3 Dec", date(2026, 12, 3)),
        ("3rd December", date(2026, 12, 3)),
        ("3rd of dec", date(2026, 12, 3)),
        ("December 3rd", date(2026, 12, 3)),
        ("Dec 3", date(2026, 12, 3)),
        ("3 dec 2026", date(2026, 12, 3)),
        ("sept 1", date(2026, 9, 1)),  # nearer in the past than next year
        ("25 december", date(2026, 12, 25)),
        ("20 Nov", date(2026, 11, 20)),  # just gone: past, not next year
        ("3 Jan", date(2027, 1, 3)),
        # numeric, UK order
        ("3/12", date(2026, 12, 3)),
        ("03/12", date(2026, 12, 3)),
        ("3/12/26", date(2026, 12, 3)),
        ("3/12/2026", date(2026, 12, 3)),
        ("3.12", date(2026, 12, 3)),
        ("3-12", date(2026, 12, 3)),
        ("2026-12-03", date(2026, 12, 3)),
        ("1/11", date(2026, 11, 1)),
        # weekday with a day of the month
        ("mon 30th", date(2026, 11, 30)),
        ("friday 4th", date(2026, 12, 4)),
        ("Fri 5 Dec", date(2026, 12, 5)),
        ("the 3rd", date(2026, 12, 3)),
        ("3rd", date(2026, 12, 3)),
        # Welsh
        ("heddiw", date(2026, 11, 23)),
        ("yfory", date(2026, 11, 24)),
        ("drennydd", date(2026, 11, 25)),
        ("dydd Llun", date(2026, 11, 30)),
        ("Llun", date(2026, 11, 30)),
        ("dydd Mawrth", date(2026, 11, 24)),
        ("Mawrth", date(2026, 11, 24)),
        ("3 Mawrth", date(2027, 3, 3)),
        ("dydd Gwener", date(2026, 11, 27)),
        ("3 Rhagfyr", date(2026, 12, 3)),
        ("3ydd Rhagfyr", date(2026, 12, 3)),
        ("Rhag 3", date(2026, 12, 3)),
        ("mewn 5 diwrnod", date(2026, 11, 28)),
        ("mewn pum diwrnod", date(2026, 11, 28)),
        ("mewn wythnos", date(2026, 11, 30)),
        ("mewn pythefnos", date(2026, 12, 7)),
        ("ymhen 5 diwrnod", date(2026, 11, 28)),
        ("ymhen wythnos", date(2026, 11, 30)),
        # not dates, or not clear enough
        ("next week", None),
        ("soon", None),
        ("asap", None),
        ("not sure", None),
        ("yes", None),
        ("", None),
        ("whenever", None),
        ("31/2", None),
        ("30 Feb", None),
        ("32 Dec", None),
        ("🚬🚬🚬", None),
        ("Dzień dobry", None),
        ("میں کل چھوڑوں گا", None),
        ("x" * 2000, None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text, today=MONDAY) == expected


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("3 Jan", date(2026, 12, 28), date(2027, 1, 3)),
        ("2/1", date(2026, 12, 28), date(2027, 1, 2)),
        ("friday", date(2026, 12, 28), date(2027, 1, 1)),
        ("29 Feb", date(2028, 2, 20), date(2028, 2, 29)),
        ("29 Feb", date(2026, 2, 20), None),
        ("the 31st", date(2026, 11, 23), date(2026, 12, 31)),
        ("tomorrow", date(2026, 12, 31), date(2027, 1, 1)),
    ],
)
def test_dates_around_month_and_year_ends(text: str, today: date, expected: date | None) -> None:
    assert parse_date(text, today=today) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", date(2026, 11, 23)),
        ("in 14 days", date(2026, 12, 7)),
        ("in 15 days", DateProblem.TOO_FAR),
        ("yesterday", DateProblem.PAST),
        ("20 Nov", DateProblem.PAST),
        ("25 Dec", DateProblem.TOO_FAR),
        ("blah", DateProblem.UNREADABLE),
    ],
)
def test_read_quit_date_checks_the_window(text: str, expected: date | DateProblem) -> None:
    assert read_quit_date(text, today=MONDAY) == expected


@given(st.text(max_size=300))
def test_any_text_is_a_date_or_none_never_an_error(text: str) -> None:
    assert parse_date(text, today=MONDAY) is None or isinstance(
        parse_date(text, today=MONDAY), date
    )
