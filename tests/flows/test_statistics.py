"""Disclosure control and Wilson intervals."""

from __future__ import annotations

import pytest

from flows.statistics import interval, percent, rounded, shown, wilson


@pytest.mark.parametrize(
    ("count", "published"),
    [(0, "0"), (1, "*"), (7, "*"), (8, "10"), (12, "10"), (13, "15"), (17, "15"), (18, "20")],
)
def test_counts_1_to_7_are_hidden_and_others_rounded_to_5(count: int, published: str) -> None:
    assert shown(count) == published


def test_percentages_come_from_the_rounded_figures() -> None:
    assert percent(12, 21) == "50.0"  # 10 of 20, not 57.1
    assert percent(3, 40) == "*"
    assert percent(0, 0) == "-"
    assert rounded(2) is None


def test_wilson_matches_the_published_formula() -> None:
    assert wilson(0, 10) == pytest.approx((0.0, 0.2775), abs=1e-4)
    assert wilson(5, 10) == pytest.approx((0.2366, 0.7634), abs=1e-4)
    assert interval(12, 21) == "36.5-75.5"  # 0.5604 ± 0.1949
    assert interval(3, 21) == ""  # a suppressed count: no interval that would reveal it
