"""Help with a craving: a tip that suits where the person probably is now, never one they had
lately (pure).

Where they probably are comes from their roster if they gave one, else from their work pattern
and the local hour: at work (on shift, or on a break, perhaps beside colleagues who smoke), on
the way home from a shift (perhaps driving, so nothing for the hands or the phone), or off (a
day off, or at home between shifts). When nothing says, only tips that suit both work and home
are given.

Kinds of tip take turns: one made for that place alone, one that suits anywhere, one that
suits there and elsewhere. None of the last ten comes again, so every place has more than ten
tips to choose from (a test holds this).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from flows.model import Conversation, QuitAid, WorkPattern
from flows.roster import PRESETS, Roster, working_at
from messages import catalog as m
from messages.catalog import Message


class Place(StrEnum):
    """The situations a tip is written for."""

    ON_SHIFT = "on_shift"
    ON_BREAK = "on_break"  # a break, perhaps with colleagues who smoke
    DRIVING_HOME = "driving_home"  # on the way home after a shift: nothing for hands or phone
    AT_HOME = "at_home"  # a day off, or at home between shifts


class Whereabouts(StrEnum):
    """Where a person probably is when a craving hits."""

    AT_WORK = "at_work"
    GOING_HOME = "going_home"
    OFF = "off"
    UNKNOWN = "unknown"


ANYWHERE = frozenset(Place)
AT_WORK = frozenset({Place.ON_SHIFT, Place.ON_BREAK})
NOT_DRIVING = frozenset({Place.ON_SHIFT, Place.ON_BREAK, Place.AT_HOME})
SHIFT = frozenset({Place.ON_SHIFT})
BREAK = frozenset({Place.ON_BREAK})
BREAK_OR_HOME = frozenset({Place.ON_BREAK, Place.AT_HOME})
HOME = frozenset({Place.AT_HOME})
DRIVING = frozenset({Place.DRIVING_HOME})


@dataclass(frozen=True, slots=True)
class Tip:
    """One piece of craving help, the situations it suits, and the quit aid it needs (if any)."""

    message: Message
    suits: frozenset[Place]
    aid: QuitAid | None = None

    @property
    def anywhere(self) -> bool:
        """Suits every situation (and so never asks anything of someone driving)."""
        return self.suits == ANYWHERE

    def fits(self, where: Whereabouts) -> bool:
        """Right for someone who is probably `where`."""
        match where:
            case Whereabouts.AT_WORK:
                return bool(self.suits & AT_WORK)
            case Whereabouts.GOING_HOME:
                return Place.DRIVING_HOME in self.suits
            case Whereabouts.OFF:
                return Place.AT_HOME in self.suits
        return {Place.ON_SHIFT, Place.AT_HOME} <= self.suits  # unknown: work and home alike


# In turn: the walk goes down this list from the last tip given, so kinds are mixed in it.
TIPS = (
    Tip(m.CRAVE_ON_SHIFT_AWAY, AT_WORK),
    Tip(m.CRAVE_BREATHE, NOT_DRIVING),
    Tip(m.CRAVE_REASONS, ANYWHERE),  # their own reasons instead, if they gave them
    Tip(m.CRAVE_ROAD, DRIVING),
    Tip(m.CRAVE_GET_OUTSIDE, HOME),
    Tip(m.CRAVE_ON_SHIFT_BUSY, AT_WORK),
    Tip(m.CRAVE_URGE_SURF, ANYWHERE),
    Tip(m.CRAVE_SING, DRIVING),
    Tip(m.CRAVE_HANDS, NOT_DRIVING),
    Tip(m.CRAVE_BREAK_ELSEWHERE, BREAK),
    Tip(m.CRAVE_SLOW_BREATH, ANYWHERE),
    Tip(m.CRAVE_HOME_SPOT, HOME),
    Tip(m.CRAVE_NRT_FAST, NOT_DRIVING, QuitAid.NRT),
    Tip(m.CRAVE_NEXT_TASK, SHIFT),
    Tip(m.CRAVE_NOT_ONE, ANYWHERE),
    Tip(m.CRAVE_ROUTE, DRIVING),
    Tip(m.CRAVE_TALK, BREAK_OR_HOME),
    Tip(m.CRAVE_TELL_TEAM, BREAK),
    Tip(m.CRAVE_DELAY, NOT_DRIVING),
    Tip(m.CRAVE_WEAKER, ANYWHERE),
    Tip(m.CRAVE_BORED, HOME),
    Tip(m.CRAVE_VAPE, NOT_DRIVING, QuitAid.VAPE),
    Tip(m.CRAVE_HARD_MOMENT, SHIFT),
    Tip(m.CRAVE_SAY_NO, BREAK_OR_HOME),
    Tip(m.CRAVE_MONEY, ANYWHERE),
    Tip(m.CRAVE_NEARLY_HOME, DRIVING),
    Tip(m.CRAVE_HOME_HANDS, HOME),
    Tip(m.CRAVE_SHIFT_WATER, AT_WORK),
    Tip(m.CRAVE_NRT_GUM, NOT_DRIVING, QuitAid.NRT),
    Tip(m.CRAVE_SAY_IT, ANYWHERE),
    Tip(m.CRAVE_BREAK_BUDDY, BREAK),
    Tip(m.CRAVE_SNACK, NOT_DRIVING),
    Tip(m.CRAVE_PICTURE, ANYWHERE),
    Tip(m.CRAVE_TIRED, DRIVING),
    Tip(m.CRAVE_ALCOHOL, HOME),
    Tip(m.CRAVE_MINT, NOT_DRIVING),
    Tip(m.CRAVE_CAFFEINE, NOT_DRIVING),
    Tip(m.CRAVE_NRT_PATCH, NOT_DRIVING, QuitAid.NRT),
    Tip(m.CRAVE_COUNT, ANYWHERE),
)
RECENT_TIPS = 10  # none of the last ten tips comes again
# After a shift ends, this long is "on the way home".
ON_THE_WAY_HOME = timedelta(minutes=90)
# Without a roster, "probably at work" comes from the broad pattern a person gave at
# registration and their local hour. Rotating and other patterns: unknown.
LIKELY_AT_WORK = {
    WorkPattern.DAYS: range(7, 20),
    WorkPattern.LONG_DAYS: range(7, 21),
    WorkPattern.OFFICE_HOURS: range(9, 17),
    WorkPattern.NIGHTS: (*range(20, 24), *range(0, 8)),
}
# ...and the hour after it, on the way home.
LIKELY_GOING_HOME = {
    WorkPattern.DAYS: 20,
    WorkPattern.LONG_DAYS: 21,
    WorkPattern.OFFICE_HOURS: 17,
    WorkPattern.NIGHTS: 8,
}


def whereabouts(conversation: Conversation, *, now: datetime) -> Whereabouts:
    """From their roster if they gave one, else a guess from work pattern and local hour."""
    local = now.astimezone(ZoneInfo(conversation.timezone)).replace(tzinfo=None)
    roster = conversation.roster
    if roster is not None and not roster.empty:
        if working_at(roster, local):
            return Whereabouts.AT_WORK
        if _just_finished(roster, local):
            return Whereabouts.GOING_HOME
        return Whereabouts.OFF
    pattern = conversation.profile.work_pattern
    if pattern is None or pattern not in LIKELY_AT_WORK:
        return Whereabouts.UNKNOWN
    if pattern is WorkPattern.OFFICE_HOURS and local.weekday() >= 5:
        return Whereabouts.OFF  # shift workers work weekends; office hours do not
    if local.hour in LIKELY_AT_WORK[pattern]:
        return Whereabouts.AT_WORK
    if local.hour == LIKELY_GOING_HOME[pattern]:
        return Whereabouts.GOING_HOME
    return Whereabouts.OFF


def _just_finished(roster: Roster, local: datetime) -> bool:
    """A rostered shift ended a little before `local` (a naive local wall time)."""
    for start_day in (local.date() - timedelta(days=1), local.date()):
        kind = roster.kind_on(start_day)
        if kind is None:
            continue
        starts, ends = PRESETS[kind]
        end = datetime.combine(start_day + timedelta(days=int(ends <= starts)), ends)
        if end <= local < end + ON_THE_WAY_HOME:
            return True
    return False


def next_tip(
    where: Whereabouts,
    recent: Sequence[str],
    aid: QuitAid | None,
    tips: Sequence[Tip] = TIPS,
    *,
    favourite: Message | None = None,
) -> Tip:
    """The tip to give now: it fits `where` and their quit aid, and is none of the `recent`
    keys (the oldest of them if every fitting tip is recent).

    Kinds take turns: one made for this place alone, then one for anywhere, then one that
    suits here and elsewhere; within a kind, the `favourite` if it may come (their own
    reasons), else the next down the list from the last tip given.
    """
    fitting = [t for t in tips if t.fits(where) and t.aid in (None, aid)] or list(tips)
    position = {t.message.key: i for i, t in enumerate(tips)}
    last = recent[-1] if recent else None
    fresh = [t for t in fitting if t.message.key not in recent]
    if not fresh:  # fewer fitting tips than remembered ones: the one given longest ago
        older = [t for t in fitting if t.message.key != last] or fitting
        fresh = [min(older, key=lambda t: recent.index(t.message.key))]
    last_tip = next((t for t in tips if t.message.key == last), None)
    turns: tuple[str, ...] = (_HERE, _WIDER, _ANYWHERE)  # the first: made for here if any
    if last_tip is not None:
        after = _TURNS.index(_reach(last_tip, where))
        turns = tuple(_TURNS[(after + n) % len(_TURNS)] for n in (1, 2, 3))
    for kind in turns:  # fresh is never empty, and every tip is of one of the kinds
        preferred = [t for t in fresh if _reach(t, where) == kind]
        if preferred:
            break
    if any(t.message is favourite for t in preferred):
        return next(t for t in preferred if t.message is favourite)
    start = position.get(last, -1) + 1 if last is not None else 0
    return min(preferred, key=lambda t: (position[t.message.key] - start) % len(tips))


# How closely a tip is made for where someone is, in the order the kinds take turns.
_HERE, _ANYWHERE, _WIDER = "here", "anywhere", "wider"
_TURNS = (_HERE, _ANYWHERE, _WIDER)
_PLACES = {
    Whereabouts.AT_WORK: AT_WORK,
    Whereabouts.GOING_HOME: DRIVING,
    Whereabouts.OFF: HOME,
    Whereabouts.UNKNOWN: frozenset[Place](),
}


def _reach(tip: Tip, where: Whereabouts) -> str:
    if tip.anywhere:
        return _ANYWHERE
    return _HERE if tip.suits <= _PLACES[where] else _WIDER


def remember(recent: Sequence[str], tip: Tip) -> tuple[str, ...]:
    """The last ten tips given, newest last."""
    return (*recent, tip.message.key)[-RECENT_TIPS:]


__all__ = ["TIPS", "Place", "Tip", "Whereabouts", "next_tip", "remember", "whereabouts"]
