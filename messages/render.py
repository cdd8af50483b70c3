"""Turning a message id and its parameters into text in a person's language (Babel).

The one Babel importer. Catalogs are the `.po` files under `messages/locale/`, read once.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.numbers import format_currency

from messages import catalog as m
from messages.catalog import Message, Money, ShiftList

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
LOCALES = ("en_GB", "cy")
DATE_FORMAT = "EEEE d MMMM"  # "Monday 3 December", "dydd Llun 3 Rhagfyr"
SHORT_DATE_FORMAT = "EEE d MMM"  # "Mon 3 Dec", in a read-back of shifts
# Each shift kind's name: (several, one). Welsh counts with the singular ("4 noson").
_SHIFT_NAMES = {
    "early": (m.SHIFTS_EARLY, m.SHIFT_EARLY),
    "late": (m.SHIFTS_LATE, m.SHIFT_LATE),
    "long_day": (m.SHIFTS_LONG_DAY, m.SHIFT_LONG_DAY),
    "night": (m.SHIFTS_NIGHT, m.SHIFT_NIGHT),
    "office": (m.SHIFTS_OFFICE, m.SHIFT_OFFICE),
}

log = logging.getLogger(__name__)


@cache
def load_catalog(locale: str, locale_dir: Path = LOCALE_DIR) -> Catalog:
    """The catalog for `locale`, read from its `.po` file."""
    path = locale_dir / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN)


def supported(locale: str) -> str:
    """The shipped locale nearest to `locale` ("cy_GB" -> "cy", "en" -> "en_GB")."""
    if locale in LOCALES:
        return locale
    language = locale.replace("-", "_").split("_")[0].lower()
    return "cy" if language == "cy" else "en_GB"


def translate(message: Message, locale: str) -> str:
    """The text of `message` in `locale`, falling back to English if it is missing."""
    entry = load_catalog(supported(locale)).get(message.text, context=message.key)
    if entry is not None and isinstance(entry.string, str) and entry.string:
        return entry.string
    if supported(locale) != "en_GB":
        log.warning("no %s translation for %s", locale, message.key)
    return message.text


Param = str | int | date | Money | ShiftList | Message


def format_param(value: Param, locale: str) -> str:
    """One parameter, formatted for `locale` (dates as people say them, money as "£12.80");
    a message as a parameter is its text in `locale` (a service's name and number)."""
    if isinstance(value, Message):
        return translate(value, locale)
    if isinstance(value, ShiftList):
        return _shift_list(value, supported(locale))
    if isinstance(value, Money):
        return format_currency(value.pence / 100, "GBP", locale=Locale.parse(supported(locale)))
    if isinstance(value, date):
        text = format_date(value, DATE_FORMAT, locale=Locale.parse(supported(locale)))
        # CLDR capitalises the Welsh weekday ("Dydd Llun"); mid-sentence it is "dydd Llun".
        return text.replace("Dydd ", "dydd ", 1) if supported(locale) == "cy" else text
    return str(value)


def _shift_name(kind: str | None, locale: str, *, count: int | None = None) -> str:
    """The name of a kind of shift; counted ("4 nights") when `count` is given."""
    if kind is None:
        return translate(m.SHIFTS_OFF, locale)
    several, one = _SHIFT_NAMES[kind]
    singular = count is not None and (count == 1 or locale == "cy")
    return translate(one if singular else several, locale)


def _short_date(value: date, locale: str) -> str:
    return format_date(value, SHORT_DATE_FORMAT, locale=Locale.parse(locale))


def _shift_list(shifts: ShiftList, locale: str) -> str:
    """ "nights Mon, Tue, Wed; 4 long days, 4 off, repeating from Wed 25 Nov" """
    day_names = Locale.parse(locale).days["format"]["abbreviated"]
    parts = [
        f"{_shift_name(kind, locale)} {', '.join(str(day_names[d]) for d in weekdays)}"
        for kind, weekdays in shifts.weekly
    ]
    if shifts.cycle and shifts.cycle_from is not None:
        runs = ", ".join(
            f"{count} {_shift_name(kind, locale, count=count)}" for kind, count in shifts.cycle
        )
        first = _short_date(shifts.cycle_from, locale)
        parts.append(translate(m.ROSTER_CYCLE, locale).format(runs=runs, first=first))
    for kind, first_day, last_day in shifts.changes:
        name, first = _shift_name(kind, locale), _short_date(first_day, locale)
        if first_day == last_day:
            parts.append(f"{name} {first}")
        else:
            last = _short_date(last_day, locale)
            parts.append(
                translate(m.ROSTER_SPAN, locale).format(shift=name, first=first, last=last)
            )
    return "; ".join(parts) or translate(m.ROSTER_NONE, locale)


class Renderer:
    """Renders messages, filling in service-wide values such as the privacy notice address."""

    def __init__(self, defaults: Mapping[str, str] | None = None) -> None:
        self._defaults = dict(defaults or {})

    def render(self, message: Message, params: Mapping[str, Param], *, locale: str) -> str:
        """The text of `message` in `locale` with its {placeholders} filled in."""
        values = {**self._defaults, **{k: format_param(v, locale) for k, v in params.items()}}
        return translate(message, locale).format_map(values)

    def labels(
        self, choices: Sequence[Message], params: Mapping[str, Param], *, locale: str
    ) -> tuple[str, ...]:
        """A question's quick-reply labels in `locale`, filled in with the question's own
        parameters (a suggested quit date is written as the question writes it)."""
        return tuple(self.render(choice, params, locale=locale) for choice in choices)
