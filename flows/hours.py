"""A provider's opening hours: "Mon-Fri 08:00-20:00, Sat 09:00-13:00" (pure: `now` is passed in).

Days are Mon Tue Wed Thu Fri Sat Sun (any case, a range "Mon-Fri" or a list "Sat/Sun"); times
are 24-hour HH:MM; "24/7" means always; an end of 24:00 means midnight. A span may not cross
midnight (write two: "Fri 20:00-24:00, Sat 00:00-06:00").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SPAN = re.compile(
    r"^(?P<days>[a-z]{3}(?:\s*[-/]\s*[a-z]{3})*)\s+(?P<start>\d{1,2}:\d{2})\s*-\s*(?P<end>\d{1,2}:\d{2})$"
)


class BadHours(ValueError):
    """Opening hours that cannot be read; the message says why."""


@dataclass(frozen=True, slots=True)
class Span:
    """Open on `day` (0 = Monday) from `start` to `end` minutes after midnight."""

    day: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class OpeningHours:
    """When a person answers, in a zone."""

    spans: tuple[Span, ...]
    timezone: str = "Europe/London"

    def is_open(self, at: datetime) -> bool:
        """Whether a person answers at the aware moment `at`."""
        local = at.astimezone(ZoneInfo(self.timezone))
        minute = local.hour * 60 + local.minute
        return any(s.day == local.weekday() and s.start <= minute < s.end for s in self.spans)

    def next_open(self, after: datetime) -> datetime | None:
        """When a person next answers (`after` itself if open then); None if never."""
        if not self.spans:
            return None
        if self.is_open(after):
            return after
        zone = ZoneInfo(self.timezone)
        local = after.astimezone(zone)
        for ahead in range(8):
            day = local.date() + timedelta(days=ahead)
            for span in sorted((s for s in self.spans if s.day == day.weekday()), key=_start):
                opening = datetime.combine(
                    day, time(span.start // 60, span.start % 60), tzinfo=zone
                )
                if opening > after:
                    return opening
        return None  # pragma: no cover - a span exists, so within a week

    def closes(self, at: datetime) -> datetime | None:
        """When the span open at `at` ends (None if closed at `at`)."""
        zone = ZoneInfo(self.timezone)
        local = at.astimezone(zone)
        minute = local.hour * 60 + local.minute
        for span in self.spans:
            if span.day == local.weekday() and span.start <= minute < span.end:
                return datetime.combine(local.date(), time(0), tzinfo=zone) + timedelta(
                    minutes=span.end
                )
        return None


def _start(span: Span) -> int:
    return span.start


def _minutes(text: str, *, end: bool) -> int:
    hours, _, minutes = text.partition(":")
    h, m = int(hours), int(minutes)
    if m > 59 or h > 24 or (h == 24 and (m or not end)):
        raise BadHours(f"not a time of day: {text!r}")
    return h * 60 + m


def _days(text: str) -> list[int]:
    found: list[int] = []
    for part in re.split(r"\s*/\s*", text):
        first, _, last = (p.strip() for p in part.partition("-"))
        for name in (first, last or first):
            if name not in DAYS:
                raise BadHours(f"not a day: {name!r} (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)")
        a, b = DAYS.index(first), DAYS.index(last or first)
        if b < a:
            raise BadHours(f"days run backwards: {part!r}")
        found.extend(range(a, b + 1))
    return found


def parse_hours(spec: str, timezone: str = "Europe/London") -> OpeningHours:
    """Read an opening-hours spec; raises BadHours (or for an unknown zone) with the reason."""
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadHours(f"unknown time zone {timezone!r}") from None
    text = spec.strip().lower()
    if not text:
        raise BadHours("no opening hours given")
    if text in ("24/7", "always"):
        return OpeningHours(tuple(Span(d, 0, 24 * 60) for d in range(7)), timezone)
    spans: list[Span] = []
    for part in (p.strip() for p in text.split(",")):
        match = _SPAN.match(part)
        if match is None:
            raise BadHours(f"cannot read {part!r}: write it like 'Mon-Fri 08:00-20:00'")
        start = _minutes(match["start"], end=False)
        end = _minutes(match["end"], end=True)
        if end <= start:
            raise BadHours(f"{part!r} ends before it starts (split a span that crosses midnight)")
        for day in _days(match["days"]):
            if any(s.day == day and s.start < end and start < s.end for s in spans):
                raise BadHours(f"{part!r} overlaps another span on {DAYS[day].title()}")
            spans.append(Span(day, start, end))
    return OpeningHours(tuple(sorted(spans, key=lambda s: (s.day, s.start))), timezone)
