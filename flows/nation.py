"""Which UK nation's services to point a person to: England's or Wales's (pure).

Wales when the person chose Welsh, or their postcode is in Wales. The postcode areas CF, LD,
LL, NP and SA lie wholly in Wales; SY and CH straddle the border, so only their Welsh districts
(SY15-SY25, CH5-CH8) count. Everyone else is pointed to England's services, which also take
calls from anywhere in the UK.
"""

from __future__ import annotations

import re
from enum import StrEnum

from flows.model import Conversation
from messages import catalog as m
from messages.catalog import Message

_WELSH_AREAS = {"CF", "LD", "LL", "NP", "SA"}
_BORDER_DISTRICTS = {"SY": range(15, 26), "CH": range(5, 9)}
_OUTWARD = re.compile(r"^([A-Z]{1,2})(\d{1,2})")


class Nation(StrEnum):
    """A nation with its own stop smoking and helpline services."""

    ENGLAND = "england"
    WALES = "wales"


def postcode_nation(postcode: str | None) -> Nation | None:
    """The nation a postcode is in, as far as its outward code tells (None: not known)."""
    if not postcode:
        return None
    found = _OUTWARD.match(postcode.replace(" ", "").upper())
    if found is None:
        return None
    area, district = found.group(1), int(found.group(2))
    if area in _WELSH_AREAS or district in _BORDER_DISTRICTS.get(area, ()):
        return Nation.WALES
    return Nation.ENGLAND


def nation(conversation: Conversation) -> Nation:
    """The nation whose services this person should be pointed to."""
    by_postcode = postcode_nation(conversation.profile.postcode)
    if by_postcode is not None:
        return by_postcode
    return Nation.WALES if conversation.locale == "cy" else Nation.ENGLAND


def stop_smoking_service(conversation: Conversation) -> Message:
    """The national stop smoking service to name: NHS Better Health or Help Me Quit."""
    return m.SERVICE_WALES if nation(conversation) is Nation.WALES else m.SERVICE_ENGLAND


__all__ = ["Nation", "nation", "postcode_nation", "stop_smoking_service"]
