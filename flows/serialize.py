"""A conversation to and from plain JSON-safe data, for storage (pure)."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from flows.model import (
    Asking,
    Conversation,
    FirstCigarette,
    FollowUp,
    Frequency,
    Gender,
    IneligibleReason,
    Profile,
    QuitAid,
    Stage,
    Survey,
    WorkPattern,
)
from flows.owner import owner_from_dict, owner_to_dict
from flows.roster import QuietHours, Roster, ShiftKind

_PROFILE_ENUMS: dict[str, type[Enum]] = {
    "gender": Gender,
    "work_pattern": WorkPattern,
    "first_cigarette": FirstCigarette,
    "quit_aid": QuitAid,
}
_DATES = ("quit_date", "proposed_quit_date")
_ROSTERS = ("roster", "proposed_roster")


def roster_to_dict(roster: Roster) -> dict[str, Any]:
    """JSON-safe data for a roster."""
    return {
        "weekly": {str(day): kind.value for day, kind in sorted(roster.weekly.items())},
        "cycle": [None if kind is None else kind.value for kind in roster.cycle],
        "anchor": None if roster.anchor is None else roster.anchor.isoformat(),
        "changes": {
            day.isoformat(): None if kind is None else kind.value
            for day, kind in sorted(roster.changes.items())
        },
    }


def roster_from_dict(data: dict[str, Any]) -> Roster:
    """The roster saved by `roster_to_dict`."""
    anchor = data.get("anchor")
    return Roster(
        weekly={int(day): ShiftKind(kind) for day, kind in (data.get("weekly") or {}).items()},
        cycle=tuple(None if k is None else ShiftKind(k) for k in data.get("cycle") or ()),
        anchor=None if anchor is None else date.fromisoformat(anchor),
        changes={
            date.fromisoformat(day): None if kind is None else ShiftKind(kind)
            for day, kind in (data.get("changes") or {}).items()
        },
    )


def _clock(moment: time) -> str:
    return moment.strftime("%H:%M")


_PLAIN_TYPES = (str, int, float, bool, type(None))


def _plain(value: object) -> object:
    if type(value) in _PLAIN_TYPES:
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


# Field names, read once (dataclasses.fields() on every save cost a tenth of it).
_CONVERSATION_FIELDS = tuple(f.name for f in fields(Conversation))
_NESTED_FIELDS = {
    "profile": tuple(f.name for f in fields(Profile)),
    "survey": tuple(f.name for f in fields(Survey)),
}


def conversation_to_dict(conversation: Conversation) -> dict[str, Any]:
    """JSON-safe data for `conversation`."""
    data: dict[str, Any] = {}
    for name in _CONVERSATION_FIELDS:
        value = getattr(conversation, name)
        if name in _ROSTERS:
            data[name] = None if value is None else roster_to_dict(value)
        elif name == "quiet_hours":
            data[name] = None if value is None else [_clock(value.start), _clock(value.end)]
        elif name == "owner":
            data[name] = owner_to_dict(value)
        elif name in _NESTED_FIELDS:
            data[name] = {p: _plain(getattr(value, p)) for p in _NESTED_FIELDS[name]}
        else:
            data[name] = _plain(value)
    return data


_CONVERSATION_KNOWN = frozenset(_CONVERSATION_FIELDS)
_PROFILE_KNOWN = frozenset(_NESTED_FIELDS["profile"])
_SURVEY_KNOWN = frozenset(_NESTED_FIELDS["survey"])


def conversation_from_dict(data: dict[str, Any]) -> Conversation:
    """The conversation saved by `conversation_to_dict`; unknown keys are ignored."""
    values = {k: v for k, v in data.items() if k in _CONVERSATION_KNOWN}
    profile_data = dict(values.pop("profile", None) or {})
    profile_values: dict[str, Any] = {}
    for name, raw in profile_data.items():
        if name not in _PROFILE_KNOWN:
            continue
        enum = _PROFILE_ENUMS.get(name)
        profile_values[name] = enum(raw) if enum and raw is not None else raw
    values["profile"] = Profile(**profile_values)
    survey = values.pop("survey", None) or {}
    values["survey"] = Survey(**{k: v for k, v in survey.items() if k in _SURVEY_KNOWN})
    values["followed_up"] = tuple(FollowUp(v) for v in values.get("followed_up") or ())
    values["stage"] = Stage(values.get("stage", Stage.NEW.value))
    if values.get("ineligible_reason") is not None:
        values["ineligible_reason"] = IneligibleReason(values["ineligible_reason"])
    for name in _DATES:
        if values.get(name) is not None:
            values[name] = date.fromisoformat(values[name])
    if values.get("asking") is not None:
        values["asking"] = Asking(values["asking"])
    if values.get("frequency") is not None:
        values["frequency"] = Frequency(values["frequency"])
    values["smoked_days"] = tuple(values.get("smoked_days") or ())
    if values.get("twelve_week_window") is not None:
        first, last = values["twelve_week_window"]
        values["twelve_week_window"] = (int(first), int(last))
    values["owner"] = owner_from_dict(values.get("owner"))
    if values.get("last_heard") is not None:
        values["last_heard"] = datetime.fromisoformat(values["last_heard"])
    if values.get("safety_hold_since") is not None:
        values["safety_hold_since"] = datetime.fromisoformat(values["safety_hold_since"])
    values["craving_times"] = tuple(
        datetime.fromisoformat(t) for t in values.get("craving_times") or ()
    )
    values["recent_tips"] = tuple(str(key) for key in values.get("recent_tips") or ())
    values["told"] = tuple(str(key) for key in values.get("told") or ())
    if values.get("cravings_offered_at") is not None:
        values["cravings_offered_at"] = datetime.fromisoformat(values["cravings_offered_at"])
    for name in _ROSTERS:
        if values.get(name) is not None:
            values[name] = roster_from_dict(values[name])
    if values.get("quiet_hours") is not None:
        start, end = values["quiet_hours"]
        values["quiet_hours"] = QuietHours(time.fromisoformat(start), time.fromisoformat(end))
    return Conversation(**values)
