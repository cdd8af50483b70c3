"""Safety screens that run before anything else, in every state.

Crisis language always gets the crisis numbers at once and an urgent request for a person.
A screen that fires too often is a nuisance; one that misses is a hazard, so these lean wide.
"""

from __future__ import annotations

import re

from flows.text import normalise

_CRISIS_PATTERNS = [
    r"\bsuicid",
    r"\bkill(ing)? my ?self\b",
    r"\bend (it all|my life|things)\b",
    r"\btake my (own )?life\b",
    r"\bwant(ed)? to die\b",
    r"\bbetter off dead\b",
    r"\bno (reason|point) (in )?(living|to live|going on)\b",
    r"\bcan'?t go on\b",
    r"\bcannot go on\b",
    r"\bself[- ]?harm",
    r"\bhurt(ing)? my ?self\b",
    r"\bcut(ting)? my ?self\b",
    r"\boverdose\b",
    r"\bdon'?t want to (be here|live|wake up)\b",
    # Welsh
    r"\bhunanladd",
    r"\blladd fy hun\b",
    r"\bisio marw\b",
    r"\beisiau marw\b",
    r"\bhunan[- ]?niweid",
    r"\bmethu mynd ymlaen\b",
]
_CRISIS = re.compile("|".join(_CRISIS_PATTERNS))
# First person only: "my sister is pregnant" is not about the person we are supporting.
_PREGNANT = re.compile(
    r"\b(i'?m|i am|am i|i'?ve just found out i'?m|found out i'?m|we'?re|i think i'?m)"
    r"( \w+)? (pregnant|expecting)\b"
    r"|^pregnant\b"
    r"|\b(dwi'?n|rydw i'?n|rwy'?n|dw i'?n) (\w+ )?(feichiog|disgwyl babi)\b"
    r"|^beichiog\b"
)


def is_pregnancy(text: str) -> bool:
    """True when a person tells us they are pregnant."""
    return bool(_PREGNANT.search(normalise(text)))


def is_crisis(text: str) -> bool:
    """True when a message may mean the person is at risk of harming themselves."""
    return bool(_CRISIS.search(normalise(text)))
