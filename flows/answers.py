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


# A short answer that starts with one of these is a yes or a no ("no thanks", "yes please",
# "nah not today"). A sentence is never taken as an answer by its first word: "not sure I want
# to be here anymore" is not a NO, and "do you text at night?" is not a Welsh yes.
_LEADING_YES = {"yes", "yeah", "yea", "yep", "yup", "yh", "aye", "ok", "okay", "ie", "iawn", "ydw"}
_LEADING_NO = {"no", "nope", "nah", "na", "naddo", "nac", "nag"}
_SHORT_ANSWER = 10  # words
_NO_PHRASES = {
    "not really",
    "not at all",
    "no way",
    "definitely not",
    "of course not",
    "not now",
    "not yet",
    "dim diolch",
    "dim o gwbl",
}


def yes_or_no(text: str) -> bool | None:
    """True for yes, False for no, None when the answer is neither (or both)."""
    said = words(text)
    tidy = " ".join(said)
    if not tidy:
        return None
    if tidy in _YES:
        return True
    if tidy in _NO or tidy in _NO_PHRASES:
        return False
    if len(said) > _SHORT_ANSWER:
        return None
    first = strip_accents(said[0])
    if first in _LEADING_NO:
        return False
    if first in _LEADING_YES:
        return True
    return None


def is_skip(text: str) -> bool:
    """The person chose not to answer."""
    return " ".join(words(text)) in _SKIP


# A number is an answer only when it is the point of a short reply: "34", "about 15 a day",
# "10 on a bad day". A number of something else is not: "took 20 paracetamol" is not an age or
# a count of cigarettes, and "12 weeks pregnant" is not an age.
_NUMBER_ANSWER_WORDS = 12
# Words that, right after a number, say it counts something else: "20 paracetamol", "12 weeks
# pregnant", "a 3 year old". (Brands and slang for cigarettes vary too much to list what may
# follow a count; what may not is short.)
_NOT_A_COUNT = frozenset(
    """paracetamol pills pill tablets tablet tabs meds medication mg ml units insulin weeks week
    wks wk months month year years yr yrs yo old kids children patients people quid pounds
    percent pc stone kg floors miles wythnos mis blynedd oed mlwydd blwydd tabledi""".split()
)
# Words that may follow a number when the question is someone's age ("34 next month").
AGE_WORDS = frozenset("years year yrs yr yo y old next in since oed mlwydd blwydd".split())
_NUMBER_THEN_WORD = re.compile(r"(?<![\d.])(\d{1,3})(?![\d.]*\d) ?([^\W\d_]+)?")


def number(text: str, *, strict: bool = True, units: frozenset[str] = frozenset()) -> int | None:
    """The one whole number in an answer ("about 10", "ten", "deg"), else None.

    `strict` (the default) also asks that the number is what the reply is about: a short
    reply, with no other thing counted right after it ("20 paracetamol", "12 weeks", "a 3 year
    old"); `units` are words that may follow it for this question ("34 years old").
    """
    if len(words(text)) > _NUMBER_ANSWER_WORDS:
        return None
    tidy = normalise(text).replace("'", "")  # "5 i'm going to..." -> "5 im"
    found = _DIGITS.findall(tidy)
    if len(found) > 1:
        return None
    if len(found) == 1:
        if strict:
            hit = _NUMBER_THEN_WORD.search(tidy)
            following = hit.group(2) if hit else None
            if following and following in _NOT_A_COUNT and following not in units:
                return None
        return int(found[0])
    named = [_NUMBER_WORDS[w] for w in words(text) if w in _NUMBER_WORDS]
    return named[0] if len(named) == 1 else None


def scale(text: str, low: int, high: int, labels: Mapping[str, int]) -> int | None:
    """A number on a scale from `low` to `high`, or one of the scale's labels as the question
    words them ("very much" for "from 1 (a bit) to 5 (very much)"); None otherwise."""
    value = number(text, strict=False)
    if value is not None:
        return value if low <= value <= high else None
    phrase = " ".join(strip_accents(w) for w in words(text))
    for label in sorted(labels, key=len, reverse=True):  # "very low" before "low"
        if phrase == label or f" {label} " in f" {phrase} ":
            return labels[label]
    return None


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
