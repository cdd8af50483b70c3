"""The safety screen: runs before anything else, on every message, in every state.

`screen(text)` reads the whole message (after `safety_text.prepare`) against the rules in
`safety_rules` and says what it found: a crisis, a medical emergency, a safeguarding concern,
medication with low mood, pregnancy, or distress with a "not" that deserves a gentle check.
Each finding says what kind of thing it is (its category), for the safety record.

How one rule's match is judged, clause by clause:
1. A topic, not a person: "suicide prevention module", "self harm training" -> ignored.
2. Whose words: the nearest person named before the match ("patient in bay 4 wanted to die"
   is a patient's; "she keeps saying she wants to die" is someone else's words). A patient, or
   anyone while the clause talks about work, is ignored; someone else outside work who may be
   at risk is a safeguarding concern ("my friend wants to end it").
3. Negation: "not", "never", "wouldnt" just before the words ("I'm not suicidal") turns a crisis
   into DISTRESS (a gentle "are you safe?" and a person, not urgent) and anything else off.
4. A figure of speech about smoking ("I'll kill myself if I don't get a fag") is DISTRESS too.
Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from flows.keywords import asks_for_person
from flows.safety_rules import (
    CLINICAL,
    CLOSE,
    FIRST_PERSON,
    FOR_A_SMOKE,
    IDIOMS,
    MOOD_WORDS,
    NEGATION_SCOPE,
    NEGATORS,
    NOT_OWN_AT_WORK,
    OTHERS,
    PATIENT,
    RULES,
    SAFETY_DENIED,
    SIGN_CATEGORY,
    SIGNS_NEEDED,
    SOON_WITH,
    SPEECH,
    STRUGGLING,
    THINGS,
    TOPIC_AFTER,
    TOPIC_BEFORE,
    TWICE,
    UNSURE,
    WARNING_SIGNS,
    WE,
    Concern,
    Rule,
    Who,
)
from flows.safety_text import prepare

SOMEONE_AT_RISK = "someone_at_risk"  # the category of a crisis about someone else
ENGLISH_WORDS = 3  # a message this long with no Welsh word in it is English
# Words only Welsh uses (with mutations folded): two of these make a message "clearly Welsh".
_WELSH_WORDS = frozenset(
    """dwi dw wi fi ti mae yn yr fy hun ddim dim eisiau isio isie moyn methu gallu gwneud
    byw marw lladd hunanladdiad wedi oes nad ond ac ar gyda heb mewn rhaid angen diolch
    helpa helpwch mynd ymlaen cario adref adre brest anadlu beichiog feichiog bydwraig plentyn
    babi ofn arna nawr rwan heddiw heno yfory gwaith shifft baich pwynt gobaith neb pawb
    bywyd mywyd fywyd negeseuon ffon hwyl fawr sori bopeth popeth cyfan tabledi gymryd cymryd
    llyncu nid rydw rwy sa smo chi nhw efo gen genni bod yw ydy ydi""".split()
)
# Words that only Welsh uses (English words such as "hi", "o" and txt "plis" are left out).
_STRONG_WELSH = frozenset(
    """dwi eisiau isio isie moyn methu lladd hunanladdiad marw byw ddim mae wedi heno nawr rwan
    arna ofn beichiog feichiog brest anadlu helpa helpwch bywyd neb pawb gobaith pwynt cyfan
    bopeth popeth hun tabledi llyncu cymryd gymryd""".split()
)


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the screen found: what kind of concern, and which category of it."""

    concern: Concern
    category: str
    example: str = ""  # found by the example net: the written example it is most like


@dataclass(frozen=True, slots=True)
class NetHint:
    """The example net's verdict on a message (bot/example_net.py works it out; flows only
    read it): the message is most like this risky example, by this margin."""

    expect: tuple[str, ...]  # what the example needs: crisis, medical, ..., check
    category: str  # the example's category ("act_taken", "goodbye", ...)
    example: str
    margin: float
    # Below the net's margin but nearer the risky examples than the everyday ones: not enough
    # for a safety reply (the screen ignores it), enough not to keep the words as an answer
    # in the person's own words (a reason to stop, a trigger, a survey answer, a job title).
    leaning: bool = False


# What each kind of example needs from the screen.
_HINTED = {
    "crisis": Concern.CRISIS,
    "medical": Concern.MEDICAL,
    "safeguarding": Concern.SAFEGUARDING,
    "medication": Concern.MEDICATION,
    "check": Concern.DISTRESS,
}  # not pregnancy: it is noted on the person's record, so only their own words (the rules) say it
_HINTED_CATEGORY = {"colleague_at_risk": SOMEONE_AT_RISK}  # the examples' names for the rules'


@dataclass(frozen=True, slots=True)
class Screening:
    """What the screen found in one message (nothing, for most messages)."""

    findings: tuple[Finding, ...] = ()
    welsh: bool = False  # the message itself is clearly in Welsh
    english: bool = False  # the message itself is clearly in English (several words, no Welsh)

    @property
    def concerns(self) -> frozenset[Concern]:
        return frozenset(f.concern for f in self.findings)

    def has(self, concern: Concern) -> bool:
        return any(f.concern is concern for f in self.findings)

    @property
    def clear(self) -> bool:
        return not self.findings


CLEAR = Screening()
_HELP_SHOUTED = re.compile(
    r"^\W*(?:h+e+l+p*p{2,}|h+e+l+p+\s*[!?]*!+|cymorth\s*[!?]*!+|helpwch\s*!+)\W*$", re.IGNORECASE
)


# A medical event in the past is not an emergency now.
HISTORY = re.compile(
    r"\b(?:years ago|year ago|years back|few years|last year|last month|months ago|in the past|"
    r"used to|when i was|once had|a while back|a while ago|llynedd|flynyddoedd|blynyddoedd|"
    r"blwyddyn diwethaf|in (?:19|20)\d\d|once|said it was fine|was fine|were fine|in the news|"
    r"on the news|read about|news story|story about|saw a story|in america|yn (?:19|20)\d\d|"
    r"fine in the end|all fine|popeth yn iawn|yn iawn yn y diwedd|had (?:a )?(?:heart attack|"
    r"stroke) at \d+|(?:thats|that is|dyna) (?:partly |part of |pam )?(?:why|pam) (?:im|i am|dwi)"
    r")\b"
)
# Over and well: whatever happened, the person says it ended well ("vet said it was fine").
_RESOLVED = re.compile(
    r"\b(?:was fine|were fine|fine in the end|all fine|all ok|all okay|vet said|doctor said "
    r"(?:it was|she was|he was) fine|popeth yn iawn|yn iawn yn y diwedd)\b"
)
_EASING = frozenset("less better easier lighter clearer".split())
_LAUGHTER = frozenset("lol lmao haha hilarious laughing".split())
_PPE = frozenset("ffp3 ffp3s mask masks ppe hood visor respirator gown".split())
THING_REACH = 3  # a thing is the subject only just before the words ("the craving is killing")
LOOK_BACK_CHARS = 200  # about 35 words before a match are read for who and context
_OTHER_WORDS = frozenset("him her them himself herself themselves his their".split())
_WARD_BED = re.compile(
    r"^(?:\d+\w?|[a-z]\d+|space|spaces|manager|managers|bureau|state|board|meeting|pressures?)$"
)
# The example net must beat the everyday examples by this much to count in work talk: there it
# is most often someone else's story (fixed on the development lines by leave-one-file-out).
NET_MARGIN_AT_WORK = 0.05
# Told as news: not an emergency near the person (the net alone; the rules read HISTORY).
_NEWS = re.compile(
    r"\b(?:in the news|on the news|read about|news story|story about|saw a story|in america|"
    r"in the paper|on the telly|on tv|documentary|on facebook|on tiktok)\b"
)
# A story told about the words: a programme, a song, an article.
_MEDIA = re.compile(
    r"\b(?:programme|program|rhaglen|documentary|podcast|storyline|song|film|episode|series|"
    r"article|drama|soap|book)s? (?:\w+ ){0,3}(?:about|am|saying|where|in which)(?: \w+){0,4}$"
)
# Someone else's risk that is over: long past, or they have died.
_THEIR_PAST = re.compile(
    r"\b(?:years ago|year ago|as a teen|as a teenager|when (?:we|she|he|they) (?:was|were) "
    r"(?:at school|kids|young|little)|in (?:19|20)\d\d|flynyddoedd yn ol|blynyddoedd yn ol|"
    r"died by suicide|took (?:his|her|their) own life|last year|llynedd|during covid|in "
    r"lockdown|when we were (?:teens|teenagers|kids|at school)|doing (?:really |so )?well now|"
    r"much better now|(?:a lot|loads) better now|llawer gwell|yn iawn rwan|yn iawn nawr)\b"
    r"(?!.*\b(?:again|eto|started|tonight|today|this week(?<!years this week))\b)"
)
_FEARED = re.compile(
    r"^(?:\w+ ){0,2}(?:scares|frightens|terrifies|scared|frightened) (?:me|the hell)\b"
)
_PUBLIC = frozenset("man woman lady ladies gentleman gent elderly".split())
# Welsh words after which "o" means "of" ("llawer o", "diwrnod 4 o"), not "he".
_OF_BEFORE = frozenset(
    "diwrnod diwrnodau wythnos wythnosau mis llawer lot digon mwy llond dipyn tipyn gormod rhan "
    "un dau tri pedwar pump oriau awr".split()
)
_NAMED = ("close", "patient")  # who "she" or "he" turns out to be, if named before
# Reported speech ends at these: "he said if I leave he'll kill me, and I want to die anyway".
_SPEECH_ENDS = frozenset("and but so because though honestly anyway tbh ngl then now".split())


_URGENT = frozenset({Concern.CRISIS, Concern.MEDICAL, Concern.SAFEGUARDING})
# A request for a person that cannot wait for the queue ("need a real person urgently", "can
# someone please call me, anyone").
_URGENCY = re.compile(
    r"\b(?:urgent\w*|asap|emergency|right now|anyone|anybody|desperate\w*|scared|struggling|"
    r"brys|argyfwng|rwan|nawr|unrhyw un)\b"
)


# The rules in runs of SIEVE_RUN, each run's patterns joined in one pattern: a line that none
# of a run's patterns matches anywhere skips the run's rules at one search, not one a rule (an
# everyday "yes" cost 0.7 ms of 1,250 searches). A line the joined pattern matches runs each
# rule of the run as before, in order: what is found is the same. (The patterns have no
# numbered or named groups to clash, and share their flags.)
SIEVE_RUN = 25


def _sieves(rules: Sequence[Rule]) -> list[tuple[re.Pattern[str], Sequence[Rule]]]:
    runs = [rules[start : start + SIEVE_RUN] for start in range(0, len(rules), SIEVE_RUN)]
    return [
        (re.compile("|".join(f"(?:{rule.pattern.pattern})" for rule in run)), run) for run in runs
    ]


_SIEVES = _sieves(RULES)


# Short messages are mostly everyday answers that many people send ("yes", "2", "patches",
# "thanks"): a short one the screen found nothing in is remembered as clear (the rules are
# constants, so a reading never changes). Anything else is read afresh every time, and words
# that raised a concern are kept nowhere but the transcript.
REMEMBERED_UP_TO = 40  # characters
REMEMBERED = 4096  # short clear messages at most (then forgotten, all at once)
_KNOWN_CLEAR: dict[tuple[str, NetHint | None], Screening] = {}  # (its language said there)


def screen(text: str, hint: NetHint | None = None) -> Screening:
    """Read the whole message and say what, if anything, needs a safety reply.

    `hint`, the example net's verdict, counts only when the rules found nothing: it can lean
    towards a person, never away from one.
    """
    short = len(text) <= REMEMBERED_UP_TO
    if short and (known := _KNOWN_CLEAR.get((text, hint))) is not None:
        return known
    found = _screen(text, hint)
    if short and found.clear:
        if len(_KNOWN_CLEAR) >= REMEMBERED:
            _KNOWN_CLEAR.clear()
        _KNOWN_CLEAR[(text, hint)] = found
    return found


def _screen(text: str, hint: NetHint | None) -> Screening:
    if hint is not None and hint.leaning:
        hint = None  # not sure enough for a safety reply (see NetHint.leaning)
    if _HELP_SHOUTED.match(text):
        # "HELP!!!", "helppp": not the menu (a bare HELP is), but someone calling out.
        return Screening((Finding(Concern.CRISIS, "call_for_help"),))
    prepared = prepare(text)
    if not prepared.clauses:
        return CLEAR
    message_words = {w for clause in prepared.clauses for w in clause}
    message_clinical = any(_at_work(clause) for clause in prepared.clauses)
    # The net reads work talk only when it is the person's own (no patient, no lesson in it),
    # and then only when it is surer than elsewhere.
    net_off = message_clinical and (
        bool(message_words & NOT_OWN_AT_WORK)
        or (hint is not None and hint.margin < NET_MARGIN_AT_WORK)
    )
    found: list[Finding] = []
    medicine_named: list[Finding] = []
    lines = [IDIOMS.sub("idiom", " ".join(clause)) for clause in prepared.clauses]
    for line in lines:
        clause = tuple(line.split())
        whole = prepared.text if len(prepared.clauses) > 1 else line
        for sieve, rules in _SIEVES:
            if sieve.search(line) is None:
                continue  # none of these rules' patterns is anywhere in the line
            for rule in rules:
                if (rule.needs and not rule.needs.search(prepared.text)) or (
                    rule.unless and rule.unless.search(prepared.text)
                ):
                    continue
                for match in rule.pattern.finditer(line):
                    verdict = _judge(rule, clause, line, match, message_clinical)
                    if verdict is None:
                        continue
                    if verdict.concern is Concern.MEDICATION:
                        medicine_named.append(verdict)
                        continue
                    if rule.category == "ingestion":
                        kind = _ingestion(line, whole)
                        if kind is None:
                            continue
                        verdict = Finding(Concern.MEDICAL, kind)
                    found.append(verdict)
                    break  # one finding per rule and clause is enough
    if not any(f.concern in _URGENT for f in found):
        found.extend(_second_net(lines, message_clinical))
    crisis_found = any(f.concern is Concern.CRISIS for f in found)
    if medicine_named and (crisis_found or MOOD_WORDS.search(prepared.text)):
        found.append(medicine_named[0])
    if crisis_found:  # the crisis reply covers any gentler check
        found = [f for f in found if f.concern is not Concern.DISTRESS]
    # Asking for a person in so many words, without urgency, is a request (the queue), not in
    # itself a crisis: the net's "call for help" does not make it one.
    plain_request = (
        hint is not None
        and hint.category == "call_for_help"
        and asks_for_person(text)
        and not _URGENCY.search(prepared.text)
    )
    unique = _with_hint(
        tuple(dict.fromkeys(found)), _not_over(hint, prepared.text), net_off, plain_request
    )
    welsh = is_welsh(prepared.original_words)
    english = (
        not welsh
        and len(prepared.original_words) >= ENGLISH_WORDS
        and not any(w in _WELSH_WORDS for w in prepared.original_words)
    )
    return Screening(unique, welsh=welsh, english=english)


def _at_work(words: Sequence[str]) -> bool:
    """Words of NHS work in a clause. A bed is a hospital bed only with a number or a word of
    the ward after it ("bed 9", "bed manager"): "can't get out of bed" is home."""
    return any(
        w in CLINICAL
        or (w in ("bed", "beds") and i + 1 < len(words) and _WARD_BED.match(words[i + 1]))
        for i, w in enumerate(words)
    )


def _not_over(hint: NetHint | None, text: str) -> NetHint | None:
    """The net's verdict, less what the message says is not happening to anyone they know now
    (a medical event in the news, someone else's risk long ago) and less the other kinds a
    gentle check's neighbours bring ("my friend tried
    to kill herself years ago, she's brilliant now")."""
    if hint is None:
        return None
    kinds = set(hint.expect)
    if _NEWS.search(text) or _RESOLVED.search(text):
        kinds.discard("medical")  # in the news, or over and well ("last year, vet said fine")
    if hint.category in ("colleague_at_risk", SOMEONE_AT_RISK) and _THEIR_PAST.search(text):
        kinds.discard("safeguarding")
    if hint.category == "negated_distress":
        # Most like someone saying they are safe but struggling: a gentle check (or more),
        # never an emergency of another kind borrowed from a further neighbour.
        kinds -= {"medical", "medication", "safeguarding"}
    if kinds == set(hint.expect):
        return hint
    kept = tuple(k for k in hint.expect if k in kinds)
    return NetHint(kept, hint.category, hint.example, hint.margin) if kept else None


def _with_hint(
    found: tuple[Finding, ...], hint: NetHint | None, net_off: bool, plain_request: bool
) -> tuple[Finding, ...]:
    """The rules' findings with the example net's verdict beside them. The net can only lean
    towards a person, never away from one: when the rules found nothing it stands alone; when
    they found less than it (a gentle check, or another kind), its urgent kinds are added.
    Talk of patients, children at work and training is left to the rules, and so is a plain
    request for a person."""
    if hint is None or net_off or plain_request:
        return found
    category = _HINTED_CATEGORY.get(hint.category, hint.category)
    hinted = [Finding(_HINTED[k], category, hint.example) for k in hint.expect if k in _HINTED]
    if not found:
        return tuple(hinted)
    have = {f.concern for f in found}
    extra = [f for f in hinted if f.concern in _URGENT and f.concern not in have]
    if not extra:
        return found
    if any(f.concern is Concern.CRISIS for f in extra):  # the crisis reply covers the check
        found = tuple(f for f in found if f.concern is not Concern.DISTRESS)
    return (*found, *extra)


def _judge(
    rule: Rule, clause: tuple[str, ...], line: str, match: re.Match[str], clinical: bool
) -> Finding | None:
    """Whether one match of one rule counts, and as what (see the module's doc)."""
    before, words, after = _around(line, match)
    if _topic(before, words, after, medicine=rule.concern is Concern.MEDICATION):
        return None
    whose = _whose(before)
    if (
        whose == "patient"
        and rule.concern is Concern.MEDICAL
        and not clinical
        and _PUBLIC.intersection(before)
    ):
        whose = "other"  # away from work "a woman at the bus stop" is the public, not a patient
    if rule.concern is Concern.MEDICATION:
        # Their own medicine ("my wife says I've not been myself since the champix"), not a
        # friend's or a patient's.
        own = whose in ("self", "none") or bool(FIRST_PERSON.intersection(clause))
        return Finding(rule.concern, rule.category) if own and whose != "patient" else None
    if (
        whose in ("other", "close", "none", "we")
        and FIRST_PERSON.intersection(words)
        and not _told_by_other(before)
    ):
        whose = "self"  # "everyone would be better off if I was dead"
    if rule.concern is Concern.PREGNANCY:
        return _pregnancy(rule, before, whose)
    clause_clinical = _at_work(clause)
    if (
        whose == "patient"
        and rule.concern is Concern.CRISIS
        and words[:1] == ["i"]
        and before[-1:] in (["and"], ["but"], ["so"])
    ):
        whose = "self"  # "...the patients who went peacefully, and I wish it was me"
    if whose in ("patient", "thing", "we"):
        return None
    about_them = whose == "speech" or rule.who is Who.SELF or _about_other(words)
    if whose in ("close", "other", "speech") and rule.concern is Concern.CRISIS and about_them:
        # Someone else's risk ("everyone would be fine without me" is still the person's): a
        # person they know, or anyone outside work, is "someone at risk"; anyone else at work
        # is a patient or the public.
        if _THEIR_PAST.search(line):
            return None  # "my friend tried to kill herself years ago, she's brilliant now"
        if whose == "close" or not clinical:
            return Finding(Concern.SAFEGUARDING, SOMEONE_AT_RISK)
        return None
    if (
        (whose == "speech" and rule.concern is not Concern.SAFEGUARDING)
        or (whose == "other" and clinical and rule.concern is not Concern.SAFEGUARDING)
        or (whose == "none" and clause_clinical and rule.who is Who.SELF)
    ):
        return None
    if rule.concern is Concern.DISTRESS and whose not in ("self", "none"):
        return None  # someone else's low mood: not a safety reply to this person
    if rule.concern is Concern.MEDICAL and (
        HISTORY.search(line)
        or _LAUGHTER.intersection(clause)  # "can't breathe, this video is too funny"
        or (clause_clinical and whose != "self")
        or _EASING.intersection(words)  # "my chest feels less tight since I stopped"
        or (rule.category == "breathing" and _PPE.intersection(clause))  # "in these FFP3s"
    ):
        return None
    if rule.category == SOMEONE_AT_RISK and _THEIR_PAST.search(line):
        return None  # "my cousin tried to kill himself 5 years ago, he's doing brilliant now"
    if (
        rule.concern is Concern.CRISIS
        and rule.category != "plan_or_means"
        and _FEARED.match(after)
    ):
        return None  # "the thought of dying young scares me": a fear of death, not a wish
    if rule.negatable and _negated(before):
        return Finding(Concern.DISTRESS, rule.category) if rule.concern is Concern.CRISIS else None
    if rule.concern is Concern.CRISIS and FOR_A_SMOKE.match(after):
        return Finding(Concern.DISTRESS, "figure_of_speech")
    return Finding(rule.concern, rule.category)


def _around(line: str, match: re.Match[str]) -> tuple[list[str], list[str], str]:
    """The words just before a match, its own words, and what follows it. The last few words
    before are enough for who and context, and reading only those keeps a long vent with many
    matches linear."""
    before = line[max(0, match.start() - LOOK_BACK_CHARS) : match.start()].split()
    if match.start() > LOOK_BACK_CHARS and before:
        before = before[1:]  # the first may be cut in half
    return before, match.group(0).split(), line[match.end() :].strip()


def _second_net(lines: list[str], clinical: bool) -> list[Finding]:
    """For wordings no rule foresaw: warning signs of several kinds in the person's own words
    are a crisis; saying they are safe while saying they struggle is a gentle check."""
    seen: dict[str, set[str]] = {}  # each kind of sign: the phrases found
    denied = struggling = False
    for line in lines:
        # At work, with no one named, warning signs beside words of work are about work.
        work = clinical and _at_work(line.split())
        for kind, pattern in WARNING_SIGNS.items():
            for match in pattern.finditer(line):
                if _own_sign(line, match, work):
                    seen.setdefault(kind, set()).add(match.group(0))
        denied = denied or bool(SAFETY_DENIED.search(line))
        struggling = struggling or any(
            _own_sign(line, match, work) for match in STRUGGLING.finditer(line)
        )
    signs = set(seen)
    if "soon" in signs and not signs & SOON_WITH:
        signs.discard("soon")
    count = sum(min(len(seen[k]), 2) if k in TWICE else 1 for k in signs)
    if count >= SIGNS_NEEDED:
        category = next(name for kind, name in SIGN_CATEGORY if kind in signs)
        return [Finding(Concern.CRISIS, category)]
    if denied and struggling:
        return [Finding(Concern.DISTRESS, "negated_distress")]
    return []


def _own_sign(line: str, match: re.Match[str], work: bool) -> bool:
    """One warning sign counts when it is about the person, now: not a topic of work or study,
    not a patient's or anyone else's, not in a clause about work, not negated, not a figure of
    speech about smoking."""
    before, words, after = _around(line, match)
    if work or _topic(before, words, after):
        return False
    # Someone the person knows is not ruled out: "sorted the cat, gave her to my neighbour" is
    # still the person's own affairs, and a friend's warning signs deserve a person too.
    whose = _whose(before)
    if whose in ("patient", "speech", "thing", "we"):
        return False
    return not _negated(before) and not FOR_A_SMOKE.match(after)


def _about_other(words: list[str]) -> bool:
    return bool(_OTHER_WORDS.intersection(words))


def _topic(before: list[str], words: list[str], after: str, *, medicine: bool = False) -> bool:
    """Crisis words as a topic of work or study ("suicide prevention module", "my mandatory
    training on domestic abuse", "ligature point audit")."""
    if not medicine and TOPIC_AFTER.match(after):  # "cytisine day 5" is not a topic
        return True
    told = _MEDIA.search(" ".join(before))  # "a programme on S4C about young men and suicide"
    if told and not FIRST_PERSON.intersection(told.group(0).split()):
        return True  # not "a documentary about burnout and honestly I want to die"
    return any(
        TOPIC_BEFORE.search(" ".join(before + words[:cut])) for cut in range(len(words) + 1)
    )


def _pregnancy(rule: Rule, before: list[str], whose: str) -> Finding | None:
    if whose in ("patient", "speech"):
        return None
    if whose in ("other", "close"):
        return _partner_pregnant(before)
    if rule.negatable and _negated(before):
        return None
    return Finding(Concern.PREGNANCY, rule.category)


def _person(word: str, previous: str | None) -> str | None:
    """What kind of person (or thing) one word names, if any."""
    if word in FIRST_PERSON:
        # Welsh "ffrind fi" / "chwaer fi": my friend, my sister.
        if word in ("fi", "i") and previous is not None and previous in OTHERS:
            return None
        if word == "fi" and previous is not None and previous in THINGS:
            return "thing"  # "ffon fi wedi marw": my phone has died
        return "self"
    if word == "o" and previous is not None and (previous.isdigit() or previous in _OF_BEFORE):
        return None  # Welsh "o" is "of" here, not "he": "diwrnod 4 o feddwl am ..."
    stem = word[:-1] if word.endswith("s") and len(word) > 3 else word  # "nans", "sisters"
    if word in PATIENT or stem in PATIENT:
        return "patient"
    if word in WE:
        return "we"
    if word in CLOSE or stem in CLOSE:
        return "close"
    if word in OTHERS:
        return "other"
    if word in THINGS or stem in THINGS:
        return "thing"
    return None


def _whose(before: list[str]) -> str:
    """Who a clause's words are about: "self", "we", "patient", "close" (someone they know),
    "other", "speech" (someone else's words), "thing" (a figure of speech) or "none"."""
    for index in range(len(before) - 1, -1, -1):
        word = before[index]
        if word in SPEECH:
            speaker = _whose(before[:index])
            if speaker == "patient":
                return "patient"
            if speaker in ("other", "close"):
                return "speech" if speaker == "other" else "close"
            continue
        kind = _person(word, before[index - 1] if index else None)
        if kind == "thing" and len(before) - index > THING_REACH:
            continue  # "off the fags for 2 days and now chest pain": not the fags' pain
        if kind == "self" and _told_by_other(before[:index]):
            return "speech"
        if kind == "other" and word in _PRONOUNS:
            # "my friend on the course said she ...": the person she is decides.
            named = next(
                (k for w in reversed(before[:index]) if (k := _person(w, None)) in _NAMED),
                None,
            )
            return named or kind
        if kind is not None:
            return kind
    return "none"


def _told_by_other(before: list[str]) -> bool:
    """'she said I ...' / 'patient keeps saying I want to die': reported speech, not the
    person's own words (unless the speaker is the person: 'I said I want to die')."""
    for index in range(len(before) - 1, -1, -1):
        if before[index] in _SPEECH_ENDS:
            return False
        if before[index] in SPEECH:
            speaker = _whose(before[:index])
            return speaker in ("patient", "other", "close")
    return False


def _partner_pregnant(before: list[str]) -> Finding | None:
    """'my wife is pregnant', 'my girlfriend is expecting': the household is."""
    partners = {"wife", "partner", "girlfriend", "gwraig"}
    for word in reversed(before):
        if word in partners:
            return Finding(Concern.PREGNANCY, "partner_pregnant")
        if word in OTHERS or word in PATIENT:
            return None
    return None


def _negated(before: list[str]) -> bool:
    """A negator just before the words, with only scope words between ("not going to")."""
    for offset, word in enumerate(reversed(before[-5:])):
        if word in NEGATORS:
            following = before[len(before) - offset :] if offset else []
            return not (following and following[0] in UNSURE)
        if word not in NEGATION_SCOPE:
            return False
    return False


_INGESTION_WHO = re.compile(
    r"\b(?:child|children|kid|kids|baby|toddler|son|daughter|boy|girl|little one|little un|"
    r"grandson|granddaughter|nephew|niece|lad|dog|puppy|pup|cat|kitten|pet|"
    r"\d+ ?(?:year|yr|month)s? "
    r"olds?|plentyn|babi|mab|merch|ci|cath|hes|shes|he|she|they|him|her)s?\b"
)
_LIQUID = re.compile(r"\b(?:eliquid|liquid|hylif|refills?|pods?|cartridges?)\b")
_SELF_ACCIDENT = re.compile(r"\b(?:i|im|ive|accidentally|by accident|mistake)\b")


_PRONOUNS = frozenset("he hes she shes they him her hers".split())
_PET = re.compile(r"\b(?:dog|dogs|puppy|pup|cat|cats|kitten|pet|ci|cath)\b")


def _ingestion(line: str, whole: str) -> str | None:
    """Someone (a child, a pet, another person) got nicotine inside them, or the person drank
    e-liquid: "ingestion", or "ingestion_pet" when it is only a pet. Chewing one's own
    nicotine gum is what it is for: None."""
    who = _INGESTION_WHO.search(whole)
    if who is not None:
        children = [
            h
            for h in _INGESTION_WHO.findall(whole)
            if not _PET.fullmatch(h) and h not in _PRONOUNS
        ]
        return "ingestion_pet" if _PET.search(whole) and not children else "ingestion"
    return "ingestion" if _LIQUID.search(line) and _SELF_ACCIDENT.search(line) else None


def is_welsh(words: tuple[str, ...]) -> bool:
    """The message itself is clearly Welsh (enough Welsh words, some only Welsh uses)."""
    if not words:
        return False
    welsh = [w for w in words if w in _WELSH_WORDS]
    strong = [w for w in welsh if w in _STRONG_WELSH]
    return len(strong) >= 1 and len(welsh) >= max(2, len(words) * 0.3)


__all__ = [
    "CLEAR",
    "SOMEONE_AT_RISK",
    "Concern",
    "Finding",
    "Screening",
    "is_welsh",
    "screen",
]
