"""Keywords that work at any point, in English and Welsh, forgiving of small typos.

A keyword counts only when it is (nearly) the whole message: "stop" opts out, but "I want to
stop smoking" is an answer, not an opt-out. QUIT is never a keyword of ours: on SMS it is a
Twilio opt-out word (see `CARRIER_OPT_OUT_WORDS`).
"""

from __future__ import annotations

import re
from enum import StrEnum

from flows.text import strip_accents, within_one_edit, words


class Keyword(StrEnum):
    """What a keyword asks for."""

    HELP = "help"
    STOP = "stop"
    START = "start"
    ADVISOR = "advisor"
    WELSH = "welsh"
    ENGLISH = "english"
    CRAVE = "crave"
    SLIP = "slip"
    DATE = "date"
    PAUSE = "pause"
    RESUME = "resume"
    MOOD = "mood"
    LESS = "less"
    MORE = "more"
    FINISH = "finish"
    NEXT = "next"
    SHIFT = "shift"
    QUIET = "quiet"
    LINK = "link"


_NAMES: dict[str, Keyword] = {
    "help": Keyword.HELP,
    "info": Keyword.HELP,
    "menu": Keyword.HELP,
    "help me": Keyword.HELP,
    "help please": Keyword.HELP,
    "cymorth": Keyword.HELP,
    "help plis": Keyword.HELP,
    "stop": Keyword.STOP,
    "stopio": Keyword.STOP,
    "unsubscribe": Keyword.STOP,
    "stop texting": Keyword.STOP,
    "stop messages": Keyword.STOP,
    "start": Keyword.START,
    "unstop": Keyword.START,
    "dechrau": Keyword.START,
    "restart": Keyword.START,
    "advisor": Keyword.ADVISOR,
    "adviser": Keyword.ADVISOR,
    "human": Keyword.ADVISOR,
    "person": Keyword.ADVISOR,
    "real person": Keyword.ADVISOR,
    "talk to someone": Keyword.ADVISOR,
    "cynghorydd": Keyword.ADVISOR,
    "ymgynghorydd": Keyword.ADVISOR,
    "cymraeg": Keyword.WELSH,
    "welsh": Keyword.WELSH,
    "yn gymraeg": Keyword.WELSH,
    "english": Keyword.ENGLISH,
    "saesneg": Keyword.ENGLISH,
    "crave": Keyword.CRAVE,
    "craving": Keyword.CRAVE,
    "cravings": Keyword.CRAVE,
    "chwant": Keyword.CRAVE,
    "ysfa": Keyword.CRAVE,
    "slip": Keyword.SLIP,
    "slipped": Keyword.SLIP,
    "lapse": Keyword.SLIP,
    "i slipped": Keyword.SLIP,
    "llithro": Keyword.SLIP,
    "llithriad": Keyword.SLIP,
    "date": Keyword.DATE,
    "new date": Keyword.DATE,
    "dyddiad": Keyword.DATE,
    "dyddiad newydd": Keyword.DATE,
    "pause": Keyword.PAUSE,
    "saib": Keyword.PAUSE,
    "resume": Keyword.RESUME,
    "unpause": Keyword.RESUME,
    "ailddechrau": Keyword.RESUME,
    "mood": Keyword.MOOD,
    "stress": Keyword.MOOD,
    "stressed": Keyword.MOOD,
    "hwyliau": Keyword.MOOD,
    "straen": Keyword.MOOD,
    "less": Keyword.LESS,
    "fewer": Keyword.LESS,
    "llai": Keyword.LESS,
    "more": Keyword.MORE,
    "mwy": Keyword.MORE,
    "finish": Keyword.FINISH,
    "finished": Keyword.FINISH,
    "gorffen": Keyword.FINISH,
    "next": Keyword.NEXT,
    "what next": Keyword.NEXT,
    "whats next": Keyword.NEXT,
    "what's next": Keyword.NEXT,
    "nesaf": Keyword.NEXT,
    "beth nesaf": Keyword.NEXT,
    "shift": Keyword.SHIFT,
    "shifts": Keyword.SHIFT,
    "my shifts": Keyword.SHIFT,
    "shift change": Keyword.SHIFT,
    "shifft": Keyword.SHIFT,
    "shifftiau": Keyword.SHIFT,
    "quiet": Keyword.QUIET,
    "quiet hours": Keyword.QUIET,
    "quiet time": Keyword.QUIET,
    "tawel": Keyword.QUIET,
    "oriau tawel": Keyword.QUIET,
    "link": Keyword.LINK,
    "link phone": Keyword.LINK,
    "link my phone": Keyword.LINK,
    "link chat": Keyword.LINK,
    "link account": Keyword.LINK,
    "cysylltu": Keyword.LINK,
}
# Keywords that may come with their answer in the same message ("SHIFT nights mon-wed").
_INLINE = {
    "shift": Keyword.SHIFT,
    "shifts": Keyword.SHIFT,
    "shifft": Keyword.SHIFT,
    "shifftiau": Keyword.SHIFT,
    "quiet": Keyword.QUIET,
    "tawel": Keyword.QUIET,
}
# Words Twilio acts on by itself when a whole SMS is just that word: the number is opted out
# at the carrier before we see it, so on SMS we must record the opt-out too.
CARRIER_OPT_OUT_WORDS = frozenset(
    {"stop", "stopall", "unsubscribe", "cancel", "end", "quit", "revoke", "optout"}
)
_POLITE = {"please", "pls", "plz", "thanks", "now", "os", "gwelwch", "yn", "dda", "plis"}


def keyword(text: str) -> Keyword | None:
    """The keyword a message is, if it is one."""
    tidy = [strip_accents(w) for w in words(text) if w not in _POLITE]
    if not tidy or len(tidy) > 3:
        return None
    phrase = " ".join(tidy)
    if phrase in _NAMES:
        return _NAMES[phrase]
    if len(tidy) == 1 and len(phrase) >= 5:
        near = {
            kw for name, kw in _NAMES.items() if " " not in name and within_one_edit(phrase, name)
        }
        if len(near) == 1:
            return near.pop()
    return None


def inline_keyword(text: str) -> tuple[Keyword, str] | None:
    """A keyword that opens a longer message, and the rest of the message."""
    head, _, rest = text.strip().partition(" ")
    found = _INLINE.get(strip_accents(head.lower().strip(":,.-")))
    rest = rest.strip()
    if found is Keyword.QUIET and rest.lower().startswith("hours "):
        rest = rest[len("hours ") :].strip()  # "quiet hours 10pm-7am"
    if found is None or not rest:
        return None
    return found, rest


def is_carrier_opt_out(text: str) -> bool:
    """A whole SMS that Twilio itself treats as an opt-out."""
    return " ".join(words(text)) in CARRIER_OPT_OUT_WORDS


# A plain request for a person, in a sentence ("can I speak to someone", "call me", "can
# someone ring me", "ga i siarad â rhywun", "ffoniwch fi"). Matched on lower-case words with
# accents removed.
_PERSON_ASKS = re.compile(
    r"\b(?:"
    r"(?:speak|talk|chat)\s+(?:to|with)\s+(?:someone|somebody|a\s+(?:real\s+)?(?:person|human)"
    r"|an?\s+advis[eo]r|a\s+nurse|someone\s+real|a\s+real\s+one)"
    r"|(?:call|ring|phone)\s+me"
    r"|(?:someone|somebody|an?\s+advis[eo]r)\s+(?:to\s+)?(?:call|ring|phone|contact)"
    r"|siarad\s+(?:a|ag|gyda|efo)\s+(?:rhywun|person|pherson|chynghorydd|cynghorydd|ymgynghorydd)"
    r"|(?:ffoniwch|ffonia|ffonio|galwch)\s+(?:fi|i)\b"
    r"|rhywun\s+(?:i\s+)?(?:ffonio|ngalw|fy\s+ffonio)"
    r")"
)
_NOT_ASKING = re.compile(
    r"\b(?:don'?t|do\s+not|dont|never|no\s+need\s+to|no\s+one|nobody|paid\s+i|peidiwch)\b"
)


def asks_for_person(text: str) -> bool:
    """A message that asks for a person in so many words (not "don't call me")."""
    tidy = strip_accents(" ".join(text.lower().replace("’", "'").split()))
    tidy = re.sub(r"[^a-z' ]+", " ", tidy)
    tidy = " ".join(tidy.split())
    found = _PERSON_ASKS.search(tidy)
    if found is None:
        return False
    return _NOT_ASKING.search(tidy[: found.start()]) is None
