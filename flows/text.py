"""Tidying what people type before we try to understand it (pure)."""

from __future__ import annotations

import re
import unicodedata

# Only the start of a message is ever read for meaning; a 2,000-character paste is cut here.
READ_LIMIT = 300

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)


def normalise(text: str) -> str:
    """Lower-case, straighten quotes, fold runs of space; keep letters of every script."""
    text = unicodedata.normalize("NFC", text[:READ_LIMIT])
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.lower().split())


def words(text: str) -> list[str]:
    """The words of `text`, normalised, without punctuation or emoji."""
    return _WORD.findall(normalise(text))


def strip_accents(word: str) -> str:
    """'dŵr' -> 'dwr': lets people type Welsh without the circumflex."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def within_one_edit(a: str, b: str) -> bool:
    """True when `a` becomes `b` by at most one insertion, deletion, change or swap."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        i, j = diffs[0], diffs[-1] if diffs else 0
        return len(diffs) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long_ = (a, b) if la < lb else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
