"""Read how a person describes their work, in their own words, English or Welsh (pure).

`read_roster` turns "nights mon-wed", "earlies mon tue, lates thu fri", "4 on 4 off from
thursday", "off till monday" or "nosweithiau Llun i Fercher" into a `Roster`; `read_quiet_hours`
turns "10pm-7am" or "22:00 i 07:00" into `QuietHours`. No I/O and no clock: the person's own
`today` is passed in.

Choices worth knowing:
- "days" / "day shifts" alone are read as EARLY (the day shift preset) with `unsure=True`; "long
  days" are LONG_DAY, "office hours" / "9 to 5" are OFFICE.
- "office hours" or "9-5" with no days means Monday to Friday; "mon-fri" or "weekdays" with no
  shift word is a guess of OFFICE (`unsure=True`).
- A cycle ("4 on 4 off") with no shift word is long days, and with no start day starts today;
  either guess sets `unsure=True`.
- A weekly pattern or a cycle replaces the pattern in `current` but keeps its one-off changes;
  one-off changes ("earlies this week", "off tomorrow") are laid on top of `current`.
- "off till monday" is off from today up to the day before the next Monday after today; "off
  monday" is the coming Monday only; "tonight", "heno" and "nos Lun" mean night shifts.
- Shift times map to the nearest preset ("7-3" -> EARLY, "8pm-8am" -> NIGHT); bare hours that
  fit two presets ("8-8") set `unsure=True`.
- Anything contradictory (a day with two shifts, a cycle plus weekly days), or with "not",
  "except", "or", "before" and the like, is not understood (None).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import Enum, auto

from flows.answers import NUMBER_WORDS
from flows.roster import PRESETS, QuietHours, Roster, ShiftKind
from flows.text import strip_accents, within_one_edit

__all__ = ["MAX_CHARS", "NeedDays", "RosterReading", "read_quiet_hours", "read_roster"]

# Longer messages are not read at all: a roster is said in a line or two.
MAX_CHARS = 200
_MAX_BLOCK = 14  # the most days of one kind in a row in a cycle ("4 on 4 off")
_MAX_CYCLE = 56  # the longest cycle, in days
_MAX_SPAN = 366  # the longest one-off run of days ("off till ...")
_FUZZY_MIN = 5  # words this long may carry one typo
_WEEKDAYS = frozenset(range(5))
_ALL_DAYS = frozenset(range(7))


@dataclass(frozen=True, slots=True)
class RosterReading:
    """What a message says about the person's work.

    Attributes:
        roster: the person's roster after this message (merged with `current` for one-off
            changes).
        unsure: True when we guessed something (a cycle's shift kind or start day, "days" as
            earlies, "mon-fri" as office hours, a shift read from bare times like "8-8").
    """

    roster: Roster
    unsure: bool = False


@dataclass(frozen=True, slots=True)
class NeedDays:
    """We know (maybe) the kind of shift, not which days: "nights", "rotating", "it varies"."""

    kind: ShiftKind | None


# ---------------------------------------------------------------------------------------------
# Words


class _Tag(Enum):
    """What a word or phrase does in a roster message."""

    KIND = auto()  # a shift: "nights", "earlies", "9-5"
    OFF = auto()  # not working: "off", "on leave", "i ffwrdd"
    DAY = auto()  # one weekday: "mon", "dydd Llun", "nos Lun"
    DAYSET = auto()  # several weekdays: "weekends", "weekdays", "every day"
    REL = auto()  # dates relative to today: "tonight", "this week", "yfory"
    DATE = auto()  # a written date: "24/11", "2026-11-24"
    RANGE = auto()  # joins two days: "-", "to", "i"
    TILL = auto()  # joins two days, or ends time off: "till", "until", "tan"
    NUM = auto()  # "4", "four", "pedair"
    ON = auto()  # "on", "ymlaen" (in "4 on 4 off")
    FROM = auto()  # "from", "starting", "o"
    PAST = auto()  # "last", "since", "started": a cycle's start day is behind us
    ROTA = auto()  # "rota", "rotating", "cylchdroi": a rotating roster
    VAGUE = auto()  # "varies", "sometimes", "all sorts": no fixed days
    BLOCK = auto()  # "not", "except", "or", "before": too subtle to read safely


@dataclass(frozen=True, slots=True)
class _Tok:
    """One meaningful word or phrase of a message."""

    tag: _Tag
    kind: ShiftKind | None = None
    days: frozenset[int] = frozenset()
    rel: str = ""
    dm: tuple[int, int, int | None] = (0, 0, None)
    num: int = 0
    unsure: bool = False  # a guessed kind ("days" as earlies, "8-8" as nights)
    unit: bool = False  # "days" that may just count days ("4 days on 4 days off")
    night: bool = False  # "nos Lun", "tonight": the night of that day


def _names(spec: str) -> list[str]:
    """'a|b c|d' -> ['a', 'b c', 'd']."""
    return [name.strip() for name in spec.split("|") if name.strip()]


def _kind(kind: ShiftKind, *, unsure: bool = False, unit: bool = False) -> _Tok:
    """A shift token."""
    return _Tok(_Tag.KIND, kind=kind, unsure=unsure, unit=unit)


def _day(*days: int) -> _Tok:
    """A token for one weekday, or a set of them."""
    return _Tok(_Tag.DAY if len(days) == 1 else _Tag.DAYSET, days=frozenset(days))


_VOCAB_SPEC: list[tuple[str, _Tok]] = [
    (
        "night|nights|nite|nites|nighter|nighters|night shift|night shifts|nightshift|"
        "nightshifts|nights shifts|on nights|nosweithiau|nosau|noson|nosweithiau gwaith|"
        "shifft nos|shifftiau nos|sifft nos|sifftiau nos",
        _kind(ShiftKind.NIGHT),
    ),
    (
        "early|earlies|earlys|early shift|early shifts|earlies shifts|morning|mornings|"
        "morning shift|morning shifts|cynnar|gynnar|shifft gynnar|shifft cynnar|"
        "shifftiau cynnar|sifftiau cynnar|bore|boreau|boreuau|shifftiau bore",
        _kind(ShiftKind.EARLY),
    ),
    (
        "days|day shift|day shifts|dayshift|dayshifts|days shifts|dyddiau|diwrnodau|"
        "shifft dydd|shifftiau dydd|sifftiau dydd",
        _kind(ShiftKind.EARLY, unsure=True, unit=True),
    ),
    (
        "late|lates|late shift|late shifts|lates shifts|evening|evenings|evening shift|"
        "evening shifts|afternoon|afternoons|hwyr|shifft hwyr|shifftiau hwyr|sifftiau hwyr|"
        "prynhawn|pnawn|prynhawniau",
        _kind(ShiftKind.LATE),
    ),
    (
        "long day|long days|longday|longdays|long shift|long shifts|long day shifts|longs|"
        "ld|lds|dyddiau hir|diwrnodau hir|diwrnod hir|shifft hir|shifftiau hir|sifftiau hir",
        _kind(ShiftKind.LONG_DAY),
    ),
    (
        "office|office hours|office job|office based|nine to five|normal hours|regular hours|"
        "standard hours|admin hours|oriau swyddfa|swyddfa|oriau arferol|naw tan bump|"
        "naw i bump",
        _kind(ShiftKind.OFFICE),
    ),
    (
        "off|day off|days off|off work|not working|not in|on leave|leave|annual leave|"
        "holiday|holidays|hols|on holiday|on holidays|vacation|sick|off sick|sick leave|"
        "rest day|rest days|i ffwrdd|ffwrdd|ddim yn gweithio|dim yn gweithio|ddim yn gwaith|"
        "ar wyliau|gwyliau|wyliau|ar fy ngwyliau|sal|yn sal|diwrnod i ffwrdd|"
        "diwrnodau i ffwrdd",
        _Tok(_Tag.OFF),
    ),
    ("monday|mondays|mon|llun|lun", _day(0)),
    ("tuesday|tuesdays|tue|tues|mawrth|fawrth", _day(1)),
    ("wednesday|wednesdays|wed|weds|wensday|mercher|fercher", _day(2)),
    ("thursday|thursdays|thu|thur|thurs|iau", _day(3)),
    ("friday|fridays|fri|gwener|wener", _day(4)),
    ("saturday|saturdays|sat|sadwrn", _day(5)),
    ("sunday|sundays|sun|sul", _day(6)),
    ("weekend|weekends|wkend|wkends|the weekend|penwythnos|penwythnosau", _day(5, 6)),
    (
        "weekdays|weekday|week days|dyddiau'r wythnos|yn ystod yr wythnos|dyddiau gwaith",
        _day(*_WEEKDAYS),
    ),
    (
        "every day|everyday|daily|all days|seven days|7 days|bob dydd|pob dydd|bob diwrnod",
        _day(*_ALL_DAYS),
    ),
    ("today|2day|heddiw", _Tok(_Tag.REL, rel="today")),
    ("tonight|tonite|2nite|2night|heno", _Tok(_Tag.REL, rel="today", night=True)),
    (
        "tomorrow|tomorow|tommorow|tommorrow|tomoro|tomorro|tmrw|tmw|tmr|2moro|2morro|2morrow|"
        "2morow|2mrw|2moz|yfory|yfori|fory|fori",
        _Tok(_Tag.REL, rel="tomorrow"),
    ),
    (
        "this week|this wk|rest of the week|rest of this week|the rest of the week|"
        "yr wythnos hon|wythnos hon|yr wythnos yma|wythnos yma|gweddill yr wythnos",
        _Tok(_Tag.REL, rel="this_week"),
    ),
    (
        "next week|next wk|wythnos nesaf|wythnos nesa|yr wythnos nesaf|yr wythnos nesa|wsnos nesa",
        _Tok(_Tag.REL, rel="next_week"),
    ),
    (
        "this weekend|this wkend|penwythnos yma|y penwythnos yma|penwythnos hwn|y penwythnos hwn",
        _Tok(_Tag.REL, rel="this_weekend"),
    ),
    ("next weekend|penwythnos nesaf|penwythnos nesa", _Tok(_Tag.REL, rel="next_weekend")),
    ("-|to|thru|through|i", _Tok(_Tag.RANGE)),
    ("till|til|until|untill|tan|hyd|hyd at|up to|up until", _Tok(_Tag.TILL)),
    ("on|ymlaen|mlaen", _Tok(_Tag.ON)),
    (
        "from|starting|start|starts|start on|starting on|beginning|begins|commencing|as of|o|"
        "gan ddechrau|yn dechrau|dechrau|yn cychwyn|cychwyn",
        _Tok(_Tag.FROM),
    ),
    (
        "last|since|started|began|started on|diwethaf|dwetha|dwethaf|ers|dechreuodd|dechreuais",
        _Tok(_Tag.PAST),
    ),
    (
        "rota|rotas|rotating|rotation|rotational|rotate|rotates|rolling|shift work|"
        "shiftwork|shift worker|cylchdroi|cylchdro|gwaith shifft|gwaith sifft",
        _Tok(_Tag.ROTA),
    ),
    (
        "varies|vary|varied|variable|various|all sorts|mixed|mix|mixture|different|random|"
        "sometimes|some|occasionally|occasional|other|alternate|alternating|odd|depends|"
        "irregular|unpredictable|changes|changing|amrywio|amrywiol|cymysg|weithiau|"
        "gwahanol|newid",
        _Tok(_Tag.VAGUE),
    ),
    (
        "not|no|nor|or|never|except|excluding|exclude|apart|dont|don't|doesnt|doesn't|cant|"
        "can't|without|before|after|neu|ddim|dim|nid|nad|na|heblaw|eithrio|cyn|ar ol",
        _Tok(_Tag.BLOCK),
    ),
]
_VOCAB: dict[str, _Tok] = {name: tok for spec, tok in _VOCAB_SPEC for name in _names(spec)}
_PHRASE_LEN = max(len(name.split()) for name in _VOCAB)
_NOS = "nos"  # Welsh night: a shift alone, the night of a day before a day name ("nos Lun")

# Words a typo (one letter added, lost, changed or swapped) may be corrected to. Short slang
# ("nites", "lates") is left out: too many ordinary words are one letter away from it.
_FUZZY_TARGETS = frozenset(
    _names(
        "night|nights|early|earlies|shift|shifts|office|hours|leave|holiday|holidays|"
        "monday|mondays|tuesday|tuesdays|wednesday|wednesdays|thursday|thursdays|friday|"
        "fridays|saturday|saturdays|sunday|sundays|weekend|weekends|weekdays|tonight|"
        "tomorrow|rotating|rotation|starting|until|through|evening|evenings|morning|"
        "mornings|afternoon|afternoons|nosweithiau|cynnar|mercher|fercher|gwener|sadwrn|"
        "heddiw|yfory|wythnos|nesaf|ffwrdd|swyddfa|gwyliau|cylchdroi|penwythnos|"
        "penwythnosau|dyddiau|diwrnodau|shifft|shifftiau|ymlaen|varies"
    )
)
# Ordinary words one typo away from a roster word ("might" / "night"): never corrected.
_NOT_TYPOS = frozenset(
    _names(
        "might|right|light|sight|fight|tight|eight|bight|wight|knight|knights|lights|rights|"
        "fights|sights|eights|nearly|yearly|earlier|officer|leaves|leaved|heave|weave|"
        "mourning|evenly|cynnal|mercy"
    )
)


# ---------------------------------------------------------------------------------------------
# Times


@dataclass(frozen=True, slots=True)
class _Clock:
    """A time as typed: `hours` are the readings it may have ("7" is 07:00 or 19:00)."""

    hours: tuple[int, ...]
    minute: int


_TIME = r"(?:\d{4}|\d{1,2}(?:[:.]\d{2})?(?:\s*(?:[ap]\.?m\.?|y\.?[bh]\.?)(?![^\W\d_]))?)"
_SEP = r"(?:-|to|till|til|until|tan|i)"
_TIME_PARTS = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*([apy.bhm]*)")

_LEX = re.compile(
    r"(?P<iso>(?<!\d)\d{4}-\d{1,2}-\d{1,2}(?!\d))"
    r"|(?P<dm>(?<![\d/])\d{1,2}/\d{1,2}(?:/\d{2}(?:\d{2})?)?(?![\d/]))"
    rf"|(?P<times>(?<![\d:.])(?P<t1>{_TIME})\s*{_SEP}\s*(?P<t2>{_TIME})(?![\d:.]))"
    r"|(?P<time>(?<![\d:.])\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?|y\.?[bh]\.?)(?![^\W\d_])"
    r"|(?<![\d:.])\d{1,2}:\d{2}(?![\d:]))"
    r"|(?P<two>2(?:day|nite|night|moro|morro|morrow|morow|mrw|moz)(?![^\W\d_]))"
    r"|(?P<num>\d+)"
    r"|(?P<word>[^\W\d_]+(?:'[^\W\d_]+)*)"
    r"|(?P<dash>-)"
)


def _clock(text: str) -> _Clock | None:
    """'7pm' -> 19:00; '22:00', '0630' -> fixed; '7', '7:30' -> 07:xx or 19:xx."""
    text = text.strip()
    if text.isdigit() and len(text) == 4:
        hour, minute = int(text[:2]), int(text[2:])
        return _Clock((hour,), minute) if hour < 24 and minute < 60 else None
    match = _TIME_PARTS.fullmatch(text)
    if match is None:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    suffix = match[3].replace(".", "")
    if minute >= 60 or hour >= 24:
        return None
    if suffix:
        if not 1 <= hour <= 12 or suffix not in ("am", "pm", "yb", "yh"):
            return None
        return _Clock((hour % 12 + (12 if suffix in ("pm", "yh") else 0),), minute)
    if hour == 0 or hour >= 13 or match[1].startswith("0"):
        return _Clock((hour,), minute)
    return _Clock((hour % 12, hour % 12 + 12), minute)


def _readings(first: _Clock, second: _Clock) -> list[tuple[int, int]]:
    """Every (start, end) in minutes after midnight the two clocks may mean."""
    return [
        (a * 60 + first.minute, b * 60 + second.minute)
        for a, b in itertools.product(first.hours, second.hours)
    ]


def _circular(a: int, b: int) -> int:
    """Minutes between two times of day, either way round midnight."""
    gap = abs(a - b) % 1440
    return min(gap, 1440 - gap)


def _minutes(moment: time) -> int:
    """Minutes after midnight."""
    return moment.hour * 60 + moment.minute


def _shift_from_times(first: _Clock, second: _Clock) -> tuple[ShiftKind, bool] | None:
    """The preset shift a pair of times is closest to ("7-3" -> EARLY), and whether unsure."""
    scored = sorted(
        (_circular(start, _minutes(s)) + _circular(end, _minutes(e)), kind.value, kind)
        for start, end in _readings(first, second)
        for kind, (s, e) in PRESETS.items()
    )
    best, _, kind = scored[0]
    if best > 120:
        return None
    rivals = [score for score, _, other in scored[1:] if other is not kind]
    return kind, bool(rivals) and rivals[0] - best < 60


# ---------------------------------------------------------------------------------------------
# From text to tokens


@dataclass(frozen=True, slots=True)
class _Lexeme:
    """A piece of a message before its meaning is looked up: a word, or a ready token."""

    word: str = ""
    tok: _Tok | None = None


def _normal(text: str) -> str:
    """Lower-case, straight quotes and dashes, no accents."""
    text = unicodedata.normalize("NFC", text).lower()
    for curly, plain in (("\u2019", "'"), ("\u2018", "'"), ("\u2013", "-"), ("\u2014", "-")):
        text = text.replace(curly, plain)
    return strip_accents(text)


def _dm(text: str) -> tuple[int, int, int | None]:
    """'24/11' -> (24, 11, None); '2026-11-24' -> (24, 11, 2026); '24/11/26' -> (24, 11, 2026)."""
    if "-" in text:
        year, month, day = (int(part) for part in text.split("-"))
        return day, month, year
    parts = [int(part) for part in text.split("/")]
    if len(parts) == 2:
        return parts[0], parts[1], None
    return parts[0], parts[1], parts[2] + (2000 if parts[2] < 100 else 0)


def _times_token(first_text: str, second_text: str) -> list[_Lexeme]:
    """A time range as the shift it describes ("7-3" -> earlies); nothing when it is none."""
    first, second = _clock(first_text), _clock(second_text)
    if first is None or second is None:
        return []
    if (first_text.strip(), second_text.strip()) == ("9", "5"):
        return [_Lexeme(tok=_kind(ShiftKind.OFFICE))]
    found = _shift_from_times(first, second)
    if found is None:
        return []
    kind, unsure = found
    return [_Lexeme(tok=_kind(kind, unsure=unsure))]


def _lex(text: str) -> list[_Lexeme]:
    """Split a normalised message into words and ready-made tokens (dates, times, numbers)."""
    out: list[_Lexeme] = []
    for match in _LEX.finditer(text):
        group = match.lastgroup
        piece = match.group()
        if group in ("iso", "dm"):
            out.append(_Lexeme(tok=_Tok(_Tag.DATE, dm=_dm(piece))))
        elif group == "times":
            out.extend(_times_token(match["t1"], match["t2"]))
        elif group == "num":
            out.append(_Lexeme(tok=_Tok(_Tag.NUM, num=min(int(piece), 999))))
        elif group == "dash":
            out.append(_Lexeme(tok=_VOCAB["-"]))
        elif group in ("word", "two"):
            out.append(_Lexeme(word=_corrected(piece)))
    return out


def _corrected(word: str) -> str:
    """The roster word a typo stands for ("nigths" -> "nights"), else the word itself."""
    if len(word) < _FUZZY_MIN or word in _VOCAB or word in NUMBER_WORDS or word in _NOT_TYPOS:
        return word
    close = sorted(target for target in _FUZZY_TARGETS if within_one_edit(word, target))
    meanings = {_meaning(target) for target in close}
    return close[0] if len(meanings) == 1 else word


def _meaning(word: str) -> tuple[object, ...]:
    """What a word means, so that two spellings of one thing count as one."""
    tok = _VOCAB.get(word)
    if tok is None:
        return (word,)
    return (tok.tag, tok.kind, tok.days, tok.rel)


def _tokens(text: str) -> list[_Tok]:
    """The meaningful tokens of a message, longest phrases first; other words are dropped."""
    lexemes = _lex(_normal(text))
    out: list[_Tok] = []
    i = 0
    while i < len(lexemes):
        tok, used = _phrase_at(lexemes, i)
        if tok is not None:
            out.append(tok)
        i += used
    return out


def _phrase_at(lexemes: Sequence[_Lexeme], i: int) -> tuple[_Tok | None, int]:
    """The token starting at lexeme `i` and how many lexemes it takes."""
    lexeme = lexemes[i]
    if lexeme.tok is not None:
        return lexeme.tok, 1
    for size in range(min(_PHRASE_LEN, len(lexemes) - i), 0, -1):
        chunk = lexemes[i : i + size]
        if any(part.tok is not None for part in chunk):
            continue
        phrase = " ".join(part.word for part in chunk)
        if phrase in _VOCAB:
            return _VOCAB[phrase], size
    if lexeme.word == _NOS:
        after = lexemes[i + 1].word if i + 1 < len(lexemes) else ""
        day = _VOCAB.get(after)
        if day is not None and day.tag is _Tag.DAY:
            return _Tok(_Tag.DAY, days=day.days, night=True), 2
        return _kind(ShiftKind.NIGHT), 1
    if lexeme.word in NUMBER_WORDS:
        return _Tok(_Tag.NUM, num=NUMBER_WORDS[lexeme.word]), 1
    return None, 1


# ---------------------------------------------------------------------------------------------
# Dates


def _on_or_after(day: date, weekday: int) -> date:
    """The first `weekday` from `day` on, `day` included."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _after(day: date, weekday: int) -> date:
    """The first `weekday` strictly after `day`."""
    return day + timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def _on_or_before(day: date, weekday: int) -> date:
    """The last `weekday` up to `day`, `day` included."""
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _run(first: date, last: date) -> list[date]:
    """Every date from `first` to `last`, both included."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _rel_dates(rel: str, today: date) -> list[date]:
    """The dates "today", "this week", "next weekend" and so on stand for."""
    monday_next = _after(today, 0)
    if rel == "tomorrow":
        return [today + timedelta(days=1)]
    if rel == "this_week":
        return _run(today, monday_next - timedelta(days=1))
    if rel == "next_week":
        return _run(monday_next, monday_next + timedelta(days=6))
    if rel == "this_weekend":
        return _run(max(today, _on_or_after(today, 5)), _on_or_after(today, 6))
    if rel == "next_weekend":
        return _run(monday_next + timedelta(days=5), monday_next + timedelta(days=6))
    return [today]


def _date(dm: tuple[int, int, int | None], today: date, *, nearest: bool) -> date | None:
    """A written date; without a year, the next one on or after today (or the nearest)."""
    day, month, year = dm
    years = [year] if year is not None else [today.year - 1, today.year, today.year + 1]
    found: list[date] = []
    for candidate in years:
        try:
            found.append(date(candidate, month, day))
        except ValueError:
            continue
    if not found or year is not None:
        return found[0] if found else None
    if nearest:
        return min(found, key=lambda d: abs((d - today).days))
    ahead = [d for d in found if d >= today]
    return min(ahead) if ahead else None


def _tok_dates(tok: _Tok, today: date) -> list[date] | None:
    """The dates a REL or DATE token names (None when the date does not exist)."""
    if tok.tag is _Tag.REL:
        return _rel_dates(tok.rel, today)
    found = _date(tok.dm, today, nearest=False)
    return [found] if found is not None else None


# ---------------------------------------------------------------------------------------------
# Cycles: "4 on 4 off", "2 days 2 nights 4 off"

_Block = tuple[int, ShiftKind | None, bool]  # (how many days, kind if named, off)


@dataclass(frozen=True, slots=True)
class _Cycle:
    """A run of cycle blocks found in a message."""

    start: int
    end: int  # tokens [start, end) are the cycle
    blocks: tuple[_Block, ...]
    unsure: bool  # a block's kind was a guess ("days")


def _block_at(toks: Sequence[_Tok], i: int) -> tuple[_Block, int, bool] | None:
    """One "4 nights on" / "4 off" block starting at the number `toks[i]`."""
    count = toks[i].num
    j = i + 1
    kind_tok = toks[j] if j < len(toks) and toks[j].tag is _Tag.KIND else None
    if kind_tok is not None:
        j += 1
    following = toks[j].tag if j < len(toks) else None
    if following is _Tag.OFF:
        return (count, None, True), j + 1, False
    if following is _Tag.ON:
        if kind_tok is not None and kind_tok.unit:
            return (count, None, False), j + 1, False
        kind = kind_tok.kind if kind_tok else None
        return (count, kind, False), j + 1, bool(kind_tok and kind_tok.unsure)
    if kind_tok is not None:
        return (count, kind_tok.kind, False), j, kind_tok.unsure
    return None


def _find_cycle(toks: Sequence[_Tok]) -> _Cycle | None:
    """The first run of blocks with days on and days off, if any."""
    for start, tok in enumerate(toks):
        if tok.tag is not _Tag.NUM:
            continue
        blocks: list[_Block] = []
        unsure = False
        j = start
        while j < len(toks) and toks[j].tag is _Tag.NUM:
            found = _block_at(toks, j)
            if found is None:
                break
            block, j, guessed = found
            blocks.append(block)
            unsure = unsure or guessed
        if any(b[2] for b in blocks) and any(not b[2] for b in blocks):
            return _Cycle(start, j, tuple(blocks), unsure)
    return None


def _cycle_reading(
    toks: Sequence[_Tok], found: _Cycle, today: date, current: Roster | None
) -> RosterReading | None:
    """A rotating roster: the cycle, its kind (named or long days) and its start day."""
    outside = [*toks[: found.start], *toks[found.end :]]
    allowed = {_Tag.KIND, _Tag.FROM, _Tag.PAST, _Tag.ROTA, _Tag.DAY, _Tag.REL, _Tag.DATE}
    if any(tok.tag not in allowed for tok in outside):
        return None
    pattern = _cycle_pattern(found, [tok for tok in outside if tok.tag is _Tag.KIND])
    starts = [tok for tok in outside if tok.tag in (_Tag.DAY, _Tag.REL, _Tag.DATE)]
    if pattern is None or len(starts) > 1:
        return None
    past = any(tok.tag is _Tag.PAST for tok in outside)
    anchor = _anchor(starts[0], today, past=past) if starts else today
    if anchor is None:
        return None
    days, unsure = pattern
    changes = dict(current.changes) if current else {}
    roster = Roster(cycle=days, anchor=anchor, changes=changes)
    return RosterReading(roster, unsure=unsure or not starts)


def _cycle_pattern(
    found: _Cycle, kind_toks: Sequence[_Tok]
) -> tuple[tuple[ShiftKind | None, ...], bool] | None:
    """The cycle day by day, and whether its kind was a guess; None when it makes no sense."""
    blocks = found.blocks
    if any(not 1 <= n <= _MAX_BLOCK for n, _, _ in blocks):
        return None
    if sum(n for n, _, _ in blocks) > _MAX_CYCLE:
        return None
    named = {tok.kind for tok in kind_toks}
    in_blocks = {kind for _, kind, off in blocks if not off and kind is not None}
    if len(named) > 1 or (named and in_blocks - named):
        return None
    default = next(iter(named)) if named else None
    unsure = found.unsure or any(tok.unsure for tok in kind_toks)
    if default is None and any(kind is None and not off for _, kind, off in blocks):
        default, unsure = ShiftKind.LONG_DAY, True
    days: list[ShiftKind | None] = []
    for n, kind, off in blocks:
        days.extend([None if off else (kind or default)] * n)
    return tuple(days), unsure


def _anchor(tok: _Tok, today: date, *, past: bool) -> date | None:
    """The first day of a cycle: "from thursday", "started last monday", "24/11"."""
    if tok.tag is _Tag.DAY:
        (weekday,) = tok.days
        return _on_or_before(today, weekday) if past else _on_or_after(today, weekday)
    if tok.tag is _Tag.REL:
        return _rel_dates(tok.rel, today)[0]
    return _date(tok.dm, today, nearest=True)


# ---------------------------------------------------------------------------------------------
# Weekly patterns and one-off changes: "earlies mon tue, lates thu fri", "off till monday"

_GROUP_TAGS = frozenset({_Tag.DAY, _Tag.DAYSET, _Tag.REL, _Tag.DATE, _Tag.RANGE, _Tag.TILL})


@dataclass(frozen=True, slots=True)
class _Days:
    """What a run of day words says: weekdays, and/or dates."""

    weekdays: frozenset[int]
    dates: frozenset[date]
    week: bool  # the dates include a whole week ("this week"): weekdays pick from them
    till: bool  # "till monday": time off up to a day
    night: bool  # "nos Lun", "tonight": nights are meant
    sets: bool  # named by "weekends" / "weekdays" / "every day" rather than single days


def _group(parts: Sequence[_Tok], today: date) -> _Days | None:
    """Read a run of day words; None when a date is impossible or a span nonsense."""
    weekdays: set[int] = set()
    dates: set[date] = set()
    week = till = False
    i = 0
    while i < len(parts):
        part = parts[i]
        prev = parts[i - 1] if i > 0 else None
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        if part.tag in (_Tag.RANGE, _Tag.TILL):
            if prev and nxt and prev.tag is _Tag.DAY and nxt.tag is _Tag.DAY:
                weekdays |= _day_range(min(prev.days), min(nxt.days))
                i += 2
                continue
            if part.tag is _Tag.TILL and nxt and nxt.tag in (_Tag.DAY, _Tag.REL, _Tag.DATE):
                span = _till(prev, nxt, today)
                if span is None:
                    return None
                dates.update(span)
                till = True
                i += 2
                continue
        elif part.tag in (_Tag.DAY, _Tag.DAYSET):
            weekdays |= part.days
        elif part.tag in (_Tag.REL, _Tag.DATE):
            named = _tok_dates(part, today)
            if named is None:
                return None
            dates.update(named)
            week = week or len(named) > 2
        i += 1
    night = any(part.night for part in parts)
    sets = any(part.tag is _Tag.DAYSET for part in parts)
    return _Days(frozenset(weekdays), frozenset(dates), week, till, night, sets)


def _day_range(first: int, last: int) -> frozenset[int]:
    """'mon-wed' -> {0, 1, 2}; 'fri-mon' wraps round the weekend."""
    return frozenset((first + n) % 7 for n in range((last - first) % 7 + 1))


def _till(since: _Tok | None, target: _Tok, today: date) -> list[date] | None:
    """Days up to (not including) the day named: "off till monday", "from tomorrow till 1/12".

    The days start today, or on the date just before "till" ("from tomorrow till monday").
    """
    start = today
    if since is not None and since.tag in (_Tag.REL, _Tag.DATE):
        named = _tok_dates(since, today)
        start = named[0] if named else today
    if target.tag is _Tag.DAY:
        end = _after(start, min(target.days))
    else:
        named = _tok_dates(target, today)
        if named is None:
            return None
        end = named[0]
    days = (end - start).days
    if not 1 <= days <= _MAX_SPAN:
        return None
    return _run(start, end - timedelta(days=1))


_Item = _Tok | list[_Tok]  # a shift (or off) token, or a run of day words


def _items(toks: Sequence[_Tok]) -> list[_Item]:
    """Shifts and runs of day words in order; a shift said twice in a row counts once."""
    items: list[_Item] = []
    for tok in toks:
        if tok.tag in _GROUP_TAGS:
            if items and isinstance(items[-1], list):
                items[-1].append(tok)
            else:
                items.append([tok])
        elif tok.tag in (_Tag.KIND, _Tag.OFF):
            last = items[-1] if items else None
            if not (isinstance(last, _Tok) and (last.tag, last.kind) == (tok.tag, tok.kind)):
                items.append(tok)
    return [
        item
        for item in items
        if isinstance(item, _Tok) or any(part.tag not in (_Tag.RANGE, _Tag.TILL) for part in item)
    ]


def _pairs(items: Sequence[_Item]) -> list[tuple[_Tok | None, list[_Tok]]] | None:
    """Each run of days with the shift next to it ("nights mon-wed" or "mon-wed nights")."""
    pairs: list[tuple[_Tok | None, list[_Tok]]] = []
    i = 0
    while i < len(items):
        item = items[i]
        nxt = items[i + 1] if i + 1 < len(items) else None
        if isinstance(item, _Tok):
            if not isinstance(nxt, list):
                return None
            pairs.append((item, nxt))
            i += 2
        elif isinstance(nxt, _Tok):
            pairs.append((nxt, item))
            i += 2
        else:
            pairs.append((None, item))
            i += 1
    return pairs


@dataclass(slots=True)
class _Plan:
    """What a message says, gathered pair by pair."""

    weekly: dict[int, ShiftKind]
    changes: dict[date, ShiftKind | None]
    off_days: set[int]
    off_sets: bool = False
    unsure: bool = False

    def set_weekly(self, weekday: int, kind: ShiftKind) -> bool:
        """Record a weekly shift; False when the day already has a different one."""
        return self.weekly.setdefault(weekday, kind) is kind

    def set_change(self, day: date, kind: ShiftKind | None) -> bool:
        """Record a one-off day; False when the day already has a different one."""
        if day in self.changes and self.changes[day] is not kind:
            return False
        self.changes[day] = kind
        return True


def _apply(plan: _Plan, shift: _Tok | None, days: _Days, today: date) -> bool:
    """Add one (shift, days) pair to the plan; False when it makes no sense."""
    if shift is None:
        if not days.night:
            return False
        shift = _kind(ShiftKind.NIGHT)
    off = shift.tag is _Tag.OFF
    kind = None if off else shift.kind
    plan.unsure = plan.unsure or shift.unsure
    if days.till and not off:
        return False
    if days.dates:
        chosen = set(days.dates)
        if days.weekdays and days.week:
            chosen = {day for day in chosen if day.weekday() in days.weekdays}
        elif days.weekdays:
            chosen |= {_on_or_after(today, weekday) for weekday in days.weekdays}
        return bool(chosen) and all(plan.set_change(day, kind) for day in chosen)
    if kind is None:
        plan.off_days |= days.weekdays
        plan.off_sets = plan.off_sets or days.sets
        return True
    return all(plan.set_weekly(weekday, kind) for weekday in days.weekdays)


def _settle_off_days(plan: _Plan, today: date) -> bool:
    """Days said to be off: outside a weekly pattern, or the next such day as a one-off."""
    if not plan.off_days:
        return True
    if plan.weekly:
        return not plan.off_days & plan.weekly.keys()
    if plan.off_sets:
        return False
    return all(plan.set_change(_on_or_after(today, wd), None) for wd in plan.off_days)


def _no_days(toks: Sequence[_Tok], vague: bool) -> RosterReading | NeedDays | None:
    """A message with shifts but no days: "nights", "rotating", "office hours"."""
    shifts = [tok for tok in toks if tok.tag in (_Tag.KIND, _Tag.OFF)]
    if any(tok.tag is _Tag.OFF for tok in shifts):
        return None
    kinds = {tok.kind for tok in shifts}
    if kinds == {ShiftKind.OFFICE} and not vague:
        return RosterReading(Roster(weekly=dict.fromkeys(_WEEKDAYS, ShiftKind.OFFICE)))
    if len(kinds) == 1:
        return NeedDays(next(iter(kinds)))
    if kinds or vague or any(tok.tag is _Tag.ROTA for tok in toks):
        return NeedDays(None)
    return None


def _pattern_reading(
    toks: Sequence[_Tok], today: date, current: Roster | None
) -> RosterReading | NeedDays | None:
    """Weekly shifts and one-off days, merged with what we knew."""
    vague = any(tok.tag is _Tag.VAGUE for tok in toks)
    if any(tok.tag is _Tag.PAST for tok in toks):
        return None
    if not any(tok.tag in _GROUP_TAGS - {_Tag.RANGE, _Tag.TILL} for tok in toks):
        return _no_days(toks, vague)
    if vague:
        return None
    items = _items(toks)
    if len(items) == 1 and isinstance(items[0], list):
        guess = _weekdays_alone(items[0], today)
        if guess is not None:
            return guess
    pairs = _pairs(items)
    if pairs is None:
        return None
    plan = _Plan(weekly={}, changes={}, off_days=set())
    for shift, parts in pairs:
        days = _group(parts, today)
        if days is None or not _apply(plan, shift, days, today):
            return None
    if not _settle_off_days(plan, today):
        return None
    return _merge(plan, current)


def _weekdays_alone(parts: Sequence[_Tok], today: date) -> RosterReading | None:
    """'mon-fri' or 'weekdays' with no shift word: office hours, as a guess."""
    days = _group(parts, today)
    if days is None or days.dates or days.night or days.weekdays != _WEEKDAYS:
        return None
    weekly = dict.fromkeys(_WEEKDAYS, ShiftKind.OFFICE)
    return RosterReading(Roster(weekly=weekly), unsure=True)


def _merge(plan: _Plan, current: Roster | None) -> RosterReading | None:
    """A new weekly pattern replaces the old one; one-off days go on top of what we knew."""
    base = current or Roster()
    changes = {**base.changes, **plan.changes}
    if plan.weekly:
        return RosterReading(Roster(weekly=plan.weekly, changes=changes), unsure=plan.unsure)
    if plan.changes:
        roster = Roster(weekly=base.weekly, cycle=base.cycle, anchor=base.anchor, changes=changes)
        return RosterReading(roster, unsure=plan.unsure)
    return None


# ---------------------------------------------------------------------------------------------
# Entry points


def read_roster(
    text: str, *, today: date, current: Roster | None = None
) -> RosterReading | NeedDays | None:
    """Read how a person works from their own words; None when it is not understood.

    Args:
        text: the message, English or Welsh.
        today: the person's own today (the reading is relative to it).
        current: what we knew before, for one-off changes to land on.
    """
    if len(text) > MAX_CHARS:
        return None
    toks = _tokens(text)
    if not toks or any(tok.tag is _Tag.BLOCK for tok in toks):
        return None
    try:
        found = _find_cycle(toks)
        if found is not None:
            return _cycle_reading(toks, found, today, current)
        return _pattern_reading(toks, today, current)
    except OverflowError:  # a date beyond year 9999: not a roster
        return None


_QUIET = re.compile(
    rf"(?<![\d:.])(?P<t1>{_TIME})\s*(?:{_SEP}|and|a|ac)\s*(?P<t2>{_TIME})(?![\d:.])"
)
_QUIET_WORDS = (
    ("midnight", "00:00"),
    ("hanner nos", "00:00"),
    ("canol nos", "00:00"),
    ("midday", "12:00"),
    ("noon", "12:00"),
    ("hanner dydd", "12:00"),
    ("canol dydd", "12:00"),
)
_QUIET_BLOCK = frozenset(_names("not|no|or|except|neu|ddim|dim|nid|na|heblaw"))


def read_quiet_hours(text: str) -> QuietHours | None:
    """Read a daily quiet window: "10pm-7am", "22:00 to 07:00", "11pm till 6", "10yh-7yb".

    Bare hours are read as the shortest window they can mean ("11pm till 6" -> 23:00-06:00);
    a tie goes to the window that starts in the evening ("10-7" -> 22:00-07:00).
    Returns None when there is not exactly one clear window.
    """
    if len(text) > MAX_CHARS:
        return None
    tidy = _normal(text)
    if any(word in _QUIET_BLOCK for word in re.findall(r"[^\W\d_]+", tidy)):
        return None
    for word, clock in _QUIET_WORDS:
        tidy = tidy.replace(word, clock)
    found = list(_QUIET.finditer(tidy))
    if len(found) != 1:
        return None
    first, second = _clock(found[0]["t1"]), _clock(found[0]["t2"])
    if first is None or second is None:
        return None
    return _quiet_window(first, second)


def _quiet_window(first: _Clock, second: _Clock) -> QuietHours | None:
    """The shortest reading of two clocks, preferring an evening start on a tie."""
    options = [
        ((end - start) % 1440, not _evening(start), start, end)
        for start, end in _readings(first, second)
        if (end - start) % 1440
    ]
    if not options:
        return None
    _, _, start, end = min(options)
    return QuietHours(_as_time(start), _as_time(end))


def _evening(minute: int) -> bool:
    """From 18:00 to 03:59: when people usually start their quiet hours."""
    return minute >= 18 * 60 or minute < 4 * 60


def _as_time(minute: int) -> time:
    """Minutes after midnight as a time of day."""
    return time(minute // 60, minute % 60)
