"""Shift times: the shift (if any) a person works on a given day, as local datetimes (pure).

The roster itself (`flows.roster`) is data captured in conversation; this module turns it into
real times in the person's zone, correct across clock changes. A night shift starts on its day
and ends the next morning.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from flows.roster import PRESETS, Roster, ShiftKind


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
