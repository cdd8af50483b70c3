"""How the console shows things: times in the advisor's zone, waiting times, reasons,
channels, languages, profile answers. Pure functions, used by the templates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

REASONS = {
    "asked": "Asked for a person",
    "not_understood": "Bot kept misunderstanding",
    "crisis": "Crisis",
    "medical": "Medical question",
    "safeguarding": "Safeguarding",
    "pregnancy": "Pregnancy",
    "safety": "Medication and low mood",
    "distress": "Distress",
    "cravings": "Several cravings close together",
    "relapse": "Back to smoking",
    "no_reply": "No answer to check-ins for days",
    "co_reading": "4-week quit needs a CO reading",
    "advisor_started": "Advisor started",
}
PROFILE = {"nhs_staff": "NHS staff", "quit_aid": "Wants help from", "past_attempts": "Past tries"}
CHANNELS = {"sms": "SMS", "telegram": "Telegram", "web": "Web chat", "local": "Terminal"}
LANGUAGES = {"en_GB": "English", "cy": "Cymraeg"}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SNIPPET = 80  # characters of a last message the queue shows, at most


class Availability(Protocol):
    @property
    def online(self) -> bool: ...
    @property
    def capacity(self) -> int: ...
    @property
    def holding(self) -> int: ...


def reason(code: str) -> str:
    return REASONS.get(code, code.replace("_", " ").capitalize())


def channel(code: str) -> str:
    return CHANNELS.get(code, code or "—")


def language(code: str) -> str:
    return LANGUAGES.get(code, code or "—")


def when(moment: datetime | None, zone: str) -> str:
    """ "Mon 30 Nov 14:05" in the advisor's zone."""
    if moment is None:
        return "—"
    local = moment.astimezone(ZoneInfo(zone))
    return f"{WEEKDAYS[local.weekday()]} {local.day} {local:%b %H:%M}"


def day(value: date | None) -> str:
    if value is None:
        return "—"
    return f"{WEEKDAYS[value.weekday()]} {value.day} {value:%b %Y}"


def waited(since: datetime, now: datetime) -> str:
    """How long someone has waited: "4 min", "2 h 5 min", "3 days"."""
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {rest} min" if rest else f"{hours} h"
    return f"{hours // 24} days"


def ago(moment: datetime, now: datetime) -> str:
    """How long ago: "just now", "12 min ago", "2 h 5 min ago"."""
    since = waited(moment, now)
    return since if since == "just now" else f"{since} ago"


def label(key: str) -> str:
    """A profile field's name for reading."""
    return PROFILE.get(key, key.replace("_", " ").capitalize())


def plain(value: object) -> str:
    """A profile answer for reading: "—" when skipped, yes/no, words without underscores."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(getattr(value, "value", value)).replace("_", " ")


def snippet(text: str, limit: int = SNIPPET) -> str:
    """The start of a message on one line: "I'm on nights all week and…" (cut at a word)."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:-") + "…"


def room(team: Iterable[Availability]) -> tuple[int, int]:
    """(advisors online, conversations they can still take): away advisors count for nothing,
    whatever their capacity."""
    online = [a for a in team if a.online]
    return len(online), sum(max(0, a.capacity - a.holding) for a in online)


def title(count: int, heading: str) -> str:
    """A page's title: "(3) Queue · quitbot console", the count first so it shows in a tab."""
    return f"({count}) {heading} · quitbot console" if count else f"{heading} · quitbot console"
