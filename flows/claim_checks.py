"""Automatic checks on a provider's monthly claim: anything odd is a flag with its evidence.

Pure: the host gathers readings, ledger rows and every provider's counts. The limits are the
usual ones for comparing providers: a funnel plot's 99.8% control limits (3 standard errors)
around the peers' pooled proportion.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flows.milestones import Milestone, out_of_order

SAME_CO_AT_LEAST = 5  # the same ppm this many times ...
SAME_CO_SHARE = 0.5  # ... and at least this share of the month's readings
BURST_READINGS = 5  # this many readings by one advisor ...
BURST_WITHIN = timedelta(hours=1)  # ... inside this long
Z_LIMIT = 3.0  # funnel plot: 99.8% limits


@dataclass(frozen=True, slots=True)
class Flag:
    """Something a commissioner should look at before approving, and why."""

    kind: str
    summary: str
    evidence: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Reading:
    record_id: int
    advisor_id: int
    ppm: int
    taken_at: datetime


@dataclass(frozen=True, slots=True)
class Claimed:
    """One ledger claim row (the checks need no more)."""

    entry_id: int
    pseudonym: str
    attempt: int
    milestone: str
    reached_at: datetime
    provider_id: int


@dataclass(frozen=True, slots=True)
class Rates:
    """A provider's counts over the comparison period."""

    provider_id: int
    quit_dates: int
    self_reported: int
    co_verified: int


def same_co_value(readings: Sequence[Reading]) -> list[Flag]:
    """The same CO value recorded again and again."""
    counts = Counter(r.ppm for r in readings)
    flags = []
    for ppm, count in counts.items():
        if count >= SAME_CO_AT_LEAST and count / len(readings) >= SAME_CO_SHARE:
            ids = sorted(r.record_id for r in readings if r.ppm == ppm)
            flags.append(
                Flag(
                    "same_co_value",
                    f"{count} of {len(readings)} CO readings were exactly {ppm} ppm",
                    {"ppm": ppm, "count": count, "of": len(readings), "record_ids": ids},
                )
            )
    return flags


def reading_bursts(readings: Sequence[Reading]) -> list[Flag]:
    """Many readings by one advisor in a short time."""
    by_advisor: dict[int, list[Reading]] = defaultdict(list)
    for reading in readings:
        by_advisor[reading.advisor_id].append(reading)
    flags = []
    for advisor_id, theirs in sorted(by_advisor.items()):
        theirs.sort(key=lambda r: r.taken_at)
        for start in range(len(theirs) - BURST_READINGS + 1):
            window = theirs[start : start + BURST_READINGS]
            if window[-1].taken_at - window[0].taken_at <= BURST_WITHIN:
                flags.append(
                    Flag(
                        "reading_burst",
                        f"advisor {advisor_id} recorded {BURST_READINGS} CO readings within "
                        f"{int(BURST_WITHIN.total_seconds() // 60)} minutes",
                        {
                            "advisor_id": advisor_id,
                            "record_ids": [r.record_id for r in window],
                            "from": window[0].taken_at.isoformat(),
                            "to": window[-1].taken_at.isoformat(),
                        },
                    )
                )
                break
    return flags


def milestones_out_of_order(claimed: Sequence[Claimed], history: Sequence[Claimed]) -> list[Flag]:
    """Attempts in the claim whose milestones (with earlier ones) are out of order."""
    attempts = {(c.pseudonym, c.attempt) for c in claimed}
    grouped: dict[tuple[str, int], list[tuple[Milestone, datetime]]] = defaultdict(list)
    ids: dict[tuple[str, int], list[int]] = defaultdict(list)
    for row in history:
        key = (row.pseudonym, row.attempt)
        if key in attempts:
            grouped[key].append((Milestone(row.milestone), row.reached_at))
            ids[key].append(row.entry_id)
    flags = []
    for key in sorted(grouped):
        problems = out_of_order(grouped[key])
        if problems:
            flags.append(
                Flag(
                    "out_of_order",
                    f"attempt {key[1]} of {key[0][:12]}…: " + "; ".join(problems),
                    {"pseudonym": key[0], "attempt": key[1], "entry_ids": sorted(ids[key])},
                )
            )
    return flags


def claimed_by_two(claimed: Sequence[Claimed], others: Sequence[Claimed]) -> list[Flag]:
    """People in this claim whom another provider has claimed milestones for too."""
    elsewhere: dict[str, set[int]] = defaultdict(set)
    for row in others:
        elsewhere[row.pseudonym].add(row.provider_id)
    flags = []
    for name in sorted({c.pseudonym for c in claimed}):
        if elsewhere.get(name):
            flags.append(
                Flag(
                    "claimed_by_two_providers",
                    f"{name[:12]}… is also claimed by provider(s) "
                    + ", ".join(str(p) for p in sorted(elsewhere[name])),
                    {
                        "pseudonym": name,
                        "other_provider_ids": sorted(elsewhere[name]),
                        "entry_ids": sorted(c.entry_id for c in claimed if c.pseudonym == name),
                    },
                )
            )
    return flags


def funnel_limits(p0: float, n: int, z: float = Z_LIMIT) -> tuple[float, float]:
    """A funnel plot's control limits around `p0` for a denominator of `n`."""
    if n <= 0:
        return 0.0, 1.0
    spread = z * math.sqrt(p0 * (1 - p0) / n)
    return max(0.0, p0 - spread), min(1.0, p0 + spread)


def _outlier(
    kind: str, label: str, provider_id: int, pairs: dict[int, tuple[int, int]]
) -> list[Flag]:
    numerator, denominator = pairs.get(provider_id, (0, 0))
    peers = [v for p, v in pairs.items() if p != provider_id]
    peer_num = sum(n for n, _ in peers)
    peer_den = sum(d for _, d in peers)
    if not denominator or not peer_den:
        return []
    p0 = peer_num / peer_den
    low, high = funnel_limits(p0, denominator)
    rate = numerator / denominator
    if low <= rate <= high:
        return []
    return [
        Flag(
            kind,
            f"{label} {rate:.1%} ({numerator}/{denominator}) is outside the peers' limits "
            f"{low:.1%}-{high:.1%} (peers {p0:.1%})",
            {
                "rate": round(rate, 4),
                "numerator": numerator,
                "denominator": denominator,
                "peer_rate": round(p0, 4),
                "limits": [round(low, 4), round(high, 4)],
            },
        )
    ]


def rate_outliers(provider_id: int, rates: Sequence[Rates]) -> list[Flag]:
    """The 4-week quit rate and the CO-verified share, each against the other providers."""
    quit_rate = {r.provider_id: (r.self_reported, r.quit_dates) for r in rates}
    co_share = {r.provider_id: (r.co_verified, r.self_reported) for r in rates}
    return _outlier("quit_rate_outlier", "4-week quit rate", provider_id, quit_rate) + _outlier(
        "co_share_outlier", "CO-verified share of quits", provider_id, co_share
    )


def check(
    *,
    provider_id: int,
    readings: Sequence[Reading],
    claimed: Sequence[Claimed],
    history: Sequence[Claimed],
    others: Sequence[Claimed],
    rates: Sequence[Rates],
) -> list[Flag]:
    """Every check on one claim."""
    return [
        *same_co_value(readings),
        *reading_bursts(readings),
        *milestones_out_of_order(claimed, history),
        *claimed_by_two(claimed, others),
        *rate_outliers(provider_id, rates),
    ]
