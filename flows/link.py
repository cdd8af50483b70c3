"""LINK: one person on more than one channel. The pure part: what a code looks like.

A person texts LINK (CYSYLLTU) on a channel they use; the host makes a one-time code and sends
it (`effects.IssueLinkCode`). Sent from another phone or app within `CODE_MINUTES`, the code
joins that channel to the same person (bot/linking.py). A code is six characters from an
alphabet without look-alikes (no 0/O, 1/I/L), with at least one letter and one digit, so no
ordinary word, number or price is ever read as one.
"""

from __future__ import annotations

import re

from flows.text import strip_accents

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
CODE_MINUTES = 15
# Wrong codes from one address before codes from it are refused for LOCK_MINUTES.
MAX_FAILURES = 5
LOCK_MINUTES = 60

_WORDS_BEFORE = ("link", "cysylltu", "code", "cod", "my code is", "fy nghod i yw", "y cod yw")
_SHAPE = re.compile(f"[{ALPHABET}]{{{CODE_LENGTH}}}")


def well_formed(code: str) -> bool:
    """A code as the host makes them."""
    return (
        _SHAPE.fullmatch(code) is not None
        and any(c.isdigit() for c in code)
        and any(c.isalpha() for c in code)
    )


def code_in(text: str) -> str | None:
    """The code a message is, if it is nothing but one (in any case, with spaces or a dash in
    it, after LINK or "code" at most): "k7p 3mx", "LINK K7P-3MX". Anything more is not a code."""
    tidy = strip_accents(text.strip().lower()).rstrip(".!")
    for words in _WORDS_BEFORE:
        if tidy.startswith(words + " ") or tidy.startswith(words + ":"):
            tidy = tidy[len(words) + 1 :]
            break
    squeezed = re.sub(r"[\s\-]", "", tidy).upper()
    return squeezed if well_formed(squeezed) else None
