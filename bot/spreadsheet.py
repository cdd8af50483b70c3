"""CSV cells a spreadsheet opens safely: a text cell that begins with = + - @ (or a tab or a
carriage return) would be read as a formula (CSV injection), so it gets a leading single quote,
which spreadsheets show as text. Numbers stay numbers, negative amounts ("-20.00") included:
the reconciliation adds them up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def cell(value: object) -> object:
    """`value` as written to a CSV cell: text that a spreadsheet would run is quoted. A lone
    "-" (the report's "no figure") runs nothing and stays as it is."""
    if (
        isinstance(value, str)
        and len(value) > 1
        and value.startswith(FORMULA_STARTS)
        and not NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def row(values: Iterable[object]) -> list[object]:
    return [cell(v) for v in values]


def text(value: str) -> str:
    """A cell read back for showing on a page: the quote `cell` added taken off again."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
