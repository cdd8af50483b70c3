"""Read a quit date from free text (English or Welsh), relative to the person's own today."""

import datetime
import enum
import re
from dataclasses import dataclass, field

__all__ = ["DateProblem", "parse_date", "read_quit_date"]

# Only this much of a message is read, so any input is parsed in bounded time.
_MAX_CHARS = 200
# Offsets beyond ten years are nonsense and could overflow `datetime.date`.
_MAX_OFFSET_DAYS = 3660
# "mon 3rd": prefer a 3rd that falls on a Monday if there is one this close.
_HINT_WINDOW_DAYS = 62


class DateProblem(enum.Enum):
    """Why a reply could not be accepted as a quit date."""

    UNREADABLE = "unreadable"  # could not read a date from the text
    PAST = "past"  # a real date, but before today
    TOO_FAR = "too_far"  # a real date, but more than max_days after today


class _Kind(enum.Enum):
    WORD = enum.auto()  # a value-bearing word, or an unknown one (breaks adjacency)
    EXPLICIT = enum.auto()  # a numeric date such as 3/12 or 2026-12-03
    IN = enum.auto()  # "in", "mewn", "ymhen"
    NEXT = enum.auto()  # "next", "nesaf"
    AFTER = enum.auto()  # "after" (only allowed in "day after tomorrow")
    LAST = enum.auto()  # "last", "diwethaf": past when next to a weekday/unit/month
    BLOCK = enum.auto()  # words that make any date ambiguous: "or", "not", "before", ...
    THE = enum.auto()  # "the", "y", "yr": marks the next number as a day of the month
    DYDD = enum.auto()  # "dydd", "nos": marks the next word as a weekday (Mawrth = Tuesday)
    MIS = enum.auto()  # "mis", "fis": marks the next word as a month (Mawrth = March)
    FILLER = enum.auto()  # dropped entirely: "on", "of", "this", ...


@dataclass(slots=True)
class _Tok:
    kind: _Kind = _Kind.WORD
    num: int | None = None
    digits: int = 0  # how many digits it was written with; 0 for number words
    ordinal: bool = False
    weak_num: bool = False  # "a"/"an": a number only in "in a week", "a week today"
    month: int | None = None
    weak_month: bool = False  # "may", "mai", abbreviations: a month only next to a day
    mawrth: bool = False  # Welsh "Mawrth": Tuesday or March
    weekday: int | None = None
    rel: int | None = None
    weak_rel: bool = False  # "now": today only when nothing else is said
    unit: int | None = None
    explicit: datetime.date | None = None
    after_the: bool = False
    after_dydd: bool = False
    after_mis: bool = False


@dataclass(slots=True)
class _Evidence:
    offsets: set[int] = field(default_factory=set)
    weekdays: set[int] = field(default_factory=set)
    days: set[int] = field(default_factory=set)
    months: set[int] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    explicits: set[datetime.date] = field(default_factory=set)
    weak_now: bool = False
    next_week: bool = False


_NOTHING = _Tok()

_TIME_RE = re.compile(
    r"(?<![0-9])[0-9]{1,2}(?:[:.][0-9]{2})?\s*(?:[ap]\.?m\b\.?|o'?\s?clock|o'?r\s+gloch)"
    r"|(?<![0-9])[0-9]{1,2}:[0-9]{2}(?![0-9])"
    r"|\b(?:at|am|erbyn)\s+[0-9]{1,2}(?:[:.][0-9]{2})?(?![0-9/.:a-z-])"
)

_TOKEN_RE = re.compile(
    r"(?P<iso>(?<![0-9])[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?![0-9]))"
    r"|(?P<dmy>(?<![0-9£$€.])[0-9]{1,2}[/.-][0-9]{1,2}(?:[/.-](?:[0-9]{4}|[0-9]{2}))?(?![0-9]))"
    r"|(?P<two>2(?:moro|morro|morrow|morow|mrw|moz|day|nite|night)(?![^\W\d_]))"
    r"|(?P<num>[0-9]+)(?P<suf>(?:st|nd|rd|th|af|il|ydd|ed|fed|eg|ain)(?![^\W\d_]))?"
    r"|(?P<word>[^\W\d_]+(?:'[^\W\d_]+)*)"
)


def _words(text: str) -> list[str]:
    return text.split()


_MARKERS: dict[str, _Kind] = {
    **dict.fromkeys(_words("in mewn ymhen"), _Kind.IN),
    **dict.fromkeys(_words("next nxt nesaf nesa"), _Kind.NEXT),
    **dict.fromkeys(_words("after"), _Kind.AFTER),
    **dict.fromkeys(_words("last diwethaf dwetha dwethaf"), _Kind.LAST),
    **dict.fromkeys(
        _words(
            "not or nor neu ddim before cyn until till til tan between rhwng ago ôl except unless"
            " either"
        ),
        _Kind.BLOCK,
    ),
    **dict.fromkeys(_words("the y yr"), _Kind.THE),
    **dict.fromkeys(_words("dydd ddydd nos noson"), _Kind.DYDD),
    **dict.fromkeys(_words("mis fis"), _Kind.MIS),
    **dict.fromkeys(
        _words(
            "on of this coming upcoming from at i o ar ym yma morning afternoon evening night bore"
            " prynhawn pnawn o'r i'r a'r"
        ),
        _Kind.FILLER,
    ),
}

_TOMORROW = "tomorrow"
_RELATIVE: dict[str, int] = {
    **dict.fromkeys(_words("today 2day tonight tonite 2nite 2night heddiw heno"), 0),
    **dict.fromkeys(
        _words(
            f"{_TOMORROW} tomorow tommorow tommorrow tomoro tomorro tmrw tmw tmr tmrow tmoro tomoz"
            " 2moro 2morro 2morrow 2morow 2mrw 2moz yfory yfori fory fori"
        ),
        1,
    ),
    **dict.fromkeys(_words("drennydd trennydd overmorrow"), 2),
    **dict.fromkeys(_words("yesterday ddoe"), -1),
}
_WEAK_RELATIVE = frozenset(_words("now nawr rwan rŵan"))

_UNITS: dict[str, int] = {
    **dict.fromkeys(_words("day days diwrnod ddiwrnod niwrnod diwrnodau"), 1),
    **dict.fromkeys(_words("week weeks wk wks wythnos wythnosau"), 7),
    **dict.fromkeys(_words("fortnight fortnights pythefnos"), 14),
}

_WEEKDAY_NAMES = _words("monday tuesday wednesday thursday friday saturday sunday")
_WEEKDAYS: dict[str, int] = {
    **{name: i for i, name in enumerate(_WEEKDAY_NAMES)},
    **dict.fromkeys(_words("mon"), 0),
    **dict.fromkeys(_words("tue tues"), 1),
    **dict.fromkeys(_words("wed weds wensday wendsday wednsday"), 2),
    **dict.fromkeys(_words("thu thur thurs thrusday thirsday"), 3),
    **dict.fromkeys(_words("fri"), 4),
    **dict.fromkeys(_words("sat"), 5),
    **dict.fromkeys(_words("sun"), 6),
    # Welsh, with the soft-mutated forms used after "nos" ("nos Lun", "nos Wener").
    **dict.fromkeys(_words("llun lun"), 0),
    **dict.fromkeys(_words("mercher fercher"), 2),
    **dict.fromkeys(_words("iau"), 3),
    **dict.fromkeys(_words("gwener wener"), 4),
    **dict.fromkeys(_words("sadwrn"), 5),
    **dict.fromkeys(_words("sul"), 6),
}
_MAWRTH = frozenset(["mawrth", "fawrth"])  # Tuesday or March, depending on context

_MONTH_NAMES = _words(
    "january february march april may june july august september october november december"
)
_MONTHS: dict[str, int] = {
    **{name: i for i, name in enumerate(_MONTH_NAMES, start=1) if name != "may"},
    **dict.fromkeys(_words("jan ionawr"), 1),
    **dict.fromkeys(_words("feb febuary chwefror"), 2),
    **dict.fromkeys(_words("apr ebrill"), 4),
    **dict.fromkeys(_words("jun mehefin fehefin"), 6),
    **dict.fromkeys(_words("jul gorffennaf orffennaf"), 7),
    **dict.fromkeys(_words("aug awst"), 8),
    **dict.fromkeys(_words("sep sept medi"), 9),
    **dict.fromkeys(_words("oct hydref"), 10),
    **dict.fromkeys(_words("nov tachwedd dachwedd"), 11),
    **dict.fromkeys(_words("dec rhagfyr ragfyr"), 12),
}
# Words that are also ordinary words ("I may", "mai" = "that") count only next to a day.
_WEAK_MONTHS: dict[str, int] = {
    **dict.fromkeys(_words("ion"), 1),
    **dict.fromkeys(_words("chwe"), 2),
    **dict.fromkeys(_words("mar maw"), 3),
    **dict.fromkeys(_words("ebr"), 4),
    **dict.fromkeys(_words("may mai fai"), 5),
    **dict.fromkeys(_words("meh"), 6),
    **dict.fromkeys(_words("gor"), 7),
    **dict.fromkeys(_words("fedi"), 9),
    **dict.fromkeys(_words("hyd"), 10),
    **dict.fromkeys(_words("tach"), 11),
    **dict.fromkeys(_words("rhag"), 12),
}
# Long names are matched with one typo allowed ("wednsday", "thursady", "firday", "novmber").
_FUZZY: dict[str, tuple[str, int]] = {
    **{name: ("weekday", i) for i, name in enumerate(_WEEKDAY_NAMES)},
    **{name: ("month", i) for i, name in enumerate(_MONTH_NAMES, start=1) if len(name) >= 7},
    _TOMORROW: ("rel", 1),
}

_CARDINALS: dict[str, int] = {
    **{
        name: i
        for i, name in enumerate(
            _words(
                "one two three four five six seven eight nine ten eleven twelve thirteen"
                " fourteen fifteen sixteen seventeen eighteen nineteen twenty"
            ),
            start=1,
        )
    },
    **dict.fromkeys(_words("un"), 1),
    **dict.fromkeys(_words("dau ddau dwy ddwy"), 2),
    **dict.fromkeys(_words("tri tair"), 3),
    **dict.fromkeys(_words("pedwar pedair"), 4),
    **dict.fromkeys(_words("pump pum"), 5),
    **dict.fromkeys(_words("chwech chwe"), 6),
    **dict.fromkeys(_words("saith"), 7),
    **dict.fromkeys(_words("wyth"), 8),
    **dict.fromkeys(_words("naw"), 9),
    **dict.fromkeys(_words("deg"), 10),
}
_ORDINALS: dict[str, int] = {
    **{
        name: i
        for i, name in enumerate(
            _words(
                "first second third fourth fifth sixth seventh eighth ninth tenth eleventh"
                " twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth"
                " nineteenth twentieth"
            ),
            start=1,
        )
    },
    "thirtieth": 30,
}
_TENS = {"twenty": 20, "thirty": 30}


def _within_one_edit(a: str, b: str) -> bool:
    """True if a and b differ by at most one insertion, deletion, substitution or swap."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _shift(today: datetime.date, days: int) -> datetime.date | None:
    try:
        return today + datetime.timedelta(days=days)
    except OverflowError:
        return None


def _closest_year(today: datetime.date, month: int, day: int) -> datetime.date | None:
    """The valid date with this day and month nearest to today (ties go to the future)."""
    best: tuple[tuple[int, bool], datetime.date] | None = None
    for year in (today.year - 1, today.year, today.year + 1):
        candidate = _safe_date(year, month, day)
        if candidate is None:
            continue
        key = (abs((candidate - today).days), candidate < today)
        if best is None or key < best[0]:
            best = (key, candidate)
    return None if best is None else best[1]


def _day_of_month(
    today: datetime.date, day: int, weekday: int | None = None
) -> datetime.date | None:
    """The next `day` of a month on or after today, preferring one on `weekday` if close."""
    fallback: datetime.date | None = None
    for k in range(14):
        year, month0 = divmod(today.month - 1 + k, 12)
        candidate = _safe_date(today.year + year, month0 + 1, day)
        if candidate is None or candidate < today:
            continue
        if fallback is None:
            fallback = candidate
            if weekday is None:
                break
        if (candidate - today).days > _HINT_WINDOW_DAYS:
            break
        if candidate.weekday() == weekday:
            return candidate
    return fallback


def _explicit_token(match: re.Match[str], today: datetime.date) -> _Tok:
    """A token for a numeric date; an invalid real-looking date has `explicit` None."""
    parts = [int(p) for p in re.split(r"[/.-]", match.group())]
    if match.group("iso"):
        year, month, day = parts
        return _Tok(kind=_Kind.EXPLICIT, explicit=_safe_date(year, month, day))
    day, month = parts[0], parts[1]
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return _Tok()  # a price, a score, a range: not a date at all
    if len(parts) == 3:
        year = parts[2] + 2000 if parts[2] < 100 else parts[2]
        return _Tok(kind=_Kind.EXPLICIT, explicit=_safe_date(year, month, day))
    return _Tok(kind=_Kind.EXPLICIT, explicit=_closest_year(today, month, day))


def _word_token(word: str) -> _Tok:
    """Classify one lower-case word."""
    if "'" in word:
        if word in _MARKERS:
            return _Tok(kind=_MARKERS[word])
        head, _, tail = word.partition("'")
        if tail != "s":  # "we'd" is not Wednesday; "friday's" is Friday
            return _Tok()
        word = head
    if word in _MARKERS:
        return _Tok(kind=_MARKERS[word])
    if word in _RELATIVE:
        return _Tok(rel=_RELATIVE[word])
    if word in _WEAK_RELATIVE:
        return _Tok(rel=0, weak_rel=True)
    if word in _UNITS:
        return _Tok(unit=_UNITS[word])
    if word in _MAWRTH:
        return _Tok(month=3, mawrth=True)
    if word in _WEEKDAYS:
        return _Tok(weekday=_WEEKDAYS[word])
    if word in _MONTHS:
        return _Tok(month=_MONTHS[word])
    if word in _WEAK_MONTHS:
        return _Tok(month=_WEAK_MONTHS[word], weak_month=True, num=_CARDINALS.get(word))
    if word in _CARDINALS:
        return _Tok(num=_CARDINALS[word])
    if word in ("a", "an"):
        return _Tok(num=1, weak_num=True)
    if word in _ORDINALS:
        return _Tok(num=_ORDINALS[word], ordinal=True)
    if 5 <= len(word) <= 12:
        hits = {hit for name, hit in _FUZZY.items() if _within_one_edit(word, name)}
        if len(hits) == 1:
            ((what, value),) = hits
            if what == "weekday":
                return _Tok(weekday=value)
            if what == "month":
                return _Tok(month=value)
            return _Tok(rel=value)
    return _Tok()


def _tokenize(text: str, today: datetime.date) -> list[_Tok]:
    """Lower-case, strip times of day, and turn the start of the text into tokens."""
    text = text[:_MAX_CHARS].lower()
    for quote in "’‘`´":
        text = text.replace(quote, "'")
    text = _TIME_RE.sub(" ", text)
    raw: list[_Tok] = []
    words: list[str | None] = []
    for match in _TOKEN_RE.finditer(text):
        digits = match.group("num")
        if match.group("iso") or match.group("dmy"):
            raw.append(_explicit_token(match, today))
            words.append(None)
        elif digits is not None:
            if len(digits) > 8:
                raw.append(_Tok())
            else:
                ordinal = match.group("suf") is not None
                raw.append(_Tok(num=int(digits), digits=len(digits), ordinal=ordinal))
            words.append(None)
        else:
            word = match.group()
            raw.append(_word_token(word))
            words.append(word)
    # Join "twenty first" / "twenty-first" into one ordinal.
    for i in range(len(raw) - 1):
        tens, unit = words[i], raw[i + 1]
        if tens in _TENS and unit.ordinal and unit.digits == 0 and unit.num and unit.num < 10:
            raw[i] = _Tok(num=_TENS[tens] + unit.num, ordinal=True)
            raw[i + 1] = _Tok(kind=_Kind.FILLER)
    # Apply and drop the markers that only qualify the next word.
    tokens: list[_Tok] = []
    the = dydd = mis = False
    for tok in raw:
        if tok.kind is _Kind.FILLER:
            continue
        if tok.kind is _Kind.THE:
            the = True
            continue
        if tok.kind is _Kind.DYDD:
            dydd = True
            continue
        if tok.kind is _Kind.MIS:
            mis = True
            continue
        tok.after_the, tok.after_dydd, tok.after_mis = the, dydd, mis
        the = dydd = mis = False
        tokens.append(tok)
    return tokens


def _day_able(tok: _Tok) -> bool:
    return (
        tok.num is not None
        and 1 <= tok.num <= 31
        and not tok.weak_num
        and (tok.ordinal or tok.digits in (1, 2))
    )


def _month_able(tok: _Tok) -> bool:
    return tok.month is not None and not (tok.mawrth and tok.after_dydd)


def _says_when(tok: _Tok) -> bool:
    return tok.weekday is not None or tok.unit is not None or tok.month is not None


def _scan(tokens: list[_Tok]) -> _Evidence | None:
    """Collect the pieces of date the tokens mention; None if they are self-contradictory."""
    ev = _Evidence()
    n = len(tokens)

    def at(k: int) -> _Tok:
        return tokens[k] if 0 <= k < n else _NOTHING

    def lone_day(k: int) -> bool:
        return _day_able(at(k)) and not _month_able(at(k + 1)) and at(k + 1).unit is None

    def year_at(k: int) -> int:
        tok = at(k)
        if tok.num is not None and not tok.ordinal and tok.digits in (2, 4):
            ev.years.add(tok.num + 2000 if tok.digits == 2 else tok.num)
            return k + 1
        return k

    def duration_at(k: int) -> tuple[int, int] | None:
        has_in = at(k).kind is _Kind.IN
        j = k + 1 if has_in else k
        tok, unit = at(j), at(j + 1).unit
        if tok.num is not None and not tok.ordinal and unit is not None:
            if tok.weak_num and not has_in and at(j + 2).rel is None:
                return None  # "20 a day"
            days, end = tok.num * unit, j + 2
        elif tok.unit is not None and (has_in or at(j + 1).rel is not None):
            days, end = tok.unit, j + 1
        else:
            return None
        anchor = at(end).rel  # "a week today", "a week tomorrow", "5 days from now"
        if anchor is not None:
            days, end = days + anchor, end + 1
        return days, end

    i = 0
    while i < n:
        tok, nxt = tokens[i], at(i + 1)
        if tok.kind is _Kind.BLOCK or tok.kind is _Kind.AFTER:
            return None
        if tok.kind is _Kind.LAST:
            if _says_when(at(i - 1)) or _says_when(nxt):
                return None
            i += 1
            continue
        if tok.kind is _Kind.EXPLICIT:
            if tok.explicit is None or nxt.unit is not None:
                return None
            ev.explicits.add(tok.explicit)
            i += 1
            continue
        duration = duration_at(i)
        if duration is not None:
            if at(i - 1).kind is _Kind.NEXT:  # "in the next 5 days"
                return None
            days, i = duration
            ev.offsets.add(days)
            continue
        if tok.unit is not None:
            if tok.unit == 1 and nxt.kind is _Kind.AFTER and at(i + 2).rel == 1:
                if at(i + 2).weak_rel:
                    return None
                ev.offsets.add(2)
                i += 3
                continue
            if tok.unit == 7 and nxt.kind is _Kind.NEXT:  # "wythnos nesaf"
                ev.next_week = True
                i += 2
                continue
            if tok.unit > 1:  # "friday week", "end of the week"
                return None
            i += 1
            continue
        if tok.kind is _Kind.NEXT:
            if nxt.unit == 7:
                ev.next_week = True
                i += 2
            else:
                i += 1
            continue
        if tok.rel is not None:
            if tok.weak_rel:
                ev.weak_now = True
            else:
                ev.offsets.add(tok.rel)
            i += 1
            continue
        is_tuesday = tok.mawrth and (tok.after_dydd or not (tok.after_mis or lone_day(i + 1)))
        if tok.weekday is not None or is_tuesday:
            ev.weekdays.add(1 if is_tuesday else tok.weekday or 0)
            if lone_day(i + 1):
                ev.days.add(nxt.num or 0)
                i += 1
            i += 1
            continue
        if tok.month is not None:
            if lone_day(i + 1):
                ev.months.add(tok.month)
                ev.days.add(nxt.num or 0)
                i = year_at(i + 2)
                continue
            if not tok.weak_month:
                ev.months.add(tok.month)
            i += 1
            continue
        if _day_able(tok) and tok.num is not None:
            if _month_able(nxt) and nxt.month is not None:
                ev.days.add(tok.num)
                ev.months.add(nxt.month)
                i = year_at(i + 2)
                continue
            if tok.after_the or (tok.ordinal and tok.digits):
                ev.days.add(tok.num)
        i += 1
    return ev


def _fits(d: datetime.date, ev: _Evidence, *, weekday: bool) -> bool:
    """True if d agrees with every day, month, year (and optionally weekday) mentioned."""
    return (
        all(d.day == x for x in ev.days)
        and all(d.month == x for x in ev.months)
        and all(d.year == x for x in ev.years)
        and (not weekday or all(d.weekday() == x for x in ev.weekdays))
    )


def _resolve(ev: _Evidence, today: datetime.date) -> datetime.date | None:
    """Turn consistent evidence into one date."""
    pieces = (ev.offsets, ev.weekdays, ev.days, ev.months, ev.years, ev.explicits)
    if any(len(piece) > 1 for piece in pieces):
        return None
    if ev.offsets:
        (offset,) = ev.offsets
        if ev.next_week or abs(offset) > _MAX_OFFSET_DAYS:
            return None
        d = _shift(today, offset)
        if d is None or any(d != x for x in ev.explicits):
            return None
        return d if _fits(d, ev, weekday=True) else None
    if ev.explicits:
        (d,) = ev.explicits
        return d if not ev.next_week and _fits(d, ev, weekday=False) else None
    if ev.next_week:
        if not ev.weekdays:
            return None
        (weekday,) = ev.weekdays
        d = _shift(today, 7 - today.weekday() + weekday)
        return d if d is not None and _fits(d, ev, weekday=False) else None
    if ev.months:
        if not ev.days:
            return None
        ((month,), (day,)) = (ev.months, ev.days)
        if ev.years:
            return _safe_date(next(iter(ev.years)), month, day)
        return _closest_year(today, month, day)
    if ev.days:
        (day,) = ev.days
        return _day_of_month(today, day, next(iter(ev.weekdays), None))
    if ev.weekdays:
        (weekday,) = ev.weekdays
        return _shift(today, (weekday - today.weekday()) % 7 or 7)
    return today if ev.weak_now else None


def parse_date(text: str, *, today: datetime.date) -> datetime.date | None:
    """Read a calendar date from what a person typed, relative to `today` (their local date).

    Understands English and Welsh relative words ("tomorrow", "yfory", "in 5 days",
    "mewn wythnos"), weekdays ("fri", "dydd Gwener"), day and month in either order
    ("3rd Dec", "Rhagfyr 3"), UK numeric dates ("3/12", "2026-12-03") and a bare day of
    the month ("the 3rd"). Only the first 200 characters are read.

    Choices made where people are vague:

    * A weekday means the next one strictly after today; "this friday" and "next friday"
      mean the same (people mostly mean the coming one). "friday next week" is the Friday
      of the following Monday-to-Sunday week.
    * With no year, the year putting the date closest to today is used, so a date just
      gone is returned as a past date rather than moved a year ahead.
    * A weekday with a day of the month but no month ("mon 3rd") picks the nearest 3rd
      that is a Monday within about two months, else the next 3rd. With a month given
      ("Fri 5 Dec") the weekday is ignored.
    * Welsh "Mawrth" alone is Tuesday; next to a day number ("3 Mawrth") it is March.
    * Alternatives and ranges ("monday or tuesday", "before friday", "3-5 days"),
      "next week", "last friday" and contradictions ("tomorrow, friday") are unreadable.

    Args:
        text: What the person typed; any string at all.
        today: The person's local date, which relative words are counted from.

    Returns:
        The date meant, which may be in the past, or None if no single date could be read.
    """
    evidence = _scan(_tokenize(text, today))
    return None if evidence is None else _resolve(evidence, today)


def read_quit_date(
    text: str, *, today: datetime.date, max_days: int = 14
) -> datetime.date | DateProblem:
    """Read a quit date and check it is between today and today + max_days inclusive.

    Args:
        text: What the person typed.
        today: The person's local date.
        max_days: How many days ahead a quit date may be set.

    Returns:
        The quit date, or the DateProblem saying why the reply cannot be used.
    """
    d = parse_date(text, today=today)
    if d is None:
        return DateProblem.UNREADABLE
    if d < today:
        return DateProblem.PAST
    if (d - today).days > max_days:
        return DateProblem.TOO_FAR
    return d
