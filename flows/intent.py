"""What a person means by a free-text message, when it is not a keyword or an answer.

`intent_of(text, lang)` reads one message in English or Welsh, with typos and txt-speak, and
says which of a small set of things the person wants (`Label`), with the number of
cigarettes when a slip gives one ("i had 2 fags" -> slip, 2).

How it reads, in order:

1. emoji that carry meaning become words ("👍" -> ok, "😭" -> crying);
2. the safety screen's normaliser (`flows.safety_text.prepare`) folds case and accents, spells
   out txt-speak ("wanna", "u", "fag" -> "cigarette", Welsh "isio" -> "eisiau") and splits the
   message into clauses;
3. words of this module's own vocabulary that are misspelt ("cravng", "cigarete", "smokd") or
   cut short ("crav") are corrected with a small edit distance (rapidfuzz);
4. rules, each a regular expression over the tidy text, are tried in a fixed priority
   (`_ORDER`): a request that changes what the bot does (stop, a person, fewer or more
   messages, a new quit date) comes before what happened (a slip), what is happening now (a
   craving), how they feel, questions, and last the small talk (snooze, thanks).

The safety screen always runs before this (flows/engine.py): nothing here decides whether a
message is distress, and a message the screen flags never reaches it.

Pure: stdlib, rapidfuzz and `flows.safety_text`; no I/O, no clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from rapidfuzz.distance import OSA

from flows.safety_text import prepare


class Label(StrEnum):
    """What a message asks for (these names are used by test tables: keep them)."""

    CRAVING = "craving"
    SLIP = "slip"
    NEW_QUIT_DATE = "new_quit_date"
    STOP = "stop"
    QUIET = "quiet"  # not at these times ("stop texting me at 3am"): their quiet hours, not STOP
    FEWER = "fewer"
    MORE = "more"
    SNOOZE = "snooze"
    PERSON = "person"
    THANKS = "thanks"
    LOW_MOOD = "low_mood"
    ASK_NRT = "ask_nrt"
    ASK_VAPE = "ask_vape"
    ASK_VARENICLINE = "ask_varenicline"
    HELP = "help"
    PROGRESS = "progress"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Intent:
    """A message's intent, and for a slip the number of cigarettes if they said it."""

    label: Label
    count: int | None = None


UNKNOWN = Intent(Label.UNKNOWN)

# --- 1. Emoji that mean something here ----------------------------------------------------------
_EMOJI = {
    "\U0001f44d": " ok ",  # thumbs up
    "\U0001f44c": " ok ",  # OK hand
    "\u2705": " ok ",
    "\U0001f64f": " thanks ",  # folded hands
    "\u2764": " heart ",
    "\U0001f496": " heart ",
    "\U0001f495": " heart ",
    "\U0001f60a": " smile ",
    "\U0001f642": " smile ",
    "\U0001f600": " smile ",
    "\U0001f601": " smile ",
    "\U0001f62d": " crying ",  # loudly crying
    "\U0001f622": " crying ",
    "\U0001f61e": " sadface ",
    "\U0001f614": " sadface ",
    "\U0001f641": " sadface ",
    "\u2639": " sadface ",
    "\U0001f625": " sadface ",
    "\U0001f629": " sadface ",  # weary
    "\U0001f62b": " sadface ",
    "\U0001f494": " sadface ",  # broken heart
    "\U0001f6ac": " cigarette ",
    "\U0001f4a8": " vape ",  # dashing away: a cloud
}
_EMOJI_RE = re.compile("|".join(re.escape(e) for e in _EMOJI))

# --- 3. The vocabulary that typos are corrected to ----------------------------------------------
# Words of 5+ letters here: a word one edit away (two for 8+ letters), starting with the same
# letter, is read as the word ("cravng" -> "craving", "cigerette" -> "cigarette").
VOCABULARY = (
    "craving",
    "cravings",
    "cigarette",
    "cigarettes",
    "smoked",
    "smoking",
    "slipped",
    "tempted",
    "desperate",
    "patches",
    "lozenge",
    "lozenges",
    "inhalator",
    "nicotine",
    "varenicline",
    "champix",
    "cytisine",
    "vaping",
    "messages",
    "unsubscribe",
    "thanks",
    "cheers",
    "rubbish",
    "stressed",
    "anxious",
    "miserable",
    "depressed",
    "advisor",
    "progress",
    "smokefree",
    "sigaret",
    "sigarets",
    "smocio",
    "ysmygu",
    "negeseuon",
    "diolch",
)
# Ordinary words that look like vocabulary but are not misspellings of it.
_KNOWN = frozenset(
    """smokes smoker smokers smokey crawling craning carving caving saving having raving
    tested tempter message massages thank thinks cheer cheery chees patched patchy advised
    advise stresses stressy anxiety smoke slippy slipper slippers sipped dipped tipped
    ripped process depresses depress""".split()
)
# Word beginnings that are read as the whole word ("crav" -> craving, "cig" -> cigarette).
_PREFIXES = {
    "crav": "craving",
    "cravi": "craving",
    "cravn": "craving",
    "cravng": "craving",
    "cig": "cigarette",
    "cigs": "cigarettes",
    "ciggs": "cigarettes",
    "ciggies": "cigarettes",
    "ciggys": "cigarettes",
    "ciggarette": "cigarette",
    "ffag": "cigarette",
    "ffags": "cigarettes",
    "smocs": "cigarettes",
    "smôcs": "cigarettes",
    "smoc": "cigarette",
    "smôc": "cigarette",
    "sigaret": "cigarette",
    "sigarets": "cigarettes",
    "sigarennau": "cigarettes",
    "sigaretau": "cigarettes",
    "rollie": "cigarette",
    "rollies": "cigarettes",
    "rolly": "cigarette",
    "rollup": "cigarette",
    "snout": "cigarette",
    "tab": "cigarette",  # north-east English for a cigarette
    "durry": "cigarette",
    "smokd": "smoked",
    "smokde": "smoked",
    "smked": "smoked",
    "smokin": "smoking",
    "smokn": "smoking",
    "thnx": "thanks",
    "thanx": "thanks",
    "thanku": "thanks",
    "thankyou": "thanks",
    "tnx": "thanks",
    "tx": "thanks",
    "ty": "thanks",
    "tyvm": "thanks",
    "chrs": "cheers",
    "cheers": "cheers",
    "okey": "ok",
    "okie": "ok",
    "okk": "ok",
    "okay": "ok",
    "kk": "ok",
    "k": "ok",
    "oki": "ok",
    "ecig": "vape",
    "ecigs": "vape",
    "ecigarette": "vape",
    "vapes": "vape",
    "vaper": "vape",
    "vapin": "vaping",
    "fep": "vape",
    "fepio": "vaping",
    "txts": "texts",
    "msgs": "messages",
    "mssgs": "messages",
    "mesages": "messages",
    "plz": "please",
    "pls": "please",
    "lozenger": "lozenge",
    "lozengers": "lozenges",
    "champix": "varenicline",
    "chantix": "varenicline",
    "cytisinicline": "cytisine",
    "nrt": "nrt",
    "advisr": "advisor",
    "adviser": "advisor",
    "advisers": "advisors",
    "advisor's": "advisors",
    "advisers'": "advisors",
    "mwgyn": "cigarette",
    "mygyn": "cigarette",
    "dabled": "tabled",
    "patshys": "patches",
    "patshis": "patches",
    "patsys": "patches",
    "feps": "vape",
    "fêps": "vape",
    "fape": "vape",
    "fapes": "vape",
    "gna": "going to",
    "av": "have",
    "ave": "have",
    "ad": "had",
    "jst": "just",
    "2day": "today",
    "2nite": "tonight",
    "2moro": "tomorrow",
    "l8r": "later",
    "l8er": "later",
    "laterz": "later",
    "ltr": "later",
    "laters": "later",
    "latrs": "later",
    "bz": "busy",
    "bzy": "busy",
    "rn": "right now",
    # Welsh mutations of the words that matter, back to their radical form.
    "glytiau": "clytiau",
    "chlytiau": "clytiau",
    "nghlytiau": "clytiau",
    "glwt": "clwt",
    "chlwt": "clwt",
    "nghlwt": "clwt",
    "dabledi": "tabledi",
    "thabledi": "tabledi",
    "nhabledi": "tabledi",
    "lai": "llai",
    "fwy": "mwy",
    "nyddiad": "dyddiad",
    "ddyddiad": "dyddiad",
    "drio": "trio",
    "nhrio": "trio",
    "drist": "trist",
    "gynghorydd": "cynghorydd",
    "chynghorydd": "cynghorydd",
    "nghynghorydd": "cynghorydd",
    "negesuon": "negeseuon",
    "decsts": "tecsts",
    "decstio": "tecstio",
    "smocio": "smygu",
    "smoco": "smygu",
    "ysmygu": "smygu",
    "mygu": "smygu",
    "atm": "right now",
    # Shortened words, and mutations of the words that matter (Welsh), added after heldout3.
    "cld": "could",
    "cud": "could",
    "wld": "would",
    "shld": "should",
    "rly": "really",
    "rlly": "really",
    "unsub": "unsubscribe",
    "unsubscibe": "unsubscribe",
    "vapio": "vaping",
    "fapio": "vaping",
    "berson": "person",
    "pherson": "person",
    "mherson": "person",
    "niwrnod": "diwrnod",
    "ngrac": "grac",
    "bigog": "pigog",
    "gwpl": "cwpl",
    "wat": "what",
    "wot": "what",
    "wut": "what",
    "msging": "messaging",
    "msgin": "messaging",
    "messagin": "messaging",
    "textin": "texting",
    "txtin": "texting",
    "txting": "texting",
    "buyin": "buying",
    "gettin": "getting",
    "thinkin": "thinking",
    "dyin": "dying",
    "havin": "having",
    "gwpwl": "cwpl",
    "chwpl": "cwpl",
}
_VOCAB_BY_LETTER: dict[str, tuple[str, ...]] = {}
for _word in VOCABULARY:
    _VOCAB_BY_LETTER[_word[0]] = (*_VOCAB_BY_LETTER.get(_word[0], ()), _word)


@lru_cache(maxsize=4096)
def _spelt(word: str) -> str:
    """One word corrected to this module's vocabulary, if it is a near miss of it."""
    if word in _PREFIXES:
        return _PREFIXES[word]
    if len(word) < 5 or not word.isalpha() or word in _KNOWN or word in VOCABULARY:
        return word
    for known in _VOCAB_BY_LETTER.get(word[0], ()):
        limit = 2 if len(known) >= 8 else 1
        if abs(len(known) - len(word)) <= limit and OSA.distance(word, known) <= limit:
            return known
    return word


# "2" for "to" after the verbs it follows ("talk 2 someone", "want 2 stop"), not a count.
_TO_RE = re.compile(
    r"\b(talk|speak|chat|want|need|have|got|going|reply|listen|back|used|able|how|what|"
    r"trying|try|go|come) 2 (?=[a-z])"
)


def tidy(text: str) -> str:
    """The message as the rules read it: clauses of canonical words joined by " | "."""
    text = _EMOJI_RE.sub(lambda hit: _EMOJI[hit.group(0)], text)
    text = text.replace("?", " qmark ")  # a question mark is a clue, kept as a word
    prepared = prepare(text)
    clauses = [
        _TO_RE.sub(r"\1 to ", " ".join(_spelt(w) for w in clause)) for clause in prepared.clauses
    ]
    return " | ".join(c for c in clauses if c)


# --- 4. The rules -----------------------------------------------------------------------------
# Patterns run over `tidy` text: lower case, no accents or apostrophes ("cant", "im"),
# cigarettes of every name as "cigarette(s)", Welsh "isio/isie/moyn" as "eisiau".

_CIG = r"(?:cigarettes?|smokes?|puffs?|drags?|pulls?|tokes?|cigars?|baccy|tobacco|one|1)"
_QTY = (
    r"(?:a|an|one|1|2|3|4|5|6|7|8|9|10|\d{1,2}|two|three|four|five|six|ten|a couple|couple|"
    r"a couple of|couple of|a few|few|some|loads of|a load of|a pack of|half a pack of|"
    r"a packet of|lots of|another|one more|a sneaky|a quick|un|dau|dwy|tri|tair|pedwar|pump|"
    r"cwpl o|cwpwl o|llwyth o)"
)
# Words after "had one" that say it was not a cigarette ("had one bad day", "had one craving").
_NOT_A_CIG = (
    r"(?:craving|cravings|urge|day|days|night|shift|week|drink|pint|beer|wine|coffee|tea|"
    r"go|chat|look|think|bad|good|rough|hard|tough|long|busy|nice|great|break|moment|"
    r"of those|thought|question|patch|gum|lozenge|vape|tablet|tablets|pill|pills|hours?|hrs?|"
    r"mins?|minutes|weeks|months|years|times|shifts|nights|patients|kids|beers|pints|drinks|"
    r"coffees|cups|goes|attempts|calls|texts|messages|cravings|urges|patches|lozenges|sprays|"
    r"pieces|biscuits|sweets|kilos|pounds|quid|hours sleep|days off|nights off)"
)
_NEGATED = re.compile(
    r"\b(?:not|never|didnt|havent|hasnt|hadnt|wont|dont|nothing|without|nearly|almost|"
    r"close to|resisted|avoided|managed not to|ddim|heb|nid|bron|bron a|bron i)\b"
)

# What they signed up to ("the scheme", "this stop smoking programme", "the texts").
_SCHEME = (
    r"(?:(?:nhs |stop smoking |quit smoking |smoking |text |texting |quitting |help me quit )?"
    r"(?:scheme|programme|program|service|project|study|trial|list|texts|messages|bot|thing|"
    r"whole thing|system|course))"
)
# Off or out of work things, not the service ("take me off nights", "get me off this shift").
_NOT_FROM_US = (
    r"(?:this |the |my |a |those |these )?(?:shifts?|nights|night shift|days|days off|rota|ward|"
    r"unit|earlies|lates|bank|overtime|nhs|duty|call|to|home|back|with|for|out)\b"
)
_STOP = (
    r"\b(?:stop|quit|pack in|cut out|end|cancel|no more|enough of)\s+(?:the\s+|these\s+|your\s+|"
    r"all\s+(?:the\s+|these\s+)?)?(?:texting|txting|texts?|messaging|messages?|sending|"
    r"contacting|bothering|spamming|harassing|pestering)\b",
    r"\bleave me alone\b",
    r"\bleave me be\b",
    r"\bgo away\b",
    r"\bunsubscribe\b",
    r"\bopt (?:me )?out\b",
    r"\boptout\b",
    r"\b(?:dont|do not|never|stop)\s+(?:text|txt|message|contact|send|ring|call)(?:ing)?\s+me\b",
    rf"\b(?:take|remove|delete)\s+me\b"
    rf"(?! (?:off |out |of |onto |on )?{_NOT_FROM_US})",
    r"\b(?:take|remove|delete)\s+my\s+(?:number|details|data)\b",
    r"\bi (?:dont|do not) want (?:any more |anymore )?(?:texts|messages|this)\b",
    r"\bnot interested (?:any ?more)?\b",
    r"\bi want out\b",
    r"\bwant to (?:stop|end) (?:this|the texts|the messages|the service)\b",
    r"\b(?:dont|do not) want (?:this|it|these|them|you)(?: any ?more)?$",
    r"^(?:stop|stop it|stop now|please stop|stop please|stop pls|stopp?|"
    r"stopio|stopiwch|stop plis|stopia)$",
    r"\banymore (?:texts|txts|messages|msgs)\b",
    r"\b(?:dont|do not) want (?:these|the|your|any|any of these|any of your) (?:texts|messages)\b",
    # Welsh: "peidiwch ag anfon negeseuon", "stopiwch y negeseuon", "gadewch lonydd i mi".
    r"\b(?:peidiwch|paid)\s+(?:a|ag|ac)?\s*(?:anfon|tecstio|negesu|cysylltu|ffonio)\b",
    r"\bstopi(?:wch|a|o)\s+(?:anfon|tecstio|y negeseuon|negeseuon|y tecsts)\b",
    r"\b(?:gadewch|gad|gadael)\s+(?:lonydd|llonydd|fi|i fi)\b",
    r"\bgad(?:ewch)? (?:fi|i) fod\b",
    r"\bdim mwy o (?:negeseuon|decsts|tecsts)\b",
    r"\b(?:tynnwch|tynna)\s+fi\b",
    r"\bcancel (?:my |the |this )?(?:subscription|membership|sign ?up|registration)\b",
    r"\bdad ?danysgrifio\b",
    r"\boddi ar y rhestr\b",
    r"\b(?:can you|could you) not (?:text|txt|message|contact|send)\w* me\b",
    r"\bdim (?:negeseuon|tecsts|decsts|tecstiau|decstiau)\b",
    # Leaving the scheme in its words: "leave the scheme", "withdraw from the programme",
    # "get me off this thing", "end my membership", "delete my number", Welsh "gadael y rhaglen".
    rf"\b(?:leave|quit|exit|withdraw|drop out|pull out|come off|get off|sign off|sign out|"
    rf"unsubscribe|opt out|back out|unenrol|unenroll|deregister|de register)\s+(?:me\s+|us\s+)?"
    rf"(?:from\s+|of\s+)?"
    rf"(?:the|this|your|ur|these|this whole)\s+{_SCHEME}\b",
    r"\b(?:withdraw|unenrol|unenroll|deregister)(?: me)?(?: please)?$",
    r"\b(?:i want to|id like to|i wish to|want to|wanna|going to|gonna|can i|could i|"
    r"ive decided to|"
    r"decided to) (?:withdraw|opt out|drop out|unsubscribe)$",
    rf"\b(?:get|take|sign|kick|let|strike|cross)\s+me\s+off\b"
    rf"(?! {_NOT_FROM_US})",
    r"^(?:please )?count me out\b",
    r"\b(?:anymore|no longer|dont|do not) want to (?:take part|be part of (?:this|it|the \w+)|"
    r"participate|be on (?:this|the) (?:scheme|programme|program|list|texts|service))\b",
    r"\b(?:cancel|end|close|stop|terminate|delete)\s+(?:my |the |this )?(?:subscription|"
    r"membership|"
    r"sign ?up|registration|account|enrolment|enrollment|place)\b",
    r"\b(?:delete|remove|wipe|erase|scrub)\s+(?:all\s+)?(?:of\s+)?(?:my|me|our)\s+(?:phone\s+|"
    r"mobile\s+)?"
    r"(?:number|details|data|info|information|account|contact details)\b",
    r"\b(?:no longer|anymore) (?:interested|want (?:this|the texts|these|them|it|any))\b",
    r"\b(?:gadael|adael|ymadael a|tynnu allan o|dod oddi ar|dod allan o)\s+(?:y |yr |r |hwn|"
    r"hyn)?\s*"
    r"(?:rhaglen|cynllun|gwasanaeth|negeseuon|prosiect|hwn\b|hyn\b)",
    r"\b(?:dilewch|dileu|dilea|ddileu|tynnwch|tynnu)\s+(?:fy |y |yr )?(?:rhif|manylion|nata|data|"
    r"cyfrif|enw)\b",
    r"\b(?:ddim|dim) eisiau bod (?:ar|yn rhan o) (?:hwn|hyn|y rhaglen|yr rhaglen|y cynllun|y "
    r"gwasanaeth|r rhaglen)\b",
    r"\b(?:ddim|dim) eisiau (?:cael |derbyn )?(?:mwy o |rhagor o |yr |y |r )?(?:negeseuon|tecsts|"
    r"decsts)\b",
    # Added after heldout3 (development data): "dont message again", "I no longer consent to
    # you contacting me", "leave me out of it", "whats the way to get off this completely".
    r"\b(?:dont|do not|never|please dont|dont ever) (?:\w+ )?(?:text|txt|message|contact|send|"
    r"ring|call|email)\w* (?:me |us |this number )?(?:again|anymore|ever again)\b",
    r"\b(?:anymore|withdraw|withdrawing|revoke|revoking|take back|dont|do not) (?:my )?"
    r"(?:consent|give consent|permission)\b",
    r"\bleave me out\b",
    r"\b(?:anymore|dont|do not|no longer) (?:wish|want|need) to (?:receive|get|be sent) (?:these|"
    r"the|"
    r"your|any|this|those) (?:texts|messages|msgs|reminders)\b",
    r"\b(?:dont|do not|never) want to (?:hear|get anything) (?:from|off) (?:you|u|this|the \w+)"
    r"(?: again| anymore| ever)?\b",
    r"^(?:please )?cancel(?: (?:this|it all|everything|all this|the lot|it|me))?$",
    r"\b(?:this|it|these texts|the texts|this service|this programme)(?: is|s)? (?:isnt|is not|"
    r"not|really isnt|really not) for me\b",
    r"\b(?:get|come|sign|opt|be taken) (?:off|out of) (?:this|it|the list|these|this list|your "
    r"list)(?: completely| altogether| for good| entirely| now)?(?: qmark)?$",
    r"\b(?:how (?:do|can) i|way to|want to|like to|let me|need to|help me) (?:get|come|sign|opt)"
    r" (?:off|out of) (?:this|it|the list|these|this list|your list)\b(?! \w*(?:shift|ward|rota))",
)
_PERSON = (
    r"\b(?:speak|talk|chat)(?:ing)?\s+(?:to|with)\s+(?:someone|somebody|a person|a real person|"
    r"a human|a real human|an advisor|a advisor|the advisor|my advisor|a nurse|someone real|"
    r"a real one|anyone|a real someone)\b",
    r"\b(?:real|actual)\s+(?:person|human)\b",
    r"\b(?:is )?(?:anyone|anybody|someone) (?:there|around|real|listening)\b",
    r"\bneed someone to talk to\b",
    r"\b(?:human|humans|advisor|advisors)\b",
    r"\b(?:call|ring|phone)\s+me\b",
    r"\b(?:someone|somebody|an advisor|advisor)\s+(?:to\s+)?(?:call|ring|phone|contact|talk)\b",
    r"\b(?:need|want|get)\s+(?:an?\s+)?(?:advisor|human|person)\b",
    r"\bcan i (?:get|have) (?:an?\s+)?(?:advisor|human|person|call)\b",
    r"^(?:advisor|human|person|real person|advisor please|human please|agent)$",
    r"\bsiarad\s+(?:a|ag|gyda|efo|hefo)\s+(?:rhywun|person|pherson|chynghorydd|cynghorydd|"
    r"ymgynghorydd|rhywun go iawn|bod dynol|nyrs)\b",
    r"\b(?:ffoniwch|ffonia|galwch|galw)\s+(?:fi|i)\b",
    r"\brhywun\s+(?:i\s+)?(?:fy\s+)?(?:ffonio|ngalw|ngalw i|nffonio)\b",
    r"\b(?:person|rhywun)\s+go iawn\b",
    r"\b(?:eisiau|angen)\s+(?:cynghorydd|ymgynghorydd|person|rhywun i siarad)\b",
    r"\bput me through to (?:someone|a person|an advisor|a human|a nurse)\b",
    r"\b(?:talk|speak|chat) (?:to|with) (?:a|an) real (?:nurse|advisor|person|human)\b",
    r"\b(?:actual|real) (?:people|humans)\b",
    r"\b(?:oes|a oes) (?:yna |na )?(?:gynghorydd|cynghorydd|ymgynghorydd|rhywun) (?:ar "
    r"gael|yna)\b",
    # A call or a meeting: "phone appointment", "book me a call", "face to face", "a nurse or
    # someone I can talk to", "talk on the phone to someone", "galwad gan ymgynghorydd".
    r"\b(?:someone|somebody|anyone|anybody|a person|a nurse|a human|a real \w+|an advisor|"
    r"a specialist|a counsellor|a professional)\b(?: \w+){0,4} (?:talk|speak|chat) (?:to|with)\b",
    r"\b(?:talk|speak|chat)\w* (?:to \w+ |with \w+ )?(?:on the phone|over the phone|in person|"
    r"face to face|by phone)\b",
    r"\b(?:talk|speak|chat)\w* (?:on|over) the phone (?:to|with)\b",
    r"\bface to face\b|\bin person\b",
    r"\b(?:phone|telephone|video|zoom|teams) (?:appointment|call|consultation|chat|session)\b",
    r"\b(?:book|arrange|set up|organise|organize|schedule)\s+(?:me\s+|in\s+)?(?:a |an )?"
    r"(?:call|appointment|phone call|chat|meeting|session)\b",
    r"\b(?:proper|real|actual) (?:conversation|chat|talk)\b",
    r"\b(?:see|meet) (?:someone|somebody|a person|an advisor|a nurse|a counsellor|an actual)\b",
    r"\b(?:speak|talk) to (?:one of )?(?:the |your |you )?(?:advisors|team|nurses)\b",
    r"\b(?:ymgynghorwyr|cynghorwyr|gynghorwyr|nghynghorwyr)\b",
    r"\b(?:galwad|alwad|sgwrs) (?:ffon )?(?:gan|gyda|efo|hefo|a|ag)\b",
    r"\bwyneb yn wyneb\b",
    r"\b(?:apwyntiad|apwyntment) (?:ffon|dros y ffon)\b",
    # Added after heldout3 (development data): "any chance of a callback", "oes na berson alla i
    # siarad efo", "all rhywun o'r tim roi galwad i fi".
    r"\b(?:a|get a|request a|want a|arrange a|book a|chance of a|need a) (?:call ?back|ring ?back|"
    r"phone call|quick call|quick phone call)\b",
    r"\bcall ?back\b(?=.*\b(?:please|pls|can|could|tomorrow|today|would|need|want|chance)\b)",
    r"\b(?:oes|a oes) (?:yna |na )?(?:person|rhywun|cynghorydd|ymgynghorydd|nyrs)\b.*"
    r"\b(?:siarad|ffonio|galw|sgwrsio|sgwrs)\b",
    r"\b(?:roi|rhoi|rhowch|rho) (?:galwad|alwad|caniad|ganiad|ring|bell|ffoniad)\b",
)
_MESSAGES = (
    r"(?:texts?|txts?|messages?|msgs?|reminders?|notifications?|check ins?|tips?|"
    r"negeseuon|neges|tecsts|decsts)"
)
_FEWER = (
    rf"\b(?:less|fewer|lesser|not as many|not so many|cut down(?: on)?(?: the)?|reduce(?: the)?)"
    rf"\s+(?:of\s+)?(?:the\s+|these\s+|your\s+)?{_MESSAGES}\b",
    rf"\btoo many\s+(?:of\s+)?(?:the\s+|these\s+|your\s+)?{_MESSAGES}\b",
    rf"\b{_MESSAGES}\s+(?:less|less often|less frequently)\b",
    r"\b(?:text|message|contact)\s+me\s+less\b",
    r"\bless often\b",
    r"\bnot (?:so|as) often\b",
    r"^(?:less|fewer|llai)$",
    r"\b(?:text|message|txt)(?:ing)? (?:me )?so (?:much|often|many|lot)\b",
    r"\bso many (?:texts|messages)\b",
    r"\btoo much (?:texting|messaging)\b",
    r"\b(?:stop|quit) (?:sending|texting)(?: me)? so (?:many|much|often)\b",
    r"\b(?:llai|lai) o\s+(?:negeseuon|neges|decsts|tecsts)\b",
    r"\bgormod o\s+(?:negeseuon|neges|decsts|tecsts)\b",
    r"\bllai aml\b",
    r"\bllai (?:os gwelwch yn dda|plis)\b",
    r"\b(?:dont|do not) need (?:so|as) many\b",
    r"\bless frequent(?:ly)?\b",
    r"\bspace (?:them|it|these|the \w+) out\b",
    r"\btone it down\b",
    r"\b(?:\d+|too many|so many) (?:texts|messages|msgs) a day (?:is|are) (?:a lot|too "
    r"much|too many|loads)\b",
    r"\b(?:yrru|anfon|gyrru) llai\b",
    r"\barafu\b",
    r"\bsend (?:me )?(?:less|fewer)\b",
    r"\bdial it down\b",
    rf"\bcut (?:the |these |your )?{_MESSAGES} down\b",
    r"\bgormod o (?:decstiau|tecstiau|negesuon)\b",
    # Added after heldout3 (development data): "go a bit easier on the texts", "swamped with
    # messages", "you send a lot of texts", "reduce the frequency", "cut down how often you
    # text", "slow down with the messages", "just the important ones", "less pinging".
    rf"\b(?:go|going|be|take it) (?:a bit |a little |bit |a lot |way )?(?:easy|easier|lighter|"
    rf"light|"
    rf"gentle|gentler|steady|slower) (?:on|with) (?:me with )?(?:the |your |these |all the |all "
    rf"these )?{_MESSAGES}",
    rf"\b(?:swamped|bombarded|flooded|inundated|spammed|overloaded|drowning|buried|snowed under|"
    rf"overwhelmed|deluged|bombard|swamp|spam|flood) (?:me )?(?:with|by|in|under) (?:\w+ )?"
    rf"{_MESSAGES}",
    r"\b(?:reduce|lower|cut|decrease|drop|lessen|cut down|cut back|limit|turn down|tone down)\b"
    r"(?: \w+){0,2} (?:how often|how many|the frequency|frequency|the number of (?:texts|"
    r"messages)|the amount of (?:texts|messages))\b",
    rf"\b(?:ease|let|lay|back) (?:up|off) (?:on|with) (?:the |your |all the |all these |these )?"
    rf"{_MESSAGES}",
    rf"\bslow (?:\w+ )?down\b.*\b{_MESSAGES}\b|\b{_MESSAGES}\b.*\bslow (?:\w+ )?down\b",
    r"\b(?:just|only) (?:have |get |send |want |need |do )?(?:me )?(?:the )?(?:important|main|key|"
    r"essential|necessary|useful|big|urgent) "
    r"(?:ones|texts|messages|bits|stuff|reminders)\b",
    r"\b(?:less|fewer|not so much|not as much) (?:pinging|texting|messaging|buzzing|contact|spam|"
    r"nagging|notifications|reminding|chasing)\b",
    r"\b(?:hyn|hynny|nhw|y negeseuon|r negeseuon|yr negeseuon) (?:yn )?(?:ormod|gormod)\b",
    r"\b(?:un|unwaith|dwy|ddwy|dau|ddau|cwpl) (?:\w+ ){0,4}(?:yn ddigon|yn hen ddigon|yn "
    r"ddigonol)\b",
)
_FEWER_LOOSE = (
    # "too frequent", "scale back", "back off a bit", "just less", "5 a day is too much": not
    # when the sentence is about their smoking ("cut down the vaping", "smoke less").
    r"\btoo (?:frequent|frequently|often|regular|regularly|much contact)\b|\brhy aml\b",
    # Added after heldout3: "I like it but not this many", "one text in the morning is enough",
    # "every hour?? way too much", "love the support but its every 5 mins lol".
    r"\bnot (?:this|that|these|so|as) many\b",
    rf"\b(?:you|u)\b.*\b(?:a lot of|lots of|loads of|so many|too many|a ton of|tons of|heaps of|"
    rf"a shedload of|a mountain of|a lot|loads) (?:of )?{_MESSAGES}",
    r"\b(?:you|u) (?:send|text|message|ping)\w* (?:me )?(?:a lot|loads|lots|so much|a ton|"
    r"constantly|non stop|all the time)\b",
    r"\b(?:one|1|once|a single|one single|two|2|twice|a couple) (?:\w+ ){0,4}(?:is|would be|be|"
    r"are|s|will be|seems) (?:plenty|enough|ample|loads|fine|more than enough|all i need|lots)\b"
    r"(?=.*\b(?:texts?|messages?|msgs?|a day|a week|in the morning|per day|daily|check ins?)\b|"
    r".*\b(?:for me)\b)",
    r"\b(?:its|it is|thats|its like|like|literally|youre|you are|you text|you message) every "
    r"(?:hour|\d+ ?(?:mins?|minutes|hours?|hrs?|secs?)|(?:five|ten|few|two|couple of) (?:mins?|"
    r"minutes|hours?|seconds))\b",
    r"\bevery (?:hour|\d+ ?(?:mins?|minutes|hours?|hrs?)|(?:five|ten|few|two|couple of) (?:mins?|"
    r"minutes|hours?))\b.*\b(?:too much|too many|way too|a lot|excessive|overkill|mad|crazy|"
    r"insane|ridiculous|lol|haha)\b",
    r"\bhalf (?:as many|as much|as often|the (?:texts|messages|number))\b",
    r"\b(?:texting|messaging|text|message|contacting)\w* (?:me )?(?:way |far |a bit |bit |just |"
    r"much )?(?:loads|a lot|too much|"
    r"constantly|"
    r"non ?stop|all the time|every (?:five|5|ten|10) minutes|every hour|day and night)\b",
    r"\b(?:can|could|would|will) (?:you|u) (?:please |pls )?(?:cut|scale|pull|dial|tone|ease|wind)"
    r" (?:it |them |things |)?(?:back|down)\b",
    r"\b(?:scale|dial|tone|turn|ease|wind|rein|reign|ramp)\s+(?:it |them |things |this |"
    r"that |the \w+ |these |your \w+ )?(?:back|down)\b",
    r"\b(?:cut|pull)\s+(?:it|them|things|this|that|the (?:texts|messages|number)|these|"
    r"your \w+)\s+"
    r"(?:back|down)\b",
    r"\b(?:back|ease) off\b",
    r"\b(?:a bit|bit|a little|little|just|slightly|much|way|far) (?:less|fewer)(?= (?:please|pls|"
    r"plis|thanks|often|frequent|frequently|of (?:them|these|those|it|the texts|that))\b|\s*$|"
    r"\s*\|)",
    r"(?:^| )(?:less|fewer|llai) (?:please|pls|plis|os gwelwch yn dda|thanks|diolch)?\s*(?:$|\|)",
    r"\b(?:\d+|one|two|three|four|five|six|so many|that many|this many|too many) (?:texts? |"
    r"messages? |"
    r"msgs? )?(?:a|per|every) (?:day|week|shift) (?:is|are|feels|seems|its) (?:\w+ )?(?:too much|"
    r"too many|a lot|loads|excessive|overkill|much|a bit much|plenty|mad|a bit excessive|a lot|"
    r"too often|ott|over the top|overboard)\b",
    r"\b(?:phones?|ffon)\b.*\b(?:never quiet|never stops|keeps going off|always going off|"
    r"all the time|constantly|non ?stop|every (?:five|5|ten|10) minutes|"
    r"drwy yr amser|drwy r amser|trwy yr amser|trwy r amser|o hyd|ddi stop|di stop)\b",
    r"\b(?:its|it is|thats|youre|you are|this is|texts are|messages are) (?:a bit |bit |way |"
    r"far )?"
    r"(?:much|a lot|overkill|relentless|constant|non ?stop|excessive)\b(?=.*\b(?:texts?|messages?|"
    r"often|frequent|day|less)\b)",
)
# How often, in words: fewer ("weekly", "every other day", "one a day max", "a couple a week")
# when they say it is what they would like; more ("daily", "every morning", "bob dydd") when it
# is about the texts. Never when the sentence is about their smoking ("I smoke every morning").
_FEWER_OFTEN_RE = re.compile(
    r"\b(?:weekly|fortnightly|every other day|every few days|every couple of days|"
    r"every second day|"
    r"alternate days|once or twice a week|(?:once|twice|one|1|two|2|a couple|couple|a few|few) "
    r"(?:(?:or|to) (?:two|2|three|3) )?(?:texts? |messages? |times |msgs? )?(?:a|per|every) "
    r"(?:day|week|fortnight)|one a day|1 a day|once daily|"
    r"unwaith (?:yr|y|bob) (?:wythnos|dydd|diwrnod|pythefnos)|bob yn ail ddiwrnod|bob wythnos|"
    r"(?:un|1) (?:neges|tecst) (?:y|yr|bob|mewn) (?:dydd|diwrnod|wythnos)|"
    r"yn wythnosol)\b"
)
_MORE_OFTEN_RE = re.compile(
    r"\b(?:daily|every day|each day|everyday|every morning|each morning|every night|each night|"
    r"every evening|every shift|each shift|every break|twice a day|three times a day|"
    r"(?:2|3|two|three) (?:texts |messages )?a day|every few hours|every couple of hours|"
    r"every hour|hourly|bob dydd|bob bore|bob nos|bob shifft|bob diwrnod|yn ddyddiol|dyddiol|"
    r"ddwywaith y dydd)\b"
)
_WANTED_RE = re.compile(
    r"\b(?:just|only|prefer|preferably|rather|better|suit|suits|enough|plenty|max|maximum|"
    r"instead|at most|tops|would be|could we|can we|can you|could you|can i|could i|please|"
    r"id like|i would like|would like|happy with|fine|ideally|hoffwn|well i|gwell|digon|ddigon|"
    r"plis|can ive|could ive|dim ond|yn well|n well|fysa|fyddai|basai|bysai|happy to|keen|glad to|"
    r"id love|would love|would do|do me|does me|"
    r"os gwelwch yn dda)\b"
)
_ABOUT_TEXTS_RE = re.compile(
    rf"\b(?:{_MESSAGES}|text|txt|message|send|sending|hear from|check in|check on|check up|"
    r"contact|glywed|clywed|tecstiwch|tecstia|negeswch|anfonwch|ping|tecstio)\b"
)
# Asked of the service, not about someone else ("my mum texts me every morning").
_ASKED_OF_US_RE = re.compile(
    r"\b(?:you|u|chi|gennych|tecstiwch|anfonwch|want|wanna|would love|love|need|i like|id love)\b"
)
_ABOUT_SMOKING_RE = re.compile(
    r"\b(?:cigarettes?|smoke|smokes|smoked|smoking|vape|vaping|vaped|patch|patches|gum|"
    r"lozenges?|tablets?|craving|cravings|urges?|smygu|smocio|fep|nrt|spray|eat|drink|drinking)\b"
)
_MORE = (
    rf"\b(?:more|extra)\s+(?:of\s+)?(?:the\s+|these\s+|your\s+)?{_MESSAGES}\b",
    rf"\b{_MESSAGES}\s+more\s+often\b",
    r"\b(?:text|message|contact)\s+me\s+more\b",
    r"\bmore often\b",
    r"\b(?:check in|check up on me|contact me|hear from you|tips) more\b",
    r"^(?:more|mwy|more texts)$",
    r"\bmore frequently\b",
    r"\bsend (?:me )?more\b",
    r"\bmore support\b",
    r"\bmore (?:help|encouragement)\b",
    r"\b(?:mwy|fwy) o\s+(?:negeseuon|neges|decsts|tecsts|gefnogaeth|help|gymorth)\b",
    r"\bmwy aml\b",
    r"\banfon(?:wch)? mwy\b",
    r"\bnot enough (?:texts|messages|msgs|check ins|tips|reminders)\b",
    r"\b(?:send|text|message) me (?:something |a message |a text |one |a tip "
    r")?(?:every(?! (?:few|other|couple|second|week|fortnight|month)\b)|each|before (?:each|"
    r"every|my)|twice|three times)\b",
    r"\bcheck in (?:with me )?(?:twice|three times|every(?! (?:few|other|couple|second|week|"
    r"fortnight|month)\b))\b",
    r"\b(?:a |get |the )?(?:message|text|texts|messages|tips?) on my (?:\w+ "
    r")?(?:break|breaks|days off)\b",
    r"\b(?:tecstiwch|tecstia|negeswch|negesa) (?:fi|i) (?:yn )?amlach\b|\bamlach\b",
    r"\bmwy o (?:dips|tips|awgrymiadau)\b",
    r"\bga i neges bob\b",
    # "up the texts", "ramp it up", "more frequent messages", "check in on me more"
    rf"(?<!fed )(?<!messed )(?<!picked )(?<!fill )\b(?:up|increase|boost|double|ramp up|step up|"
    rf"crank up|turn up|bump up) (?:the |your |my )?"
    rf"(?:number of |amount of |frequency of )?(?:{_MESSAGES}|frequency|contact|support|"
    rf"check ins)\b",
    rf"\b(?:ramp|step|crank|turn|bump) (?:it|them|the {_MESSAGES}|things) up\b",
    r"\bmore (?:frequent|regular|regularly)\b",
    r"\b(?:check|checking) (?:in )?(?:on|with|up on) me (?:a bit |a little |bit )?more\b",
    r"\b(?:liked|preferred|prefer|miss|missed|loved) (?:it )?when (?:you|u) (?:texted|messaged|"
    r"sent|"
    r"checked)\b",
    r"\b(?:can|could) (?:i|ive|i have|i get|we have|we get|you send me|you give me|u send me) "
    r"more(?: of (?:them|these|those|it|this|the texts|the messages|your texts))?(?:$| \||"
    r"\s+qmark)",
    r"\b(?:hear from (?:you|u)|hear off (?:you|u)) more\b",
    r"\bnot (?:hearing|heard) (?:from|off) (?:you|u) (?:enough|much)\b",
    r"\b(?:clywed|glywed) (?:gennych|gen ti|gynnoch|mwy|yn amlach)\b(?=.*\b(?:mwy|amlach|bob)\b)",
    # Added after heldout3 (development data): "extra support this week", "keep em coming",
    # "got any more tips? send them my way", "I need more from you", "more motivation please",
    # "not hearing much from you, could you message more", "ga i fwy?".
    r"\b(?:extra|more|a bit more|bit more|a little more|some more|additional|a lot more|much more|"
    r"loads more) (?:support|help|encouragement|motivation|motivating|tips|check ins|reminders|"
    r"texts|messages|contact|pep talks?|cheerleading)\b",
    r"\bkeep (?:em|them|those|these|the texts|the messages|the tips|the reminders|the check ins) "
    r"(?:coming|going)\b",
    r"\b(?:got|have you got|you got|do you have|any|are there|is there) anymore (?:tips|advice|"
    r"ideas|"
    r"suggestions|texts|messages|of (?:these|those|them))\b",
    r"\bsend (?:them|em|it|those|more|some|any|loads) (?:my way|over|through)\b",
    r"\bmore (?:from (?:you|u)|of (?:you|u|these|your \w+))\b",
    r"\b(?:more|extra) (?:motivation|encouragement|support|cheer|positivity)\b",
    r"\bnot (?:hearing|heard|getting) (?:much|a lot|many \w+|enough|anything) (?:from|off) "
    r"(?:you|u)\b",
    r"\b(?:you|u) (?:text|message|contact|check in|check on|ping|write)\w* (?:me |us )?(?:a bit |"
    r"bit |a little |a lot )?more\b(?! than)",
    r"\b(?:ga i|gaf i|alla i gael|gallu i gael|ge i|allwch chi (?:anfon|yrru)) (?:mwy|rhagor)\b"
    r"(?= plis| os gwelwch yn dda| qmark|$| o (?:negeseuon|tecsts|tips|gefnogaeth|help|gymorth)|"
    r" \|)",
)
# The quit date, however it is named ("my quit date", "the stop day", "my quit").
_THE_DATE = (
    r"(?:(?:my|the|our|me|a) (?:quit|stop|stopping|quitting|start|smoke free) (?:date|day)|"
    r"(?:my|the) quit(?! smoking)|(?:quit|stop) dates?)"
)
_NEW_DATE = (
    r"\bnew\s+(?:quit\s+)?(?:date|day|start)\b",
    r"\breset\b(?!\s+(?:my\s+)?(?:shifts?|rota|quiet|hours))",
    r"\b(?:change|reset|move|set|pick|choose|push back|pushback|postpone|delay)\s+"
    r"(?:a |my |the |another |new )*(?:quit\s+)?(?:date|day)\b",
    r"\bdifferent\s+(?:quit\s+)?(?:date|day)\b",
    r"(?<!wont )(?<!doesnt )(?<!didnt )(?<!wouldnt )(?<!cant )(?<!wont even )"
    r"\bstart(?:ing)?\s+(?:again|over|afresh|fresh|from scratch)\b",
    r"\bbegin(?:ning)?\s+again\b",
    r"\bre ?start(?:ing)?\s+(?:my|the)?\s*(?:quit|attempt|programme|program|again)\b",
    r"\b(?:try|trying|have a go|another go|another try|another attempt|one more go|"
    r"give it another go|give it another try)(?! me\b)\s*(?:again|at quitting|at stopping)?\b"
    r"(?=.*\b(?:again|another|more)\b)",
    r"\banother\s+(?:go|try|attempt|crack)\b",
    r"\b(?:go|going|have a go|do it|doing it) again\b",
    r"\bfresh start\b",
    r"\bready to (?:quit|stop|go) again\b",
    r"\bquit again\b",
    r"\bback on (?:it|the wagon|track)\b(?=.*\b(?:want|ready|need|lets|let s|going to)\b)",
    # Welsh
    r"\bdyddiad\s+(?:newydd|arall)\b",
    r"\bnewid\s+(?:y |fy |yr |ei )?(?:dyddiad|nyddiad|diwrnod|niwrnod)\b",
    r"\bdechrau\s+(?:eto|o'r newydd|o r newydd|o yr newydd|yn ol|drosodd)\b",
    r"\b(?:trio|drio|ceisio|geisio|cynnig|gynnig)\s+(?:eto|unwaith eto|arall)\b",
    r"\bcynnig arall\b",
    r"\bail ?(?:gychwyn|ddechrau|gynnig)\b",
    r"^(?:restart|re start)(?: please| qmark)?$",
    r"\bset (?:it )?(?:all )?up again\b",
    r"\b(?:alla i|ga i|gaf i) (?:ddechrau|ail ddechrau|gychwyn) (?:eto|o r newydd)\b",
    r"\bsymud y (?:dyddiad|diwrnod)\b",
    r"\b(?:bring|move) (?:my |the )?(?:quit )?(?:date|day) forward\b",
    r"\bdate\b.*\bchange it\b",
    r"\bgallu i (?:ddechrau|ail ddechrau|gychwyn) (?:eto|o r newydd)\b",
    # Moving the date in other words: "move it to friday", "push my quit date back",
    # "reschedule", "shift it a day later", "can my stop date be after my nights", "gohirio"
    rf"\b(?:move|push|shift|bump|knock|change|switch|swap)\s+(?:it|that|this|things|"
    rf"everything|{_THE_DATE})\s+(?:back|forward|forwards|to|till|until|til|by|later|earlier|"
    rf"a day|a week|a few days|another|after|before|next)\b",
    rf"\b(?:put|bring|pull|set)\s+(?:it|that|things|everything|{_THE_DATE})\s+(?:back|forward|"
    rf"forwards|later|earlier)\b",
    r"\b(?:reschedule|rearrange|re arrange|re schedule|postpone|defer)\b",
    rf"\b(?:delay|put back|push back|put off|hold off|hold back on) (?:it|quitting|stopping|"
    rf"my quit|the quit|{_THE_DATE})\b",
    rf"\b{_THE_DATE}\b.*\b(?:after|instead|later|earlier|clash\w*|move|moved|change|changed|"
    rf"different|not ready|too soon|bad timing|wont work|doesnt work|isnt going to work|no good|"
    rf"not good|not going to work|not gonna work|rubbish|wedding|holiday|birthday|"
    rf"postpone\w*|push\w*)\b",
    r"\bnot ready (?:for|to start|to quit|to stop|by|on)\b.*\b(?:instead|next|after|later|"
    r"another|different)\b",
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|next week|the week after|"
    r"the weekend|next month|the month after|after christmas|the new year|\d+(?:st|nd|rd|th)?) "
    r"instead\b",
    r"\b(?:make|do|have) it (?:next|on|the|a|after|in)\b.*\binstead\b",
    r"\bgohiri\w*\b",
    r"\bsymud (?:y |fy |r |yr )?(?:dyddiad|diwrnod|fo|hi|e|o)\b",
    r"\bdyddiad (?:stopio |rhoi r gorau |rhoi yr gorau |i stopio )?(?:newydd|arall|gwahanol)\b",
    r"\b(?:dewis|ddewis|cael|gael|pigo|bigo|gosod|osod) (?:\w+ )?(?:diwrnod|dyddiad|dydd) "
    r"(?:newydd|arall|gwahanol)\b",
    # Added after heldout3 (development data): "making saturday my day 1", "restart the clock",
    # "start me over", "a fresh date", "new attempt", "monday works better for me to stop",
    # "my quit day lands on a long day, can we swap it".
    r"\b(?:make|making|made|have|having|set|setting|move|moving|pick|picking|choose|call|calling|"
    r"want|be) (?:\w+ ){0,3}(?:my|the) (?:new )?(?:day (?:1|one)|first day|start day|quit day)\b",
    r"\b(?:tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next week|"
    r"the weekend)"
    r" (?:is|will be|can be|could be|as|to be) (?:my |the )?(?:new )?(?:day (?:1|one)|first day|"
    r"quit day|stop day)\b",
    r"\b(?:restart|reset|re start|start|zero|wipe)(?:ing)? (?:the|my|our) (?:clock|count|counter|"
    r"timer|streak|countdown|day count|tally)\b",
    r"\bstart (?:me|us|it|things|everything|the whole thing|it all) (?:over|again|afresh|fresh|"
    r"from scratch)\b",
    r"\b(?:fresh|another|later|earlier|better|other) (?:quit |start |stop |stopping |quitting )?"
    r"date\b",
    r"\b(?:new|fresh) (?:attempt|go|try|quit attempt|start)\b",
    r"\b(?:works|work|would work|suits|suit|would suit|fits|fit|would be|is|be) (?:me |us )?"
    r"(?:better|best)\b(?=.*\b(?:to|for) (?:stop|quit|start|stopping|quitting|starting)\b)",
    rf"\b{_THE_DATE}\b.*\b(?:swap|switch|shift|lands|falls|land|fall|lands on|clashes|"
    rf"rearrange|sort)\b",
    r"\b(?:change|move|rethink|switch) (?:when|the day|what day|which day|the date) (?:i|im|i am|"
    r"we) (?:stop|quit|start|stopping|quitting|starting|give up)\b",
    r"\b(?:symud|newid|gohirio|ohirio) (?:fy |y |yr |r )?(?:dyddiad|diwrnod|nyddiad) (?:stopio|"
    r"rhoi r gorau|i stopio|newydd|cychwyn|dechrau)\b",
)
# How many, said as a word or a number ("2", "four", "a couple", "just the one", "dau").
_SAID_COUNT = (
    r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twenty|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|thirty|forty|a couple|couple|"
    r"a couple of|couple of|a few|few|just the one|the one|un|dau|dwy|tri|tair|pedwar|pump|cwpl|"
    r"chwech|saith|wyth|naw|deg|bump|bedwar|ddau)"
)
_SLIP = (
    # "i had one", "had a fag", "had 2 fags", "had a couple", "had a sneaky one"
    rf"\b(?:had|have had|smoked|bought|bummed|cadged|nicked|borrowed|took|lit|sparked|"
    rf"ad|ave had)\s+{_QTY}?\s*(?:of\s+)?(?:sneaky\s+|quick\s+|cheeky\s+|little\s+|wee\s+|"
    rf"small\s+|crafty\s+|tiny\s+)?"
    rf"(?:cigarettes?|smokes?|puffs?|drags?|pulls?|tokes?|cigars?|baccy|tobacco|pack|packet|"
    rf"fags?)\b",
    rf"\b(?:had|ave had|have had|ad)\s+(?:about |like |maybe |around |only |just )?(?:one|1|"
    rf"a couple|a few|some|loads|\d{{1,2}}|two|three|four|five|six|seven|eight|nine|ten|twenty|"
    rf"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|thirty|forty|"
    rf"another|one more|a sneaky one|a cheeky one|a quick one|a few more|half a dozen|a dozen)\b"
    rf"(?!\s+{_NOT_A_CIG}\b)",
    r"\b(?:i|ive|i have|just|have|i just|already|accidentally|we)\s+(?:\w+\s+)?smoked\b",
    r"^smoked\b",
    r"\bsmoked\b(?!.*\b(?:used to|for \d+ years|for years|since i was|years ago|when i was)\b)",
    r"\bsmoked\s+(?:again|today|tonight|earlier|last night|this morning|at work|"
    r"on (?:my|the) break|\d+|one|two|a few|a couple|some|loads|half)\b",
    r"\b(?:slipped|slip up|slipped up|had a slip|had a lapse|lapsed|relapsed|relapse|"
    r"caved|caved in|gave in|given in|cracked|blew it|messed up|fell off the wagon|"
    r"fallen off the wagon|lit up|broke my quit|broken my quit|failed|screwed up|cocked up|"
    r"mucked up|buggered it up)\b",
    r"\b(?:back to|back on|started)\s+(?:smoking|the cigarettes|cigarettes)\b",
    r"\bsmoking again\b",
    r"\b(?:ive|i have|i|have|weve|been) been smoking\b",
    r"\b(?:i |just )?lit (?:one|a cigarette|a smoke|1)?\s*up\b",
    r"\b(?:i|im)\s+(?:am\s+)?smoking\s+(?:\d+|one|a few|some|again)\b",
    r"\bcouldnt (?:resist|help it|stop myself)\b",
    # Welsh: "wedi smygu", "ges i un", "smociais", "llithrais"
    r"\bwedi\s+(?:smygu|smocio|ysmygu|cael\s+(?:\S+\s+){0,2}(?:cigarettes?|un|dau|dwy))\b",
    r"\b(?:ges|ces|cefais|gefais|ge s|ce s)\s+(?:i\s+)?(?:\S+\s+)?(?:cigarettes?|un|dau|dwy|ddwy|"
    r"tair|dair|tri|dri|cwpl|pwff|\d{1,2}|chwech|saith|wyth|naw|deg|bump|bedwar|ddau|bwff|"
    r"llwyth)\b",
    r"\b(?:nes|wnes|mi wnes|gwnes)\s+i\s+(?:smygu|smocio|ysmygu|llithro)\b",
    r"\b(?:smociais|smygais|ysmygais|llithrais|methais)\b",
    r"\b(?:wedi|nes i|wnes i)\s+(?:llithro|methu)\b",
    r"\b(?:nes i|wnes i|dwi wedi|dw i wedi|rydw i wedi|wi wedi|dwi di|dwi i wedi) (?:torri|dorri)"
    r"\b|^wedi torri\b",
    r"\bllithr(?:o|iad)\b",
    r"\bprynais\s+(?:\S+\s+)?(?:cigarettes?|baced|paced)\b",
    r"\b(?:nes|wnes|mi wnes|gwnes)\s+i\s+(?:brynu|prynu|gael|cael)\b",
    r"\bsmygu eto\b",
    r"\bsmocio eto\b",
    r"\b(?:wedi cael|cael|ges i|ces i) (?:\w+ ){0,2}(?:ffag|ffags|smoc|sigarets?|cigarettes?)\b",
    r"\b(?:wedi )?(?:cael|ges i) (?:pump|pedwar|tri|dau|un|\d+) (?:heddiw|neithiwr|ddoe)\b",
    r"\bildio a smocio\b|\bwedi ildio\b",
    r"\bback on (?:them|the fags|the cigs)\b",
    r"^\d+ (?:cigarettes?|fags?|smokes?) (?:today|tonight|yesterday)\b",
    # A count and when, with no verb: "2 on my break", "four yesterday", "1 cig at lunch"
    rf"^(?:just |only |so |erm |um |well )?{_SAID_COUNT}(?: (?:cigarettes?|smokes?|of them|bach|"
    rf"slei|sneaky|cheeky))? (?:today|yesterday|tonight|last night|this morning|this afternoon|"
    rf"this evening|earlier|on (?:my|the|me|a) (?:\w+ )?(?:break|breaks|way|walk|lunch|drive|"
    rf"night out)|at (?:lunch|work|break|the pub|the party|the weekend|a party|a do)|"
    rf"after (?:work|"
    rf"shift|my shift|the shift|tea|dinner|nights)|before (?:work|bed|my shift)|over the weekend|"
    rf"in the car|ddoe|heddiw|neithiwr|yn y car|ar (?:fy|y) (?:egwyl|brec|ffordd))\b",
    rf"^(?:just |only |so )?{_SAID_COUNT} (?:cigarettes?|smokes?|puffs?|drags?)\b(?! (?:a|per|"
    rf"every) (?:day|week)\b| (?:wont|would|will|cant|could|is all|left|in the|would be)\b)",
    r"\b(?:sparked|sparks|sparking)\s+(?:one|1|a cigarette|a smoke|up)\b",
    r"\blit (?:one|1|a cigarette|a smoke|another)\b",
    r"\b(?:nicked|bummed|cadged|pinched|borrowed|scrounged|blagged|took|accepted|grabbed)\s+"
    r"(?:one|1|a cigarette|a couple|a few|two|some|a drag|a puff)\s+(?:off|from|of)\b",
    r"\b(?:smocies|smoces|smocis|smygies|smyges|ysmyges)\b",
    r"\b(?:rhois|rhoddais|rhoies|nes i roi|wnes i roi|wedi rhoi) (?:i )?(?:mewn|fewn)\b",
    r"\b(?:ildiais|ildies)\b",
    r"\b(?:nes|wnes|mi wnes|gwnes|wedi) (?:i )?(?:fethu|lithro|dorri|ildio)\b",
    r"^(?:slip|slipped|lapse|lapsed|relapse|relapsed)$",
    # Smoking said with an apology or over a stretch: "smoking all weekend, sorry", "smocio
    # drwy'r penwythnos, sori"
    r"\b(?:smoking|smygu)\b(?: \w+){0,4} (?:sorry|sori)\b",
    r"\b(?:smygu|smoking) (?:drwy|trwy|all|through|throughout) (?:yr |r |the )?(?:penwythnos|"
    r"weekend|dydd|day|nos|night|shift|shifft)\b",
    # Added after heldout3 (development data): "had a cheeky couple", "the lads offered and I took
    # one", "got through my whole pouch of baccy", "confession time", "cymerais i bwff".
    rf"\b(?:had|smoked|ad|ave had|have had)\s+(?:a |an )?(?:sneaky|cheeky|quick|crafty|little|"
    rf"secret|naughty|sly)\s+(?:one|1|couple|few|two|three|cigarettes?|smokes?|puffs?|drags?)\b"
    rf"(?!\s+{_NOT_A_CIG}\b)",
    rf"\b(?:took|accepted|grabbed|had|smoked|bummed|cadged|nicked|pinched|scrounged)\s+(?:one|1|"
    rf"a cigarette|a couple|a few|two|some)\b(?!\s+{_NOT_A_CIG}\b)(?=.*\b(?:offered|offer|gave|"
    rf"handed|passed|lads|mates?|friends?|colleagues?|girls|someone|somebody)\b)",
    rf"\b(?:offered|offer|gave|handed|passed|lads|mates?|friends?|colleagues?|girls)\b.*\b(?:took|"
    rf"accepted|grabbed|had|smoked)\s+(?:one|1|a cigarette|a couple|a few|two|some)\b"
    rf"(?!\s+{_NOT_A_CIG}\b)",
    r"\b(?:offered|gave|handed|passed) (?:me )?(?:one|1|a cigarette|a drag|a puff|a smoke)\b"
    r".*\b(?:took|accepted|had|smoked|said yes|caved|couldnt say no|didnt say no)\b",
    r"\b(?:got|gone|went|burned|burnt|blasted|ploughed|powered|worked) (?:my way )?through "
    r"(?:\w+ ){0,3}(?:pack|packs|packet|packets|pouch|pouches|cigarettes|tobacco|baccy|"
    r"twenty|20|ten|10)\b",
    r"\b(?:finished|polished off|smoked) (?:off )?(?:the |a |my |half a |half the |a whole |the "
    r"whole |my whole )(?:pack|packet|pouch|cigarettes)\b(?! of (?:gum|patch\w*|lozenges?|mints|"
    r"sweets|nicotine|chewing|nrt|microtabs))",
    r"\bended up (?:having|smoking|buying|with|lighting|sparking) (?:a few|one|some|loads|"
    r"a couple|"
    r"\d+|a pack|a cigarette|a smoke|a puff|a drag|two|three|several)\b",
    r"\b(?:confession|confess|confessing|own up|owning up)\b|\bhands up\b(?= (?:i|ive|had|smoked|"
    r"lit|i had|i smoked)\b)",
    r"\b(?:cymerais|gymerais|cymres|gymres|cymeres|gymeres|nes i gymryd|wnes i gymryd|wedi "
    r"cymryd|wedi cymeryd) (?:i )?(?:\w+ ){0,2}(?:cigarettes?|pwff|bwff|smoc|drag|un|mwgyn|"
    r"ffag)\b",
)
_CRAVING = (
    r"\b(?:craving|cravings|crave|craved|urge|urges|tempted|temptation|tempting)\b",
    r"\b(?:need|needing|want|wanting|fancy|fancying|dying for|gagging for|desperate for|"
    r"could murder|could kill for|would kill for|itching for|gasping for|mad for|"
    r"could do with|could really do with|gonna have|going to have|about to have|"
    r"about to buy|going to buy|gonna buy)\s+(?:a |an |one |1 |another |some |just one |"
    r"a quick |a sneaky |a cheeky |)(?:cigarettes?|smokes?|puffs?|drags?|pull|one|1|baccy)\b",
    r"\b(?:want|wanting|need|needing|going|gonna|about|dying|desperate|tempted|close|itching)"
    r"\s+(?:to|2)\s+(?:smoke|have a cigarette|have one|light up|spark up|buy|cave|give in)\b",
    r"\b(?:wanna|gotta)\s+(?:smoke|have one)\b",
    r"\b(?:nearly|almost|so close to|close to)\s+(?:had|have|having|smoked|smoking|caved|buying|"
    r"lighting|getting|caving|giving in|going|nipping|"
    r"gave in|bought|lit|buy|give in)\b",
    r"\bcant stop thinking (?:about|of)\s+(?:smoking|cigarettes?)\b",
    r"\b(?:hard|tough|difficult|struggling|struggle|battle|battling|fighting)\s+(?:not to|to not|"
    r"not)\s+(?:smok|light|spark|have (?:one|a cigarette|a smoke)|buy|cave|give in|crack)",
    r"\bstruggling\b(?!.*\b(?:mood|mentally|sleep|sleeping)\b)",
    r"\b(?:need|want|craving|crave|gasping for)\s+(?:some\s+|my\s+)?nicotine\b",
    r"\b(?:withdrawal|withdrawals|climbing the walls|jonesing|fiending|rattling)\b",
    r"\bneed (?:one|1)\b",
    r"\bwant (?:one|1) (?:so|really|badly|bad|now)\b",
    r"\bfe(?:el|eling|elin) like (?:a |having a |having one|smoking|a cigarette|cigarette|"
    r"a smoke)",
    r"\breally want (?:one|1)\b",
    r"\bhelp me not\b",
    r"\b(?:about to|going to|gonna|nearly|almost)\s+(?:go\s+)?(?:buy|get|bought|got)\s+(?:a |"
    r"some )?"
    r"(?:pack|packet|cigarettes?|baccy|tobacco|20|ten)\b",
    r"\b(?:one|1) wont hurt\b",
    r"\bjust one\b",
    # Welsh: "chwant", "ysfa", "eisiau smoc", "marw am ffag", "bron a smygu"
    r"\b(?:chwant|ysfa|awydd|blys)\b",
    r"\b(?:eisiau|angen|isio|ffansi)\s+(?:\S+\s+)?(?:cigarettes?|smygu|smocio|ysmygu|un)\b",
    r"\bmarw am\s+(?:\S+\s+)?(?:cigarettes?|smygu|smocio|un)\b",
    r"\bbron\s+(?:a|i|ag)?\s*(?:mi |fi )?(?:mynd i |mynd a )?(?:smygu|smocio|cael un|prynu|brynu|"
    r"phrynu|ildio|"
    r"gael un)\b",
    r"^(?:im |i am |so |proper )?(?:gasping|gagging|desperate|clucking|rattling|itching|fiending)"
    r"(?: for one| for it| here| now| mate)?$",
    r"\banodd peidio\b",
    r"\bmor anodd\b",
    r"\bcael trafferth\b",
    r"\bysu am\b",
    r"\b(?:give anything|do anything|kill) for a (?:smoke|cigarette|fag|cig)\b",
    r"\bcant stop (?:thinking|thinkin) (?:about|bout|of) (?:having|a|one|smoking)\b",
    r"\b(?:so close to|close to|about to) (?:walking|going|heading|nipping) (?:to|down) "
    r"the (?:garage|shop|shops|offie)\b",
    r"\b(?:deserve|earned) a (?:smoke|cigarette|fag|cig)\b",
    r"\bmouth (?:is )?watering for\b",
    # Regional and vivid: "clammin for a tab", "bostin for a fag", "screaming for a cig",
    # "all I can think about is a fag", "gonna crack", "the want is massive"
    r"\b(?:screaming|clamming|clammin|clemmed|clemming|bosting|bostin|gagging|gasping|dying|"
    r"desperate|itching|aching|begging|crying out|hanging|hankering|longing|yearning|pining|mad|"
    r"rattling|jonesing|lusting|starving|parched|choking|spitting|chomping at the bit|busting|"
    r"bursting|twitching|climbing the walls)\s+(?:out\s+)?for\s+(?:a |an |one |some |my |another "
    r"|just one |a quick |a sneaky |a cheeky )?(?:\w+ )?(?:cigarettes?|smokes?|nicotine|puffs?|"
    r"drags?|one|twenty|20|ten|10|a few)\b",
    r"\ball (?:i|im|i can|i keep) (?:can |keep )?(?:think|thinking|dream\w*) (?:about|of|bout)\b"
    r"(?: is)?(?: \w+){0,4} (?:cigarettes?|smok\w*|nicotine|twenty|20|ten|buying|a pack|packet|"
    r"one|puffs?|drags?)\b",
    r"\ball i (?:want|need|fancy|crave) (?:right now |rn |now )?is (?:a|one|my|some|just)\s+"
    r"(?:\w+ )?(?:cigarettes?|smokes?|puffs?|drags?)\b",
    r"\b(?:mouth|mouths|mouths is|mouth is)\b.*\bwatering\b",
    r"\b(?:going to|gonna|about to|gunna|could|might|close to|nearly) (?:crack|cave|break|"
    r"give in|snap|fold)\b",
    r"\btalk me (?:down|out of (?:it|one|this|smoking|buying))\b",
    r"\b(?:give me|gimme|need|tell me|i need) (?:a |one |some )?(?:good )?reasons? not to\b",
    r"\b(?:im|i am|i m) (?:just |literally |actually )?about to(?: cave| go| do it| give in)?$",
    r"\b(?:wants|wanted|needs) (?:a |one |another )?(?:cigarettes?|smokes?|puffs?)\b",
    r"\bthe (?:want|urge|pull|itch|need|craving|cravings) (?:is|are|it)\b",
    r"\b(?:keep|keeps|kept) (?:thinking|think) (?:about|of|bout) (?:a |having a |having one|"
    r"smoking|cigarettes?|buying)\b",
    r"\b(?:eyeing|eyeing up|staring at) (?:\w+ ){0,3}(?:cigarettes?|pack|packet|the garage|"
    r"the shop)\b",
    r"\b(?:need|want) (?:a |my )?(?:nicotine|fix|nic) (?:fix|hit)\b",
    r"\b(?:isio|eisiau|angen|awydd) (?:\w+ ){0,2}(?:mwgyn|smoc|ffag)\b",
    # Added after heldout3 (development data): the pull described rather than named.
    # "need something to take my mind off smoking", "patting my pocket for a lighter", "the
    # habit is screaming at me", "thinking about fags non stop", "could smoke one easy right
    # now", "staring at the tobacco", "desperate am un".
    r"\b(?:take|get|keep|taking|getting|keeping) my (?:mind|head|brain|thoughts) off (?:smoking|"
    r"cigarettes?|it|the cigarettes?|nicotine)\b",
    r"\b(?:distract|distraction|distracting) (?:me )?(?:from )?(?:smoking|the cigarettes?|"
    r"cigarettes?|the urge|it)\b",
    r"\b(?:reach|reaching|reached|patting|pat|looking|searching|feeling|went|go|going) (?:\w+ )"
    r"{0,3}for (?:a |my |the )?(?:lighter|cigarettes?|pack|packet|tobacco|baccy|pocket|pockets)\b",
    r"\b(?:one|1|just one|a single one|one little one|just the one)\b (?:\w+ )?(?:wont|wouldnt|"
    r"will not|would not|cant|doesnt|isnt going to|aint gonna) (?:hurt|matter|harm|count|kill|"
    r"make a difference)\b",
    r"\b(?:thinking|thought|tempted|considering|might|could|may) (?:about |of |bout |just )?"
    r"(?:buy|buying|getting|going to buy|nipping out for|popping out for|picking up) (?:a |some |"
    r"\d+ |ten |twenty |a pack of )?(?:pack|packet|pouch|cigarettes|baccy|tobacco|\d+|ten|twenty)"
    r"\b",
    r"\b(?:could|would|can) (?:\w+ )?go (?:a|one|for a) (?:cigarette|smoke|puff|drag)\b",
    r"\b(?:would|id|i would|should) (?:\w+ ){0,2}(?:like|love|kill for|murder) (?:a|one|another) "
    r"(?:cigarette|smoke|puff|drag)\b(?! free)",
    r"\b(?:cigarette|smoke|nicotine|smoking|urge|urges)\b.*\b(?:hitting|hits|hit|kicking in|kicked"
    r" in) (?:me )?(?:hard|bad|badly|strong|big time|hard today|now)\b",
    r"\b(?:habit|addiction|nicotine|brain|body|head|monster|addict|gremlin)\b(?: \w+){0,2} "
    r"(?:is |s |keeps |keep |)(?:screaming|shouting|nagging|begging|yelling|calling|whispering|"
    r"pulling|telling me to|screams|shouts|nags|calls)\b",
    r"(?<!stopped )(?<!not )(?<!never )(?<!barely )(?<!hardly )(?<!less )\bthinking (?:about|of|"
    r"bout) (?:cigarettes?|smoking|a cigarette|having (?:one|a cigarette)|one|lighting up)\b"
    r"(?! (?:less|again)\b)",
    r"\b(?:could|would|can) (?:\w+ )?(?:smoke|have|light|spark|demolish|murder|inhale) (?:one|a "
    r"cigarette|a pack|a whole pack|twenty|20|the lot|a smoke)\b(?! (?:day|week)\b)",
    r"\b(?:staring|stared|looking|eyeing|gawping|gazing) (?:at|longingly at) (?:\w+ ){0,4}"
    r"(?:cigarettes?|tobacco|baccy|lighter|kiosk|smoking shelter|smokers|smoking area|"
    r"vape shop)\b",
    r"\b(?:desperate|gagio|ysu|dyheu|marw|crefu) (?:am|i gael) (?:\w+ )?(?:un|smoc|cigarettes?|"
    r"mwgyn|ffag|drag|pwff)\b",
    r"\b(?:ysu|marw|gagio|torri fy mol) (?:am|i gael) (?:\w+ )?(?:cigarettes?|smoc|mwgyn|ffag)\b",
)
_LOW_MOOD = (
    r"\b(?:feel|feeling|felt|im|i am|so|really|very|bit|a bit|proper|well|just|been|"
    r"getting|totally|absolutely|pretty|quite|kinda|bloody)\s+(?:very\s+|so\s+|really\s+)?"
    r"(?:low|down|rubbish|crap|shit|shite|awful|terrible|miserable|sad|depressed|anxious|"
    r"stressed|stressed out|fed up|rough|horrible|grim|gutted|upset|lonely|overwhelmed|"
    r"emotional|tearful|teary|on edge|irritable|moody|ratty|snappy|grumpy|wound up|worried|"
    r"hopeless|useless|crappy|meh|blue|flat|lost|angry|frustrated|knackered|exhausted|"
    r"drained|broken|numb|empty|nervous|panicky|shaky|wobbly|tired|weepy)\b",
    r"\b(?:bad|shit|crap|rough|awful|horrible|terrible|worst|hard|tough|stressful|"
    r"shitty|crappy|rubbish|grim|miserable|difficult)\s+(?:day|night|shift|week|time|one)\b",
    r"\bnot (?:a )?(?:great|good|nice) (?:day|night|shift|week)\b",
    r"\bfe(?:el|eling|lt) like (?:crap|shit|rubbish|death|hell|garbage|poo|a failure)\b",
    r"\bnot (?:feeling |doing )?(?:great|good|ok|okay|too good|so good|the best|well|brilliant)\b",
    r"\b(?:crying|sadface|cried|cry|in tears|in bits|tears)\b",
    r"\b(?:depression|anxiety|stress|panic attack|mental health|my mood|in a (?:right |bit of a |"
    r"foul |bad |proper |real |)mood|low mood|"
    r"fed up|cant cope|not coping|getting on top of me|on top of me|at the end of my rope|"
    r"had enough|so tired|everything is too much|all too much|bit much)\b",
    r"^(?:sad|low|down|rubbish|meh|ugh|urgh|miserable|anxious|stressed|shit|crap|awful|"
    r"tired|knackered|sadface|crying|sigh|fml)$",
    # Welsh: "teimlo'n isel", "yn drist", "digalon", "dan straen", "wedi cael llond bol"
    r"\bddim yn (?:teimlo yn |teimlo )?(?:dda|grêt|gret|wych|iawn)\b",
    r"\b(?:isel|trist|drist|digalon|pryderus|poeni|anhapus|unig|blinedig|wedi blino|ofnus|nerfus|"
    r"dan straen|llond bol|diflas|ofnadwy|crio|dagrau|torri calon|torcalon|rhwystredig|"
    r"flin|pigog|ddim yn dda|ddim yn grêt|ddim yn gret|wedi laru|di laru|hwyliau drwg|"
    r"mewn hwyliau|diwrnod gwael|diwrnod anodd|shifft anodd|noson anodd|diwrnod ofnadwy)\b",
    r"\bstressed (?:to bits|out of my mind|out|to death|beyond|with|about|by|over|at)\b",
    r"\b(?:lonely|tamping|miserable|snappy|down in the dumps)\b",
    r"\b(?:a )?(?:low|bad|down) day\b",
    r"\bmor stressed\b|\bstressed efo\b",
    r"\bddigalon\b",
    r"\b(?:grumpy|ratty|moody|low|miserable|flat|teary|tearful|snappy|narky|mardy|crabby|"
    r"irritable)"
    r"\s+(?:and|n|as hell|as anything|as fuck|all day|today|tonight|af)\b",
    r"(?<!up )\band (?:low|down|grumpy|teary|flat|miserable|tearful|anxious|stressed|irritable|"
    r"ratty|snappy|moody|weepy|fed up|on edge)\b",
    r"\bmoods? (?:is |s )?(?:in the (?:bin|gutter|toilet|dumps)|on the floor|rock bottom|through "
    r"the floor|all over the place|shot|terrible|awful|rubbish|crap)\b",
    r"\b(?:ddiflas|ddigalon|flinedig|bryderus)\b",
    # Added after heldout3 (development data): "stressed to the eyeballs", "everything is getting
    # on my nerves", "keep welling up", "cranky as hell", "cant shake this bad mood", "like a bear
    # with a sore head", "sick of everyone", "wi'n grac".
    r"^(?:so |really |very |proper |well |totally |just |bit |a bit |feeling |getting )?"
    r"(?:stressed|anxious|miserable|depressed|fed up|gutted|grumpy|ratty|moody|cranky|irritable|"
    r"snappy|teary|weepy|tearful|narky|tetchy|mardy|crabby|stroppy|short tempered|on edge|"
    r"wound up|edgy|fragile|emotional|overwhelmed)\b",
    r"\b(?:im|i am|i m|feel|feeling|felt|been|so|really|proper|very|bit|a bit|well) (?:so |"
    r"really |"
    r"proper |well |a bit |bit |very )?(?:cranky|narky|tetchy|mardy|crabby|stroppy|short tempered|"
    r"edgy|fragile|agitated|restless|irritated|irritable|tense|uptight|het up|out of sorts|"
    r"not myself|not right|all over the place|a mess|a wreck|a nervous wreck|at breaking point|"
    r"at the end of my tether|sick of it)\b",
    r"\bstressed (?:to the \w+|up to (?:my|the) \w+|beyond belief|like never before|as hell)\b",
    r"\b(?:getting|gets|get|got) (?:on|under) my (?:nerves|wick|skin|tits)\b|\bon my last nerve\b",
    r"\b(?:everything|everyone|everybody|people|it all|the world|life) (?:is )?(?:getting|gets) "
    r"(?:on|to) me\b",
    r"\b(?:welling up|welled up|well up|tearing up|teared up|tear up|filling up|burst into tears|"
    r"bursting into tears|blubbing|blubbering|sobbing|weeping|bawling|howling|on the verge of "
    r"tears)\b",
    r"\b(?:bad|foul|low|awful|terrible|black|rotten|shit|crap|horrible|filthy|stinking|grumpy|"
    r"dark|vile) (?:mood|moods|headspace)\b",
    r"\bbear with a sore head\b|\bshort fuse\b|\bshort tempered\b|\bbite (?:everyones|"
    r"someones|peoples) head off\b|\bsnapping at (?:everyone|people|the kids|my|him|her)\b",
    r"\b(?:sick|fed up|tired) (?:and tired )?of (?:everyone|everybody|everything|people|it all|"
    r"the world|myself|life|feeling like this)\b",
    r"\bstress(?:ing|es|ed) me(?: out)?\b|\b(?:im|i am|feeling|so|really|proper) stressed out\b",
    r"\b(?:driving|drives|drove) me (?:mad|crazy|nuts|insane|up the wall|round the bend|potty|"
    r"bonkers|spare)\b",
    r"\b(?:grac|crac|biwis|bwdlyd|pwdlyd|piwis|cranc|crancllyd|blin|tymer ddrwg|mewn tymer)\b",
)
_NRT = (
    r"(?:\bnrt\b|\bpatch(?:es)?\b|\bgum\b|\blozenges?\b|\binhalator\b|\binhaler\b|"
    r"\bmouth ?spray\b|\bnasal spray\b|\bnicotine spray\b|\bspray\b|\bmicrotabs?\b|"
    r"\bmouth strips?\b|\boral strips?\b|\bnicotine replacement\b|\bnicotine pouch(?:es)?\b|"
    r"\bpouches\b|\bclytiau\b|\bclwt\b|\bpatsys\b|\bpatsh\b|\bgwm\b|\bchwistrell\b|\banadlydd\b|"
    r"\bamnewid nicotin\b|\blosin nicotin\b|\blosin\b|\bamnewid nicotine\b|\blosing nicotine\b)"
)
_VAPE = (
    r"(?:\bvape\b|\bvaping\b|\bvaped\b|\be ?cigs?\b|\be ?cigarettes?\b|\belectronic cigarettes?\b|"
    r"\beliquid\b|\bvape juice\b|\bjuice\b|\bcoils?\b|\bpods?\b|\belf ?bars?\b|\blost mary\b|"
    r"\bswap to stop\b|\bdisposables?\b|\bfepio\b|\bfep\b|\be sigaret\w*\b|\bsigaret electronig\b|"
    r"\be ?liquids?\b|\bnic salts?\b|\bsalt nic\b|\bnicotine salts?\b|\bfreebase\b|"
    r"\bshortfills?\b|"
    r"\bhylif\b|\bvape liquid\b|\bliquid (?:strength|strengths)\b|\bstrength (?:of )?liquid\b|"
    r"\b(?:what|which) (?:strength|mg) (?:liquid|juice)\b|\bcryfder hylif\b|\bgryfder hylif\b)"
)
_TABLETS = (
    r"(?:\bvarenicline\b|\bcytisine\b|\bzyban\b|\bbupropion\b|\btablets?\b|\bpills?\b|"
    r"\bstop smoking (?:medicine|medication|tablets?|pills?|drug)\b|\bmedication\b|"
    r"\btabledi\b|\btabled\b)"
)
# Medicine in general: tablets if no other aid is named ("is NRT free on prescription" is NRT).
_PRESCRIBED_RE = re.compile(
    r"\b(?:prescription|prescribed|meddyginiaeth|presgripsiwn|stop smoking (?:medicine|medication|"
    r"drug)|medication)\b"
)
_QUESTION = (
    r"(?:\bqmark\b|^(?:can|could|should|shall|is|are|do|does|did|will|would|how|what|when|"
    r"where|which|why|who|whats|hows|ok to|okay to|am i)\b|\b(?:can i|can you|should i|is it|"
    r"are they|do i|does it|how do|how long|how many|how much|what if|is there|are there|"
    r"any good|safe|side effects?|advice|allowed|ok to|okay to|work|works|worth|help with|"
    r"where do i get|where can i get|get hold of|free|tell me about|info on|information|"
    r"know about|alla i|ga i|ydy|ydi|ydyn|ble|sut|beth|pryd|pam|oes|a ddylwn|ydw i|lle|faint|"
    r"be (?:dwi|ti|sy|di|ydy|mae|dylwn|ddylwn)|pa|ddylwn i|dylwn i|which one|vs|versus)\b)"
)
_PROGRESS = (
    r"\bhow (?:am i|m i|im|is it) (?:doing|getting on|going|progressing)\b",
    r"\bhow (?:well )?(?:am i|have i been) doing\b",
    r"\bhow many (?:days|weeks|hours)\b",
    r"^how long(?: now| has it been| is it| so far)?(?: qmark)*$",
    r"\bhow long (?:have i|has it been|since|ive been|is it since|am i)\b",
    r"\bhow much (?:have i|money|ive|did i|will i|am i)\b",
    r"\b(?:money|cash) (?:saved|have i saved|ive saved)\b",
    r"\b(?:my|show me my|see my|check my|whats my)\s+(?:progress|stats|streak|score|total|"
    r"savings|days)\b",
    r"\b(?:days|weeks) (?:smoke ?free|smokefree|without (?:a )?(?:cigarette|smoke))\b",
    r"\bwhat day (?:is it|am i on|are we on)\b",
    r"\bwhich day am i on\b",
    r"^(?:progress|stats|streak|my progress|savings)$",
    r"\bam i doing (?:ok|okay|well|alright|good)\b",
    # Welsh
    r"\bsut (?:ydw i|dwi|dw i|rydw i|mae hi)(?: i)?\s+(?:yn\s+)?(?:gwneud|dod ymlaen|"
    r"dod yn fy mlaen|dod yn fy ymlaen|"
    r"dod mlaen|mynd)\b",
    r"\bfaint o (?:ddyddiau|ddiwrnodau|wythnosau|arian|bres|pres)\b",
    r"\bfaint (?:ydw i|dwi|rydw i) wedi (?:arbed|safio|cynilo)\b",
    r"\bfaint (?:sydd|sy) wedi\b",
    r"\bpa ddiwrnod\b",
    r"\bfy (?:nghynnydd|nghyfanswm)\b",
    r"\bcynnydd\b",
    r"\b(?:is it|been|am i at|am i on|have i (?:done|reached|hit|made|got to)|are we at) "
    r"(?:a|one|1|2|two|3|three|4|four|\d+) (?:week|weeks|month|months|days|fortnight)\b",
    r"\bhow far (?:off|from|away from|until|till|to)\b",
    r"^(?:streak|day count|days|count|record|my record)(?: qmark)*$",
    r"\bwhats my (?:record|streak|count|total|day count)\b",
    r"\bday count\b",
    r"\bsawl (?:diwrnod|wythnos|awr|mis)\b",
    r"\b(?:wedi )?cyrraedd (?:pythefnos|wythnos|mis|\d+ (?:diwrnod|wythnos))\b",
    # Money, how far and milestones: "how much dosh have I saved", "how far in am I",
    # "when's my 4 week mark", "total saved", "am I on day 10", "pryd fydd hi'n fis"
    r"\b(?:how much|whats|what is|what have|total|how many (?:pounds|quid))\b.*\b(?:saved|"
    r"saving|savings|spent|not spent|wasted|put away)\b",
    r"\b(?:saved|savings) (?:so far|til now|till now|up|to date|total|qmark)\b|^saved\b",
    r"\bhow much (?:\w+ ){0,3}(?:would ive|would i have|will i have|would have|would i|ive|"
    r"have i)\s+"
    r"(?:\w+ )?(?:saved|spent|not spent)\b",
    r"\bhow far (?:in|along|on|into it|am i|have i|have i got|have i come|ive come|weve come)\b",
    r"\bwhen(?:s| is| will| do| does| am| will i| do i| am i)? (?:my|i|i be|i hit|i reach|it be|"
    r"i get "
    r"to)\b.*\b(?:(?:\d+|one|two|three|four|six|eight|twelve|a) (?:weeks?|months?|wks?|years?)|"
    r"mark|"
    r"milestone|anniversary|fortnight)\b",
    r"\b(?:week|month|day|year|fortnight) (?:mark|milestone|anniversary|badge)\b",
    r"\b(?:am i on|am i at|is it|is today|today is|are we on|im on|i on|it day) day \d+\b",
    r"\b(?:how many|how long) (?:\w+ ){0,3}(?:smoke ?free|without (?:a )?(?:cigarette|smoke)|"
    r"since i (?:quit|stopped|stopped smoking|had))\b",
    r"\bpryd (?:fydd|bydd|fydda i|dwi|ydw i|fyddai|byddai|mae)\b.*\b(?:fis|mis|pythefnos|"
    r"flwyddyn|blwyddyn|\d+ (?:wythnos|diwrnod|mis))\b",
    r"\bar (?:ddiwrnod|diwrnod|wythnos|dydd) (?:\d+|rhif)\b",
    r"\bfaint o (?:dd(?:y|i)\w+|wythnos\w*|arian|bres|pres|amser|bunnoedd)\b",
    r"\bfaint (?:dwi|ydw i|rydw i|ti|wyt ti) (?:wedi )?(?:arbed|safio|cynilo|gwario)\b",
    # Added after heldout3 (development data): "whats the running total", "am I on track",
    # "give me an update on my quit", "ydw i'n gwneud yn iawn hyd yma", "cyfanswm", "wedi
    # cyrraedd pedair wythnos".
    r"\b(?:whats|what is|show me|give me|tell me|send me|hows) (?:the |my )?(?:running |grand |"
    r"current |overall )?(?:total|tally|score|count|numbers|figures|savings)\b",
    r"\b(?:am i|im|are we|is it|am i still|still) (?:still )?(?:on track|on course|on target|"
    r"going the right way|doing it right|heading the right way)\b",
    r"\b(?:update|summary|report|recap|rundown|round ?up|overview) (?:on|of|about) (?:my|the|how) "
    r"(?:quit|progress|journey|quitting|stats|numbers|savings|smoke free|stopping|attempt|i am|"
    r"im|its)\b",
    r"\b(?:give me|send me|can i have|can i get|can ive|could i get|id like) (?:an |a |my )?"
    r"(?:update|summary|recap|stats|progress report|progress update|round ?up|overview)\b",
    r"\b(?:dwi i|ydw i|dw i|dwi) (?:yn )?(?:gwneud|neud|dod ymlaen|dod mlaen) (?:yn )?(?:iawn|dda|"
    r"ok|well|alright)\b",
    r"\bcyfanswm\b|\bhyd (?:yma|yn hyn)\b(?=.*qmark)",
    r"\bcyrraedd (?:\w+ )?(?:wythnos|wythnosau|mis|misoedd|diwrnod|diwrnodau|pythefnos|"
    r"blwyddyn)\b",
)
_HELP = (
    r"\bwhat (?:can|do|does|could) (?:you|u|this|quitbot|the bot|it) do\b",
    r"\bwhat (?:do|can) you (?:offer|help with)\b",
    r"\bhow (?:does|do) (?:this|it|you|quitbot)(?: \w+)? work\b",
    r"\bhow do i use (?:this|you|it|quitbot)\b",
    r"\bwhat (?:are|r) (?:the |your )?(?:commands|keywords|key words|options|words)\b",
    r"\bwhat (?:can|do|should) i (?:text|say|type|send|reply|ask)\b",
    r"\bwhat (?:is|s) this\b",
    r"\bwho (?:are|r) (?:you|u)\b",
    r"\b(?:list of |the )?(?:commands|keywords|instructions|options|menu)\b",
    r"^(?:help|help me|help please|help pls|helpp|halp|info|menu|options|qmark|"
    r"qmark qmark|qmark qmark qmark)$",
    r"^help (?:me )?(?:out )?(?:here |please |pls )?(?:qmark)?$",
    r"\bi dont (?:know|understand) (?:how|what)\b",
    r"^what (?:do|should|can) i do(?: now| here)?(?: qmark)*$",
    r"\bconfused\b",
    # Welsh
    r"\bbeth (?:alli|elli|allwch|wyt ti|ydych chi|rwyt ti)(?: di| wedi| chi| ti)? (?:yn )?(?:ei )?"
    r"(?:wneud|gwneud)\b",
    r"\bsut mae (?:hwn|hyn|hwn yn|hyn yn|quitbot) (?:yn )?gweithio\b",
    r"\bbeth (?:yw|ydy|di) (?:hwn|hyn)\b",
    r"\bbeth (?:wyt ti|ydych chi|allwch chi|alli di|elli di)?\s*(?:yn )?gallu (?:ei )?(?:wneud|"
    r"gwneud)\b",
    r"\bbeth (?:gallu i|alla i) (?:ei )?(?:wneud|gwneud)\b",
    r"\bbeth (?:alla i|ga i|dylwn i|ddylwn i|gallu i) (?:ei )?(?:anfon|ddweud|dweud|deipio|"
    r"decstio)\b",
    r"^(?:cymorth|help|helpu|helpa fi|dewislen|opsiynau|gwybodaeth)$",
    r"\b(?:wyt ti|allwch chi|alli di) (?:yn )?(?:gallu )?helpu\b",
    r"\bgeiriau allweddol\b",
    r"\bwhat(?:s| is) (?:this|the) (?:service|bot|thing|app|programme|program) (?:for|about)\b",
    r"\bwhat am i (?:meant|supposed) to (?:reply|say|text|do|send)\b",
    r"\bwhat (?:kind|sort|type) of (?:stuff|things) can i (?:ask|say|text|send)\b",
    r"\bpwrpas\b",
    r"\bbe (?:ti|ti yn|wyt ti yn|dach chi yn|ych chi yn) (?:gallu )?(?:gwneud|neud)\b",
    r"\bpa eiriau\b",
    r"\bsut (?:dw i|dwi|ydw i) (?:yn )?(?:iwsio|defnyddio)\b",
    r"\bddim yn (?:dallt|deall) (?:be|beth) (?:dwi|dw i|ydw i) (?:fod|i fod)\b",
    r"\bwhat (?:can|do) (?:you|u) (?:actually |really )?do\b",
    r"\bpwynt y (?:gwasanaeth|peth|bot|rhaglen)\b",
    r"\bsut (?:dwi i|dw i|dwi|ydw i) (?:yn )?(?:iwsio|defnyddio)\b",
    # "what does this service actually do", "what can this bot help with", "how do the texts
    # work", "how do I work this thing", "can you explain what you do", "pa opsiynau"
    r"\bwhat (?:can|do|does|could|will|would|is) (?:you|u|it|this|that|quitbot|(?:the|this|your) "
    r"(?:bot|service|thing|app|programme|program|scheme|number|text service|texts))(?: \w+)? "
    r"(?:do|for|help with|help me with|offer|about)\b",
    r"\bhow (?:this|it|the (?:texts|messages|bot|service|thing|app|programme|program|scheme)|"
    r"these "
    r"texts|you|quitbot) (?:all |actually |even )?works?\b",
    r"\bhow (?:do|does|will|would|is) (?:i|one|we) (?:use|work|operate|start|answer|reply to|get "
    r"started with) (?:this|you|it|quitbot|the \w+)\b",
    r"\bexplain (?:what|how) (?:you|this|it|the \w+|quitbot)\b",
    r"\bwhat happens (?:if|when) i (?:reply|text|send|answer|respond|write)\b",
    r"^(?:qmark )*(?:help|cymorth|info|menu|commands)(?: qmark)*$",
    r"\bpa (?:opsiynau|ddewisiadau|dewisiadau|orchmynion)\b",
    r"\bbeth (?:alla i|ga i|dylwn i|ddylwn i|gallu i|ydw i fod i) (?:ei )?(?:ofyn|gofyn|holi)\b",
    # Added after heldout3 (development data): "what are you actually able to help with", "so
    # how's this meant to work", "is this a bot?", "can you explain what happens now", "lost me
    # there", "how do I change my settings", "what sort of stuff do you know about", "be alla i
    # neud efo hwn", "dwi'm yn siwr sut i iwsio hwn", "dwi ddim yn dallt".
    r"\bwhat (?:are|r) (?:you|u) (?:\w+ )?(?:able to|good for|here for|capable of|for|meant to "
    r"do|supposed to do|there for)\b",
    r"\bwhat (?:can|could|do|will) (?:you|u) (?:\w+ )?help (?:with|me with|out with)\b",
    r"\bhows? (?:this|it|that|the (?:texts|messages|bot|service|thing|app|programme|program|"
    r"scheme|system)|these texts)(?: all)? (?:meant|supposed|going|gonna|s meant) to work\b",
    r"\bhow (?:is|s|was) (?:this|it|that|the \w+) (?:meant|supposed) to (?:work|help|go)\b",
    r"\b(?:is this|are you|r u|are u|is it|am i (?:talking|texting|chatting) (?:to|with)|is that)"
    r" (?:just )?(?:a |an )?(?:bot|robot|computer|machine|ai|automated|chatbot|automatic|program|"
    r"auto reply|autoreply)\b",
    r"\b(?:explain|tell me) (?:what happens|how (?:it|this|things|you) works?|the (?:process|"
    r"steps|options|rules)|what (?:to do|i do|i should do|you do))\b",
    r"\bwhat happens (?:now|next|then)(?: qmark)*$",
    r"\b(?:you |u )?lost me\b|\bim (?:a bit |so |totally )?lost(?: here| qmark|$)|"
    r"\bdont (?:follow|get it|get what you mean|understand (?:that|this|you|it|the question))\b",
    r"\bwhat do (?:you|u) mean\b",
    r"\b(?:purpose|aim|point) of (?:this|the|these|you|quitbot)(?: \w+)? (?:service|bot|texts|"
    r"messages|programme|program|scheme|thing|app)?\b(?<!point of this)(?<!point of the)",
    r"\bwhat (?:this|it|the \w+|this thing|this service|this number|these texts) (?:is|are|s) "
    r"(?:for|about|meant to be)\b",
    r"\b(?:dont|do not) (?:get|understand|know|really know) what (?:im|i am|i m|i was|we are|were)"
    r" (?:supposed|meant) to\b",
    r"\b(?:change|update|edit|see|check|view|manage|adjust|alter|set) (?:my |the )?(?:settings|"
    r"preferences|prefs|options|profile|account settings)\b",
    r"\b(?:forgot|forgotten|forget)\b.*\b(?:meant|supposed) to\b|\b(?:meant|supposed) to do "
    r"(?:with|here)\b",
    r"\bwhat (?:sort|kind|type|sorts|kinds|types) of (?:stuff|things|questions|help|info|support|"
    r"topics)\b",
    r"\bwhat (?:do|can) (?:you|u) (?:\w+ )?(?:know|tell me) about\b",
    r"\b(?:be|beth) (?:gallu i|alla i|ga i|dwi fod i|ydw i fod i|dylwn i|ddylwn i|galla i|"
    r"fedra i|fedrai) (?:\w+ )?(?:gwneud|wneud|neud) (?:efo|gyda|hefo|a|ag|gyda r) (?:hwn|hyn|ti|"
    r"chi|r peth|y peth)\b",
    r"\bsut (?:i|mae|dw i fod i|dwi fod i) (?:iwsio|defnyddio|ddefnyddio|gweithio|weithio) "
    r"(?:hwn|hyn|ti|chi|y \w+|r \w+)\b|\b(?:iwsio|defnyddio|ddefnyddio) (?:hwn|hyn)\b",
    r"\b(?:be|beth) (?:dwi|dw i|ydw i|wyf i|sydd|ydw i) (?:fod|i fod) i (?:ateb|ddweud|anfon|"
    r"decstio|neud|wneud|gwneud|ddeud|deud|sgwennu|ysgrifennu)\b",
    r"\b(?:ddim|dim) yn (?:dallt|deall|dealld)\b|\bdwim yn dallt\b",
    r"\b(?:bot|robot|peiriant|cyfrifiadur) (?:wyt ti|ydych chi|ydi hwn|ydy hwn|yw hwn)\b|"
    r"\b(?:ai|ydy|ydi|yw) (?:hwn|ti|chi) (?:yn )?(?:bot|robot|beiriant|peiriant)\b",
)
# Asking what to send comes before what is sent: "what do I text when I want a smoke",
# "forgot the words I'm meant to send", "what words can I use", "no clue what to send".
_HOW_TO_SAY = (
    r"\bwhat (?:do|should|can|am|shall|would) i (?:meant to |supposed to |need to |have to )?"
    r"(?:text|send|say|type|reply|write|put|ask)\b",
    r"\b(?:what|which) (?:are the |were the |are |r )?(?:words|keywords|key words|commands|"
    r"codes)\b",
    r"\b(?:forgot|forgotten|forget|remind me (?:of )?)(?: \w+){0,2} (?:words|keywords|key words|"
    r"commands|codes)\b",
    r"\b(?:what|which|words|keywords|commands|am i|was i)\b(?: \w+){0,3} (?:meant|supposed) to "
    r"(?:send|text|say|reply|type)\b",
    r"\b(?:no clue|no idea|dont know|not sure|unsure|clueless) (?:what|how) to (?:send|text|say|"
    r"reply|answer (?:that|this|it|you|the question|them)|answer$|respond (?:to (?:that|this|it|"
    r"you))?$|"
    r"type|use)\b",
    r"\bbeth (?:ydw i fod i|dwi fod i|dw i fod i|sydd rhaid i fi) (?:ei )?(?:anfon|ddweud|decstio|"
    r"deipio)\b",
)
_SNOOZE = (
    r"\b(?:not now|not right now|not atm|not a (?:good|great|convenient|brilliant) (?:time|"
    r"moment)|"
    r"inconvenient time|bad time|another time|some other time|"
    r"in a bit|in a while|in an hour|ask me later|remind me later|text me later|"
    r"message me later|ask again later|get back to you|ttyl|brb|(?<!a )(?<!was )(?<!been )"
    r"(?<!were )busy|so busy|too busy|"
    r"flat out|rushed off my feet|cant talk|"
    r"cant reply|cant text|cant chat|driving(?! me\b)|in a meeting|in the middle of|"
    r"with a patient|"
    r"give me (?:a|an) (?:bit|minute|min|hour|sec|second|mo|moment))\b",
    r"^(?:(?:ok|okay|maybe|ask|ask me|try|try me|text me|talk|speak|chat|catch you|sorry|til|till|"
    r"until|snooze till|snooze until|snooze|perhaps|prob|probably|how about|lets say|lets do|"
    r"can we do|do it|again|no|nah|not now|not today|busy|im busy) )?(?:tomorrow|"
    r"2moro)(?: (?:maybe|"
    r"then|please|pls|plis|instead|ok|morning|evening|night|afternoon|i think|perhaps|x|xx|"
    r"thanks|qmark|ta|mate|yeah|instead|if thats ok|if ok))*$",
    r"\b(?:maybe|try|how about|lets do|do it|talk|chat|speak|catch up|answer|reply) (?:\w+ )?"
    r"(?:tomorrow|2moro)\b",
    # Welsh
    r"\b(?:ddim nawr|dim nawr|ddim rwan|dim rwan|"
    r"ddim rwan|nid nawr|prysur|yn brysur|rhy brysur|yn gyrru|mewn cyfarfod|methu siarad|"
    r"dim amser|ddim amser|heb amser|dim munud|"
    r"gofyn eto)\b",
    r"^(?:im |i am |currently |still )?(?:working|sleeping|asleep|in bed|on nights|at work|"
    r"on shift|"
    r"on a late|on an early|on a long day|on the ward|in the car|at the gym|out|eating|"
    r"on my way)$",
    r"^(?:dwi |dw i |dwi i )?(?:yn y gwaith|yn gweithio|yn gwaith)(?: nawr| rwan)?$",
    r"\b(?:in|doing) handover\b",
    r"\bcatch you (?:after|later|tomorrow)\b",
    r"\bnow in a minute\b",
    r"\btecstia (?:fi|i) (?:heno|wedyn|fory|nes ymlaen)\b",
    # Added after heldout3 (development data): "mid shift, cant", "in theatre, will reply after",
    # "can this wait till my break", "can we do this at the weekend", "atgoffa fi mewn awr".
    r"\b(?:mid|middle of (?:a |my |the )?)(?: )?(?:shift|handover|round|rounds|meeting|procedure|"
    r"resus|theatre|clinic|drug round|obs|crisis|emergency|arrest|call)\b",
    r"^(?:im |i am |currently |still |just |now )?(?:in|at) (?:theatre|theatres|surgery|clinic|"
    r"resus|a procedure|the gym|a call|an? emergency)(?: (?:now|rn|right now|atm|sorry|soz|x|"
    r"at the moment|all day|till \w+|until \w+))*$",
    r"\b(?:im|i am|currently|still) (?:in|at) (?:theatre|theatres|surgery|clinic|resus|a "
    r"procedure|an? emergency)\b(?! (?:today|yesterday|last|this morning|all night))",
    r"\b(?:will|ill|i will|going to|can|shall) (?:reply|answer|respond|get back|text back|message "
    r"back|come back|talk|chat)\w* (?:to you |to it )?(?:after|later|in|when|tonight|tomorrow|"
    r"soon|once|at|on)\b",
    r"\b(?:can|could|will|shall) (?:this|it|that|we|you) wait\b|^(?:please |pls |can you |"
    r"could you |just |ok |)wait (?:till|until|til) "
    r"(?:my|the|after|later|tomorrow|tonight|i)\b",
    r"\b(?:can|could|shall) we (?:do|talk about|chat about|go through|pick|finish) (?:this|it|"
    r"that)"
    r"(?: up)? (?:at|on|later|tomorrow|tonight|next|after|another|in)\b",
    r"\b(?:atgoffa|atgoffwch) (?:fi|i|mi) (?:mewn|wedyn|nes ymlaen|heno|fory|yn nes|ar ol)\b",
    r"\bmewn (?:awr|hanner awr|munud|cwpl o oriau|ychydig|\d+ (?:munud|awr))\b",
)
# Asking to be asked another time ("ask me after my break", "remind me tonight", "ask me again
# at 5", "hold off till the weekend", "give me 10 mins", "not today", "dim heno"): read before
# a low mood ("not tonight, knackered" is a snooze).
_LATER = (
    r"\b(?:ask|remind|text|message|ping|try|catch|bother|check with|get back to|chase) (?:me|us) "
    r"(?:again |back |up )?(?:after|at|in|tonight|this (?:afternoon|evening|arvo)|tomorrow|later|"
    r"when|on (?:my|the|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|at the weekend|"
    r"next|once|another|some other|heno|fory|wedyn)\b",
    r"\b(?:ask|try|check) (?:me )?(?:again|another time)(?: (?:later|tonight|tomorrow|after|at|in|"
    r"when))?\b",
    r"\bhold (?:off|fire|your horses)\b(?! (?:smoking|on smoking|the cigarettes|cigarettes))",
    r"\bgive me (?:\d+|ten|five|two|a few|an|a couple of|a couple|half an) (?:mins?|minutes|"
    r"hours?|"
    r"hrs?|secs?|seconds|days?)\b",
    r"^(?:no |nope |nah |na )?(?:not|dim|ddim|nid) (?:now|today|tonight|heno|heddiw|nawr|rwan|"
    r"right "
    r"now|atm|this morning|this evening)\b",
    r"\b(?:some other|another) (?:time|day)\b",
    r"\b(?:after|once) (?:my|the|me) (?:break|shift|nap|sleep|kip|meeting|handover|nights|run)\b"
    r"(?=.*\b(?:ask|text|message|talk|chat|do|reply|answer|get back)\b)",
    r"\b(?:gofyn|holi|tecstio|tecstia) (?:i mi |fi |eto )?(?:eto |wedyn |heno |fory |nes ymlaen |"
    r"ar ol )",
    r"\bfory (?:please|plis)\b|\bheno (?:please|plis)\b",
    r"\b(?:pause|suspend|freeze) (?:it|them|things|the texts|the messages|everything|for)\b",
    r"\b(?:gofyn|holi) (?:i mi |i fi |fi |mi )?eto\b",
)
# Quiet hours in their own words: not sending at some times of day ("no texts between 8am and
# 3pm", "don't message after 10pm", "nothing while I sleep", "can you not text in the mornings",
# "dim negeseuon rhwng 8 a 3", "peidiwch a thecstio fi yn y nos"), or asking for quiet hours.
_NOT_SENDING = (
    r"\b(?:dont|do not|never|please dont|can you not|could you not|would you not|cant you not|"
    r"no|stop|please no|rather you didnt|prefer you didnt|prefer not to|rather not)\s+"
    r"(?:want |need |get |any |more |you to |u to |to |ever |wanna |want to |want any )?"
    r"(?:texting|texts?|txts?|messaging|messages?|msgs?|sending|send|contacting|"
    r"contact|ringing|ring|calling|buzzing|pinging|ping|bothering|bother|disturbing|disturb|"
    r"waking|wake|reminders?|notifications?|check ins?)\b",
    r"(?:^|\| )(?:and |but |so |just |please |pls )?nothing\b(?! (?:else|much|to do|new|happened|"
    r"wrong))",
    r"\bkeep (?:it |things |them |the texts |messages |the messages )?(?:quiet|silent|off)\b",
    r"\b(?:silence|mute|pause) (?:the |your |them |it |texts |messages )?(?:texts |messages )?"
    r"(?:between|from|before|after|during|overnight|at night|in the)\b",
    r"\b(?:peidiwch|paid|peidio)\s+(?:a |ag |ac |i )?(?:thecstio|tecstio|anfon|negesu|chysylltu|"
    r"cysylltu|ffonio|fy neffro|neffro|deffro)\b",
    r"\bdim (?:negeseuon|tecsts|decsts|tecstiau|decstiau|neges|byd|galwadau)\b",
    r"\b(?:ddim|dim|heb) (?:eisiau )?(?:anfon|tecstio|negeseuon|neges)\b",
    # Added after heldout3 (development data): "please nothing in the mornings", "can u avoid
    # texting between midnight and noon", "tawel rhwng 8 a 3".
    r"\b(?:please|pls|so|and|but|just|then|ideally|preferably) nothing\b(?! (?:else|much|to do|"
    r"new|"
    r"happened|wrong))",
    r"\b(?:avoid|skip|hold off|no) (?:texting|messaging|sending|texts|messages|contacting|"
    r"contact)\b",
    r"\b(?:tawel|dawel|distaw|llonydd)\b",
)
_QUIET_WINDOW = (
    r"\bbetween\b(?=.*(?:\d|noon|midday|midnight|morning|night|afternoon|evening|lunch))",
    r"\b(?:before|after|until|till|til|past|from|by)\s+(?:\d|noon|midday|midnight|lunch|dinner|"
    r"tea ?time|bed ?time|mid ?day|i wake|i get up|im up|ive slept|i am up|im awake|i wake up)",
    r"\b\d{1,2}\s?(?:am|pm)\b",
    r"\b\d{1,2} (?:in the morning|at night|in the evening|in the afternoon|o clock|oclock)\b",
    r"\b(?:in|during|through|throughout|over) the (?:night|nights|morning|mornings|day|daytime|"
    r"days|evening|evenings|afternoon|afternoons|early hours|small hours)\b",
    r"\b(?:at night|overnight|mornings|evenings|afternoons|early mornings?|late at night|"
    r"daytime|at bed ?time|in the am|lunch ?times?)\b",
    r"\b(?:while|when|whilst|as)\s+(?:im|i am|i|i m|im trying to|i try to)\s+(?:\w+\s+)?"
    r"(?:asleep|sleeping|sleep|in bed|kip|kipping|napping|on nights|on a night|working|at work|"
    r"on shift|driving|off)\b",
    r"\bon (?:my|me) (?:sleep|rest|days off|nights|sleep days?|nights off|off days?)\b",
    r"\b(?:on |at )?(?:days off|sleep days|rest days|weekends)\b",
    r"\b(?:on )?(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)\b",
    # Welsh: "rhwng 8 a 3", "cyn hanner dydd", "ar ol 10 y nos", "yn y nos", "tra dwi'n cysgu"
    r"\b(?:rhwng|cyn|ar ol|wedi|tan|o)\s+(?:\d|hanner dydd|canol dydd|canol nos|hanner nos|"
    r"cinio|amser te|amser gwely)",
    r"\byn y (?:nos|bore|boreau|pnawn|prynhawn|dydd)\b",
    r"\b(?:ganol nos|gyda y?r nos|dros nos|yn ystod y (?:dydd|nos))\b",
    r"\b(?:tra|pan) (?:dwi|dw i|rydw i|fydda i|wyf|fyddai|bydda i)(?: yn)? (?:cysgu|gweithio|"
    r"gwaith|y gwely|ngwely)\b",
    r"\b\d{1,2} y (?:bore|nos|pnawn|prynhawn)\b",
)
_QUIET_ASKED = (
    r"\b(?:no|dim) (?:early |late )?(?:morning|night|evening|nighttime|night time|daytime|weekend|"
    r"early|late night|bore|nos) (?:texts|messages|msgs|txts|negeseuon|tecsts)\b",
    r"\bonly (?:text|message|send|contact|ping)\w* (?:me |us )?(?:after|before|between|from|"
    r"in the|"
    r"during|when im (?:up|awake))\b",
    r"(?:^|\| )(?:please |but |and )?(?:not|never|nothing) (?:before|after|between|until|till|"
    r"during)\b(?=.*(?:\d|noon|midday|midnight|lunch|the (?:night|day|morning)))",
    r"(?:^|\| )(?:please |but |and )?(?:not|never|nothing) (?:in the|during the|at|overnight|"
    r"late)\s*"
    r"(?:mornings?|evenings?|nights?|afternoons?|day|daytime|weekends?|early hours|$)",
    r"\bquiet (?:hours|time|times|period|periods)\b",
    r"\b(?:do not disturb|dnd)\b",
    r"\boriau tawel\b|\bamser tawel\b",
    r"\bno (?:texts|messages|txts|msgs) (?:at night|overnight|in the (?:night|morning|"
    r"mornings))\b",
    # Added after heldout3 (development data): "nothing late please", "your texts keep waking me
    # up", "my phone keeps going off at 7am", "afternoons only", "dim ond gyda'r nos".
    r"(?:^|\| |please |pls |so |and |but |just )nothing (?:late|early|in the (?:mornings?|"
    r"evenings?|"
    r"nights?|afternoons?|day|daytime)|at night|overnight|during the (?:day|night))\b",
    r"\b(?:texts?|messages?|msgs?|txts?|you|phone|notifications?|buzzing|pinging|it) (?:\w+ )?"
    r"(?:keeps?|kept|always|are|is|keep on|keeps on) (?:waking|woke|wakes|going off|buzzing|"
    r"pinging|beeping|disturbing)\b(?=.*(?:\d|\b(?:me up|bed|asleep|sleep|sleeping|night|nights|"
    r"morning|mornings|early|late)\b))",
    r"\b(?:woke|woken|wakes|waking) me(?: up)?\b(?=.*\b(?:texts?|messages?|phone|buzz\w*|ping\w*)"
    r"\b)",
    r"\b(?:you|u|your \w+) (?:woke|wake|keep waking|keeps waking|always wake) me\b",
    r"\b(?:texts?|messages?|msgs?|phone|notifications?) (?:\w+ ){0,3}(?:wake|wakes|woke|waking|"
    r"woken) (?:me|us)\b",
    r"\bonly (?:in the )?(?:mornings|afternoons|evenings|after work|on days off|on my days off|"
    r"on weekends|at weekends|after \d+ ?(?:pm|am)?|before \d+ ?(?:pm|am)?)\b",
    r"\b(?:texts?|messages?|msgs?) (?:come|arrive|be sent|go out|land)\b(?=.*\b(?:after|before|"
    r"between|only|in the|until|till)\b)",
    r"\bdim ond (?:yn y |gyda r |gyda yr |yn ystod y )?(?:nos|bore|pnawn|prynhawn|dydd|"
    r"penwythnos|ar ol \d+|cyn \d+|rhwng)\b",
)
# Words of a short acknowledgement: the message is made only of these (and small words).
_ACK_WORDS = frozenset(
    """thanks thank you thankyou ta cheers ok okay alright allright right will do got it noted
    cool nice great brilliant lovely ace sound grand perfect fab fabulous good nice one legend
    appreciated appreciate it understood fair enough gotcha awesome amazing wicked super smashing
    champion bless heart smile x xx xxx xo yes yeah yep yup aye sure fine star gem diamond angel
    lifesaver hero superstar stars
    diolch yn fawr iawn gwych grêt gret da ardderchog hyfryd lyfli cwl neis tip top o galon byth
    bendigedig campus iawn siwr wrth gwrs ie do wna i dealltwriaeth deall hwyl ta ra""".split()
)
_SMALL_WORDS = frozenset(
    """a an the for that this it so very much lots loads again mate love hun pal babe hon dear
    bot quitbot message messages text texts tip tips advice help reminder i ill will try do you
    u ur your and really just all of to me my we xx x too as always guys team buddy bud chick
    of thats good one is was yn i ti chi am y yr fi a ac hynny hwn cyngor neges lol haha hehe ha
    lmao youre you re are stuff""".split()
)
_THANKS_WORDS = re.compile(
    r"\b(?:thanks|thank you|thank u|thankyou|ta|cheers|appreciate|appreciated|diolch|"
    r"ok|heart|smile|nice one|legend|will do|wna i)\b"
)
# A thank-you that says more ("thanks for checking in, means a lot", "diolch o galon, ma hynna
# di helpu"): read last, when nothing else in the message was read.
_THANKS_SAID_RE = re.compile(
    r"^(?:oh |aw |aww |ah |well |right |ok |okay )?(?:thanks|thank you|thank u|thankyou|cheers|ta|"
    r"diolch|many thanks|much appreciated|appreciate (?:it|that|you|this))\b(?! for nothing)"
    r"|\b(?:means a lot|(?:really|so|very) (?:kind|helpful|sweet|thoughtful)|(?:that|this|it|you|"
    r"they|those|these|texts|messages) (?:has |have |really |actually |honestly )*helped|"
    r"wedi helpu|"
    r"di helpu|diolch o galon|cheers for|thanks for|thank you for|ta for)\b"
)


def _compile(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


_STOP_RE = _compile(_STOP)
_PERSON_RE = _compile(_PERSON)
_FEWER_RE = _compile(_FEWER)
_MORE_RE = _compile(_MORE)
_NEW_DATE_RE = _compile(_NEW_DATE)
_SLIP_RE = _compile(_SLIP)
_CRAVING_RE = _compile(_CRAVING)
_LOW_MOOD_RE = _compile(_LOW_MOOD)
_NRT_RE = re.compile(_NRT)
_VAPE_RE = re.compile(_VAPE)
_TABLETS_RE = re.compile(_TABLETS)
_QUESTION_RE = re.compile(_QUESTION)
_PROGRESS_RE = _compile(_PROGRESS)
_HELP_RE = _compile(_HELP)
_SNOOZE_RE = _compile(_SNOOZE)
# Where they are or a time, which is a snooze only when said as one ("at work", "ar shifft,
# siarad wedyn", "nes ymlaen plis"), not in news ("new starter on the ward today", "pen-blwydd
# mam fory", "everyone at work smokes").
_WHERE_OR_WHEN_RE = re.compile(
    r"\b(?:at work|on shift|on a shift|in work|on the ward|ar shifft|ar y shifft|ar y ward|"
    r"wedyn|nes ymlaen|nes mlaen|hwyrach|yn hwyrach|fory|yfory|later|later on)\b"
)
_SAID_AS_SNOOZE_RE = re.compile(
    r"\b(?:dwi|dw i|wi|rydw i|im|i am|sori|sorry|soz|siarad|siaradwn|ateb|ateba|atebaf|gofyn|"
    r"holi|tecstia|tecstio|gyrra|prysur|busy|cant|methu|please|plis|ok|ia|iawn|falla|efallai|"
    r"maybe|dim|ddim|not now|rwan|nawr|talk|reply|hectic|flat out|chat|speak|now|still|ask|"
    r"text|message|remind|get back|answer|do it|do this|can we|can you|pls|thanks|ta|x|cheers|"
    r"got to go|gotta go|gtg|will|ill|cant|driving|busy|about to|starting|heading|going in|"
    r"currently|stuck|ar ganol|in the middle)\b"
)
_LATER_RE = _compile(_LATER)
_FEWER_LOOSE_RE = _compile(_FEWER_LOOSE)
_HOW_TO_SAY_RE = _compile(_HOW_TO_SAY)
_NOT_SENDING_RE = _compile(_NOT_SENDING)
_QUIET_WINDOW_RE = _compile(_QUIET_WINDOW)
# Put off, said of a time that comes round again ("on days off I lie in, so leave it till 11",
# "I sleep 8 till 3 after nights so hold off then"): their quiet hours, not a snooze.
_DEFER_RE = re.compile(
    r"\b(?:leave (?:it|me|them|the \w+)|hold (?:off|fire)|wait|keep (?:it|them) (?:till|until|"
    r"for)|"
    r"save (?:it|them)|dont (?:bother|start))\b"
)
_HABIT_RE = re.compile(
    r"\b(?:i (?:sleep|lie in|go to bed|am asleep|work nights|work lates|work earlies|start at)|"
    r"im (?:asleep|in bed|up at|sleeping)|on (?:my )?days off|after (?:my )?nights|every (?:day|"
    r"morning|night|evening)|usually|normally|always|weekdays|weekends|on nights|when im (?:on|"
    r"asleep|sleeping|working))\b"
)
_QUIET_ASKED_RE = _compile(_QUIET_ASKED)
# "afternoons only", said of the texts ("your texts keep waking me up, afternoons only").
_ONLY_AT_RE = re.compile(
    r"\b(?:mornings|afternoons|evenings|nights|daytime|weekends|weekdays|days off|after \d+ ?pm|"
    r"after \d+|before \d+ ?(?:am|pm)?|after work|after my shift|between \d+ and \d+) only"
    r"(?= please| pls| plis| thanks| ta| x|\s*$|\s*\|)"
)
# "Stop sending so many", "stop texting me so much, one a day max": fewer, not stop.
_FEWER_NOT_STOP_RE = re.compile(
    r"\b(?:so|as|that|too) (?:many|much|often|frequently)\b|\bless\b|\bfewer\b|\bmax(?:imum)?\b|"
    r"\b(?:one|1|two|2|once|twice) a (?:day|week)\b|\bevery other\b|\bllai\b|\bgormod\b"
)
# Stopping smoking is not stopping the texts ("I want to stop smoking"), but leaving "the stop
# smoking programme" is.
_STOP_SMOKING_RE = re.compile(
    r"\bstop(?:ping)? smoking\b(?!\s+(?:programme|program|scheme|service|texts|messages|bot|"
    r"thing|project|study|course))"
)
_TALK_DOWN_RE = re.compile(r"\btalk me (?:down|out of (?:it|one|this|smoking|buying))\b")

# A stop that names a time is a wish for quiet hours, not to leave ("stop texting me at 3am",
# "no more texts before 2pm", "don't message me when I'm asleep", "ddim yn y nos").
_AT_TIMES_RE = re.compile(
    r"\b(?:at (?!all\b)|in the (?:day|daytime|night|morning|evening)|on my|on days|when|while|"
    r"before|after(?! all\b)|during|overnight|at night|at nights|mornings|daytime|days off|asleep|"
    r"sleeping|\d ?(?:am|pm|a m|p m)\b|yn y nos|yn y bore|ganol nos|tra dw|pan dw|"
    r"(?<!oddi )ar (?:fy|y) )"
)
# Not smoking, in many words: never a slip, and to "have you smoked?" a no ("havnt smoked in a
# wk", "3 days clean", "smoked none", "didnt have any", "heb smygu", "dim un cigarette").
_SMOKE_FREE_RE = re.compile(
    r"\b(?:(?:havnt|havent|have not|hav not|not|never|didnt|did not|no|zero|not a single|"
    r"not one|aint|aint had)\s+(?:\w+\s+){0,2}?(?:smoked|smoking|had (?:one|any|a)|"
    r"cigarettes?|smokes?|puffs?|any)"
    r"|smoked\s+(?:none|nothing|zero|0|nowt)"
    r"|(?:clean|smoke ?free|smokefree)\b(?!\s+(?:my|the|up|out)\b)"
    r"|nothing (?:for|since)|none since|not since"
    r"|heb\s+(?:smygu|smocio|ysmygu|gael|cael)|dim\s+(?:un\s+)?(?:cigarettes?|smoc|smygu))\b"
)
# Someone else's smoking, or a dream of it, is not their slip.
_NOT_THEIR_SLIP_RE = re.compile(
    r"\b(?:partner|husband|wife|hubby|missus|boyfriend|girlfriend|fella|he|she|they|mum|mam|"
    r"dad|colleagues?|mates?|friends?|sister|brother|everyone|everybody|son|daughter|nan|nana|"
    r"gran|granny|grandad|grandma|grandpa|uncle|aunt|auntie|cousin|neighbour|patient|patients|"
    r"people|someone|somebody|lads|girls|him|her|other half|oh|fiance|fiancee|flatmate|housemate|"
    r"pal|bestie|bf|gf|manager|boss|kids?|child|grandfather|grandmother|stepdad|stepmum|father|"
    r"mother|in laws)\s+"
    r"(?:\w+\s+)?(?:smoked|had (?:one|a|some|loads)|lit up)\b|\bdream\w*\b|\bnightmare\b"
)


def smoke_free(text: str) -> bool:
    """They say they have not smoked ("3 days clean", "not had one", "heb smygu")."""
    return _SMOKE_FREE_RE.search(tidy(text)) is not None


# The number in a slip ("had 2", "three fags", "a couple", "ges i ddwy").
_COUNT_WORDS = {
    "one": 1,
    "a": 1,
    "an": 1,
    "another": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twenty": 20,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "thirty": 30,
    "forty": 40,
    "chwech": 6,
    "saith": 7,
    "wyth": 8,
    "naw": 9,
    "deg": 10,
    "bump": 5,
    "bedwar": 4,
    "ddau": 2,
    "couple": 2,
    "un": 1,
    "dau": 2,
    "dwy": 2,
    "ddwy": 2,
    "tri": 3,
    "tair": 3,
    "pedwar": 4,
    "pump": 5,
    "dri": 3,
    "dair": 3,
    "cwpl": 2,
    "cwpwl": 2,
}
_SMOKED_COUNT = re.compile(
    r"\b(had|smoked|have had|ad|ave had|bought|took|ges i|ces i|cefais|gefais|wedi cael|"
    r"wedi smygu|wedi smocio|wedi ysmygu|smociais|smygais|smocies i|smoces i|smocis i|cael|chael|"
    r"nicked|bummed|cadged|pinched|sparked|lit|i|ive|just)\s+(?:about\s+|like\s+|"
    r"maybe\s+|around\s+|only\s+|just\s+|my last\s+|my first\s+|the last\s+)?"
    r"(\d{1,3}|a couple|a few|one|a|an|another|two|three|four|five|six|seven|eight|nine|ten|"
    r"twenty|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|thirty|"
    r"forty|couple|un|dau|dwy|ddwy|tri|dri|tair|dair|pedwar|pump|cwpl|cwpwl|chwech|saith|wyth|naw|"
    r"deg|bump|bedwar|ddau)\b"
    r"(?:\s+(?:of\s+)?(?:o\s+)?(?:sneaky\s+|quick\s+|cheeky\s+)?(\w+))?"
)
_COUNT_THEN = re.compile(
    r"\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twenty|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|thirty|forty|a couple|couple|"
    r"un|dau|dwy|ddwy|tri|tair|pedwar|pump|cwpl|cwpwl)\s+(?:of\s+|o\s+)?"
    r"(?:cigarettes?|smokes?|puffs?|drags?|fags?|cigars?)\b"
)
_CIG_NOUNS = frozenset(
    "cigarette cigarettes smoke smokes puff puffs drag drags fag fags cigar cigars one".split()
)


_WELSH_ONE = re.compile(r"\b(?:ges|ces|cefais|gefais|wedi cael)\s+(?:i\s+)?cigarette\b")


_NOT_SMOKING_IT = frozenset({"bought", "took", "i", "ive", "just"})  # "bought ten", "i 2"
_HALF_DOZEN = re.compile(r"\b(?:half a dozen|hanner dwsin\w*)\b")
_THE_ONE = re.compile(r"\b(?:just|only) (?:the )?one\b|^the one\b")
_LEADING_COUNT = re.compile(rf"^(?:just |only |so |erm |um |well )?({_SAID_COUNT})\b")
# A lone number in a slip that says nothing else ("llithrais i ddoe, pump ar ol gwaith"), not a
# time, a day or a length ("at 3", "day 10", "3 weeks", "3 y bore").
_LONE_COUNT = re.compile(
    r"(?<!\bat )(?<!\bday )(?<!\bafter )(?<!\bsince )(?<!\bfor )(?<!\bam )(?<!\bar )"
    r"\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|twenty|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|thirty|forty|dau|dwy|tri|tair|pedwar|"
    r"pump)"
    r"\b(?! (?:y |yn y )?(?:bore|nos|pnawn|prynhawn|am|pm|oclock|o clock|weeks?|days?|hours?|"
    r"hrs?|mins?|minutes|months?|years?|wythnos|diwrnod|awr|mis|blynedd|nights?|shifts?|times?|"
    r"hour|quid|pounds?|bunt|in the|ish|year)\b)"
)


def _count(text: str) -> int | None:
    """How many cigarettes a slip message says were smoked, if it says: what they smoked comes
    before what they bought ("bought ten and smoked 3 of them" is 3)."""
    if _WELSH_ONE.search(text):
        return 1
    if _HALF_DOZEN.search(text):
        return 6
    smoked = [hit for hit in _SMOKED_COUNT.finditer(text) if hit.group(1) not in _NOT_SMOKING_IT]
    for found in smoked:
        number = _counted(found.group(2), found.group(3))
        if number is not None:
            return number
    then = _COUNT_THEN.search(text)
    if then is not None:
        return _number(then.group(1))
    for bought in _SMOKED_COUNT.finditer(text):
        if bought.group(1) in _NOT_SMOKING_IT:
            number = _counted(bought.group(2), bought.group(3))
            if number is not None:
                return number
    if _THE_ONE.search(text):
        return 1
    leading = _LEADING_COUNT.search(text)
    if leading is not None:
        return _number(leading.group(1))
    lone = {hit.group(1) for hit in _LONE_COUNT.finditer(text)}
    return _number(lone.pop()) if len(lone) == 1 else None


def _counted(amount: str, after: str | None) -> int | None:
    """The number in "had 2", "smoked a cigarette"; None for "had a bad day", "had a slip"."""
    if amount in ("a", "an", "another") and after not in _CIG_NOUNS:
        return None
    if after is not None and after in _NOT_A_CIG_WORDS:
        return None
    return _number(amount)


_NOT_A_CIG_WORDS = frozenset(
    """craving cravings urge day days night shift week drink pint beer coffee tea go chat look
    bad good rough hard tough long busy nice break moment slip lapse patch gum lozenge vape
    tablet tablets pill pills hours minutes mins weeks times""".split()
)


def _number(word: str) -> int | None:
    word = word.removeprefix("a ").removesuffix(" of")
    if word in ("just the one", "the one"):
        return 1
    if word.isdecimal():
        value = int(word)
        return value if 0 < value <= 200 else None
    return _COUNT_WORDS.get(word)


def _negated_before(text: str, start: int, end: int) -> bool:
    """A "not", "never", "nearly", "heb" or "ddim" shortly before a match in its clause."""
    clause_start = text.rfind("|", 0, start) + 1
    before = text[clause_start:end].split()[-6:-1]
    return _NEGATED.search(" ".join(before)) is not None


def _slip(text: str) -> bool:
    for hit in _SLIP_RE.finditer(text):
        start = text.rfind("|", 0, hit.start()) + 1
        end = text.find("|", hit.end())
        clause = text[start : None if end < 0 else end]
        if _SMOKE_FREE_RE.search(clause) or _NOT_THEIR_SLIP_RE.search(clause):
            continue  # "didnt have any", "my partner smoked 3", "dreamt i smoked"
        if not _negated_before(text, hit.start(), hit.end()):
            return True
    return False


def _acknowledgement(text: str) -> bool:
    """A short thank-you or OK ("ta", "cheers x", "ok will do", "👍", "diolch yn fawr")."""
    said = [w for w in text.replace("|", " ").split() if w != "qmark"]
    if not said or len(said) > 8:
        return False
    other = [w for w in said if w not in _ACK_WORDS and w not in _SMALL_WORDS]
    if _THANKS_WORDS.search(text):
        return len(other) <= 2  # "cheers for that, helped loads"
    return not other and any(w in _ACK_WORDS for w in said)


# Words of vaping that other aids share ("which flavours", "20mg", "a starter kit"): a vape
# only when no other aid is named ("what flavour gum" is NRT, "21mg patch" too).
_VAPE_TOO_RE = re.compile(
    r"\b(?:flavours?|flavors?|starter kits?|vape kits?|kits?|tanks?|mods?|\d+ ?mg|\d+ ?mgs|mgs?|"
    r"blueberry|menthol|fruity|watermelon|mango|puff count|puffs? left|refill\w*|clouds?|"
    r"blas|blasau)\b"
)


def _asks_about(text: str) -> Label | None:
    """Which stop smoking aid a message is about, if any (tablets, vapes, then NRT)."""
    if _TABLETS_RE.search(text):
        return Label.ASK_VARENICLINE
    if _VAPE_RE.search(text):
        return Label.ASK_VAPE
    if _NRT_RE.search(text):
        return Label.ASK_NRT
    if _PRESCRIBED_RE.search(text):
        return Label.ASK_VARENICLINE
    if _VAPE_TOO_RE.search(text) and _QUESTION_RE.search(text):
        return Label.ASK_VAPE
    return None


_POLITE = re.compile(
    r"\b(?:please|plis|now|thanks|thank you|x|xx|os gwelwch yn dda|diolch|mate|then)\b"
)


@lru_cache(maxsize=2048)  # read twice a message: by the runner's intent net, then the flows
def intent_of(text: str, lang: str = "en") -> Intent:
    """The intent of one free-text message (`lang`: "en" or "cy"; both are read either way)."""
    del lang  # both languages' rules always run: people mix them, and typos cross over
    said = tidy(text)
    found = _classify(said)
    bare = " ".join(_POLITE.sub(" ", said).split())
    if found is UNKNOWN and bare and bare != said and len(bare.split()) <= 4:
        return _classify(bare)  # whole-message rules see "stop please" as "stop"
    return found


def _classify(said: str) -> Intent:
    if not said.strip():
        return UNKNOWN
    if (
        _QUIET_ASKED_RE.search(said)
        or (_NOT_SENDING_RE.search(said) and _QUIET_WINDOW_RE.search(said))
        or (
            _DEFER_RE.search(said)
            and _HABIT_RE.search(said)
            and not _ABOUT_SMOKING_RE.search(said)
        )
        or (_ONLY_AT_RE.search(said) and _ABOUT_TEXTS_RE.search(said))
    ):
        return Intent(Label.QUIET)  # "no texts between 8am and 3pm", "nothing while I sleep"
    if _STOP_RE.search(said) and not _STOP_SMOKING_RE.search(said):
        if _FEWER_NOT_STOP_RE.search(said):
            return Intent(Label.FEWER)
        return Intent(Label.QUIET if _AT_TIMES_RE.search(said) else Label.STOP)
    if _TALK_DOWN_RE.search(said):
        return Intent(Label.CRAVING)  # "talk me down" is a craving, not a request for a person
    if _PERSON_RE.search(said):
        return Intent(Label.PERSON)
    if _FEWER_RE.search(said):
        return Intent(Label.FEWER)
    if _MORE_RE.search(said):
        return Intent(Label.MORE)
    how_often = _how_often(said)
    if how_often is not None:
        return Intent(how_often)
    if _NEW_DATE_RE.search(said):
        return Intent(Label.NEW_QUIT_DATE)
    aid = _asks_about(said)
    if aid is not None and _QUESTION_RE.search(said):
        return Intent(aid)
    if _HOW_TO_SAY_RE.search(said):
        return Intent(Label.HELP)  # "what do I text when I want a smoke"
    if _slip(said):
        return Intent(Label.SLIP, _count(said))
    if _CRAVING_RE.search(said):
        return Intent(Label.CRAVING)
    if aid is not None:
        return Intent(aid)
    if _PROGRESS_RE.search(said):
        return Intent(Label.PROGRESS)  # "how am I doing"
    if _SMOKE_FREE_RE.search(said):  # "not had one in a week!", or "not smoking makes it worse"
        return Intent(Label.LOW_MOOD if _LOW_MOOD_RE.search(said) else Label.PROGRESS)
    # "whats the weather doing later", "is the canteen open later": not a snooze.
    another_time = _ABOUT_ELSE_RE.search(said) is None
    if another_time and _LATER_RE.search(said):
        return Intent(Label.SNOOZE)  # "not tonight, knackered": another time
    if _LOW_MOOD_RE.search(said):
        return Intent(Label.LOW_MOOD)
    if _HELP_RE.search(said):
        return Intent(Label.HELP)
    if another_time and (
        _SNOOZE_RE.search(said)
        or (
            _WHERE_OR_WHEN_RE.search(said)
            and (len(said.split()) <= 3 or _SAID_AS_SNOOZE_RE.search(said))
        )
    ):
        return Intent(Label.SNOOZE)
    if _acknowledgement(said):
        return Intent(Label.THANKS)
    if _THANKS_SAID_RE.search(said) and len(said.split()) <= 20:
        return Intent(Label.THANKS)
    return UNKNOWN


# A question about something else, with no word of theirs or ours in it ("whats the weather
# doing later", "is the canteen open late"): not a wish to be asked another time.
_ABOUT_ELSE_RE = re.compile(
    r"^(?:whats|what is|what|where|wheres|who|whos|is|are|does|did|when|whens|will|pwy|lle|ble|"
    r"pryd|faint|oes|ydy|ydi) "
    r"(?!.*\b(?:i|im|me|my|you|u|your|ur|us|we|ask|text|reply|answer|remind|talk|chat|fi|mi|ti|"
    r"chi|fy|gofyn|holi|tecstio|atgoffa|siarad)\b)"
)
_INSTEAD_RE = re.compile(r" (?:instead of|rather than|not just|not only) ")


def _how_often(said: str) -> Label | None:
    """Fewer or more messages said loosely ("too frequent", "scale back") or as how often
    ("weekly would suit me better", "a text every morning"); what comes before "instead of" is
    what they want."""
    for clause in said.split(" | "):
        wanted = _INSTEAD_RE.split(clause)[0]
        if _ABOUT_SMOKING_RE.search(wanted):
            continue  # "I smoke every morning", "one patch a day"
        if _FEWER_LOOSE_RE.search(wanted):
            return Label.FEWER
        if _FEWER_OFTEN_RE.search(wanted) and (
            _WANTED_RE.search(clause) or _ABOUT_TEXTS_RE.search(clause)
        ):
            return Label.FEWER
        if (
            _MORE_OFTEN_RE.search(wanted)
            and _ABOUT_TEXTS_RE.search(clause)
            and (_WANTED_RE.search(clause) or _ASKED_OF_US_RE.search(clause))
        ):
            return Label.MORE
    return None


# A few words people use for how many when they will not say a number.
QUANTITY_WORDS = {
    "a couple": 2,
    "couple": 2,
    "a couple of": 2,
    "cwpl": 2,
    "cwpwl": 2,
    "a few": 3,
    "few": 3,
}
# Phrases, not single words: "a" or "many" alone would make "it was a good day" a count.
MANY_WORDS = (
    "loads",
    "lots",
    "alot",
    "a lot",
    "a load",
    "shedloads",
    "several",
    "plenty",
    "tons",
    "heaps",
    "too many",
    "so many",
    "llwyth",
    "lot o",
    "llawer",
    "gormod",
    "sawl",
)


_QUANTITY_RE = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, QUANTITY_WORDS), key=len, reverse=True)) + r")\b"
)
_MANY_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, MANY_WORDS)) + r")\b")


def _plain(text: str) -> str:
    return " ".join(tidy(text).replace("|", " ").split())


def quantity(text: str) -> int | None:
    """A count given in words ("a couple" -> 2, "a few" -> 3); None if none."""
    found = _QUANTITY_RE.search(_plain(text))
    return QUANTITY_WORDS[found.group()] if found else None


def many(text: str) -> bool:
    """A count that is "lots" without a number ("loads", "too many", "llwyth")."""
    return _MANY_RE.search(_plain(text)) is not None


__all__ = ["Intent", "Label", "intent_of", "many", "quantity", "smoke_free", "tidy"]
