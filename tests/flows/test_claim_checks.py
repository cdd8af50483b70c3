"""The automatic checks on a claim: funnel-plot limits, CO share, out-of-order milestones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from flows.claim_checks import (
    Claimed,
    Rates,
    Reading,
    funnel_limits,
    milestones_out_of_order,
    rate_outliers,
    reading_bursts,
    same_co_value,
)

T0 = datetime(2026, 12, 29, 12, tzinfo=UTC)


def test_funnel_limits_narrow_as_the_denominator_grows() -> None:
    small, large = funnel_limits(0.5, 25), funnel_limits(0.5, 2500)
    assert small == pytest.approx((0.2, 0.8))
    assert large == pytest.approx((0.47, 0.53))


def test_a_quit_rate_outside_the_peers_limits_is_flagged_and_one_inside_is_not() -> None:
    peers = [Rates(2, 1000, 400, 200), Rates(3, 1000, 400, 200)]  # 40% quit, half CO-verified
    high = rate_outliers(1, [Rates(1, 100, 80, 40), *peers])
    assert [f.kind for f in high] == ["quit_rate_outlier"]
    assert high[0].evidence["limits"] == [
        pytest.approx(0.253, abs=1e-3),
        pytest.approx(0.547, abs=1e-3),
    ]
    assert rate_outliers(1, [Rates(1, 100, 45, 22), *peers]) == []
    all_verified = rate_outliers(1, [Rates(1, 100, 40, 40), *peers])
    assert [f.kind for f in all_verified] == ["co_share_outlier"]


def test_same_co_values_and_bursts_need_enough_readings() -> None:
    four = [Reading(i, 1, 3, T0 + timedelta(minutes=i)) for i in range(4)]
    assert same_co_value(four) == [] and reading_bursts(four) == []
    five = [*four, Reading(9, 1, 3, T0 + timedelta(minutes=50))]
    assert [f.kind for f in same_co_value(five)] == ["same_co_value"]
    assert [f.kind for f in reading_bursts(five)] == ["reading_burst"]
    spread = [Reading(i, 1, i, T0 + timedelta(hours=i)) for i in range(6)]
    assert same_co_value(spread) == [] and reading_bursts(spread) == []


def test_milestones_out_of_order_are_flagged_with_their_entries() -> None:
    claimed = [Claimed(2, "abc", 1, "4_week_self_reported", T0, 1)]
    history = [*claimed, Claimed(1, "abc", 1, "quit_date_set", T0 + timedelta(days=3), 1)]
    (flag,) = milestones_out_of_order(claimed, history)
    assert flag.evidence["entry_ids"] == [1, 2]
    assert "4_week_self_reported before quit_date_set" in flag.summary
