"""Tidying a message for the safety screen: the whole message, in one canonical spelling.

The safety screen reads every character a person sent (not just the start, as answer readers
do), and first rewrites it so that one rule covers many spellings:

- case, accents and curly quotes folded; apostrophes dropped ("can't" -> "cant", "i'm" -> "im");
- letters repeated for emphasis cut back ("pleeease" -> "please", "soooo" -> "so");
- txt-speak and slang spelt out ("kms" -> "kill myself", "wanna" -> "want to", "u" -> "you");
- common misspellings of the words that matter corrected, with a small edit distance
  (rapidfuzz): "sucidal", "overdsoe", "paracetomol", "pregant";
- Welsh mutations and dialect forms taken back to one form ("ladd" -> "lladd", "isie" and
  "moyn" -> "eisiau", "sa i" -> "dwi ddim", "hunan" -> "hun").

The result is split into clauses (at sentence punctuation and line breaks), each a list of
words, so a rule can ask who a clause is about and whether it is negated.
Pure: stdlib and rapidfuzz only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

# A message longer than this is read up to here (a webhook refuses far larger bodies anyway).
SCREEN_LIMIT = 20_000

# --- Txt-speak, slang and contractions (after apostrophes are dropped) ------------------------
# One word -> its plain spelling (which may be several words). Only forms that are not also
# ordinary English words with another meaning ("odd", "ill" and "sh" stay as they are).
TXT: dict[str, str] = {
    # Killing oneself, in slang (Samaritans and young people's services list these).
    "kms": "kill myself",
    "kmself": "kill myself",
    "kys": "kill myself",  # "kill yourself", but said of oneself in a message to us
    "ctb": "kill myself",  # "catch the bus", an online euphemism
    "unalive": "kill",
    "unaliving": "killing",
    "unalived": "killed",
    "unalivin": "killing",
    "suicided": "killed myself",
    # Dialect: Scots, Geordie, Yorkshire, Lancashire, Black Country and Scouse spellings.
    "masel": "myself",
    "maself": "myself",
    "missen": "myself",
    "misen": "myself",
    "mysen": "myself",
    "mesel": "myself",
    "messel": "myself",
    "yersel": "yourself",
    "yersen": "yourself",
    "aboot": "about",
    "abart": "about",
    "abaht": "about",
    "doon": "down",
    "cannit": "cant",
    "canna": "cant",
    "wisnae": "wasnt",
    "isnae": "isnt",
    "willnae": "wont",
    "havnae": "havent",
    "couldnae": "couldnt",
    "nothins": "nothings",
    "wharrs": "whats",
    "warrs": "whats",
    "telt": "told",
    "reight": "right",
    "voddy": "vodka",
    # Contractions, written every way people text them.
    "wanna": "want to",
    "wana": "want to",
    "wannna": "want to",
    "gonna": "going to",
    "gona": "going to",
    "gunna": "going to",
    "gna": "going to",
    "finna": "going to",
    "gotta": "got to",
    "tryna": "trying to",
    "dunno": "dont know",
    "dno": "dont know",
    "idk": "i dont know",
    "idc": "i dont care",
    "cba": "cant be bothered",
    "cannot": "cant",
    "carnt": "cant",
    "cnt": "cant",
    "cudnt": "couldnt",
    "cudn": "couldnt",
    "wudnt": "wouldnt",
    "wouldn": "wouldnt",
    "dnt": "dont",
    "don": "dont",
    "doesnt": "dont",
    "aint": "not",
    "i'm": "im",
    "iam": "im",
    "ima": "im going to",
    "imma": "im going to",
    "u": "you",
    "ya": "you",
    "ur": "your",
    "r": "are",
    "pls": "please",
    "plz": "please",
    "plss": "please",
    "plez": "please",
    "pleas": "please",
    "plis": "please",
    "hlp": "help",
    "halp": "help",
    "hepl": "help",
    "smth": "something",
    "sth": "something",
    "sumthin": "something",
    "summat": "something",
    "ppl": "people",
    "every1": "everyone",
    "evry1": "everyone",
    "any1": "anyone",
    "no1": "no one",
    "noone": "no one",
    "nobody": "no one",
    "some1": "someone",
    "sum1": "someone",
    "bc": "because",
    "cos": "because",
    "coz": "because",
    "cuz": "because",
    "bcos": "because",
    "tho": "though",
    "rn": "right now",
    "atm": "right now",
    "tn": "tonight",
    "2nite": "tonight",
    "2night": "tonight",
    "tonite": "tonight",
    "2day": "today",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tomoz": "tomorrow",
    "b4": "before",
    "nemore": "anymore",
    "anymoar": "anymore",
    "anymre": "anymore",
    "nomore": "no more",
    "myslf": "myself",
    "meself": "myself",
    "mysef": "myself",
    "miself": "myself",
    "mysel": "myself",
    "myelf": "myself",
    "urself": "yourself",
    "yaself": "yourself",
    "lyf": "life",
    "tabs": "tablets",
    "tablts": "tablets",
    "pils": "pills",
    "paras": "paracetamol",
    "pcm": "paracetamol",
    "paracetemol": "paracetamol",
    "paracetomol": "paracetamol",
    "parecetamol": "paracetamol",
    "paracetamols": "paracetamol",
    "co-codamol": "cocodamol",
    "selfharm": "self harm",
    "selfharming": "self harming",
    "od": "overdose",
    "dis": "this",  # "cnt go on like dis"
    "dat": "that",
    "oded": "overdosed",
    "oding": "overdosing",
    "odd'd": "overdosed",
    "pregnat": "pregnant",
    "preggers": "pregnant",
    "preggo": "pregnant",
    "preggy": "pregnant",
    "preg": "pregnant",
    "chantix": "varenicline",
    "champix": "varenicline",
    "champex": "varenicline",
    "champics": "varenicline",
    "verenicline": "varenicline",
    "varniciline": "varenicline",
    "cytisinicline": "cytisine",
    "tabex": "cytisine",
    "cytisin": "cytisine",
    "gf": "girlfriend",
    "bf": "boyfriend",
    "hubby": "husband",
    "hubbie": "husband",
    "missus": "wife",
    "mrs": "wife",
    "fella": "partner",
    "fiance": "partner",
    "fiancee": "partner",
    "e-liquid": "eliquid",
    "ejuice": "eliquid",
    "e-juice": "eliquid",
    "vapejuice": "eliquid",
    "cig": "cigarette",
    "cigs": "cigarettes",
    "ciggy": "cigarette",
    "ciggie": "cigarette",
    "ciggies": "cigarettes",
    "fag": "cigarette",
    "fags": "cigarettes",
    "rollie": "cigarette",
    "rollies": "cigarettes",
    "smokes": "cigarettes",
    "lmao": "lol",
    "lmfao": "lol",
    "haha": "lol",
    "hahaha": "lol",
    "rofl": "lol",
    "jk": "lol",
    # Welsh: mutations and dialect forms of the words that matter, back to one form.
    "ladd": "lladd",
    "nladd": "lladd",
    "laddd": "lladd",
    "farw": "marw",
    "fyw": "byw",
    "myw": "byw",
    "hunan": "hun",
    "hunain": "hun",
    "isie": "eisiau",
    "isio": "eisiau",
    "isho": "eisiau",
    "ishe": "eisiau",
    "eisie": "eisiau",
    "eisio": "eisiau",
    "moyn": "eisiau",
    "mo'yn": "eisiau",
    "mofyn": "eisiau",
    "ise": "eisiau",
    "sai": "dwi ddim",
    "smo": "dwi ddim",
    "dwim": "dwi ddim",
    "dwin": "dwi yn",
    "wi": "dwi",
    "rwyn": "dwi yn",
    "rwy": "dwi",
    "rydw": "dwi",
    "ydw": "dwi",
    "dw": "dwi",
    "mlaen": "ymlaen",
    "mlân": "ymlaen",
    "mlan": "ymlaen",
    "neud": "gwneud",
    "wneud": "gwneud",
    "allu": "gallu",
    "galla": "gallu",
    "alla": "gallu",
    "gallaf": "gallu",
    "allaf": "gallu",
    "mrest": "brest",
    "frest": "brest",
    "nabledi": "tabledi",
    "dabledi": "tabledi",
    "dablets": "tabledi",
    "gymryd": "cymryd",
    "nghymryd": "cymryd",
    "gymerais": "cymerais",
    "gymres": "cymerais",
    "cymres": "cymerais",
    "lyncu": "llyncu",
    "llyncodd": "llyncu",
    "lyncodd": "llyncu",
    "feichiog": "beichiog",
    "meichiog": "beichiog",
    "nharo": "taro",
    "daro": "taro",
    "mwrw": "bwrw",
    "fwrw": "bwrw",
    "mrifo": "brifo",
    "frifo": "brifo",
    "hunanladdol": "hunanladdiad",
    "hunanleiddiol": "hunanladdiad",
    "hunan-laddiad": "hunanladdiad",
    "adre": "adref",
    "adra": "adref",
    "gartre": "adref",
    "hebdda": "heb fi",
    "hebddo": "heb fi",
    "hebddof": "heb fi",
    "hebddaf": "heb fi",
    "hebdda i": "heb fi",
    "ffarwel": "goodbye",
    # More txt-speak, dialect and phonetic spellings.
    "kil": "kill",
    "nothings": "nothing is",
    "chrafu": "crafu",
    "di": "wedi",
    "cyfa": "cyfan",
    "dechra": "dechrau",
    "dechre": "dechrau",
    "sneb": "neb",
    "weld": "gweld",
    "ngarddyrnau": "garddwrn",
    "garddyrnau": "garddwrn",
    "arddyrnau": "garddwrn",
    "beidio": "peidio",
    "ffaelu": "methu",
    "byta": "bwyta",
    "nghydweithiwr": "cydweithiwr",
    "gydweithiwr": "cydweithiwr",
    "ngwyneb": "wyneb",
    "mygwth": "bygwth",
    "fygwth": "bygwth",
    "wraig": "gwraig",
    "barasetamol": "paracetamol",
    "mharasetamol": "paracetamol",
    "til": "till",
    "shing": "self harming",
    "chesst": "chest",
    "chst": "chest",
    "kll": "kill",
    "si": "suicidal ideation",
    "b": "be",
    "n": "and",
    "nd": "and",
    "wud": "would",
    "wd": "would",
    "cud": "could",
    "shud": "should",
    "abt": "about",
    "bout": "about",
    "txt": "text",
    "txts": "texts",
    "msg": "message",
    "msgs": "messages",
    "enuf": "enough",
    "enuff": "enough",
    "meny": "many",
    "tomorow": "tomorrow",
    "tomoro": "tomorrow",
    "nite": "night",
    "thx": "thanks",
    "ty": "thanks",
    "jst": "just",
    "jus": "just",
    "wiv": "with",
    "wif": "with",
    "4ever": "forever",
    "4eva": "forever",
    "foreva": "forever",
    "sumbody": "somebody",
    "sumone": "someone",
    "somone": "someone",
    "nae": "no",
    "naebdy": "no one",
    "naebody": "no one",
    "nobdy": "no one",
    "mair": "more",
    "divvent": "dont",
    "dinnae": "dont",
    "didnae": "didnt",
    "cannae": "cant",
    "wouldnae": "wouldnt",
    "ahm": "im",
    "ah": "i",
    "aa": "i",
    "te": "to",
    "tae": "to",
    "aff": "off",
    "withoot": "without",
    "gonnae": "going to",
    "dae": "do",
    "fellas": "partner",
    "sooicidal": "suicidal",
    "sucidal": "suicidal",
    "tryin": "trying",
    "over-does": "overdose",
    "zyn": "nicotine pouch",
    "zyns": "nicotine pouches",
    "snus": "nicotine pouch",
    "velo": "nicotine pouch",
    "hogyn": "child",
    "hogan": "child",
    "bachgen": "child",
    "crwt": "child",
    "croten": "child",
    "boen": "poen",
    "mhoen": "poen",
    "orffen": "gorffen",
    "ngorffen": "gorffen",
    "nhabledi": "tabledi",
    "lewygu": "llewygu",
    "gwmpo": "cwympo",
    "chwmpo": "cwympo",
    "pwrpas": "pwynt",
    "bwrpasol": "bwrpas",
    "fwriadol": "bwrpas",
    "yrru": "gyrru",
    "nyrru": "gyrru",
    "dorri": "torri",
    "nhorri": "torri",
    "losgi": "llosgi",
    "grac": "crac",
    "sdim": "dim",
    "gorddos": "overdose",
    "ngarddwrn": "garddwrn",
    "arddwrn": "garddwrn",
    "dynn": "tynn",
    "gatre": "adref",
    "nghartref": "adref",
    "ola": "olaf",
    "champiz": "varenicline",
    "faich": "baich",
    "mywyd": "bywyd",
    "fywyd": "bywyd",
    "ddiogel": "diogel",
}

# Two- and three-word forms, replaced before single words ("cant" after "can not").
PHRASES: tuple[tuple[str, str], ...] = (
    ("can not", "cant"),
    ("do not", "dont"),
    ("does not", "dont"),
    ("did not", "didnt"),
    ("will not", "wont"),
    ("would not", "wouldnt"),
    ("could not", "couldnt"),
    ("i am", "im"),
    ("i have", "ive"),
    ("i will", "ill"),
    ("i would", "id"),
    ("any more", "anymore"),
    ("any longer", "anymore"),
    ("no longer", "anymore"),
    ("my self", "myself"),
    ("me self", "myself"),
    ("my selfe", "myself"),
    ("self - harm", "self harm"),
    ("un alive", "kill"),
    ("e liquid", "eliquid"),
    ("vape juice", "eliquid"),
    ("co codamol", "cocodamol"),
    ("vape liquid", "eliquid"),
    ("vape oil", "eliquid"),
    ("nicotine liquid", "eliquid"),
    ("no body", "no one"),
    ("sa i", "dwi ddim"),
    ("dw i", "dwi"),
    ("dy w i", "dwi"),
    ("rydw i", "dwi"),
    ("rwy i", "dwi"),
    ("dydw i ddim", "dwi ddim"),
    ("dydw i", "dwi ddim"),
    ("dw i ddim", "dwi ddim"),
    ("nid wyf", "dwi ddim"),
    ("cario ymlaen", "mynd ymlaen"),
    ("cario mlaen", "mynd ymlaen"),
    ("2 die", "to die"),
    ("over does", "overdose"),
    ("over dose", "overdose"),
    ("para cetamol", "paracetamol"),
    ("sue side", "suicide"),
    ("sewer slide", "suicide"),
    ("nicotine pouches", "nicotine pouch"),
    ("nae mair", "anymore"),
    ("no more", "anymore"),
    ("nemor", "anymore"),
    ("myself harm", "my self harm"),  # "my self harm is worse": not "myself"
)

# The words whose misspellings matter: a word of 6 letters or more that is one edit away (two
# for 9 letters or more) from one of these, and starts with the same letter, is read as it.
KEY_WORDS: tuple[str, ...] = (
    "suicide",
    "suicidal",
    "overdose",
    "overdosed",
    "overdosing",
    "paracetamol",
    "ibuprofen",
    "cocodamol",
    "sertraline",
    "citalopram",
    "fluoxetine",
    "amitriptyline",
    "tablets",
    "myself",
    "anymore",
    "everything",
    "everyone",
    "pointless",
    "hopeless",
    "worthless",
    "burden",
    "goodbye",
    "pregnant",
    "breathe",
    "breathing",
    "collapsed",
    "unconscious",
    "seizure",
    "fitting",
    "varenicline",
    "cytisine",
    "swallowed",
    "nicotine",
    "eliquid",
    "lozenge",
    "lozenges",
    "patches",
    "emergency",
    "frightened",
    "terrified",
    "harming",
    "hanging",
    "threatened",
    "threatening",
    "hunanladdiad",
    "depressed",
    "depression",
    "paramedic",
    "ambulance",
    "pressure",
    "champix",
    "chantix",
    "varenicline",
)
_KEY_SET = frozenset(KEY_WORDS)
_KEY_BY_LETTER: dict[str, tuple[str, ...]] = {}
for _key in KEY_WORDS:
    _KEY_BY_LETTER[_key[0]] = (*_KEY_BY_LETTER.get(_key[0], ()), _key)

_CLAUSE_BREAK = re.compile(r"[.!?;:\n\r\u2026]+|\s[-\u2013\u2014]+\s")
SHORT_CLAUSE = 3  # a fragment this short joins the clause before it ("so done. with life.")
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*|&")
_REPEATS = re.compile(r"([a-z])\1{2,}")
_PHRASES = [(re.compile(rf"\b{re.escape(a)}\b"), b) for a, b in PHRASES]


@dataclass(frozen=True, slots=True)
class Prepared:
    """A message made ready for the safety screen."""

    clauses: tuple[tuple[str, ...], ...]  # each clause's words, canonical
    text: str  # the clauses joined with " | " (what the rules' patterns run over)
    original_words: tuple[str, ...]  # folded words before txt-speak expansion (language guess)


# Emoji that stand for words here ("🪢" is a knot: a noose).
EMOJI = {
    "\U0001f52a": " knife ",
    "\U0001fa78": " blood ",
    "\U0001faa2": " noose ",
    "\U0001f48a": " pills ",
    "\u26b0": " coffin ",
    "\U0001faa6": " grave ",
    "\U0001f198": " sos ",
}
_EMOJI = re.compile("|".join(re.escape(e) for e in EMOJI))
# Words ending "in" that are not "-ing" with its g dropped ("havin" -> "having").
NOT_DROPPED_G = frozenset(
    """again against begin within cabin robin skin brain train drain chain stain pain rain
    main plain vein coin join ruin margin origin cousin basin raisin toxin insulin heroin
    aspirin penicillin admin latin martin kevin colin darwin muffin pumpkin napkin bulletin
    dolphin virgin satin twin thin shin spin grin akin bargain captain certain curtain
    fountain mountain villain domain obtain remain contain explain sustain terrain mechanin
    gremlin goblin tannin lanolin heparin ketamin protein cocain morphin codein nicotin
    tramadolin benjamin cumin zyprexin cabbin assassin""".split()
)
_TO_WORDS = frozenset(
    """want wanna going need have got try trying struggling able how about like hard
    difficult unable afraid scared ready planning plan decided tempted started begin time
    back due easy nice""".split()
)
_TOO_WORDS = frozenset("much many deep late far bad hard tired".split())


def _numbers_as_words(words: list[str]) -> list[str]:
    """ "struggling 2 breathe" -> "to"; "cut 2 deep" -> "too"; "thanks 4 trying" -> "for"."""
    out = list(words)
    for i, word in enumerate(words):
        before = words[i - 1] if i else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        if word == "2" and after.isalpha():
            if after in _TOO_WORDS:
                out[i] = "too"
            elif before in _TO_WORDS or after in ("be", "do", "die", "breathe", "live", "go"):
                out[i] = "to"
        elif word == "4" and after.isalpha() and before in ("thanks", "thx", "thank", "sorry"):
            out[i] = "for"
    return out


def fold(text: str) -> str:
    """Lower case, no accents, straight quotes, the whole message (up to SCREEN_LIMIT)."""
    text = _EMOJI.sub(lambda hit: EMOJI[hit.group(0)], text[:SCREEN_LIMIT])
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return text.lower()


@lru_cache(maxsize=8192)
def canonical_word(word: str) -> str:
    """One word in its canonical spelling (possibly several words: "kms" -> "kill myself")."""
    word = _REPEATS.sub(r"\1", word) if _REPEATS.search(word) else word
    if word in TXT:
        return TXT[word]
    if (
        len(word) >= 5
        and word.endswith("in")
        and word.isalpha()
        and word not in NOT_DROPPED_G
        and word[-3] not in "aeiouy"
    ):
        return canonical_word(word + "g")  # "havin" -> "having", "killin" -> "killing"
    bare = word.replace("'", "")
    if bare in TXT:
        return TXT[bare]
    if "'" in word:
        word = bare
    if len(word) >= 6 and word.isalpha():
        if word in _KEY_SET:  # a key word as it is ("overdosed" is not a typo of "overdose")
            return TXT.get(word, word)
        for key in _KEY_BY_LETTER.get(word[0], ()):
            limit = 2 if len(key) >= 11 else 1
            if abs(len(key) - len(word)) <= limit and OSA.distance(word, key) <= limit:
                return TXT.get(key, key)
    return word


def prepare(text: str) -> Prepared:
    """Fold, tokenise, spell out and split `text` into clauses (see the module's doc)."""
    folded = fold(text)
    folded = re.sub(r"\bod'?(?:d|ed)\b", "overdosed", folded)  # "od'd" (not "odd")
    folded = re.sub(r"\bwi[- ]?fi\b", "wifi", folded)  # not Welsh "wi" (I) and "fi" (me)
    # "k i l l  m y s e l f": letters spaced out are one word.
    folded = re.sub(r"\b(?:[a-z] ){2,}[a-z]\b", lambda hit: hit.group(0).replace(" ", ""), folded)
    folded = re.sub(r"(?<=[a-z])'r\b", " yr", folded)  # Welsh "llyncu'r" -> "llyncu yr"
    folded = re.sub(r"(?<=[a-z])'n\b", " yn", folded)  # Welsh "dwi'n" -> "dwi yn"
    folded = re.sub(r"(?<=\s)'y\b", "fy", folded)  # Welsh "'y mrest" -> "fy mrest"
    folded = re.sub(r"(?<=[a-z])'(?=[a-z])", "", folded)  # can't -> cant
    folded = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", folded)  # self-harm -> self harm
    clauses: list[tuple[str, ...]] = []
    originals: list[str] = []
    for piece in _CLAUSE_BREAK.split(folded):
        raw = _TOKEN.findall(piece)
        if not raw:
            continue
        originals.extend(raw)
        spelt = " ".join(canonical_word(w) for w in _numbers_as_words(raw)).replace("&", "and")
        for pattern, replacement in _PHRASES:
            if pattern.search(spelt):
                spelt = pattern.sub(replacement, spelt)
        words = tuple(spelt.split())
        if clauses and len(words) <= SHORT_CLAUSE:
            clauses[-1] = clauses[-1] + words
        else:
            clauses.append(words)
    return Prepared(
        clauses=tuple(clauses),
        text=" | ".join(" ".join(c) for c in clauses),
        original_words=tuple(originals),
    )


__all__ = ["KEY_WORDS", "SCREEN_LIMIT", "TXT", "Prepared", "canonical_word", "fold", "prepare"]
