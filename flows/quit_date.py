"""Reading a quit date from what a person typed, in English or Welsh (pure: today is an argument).

Accepts "today", "tomorrow" (and its usual typos), "in 5 days", "a week today", weekdays
("monday", "mon", "dydd Llun"), day and month in either order ("3 Dec", "December 3rd",
"3 Rhagfyr"), UK numeric dates ("3/12", "3/12/26", ISO "2026-12-03") and a weekday with a day of
the month ("mon 3rd"). A bare weekday means the next one after today ("next friday" too: people
mostly mean the coming one). A date without a year takes the year that puts it nearest today, so
a date just gone reads as past, not as next year.
"""

from __future__ import annotations

import enum
import re
from datetime import date, timedelta

from flows.answers import NUMBER_WORDS
from flows.text import strip_accents, within_one_edit

READ_LIMIT = 200


class DateProblem(enum.Enum):
    """Why a reply is not a usable quit date."""

    UNREADABLE = "unreadable"
    PAST = "past"
    TOO_FAR = "too_far"


_WEEKDAYS: dict[str, int] = {}
for _index, _names in enumerate(
    (
        ("monday", "mon", "llun"),
        ("tuesday", "tue", "tues", "mawrth"),
        ("wednesday", "wed", "weds", "mercher"),
        ("thursday", "thu", "thur", "thurs", "iau"),
        ("friday", "fri", "gwener"),
        ("saturday", "sat", "sadwrn"),
        ("sunday", "sun", "sul"),
    )
):
    for _name in _names:
        _WEEKDAYS[_name] = _index

_MONTHS: dict[str, int] = {}
for _index, _names in enumerate(
    (
        ("january", "jan", "ionawr", "ion"),
        ("february", "feb", "chwefror", "chwe"),
        ("march", "mar", "maw"),  # "mawrth" is handled with a day number (else Tuesday)
        ("april", "apr", "ebrill", "ebr"),
        ("may", "mai"),
        ("june", "jun", "mehefin", "meh"),
        ("july", "jul", "gorffennaf", "gor"),
        ("august", "aug", "awst"),
        ("september", "sep", "sept", "medi"),
        ("october", "oct", "hydref", "hyd"),
        ("november", "nov", "tachwedd", "tach"),
        ("december", "dec", "rhagfyr", "rhag"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _index

_NUMBERS = {**NUMBER_WORDS, "a": 1, "an": 1}
_TODAY = {"today", "now", "tonight", "heddiw", "nawr", "rwan", "heno"}
_TOMORROW = {
    "tomorrow",
    "tomorow",
    "tommorow",
    "tommorrow",
    "tmrw",
    "tmw",
    "2moro",
    "2morrow",
    "tomoz",
    "tmr",
    "yfory",
    "yfori",
}
_FILLER = {
    "on",
    "the",
    "of",
    "please",
    "pls",
    "i",
    "think",
    "maybe",
    "probably",
    "morning",
    "afternoon",
    "evening",
    "night",
    "this",
    "next",
    "coming",
    "ar",
    "y",
    "yr",
    "dydd",
    "nos",
    "bore",
    "let's",
    "lets",
    "say",
    "go",
    "for",
    "how",
    "about",
    "it",
    "be",
    "will",
    "ok",
    "okay",
    "start",
    "from",
    "at",
    "plis",
    "diolch",
    "thanks",
    "actually",
    "instead",
    "make",
    "can",
    "we",
    "do",
    "change",
    "to",
    "rather",
    "then",
    "um",
    "er",
}
_ORDINAL = re.compile(r"^(\d{1,2})(st|nd|rd|th|af|il|ydd|fed|ed|eg)?$")
_NUMERIC = re.compile(r"(?<!\d)(\d{1,4})[/.\-](\d{1,2})(?:[/.\-](\d{2,4}))?(?!\d)")
_TOKEN = re.compile(r"[a-z0-9']+")


def parse_date(text: str, *, today: date) -> date | None:
    """Read a calendar date from what a person typed, relative to `today` (their local date).

    Returns None when there is no date, or it is ambiguous ("next week", "soon").
    """
    tidy = strip_accents(text[:READ_LIMIT].lower().replace("\u2019", "'"))
    numeric = _NUMERIC.search(tidy)
    if numeric:
        return _numeric(numeric, today)
    tokens = [t for t in _TOKEN.findall(tidy) if t not in _FILLER]
    if not tokens:
        return None
    phrase = " ".join(tokens)
    if phrase in _TODAY:
        return today
    if phrase in _TOMORROW:
        return today + timedelta(days=1)
    if phrase in ("day after tomorrow", "drennydd", "day after tmrw"):
        return today + timedelta(days=2)
    relative = _relative(tokens, today)
    if relative is not None:
        return relative
    return _calendar(tokens, today)


def read_quit_date(text: str, *, today: date, max_days: int = 14) -> date | DateProblem:
    """A quit date from `text`, between today and `max_days` ahead, or why not."""
    found = parse_date(text, today=today)
    if found is None:
        return DateProblem.UNREADABLE
    if found < today:
        return DateProblem.PAST
    if found > today + timedelta(days=max_days):
        return DateProblem.TOO_FAR
    return found


def _numeric(match: re.Match[str], today: date) -> date | None:
    first, second, third = match.group(1), match.group(2), match.group(3)
    try:
        if len(first) == 4:  # ISO: 2026-12-03
            return date(int(first), int(second), int(third)) if third else None
        day, month = int(first), int(second)
        if third:
            year = int(third) + (2000 if len(third) == 2 else 0)
            return date(year, month, day)
        return _nearest(day, month, today)
    except ValueError:
        return None


def _relative(tokens: list[str], today: date) -> date | None:
    """ "in 5 days", "5 days", "in a week", "a week today", "mewn pythefnos"."""
    words = [t for t in tokens if t not in ("in", "mewn", "ymhen", "time", "today", "from", "now")]
    if tokens in (["a", "week", "today"], ["week", "today"]):
        return today + timedelta(days=7)
    if words == ["pythefnos"] or words == ["fortnight"] or words == ["a", "fortnight"]:
        return today + timedelta(days=14)
    if words == ["wythnos"]:
        return today + timedelta(days=7)
    if len(words) == 2:
        count, unit = words
        amount = int(count) if count.isdecimal() and len(count) <= 3 else _NUMBERS.get(count)
        if amount is None:
            return None
        if unit in ("day", "days", "diwrnod", "dydd", "niwrnod"):
            return today + timedelta(days=amount)
        if unit in ("week", "weeks", "wythnos", "wythnosau"):
            return today + timedelta(weeks=amount)
    return None


def _calendar(tokens: list[str], today: date) -> date | None:
    """Weekdays, day and month names, ordinals, and combinations of them."""
    weekday: int | None = None
    month: int | None = None
    day: int | None = None
    year: int | None = None
    for token in tokens:
        ordinal = _ORDINAL.match(token)
        if ordinal:
            number = int(ordinal.group(1))
            if day is None and 1 <= number <= 31:
                day = number
            else:
                return None
            continue
        if token.isdecimal() and len(token) == 4:
            year = int(token)
            continue
        if token == "mawrth":  # Tuesday, unless a day number makes it March
            weekday = weekday if weekday is not None else 1
            month = month or 3
            continue
        found_month = _lookup(token, _MONTHS)
        found_weekday = _lookup(token, _WEEKDAYS)
        if found_month is not None and month is None:
            month = found_month
        elif found_weekday is not None and weekday is None:
            weekday = found_weekday
        else:
            return None
    if "mawrth" in tokens:
        if day is None:
            month = None if month == 3 and not _other_month(tokens) else month
        elif weekday == 1 and month == 3 and not _has_weekday_besides_mawrth(tokens):
            weekday = None
    return _resolve(weekday, day, month, year, today)


def _other_month(tokens: list[str]) -> bool:
    return any(_lookup(t, _MONTHS) for t in tokens if t != "mawrth")


def _has_weekday_besides_mawrth(tokens: list[str]) -> bool:
    return any(_lookup(t, _WEEKDAYS) is not None for t in tokens if t != "mawrth")


def _resolve(
    weekday: int | None, day: int | None, month: int | None, year: int | None, today: date
) -> date | None:
    if day is None:
        if month is not None or year is not None or weekday is None:
            return None
        ahead = (weekday - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    try:
        if month is not None:
            if year is not None:
                return date(year, month, day)
            return _nearest(day, month, today)
    except ValueError:
        return None
    return _by_day_of_month(day, weekday, today)


def _by_day_of_month(day: int, weekday: int | None, today: date) -> date | None:
    """The next date with this day of the month (on or after today); a weekday picks which."""
    candidates = []
    year, month = today.year, today.month
    for _ in range(3):
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate >= today:
            candidates.append(candidate)
        month += 1
        if month == 13:
            year, month = year + 1, 1
    if not candidates:
        return None
    if weekday is not None:
        matching = [c for c in candidates if c.weekday() == weekday]
        if matching:
            return matching[0]
    return candidates[0]


def _nearest(day: int, month: int, today: date) -> date:
    """The date with this day and month nearest to today (raises ValueError if impossible)."""
    options = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    if not options:
        raise ValueError(f"no {day}/{month}")
    return min(options, key=lambda d: (abs((d - today).days), d < today))


def _lookup(token: str, names: dict[str, int]) -> int | None:
    if token in names:
        return names[token]
    if len(token) >= 5:
        near = {
            value
            for name, value in names.items()
            if len(name) >= 5 and within_one_edit(token, name)
        }
        if len(near) == 1:
            return near.pop()
    return None
