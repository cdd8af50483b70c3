"""The nudge planner: the moment in a day that suits a message, around the person's shifts (pure).

`now` is an argument; nothing here reads a clock. Moments are chosen in the person's own time
zone, so they stay right across the UK clock changes, and compared in UTC. A moment never lands
inside the person's quiet hours or their sleep after a night shift: it moves to the next good
slot that day, or the nudge is dropped (None) when no slot is left or all are past.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from flows.roster import QuietHours, Roster, ShiftKind
from scheduler.roster import shift_on, shifts_around

SLEEP_AFTER_NIGHT_UNTIL = time(14, 0)  # after nights, nothing before about 14:00
DAY_OFF_AT = time(10, 0)
BEFORE_SHIFT = timedelta(minutes=45)
AFTER_SHIFT = timedelta(minutes=30)
SPREAD = 20  # minutes: people on one roster are spread across this much of a slot
LATEST = time(21, 30)  # a day's message never comes later than this, local time


class Slot(StrEnum):
    """Moments in a shift worker's day that suit a message."""

    BEFORE_SHIFT = "before_shift"
    BREAK = "break"
    AFTER_SHIFT = "after_shift"
    ON_WAKING = "on_waking"
    DAY_OFF = "day_off"


# Which slots suit which kind of nudge, best first.
PREFERENCES: dict[str, tuple[Slot, ...]] = {
    "check_in": (Slot.AFTER_SHIFT, Slot.ON_WAKING, Slot.DAY_OFF, Slot.BEFORE_SHIFT),
    "follow_up": (Slot.AFTER_SHIFT, Slot.ON_WAKING, Slot.DAY_OFF, Slot.BEFORE_SHIFT),
    "prepare": (Slot.BEFORE_SHIFT, Slot.ON_WAKING, Slot.DAY_OFF, Slot.AFTER_SHIFT),
    "quit_day": (Slot.ON_WAKING, Slot.DAY_OFF, Slot.BEFORE_SHIFT, Slot.AFTER_SHIFT),
    "craving_support": (Slot.BREAK, Slot.BEFORE_SHIFT, Slot.ON_WAKING, Slot.DAY_OFF),
}


def slots(roster: Roster | None, day: date, timezone: str) -> dict[Slot, datetime]:
    """The good moments on `day` (aware UTC), from the shifts around it."""
    zone = ZoneInfo(timezone)
    found: dict[Slot, datetime] = {}
    roster = roster or Roster()
    shift = shift_on(roster, day, timezone)
    before = shift_on(roster, day - timedelta(days=1), timezone)
    if before is not None and before.kind is ShiftKind.NIGHT:
        found[Slot.ON_WAKING] = _utc(datetime.combine(day, SLEEP_AFTER_NIGHT_UNTIL, tzinfo=zone))
    if shift is not None:
        start, end = _utc(shift.start), _utc(shift.end)
        found[Slot.BEFORE_SHIFT] = start - BEFORE_SHIFT
        found[Slot.BREAK] = start + (end - start) / 2
        if shift.kind is not ShiftKind.NIGHT:
            found[Slot.AFTER_SHIFT] = end + AFTER_SHIFT
    elif Slot.ON_WAKING not in found:
        found[Slot.DAY_OFF] = _utc(datetime.combine(day, DAY_OFF_AT, tzinfo=zone))
    return found


def blocked(
    roster: Roster | None, quiet: QuietHours | None, day: date, timezone: str
) -> list[tuple[datetime, datetime]]:
    """Windows around `day` (aware UTC) with no messages: quiet hours, sleep after nights."""
    zone = ZoneInfo(timezone)
    windows: list[tuple[datetime, datetime]] = []
    for shift in shifts_around(roster or Roster(), day, timezone):
        if shift.kind is ShiftKind.NIGHT:
            wake = datetime.combine(shift.end.date(), SLEEP_AFTER_NIGHT_UNTIL, tzinfo=zone)
            windows.append((_utc(shift.end), _utc(wake)))
    if quiet is not None:
        for offset in (-1, 0, 1):
            start_day = day + timedelta(days=offset)
            end_day = start_day + timedelta(days=1) if quiet.end <= quiet.start else start_day
            windows.append(
                (
                    _utc(datetime.combine(start_day, quiet.start, tzinfo=zone)),
                    _utc(datetime.combine(end_day, quiet.end, tzinfo=zone)),
                )
            )
    return sorted(windows)


def plan_moment(
    kind: str,
    day: date,
    *,
    roster: Roster | None,
    quiet: QuietHours | None,
    timezone: str,
    spread_key: str,
    now: datetime,
) -> datetime | None:
    """When to send a `kind` nudge on `day` (aware UTC), or None when no good moment is left."""
    zone = ZoneInfo(timezone)
    latest = _utc(datetime.combine(day, LATEST, tzinfo=zone))
    available = slots(roster, day, timezone)
    windows = blocked(roster, quiet, day, timezone)
    offset = timedelta(minutes=_spread(spread_key, day))
    for slot in PREFERENCES.get(kind, PREFERENCES["check_in"]):
        if slot not in available:
            continue
        moment = _clear_of(available[slot] + offset, windows)
        if moment.astimezone(zone).date() != day or moment > latest or moment < now:
            continue
        return moment
    return None


def _clear_of(moment: datetime, windows: list[tuple[datetime, datetime]]) -> datetime:
    """`moment`, moved to the end of any window it falls in (windows may chain)."""
    moved = True
    while moved:
        moved = False
        for start, end in windows:
            if start <= moment < end:
                moment, moved = end, True
    return moment


def _spread(key: str, day: date) -> int:
    """A stable number of minutes in [0, SPREAD) for this person and day."""
    digest = hashlib.blake2b(f"{key}:{day.isoformat()}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") % SPREAD


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)
