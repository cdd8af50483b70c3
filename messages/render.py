"""Turning a message id and its parameters into text in a person's language (Babel).

The one Babel importer. Catalogs are the `.po` files under `messages/locale/`, read once.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.numbers import format_currency

from messages.catalog import Message, Money

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
LOCALES = ("en_GB", "cy")
DATE_FORMAT = "EEEE d MMMM"  # "Monday 3 December", "dydd Llun 3 Rhagfyr"

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


def format_param(value: str | int | date | Money, locale: str) -> str:
    """One parameter, formatted for `locale` (dates as people say them, money as "£12.80")."""
    if isinstance(value, Money):
        return format_currency(value.pence / 100, "GBP", locale=Locale.parse(supported(locale)))
    if isinstance(value, date):
        text = format_date(value, DATE_FORMAT, locale=Locale.parse(supported(locale)))
        # CLDR capitalises the Welsh weekday ("Dydd Llun"); mid-sentence it is "dydd Llun".
        return text.replace("Dydd ", "dydd ", 1) if supported(locale) == "cy" else text
    return str(value)


class Renderer:
    """Renders messages, filling in service-wide values such as the privacy notice address."""

    def __init__(self, defaults: Mapping[str, str] | None = None) -> None:
        self._defaults = dict(defaults or {})

    def render(
        self, message: Message, params: Mapping[str, str | int | date | Money], *, locale: str
    ) -> str:
        """The text of `message` in `locale` with its {placeholders} filled in."""
        values = {**self._defaults, **{k: format_param(v, locale) for k, v in params.items()}}
        return translate(message, locale).format_map(values)
