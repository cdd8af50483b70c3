"""CSV cells a spreadsheet opens safely: formulas quoted, numbers and the report's marks kept."""

from __future__ import annotations

import pytest

from bot.spreadsheet import cell, text


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+44 7700 900123", "'+44 7700 900123"),
        ("-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-20.00", "-20.00"),  # an amount stays a number
        ("-5", "-5"),
        ("-", "-"),  # the report's "no figure"
        ("*", "*"),
        ("St Elsewhere", "St Elsewhere"),
        (-2000, -2000),
        ("", ""),
    ],
)
def test_text_a_spreadsheet_would_run_is_quoted_and_numbers_are_not(
    value: object, written: object
) -> None:
    assert cell(value) == written
    if isinstance(written, str):
        assert text(written) == value  # what a page shows is what was typed
