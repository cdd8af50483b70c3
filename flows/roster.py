"""How a person works, as data: shift kinds, weekly or rotating rosters, one-off changes, and
their own quiet hours (pure).

Flows own what onboarding captures; the time maths (local datetimes, clock changes, the moment
of a nudge) lives in `scheduler`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum


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

    @property
    def empty(self) -> bool:
        """True when nothing is known: no pattern, no cycle, no changes."""
        return not (self.weekly or self.cycle or self.changes)


def cycle(kind: ShiftKind, on: int, off: int, *, anchor: date) -> Roster:
    """`on` shifts of `kind`, then `off` days off, repeating from `anchor`."""
    return Roster(cycle=(kind,) * on + (None,) * off, anchor=anchor)


def working_at(roster: Roster, local: datetime) -> bool:
    """True when `local` (a naive local wall time) falls inside a rostered shift."""
    for start_day in (local.date() - timedelta(days=1), local.date()):
        kind = roster.kind_on(start_day)
        if kind is None:
            continue
        starts, ends = PRESETS[kind]
        start = datetime.combine(start_day, starts)
        end = datetime.combine(start_day + timedelta(days=int(ends <= starts)), ends)
        if start <= local < end:
            return True
    return False


@dataclass(frozen=True, slots=True)
class QuietHours:
    """A daily window with no messages; it crosses midnight when `end` is not after `start`."""

    start: time
    end: time
