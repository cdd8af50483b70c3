"""Reading answers to questions: yes or no, numbers, numbered choices, SKIP (English and Welsh)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import TypeVar

from flows.text import normalise, strip_accents, within_one_edit, words

E = TypeVar("E", bound=Enum)

_YES = {
    "y",
    "yes",
    "yeah",
    "yea",
    "yep",
    "yup",
    "ya",
    "yh",
    "aye",
    "ok",
    "okay",
    "k",
    "sure",
    "fine",
    "correct",
    "right",
    "definitely",
    "absolutely",
    "agree",
    "happy",
    # Welsh: there is no single word for yes; these are the common answers.
    "ie",
    "iawn",
    "do",
    "ydw",
    "ydy",
    "ydi",
    "oes",
    "cytuno",
    "wrth gwrs",
}
_NO = {
    "n",
    "no",
    "nope",
    "nah",
    "not",
    "never",
    "nay",
    "disagree",
    "na",
    "naddo",
    "nac",
    "nag",
    "dim",
    "nac ydw",
    "nag ydw",
    "nac oes",
    "nag oes",
}
_SKIP = {"skip", "pass", "rather not", "prefer not", "prefer not to say", "sgip", "hepgor"}

# Number words people text, English and Welsh (shared with the quit-date reader).
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "un": 1,
    "dau": 2,
    "dwy": 2,
    "tri": 3,
    "tair": 3,
    "pedwar": 4,
    "pedair": 4,
    "pump": 5,
    "pum": 5,
    "chwech": 6,
    "chwe": 6,
    "saith": 7,
    "wyth": 8,
    "naw": 9,
    "deg": 10,
    "ugain": 20,
    "deugain": 40,
}
_NUMBER_WORDS = {
    **NUMBER_WORDS,
    "none": 0,
    "zero": 0,
    "nil": 0,
    "no": 0,
    "dim": 0,
    "never": 0,
    "once": 1,
    "twice": 2,
    "unwaith": 1,
    "ddwywaith": 2,
    "erioed": 0,
}
_DIGITS = re.compile(r"(?<![\d.])(\d{1,3})(?![\d.]*\d)")


def yes_or_no(text: str) -> bool | None:
    """True for yes, False for no, None when the answer is neither (or both)."""
    tidy = " ".join(words(text))
    if not tidy:
        return None
    if tidy in _YES:
        return True
    if tidy in _NO:
        return False
    first = strip_accents(tidy.split()[0])
    if first in _NO:
        return False
    if first in _YES:
        return True
    return None


def is_skip(text: str) -> bool:
    """The person chose not to answer."""
    return " ".join(words(text)) in _SKIP


def number(text: str) -> int | None:
    """The one whole number in an answer ("about 10", "ten", "deg"), else None."""
    found = _DIGITS.findall(normalise(text))
    if len(found) == 1:
        return int(found[0])
    if len(found) > 1:
        return None
    named = [_NUMBER_WORDS[w] for w in words(text) if w in _NUMBER_WORDS]
    return named[0] if len(named) == 1 else None


def choice(text: str, options: Sequence[E], synonyms: Mapping[str, E]) -> E | None:
    """A numbered choice: "2", "2 nights", or a word that names an option ("nights")."""
    tidy = words(text)
    if not tidy:
        return None
    if tidy[0].isdecimal():
        index = int(tidy[0])
        return options[index - 1] if 1 <= index <= len(options) else None
    phrase = " ".join(tidy)
    if phrase in synonyms:
        return synonyms[phrase]
    hits = {synonyms[w] for w in tidy if w in synonyms}
    if not hits:
        hits = {
            option
            for w in tidy
            for name, option in synonyms.items()
            if len(name) >= 5 and within_one_edit(w, name)
        }
    return hits.pop() if len(hits) == 1 else None
