"""Shift rosters: which shift (if any) a person works on a given day, as local times (pure).

A roster is a weekly pattern ("nights mon-wed"), or a rotating cycle anchored to a date
("4 on 4 off" from a given day), plus one-off changes ("off till monday"). Shift times come from
the common NHS presets. A night shift starts on its day and ends the next morning.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo


class ShiftKind(StrEnum):
    """The common NHS shifts (DOMAIN.md)."""

    EARLY = "early"
    LATE = "late"
    LONG_DAY = "long_day"
    NIGHT = "night"
    OFFICE = "office"


PRESETS: Mapping[ShiftKind, tuple[time, time]] = {
    ShiftKind.EARLY: (time(7, 0), time(15, 0)),
    ShiftKind.LATE: (time(13, 30), time(21, 0)),
    ShiftKind.LONG_DAY: (time(7, 30), time(20, 0)),
    ShiftKind.NIGHT: (time(20, 0), time(8, 0)),
    ShiftKind.OFFICE: (time(9, 0), time(17, 0)),
}


@dataclass(frozen=True, slots=True)
class Shift:
    """One worked shift, as aware local datetimes (the end may be the next day)."""

    kind: ShiftKind
    start: datetime
    end: datetime

    @property
    def duration(self) -> timedelta:
        """Real time worked (in UTC: an aware subtraction within one zone uses wall time)."""
        return self.end.astimezone(UTC) - self.start.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Roster:
    """How a person works.

    Attributes:
        weekly: weekday (0 = Monday) to the shift worked that day, for fixed weekly patterns.
        cycle: a rotating pattern, one entry a day (None = a day off), e.g. 4 on 4 off.
        anchor: the date the cycle's first entry falls on.
        changes: one-off days that differ from the pattern (None = off).
    """

    weekly: Mapping[int, ShiftKind] = field(default_factory=dict)
    cycle: tuple[ShiftKind | None, ...] = ()
    anchor: date | None = None
    changes: Mapping[date, ShiftKind | None] = field(default_factory=dict)

    def kind_on(self, day: date) -> ShiftKind | None:
        """The shift that starts on `day`, or None for a day off."""
        if day in self.changes:
            return self.changes[day]
        if self.cycle and self.anchor is not None:
            return self.cycle[(day - self.anchor).days % len(self.cycle)]
        return self.weekly.get(day.weekday())


def cycle(kind: ShiftKind, on: int, off: int, *, anchor: date) -> Roster:
    """`on` shifts of `kind`, then `off` days off, repeating from `anchor`."""
    return Roster(cycle=(kind,) * on + (None,) * off, anchor=anchor)


def shift_on(roster: Roster, day: date, timezone: str) -> Shift | None:
    """The shift starting on `day`, with correct local times across clock changes."""
    kind = roster.kind_on(day)
    if kind is None:
        return None
    zone = ZoneInfo(timezone)
    starts, ends = PRESETS[kind]
    start = datetime.combine(day, starts, tzinfo=zone)
    end_day = day + timedelta(days=1) if ends <= starts else day
    end = datetime.combine(end_day, ends, tzinfo=zone)
    return Shift(kind, start, end)


def shifts_around(roster: Roster, day: date, timezone: str) -> list[Shift]:
    """Shifts starting the day before, on, and after `day` (nights reach across midnight)."""
    found = (shift_on(roster, day + timedelta(days=d), timezone) for d in (-1, 0, 1))
    return [s for s in found if s is not None]
