"""The report's statistics: Wilson intervals and small-number disclosure control (pure).

Disclosure control follows NHS England's rule for sub-national figures: a count of 1 to 7 is
shown as `*`, any other count is rounded to the nearest 5 (0 stays 0), and percentages are
worked out from the rounded figures. Intervals are worked out from the true counts but shown
only where neither count is suppressed.
"""

from __future__ import annotations

import math

SUPPRESSED = "*"
SMALL = 7
Z95 = 1.959963984540054


def rounded(count: int) -> int | None:
    """A count after disclosure control: None when suppressed (1 to 7), else to the nearest 5."""
    if count == 0:
        return 0
    if 1 <= count <= SMALL:
        return None
    return int(5 * math.floor(count / 5 + 0.5))


def shown(count: int) -> str:
    """A count as it may be published."""
    value = rounded(count)
    return SUPPRESSED if value is None else str(value)


def percent(numerator: int, denominator: int) -> str:
    """A percentage of rounded figures ("*" when either is suppressed, "-" when there is
    nothing to divide by)."""
    top, bottom = rounded(numerator), rounded(denominator)
    if top is None or bottom is None:
        return SUPPRESSED
    if bottom == 0:
        return "-"
    return f"{100 * top / bottom:.1f}"


def wilson(successes: int, trials: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for a proportion (OHID's preferred method)."""
    if trials <= 0:
        return 0.0, 1.0
    q = 1 - successes / trials
    centre = 2 * successes + z * z
    spread = z * math.sqrt(z * z + 4 * successes * q)
    bottom = 2 * (trials + z * z)
    return max(0.0, (centre - spread) / bottom), min(1.0, (centre + spread) / bottom)


def interval(successes: int, trials: int) -> str:
    """A Wilson 95% interval in percent, "" where a count is suppressed."""
    if rounded(successes) is None or rounded(trials) is None or trials == 0:
        return ""
    low, high = wilson(successes, trials)
    return f"{100 * low:.1f}-{100 * high:.1f}"


def publishable(successes: int, trials: int) -> bool:
    """True when a rate may be drawn in a chart (neither count suppressed, something to divide)."""
    return trials > 0 and rounded(successes) is not None and rounded(trials) is not None
