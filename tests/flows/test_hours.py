"""Opening hours: reading the spec, and whether a person answers at a given moment."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from flows.hours import BadHours, parse_hours

HOURS = "Mon-Fri 08:00-20:00, Sat 09:00-13:00"


def test_open_inside_the_hours_and_closed_outside() -> None:
    hours = parse_hours(HOURS)
    # Monday 23 November 2026 (GMT: London is UTC in winter).
    assert hours.is_open(datetime(2026, 11, 23, 8, 0, tzinfo=UTC))
    assert hours.is_open(datetime(2026, 11, 23, 19, 59, tzinfo=UTC))
    assert not hours.is_open(datetime(2026, 11, 23, 20, 0, tzinfo=UTC))
    assert hours.is_open(datetime(2026, 11, 28, 12, 0, tzinfo=UTC))  # Saturday
    assert not hours.is_open(datetime(2026, 11, 28, 13, 0, tzinfo=UTC))
    assert not hours.is_open(datetime(2026, 11, 29, 10, 0, tzinfo=UTC))  # Sunday


def test_next_opening_after_a_weekend_and_in_summer_time() -> None:
    hours = parse_hours(HOURS)
    saturday_night = datetime(2026, 11, 28, 22, 0, tzinfo=UTC)
    assert hours.next_open(saturday_night) == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    # In June London is UTC+1: 08:00 local is 07:00 UTC.
    assert hours.next_open(datetime(2026, 6, 1, 5, 0, tzinfo=UTC)) == datetime(
        2026, 6, 1, 7, 0, tzinfo=UTC
    )
    inside = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    assert hours.next_open(inside) == inside
    assert hours.closes(inside) == datetime(2026, 11, 23, 20, 0, tzinfo=UTC)


def test_always_open_and_day_lists() -> None:
    assert parse_hours("24/7").is_open(datetime(2026, 11, 29, 3, 0, tzinfo=UTC))
    weekend = parse_hours("Sat/Sun 10:00-16:00, Wed 00:00-24:00")
    assert weekend.is_open(datetime(2026, 11, 29, 15, 0, tzinfo=UTC))
    assert weekend.is_open(datetime(2026, 11, 25, 23, 59, tzinfo=UTC))
    assert not weekend.is_open(datetime(2026, 11, 26, 0, 0, tzinfo=UTC))


@pytest.mark.parametrize(
    ("spec", "why"),
    [
        ("", "no opening hours"),
        ("Mon-Fri 8-20", "cannot read"),
        ("Mun-Fri 08:00-20:00", "not a day"),
        ("Fri-Mon 08:00-20:00", "backwards"),
        ("Mon 20:00-08:00", "ends before it starts"),
        ("Mon 08:00-25:00", "not a time"),
        ("Mon 08:60-10:00", "not a time"),
        ("Mon-Fri 08:00-12:00, Mon 11:00-13:00", "overlaps"),
    ],
)
def test_bad_hours_say_why(spec: str, why: str) -> None:
    with pytest.raises(BadHours, match=why):
        parse_hours(spec)


def test_unknown_zone_is_refused() -> None:
    with pytest.raises(BadHours, match="time zone"):
        parse_hours(HOURS, "Europe/Atlantis")
