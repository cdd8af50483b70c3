"""Talking about shifts and quiet hours: asking, reading back, confirming (pure).

Used at registration (after the work pattern question) and at any time after it (SHIFT and
QUIET). A roster is always read back for a YES before it is kept; quiet hours are simple
enough to keep at once and say back.

    ask -> (their words) -> read back -> YES keeps it / NO asks again / new words read back
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from flows import answers
from flows.effects import Reply
from flows.model import Conversation, WorkPattern
from flows.outcome import Answered, NotUnderstood, Outcome
from flows.roster import QuietHours, Roster, ShiftKind
from flows.roster_text import NeedDays, RosterReading, read_quiet_hours, read_roster
from flows.text import words
from messages import catalog as m
from messages.catalog import ShiftList

# Patterns that mean shifts worth asking about; office hours are known without asking.
ASK_ABOUT_SHIFTS = (
    WorkPattern.DAYS,
    WorkPattern.NIGHTS,
    WorkPattern.ROTATING,
    WorkPattern.LONG_DAYS,
)
OFFICE_HOURS = Roster(weekly=dict.fromkeys(range(5), ShiftKind.OFFICE))
# When someone gives only days ("mon-wed"), the kind of shift comes from their work pattern.
_PATTERN_WORDS = {
    WorkPattern.DAYS: "earlies",
    WorkPattern.NIGHTS: "nights",
    WorkPattern.LONG_DAYS: "long days",
}
_CLEAR_WORDS = {"none", "no", "clear", "off", "dim", "na", "nac oes", "no quiet hours"}


def read(conversation: Conversation, text: str, *, today: date) -> RosterReading | NeedDays | None:
    """Their words as a roster, with the kind of shift taken from their work pattern if need be."""
    reading = read_roster(text, today=today, current=conversation.roster)
    hint = _PATTERN_WORDS.get(conversation.profile.work_pattern or WorkPattern.OTHER)
    guessed = not isinstance(reading, RosterReading) or reading.unsure
    if guessed and hint is not None:
        hinted = read_roster(f"{hint} {text}", today=today, current=conversation.roster)
        if isinstance(hinted, RosterReading) and not hinted.unsure:
            return hinted
    return reading


def propose(
    conversation: Conversation, roster: Roster, *, today: date, unsure: bool = False
) -> Answered:
    """Read a roster back (one-off changes already past are let go) and wait for YES.

    When part of it was a guess ("4 on 4 off": which shifts, from when?), the read-back says so
    and shows how to put it right.
    """
    upcoming = {day: kind for day, kind in roster.changes.items() if day >= today}
    roster = replace(roster, changes=upcoming)
    proposed = replace(conversation, proposed_roster=roster, misunderstood=0)
    return Answered(proposed, (confirm_question(roster, unsure=unsure),))


def confirm_question(roster: Roster, *, unsure: bool = False) -> Reply:
    """ "So you work: nights Mon, Tue, Wed. Is that right?" """
    message = m.CONFIRM_ROSTER_GUESS if unsure else m.CONFIRM_ROSTER
    return Reply(message, {"shifts": summary(roster)})


def next_day_off(roster: Roster | None, *, today: date) -> date | None:
    """Their next whole day off after today (the day before off too, so not the day a night
    shift ends), within 14 days."""
    if roster is None or roster.empty:
        return None
    for ahead in range(1, 15):
        day = today + timedelta(days=ahead)
        if roster.kind_on(day) is None and roster.kind_on(day - timedelta(days=1)) is None:
            return day
    return None


def answer_roster(conversation: Conversation, text: str, *, today: date) -> Outcome:
    """Their shifts in their own words: read back for a YES, or ask for what is missing."""
    reading = read(conversation, text, today=today)
    if isinstance(reading, RosterReading):
        return propose(conversation, reading.roster, today=today, unsure=reading.unsure)
    if isinstance(reading, NeedDays):
        return NotUnderstood((Reply(m.ROSTER_NEED_DAYS),))
    return NotUnderstood((Reply(m.ROSTER_REASK),))


# The "no" that opens a correction ("no its...", "nope, actually", "na, mae'n...").
_CORRECTION_START = re.compile(
    r"^(?:no+|nope|nah|na|naddo|nac ydy|wrong|not quite|not right|incorrect)\b[\s,.!:;-]*"
    r"(?:(?:it'?s|its|it is|i'?m|im|i do|i work|actually|mae'?n|mae|rwy'?n|dwi'?n|dw i'?n)\b"
    r"[\s,]*)*",
    re.IGNORECASE,
)


def answer_confirm(conversation: Conversation, text: str, *, today: date) -> Outcome | bool:
    """YES (True) or NO (False) to the read-back; new words are read back in turn."""
    said = answers.yes_or_no(text)
    if said is False:
        # "no, it's 4 on 4 off from thursday": the correction they were asked for is the answer.
        rest = _CORRECTION_START.sub("", text.strip(), count=1)
        if rest and rest != text.strip():
            corrected = read(conversation, rest, today=today)
            if isinstance(corrected, RosterReading):
                return propose(
                    conversation, corrected.roster, today=today, unsure=corrected.unsure
                )
    if said is not None:
        return said
    reading = read(conversation, text, today=today)
    if isinstance(reading, RosterReading):
        return propose(conversation, reading.roster, today=today, unsure=reading.unsure)
    return NotUnderstood((Reply(m.YES_NO_REASK),))


def answer_quiet_hours(conversation: Conversation, text: str) -> Outcome:
    """Their own quiet hours ("10pm-7am"), or NONE to clear them."""
    if " ".join(words(text)) in _CLEAR_WORDS:
        cleared = replace(conversation, quiet_hours=None, misunderstood=0)
        return Answered(cleared, (Reply(m.QUIET_HOURS_CLEARED),))
    quiet = read_quiet_hours(text)
    if quiet is None:
        return NotUnderstood((Reply(m.QUIET_HOURS_REASK),))
    kept = replace(conversation, quiet_hours=quiet, misunderstood=0)
    return Answered(kept, (quiet_hours_saved(quiet),))


def quiet_hours_saved(quiet: QuietHours) -> Reply:
    """ "No messages from me between 22:00 and 07:00." """
    start, end = quiet.start.strftime("%H:%M"), quiet.end.strftime("%H:%M")
    return Reply(m.QUIET_HOURS_SAVED, {"start": start, "end": end})


def summary(roster: Roster) -> ShiftList:
    """A roster as a read-back: weekly shifts by kind, the rotation, and changes to come."""
    by_kind: dict[ShiftKind, list[int]] = {}
    for weekday, kind in sorted(roster.weekly.items()):
        by_kind.setdefault(kind, []).append(weekday)
    weekly = tuple((kind.value, tuple(days)) for kind, days in by_kind.items())
    cycle: tuple[tuple[str | None, int], ...] = ()
    if roster.cycle:
        runs: list[tuple[str | None, int]] = []
        for entry in roster.cycle:
            value = None if entry is None else entry.value
            if runs and runs[-1][0] == value:
                runs[-1] = (value, runs[-1][1] + 1)
            else:
                runs.append((value, 1))
        cycle = tuple(runs)
    return ShiftList(
        weekly=weekly,
        cycle=cycle,
        cycle_from=roster.anchor if roster.cycle else None,
        changes=_spans(roster),
    )


def _spans(roster: Roster) -> tuple[tuple[str | None, date, date], ...]:
    """One-off changes, joined into spans of consecutive days of one kind."""
    spans: list[tuple[str | None, date, date]] = []
    for day, kind in sorted(roster.changes.items()):
        value = None if kind is None else kind.value
        if spans and spans[-1][0] == value and spans[-1][2] + timedelta(days=1) == day:
            spans[-1] = (value, spans[-1][1], day)
        else:
            spans.append((value, day, day))
    return tuple(spans)
