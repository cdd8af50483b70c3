"""Milestone rules: which payable (and recorded) milestones one quit attempt has reached.

Pure: the host gathers the facts (the attempt's quit date, advisor contacts, follow-up answers,
CO readings) and these functions say what was reached, when, and on what evidence. The ledger
stores each milestone once per attempt (see storage/ledger.py).

Windows are counted in programme days (flows/programme.py): shift-days in the person's own
zone from the quit date, so a clock change (BST/GMT) moves no reading across a window's edge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from itertools import combinations

from flows.programme import (
    FOUR_WEEK_NOT_A_PUFF_FROM,
    FOUR_WEEK_WINDOW,
    TWELVE_WEEK_NOT_A_PUFF_FROM,
    TWELVE_WEEK_WINDOW,
    programme_day,
)

CO_QUIT_BELOW_PPM = 10  # NHS definition: a reading under 10 ppm confirms a 4-week quit


class Milestone(StrEnum):
    """What a provider may be paid for (lost to follow-up is recorded, never paid)."""

    ENGAGED = "engaged"
    QUIT_DATE_SET = "quit_date_set"
    FOUR_WEEK_SELF_REPORTED = "4_week_self_reported"
    FOUR_WEEK_CO_VERIFIED = "4_week_co_verified"
    TWELVE_WEEK_QUIT = "12_week_quit"
    LOST_TO_FOLLOW_UP = "lost_to_follow_up"


PAYABLE = frozenset(Milestone) - {Milestone.LOST_TO_FOLLOW_UP}
_RANK = {m: n for n, m in enumerate(Milestone)}  # declaration order breaks ties in time
# The order milestones are reached in; a later one dated before an earlier one is suspect.
ORDER = (
    Milestone.QUIT_DATE_SET,
    Milestone.FOUR_WEEK_SELF_REPORTED,
    Milestone.FOUR_WEEK_CO_VERIFIED,
    Milestone.TWELVE_WEEK_QUIT,
)


@dataclass(frozen=True, slots=True)
class Definition:
    """The windows in force; `twelve_week_version` is stored with every 12-week milestone,
    since there is no national definition of a 12-week quit."""

    four_week_window: tuple[int, int] = FOUR_WEEK_WINDOW
    four_week_not_a_puff_from: int = FOUR_WEEK_NOT_A_PUFF_FROM
    twelve_week_window: tuple[int, int] = TWELVE_WEEK_WINDOW
    twelve_week_not_a_puff_from: int = TWELVE_WEEK_NOT_A_PUFF_FROM

    @property
    def twelve_week_version(self) -> str:
        first, last = self.twelve_week_window
        return (
            f"quitbot-12w-v1:day{first}-{last}:no-puff-from-day{self.twelve_week_not_a_puff_from}"
        )


# What engages a person: a real contact, not an advisor opening their conversation. A reply
# counts once it was sent to them (the host passes only those), a first appointment once it
# is recorded; a CO reading recorded for the attempt counts too (it was taken in person).
# Taking a conversation over ("took_over") alone engages nobody.
REAL_CONTACTS = frozenset({"replied", "first_appointment"})


@dataclass(frozen=True, slots=True)
class AdvisorContact:
    """A trained advisor's contact: replied (a message sent to the person) or recorded a first
    appointment (`kind`), with the row that shows it. "took_over" (an advisor opened the
    conversation) may be passed too, and is never a contact by itself."""

    at: datetime
    advisor_id: int
    kind: str  # "replied", "first_appointment" (or "took_over": not counted)
    ref: int  # the message, clinical_record (or owner_change) id


@dataclass(frozen=True, slots=True)
class FollowUpAnswer:
    """A follow-up's recorded outcome: "quit", "not_quit" or "lost_to_follow_up"."""

    kind: str  # "4_week" or "12_week"
    result: str
    answered_at: datetime
    smoked_days: tuple[int, ...] = ()  # programme days they said they smoked (this attempt)
    message_ids: tuple[int, ...] = ()  # asked and answered
    outcome_id: int | None = None


@dataclass(frozen=True, slots=True)
class COReading:
    """A carbon monoxide reading an advisor recorded."""

    taken_at: datetime
    ppm: int
    advisor_id: int
    record_id: int


@dataclass(frozen=True, slots=True)
class Attempt:
    """Everything known about one quit attempt."""

    attempt: int
    timezone: str
    quit_date: date | None = None
    quit_date_set_at: datetime | None = None
    quit_date_message_id: int | None = None
    contacts: tuple[AdvisorContact, ...] = ()
    follow_ups: tuple[FollowUpAnswer, ...] = ()
    readings: tuple[COReading, ...] = ()


@dataclass(frozen=True, slots=True)
class Reached:
    """A milestone reached, when, and the evidence for it (stored in the ledger as JSON)."""

    milestone: Milestone
    attempt: int
    reached_at: datetime
    advisor_id: int | None = None
    co_ppm: int | None = None
    co_taken_at: datetime | None = None
    message_ids: tuple[int, ...] = ()
    definition: str = ""
    evidence: dict[str, object] = field(default_factory=dict)


def reached(facts: Attempt, definition: Definition = Definition()) -> list[Reached]:
    """The milestones `facts` reach, each at most once, in the order they were reached."""
    found = [
        r
        for r in (
            _engaged(facts),
            _quit_date_set(facts),
            *_four_week(facts, definition),
            _twelve_week(facts, definition),
        )
        if r is not None
    ]
    return sorted(found, key=lambda r: (r.reached_at, _RANK[r.milestone]))


def _engaged(facts: Attempt) -> Reached | None:
    """The first real contact of the attempt: a reply sent, a first appointment or a CO
    reading recorded. A takeover with nothing sent is no contact."""
    contacts = [c for c in facts.contacts if c.kind in REAL_CONTACTS] + [
        AdvisorContact(r.taken_at, r.advisor_id, "co_reading", r.record_id) for r in facts.readings
    ]
    if not contacts:
        return None
    first = min(contacts, key=lambda c: (c.at, c.ref))
    return Reached(
        Milestone.ENGAGED,
        facts.attempt,
        first.at,
        advisor_id=first.advisor_id,
        evidence={"contact": first.kind, "ref": first.ref},
    )


def _quit_date_set(facts: Attempt) -> Reached | None:
    if facts.quit_date is None or facts.quit_date_set_at is None:
        return None
    ids = (facts.quit_date_message_id,) if facts.quit_date_message_id is not None else ()
    return Reached(
        Milestone.QUIT_DATE_SET,
        facts.attempt,
        facts.quit_date_set_at,
        message_ids=ids,
        evidence={"quit_date": facts.quit_date.isoformat()},
    )


def day_of(facts: Attempt, instant: datetime) -> int:
    """The programme day of `instant` in this attempt (quit date required)."""
    assert facts.quit_date is not None
    return programme_day(instant, facts.timezone, facts.quit_date)


def _inside(day: int, window: tuple[int, int]) -> bool:
    return window[0] <= day <= window[1]


def _quit_answer(
    facts: Attempt, kind: str, window: tuple[int, int], no_puff_from: int
) -> tuple[FollowUpAnswer, int] | None:
    """The first "quit" answer of `kind` inside `window`, with no smoking reported from
    `no_puff_from` up to the day it was answered."""
    for answer in sorted(facts.follow_ups, key=lambda a: a.answered_at):
        if answer.kind != kind or answer.result != "quit":
            continue
        day = day_of(facts, answer.answered_at)
        if not _inside(day, window):
            continue
        if any(no_puff_from <= smoked <= day for smoked in answer.smoked_days):
            continue
        return answer, day
    return None


def _four_week(facts: Attempt, definition: Definition) -> list[Reached]:
    if facts.quit_date is None:
        return []
    window = definition.four_week_window
    found = _quit_answer(facts, "4_week", window, definition.four_week_not_a_puff_from)
    if found is None:
        lost = [
            a for a in facts.follow_ups if a.kind == "4_week" and a.result == "lost_to_follow_up"
        ]
        if not lost:
            return []
        first = min(lost, key=lambda a: a.answered_at)
        return [
            Reached(
                Milestone.LOST_TO_FOLLOW_UP,
                facts.attempt,
                first.answered_at,
                message_ids=first.message_ids,
                evidence={"outcome_id": first.outcome_id, "follow_up": "4_week"},
            )
        ]
    answer, day = found
    window_text = f"day {window[0]}-{window[1]}"
    result = [
        Reached(
            Milestone.FOUR_WEEK_SELF_REPORTED,
            facts.attempt,
            answer.answered_at,
            message_ids=answer.message_ids,
            definition=f"nhs-4w:{window_text}:no-puff-from-day{definition.four_week_not_a_puff_from}",
            evidence={"outcome_id": answer.outcome_id, "day": day},
        )
    ]
    readings = [
        (r, day_of(facts, r.taken_at))
        for r in sorted(facts.readings, key=lambda r: (r.taken_at, r.record_id))
        if r.ppm < CO_QUIT_BELOW_PPM
    ]
    inside = [(r, d) for r, d in readings if _inside(d, window)]
    if inside:
        reading, reading_day = inside[0]
        result.append(
            Reached(
                Milestone.FOUR_WEEK_CO_VERIFIED,
                facts.attempt,
                max(reading.taken_at, answer.answered_at),
                advisor_id=reading.advisor_id,
                co_ppm=reading.ppm,
                co_taken_at=reading.taken_at,
                message_ids=answer.message_ids,
                definition=f"nhs-4w-co:{window_text}:under-{CO_QUIT_BELOW_PPM}ppm",
                evidence={"record_id": reading.record_id, "day": reading_day},
            )
        )
    return result


def _twelve_week(facts: Attempt, definition: Definition) -> Reached | None:
    if facts.quit_date is None:
        return None
    found = _quit_answer(
        facts, "12_week", definition.twelve_week_window, definition.twelve_week_not_a_puff_from
    )
    if found is None:
        return None
    answer, day = found
    return Reached(
        Milestone.TWELVE_WEEK_QUIT,
        facts.attempt,
        answer.answered_at,
        message_ids=answer.message_ids,
        definition=definition.twelve_week_version,
        evidence={"outcome_id": answer.outcome_id, "day": day},
    )


def attempt_of(instant: datetime, starts: Sequence[tuple[int, datetime]]) -> int:
    """The attempt an advisor contact at `instant` counts for: the latest attempt whose quit
    date was set by then, or the first attempt if none was yet (contact before a quit date)."""
    current = 1
    for attempt, set_at in sorted(starts, key=lambda s: s[1]):
        if set_at <= instant:
            current = attempt
    return current


def out_of_order(milestones: Sequence[tuple[Milestone, datetime]]) -> list[str]:
    """Why a set of one attempt's milestones is out of order (empty when in order)."""
    when = {m: at for m, at in milestones}
    problems = []
    for earlier, later in combinations(ORDER, 2):
        if earlier in when and later in when and when[later] < when[earlier]:
            problems.append(f"{later.value} before {earlier.value}")
    if Milestone.FOUR_WEEK_CO_VERIFIED in when and Milestone.FOUR_WEEK_SELF_REPORTED not in when:
        problems.append("4_week_co_verified without 4_week_self_reported")
    return problems
