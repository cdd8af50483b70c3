"""The nudge planner: when each planned message goes, around the person's shifts (pure).

`now` is an argument; nothing here reads a clock. Moments are chosen in the person's own time
zone, so they stay right across the UK clock changes, and compared in UTC. A moment never lands
inside the person's quiet hours or their sleep after a night shift: it moves to the next good
slot that day, or the nudge is dropped (None) when no slot is left or all are past.

`schedule` plans a whole programme: it thins or adds messages for LESS and MORE, adds on-shift
tips on working days in the first weeks, holds each day to a cap, and keeps two messages on one
day apart.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from flows.follow_up import FOLLOW_UP_OF
from flows.model import Frequency
from flows.programme import FOLLOW_UP_GRACE_DAYS, Due, Wake, check_in_days
from flows.roster import QuietHours, Roster, ShiftKind
from scheduler.roster import shift_on, shifts_around

SLEEP_AFTER_NIGHT_UNTIL = time(14, 0)  # after nights, nothing before (QUITBOT_NIGHT_SLEEP_UNTIL)
DAY_OFF_AT = time(10, 0)
EVENING_AT = time(18, 0)  # a second moment on a day off, for a tip
MORNING_AT = time(10, 0)  # quit day: the morning of a day whose shift starts from noon
AFTERNOON_AT = time(16, 0)  # quit day: the afternoon of a day off
WIND_DOWN_AT = time(20, 0)  # quit day: the end of a day off
LATE_START = time(12, 0)  # a shift starting from this hour leaves a morning free
BEFORE_SHIFT = timedelta(minutes=45)
AFTER_SHIFT = timedelta(minutes=30)
SPREAD = 20  # minutes: people on one roster are spread across this much of a slot
LATEST = time(21, 30)  # a day's message never comes later than this, unless they are at work
SHIFT_DAY_STARTS = time(5, 0)  # a night's break at 02:00 belongs to the day the night began
MIN_GAP = timedelta(minutes=90)  # two planned messages on one day are at least this far apart
DAILY_CAP = 2  # planned messages a day at most (replies to the person never count)
CARRY_DAYS = FOLLOW_UP_GRACE_DAYS  # a follow-up with no good moment moves up to this many days
ANY_FROM = time(9, 0)  # a follow-up with no good slot takes any clear moment from this hour


class Slot(StrEnum):
    """Moments in a shift worker's day that suit a message."""

    BEFORE_SHIFT = "before_shift"
    BREAK = "break"
    AFTER_SHIFT = "after_shift"
    ON_WAKING = "on_waking"
    DAY_OFF = "day_off"
    EVENING = "evening"
    MORNING = "morning"  # before a late or night shift (quit day only)
    AFTERNOON = "afternoon"  # a day off (quit day only)
    WIND_DOWN = "wind_down"  # the end of a day off (quit day only)


# Which slots suit which kind of nudge, best first.
PREFERENCES: dict[str, tuple[Slot, ...]] = {
    "check_in": (Slot.AFTER_SHIFT, Slot.ON_WAKING, Slot.DAY_OFF, Slot.BEFORE_SHIFT),
    "follow_up": (Slot.AFTER_SHIFT, Slot.ON_WAKING, Slot.DAY_OFF, Slot.BEFORE_SHIFT),
    "prepare": (Slot.BEFORE_SHIFT, Slot.ON_WAKING, Slot.DAY_OFF, Slot.AFTER_SHIFT),
    # The eve of the quit date ("bin cigarettes, lighters and ashtrays tonight"): after work or
    # in the evening, not as an early shift begins.
    "prepare_eve": (
        Slot.AFTER_SHIFT,
        Slot.EVENING,
        Slot.ON_WAKING,
        Slot.BEFORE_SHIFT,
        Slot.DAY_OFF,
    ),
    "quit_day": (Slot.ON_WAKING, Slot.DAY_OFF, Slot.MORNING, Slot.BEFORE_SHIFT, Slot.AFTER_SHIFT),
    # Quit day through the day: its end is planned before the shift's message, so a night
    # shift's end is its break and its shift message comes before it starts.
    "quit_day_end": (Slot.AFTER_SHIFT, Slot.WIND_DOWN, Slot.BREAK),
    "quit_day_shift": (Slot.BREAK, Slot.BEFORE_SHIFT, Slot.AFTERNOON),
    "craving_support": (Slot.BREAK, Slot.BEFORE_SHIFT, Slot.EVENING),
    # What to expect: a calm moment, off shift if there is one.
    "learn": (Slot.ON_WAKING, Slot.DAY_OFF, Slot.AFTER_SHIFT, Slot.EVENING, Slot.BEFORE_SHIFT),
}


def slots(
    roster: Roster | None,
    day: date,
    timezone: str,
    *,
    sleep_until: time = SLEEP_AFTER_NIGHT_UNTIL,
) -> dict[Slot, datetime]:
    """The good moments on `day` (aware UTC), from the shifts around it."""
    zone = ZoneInfo(timezone)
    found: dict[Slot, datetime] = {}
    roster = roster or Roster()
    shift = shift_on(roster, day, timezone)
    before = shift_on(roster, day - timedelta(days=1), timezone)
    if before is not None and before.kind is ShiftKind.NIGHT:
        found[Slot.ON_WAKING] = _utc(datetime.combine(day, sleep_until, tzinfo=zone))
    if shift is not None:
        start, end = _utc(shift.start), _utc(shift.end)
        found[Slot.BEFORE_SHIFT] = start - BEFORE_SHIFT
        found[Slot.BREAK] = start + (end - start) / 2
        if shift.kind is not ShiftKind.NIGHT:
            found[Slot.AFTER_SHIFT] = end + AFTER_SHIFT
        if Slot.ON_WAKING not in found and shift.start.astimezone(zone).time() >= LATE_START:
            found[Slot.MORNING] = _utc(datetime.combine(day, MORNING_AT, tzinfo=zone))
    else:
        if Slot.ON_WAKING not in found:
            found[Slot.DAY_OFF] = _utc(datetime.combine(day, DAY_OFF_AT, tzinfo=zone))
        found[Slot.AFTERNOON] = _utc(datetime.combine(day, AFTERNOON_AT, tzinfo=zone))
        found[Slot.EVENING] = _utc(datetime.combine(day, EVENING_AT, tzinfo=zone))
        found[Slot.WIND_DOWN] = _utc(datetime.combine(day, WIND_DOWN_AT, tzinfo=zone))
    return found


def blocked(
    roster: Roster | None,
    quiet: QuietHours | None,
    day: date,
    timezone: str,
    *,
    sleep_until: time = SLEEP_AFTER_NIGHT_UNTIL,
) -> list[tuple[datetime, datetime]]:
    """Windows around `day` (aware UTC) with no messages: quiet hours, sleep after nights."""
    zone = ZoneInfo(timezone)
    windows: list[tuple[datetime, datetime]] = []
    for shift in shifts_around(roster or Roster(), day, timezone):
        if shift.kind is ShiftKind.NIGHT:
            wake = datetime.combine(shift.end.date(), sleep_until, tzinfo=zone)
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
    taken: Sequence[datetime] = (),
    sleep_until: time = SLEEP_AFTER_NIGHT_UNTIL,
) -> datetime | None:
    """When to send a `kind` nudge on `day` (aware UTC), or None when no good moment is left.

    A moment within MIN_GAP of one already `taken` is passed over for the next slot. A break
    in a night shift may fall after midnight: it still belongs to the day the night began.
    """
    known = _day(roster, quiet, day, timezone, sleep_until)
    return _pick(kind, known, spread_key, now, taken)


@dataclass(frozen=True, slots=True)
class _Day:
    """What the planner needs to know about one day: its good moments and blocked windows."""

    day: date
    zone: ZoneInfo
    latest: datetime
    available: dict[Slot, datetime]
    windows: list[tuple[datetime, datetime]]


def _day(
    roster: Roster | None, quiet: QuietHours | None, day: date, timezone: str, sleep_until: time
) -> _Day:
    zone = ZoneInfo(timezone)
    return _Day(
        day=day,
        zone=zone,
        latest=_utc(datetime.combine(day, LATEST, tzinfo=zone)),
        available=slots(roster, day, timezone, sleep_until=sleep_until),
        windows=blocked(roster, quiet, day, timezone, sleep_until=sleep_until),
    )


def _pick(
    kind: str, known: _Day, spread_key: str, now: datetime, taken: Sequence[datetime]
) -> datetime | None:
    """The first slot of `kind`'s preferences that is clear, on the day, not past, not close."""
    day, zone, available, windows = known.day, known.zone, known.available, known.windows
    offset = timedelta(minutes=_spread(spread_key, day))
    for slot in PREFERENCES.get(kind, PREFERENCES["check_in"]):
        if slot not in available:
            continue
        candidate = available[slot] + offset
        moment = _clear_of(candidate, windows)
        if moment != candidate:  # moved to a window's end: spread people out from there too
            moment = _clear_of(moment + offset, windows)
        local = moment.astimezone(zone)
        if slot is Slot.BREAK and moment == candidate:
            on_day = (local - _since_midnight(SHIFT_DAY_STARTS)).date() == day
            too_late = False  # they are at work (a break moved by quiet hours may not be)
        else:
            on_day, too_late = local.date() == day, moment > known.latest
        if not on_day or too_late or moment < now:
            continue
        if any(abs(moment - other) < MIN_GAP for other in taken):
            continue
        return moment
    return None


def _any_clear(
    known: _Day, spread_key: str, now: datetime, taken: Sequence[datetime]
) -> datetime | None:
    """For a follow-up with no good slot: the first clear waking moment of the day, if any."""
    offset = timedelta(minutes=_spread(spread_key, known.day))
    moment = _utc(datetime.combine(known.day, ANY_FROM, tzinfo=known.zone)) + offset
    while moment <= known.latest:
        clear = not any(start <= moment < end for start, end in known.windows)
        apart = all(abs(moment - other) >= MIN_GAP for other in taken)
        if clear and apart and moment >= now:
            return moment
        moment += timedelta(minutes=30)
    return None


@dataclass(frozen=True, slots=True)
class Planned:
    """A wake-up and the moment it is due (aware UTC)."""

    wake: Wake
    due_at: datetime


# What each kind of wake-up is, for the slot preferences.
_KIND = {
    Due.PREPARE: "prepare",
    Due.QUIT_DAY: "quit_day",
    Due.CHECK_IN: "check_in",
    Due.FOLLOW_UP_4W: "follow_up",
    Due.FOLLOW_UP_4W_AGAIN: "follow_up",
    Due.FOLLOW_UP_12W: "follow_up",
    Due.FOLLOW_UP_12W_AGAIN: "follow_up",
    Due.DISCHARGE: "follow_up",
    Due.SHIFT_TIP: "craving_support",
    Due.QUIT_DAY_SHIFT: "quit_day_shift",
    Due.QUIT_DAY_END: "quit_day_end",
    Due.LEARN: "learn",
}


def _kind(wake: Wake) -> str:
    """The kind of nudge a wake-up is, for its slot preferences."""
    if wake.due is Due.PREPARE and wake.day == -1:
        return "prepare_eve"
    return _KIND[wake.due]


# Quit day's own messages may make it a day of one more than the cap: support through the day.
QUIT_DAY_SUPPORT = frozenset({Due.QUIT_DAY, Due.QUIT_DAY_SHIFT, Due.QUIT_DAY_END})
# What to expect may move a day or two later when its day is full; it is never dropped for a
# tip, but gives way to check-ins and preparation.
LEARN_CARRY_DAYS = 2
# Bookkeeping wake-ups send nothing: they go at the start of their shift-day, whatever the hour.
SILENT = frozenset({Due.FOLLOW_UP_4W_CLOSES, Due.FOLLOW_UP_12W_CLOSES})
# Questions that count for the NHS outcomes move to a later day rather than being dropped.
CARRIED = frozenset(
    {
        Due.FOLLOW_UP_4W,
        Due.FOLLOW_UP_4W_AGAIN,
        Due.FOLLOW_UP_12W,
        Due.FOLLOW_UP_12W_AGAIN,
        Due.DISCHARGE,
    }
)
# Under a day's cap, what goes first.
_RANK = {
    due: rank
    for rank, due in enumerate(
        (
            Due.FOLLOW_UP_4W,
            Due.FOLLOW_UP_4W_AGAIN,
            Due.FOLLOW_UP_12W,
            Due.FOLLOW_UP_12W_AGAIN,
            Due.DISCHARGE,
            Due.QUIT_DAY,
            Due.QUIT_DAY_END,
            Due.QUIT_DAY_SHIFT,
            Due.CHECK_IN,
            Due.PREPARE,
            Due.LEARN,
            Due.SHIFT_TIP,
        )
    )
}
# LESS: check-ins thin out after the first days; preparation is the last three days only.
LESS_CHECK_IN_DAYS = frozenset({1, 2, 3, 5, 7, 10, 14, 17, 21, 24}) | {
    day for day in check_in_days() if day > 28
}
LESS_PREPARE_FROM = -3
LESS_LEARN_DAYS = frozenset({2, 5, 10})  # LESS: withdrawal, sleep, and when it eases
# On-shift tips on working days: the first week as standard, the first four weeks for MORE.
TIP_DAYS = {Frequency.LESS: range(0), Frequency.NORMAL: range(1, 8), Frequency.MORE: range(1, 29)}


def schedule(
    wakes: Iterable[Wake],
    *,
    quit_date: date,
    roster: Roster | None,
    quiet: QuietHours | None,
    timezone: str,
    frequency: Frequency,
    spread_key: str,
    now: datetime,
    daily_cap: int = DAILY_CAP,
    sleep_until: time = SLEEP_AFTER_NIGHT_UNTIL,
    already: Sequence[datetime] = (),
) -> list[Planned]:
    """Plan a programme's wake-ups (days counted from `quit_date`), soonest first.

    Nothing is planned in the past, inside quiet hours or sleep after nights, or beyond the
    day's cap (one a day for LESS), counting messages `already` sent. The quit day's message
    goes at once if its day has no good moment left but it is still a waking hour. A follow-up
    takes any clear waking moment if no slot suits, or moves to a later day, never past the
    day its window closes. Other messages with no moment are dropped.
    """
    cap = 1 if frequency is Frequency.LESS else daily_cap
    wanted = [w for w in wakes if _wanted(w, frequency)]
    wanted += _tips(wanted, quit_date, roster, timezone, frequency)
    zone = ZoneInfo(timezone)
    taken: dict[date, list[datetime]] = {}  # by local date
    for sent in already:
        taken.setdefault(sent.astimezone(zone).date(), []).append(sent)
    closes = {
        FOLLOW_UP_OF[w.due]: w.day for w in wanted if w.due in FOLLOW_UP_OF and w.due in SILENT
    }
    days: dict[date, _Day] = {}  # worked out once per day
    planned: list[Planned] = []
    for wake in sorted(wanted, key=lambda w: (_RANK.get(w.due, len(_RANK)), w.day)):
        day = quit_date + timedelta(days=wake.day)
        if wake.due in SILENT:
            start = datetime.combine(day, SHIFT_DAY_STARTS, tzinfo=ZoneInfo(timezone))
            due_at = _utc(start) + timedelta(minutes=_spread(spread_key, day))
            if due_at >= now:
                planned.append(Planned(wake, due_at))
            continue
        carry = CARRY_DAYS if wake.due in CARRIED else 0
        if wake.due is Due.LEARN:
            carry = LEARN_CARRY_DAYS
        follow_up = FOLLOW_UP_OF.get(wake.due)
        closing = closes.get(follow_up) if follow_up is not None else None
        if closing is not None:
            carry = max(0, min(carry, closing - 1 - wake.day))
        for later in range(carry + 1):
            on = day + timedelta(days=later)
            near = [t for d in (-1, 0, 1) for t in taken.get(on + timedelta(days=d), ())]
            if on not in days:
                days[on] = _day(roster, quiet, on, timezone, sleep_until)
            moment = _pick(_kind(wake), days[on], spread_key, now, near)
            if moment is None and wake.due in CARRIED:
                moment = _any_clear(days[on], spread_key, now, near)
            if moment is None and wake.due is Due.QUIT_DAY:
                moment = _right_away(roster, quiet, day, timezone, now, sleep_until)
            if moment is None:
                continue
            that_day = taken.setdefault(moment.astimezone(zone).date(), [])
            if len(that_day) >= cap + (wake.due in QUIT_DAY_SUPPORT):
                continue
            that_day.append(moment)
            planned.append(Planned(wake, moment))
            break
    return sorted(planned, key=lambda p: (p.due_at, _RANK.get(p.wake.due, len(_RANK))))


def _wanted(wake: Wake, frequency: Frequency) -> bool:
    if frequency is not Frequency.LESS:
        return True
    if wake.due is Due.CHECK_IN:
        return wake.day in LESS_CHECK_IN_DAYS
    if wake.due is Due.PREPARE:
        return wake.day >= LESS_PREPARE_FROM
    if wake.due is Due.LEARN:
        return wake.day in LESS_LEARN_DAYS
    return wake.due is not Due.QUIT_DAY_SHIFT  # LESS: the quit day's morning and its end


def _tips(
    wakes: list[Wake],
    quit_date: date,
    roster: Roster | None,
    timezone: str,
    frequency: Frequency,
) -> list[Wake]:
    """On-shift tips for the working days in the tip weeks (days off too, for MORE)."""
    quitting = [w.day for w in wakes if w.due in (Due.QUIT_DAY, Due.CHECK_IN)]
    if not quitting:
        return []  # not quitting now (relapsed, or only follow-ups are left)
    first, last = min(quitting), max(w.day for w in wakes)
    tips = []
    for day in TIP_DAYS[frequency]:
        if not first <= day <= last:
            continue  # the programme has moved past this day, or is not being planned
        working = roster is not None and roster.kind_on(quit_date + timedelta(days=day))
        if working or frequency is Frequency.MORE:
            tips.append(Wake(Due.SHIFT_TIP, day))
    return tips


def ask_again_at(
    now: datetime,
    *,
    hours: int,
    roster: Roster | None,
    quiet: QuietHours | None,
    timezone: str,
    sleep_until: time = SLEEP_AFTER_NIGHT_UNTIL,
) -> datetime | None:
    """When to ask a snoozed question again: `hours` from `now`, moved out of quiet hours and
    sleep after a night shift, and into waking hours (ANY_FROM to LATEST) unless they are at
    work then. None if that is more than a day away (the question has gone stale by then)."""
    zone = ZoneInfo(timezone)
    moment = now + timedelta(hours=hours)
    for _ in range(3):  # a window's end may fall at night, and the morning in another window
        day = moment.astimezone(zone).date()
        moment = _clear_of(moment, blocked(roster, quiet, day, timezone, sleep_until=sleep_until))
        local = moment.astimezone(zone)
        if _working(roster, moment, timezone) or ANY_FROM <= local.time() <= LATEST:
            break
        morning = local.date() + timedelta(days=1 if local.time() > LATEST else 0)
        moment = _utc(datetime.combine(morning, ANY_FROM, tzinfo=zone))
    if moment - now > timedelta(days=1):
        return None
    return moment


def send_late_at(
    due_at: datetime,
    now: datetime,
    *,
    roster: Roster | None,
    quiet: QuietHours | None,
    timezone: str,
    max_lateness: timedelta,
    sleep_until: time = SLEEP_AFTER_NIGHT_UNTIL,
) -> datetime | None:
    """When a planned message due at `due_at`, still unsent at `now`, may go, by the rules that
    planned it: `now` if that is a good moment; the end of the quiet hours or sleep after a
    night that `now` falls in, if that is still the same day and not past LATEST (unless they
    are at work then); None when it should be dropped: no such moment, or it would be more than
    `max_lateness` after `due_at`."""
    zone = ZoneInfo(timezone)
    local_day = now.astimezone(zone).date()
    windows = blocked(roster, quiet, local_day, timezone, sleep_until=sleep_until)
    windows += blocked(
        roster, quiet, local_day + timedelta(days=1), timezone, sleep_until=sleep_until
    )
    moment = _clear_of(now, windows)
    if moment - due_at > max_lateness:
        return None
    if _working(roster, moment, timezone):
        return moment  # at work: the day's evening limit does not apply (a night's break)
    local = moment.astimezone(zone)
    latest = _utc(datetime.combine(local.date(), LATEST, tzinfo=zone))
    if local.date() != due_at.astimezone(zone).date() or moment > latest:
        return None
    return moment


def _working(roster: Roster | None, moment: datetime, timezone: str) -> bool:
    """True when `moment` falls inside one of the person's shifts."""
    local = moment.astimezone(ZoneInfo(timezone))
    return any(
        _utc(shift.start) <= moment < _utc(shift.end)
        for shift in shifts_around(roster or Roster(), local.date(), timezone)
    )


def _right_away(
    roster: Roster | None,
    quiet: QuietHours | None,
    day: date,
    timezone: str,
    now: datetime,
    sleep_until: time,
) -> datetime | None:
    """`now`, if it is on `day`, a waking hour and not too late; otherwise None."""
    local = now.astimezone(ZoneInfo(timezone))
    if local.date() != day or local.time() > LATEST:
        return None
    windows = blocked(roster, quiet, day, timezone, sleep_until=sleep_until)
    if any(start <= now < end for start, end in windows):
        return None
    return now


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


def _since_midnight(moment: time) -> timedelta:
    return timedelta(hours=moment.hour, minutes=moment.minute)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)
