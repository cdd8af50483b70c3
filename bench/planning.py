"""Benchmark: plan one day of nudges for many participants with the pure planner.

Target (the nudges issue): a day of nudges for 100,000 participants in under 10 s.

Synthetic participants get a mix of the rosters NHS staff work (weekly nights, long days,
earlies and lates, 4-on-4-off cycles with varied anchors, office hours, no roster; a few with a
one-off change), of quiet hours (none, 22:30-07:00, 00:00-09:00) and of LESS / MORE.

* `plan_moment` (always): each participant needs that day's check-in, and some also a
  preparation tip or craving support; every wake is planned with
  `scheduler.planner.plan_moment`.
* `schedule, one day` (when `scheduler.planner.schedule` exists): each participant is on a
  programme day that has something due, and `schedule` plans that day's wakes from
  `flows.programme.plan`. It adds on-shift tips for later days itself, as it does live: that
  work is timed, but only the moments on the day are counted.
* `schedule, whole programme` (when `schedule` exists, on a sample): a newcomer's whole
  programme, planned the way it is when a quit date is set; for the per-participant cost.
* `plan_day` (when `scheduler.planner.plan_day` exists): reported as present; bench it here
  once its signature is settled.

Run on its own: `python -m bench.planning --participants 100000`.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
import tracemalloc
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from typing import Any
from zoneinfo import ZoneInfo

from bench.common import MIB, current_rss_mib, emit, peak_rss_mib, say
from flows.model import Frequency
from flows.programme import Wake
from flows.programme import plan as programme_plan
from flows.roster import QuietHours, Roster, ShiftKind, cycle
from scheduler import planner
from scheduler.planner import plan_moment

TARGET_SECONDS = 10.0
TARGET_PARTICIPANTS = 100_000
TIMEZONE = "Europe/London"
# Tuesday 24 November 2026: an ordinary weekday, no clock change.
DEFAULT_DAY = date(2026, 11, 24)

QUIET_CHOICES: tuple[QuietHours | None, ...] = (
    None,
    QuietHours(clock_time(22, 30), clock_time(7, 0)),
    QuietHours(clock_time(0, 0), clock_time(9, 0)),
)
# Roster families and how common they are among participants (weights sum to 100).
FAMILIES: tuple[tuple[str, int], ...] = (
    ("weekly_nights", 15),
    ("long_days", 15),
    ("earlies_lates", 20),
    ("four_on_four_off", 20),
    ("office", 15),
    ("no_roster", 15),
)
ONE_OFF_CHANGE_SHARE = 0.05  # of participants with a roster: a swapped shift near the day
EXTRA_WAKES: tuple[tuple[str, float], ...] = (("prepare", 0.25), ("craving_support", 0.25))
FREQUENCIES: tuple[tuple[Frequency, int], ...] = (
    (Frequency.LESS, 10),
    (Frequency.NORMAL, 80),
    (Frequency.MORE, 10),
)
DAYS_TO_QUIT_DATE = 7  # set at registration: a quit date within the next week or so
PROGRAMME = tuple(programme_plan(days_to_quit_date=DAYS_TO_QUIT_DATE))
PROGRAMME_DAYS = tuple(sorted({wake.day for wake in PROGRAMME}))
WHOLE_PROGRAMME_SAMPLE = 10_000


@dataclass(frozen=True, slots=True)
class Participant:
    """What the planner needs to know about one synthetic participant."""

    key: str
    family: str
    roster: Roster | None
    quiet: QuietHours | None
    timezone: str
    kinds: tuple[str, ...]
    frequency: Frequency
    quit_date: date
    wakes: tuple[Wake, ...]  # what the programme has due on the day planned


def _weekly(days: Sequence[int], kinds: Sequence[ShiftKind]) -> Roster:
    return Roster(weekly=dict(zip(days, kinds, strict=True)))


def _roster(family: str, day: date, rng: random.Random) -> Roster | None:
    """A roster of `family`, varied by `rng`."""
    match family:
        case "weekly_nights":
            first, count = rng.randrange(7), rng.choice((3, 4))
            return _weekly([(first + i) % 7 for i in range(count)], [ShiftKind.NIGHT] * count)
        case "long_days":
            chosen = sorted(rng.sample(range(7), 3))
            return _weekly(chosen, [ShiftKind.LONG_DAY] * 3)
        case "earlies_lates":
            chosen = sorted(rng.sample(range(7), 5))
            kinds = [rng.choice((ShiftKind.EARLY, ShiftKind.LATE)) for _ in chosen]
            return _weekly(chosen, kinds)
        case "four_on_four_off":
            kind = rng.choice((ShiftKind.LONG_DAY, ShiftKind.NIGHT, ShiftKind.EARLY))
            return cycle(kind, 4, 4, anchor=day - timedelta(days=rng.randrange(8)))
        case "office":
            return _weekly(range(5), [ShiftKind.OFFICE] * 5)
        case _:
            return None if rng.random() < 0.8 else Roster()


def _with_change(roster: Roster, day: date, rng: random.Random) -> Roster:
    """The same roster with one shift swapped on `day` or the day before."""
    when = day - timedelta(days=rng.randrange(2))
    swapped = rng.choice((None, ShiftKind.NIGHT, ShiftKind.LATE, ShiftKind.LONG_DAY))
    return Roster(
        weekly=roster.weekly, cycle=roster.cycle, anchor=roster.anchor, changes={when: swapped}
    )


def make_participants(count: int, day: date, *, seed: int = 2026) -> list[Participant]:
    """`count` synthetic participants, the same ones for the same seed."""
    rng = random.Random(seed)
    names = [name for name, _ in FAMILIES]
    weights = [weight for _, weight in FAMILIES]
    frequencies = [frequency for frequency, _ in FREQUENCIES]
    frequency_weights = [weight for _, weight in FREQUENCIES]
    made: list[Participant] = []
    for number in range(count):
        family = rng.choices(names, weights)[0]
        roster = _roster(family, day, rng)
        if roster is not None and not roster.empty and rng.random() < ONE_OFF_CHANGE_SHARE:
            roster = _with_change(roster, day, rng)
        kinds = ("check_in", *(kind for kind, share in EXTRA_WAKES if rng.random() < share))
        programme_day = rng.choice(PROGRAMME_DAYS)
        made.append(
            Participant(
                key=f"participant-{number}",
                family=family,
                roster=roster,
                quiet=rng.choice(QUIET_CHOICES),
                timezone=TIMEZONE,
                kinds=kinds,
                frequency=rng.choices(frequencies, frequency_weights)[0],
                quit_date=day - timedelta(days=programme_day),
                wakes=tuple(wake for wake in PROGRAMME if wake.day == programme_day),
            )
        )
    return made


def start_of_day(day: date, timezone: str = TIMEZONE) -> datetime:
    """Local midnight at the start of `day`, as aware UTC (when a nightly planner would run)."""
    return datetime.combine(day, clock_time(0, 0), tzinfo=ZoneInfo(timezone)).astimezone(UTC)


# Plans what one participant needs and returns the planned moments (or `Planned`s).
PlanOne = Callable[[Participant], list[Any]]


def by_plan_moment(day: date, now: datetime) -> PlanOne:
    """Plan a participant's kinds for `day`, one `plan_moment` call each (None = dropped)."""

    def plan_one(person: Participant) -> list[Any]:
        return [
            plan_moment(
                kind,
                day,
                roster=person.roster,
                quiet=person.quiet,
                timezone=person.timezone,
                spread_key=person.key,
                now=now,
            )
            for kind in person.kinds
        ]

    return plan_one


def by_schedule(day: date, now: datetime, *, whole_programme: bool = False) -> PlanOne:
    """Plan a participant's wakes with `scheduler.planner.schedule`.

    One day: the wakes due on `day`. Whole programme: a newcomer's, quit date a week on.
    """
    schedule: Callable[..., list[Any]] = vars(planner)["schedule"]
    quit_date = day + timedelta(days=DAYS_TO_QUIT_DATE)

    def plan_one(person: Participant) -> list[Any]:
        planned = schedule(
            PROGRAMME if whole_programme else person.wakes,
            quit_date=quit_date if whole_programme else person.quit_date,
            roster=person.roster,
            quiet=person.quiet,
            timezone=person.timezone,
            frequency=person.frequency,
            spread_key=person.key,
            now=now,
        )
        if whole_programme:
            return planned
        today = (day - person.quit_date).days  # tips it added for later days are left out
        return [item for item in planned if item.wake.day == today]

    return plan_one


def plan_all(
    participants: Sequence[Participant], plan_one: PlanOne
) -> tuple[list[Any], list[float]]:
    """Plan everyone; returns everything planned and each participant's time in seconds."""
    planned: list[Any] = []
    per_participant: list[float] = []
    clock = time.perf_counter
    for person in participants:
        started = clock()
        planned.extend(plan_one(person))
        per_participant.append(clock() - started)
    return planned, per_participant


def _percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def measure(
    name: str,
    participants: Sequence[Participant],
    plan_one: PlanOne,
    *,
    wakes: int,
    trace_memory: bool,
    target: bool,
) -> dict[str, Any]:
    """Time `plan_one` over everyone (then again under tracemalloc) and return the figures."""
    count = len(participants)
    say(f"planning: {name}, {count:,} participants")
    rss_before = current_rss_mib()
    gc.collect()
    started = time.perf_counter()
    planned, per_participant = plan_all(participants, plan_one)
    wall = time.perf_counter() - started
    rss_growth = current_rss_mib() - rss_before
    moments = sum(1 for item in planned if item is not None)
    del planned
    traced_peak: float | None = None
    if trace_memory:
        say(f"planning: {name}, again under tracemalloc")
        gc.collect()
        tracemalloc.start()
        plan_all(participants, plan_one)
        traced_peak = tracemalloc.get_traced_memory()[1] / MIB
        tracemalloc.stop()
    by_family: dict[str, list[float]] = defaultdict(list)
    for person, spent in zip(participants, per_participant, strict=True):
        by_family[person.family].append(spent)
    allowed = TARGET_SECONDS * count / TARGET_PARTICIPANTS
    return {
        "name": name,
        "participants": count,
        "wakes": wakes,
        "planned": moments,
        "wall_seconds": wall,
        "per_participant_us": wall / count * 1e6,
        "per_wake_us": wall / max(wakes, 1) * 1e6,
        "p50_participant_us": statistics.median(per_participant) * 1e6,
        "p99_participant_us": _percentile(per_participant, 0.99) * 1e6,
        "max_participant_us": max(per_participant) * 1e6,
        "target_seconds": allowed if target else None,
        "met": wall < allowed if target else None,
        "tracemalloc_peak_mib": traced_peak,
        "rss_growth_mib": rss_growth,
        "families": {
            family: {"participants": len(times), "mean_us": statistics.fmean(times) * 1e6}
            for family, times in sorted(by_family.items())
        },
    }


def run(
    count: int,
    day: date = DEFAULT_DAY,
    *,
    trace_memory: bool = True,
    programme_sample: int = WHOLE_PROGRAMME_SAMPLE,
) -> dict[str, Any]:
    """Run the planning benchmarks for `count` participants and return their figures."""
    now = start_of_day(day)
    say(f"planning: making {count:,} participants")
    made_at = time.perf_counter()
    participants = make_participants(count, day)
    made_in = time.perf_counter() - made_at

    runs = [
        measure(
            "plan_moment",
            participants,
            by_plan_moment(day, now),
            wakes=sum(len(p.kinds) for p in participants),
            trace_memory=trace_memory,
            target=True,
        )
    ]
    skipped: dict[str, str] = {}
    if hasattr(planner, "schedule"):
        try:
            runs.append(
                measure(
                    "schedule, one day",
                    participants,
                    by_schedule(day, now),
                    wakes=sum(len(p.wakes) for p in participants),
                    trace_memory=trace_memory,
                    target=True,
                )
            )
            sample = participants[: min(programme_sample, count)]
            runs.append(
                measure(
                    "schedule, whole programme",
                    sample,
                    by_schedule(day, now, whole_programme=True),
                    wakes=len(PROGRAMME) * len(sample),
                    trace_memory=False,
                    target=False,
                )
            )
        except TypeError as error:  # the signature moved on: say so rather than fail
            skipped["schedule"] = f"not benched: {error}"
    else:
        skipped["schedule"] = "not present"
    skipped["plan_day"] = (
        "present but not benched (add it to bench/planning.py)"
        if hasattr(planner, "plan_day")
        else "not present"
    )
    quiet_mix = Counter(
        "none" if p.quiet is None else f"{p.quiet.start:%H:%M}-{p.quiet.end:%H:%M}"
        for p in participants
    )
    headline = runs[0]
    return {
        "bench": "planning",
        "participants": count,
        "day": day.isoformat(),
        "now": now.isoformat(),
        "make_seconds": made_in,
        "runs": runs,
        "skipped": skipped,
        "met": all(r["met"] for r in runs if r["met"] is not None),
        "wall_seconds": headline["wall_seconds"],
        "peak_rss_mib": peak_rss_mib(),
        "quiet_hours": dict(sorted(quiet_mix.items())),
        "frequencies": dict(sorted(Counter(p.frequency.value for p in participants).items())),
    }


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: run the planning benchmark and print its figures as a result line."""
    parser = argparse.ArgumentParser(prog="python -m bench.planning", description=__doc__)
    parser.add_argument("--participants", type=int, default=TARGET_PARTICIPANTS)
    parser.add_argument("--day", type=date.fromisoformat, default=DEFAULT_DAY)
    parser.add_argument(
        "--no-tracemalloc", action="store_true", help="skip the second, traced pass"
    )
    parser.add_argument(
        "--programme-sample",
        type=int,
        default=WHOLE_PROGRAMME_SAMPLE,
        help="participants for the whole-programme schedule run",
    )
    options = parser.parse_args(argv)
    emit(
        run(
            options.participants,
            options.day,
            trace_memory=not options.no_tracemalloc,
            programme_sample=options.programme_sample,
        )
    )


if __name__ == "__main__":
    main()
