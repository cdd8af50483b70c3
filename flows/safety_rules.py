"""The safety screen's rules: what counts as a crisis, a medical emergency, a safeguarding
concern, medication with low mood, or pregnancy. Written to be read by a clinical safety officer.

Each rule is a regular expression over one clause of the message *after* `safety_text.prepare`
has spelt it out: lower case, no apostrophes ("cant", "im", "dont"), txt-speak expanded ("kms"
is "kill myself", "wanna" is "want to"), "nobody" is "no one", Welsh mutations undone ("ladd" is
"lladd", "isie" is "eisiau", "sa i" is "dwi ddim"). So a rule is written once, in that spelling.

`who` says whose risk the words are about:
- SELF: the rule names no person ("want to die", "suicidal"), so the clause's subject decides:
  the person, or nobody named, counts; a patient, or anyone at work, does not ("patient in bay 4
  wanted to die"); someone else outside work is "someone at risk" ("my friend wants to die").
- ANY: the words already say who ("better off without me", "he hits me"); only a patient or
  reported speech of someone else ("she keeps saying...") turns them off.
`negatable`: "not" / "never" / "wouldnt" just before the words turns a crisis rule into a gentle
"are you safe?" (DISTRESS) and any other rule off ("im not pregnant").

When truly unsure, the rules lean towards a person: a false alarm costs a kind message and an
advisor's look; a miss can cost a life.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum, StrEnum


class Concern(StrEnum):
    """What a safety rule found; each has its own reply and escalation."""

    CRISIS = "crisis"  # risk to the person's life: thoughts, plans, acts, goodbyes, hopelessness
    MEDICAL = "medical"  # a medical emergency now (chest pain, a child who swallowed nicotine)
    SAFEGUARDING = "safeguarding"  # abuse, a controlled phone, a child or someone else at risk
    MEDICATION = "medication"  # varenicline or cytisine with low mood or dark thoughts
    PREGNANCY = "pregnancy"
    DISTRESS = "distress"  # distress with a "not" ("not suicidal, just can't cope"): ask gently


class Who(Enum):
    SELF = "self"
    ANY = "any"


@dataclass(frozen=True, slots=True)
class Rule:
    """One way of saying something that matters."""

    concern: Concern
    category: str
    pattern: re.Pattern[str]
    who: Who = Who.SELF
    negatable: bool = True
    needs: re.Pattern[str] | None = None  # must also appear somewhere in the message
    unless: re.Pattern[str] | None = None  # must not appear anywhere in the message


def _rules(
    concern: Concern,
    category: str,
    *patterns: str,
    who: Who = Who.SELF,
    negatable: bool = True,
    needs: str | None = None,
    unless: str | None = None,
) -> list[Rule]:
    return [
        Rule(
            concern,
            category,
            re.compile(p),
            who,
            negatable,
            re.compile(needs) if needs else None,
            re.compile(unless) if unless else None,
        )
        for p in patterns
    ]


# Pieces the patterns share.
GAP = r"(?:\w+ ){0,3}"  # up to three words in between ("want to just die")
PILLS = (
    r"(?:pills?|tablets?|tabledi|paracetamol|cocodamol|co codamol|ibuprofen|aspirin|meds|"
    r"medication|medicine|insulin|sleeping pills|antidepressants|sertraline|citalopram|"
    r"fluoxetine|amitriptyline|codeine|tramadol|morphine|oramorph|diazepam|zopiclone|"
    r"painkillers|pain killers|propranolol|lithium|quetiapine|mirtazapine|pils|varenicline|"
    r"cytisine|adhd meds)"
)
LOTS = (
    r"(?:[5-9]|\d\d+|all|all my|all of my|all the|all of the|the lot|the whole|a whole|whole|"
    r"loads|loads of|lots|lots of|a load|a load of|a lot|a lot of|a bunch|a handful|handful|"
    r"handfuls|every|everything|every one|a box|a packet|packets|boxes|two boxes|a bottle|"
    r"bottles|too many|double|triple|enough|the rest of|the rest|a months|a weeks|twenty|"
    r"thirty|forty|fifty|fifteen|sixteen|all them|all those)"
)
SMOKING = (
    r"(?:cigarettes?|smoking|smoke|nicotine|vap(?:e|ing)|tobacco|the habit|quitting|stopping|"
    r"patches|nrt|gum|cravings?)"
)
TOOK = r"(?:took|taken|swallowed|necked|downed|had|ate|eaten|drank|drunk|injected|popped)"
PARTNER = (
    r"(?:he|hes|she|shes|partner|husband|wife|boyfriend|girlfriend|ex|spouse|other half|"
    r"fiance|stepdad|step dad)"
)
HURT = (
    r"(?:hit|hits|hitting|beat|beats|beating|beaten|batter|battered|punch|punched|punches|"
    r"punching|kick|kicked|kicks|kicking|slap|slapped|slaps|strangle|strangled|strangles|"
    r"strangling|choke|choked|chokes|choking|push|pushed|pushes|shove|shoved|shoves|threw|"
    r"throws|hurt|hurts|hurting|threatened|threatens|threatening|raped|rapes|attacked|"
    r"attacks|grabbed|grabs|abuses|abused|abusing|bit|bites|burnt|burned|kill|stab|stabbed)"
)
CHILD_OR_PET = (
    r"(?:child|children|kid|kids|baby|toddler|son|daughter|boy|girl|little one|little un|"
    r"grandson|granddaughter|nephew|niece|dog|puppy|pup|cat|kitten|pet|\d+ ?(?:year|yr|month)s? "
    r"old|plentyn|babi|mab|merch|ci|cath|hes|shes|he|she|they|lad|lass|child)"
)
NICOTINE_THING = (
    r"(?:nicotine|gums?|patch|patches|lozenges?|eliquid|e liquid|vape|vapes|pods?|pouch|pouches|"
    r"cigarettes?|cigarette butts?|fag ends?|dog ends?|tobacco|inhalator|cartridges?|mouth spray|"
    r"refills?|liquid|gwm|nicotin|patsh|clytiau|clwt|hylif|fep|nicotine pouch)"
)

# Wanting, planning or thinking about something (the left half of the broad nets).
DESIRE = (
    r"(?:want|wants|wanted|wanting|wish|wishes|wishing|wished|rather|prefer|ready|going|"
    r"plan|plans|planning|planned|thinking|think|thought|thoughts|urge|urges|tempted|decided|"
    r"considering|contemplating|hope|hoping|longing|long|should|easier|better|fantasise|"
    r"fantasising|fantasize|imagine|imagining|dream|dreaming|keep|deserve|need|needs|crave|"
    r"craving|just|normal to|meant to|eisiau|isio|moyn|ishe|meddwl)"
)
# Words for dying or not being alive (the right half). Figures of speech are cut out after.
DEATH = (
    r"(?:die|died|dead|death|dying|suicide|not be here|not exist|not existing|not being here|"
    r"not be alive|not being alive|not wake up|not waking up|never wake up|never waking up|"
    r"disappear|disappearing|cease to exist|stop existing|stop breathing|be gone|be with "
    r"(?:my )?(?:nan|mum|mam|dad|gran|grandad|son|daughter|baby) (?:again|in heaven|up there)|"
    r"end it|end it all|end my life|ending it|ending it all|ending my life|kill myself|"
    r"killing myself|not be around|not being around|leave this world|leave this earth|"
    r"marw|farw|lladd fy hun)"
)
# After a word for dying: these make it a figure of speech ("dying for a fag", "dead tired").
NOT_FIGURATIVE = (
    r"(?! (?:than (?:do|work|go|eat|watch|listen|sit|another|have to|be on|miss)|of me|for|to have|to get|to go|to know|to see|to try|of (?:embarrassment|shame|"
    r"boredom|laughter|laughing|cringe|thirst|hunger)|laughing|tired|beat|on my feet|busy|"
    r"good|funny|chuffed|proud|excited|jealous|lucky|quiet|slow|boring|easy|hard|nice|keen|"
    r"serious|right|heavy|cert|happy|pleased|gutted|end|on arrival|in the water|my hair|her "
    r"hair|his hair|isie smoc|isio smoc|am smoc|am ffag|eisiau ffag|isie ffag)\b)"
)
# Intending to (the left half of means-and-intent).
INTENT = (
    r"(?:going to|gonna|will|im going|about to|want to|planning|plan to|planned|plan|"
    r"thinking of|thinking about|thought about|could|might|ready to|tempted to|decided to|"
    r"decide to|tonight|tomorrow|later|urge to|urges to|keep thinking|considering|"
    r"contemplating|should|mynd i|am)"
)
# Doing something with a means of dying (the right half).
MEANS_ACT = (
    r"(?:jump(?!ing)(?! (?:out of (?:my|me) skin|for joy|at the chance|in the shower|on (?:a|the) "
    r"call|on it|ship|the queue))|jumping(?! (?:out of (?:my|me) skin|for joy|at the chance))|"
    r"hang myself|hanging myself|overdose|overdosing|take (?:all|the lot|everything|"
    r"them all|the whole|a whole|every)|swallow (?:all|the lot|them all|everything)|drive "
    r"(?:\w+ ){0,2}into|driving (?:\w+ ){0,2}into|crash (?:my|the) car|crashing (?:my|the) car|"
    r"step in front|stepping in front|walk into the (?:sea|river|traffic)|drown|drowning|cut "
    r"(?:\w+ ){0,1}(?:deep|deeper|my wrists?|my throat)|slit|use (?:the|a|my) (?:rope|belt|"
    r"gun|blade|razor)|get (?:a|some) (?:rope|gun)|inject (?:\w+ ){0,2}insulin|take (?:\w+ ){0,2}"
    r"(?:from|out of) (?:the )?(?:drug|drugs|meds|cd) cupboard|neidio|crogi)"
)

# A means of dying, and lingering over it (the two halves of a plan).
MEANS = (
    r"(?:train line|railway line|railway|the tracks|tracks|bridge|bridges|cliff|cliffs|"
    r"multi storey|multistorey|top floor|the roof|rooftop|reservoir|river|the sea|belt|rope|"
    r"noose|ligature|blade|blades|razor|razors|knife|insulin|morphine|oramorph|fentanyl|"
    r"midazolam|ketamine|amitriptyline|paracetamol|cocodamol|co codamol|sleeping pills|"
    r"sleeping tablets|antidepressants|my meds|the meds|pills|tablets|cd cupboard|drug cupboard|"
    r"varenicline|cytisine|"
    r"controlled drugs|exhaust|charcoal|gun|shotgun|helium|pont|bont|clogwyn|afon|rhaff|tabledi)"
)
LINGER = (
    r"(?:keep looking at|been looking at|looking at it|keep thinking about|keep thinking|"
    r"worked it out|worked out|exactly which|exactly how|know how much|know exactly|would do it|"
    r"would it take|enough to|not for pain|not for the pain|counting out|counted out|"
    r"lined up|ready to go|tonight|saved up|put by|stashed|hidden|planned|a plan|the plan|how many|"
    r"how much|checked the times|"
    r"take them all|take it all|do it|end it|not coming back|wont be coming back|drawn to|"
    r"keep going back|keep driving|slowing down|stood on|stand on|looking down|jump|jumping|"
    r"digon|heno|yn barod|dyna ni)"
)

# Ways of saying "I don't want to live", used by several rules below.
LIVE = (
    r"(?:live|living|be alive|stay alive|be here|exist|wake up|carry on|go on|keep going|be around|"
    r"keep living|be on this earth|be in this world)"
)

RULES: list[Rule] = [
    # --- Crisis: thoughts of ending their life, said straight or indirectly ----------------------
    *_rules(
        Concern.CRISIS,
        "suicidal_thoughts",
        r"\bsuicid(?:e|al|ally)\b",
        r"\b(?:kill|killing|killed|end|ending|ended|off|offing|offed|top|topping|topped|hang|"
        r"hanging|hanged|shoot|shooting|drown|drowning|gas|gassing|poison|poisoning|stab|"
        r"stabbing|suffocate|electrocute|starve) myself\b",
        r"\bdo myself in\b",
        r"\b(?:end|ending|ended|take|taking|took|finish|finishing|finished) (?:my own|my) life\b",
        r"\b(?:end|ending) (?:it all|everything|it|things|this|my existence)\b"
        r"(?! (?:with|between|off|up|on|for (?:the|him|her|us)|early|there|here|by)\b)",
        r"\bkill myself (?:now|tonight|today)\b",
        r"\b(?:want|wanted|wanting|ready|going|wish|wishing|longing|planning|plan|decided|"
        r"deserve|deserving|about|need|prefer|like|would like|love) (?:\w+ ){0,2}to (?:just )?"
        r"(?:die|be dead|not be alive|stop living|not exist|stop existing|not wake up)\b"
        r"(?! (?:my|her|his|your|of (?:embarrassment|shame|boredom|laughter|laughing|cringe))\b)",
        r"\b(?:wish|wishing|rather|prefer|better|be better) (?:\w+ ){0,3}(?:dead|never been born|"
        r"never born|never existed)\b",
        r"\b(?:wish|wishing|wished) (?:\w+ ){0,2}(?:wasnt|werent|was not|were not) (?:here|alive|"
        r"born|around)\b",
        r"\b(?:wish|wishing) (?:\w+ ){0,3}(?:disappear|not wake up|never wake up|die|not exist)\b",
        r"\b(?:dont|dont really|dont even|no longer|never) (?:want|wish) to (?:\w+ ){0,1}"
        + LIVE
        + r"\b(?! (?:on|at|in|till|until|for|with|tonight at|another shift)\b)",
        r"\b(?:not sure|dont know if|dont know whether|unsure if|unsure whether|dont think) "
        r"(?:i |im )?(?:want|can|am able) to (?:\w+ ){0,1}" + LIVE + r"\b",
        r"\b(?:go to sleep|sleep|fall asleep|close my eyes) and (?:never|not) wake up\b",
        r"\b(?:hope|hoping|pray|praying) (?:\w+ ){0,2}(?:dont|never|not) wake up\b",
        r"\b(?:thinking|thought|thoughts|think|thinkin) (?:about|of|abt|bout) (?:ending|killing|"
        r"taking my|suicide|dying|death|not being here|not being alive|ending it|ending my|"
        r"hurting myself|kill myself|jumping|overdose|overdosing|topping)\b",
        r"\b(?:suicide|suicidal|death|dying) (?:thoughts|ideas|feelings|urges)\b",
        r"\b(?:slit|slitting|slice|slicing|cut|cutting|open) (?:my|me) (?:wrists?|throat)\b",
        r"\blife (?:isnt|is not|aint|not) worth (?:living|it)\b",
        r"\b(?:the world|world|everyone|every one|everybody|people|my family|family|my kids|"
        r"kids|they|it) (?:\w+ ){0,3}(?:better|easier|happier) (?:\w+ ){0,2}without me\b",
        r"\bbetter off (?:\w+ ){0,1}without me\b",
        r"\bno one (?:would|will|is going to|wouldnt|will even|would even|would really) "
        r"(?:\w+ ){0,2}(?:miss me|notice|care|even notice|be sad|mourn)\b",
        r"\bno one (?:would|will) miss\b",
        r"\bno one (?:cares|would care|will care|gives a \w+) (?:\w+ ){0,2}(?:if|whether) "
        r"(?:i|im) (?:live|die|dead|alive|here|gone|exist|disappeared|was dead|was gone)\b",
        # Welsh: lladd fy hun, hunanladdiad, eisiau marw, ddim eisiau byw, gorffen y cyfan.
        r"\blladd (?:fy |yn |n |fy hun |ein )?hun\b",
        r"\bhunanladd\w*\b",
        r"\b(?:eisiau|am|ishe|mynd i|barod i|well gen i|well gyda fi|gwell gen i) (?:\w+ )?marw\b",
        r"\b(?:dwi ddim|ddim|dim) (?:yn )?(?:eisiau|am|gallu) (?:byw|bod yma|bod yn fyw|deffro|"
        r"mynd ymlaen)\b(?! heb)",
        r"\b(?:gorffen|diweddu|cymryd|dod a) (?:y |r |yr |fy )?(?:cyfan|bywyd|popeth|bopeth|"
        r"diwedd)\b(?! (?:o|or|of|y|yr|gwaith|shifft)\b)",
        r"\bpawb (?:\w+ ){0,3}(?:well|gwell|hapusach) (?:\w+ ){0,3}heb fi\b",
        r"\bneb (?:\w+ ){0,3}(?:gweld eisiau|gweld fy eisiau|colli|malio|poeni)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "suicidal_thoughts",
        r"\b" + DESIRE + r"\b(?: \w+){0,6} " + DEATH + r"\b" + NOT_FIGURATIVE,
        r"\b(?:rather|prefer|like to|want to|wanna|wish i could|better to|easier to|ready to) "
        r"(?:\w+ ){0,2}(?:not|never) (?:be|exist|live|wake|be alive|be here|be around|carry on|"
        r"go on|be born)\b",
        r"\b(?:ending|end|ended|finishing|finish) (?:\w+ ){0,1}(?:my life|me|it all|my own life|"
        r"everything|things for good|it for good|it tonight|it now|it today|this life)\b"
        r"(?! (?:with|on) )",
        r"\b(?:planning|plan|planned|plot|plotting|arranging|organising) (?:my )?(?:exit|death|"
        r"suicide|funeral|way out|escape from (?:life|this world|everything))\b"
        r"(?! (?:from|off) (?:nights|the ward|this job|the nhs|work|the rota|this shift)\b)",
        r"\b(?:checking|check|bow|bowing|tap|tapping) out (?:for good|of "
        r"life|permanently|for ever|forever)\b",
        r"\b(?:sleep|go to sleep|sleeping) (?:forever|for ever|and never|permanently|for good)\b",
        r"\bwant (?:it|this|everything|the pain|the noise|my head|the thoughts|life|it all) to "
        r"(?:just )?(?:stop|end|be over|go quiet)\b(?! (?:raining|ringing|bleeping|alarming)\b)",
        r"\b(?:sewer slide|sewerslide|sewer side|sue side|suey|self delete|self deleting|"
        r"unalive|unaliving|catch the bus)\b",
        r"\b(?:made|making) (?:my )?peace\b(?= .*\b(?:goodbye|gone|end|ready|tonight|go|die|"
        r"leave|world)\b)",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "suicidal_thoughts",
        r"\b(?:wish|want|wanted|hope|hoping|pray|praying|rather|like to|if i could|could|"
        r"would) (?:\w+ ){0,7}(?:not|never|dont|didnt) (?:ever )?wake up\b"
        r"(?! (?:early|in time|till|until|for|on time|when|at|before)\b)",
        r"\b(?:get|getting|understand|see) why (?:people|someone|they) (?:do it|kill themselves|"
        r"end it|take their own lives?|do$)",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "suicidal_thoughts",
        r"\b(?:notice|care|miss me|matter|cope|bother|be sad|be upset|cry) (?:\w+ ){0,3}if (?:i|im)"
        r" (?:\w+ ){0,1}(?:was|were|wasnt|werent|am|died|disappeared|gone|dead|not here|didnt "
        r"wake up|killed myself|never came back)\b",
        r"\b(?:better|easier|happier|fine|ok|okay|cope|manage|be alright|be better) (?:\w+ ){0,3}if "
        r"(?:i|im) (?:am |was |were )?(?:not|wasnt|werent|never) (?:here|around|alive|born|in "
        r"the picture)\b",
        r"\b(?:fine|ok|okay|alright|better|happier|easier|cope|manage) (?:\w+ ){0,2}without me\b",
        r"\b(?:not|dont|no longer|never) (?:wanting|want|wanna|wish) to (?:exist|live|be alive|be "
        r"here|be around|wake up)\b",
        r"\b(?:wouldnt mind|would not mind|dont mind|wouldnt care|hope|hoping|praying|wish) "
        r"(?:\w+ ){0,2}(?:a|the) (?:bus|car|lorry|train|truck) (?:hit|hits|ran over|runs over|"
        r"knocked|took) me\b",
        r"\b(?:wouldnt mind|would not mind|dont mind|wouldnt care) (?:if )?(?:i )?(?:died|dying|"
        r"didnt wake up|never woke up|not waking up|wasnt here|was gone|dead)\b",
        r"\b(?:eisiau|well gen i|well gyda fi|gwell gen i) (?:\w+ ){0,2}(?:marw|peidio deffro|"
        r"peidio bod|peidio byw)\b",
        r"\bpeidio deffro (?:\w+ ){0,2}(?:byth|eto|fory)\b",
        r"\b(?:rhoi|roi) diwedd ar (?:bethau|bopeth|popeth|fy mywyd|fy bywyd|y cyfan|fy hun)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "suicidal_thoughts",
        r"\bnot (?:feeling|feel|wanting|want) to (?:live|be alive|be here)\b",
        r"\bfeeling to (?:die|end my life|finish my life|kill myself)\b",
        r"\b(?:thoughts|thinking|thought) (?:\w+ ){0,2}(?:to )?(?:finish|end) my life\b",
        r"\b(?:wish|wishing|wished|hope|hoping|pray|praying) (?:\w+ ){0,3}(?:wouldnt|would not|"
        r"wont|will not|never|didnt|dont) (?:ever )?wake up\b",
        r"\bif i (?:just )?(?:stepped|stepping|jumped|walked|drove|crashed|took|swallowed|went) "
        r"(?:\w+ ){0,8}(?:would|could|might) (?:all )?(?:stop|end|be over)\b",
        r"\b(?:want|wants|wanted|wish|wishing|hope|hoping) (?:\w+ ){0,2}(?:car|bus|train|plane|"
        r"lorry) to (?:come off|crash|hit|go off|run)\b",
        r"\bwant (?:it|this|everything) (?:all )?over\b",
        r"\b(?:go to sleep|sleep|fall asleep) and (?:\w+ ){0,2}not (?:have to|wake|do)\b",
        r"\b(?:wont|will not|not going to|never going to|dont think ill|dont think i will) make "
        r"(?:it to )?(?:\d+|my birthday|christmas|the morning|morning|the weekend|next week|it "
        r"through|it to morning|it to the morning|it through the night)\b",
        r"\b(?:dwi ddim|ddim|dim) (?:yn )?eisiau bod yn (?:byw|fyw)\b",
        r"\b(?:yn )?well heb fi\b",
        r"\b(?:gobeithio|gobeithion|gweddio) (?:\w+ ){0,3}(?:na|ddim) (?:\w+ ){0,2}deffro\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "suicidal_thoughts",
        r"\b(?:dont|do not) want to (?:do this|be here|exist|live|go on|keep going|carry on|be "
        r"alive) (?:anymore|no more|any longer)\b",
        r"\b(?:would|itd|it would|it d) be (?:easier|better|simpler|kinder) (?:for everyone )?"
        r"(?:if i|to) (?:\w+ ){0,3}(?:die|died|dead|gone|not here|disappear|disappeared|didnt "
        r"exist|wasnt here|wasnt around|not around)\b",
        r"\b(?:i )?(?:want|wish) (?:it|this|everything|life|all of this) (?:all )?(?:to )?"
        r"(?:be )?(?:over|end|stop|finish)\b(?! (?:soon|so i can|and|already)\b)",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "suicidal_thoughts",
        r"\b(?:steer|steering|swerve|swerving|drive|driving|veer|veering) (?:\w+ ){0,3}into "
        r"(?:the )?(?:central reservation|barrier|crash barrier|oncoming|wall|tree|bridge|lorry|"
        r"river|sea|canal)\b",
        r"\b(?:dont care|wouldnt care|hope|hoping|hopefully|praying) (?:\w+ ){0,3}(?:it|this|they|"
        r"smoking|cigarettes|the fags) kills? me\b|\bhoping it does\b",
        r"\b(?:kill|killing|suicide|suicidal|death|dying) (?:thoughts|feelings|urges)\b",
        r"\bbod (?:yma|ma) (?:rhagor|mwyach|ddim mwy|mwy)\b",
        r"\b(?:haws|well|gwell) (?:\w+ ){0,4}(?:ddim yn deffro|peidio deffro|ddim yma|wedi marw|"
        r"ddim o gwmpas)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "suicidal_thoughts",
        r"\b(?:step|stepped|stepping|walk|walked|walking|jump|jumped) (?:out )?in front of (?:a|"
        r"the) (?:lorry|train|bus|car|truck|van)\b",
        r"\bthe long sleep\b|\bcalling it a day (?:permanently|for good|forever|for ever)\b",
        r"\b(?:go and |going to |want to |wants to )?join (?:my )?(?:dad|mum|mam|nan|son|"
        r"daughter|husband|wife|brother|sister|baby|grandad)\b(?! for\b)(?= .*\b(?:tired|again|"
        r"up there|heaven|years|miss|gone)\b)",
        r"\b(?:wont|will not|doesnt|does not|aint) (?:matter|count) (?:soon|much longer|for long|"
        r"after)\b",
        r"\bif (?:i|im) (?:wasnt|werent|was not|wasnt around|was gone|died|wasnt here) (?:\w+ )"
        r"{0,8}(?:better off|fine|happier|easier|money|cope)\b",
        r"\b(?:clocio allan|mynd) am byth\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "suicidal_thoughts",
        r"\b(?:stop|stopped|not) existing\b|\bcease to be\b",
        r"\b(?:jealous|envious|envy|genfigennus) (?:\w+ ){0,3}(?:dead|died|passed|patient who "
        r"passed|the ones who|those who|rhai sydd wedi marw)\b",
        r"\b(?:planning|plan|planned|picturing|thinking about|thinking of|think about|imagine|"
        r"imagining|meddwl am) (?:\w+ ){0,2}(?:my own|fy) (?:funeral|angladd)\b",
        r"\b(?:hoping|hope|wish|wishing|praying|pray) (?:\w+ ){0,4}(?:would drift|crash into|hit|"
        r"hits|runs? (?:me )?over|kill me|take me)\b",
        r"\b(?:want|wants|hope|hoping|wish) (?:\w+ ){0,3}(?:something terminal|cancer|a heart "
        r"attack|an accident|to get ill|to get sick)\b(?! (?:screening|checked)\b)",
        r"\b(?:the|my|those|them|these) (?:bad |dark |black |horrible )?thoughts (?:are |r )?"
        r"(?:back|again|coming back|are winning|won)\b",
        r"\b(?:having|got) the thoughts again\b|\bthe ones you know\b",
        r"\b(?:picturing|picture|see|seeing|imagining|imagine) (?:\w+ ){0,1}myself (?:\w+ ){0,2}"
        r"(?:stepping|jumping|hanging|falling|dead|in a coffin|off)\b",
        r"\b(?:wanting|want) out\b(?! of (?:this|the|my) (?:job|shift|rota|ward|contract|nights|"
        r"meeting)\b)",
        r"\b(?:be|come and be|join you|be with you) (?:\w+ ){0,2}(?:with you|up there|in heaven)\b"
        r"(?= .*\b(?:want|wish|can see me|mam|mum|dad|nan)\b)",
        r"\b(?:take|taking|took) their own li(?:fe|ves)\b(?= .*\b(?:me|asking for me|myself|"
        r"i)\b)",
        r"\bhow easy it would be\b",
        r"\bif it (?:wasnt|was not|werent|were not) for (?:the|my) (?:dog|kids|cat|children|mum|"
        r"son|daughter) i (?:wouldnt|would not) (?:still )?be here\b",
        r"\b(?:thinking|think|thought) (?:\w+ ){0,2}(?:to not|not to) live\b",
        r"\b(?:hoping|hope) for a heart attack\b",
        r"\b(?:dont|do not|cant) see myself (?:being )?(?:around|here|alive|living) (?:by|at|in|"
        r"next|for)\b",
        r"\bforget (?:you|me) once (?:youre|im|you are|i am) gone\b",
        r"\b(?:dymuno|dymunaf) na (?:fyswn|fyddwn|bawn) i (?:erioed )?wedi (?:cael fy ngeni|fy "
        r"ngeni|ngeni)\b",
        r"\b(?:meddyliau|meddylia) (?:drwg|tywyll|du) (?:yn )?(?:ol|yn ol|eto)\b",
        r"\bpeidio bod yma\b|\bmeddwl am beidio bod\b",
        r"\b(?:gweddio|gweddio bod|gobeithio bydd) (?:\w+ ){0,3}(?:cymryd|nghymryd) (?:i )?yn fy "
        r"(?:nghwsg|cwsg)\b",
        r"\b(?:camu|neidio|syrthio) oddi ar (?:y |r )?(?:to|bont|pont|clogwyn|adeilad)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "suicidal_thoughts",
        r"\b(?:drove|drive|driving|steer|steered|steering) into the back of (?:a|the) (?:lorry|truck|"
        r"bus|van)\b",
        r"\bbetter off (?:\w+ ){0,4}than (?:wi|with) me\b",
        r"\bfeel like (?:everyone|they|people|the world) (?:would|d) be better off without (?:you|me)\b",
        r"\b(?:disappointed|gutted) (?:that )?i (?:woke up|am still here|im still here|didnt die)\b",
        r"\bsiomedig (?:mod|bod) (?:i|fi) (?:dal|yn dal) (?:yma|ma|yn fyw)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "suicidal_thoughts",
        r"\b(?:blino|wedi blino) byw\b|\bwedi cael llonydd\b",
        r"\b(?:jealous|envious|envy|genfigennus|eiddigeddus) (?:\w+ ){0,5}(?:they get to stop|cael "
        r"llonydd|marw|lose|ones we lose|got out|passed)\b",
        r"\bthey got out\b(?= .*\b(?:jumper|fair play|me)\b)",
        r"\b(?:easier|better) for everyone if i (?:just )?(?:wasnt|was not|werent) (?:on it|here|"
        r"around)\b",
        r"\b(?:mynd i gysgu|cysgu) a (?:byth|peidio) (?:dihuno|deffro)\b",
        r"\bwouldnt be sorry\b(?= .*\b(?:didnt wake up|wake up|die|dead)\b)",
        r"\b(?:lord|god) (?:\w+ ){0,1}takes? me\b",
        r"\bbetter off with me gone\b|\bwith me gone\b",
        r"\b(?:eisiau|isio|moyn) bod (?:gyda|efo|gydag) \w+\b(?= .*\b(?:bob nos|meddwl|marw|"
        r"wedi marw|ers)\b)",
        r"\b(?:cerdded|mynd) i mewn i (?:r |yr )?(?:mor|afon)\b",
        r"\b(?:fi|finnau|minnau) (?:fyd|hefyd)\b(?= .*\b(?:marw|moyn marw)\b)|\bmoyn marw\b",
        r"\b(?:dallt|deall|deal) pam\b(?= .*\b(?:diwedd|lladd|ei hun)\b)",
        r"\bwell gennyf beidio (?:a )?bod\b|\bpeido bod ma\b|\bbeido bod\b",
        who=Who.SELF,
    ),
    # --- Crisis: a plan, or a means of dying and lingering over it -------------------------------
    *_rules(
        Concern.CRISIS,
        "plan_or_means",
        r"\b(?:saved|saving|stockpiled|stockpiling|hoarded|hoarding|collected|collecting|"
        r"storing|stored|kept|keeping|built up|been saving) (?:up )?(?:\w+ ){0,3}" + PILLS,
        r"\benough (?:\w+ ){0,2}" + PILLS + r" (?:\w+ ){0,2}(?:to|for)\b",
        r"\b(?:going to|gonna|will|about to|want to|planning to|plan to|thinking of|could|"
        r"might|ready to|tempted to) (?:just )?(?:take|swallow|neck|down) "
        + LOTS
        + r" (?:\w+ ){0,2}"
        + PILLS,
        r"\b(?:take|swallow|taking|swallowing) "
        + LOTS
        + r" (?:of )?(?:\w+ ){0,2}"
        + PILLS
        + r"\b(?! (?:as prescribed|with food|every|each|a day|daily)\b)",
        r"\b(?:noose|ligature|ligatures)\b",
        r"\b(?:bought|got|found|tied|have|ordered|looking at|picked) (?:\w+ ){0,2}(?:rope|a rope|"
        r"the rope|a belt to|a gun|a shotgun|helium|charcoal|a hose)\b(?! (?:access|burner|for "
        r"the (?:bbq|barbecue|garden)))",
        r"\b(?:jump|jumping|jumped|throw myself|throwing myself|step|stepping|walk|walking|lie|"
        r"lying|drive|driving|crash|crashing|swerve|swerving|steer|fall|leap|leaping) "
        r"(?:\w+ ){0,4}(?:off|from|in front of|under|into|onto|in to) (?:\w+ ){0,3}(?:bridges?|"
        r"buildings?|roofs?|cliffs?|multi ?storey|car parks?|tracks|railway|motorway|trains?|"
        r"lorry|lorries|bus|traffic|oncoming|wall|tree|the sea|sea|river|canal|reservoir|"
        r"quarry|balcony|window|pont|bont|adeilad|clogwyn|tren|to)\b"
        r"(?! (?:stop|station|timetable|strike|ticket|driver|journey)\b)",
        r"\b(?:standing|sitting|stood|sat|im|i am|on) (?:on |at )(?:the )?(?:edge of )?(?:a |the |"
        r"this )?(?:bridge|roof|cliff|ledge|edge|top of the car park|railway|tracks)\b",
        r"\b(?:suicide|goodbye|farewell) (?:note|letter|notes|letters|plan)\b",
        r"\b(?:wrote|written|writing|left|leaving) (?:a |my )?(?:note|letter|notes|letters) "
        r"(?:for|to) (?:my )?(?:kids|children|family|mum|mam|dad|husband|wife|partner|son|"
        r"daughter|parents|everyone)\b",
        r"\b(?:take|taking|nick|nicking|use|using|help myself to|steal|stealing|get|getting) "
        r"(?:\w+ ){0,4}(?:from|out of) (?:the )?(?:drugs?|cd|controlled drugs?|med|meds|"
        r"medication|medicine) (?:cupboard|trolley|room|fridge|cabinet|safe)\b",
        r"\bhow (?:many|much) (?:\w+ ){0,3}(?:to|would|does it take to|it takes to|is|are|needed "
        r"to|before|until) (?:\w+ ){0,2}(?:kill|die|dead|be fatal|lethal|fatal|overdose|stop "
        r"(?:my|your) heart)\b",
        r"\b(?:lethal|fatal|deadly) (?:dose|amount|overdose|quantity)\b",
        r"\bquickest (?:\w+ ){0,2}(?:way|method) to (?:die|go|end)\b",
        r"\bpainless (?:way|method|death)\b",
        r"\b(?:neidio|taflu fy hun) (?:\w+ ){0,2}(?:oddi ar|o|off|oddiar|o flaen) ",
        r"\bo flaen (?:y |r )?(?:tren|lori|car|bws)\b",
        r"\b(?:cymryd|llyncu) (?:yr holl|y cyfan|llwyth o|llawer o|pob) (?:\w+ ){0,1}(?:tabledi|"
        r"pils|paracetamol|moddion|meddyginiaeth)\b",
        r"(?<!roi yr )(?<!rhoi yr )\b(?:tabledi|pils|paracetamol|moddion) i gyd\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "plan_or_means",
        r"\b" + INTENT + r"\b(?: \w+){0,5} " + MEANS_ACT + r"\b",
        r"\bhow (?:long|many|much|quick|quickly|fast) (?:\w+ ){0,6}(?:paracetamol|insulin|"
        r"tablets|pills|cocodamol|overdose|sleeping pills|morphine|codeine|amitriptyline) "
        r"(?:\w+ ){0,4}(?:kill|die|work|take effect|damage|fatal|lethal|enough|if you take a lot|"
        r"to take|before)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "plan_or_means",
        r"\b" + PILLS + r" (?:\w+ ){0,3}(?:saved|stockpiled|hoarded|stashed|hidden|counted out|"
        r"lined up|laid out|set out|ready|waiting|sorted|in a pile|in my locker)\b",
        r"\b(?:tonight|today|tomorrow|this weekend|friday|saturday|sunday) (?:\w+ ){0,1}(?:might be|"
        r"is|will be|could be|would be) the (?:night|day|time)\b",
        r"\b(?:decided|decide|made my mind up|made up my mind|set a date|picked a date|pick a "
        r"day|picked a day|chosen a day|choose a day|know how|worked out how)\b(?: \w+){0,4} "
        r"(?:to do it|to go|to end it|when|how|tonight|the day|the date|a day)\b",
        r"\b(?:that|it|this|they|those|these|enough|insulin) (?:\w+ ){0,1}(?:would|will|could|"
        r"should|might|to) do (?:it|the job|the trick)\b",
        r"\b(?:sorted|written|made|wrote|updated|done) (?:out )?my will\b",
        r"\bdigon o (?:tabledi|pils|paracetamol|moddion|insulin)\b",
        r"\b(?:rhaff|pont|bont|clogwyn|rheilffordd)\b(?: \w+){0,8} (?:neidio|taflu|crogi)\b",
        r"\b(?:neidio|taflu|crogi)\b(?: \w+){0,8} (?:rhaff|pont|bont|clogwyn|rheilffordd|tren)\b",
        r"\b(?:prynu|wedi prynu|cael|gen i) (?:\w+ )?rhaff\b",
        who=Who.SELF,
        needs=r"\b(?:pills?|tablets?|tabledi|paracetamol|cocodamol|insulin|meds|rope|bridge|"
        r"train|tracks|car|drive|jump|note|will|overdose|kill|die|end it|pont|bont|rhaff|neidio|"
        r"marw|lladd|gone|goodbye|sorted|decided)\b",
    ),
    *_rules(
        Concern.CRISIS,
        "plan_or_means",
        r"\b"
        + MEANS
        + r"\b(?!.*\b(?:mg|milligrams|dose|doses|strength|a day|per day|daily|prescribed)\b)"
        + r"(?: \w+){0,12} "
        + LINGER
        + r"\b(?!.*\b(?:do|should|can|shall|"
        r"could) (?:i|you) take\b|.*\b(?:a day|per day|daily|prescribed|dose|doses|mg|strength|"
        r"closed|late|delayed|cancelled|traffic|roadworks|diversion|club|for work)\b)",
        r"\b"
        + LINGER
        + r"\b(?!.*\b(?:mg|milligrams|dose|doses|strength|a day|per day|daily|prescribed)\b)"
        + r"(?: \w+){0,12} "
        + MEANS
        + r"\b(?!.*\b(?:do|should|can|shall|"
        r"could) (?:i|you) take\b|.*\b(?:a day|per day|daily|prescribed|dose|doses|mg|strength|"
        r"closed|late|delayed|cancelled|traffic|roadworks|diversion|club|for work)\b)",
        r"\bhow (?:many|much|high|far|long) (?:\w+ ){0,6}(?:would it take|would i need|do you need|"
        r"would be enough|wud be enough|is enough|to not wake up|for it to (?:definitely )?work|"
        r"before (?:it|you|i) (?:kills|die|dies|stop))\b",
        r"\b(?:what|which) height (?:\w+ ){0,7}(?:work|kill|die|enough|definitely)\b",
        r"\benough (?:\w+ ){0,3}(?:to|for) (?:not wake up|never wake up|kill|die|end it|do it|do "
        r"the job|finish it|stop my heart)\b",
        r"\b(?:not|wont|wont be|never|not planning on|not intending to|no plans of) (?:be )?"
        r"(?:coming|going|getting) (?:back|home)\b(?= .*\b(?:cliff|cliffs|river|bridge|sea|"
        r"woods|reservoir|tracks|roof|car park|lake|beach|hills|motorway|down|up)\b)",
        r"\btake (?:the|my|these|those) (?:tablets|pills|meds|knife|knives|blades?|razors?|"
        r"rope|belt|car keys) (?:off|away from) me\b",
        r"\b(?:garage|car|exhaust) (?:\w+ ){0,5}(?:engine running|hose|fumes)\b",
        r"\b(?:cadw|casglu|wedi cadw|wedi casglu|hel) (?:\w+ ){0,1}(?:tabledi|pils|paracetamol|"
        r"moddion)\b",
        r"\b(?:tabledi|pils|moddion) (?:\w+ ){0,3}(?:yn barod|ar y bwrdd|wedi cyfri)\b",
        r"\b(?:gyrru|yrru) (?:\w+ ){0,3}(?:i mewn i|i|mewn i) (?:wal|goeden|lori|afon|mor)\b",
        r"\b(?:dewis|wedi dewis) (?:y |r )?(?:dyddiad|diwrnod|noson)\b(?= .*\b(?:llythyr|nodyn|"
        r"tabledi|diwedd|marw)\b)",
        r"\b(?:llythyr|nodyn) (?:\w+ ){0,3}(?:dewis|dyddiad)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "plan_or_means",
        r"\bhow many (?:\w+ ){0,6}(?:it would take|would it take|it takes|does it take)\b",
        r"\b(?:ive|i have|i|already) (?:worked out|figured out|planned|decided|know) (?:exactly )?"
        r"(?:how|when|where)\b(?: to do it| ill do it| i will do it)?$",
        r"\b(?:its|it is|everything is|everythings|all) (?:all )?(?:planned|sorted|arranged|"
        r"ready|set)\b(?= .*\b(?:tonight|tomorrow|after|when|the day|goodbye|sorry)\b)",
        r"\b(?:tonight|tomorrow|after (?:he|she|they|everyone) (?:goes|go) to (?:sleep|bed))\b"
        r"(?= .*\b(?:its all planned|all planned|planned|i will do it|ill do it|doing it)\b)",
        r"\blethal (?:doses?|amounts?|quantities)\b",
        r"\b(?:cynllunio|wedi cynllunio|gwybod yn union) (?:sut|pa|pryd)\b",
        r"\bdigon o (?:\w+ ){0,3}(?:i orffen|i gorffen|i ddod a|i wneud)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "plan_or_means",
        r"\b(?:know|knw) (?:exactly )?(?:how|when|where|what) (?:im going to|ill|i will|i would|"
        r"to|i am going to|id) (?:do it|end it|go|die|use)\b",
        r"\b(?:picked|chosen|set|got|chose) (?:a|the|my) (?:date|day|time|place|spot|night)\b"
        r"(?= .*\b(?:not for (?:quitting|smoking|the smoking)|isnt for|do it|to go|end it|"
        r"goodbye|wont be)\b)",
        r"\b(?:researching|research|googling|googled|searching|searched|looked up|looking up|"
        r"reading about|read up on) (?:\w+ ){0,3}(?:how to (?:die|kill|end|hang|overdose)|ways "
        r"to (?:die|end|kill)|methods|painless|lethal|fatal|overdose amounts|how much it "
        r"takes|how many it takes)\b",
        r"\b(?:car|motor|van) (?:\w+ ){0,4}(?:into|off) (?:the|a) (?:road|wall|tree|river|"
        r"bridge|barrier|lorry|sea|cliff)\b",
        r"\b(?:got|have|bought|ordered|found) (?:a |some |the )?(?:\w+ )?(?:rope|hose|charcoal|"
        r"gun|razor blades|blades|helium)\b(?= .*\b(?:tonight|ready|for me|myself|when|done|"
        r"plan|end)\b)",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "plan_or_means",
        r"\b(?:took|got|put|bought|fetched|grabbed) (?:\w+ ){0,2}(?:rope|hose|belt|ligature)\b"
        r"(?: \w+){0,6} (?:boot|car|bag|bedroom|wardrobe|loft|garage|woods|tonight)\b",
        r"\b(?:itll|it will|itd|it would|everything will|everythingll) (?:all )?be over (?:by "
        r"then|soon|tonight|tomorrow|before)\b",
        r"\b(?:know|knw) (?:exactly )?which (?:bridge|tree|spot|place|cliff|building|car park|"
        r"train|station|road|pills|tablets|one)\b",
        r"\b(?:what|which|how much|how many) (?:\w+ ){0,2}would do it\b",
        r"\b(?:wrote|written|writing|left) my (?:note|letter|goodbye)\b",
        r"\b(?:been )?planning (?:it|this) for (?:weeks|months|days|a while|ages|a long time)\b",
        r"\b(?:picked|chosen|chose|set) (?:the|a|my) (?:date|day)\b(?= .*\b(?:day after|after my|"
        r"last shift|not for|isnt for|tonight|weekend)\b)",
        r"\b(?:second|another|third|extra) (?:box|boxes|packet|packets|pack) (?:\w+ ){0,2}"
        r"(?:from (?:a|another) (?:different )?(?:chemist|pharmacy|shop)|so they (?:wouldnt|"
        r"dont|didnt) ask)\b",
        r"\b(?:googled|googling|searched|searching|looked up|looking up|asked google) (?:\w+ ){0,4}"
        r"(?:overdose|lethal|fatal|how much|how many|would kill|would hurt|to die)\b",
        r"\b(?:gen i|gyda fi|mae gen i) (?:gynllun|cynllun)\b",
        r"\b(?:gwglo|chwilio|edrych lan|edrych i fyny) (?:\w+ ){0,3}(?:faint|sut|pa mor)\b",
        r"\b(?:gwbod|gwybod) (?:yn union )?(?:lle|ble|sut|pryd)\b(?= .*\b(?:neud|gwneud|bont|pont|"
        r"clogwyn|heno)\b)",
        r"\b(?:clogwyni|clogwyn|pont|bont|rheilffordd)\b(?= .*\b(?:mynd|ddim yn mynd gatre|ddim yn "
        r"dod nol|heno|ar ol y shifft)\b)",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "plan_or_means",
        r"\bif i (?:did|do) it (?:tonight|now|today|this weekend|tomorrow)\b",
        r"\bno one (?:would|will) (?:find|miss|notice) me (?:till|until|for)\b",
        r"\b(?:id|ill|i will|i would|im going to|gonna) do it (?:on|at|in|off|from)\b(?= .*\b(?:"
        r"bridge|road|a55|m4|motorway|train|cliff|river|empty|alone|nobody|no one)\b)",
        r"\b(?:id|ill|i will|im going to|gonna) do it (?:\w+ ){0,3}when (?:the house is empty|no "
        r"one is (?:home|around|in)|everyone is (?:out|asleep|away)|the kids are away)\b",
        r"\b(?:tallest|highest) (?:car park|building|bridge|cliff|multi ?storey|block)\b",
        r"\bthe plan is\b(?= .*\b(?:train|bridge|pills|tablets|rope|tonight|car|cliff)\b)",
        r"\b(?:blade|blades|razor|knife|rope)s? (?:is |are )?(?:out|ready)\b",
        r"\b(?:pills|tablets|rope|belt) (?:\w+ ){0,2}note\b",
        r"\bneb (?:yn |n )?(?:ffindo|ffeindio|dod o hyd i) fi\b",
        r"\b(?:gwbod|gwybod) yn (?:gwmws|union) (?:ble|lle|sut|pryd)\b",
        r"\bi peidio deffro\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "plan_or_means",
        r"\b(?:the )?spots? (?:is |s )?(?:picked|chosen)\b",
        r"\b(?:practice|practise|trial|test) run\b(?= .*\b(?:belt|rope|knot|ligature|it held|"
        r"pills|bridge)\b)",
        r"\b(?:tried|practised|practiced|tied) (?:\w+ ){0,1}(?:the )?knot\b",
        r"\b(?:it|the belt|the rope) held\b",
        r"\bfor good\b(?= .*\b(?:cat|dog|sister|doesnt know|dont know)\b)|\b(?:doesnt|dont|"
        r"does not) know (?:its|it is) for good\b",
        r"\b(?:laid out|picked|chosen|chose) (?:\w+ ){0,2}(?:clothes|outfit) (?:\w+ ){0,3}(?:found|"
        r"buried|wear)\b",
        r"\b(?:its|it is|i have|ive) decided\b(?= .*\b(?:friday|saturday|sunday|monday|tuesday|"
        r"wednesday|thursday|tonight|tomorrow|calm|weekend)\b)",
        r"\b(?:cancelled|canceled) (?:the )?(?:dentist|everything|all my|appointments) (?:\w+ ){0,3}"
        r"(?:after|no point)\b",
        r"\beverything i need is (?:in|ready|sorted)\b",
        r"\b(?:know|knw) how (?:much|many) (?:\w+ ){0,2}(?:itd take|it would take|it takes|to take|"
        r"it d take)\b",
        r"\b(?:set|picked|chosen) a date\b(?= .*\b(?:diary|pencil|wrote|written|not for)\b)",
        r"\b(?:moved|transferred) (?:all )?my (?:savings|money) (?:\w+ ){0,4}(?:deleted|closed|"
        r"cancelled)\b",
        r"\b(?:do it|going to do it) on my day off\b",
        r"\bmy plans? (?:is|s)? ?the same as (?:last time|before)\b",
        r"\b(?:access to|can get|get it at|get them at|get some at|from work) (?:\w+ ){0,4}"
        r"(?:potassium|insulin|morphine|oramorph|fentanyl|midazolam|controlled drugs|everything i "
        r"d need|everything id need)\b",
        r"\b(?:potassium|insulin|morphine|oramorph|fentanyl|midazolam)\b(?= .*\b(?:at work|from "
        r"work|it takes|itd take|it would take|at home|stash|put by|enough)\b)",
        r"\bstash (?:of|o) \w+",
        r"\bwent to (?:the )?(?:woods|bridge|river|cliff|car park) (?:\w+ ){0,3}(?:to|and)\b",
        r"\b(?:im|i am|i will|ill) (?:\w+ ){0,1}(?:going to|gonna) (?:finish|end) it\b",
        r"\bsee you on the other side\b",
        r"\b(?:penderfynu|wedi penderfynu)\b(?= .*\b(?:nos|heno|fory|dydd)\b)",
        r"\b(?:sgwennu|ysgrifennu) llythyr(?:au|e)? (?:ir|i r|i|yr) (?:plant|teulu|bawb)\b",
        r"\bchwilio (?:ar lein |ar-lein )?(?:pa|ble mae|lle mae) (?:bont|pont|clogwyn|adeilad)\b",
        r"\bdewis y dillad\b",
        r"\bgyrru ir clogwyni\b|\bi r clogwyni\b",
        r"\bfel na fydd neb yn (?:chwilio|edrych) (?:amdana i|amdanaf)\b",
        r"\b(?:rhoi diwedd|roi diwedd) ar y (?:cwbl|cwbwl|cyfan)\b",
        r"\b(?:crogi|grogi) (?:fy )?hun\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "plan_or_means",
        r"\b(?:keeping|kept|putting|put|been putting) (?:back|aside|away) (?:\w+ ){0,4}" + PILLS,
        r"\b(?:know|knowing) (?:its|theyre|they are|it is) there if i need\b",
        r"\b(?:taking|took|bringing|brought) (?:\w+ ){0,3}home from (?:the )?(?:returns bin|work|the "
        r"ward|the cupboard)\b",
        r"\bi know what (?:theyre|they are|its|it is) for\b",
        r"\b(?:access to|can get) (?:drugs|meds|medication|medicines)\b(?= .*\b(?:think about|more "
        r"than i should|most people dont|scares me)\b)",
        r"\broof access\b|\bstairwell\b(?= .*\b(?:roof|alarm|top)\b)",
        r"\bknow which (?:medication|drugs|tablets|meds) and how (?:much|many)\b",
        r"\bfast (?:ones|trains) that (?:dont|do not) stop\b",
        r"\bhose ?pipe\b(?= .*\b(?:boot|tape|car|exhaust|lay by|layby)\b)",
        r"\b(?:use|using) (?:it|them|that|the knife|the blade) on myself\b",
        r"\b(?:rope|ropes|gwn|rhaff)\b(?= .*\b(?:looking at it|every day|sbio|edrych|trawst|beam)\b)",
        r"\b(?:cadw|cadwr|cadw yr) (?:\w+ ){0,1}(?:morffin|morphine|tabledi|insulin)\b",
        r"\b(?:sbio|edrych) (?:arno|arni|ar y) (?:\w+ ){0,1}(?:bob nos|trawst|bob dydd)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "plan_or_means",
        r"\bcharcoal (?:bbq|barbecue|burner) indoors\b|\bfumes (?:\w+ ){0,4}indoors\b",
        r"\b(?:buying|bought) extra (?:packs|boxes) of\b|\bdifferent chemist each time\b",
        r"\b(?:stacking|saving|hiding) them up\b",
        r"\bgo over the doses\b|\bwould do it quietly\b",
        r"\bno railing\b|\btide times\b(?= .*\b(?:cliff|railing|path)\b)",
        r"\bwould (?:a|an) (?:\w+ ){0,1}overdose hurt\b|\bjust drift off\b",
        r"\b(?:put|putting|kept) (?:my )?tablets by\b|\benough in the tin\b",
        r"\bhose for the (?:car )?exhaust\b|\blength of hose\b",
        r"\b(?:practised|practiced) tying (?:the|a) knot\b",
        r"\bcyfri r tabledi\b|\bcyfri yr tabledi\b|\bcyfri (?:y |r |yr )?tabledi\b",
        r"\bpa mor uchel\b(?= .*\b(?:disgyn|goroesi|syrthio)\b)",
        r"\b(?:gwn|cetris)\b(?= .*\b(?:gwbod|cwpwrdd|heno|adra|yn y ty)\b)",
        r"\b(?:wedi penderfynu|penderfynu) ar ddyddiad\b",
        r"\b(?:cadw|wedi cadw) morffin\b|\bmorffin \w+ (?:yn y cwpwrdd|wedi cadw)\b",
        r"\bpolisi yswiriant\b(?= .*\b(?:plant|rhag ofn)\b)",
        who=Who.SELF,
    ),
    # --- Crisis: self-harm -----------------------------------------------------------------------
    *_rules(
        Concern.CRISIS,
        "self_harm",
        r"\b(?:hurt|hurting|harm|harming|cut|cutting|burn|burning|burnt|scratch|scratching|"
        r"punish|punishing|hit|hitting|bang|banging|starve|starving|bruise|bruising|scar|"
        r"scarring|bite|biting) myself\b"
        r"(?! (?:shaving|on|opening|chopping|cooking|slicing|peeling|by accident|accidentally|"
        r"slightly|a bit|a little|at the gym|lifting|playing|running|at work|moving|with the|"
        r"doing|in the|while (?:cooking|shaving|chopping)|this morning on|last week on|lol|with the (?:iron|kettle|oven|pan|tray|straighteners)|with a (?:knife|razor) "
        r"(?:while|when))\b)",
        r"\bself (?:harm|harming|harmed|injury|injuring|injure|injured|destructive|destruct)\b",
        r"\b(?:relapsed|relapse|urge|urges|did|done|doing|want to|going to|started|been|"
        r"stopped|clean from) (?:\w+ )?(?:sh|self harm|cutting|harming)\b",
        r"\b(?:cut|cutting|slashed|slashing|scratched|burned|burnt|sliced) (?:my|me) "
        r"(?:arms?|legs?|thighs?|skin|stomach|wrist|wrists|body)\b(?! (?:on|open on|with the|"
        r"at the|lol|shaving|by accident)\b)",
        r"\b(?:razor|blade|blades|glass|lighter) (?:\w+ ){0,3}(?:on|to|against|into|across) "
        r"(?:my )?(?:skin|arms?|wrists?|legs?|thighs?)\b",
        r"\b(?:hun niweidio|niweidio fy hun|niweidio n hun|torri fy hun|torri n hun|llosgi fy "
        r"hun|brifo fy hun|brifo n hun)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "self_harm",
        r"\b(?:urge|urges|urged|wanting|want|need|tempted|itching|craving) (?:\w+ ){0,2}to (?:cut|"
        r"burn|hurt myself|self harm|harm myself|scratch|bleed)\b",
        r"^sh (?:again|last night|tonight|today|this morning)\b",
        r"\b(?:relapsed|relapse|relapsing) (?:on|with|into) (?:sh|self harm|cutting)\b",
        r"\b(?:cut|cutting|burn|burnt|burned|burning|hurt|hit|hitting|scratch|scratched|"
        r"scratching|punched|bruised) (?:\w+ ){0,4}(?:on purpose|deliberately|to feel something|"
        r"to punish myself|to feel better|to cope)\b",
        r"\b(?:llosgi|torri|brifo|taro|crafu) (?:\w+ ){0,5}ar bwrpas\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "self_harm",
        r"\b(?:scratch|scratching|scratched|cut|cutting|burn|burning|punch|punching|punched|hit|"
        r"hitting|bang|banging|bite|biting|pick|picking|crafu|torri|dyrnu|llosgi) (?:\w+ ){0,5}"
        r"(?:till|until|so|nes|nes bod) (?:\w+ ){0,3}(?:bleed|bleeds|"
        r"bled|bleeding|split|bruise|bruised|gwaedu)\b",
        r"\b(?:blade|razor|knife|glass|lighter)\b(?: \w+){0,8} (?:deeper|too deep|deep|again|tonight"
        r"|blood|bleed|bleeding|thing)\b",
        r"\b(?:the|my|that) (?:razor|blade|cutting) thing\b",
        r"\b(?:cuts|burns|scars|marks|bruises) (?:\w+ ){0,2}(?:i did|i made|i gave|ive done|i "
        r"caused) (?:myself|to myself)\b",
        r"\b(?:stub|stubbed|stubbing|put|putting) (?:\w+ ){0,3}out on (?:my|me) (?:own )?(?:arm|"
        r"arms|leg|legs|skin|hand|hands|wrist)\b",
        r"\b(?:slicing|slice|sliced|cutting|cut|carving|carved) (?:my|me|ma) (?:legs?|arms?|"
        r"thighs?|wrists?|skin|stomach|belly)\b",
        r"\b(?:need|needed|want) to feel (?:pain|something|anything)\b",
        r"\bfeel (?:pain|the pain) to feel (?:something|anything|better|real)\b",
        r"\bmy self harm\b",
        r"\b(?:keep|kept|been) hurting myself\b",
        r"\b(?:torri|brifo|llosgi|niweidio|crafu) (?:yn |n )?(?:fy )?hun\b",
        r"\b(?:moyn|eisiau|isio) (?:niweidio|brifo|torri|llosgi) (?:yn |n |fy )?hun\b",
        r"\b(?:llosgi|torri|brifo|crafu|dyrnu)\b(?: \w+){0,8} (?:yn bwrpas|ar bwrpas)\b",
        r"\b(?:yn bwrpas|ar bwrpas)\b(?: \w+){0,8} (?:llosgi|torri|brifo|crafu|dyrnu|gwaedu)\b",
        r"\bysfa (?:i )?(?:dorri|torri|losgi|llosgi|frifo|brifo)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "self_harm",
        r"\b(?:cut|cutting|burn|burned|burnt|burning|hurt|hurting|hit|hitting|scratch|scratched|"
        r"scratching|punched|bruised|llosgais|torrais|llosgi|torri) (?:\w+ ){0,6}(?:on purpose|"
        r"deliberately|to feel something|to punish myself|to feel better|to cope|yn bwrpas|ar "
        r"bwrpas)\b",
        r"\bhurt myself when\b",
        r"\b(?:cut|cutting|burn|burning|slice|slicing|scratch|scratching) (?:my|me) (?:hands?|"
        r"face|fingers|feet|belly|hips|chest)\b(?= .*\b(?:blade|razor|knife|glass|on purpose|"
        r"stress|when|again)\b)",
        r"\b(?:hitting|banging|punching|smashing|hit|banged|smashed) (?:my head|myself|my fists?|"
        r"my hands?) (?:\w+ ){0,1}(?:against|on|into|off) (?:the |a )?(?:wall|walls|door|floor)\b",
        r"\b(?:what|wat) (?:ive|i have|i) done to (?:my|me) (?:arms|legs|body|skin|wrists|"
        r"thighs)\b",
        r"\b(?:opening|opened|reopening) (?:\w+ ){0,2}(?:scars|cuts|wounds)\b",
        r"\b(?:making|made) new (?:ones|cuts|scars)\b",
        r"\b(?:thing|things) (?:\w+ ){0,5}(?:razor|blade|blades)\b",
        r"\b(?:long sleeves|sleeves down) (?:\w+ ){0,6}(?:sees|see|notice|know)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "self_harm",
        r"\b(?:sh|self harm|cutting|burning) (?:urges|urge|relapse|again|is back|has started)\b",
        r"\b(?:fresh|new|deep) (?:cuts|scars|burns|wounds|marks)\b(?! (?:on (?:the|a|my) "
        r"patient|from (?:the|a) cat)\b)",
        r"\b(?:hurt|harm|cut|burned|burnt|burn) (?:myself|me) (?:again|tonight|last night|today)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "self_harm",
        r"\b(?:hit|hitting|punched|punching|slapped|slapping|banged|banging) myself (?:in|on|"
        r"round) the (?:head|face)\b",
        r"\bllosgi fy (?:mraich|braich|croen|coes|llaw|nghoes|nghroen)\b",
        r"\b(?:cuddio|hide|hiding|cover|covering|covered) (?:\w+ ){0,3}(?:marcia|marciau|marks|"
        r"scars|cuts|burns|creithiau|toriadau)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "self_harm",
        r"\b(?:only|just) (?:small |little |a few )?(?:cuts|scratches|scratching|burns|marks)\b",
        r"\bthe (?:cutting|burning|scratching|self harm) (?:helps|is helping|calms|works)\b",
        r"\btoriadau bach\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "self_harm",
        r"\b(?:pulling|pulled|pull) (?:\w+ ){0,2}hair out\b(?= .*\b(?:clumps|bald|patch|bleed)\b)",
        r"\b(?:not|havent|haven t|didnt) eaten (?:in|for) \d+ days\b(?= .*\b(?:deserve|punish)\b)",
        r"\b(?:dont|do not) deserve (?:to eat|food|to live|to be happy|bwyd)\b|\bddim yn haeddu\b",
        r"\b(?:tied|put) (?:something|a belt|a cord|a scarf) (?:round|around) my neck\b",
        r"\b(?:a|my) cut (?:\w+ ){0,3}(?:stitches|wont stop|deep)\b(?= .*\b(?:mine|myself|i did|"
        r"did it)\b)",
        r"\brelapsed\b(?= .*\b(?:day 0|day zero|days clean|days|weeks clean)\b)",
        r"\b(?:bang|banging|hit|hitting) my head (?:on|against|off)\b",
        r"\b(?:ice cube|elastic band|rubber band)\b(?= .*\b(?:real thing|sharper|didnt work|"
        r"instead)\b)",
        r"\b(?:keep|carry|have) a (?:blade|razor) (?:in|on)\b",
        r"\b(?:put|stubbed) (?:a )?(?:cig|cigarette|fag) out on (?:my|me) (?:own )?\w+",
        r"\bsteri strips\b(?= .*\b(?:my own|myself|mine)\b)",
        r"\b(?:held|holding|put|pressed) my (?:hand|arm) (?:on|against) (?:the )?(?:hot|oven|"
        r"iron|stove|kettle)\b",
        r"\b(?:switched|moved|gone) (?:from )?(?:\w+ ){0,3}to something sharper\b",
        r"\bmy (?:thighs|arms|legs|wrists) are covered\b",
        r"\b(?:scrubbed|scratched|picked) my skin\b",
        r"\b(?:punish|punishing) myself\b(?! for (?:smoking|having a|buying)\b)",
        r"\ba burn i did to myself\b|\b(?:i did|did) to myself\b",
        r"\b(?:dechrau|dechre) torri eto\b",
        r"\bcrafu fy (?:mreichiau|mraich|nghroen|nghoesau|wyneb)\b",
        r"\b(?:heb fwyta|heb fyta) (?:ers|am) (?:dyddie|dyddiau|\w+ diwrnod)\b",
        r"\b(?:tynnu|tynnu fy) (?:ngwallt|gwallt) allan\b(?= .*\b(?:moel|darn|gwaedu)\b)",
        r"\b(?:toriade|toriadau) (?:yn )?(?:mynd )?(?:yn )?(?:ddyfnach|dyfnach)\b",
        r"\btaro fy (?:mhen|pen) yn erbyn\b",
        r"\bllewys hir (?:\w+ ){0,4}(?:cuddio|guddio)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "self_harm",
        r"\b(?:i )?(?:cut|cutting|burned|burnt|burning|hurt) (?:myself )?again\b(?! (?:on|with "
        r"the (?:iron|kettle|oven|pan|tray)))",
        r"\b(?:burning|burnt|burned) myself with (?:the|a|my) (?:lighter|cigarette|fag|match|"
        r"matches|lighter)\b",
        r"\b(?:hitting|punching|pinching|scratching) my (?:thighs|legs|arms|stomach|head|face)\b",
        r"\b(?:torri|crafu|llosgi) eto\b|\bdechrau torri\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "self_harm",
        r"\b(?:nails|fingernails) into my (?:palms|arms|skin)\b",
        r"\bhurt myself a bit\b|\bto hurt myself\b",
        r"\b(?:punched|punch|punching) the wall\b(?= .*\b(?:split|bleed|bled|felt better|knuckles)\b)",
        r"\brelapsed with the (?:blade|razor)\b",
        r"\b(?:bite|biting|bit) my arms\b",
        r"\bsiswrn (?:\w+ ){0,4}(?:ar fy hun|ar yn hun|arna i)\b|\bar (?:yn |fy )hunan\b",
        r"\bcreithie\b|\bcreithiau\b(?= .*\b(?:dyfnach|ddyfnach)\b)",
        r"\b(?:pinsio|crafu) (?:\w+ ){0,2}(?:nghoese|nghoesau|mreichiau|coese)\b",
        who=Who.SELF,
    ),
    # --- Crisis: an act already taken (an overdose, something swallowed, an injury) --------------
    *_rules(
        Concern.CRISIS,
        "act_taken",
        r"\b" + TOOK + r" (?:\w+ ){0,2}" + LOTS + r" (?:of )?(?:\w+ ){0,3}" + PILLS + r"\b",
        r"\b" + TOOK + r" (?:\w+ ){0,2}" + PILLS + r" (?:\w+ ){0,2}(?:" + LOTS + r")\b",
        r"\b" + TOOK + r" (?:\w+ ){0,3}(?:bleach|antifreeze|weedkiller|weed killer|poison|"
        r"rat poison|screenwash|drain cleaner)\b",
        r"\boverdosed\b(?! on (?:caffeine|coffee|sugar|chocolate|tea|energy|red bull|monster|"
        r"carbs|sweets|crisps|biscuits|cake|netflix|christmas|love|sun)\b)",
        r"\b(?:took|taken|done|had|take|taking) (?:an |a |my )?(?:overdose|overdosed)\b",
        r"\boverdosing\b",
        r"\b(?:tried|attempted|trying|try|attempt) (?:to )?(?:kill|end|hang|overdose|drown|hurt)"
        r" (?:myself|my life)\b",
        r"\b(?:tried|attempted|attempt) (?:to )?(?:overdose|suicide)\b",
        r"\b(?:cut|slit|sliced|slashed|opened) (?:my|me) (?:wrists?|throat|arm open|veins)\b",
        r"\b(?:tied|put|got) (?:a |the )?(?:rope|noose|belt|ligature|cord|scarf) (?:round|"
        r"around) my neck\b",
        r"\b(?:cymerais|wedi cymryd|wedi llyncu|llyncu|nes i gymryd|nes i cymryd) (?:\w+ ){0,3}"
        r"(?:tabledi|pils|paracetamol|moddion|tablets|pills)\b",
        r"\bwedi torri (?:fy )?(?:hun|garddwrn|arddwrn|mraich|breichiau|mreichiau|braich)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "act_taken",
        r"\b(?:its|it is|thats|i have|ive|i|just|already) (?:\w+ ){0,1}(?:done now|done it|gone "
        r"and done it|taken them|took them|taken it all|had them all|had all)\b"
        r"(?= .*\b(?:tablets?|pills?|paracetamol|overdose|tabledi|meds|insulin|bottle|box|"
        r"goodbye|sorry|bye|love)\b)",
        r"\b(?:tablets|pills|meds|paracetamol|tabledi) (?:are |is )?(?:all )?(?:gone|taken|"
        r"inside me|down)\b",
        r"\b" + TOOK + r" (?:\w+ ){0,4}(?:with|and|plus) (?:\w+ ){0,2}(?:sleeping tablets|"
        r"sleeping pills|my tablets|my pills|pills|tablets|paracetamol|painkillers)\b"
        r"(?= .*\b(?:vodka|wine|whisky|gin|bottle|all|whole|lot|loads)\b)",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "act_taken",
        r"\b(?:took|taken|swallowed|necked|downed|had|drank|drunk|injected|popped) (?:\w+ ){0,2}"
        r"(?:the lot|the whole lot|the whole box|the whole packet|"
        r"the whole bottle|all of them|all of it|everything in|everything i had|two "
        r"boxes|a whole box|them all|all my meds|all my tablets|the box|the packet)\b"
        r"(?! (?:for breakfast|for lunch|for dinner|for tea|at the buffet)\b)",
        r"\b(?:injected|inject|injecting) (?:myself )?(?:with )?(?:\w+ ){0,2}(?:all|loads of|"
        r"too much|lots of|a whole|a lot of|the lot|an overdose of)? ?insulin\b(?= .*\b(?:took|"
        r"from work|all|too much|lot|myself)\b)",
        r"\binjected myself with\b",
        r"\b(?:cymryd|wedi cymryd|cymerais|gymerais) (?:\w+ ){0,1}overdose\b",
        r"\bwedi (?:torri|sleisio) (?:fy |y )?(?:garddwrn|arddwrn|ngarddwrn|braich|mraich)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "act_taken",
        r"\b(?:took|taken|swallowed|necked|downed|taking|been taking) (?:\w+ ){0,1}(?:everything|"
        r"handfuls|a handful|a full|full)\b",
        r"\b(?:a full|full|whole) (?:packet|box|bottle|strip|pot|tub) of (?:\w+ ){0,2}" + PILLS,
        r"\b(?:injected|took|taken|had) (?:\w+ ){0,3}(?:insulin|morphine|oramorph|fentanyl|"
        r"midazolam|ketamine)\b(?= .*\b(?:didnt need|dont need|lot|too much|from work|all|loads|"
        r"shaky|sleepy|on purpose)\b)",
        r"\b(?:cut|cuts|cutting|torri) (?:\w+ ){0,1}(?:too deep|deep|deeper|ddwfn|yn ddwfn|n ddwfn)\b",
        r"\b(?:wont|cant|can not|will not) stop (?:the )?bleeding\b(?= .*\b(?:cut|cuts|deep|"
        r"blade|razor|wrist|arm)\b)",
        r"\b(?:please )?(?:dont|do not) (?:call|ring|phone|send|tell) (?:anybody|anyone|an "
        r"ambulance|999|the police|my)\b(?= .*\b(?:taken|took|swallowed|pills|tablets|"
        r"overdose)\b)",
        r"\bstaggered (?:overdose|od)\b",
        r"\b(?:took|taken|swallowed|drank|had) (?:\w+ ){0,4}(?:on purpose|deliberately|yn "
        r"bwrpas|ar bwrpas)\b",
        r"\b(?:yfed|llyncu|cymryd) (?:\w+ ){0,4}(?:yn bwrpas|ar bwrpas|yn bwrpasol)\b",
        r"\b(?:llyncu|cymryd|cymerais|wedi cymryd|wedi llyncu) (?:\w+ ){0,4}(?:i gyd|y cyfan|"
        r"llond llaw|llwyth)\b",
        r"\bllond llaw o (?:\w+ ){0,1}(?:tabledi|pils|paracetamol|moddion)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "act_taken",
        r"\b(?:drank|took|taken|swallowed|had) (?:so )?many (?:\w+ ){0,1}" + PILLS,
        r"\b(?:took|taken|swallowed|had) (?:all )?(?:the|my) (?:tablets|pills|meds|paracetamol)"
        r" (?:i|id|ive|i had|i have) (?:been )?(?:saving|saved|kept|stockpiled|hoarded|"
        r"collected)\b",
        r"\b(?:swallowed|taken|took) (?:the|my|all my|all the) (?:tablets|pills|meds)\b(?= .*"
        r"\b(?:dont call|dont ring|dont tell|sorry|goodbye|sleepy|weird|drowsy|bye)\b)",
        r"\b(?:paced|pecyn|bocs|potel) cyfan\b",
        r"\b(?:torri|torrais|wedi torri) (?:\w+ ){0,2}(?:ddwfn|dwfn)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "act_taken",
        r"\b(?:drank|took|swallowed|had|taken|drunk) (?:\w+ ){0,8}(?:on purpose|deliberately)\b",
        r"\b(?:ive|i have|i|just|already) taken something\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "act_taken",
        r"\b(?:took|taken|had|swallowed) more (?:\w+ ){0,3}than i (?:should|was meant|was supposed|"
        r"was told)\b",
        r"\b(?:tablets|pills|meds|paracetamol|they) (?:have |are |were )?(?:all )?(?:been )?"
        r"(?:taken|swallowed)\b",
        r"\b(?:already|just) (?:taken|took|swallowed) (?:them|it|the lot|everything)\b",
        r"\b(?:a )?strips? of (?:\w+ ){0,1}" + PILLS,
        r"\b(?:done it|its done|i did it)\b(?= .*\b(?:sleepy|drowsy|sorry|goodbye|bye|weird|"
        r"dizzy|bleeding)\b)",
        r"\b(?:took|taken|swallowed|had) (?:the|my|all my|all the) (?:diazepam|zopiclone|"
        r"sleeping tablets|sleeping pills|tablets|pills|meds)\b(?= .*\b(?:sorry|bottle|vodka|wine|"
        r"goodbye|sleepy|bye)\b)",
        r"\b(?:tied|up) (?:already|now)\b(?= .*\b(?:sitting|sat|here|rope|belt)\b)",
        r"\b(?:all )?in me now\b",
        r"\b(?:cymryd|gymryd) gormod\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "act_taken",
        r"\b(?:its|it is) (?:starting|beginning) to (?:work|kick in)\b",
        r"\b(?:ive|i have|i) (?:done it|done it now|did it)\b(?:$| (?:now|properly|this time))",
        r"\b(?:took|taken|injected|had) extra (?:insulin|morphine|tablets|pills)\b",
        r"\b(?:took|taken) some (?:pills|tablets)\b(?= .*\b(?:not that many|probably nothing|dont "
        r"make a fuss|sleepy|drowsy)\b)",
        r"\bwhole strip\b|\bfew packets\b",
        r"\b(?:vision|eyes|ears|hearing) (?:\w+ ){0,2}(?:blurry|ringing|gone funny)\b(?= .*\b(?:"
        r"took|taken|tablets|pills|since)\b)",
        r"\b(?:dont|do not) regret it\b",
        r"\b(?:drank|drunk|swallowed) (?:the|a) (?:bottle of )?(?:stuff|bleach|cleaner|liquid) "
        r"(?:from )?under the sink\b",
        r"\bjumped (?:in|into|off) (?:the )?(?:river|sea|canal|bridge|reservoir)\b",
        r"\b(?:all|every one) of the patches at once\b|\ball the patches\b",
        r"\b(?:done it|did it) this time\b",
        r"\binjected (?:whatever|everything|all)\b",
        r"\b(?:tablets|pills) are all gone\b",
        r"\bstupid thing with the (?:tablets|pills|meds)\b",
        r"\b(?:dechre|dechrau) gweithio\b",
        r"\b(?:wedi i wneud|wedii wneud|wedi ei wneud) (?:e|o|fe)\b",
        r"\b(?:lond|llond) llaw o\b",
        r"\bcymerais i nhw\b|\bers cymryd y tabledi\b",
        r"\b(?:car|garej) (?:\w+ ){0,3}(?:injan|engine) (?:ymlaen|running|on)\b",
        r"\byfed y botel (?:\w+ ){0,3}tabledi\b",
        r"\bby mistake\b(?= .*\b(?:paracetamol|tablets|pills|20|too many)\b)",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "act_taken",
        r"\b(?:took|taken|swallowed) the (?:tablets|pills|meds|oramorph|morphine|insulin|lot)\b",
        r"\b(?:took|taken|swallowed|drank) (?:the )?(?:oramorph|morphine|insulin|methadone)\b",
        r"\b(?:cymryd|cymerais) y (?:morffin|tabledi|pils|insulin)\b",
        r"\bcut deeper than i meant\b|\bdeeper than i meant\b",
        who=Who.SELF,
        needs=r"\b(?:sorry|sori|all of them|most of|bottle|mins ago|minutes ago|hour ago|hours "
        r"ago|goodbye|sleepy|drowsy|deep|meant|not stopping|gwaedu)\b",
    ),
    *_rules(
        Concern.CRISIS,
        "act_taken",
        r"\b(?:necked|swallowed|took|had) (?:\w+ ){0,4}(?:oramorph|morphine|insulin|stock)\b"
        r"(?= .*\b(?:pocketed|slept|switch off|done now|dont make|no harm|from a job|at work)\b)",
        r"\b(?:had|took) a few more (?:\w+ ){0,3}than (?:it says|i should)\b",
        r"\b(?:did|done) (?:something|the thing) (?:silly|stupid|i promised)\b",
        r"\bthrew (?:most of it|it) up\b(?= .*\b(?:tablets|pills)\b)",
        r"\b(?:cymerais|cymeres) (?:orddos|gorddos|overdose)\b",
        r"\b(?:nes i|mi nes i) (?:drio|trio)\b(?= .*\b(?:tabledi|rhaff|deffro)\b)",
        r"\bmi dorrodd y rhaff\b|\byfed potel (?:\w+ ){0,2}(?:efor|efo r|efo yr|gyda) tabledi\b",
        r"\bdal yma yn anffodus\b|\bstill here unfortunately\b",
        r"\bchwistrellais inswlin\b|\binswlin (?:\w+ ){0,3}(?:yn fwriadol|bwrpas)\b",
        r"\bwedi cymryd y morffin\b",
        who=Who.SELF,
    ),
    # --- Crisis: goodbyes and putting affairs in order -------------------------------------------
    *_rules(
        Concern.CRISIS,
        "goodbye",
        r"\b(?:this is|this will be|this might be|this may be|thisll be|this be) (?:my )?"
        r"(?:last|final) (?:message|text|msg|time|goodbye|words)\b"
        r"(?! (?:before|for (?:today|tonight|now|the (?:day|night|week))|till|until)\b)",
        r"(?<!finished )(?<!done )(?<!worked )(?<!after )(?<!on )"
        r"\bmy (?:last|final) (?:message|text|msg|goodbye|words|night|day)\b"
        r"(?! (?:before|for (?:today|tonight|now|the (?:day|night|week))|till|until|of|on)\b)",
        r"\bthis is (?:goodbye|the end|it for me)\b",
        r"\b(?:goodbye|bye) (?:forever|for good|for ever|everyone|all|world|cruel world|"
        r"then forever|for the last time)\b",
        r"\b(?:final|last) (?:goodbye|farewell)\b",
        r"\bsaying (?:my )?goodbyes\b",
        r"\btell (?:my )?(?:\w+ ){0,2}(?:kids|children|son|daughter|family|mum|mam|dad|husband|"
        r"wife|partner|boyfriend|girlfriend|parents|mother|father|sister|brother|nan|babies) "
        r"(?:\w+ ){0,2}(?:i love|that i love|i loved|im sorry|i was sorry|sorry|i did love)\b",
        r"\b(?:when|after|once|now) (?:im|i am|ive|i have|i will be|ill be|i) (?:gone|not here|"
        r"dead|no longer here)\b",
        r"\b(?:wont|will not|will no longer|not going to) be (?:around|here|alive|a problem|a "
        r"burden|(?:better|fine|happier|easier|spin|go on|carry on|keep going|keep spinning) "
        r"(?:\w+ ){0,4}without me|bothering|in your way) (?:much longer|anymore|tomorrow|for long|by|to see|after "
        r"tonight|after today|soon|any longer)\b",
        r"\b(?:you|no one|anyone) (?:wont|will not|will never|will no longer|wont ever) "
        r"(?:hear|see) (?:from )?(?:me|from me) (?:again|anymore|after)\b",
        r"\b(?:sorry|im sorry|so sorry) (?:for|about) (?:everything|all of it|being a burden|"
        r"all the trouble|what im about to do|what im going to do|what i am about to do|"
        r"what ive done)\b",
        r"\bby the time (?:you|anyone|someone) (?:read|reads|see|sees|get|gets|find|finds) "
        r"(?:this|me)\b",
        r"\b(?:it|its|it has|its been) (?:was |has been |been )?(?:nice|good|lovely) knowing "
        r"(?:you|everyone|ya)\b",
        r"\b(?:giving|given|gave) away (?:all )?my (?:things|stuff|belongings|possessions|pets|"
        r"dog|cat)\b",
        r"\b(?:sorted|sorting|put|putting) (?:out )?my (?:affairs|will|things) (?:in order|out)\b",
        r"\b(?:thank you|thanks) for (?:everything|all you have done|all youve done|trying)\b"
        r"(?= .*\b(?:goodbye|bye|last|gone|sorry|wont need|no longer|anymore)\b)",
        r"\b(?:wont|will not) need (?:this|you|these|your help|your messages|any of this) "
        r"(?:anymore|after tonight|after today|much longer)\b",
        r"\bneges olaf\b",
        r"\b(?:hwyl fawr|goodbye) (?:am byth|i bawb|bawb|byd|i chi gyd|am y tro olaf)\b",
        r"\bdwedwch wrth (?:\w+ ){0,3}(?:caru|cariad|mod i|fy mod i|sori)\b",
        r"\bsori (?:am|am bob) (?:bopeth|bob dim|popeth|dim)\b",
        r"\bpan (?:fydda i|fyddai|bydda i|fydda) (?:wedi mynd|ddim yma|wedi marw)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.CRISIS,
        "goodbye",
        r"\b(?:wont|will not) (?:be )?need(?:ing)? (?:this|you|these|your|any of this|them|it|"
        r"any)(?: \w+)? (?:anymore|after tonight|after today|much longer|where im going)\b",
        r"\b(?:make sure|can you make sure|please make sure|ask) (?:someone|somebody|they|he|she)"
        r" (?:\w+ ){0,1}(?:feeds|looks after|takes care of|walks|finds|gets) (?:the|my) (?:dog|cat|"
        r"kids|children|pets|fish|rabbit|son|daughter)\b",
        r"\btell (?:them|her|him|everyone|my \w+|the \w+) (?:that )?(?:i love (?:them|her|him|you)|"
        r"im sorry|sorry|that)\b",
        r"\bdiolch am (?:bopeth|popeth|bob dim|y cyfan|bob peth)\b",
        r"\bneges (?:ola|olaf)\b",
        r"\b(?:deud|dweud|dudwch|dwedwch|dweda|deuda|gwed|gweud) wrth (?:\w+ ){0,5}(?:caru|sori)\b",
        who=Who.ANY,
        needs=r"\b(?:love|sorry|goodbye|bye|gone|last|hwyl|ffarwel|caru|sori|dog|cat|kids|"
        r"anymore|trying)\b",
    ),
    *_rules(
        Concern.CRISIS,
        "goodbye",
        r"\blast (?:time|message|text|msg) (?:\w+ ){0,2}(?:hear|heard|hearing) (?:from|of) me\b",
        r"\b(?:last|final) (?:message|msg|text|words) from me\b",
        r"\b(?:kids|childrens|family|mums|my|the) letters? (?:\w+ ){0,3}(?:on the table|for the "
        r"kids|for my|written|on the side|in the drawer)\b",
        r"\bletters? (?:for|to) (?:the kids|my kids|my family|my children|my mum|my husband|my "
        r"wife|my partner|everyone)\b",
        r"\b(?:wont|will not) be needing (?:\w+ ){0,2}(?:anymore|after tonight|after today|any "
        r"longer|much longer)\b",
        r"\b(?:love|loved) (?:you|u|ya) all\b(?: x+)?$",
        r"\bsigning off (?:for good|forever|for ever|permanently|for the last time)\b",
        r"\b(?:gave|given|giving|give) (?:all )?my (?:stuff|things|belongings|"
        r"possessions) away\b",
        r"\bwont be around (?:to|anyway|for much|when|after)\b",
        r"\b(?:say|saying|said) goodbye to (?:everyone|everybody|all|my (?!(?:cigarettes?|cigs?|"
        r"fags?|packs?|lighters?|vapes?|ashtray|baccy|tobacco|last|old)\b)\w+|people)\b(?<!my last)"
        r"(?! (?:\w+ )?(?:cigarettes?|cigs?|fags?|packs?|packets?|smokes?|vapes?|lighter|ashtray|"
        r"baccy|tobacco)\b)",
        r"\b(?:ta ta|hwyl|bye|goodbye|hwyl fawr) am byth\b",
        r"\b(?:fydda i|bydda i|fyddai|fydda) ddim (?:yma|o gwmpas) (?:fory|yfory|mwy|rhagor|"
        r"wythnos nesa)\b",
        r"\btro (?:olaf|ola) (?:\w+ ){0,3}clywed\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.CRISIS,
        "goodbye",
        r"\b(?:thank you|thanks|thank u|ta|diolch) (?:for|am) (?:everything|all you have done|all "
        r"youve done|trying|bopeth|popeth|drio|trio)\b",
        who=Who.ANY,
        needs=r"\b(?:goodbye|bye|last|gone|wont need|wont be|no longer|anymore|forever|am byth|"
        r"hwyl fawr|ta ta|ffarwel|x)\b",
        unless=r"\b(?:see you|see ya|speak soon|tomorrow|next week|tan fory|wela i)\b",
    ),
    *_rules(
        Concern.CRISIS,
        "goodbye",
        r"\bso (?:that )?no one (?:has to|will have to|needs to|would have to) (?:deal with|sort|"
        r"clear|worry about|find)\b",
        r"\b(?:giving|given|gave|give) (?:\w+ ){0,1}(?:things|stuff) away\b",
        r"\b(?:i|ill|im) (?:wont|will not|not going to) be (?:here|around|alive)\b(?= .*\b(?:"
        r"doesnt matter|anyway|by then|much longer|long|for long|to see|soon|after|anymore|"
        r"matter)\b)",
        r"\b(?:doesnt|does not|it doesnt|wont) matter\b(?= .*\b(?:wont be (?:here|around)|not be "
        r"here|be gone|be dead)\b)",
        r"\bmade sure (?:\w+ ){0,3}(?:will be |is |are )?(?:looked after|taken care of|fed|"
        r"rehomed|sorted)\b",
        r"\b(?:sorry|apologies) (?:to|for) (?:everyone|everybody|all) (?:i|ive) (?:let down|hurt|"
        r"disappointed|failed)\b",
        r"\b(?:thank you|thanks) to (?:someone|somebody|you) before i go\b|\bbefore i go$",
        r"\b(?:wont|will not) be needing (?:them|it|this|these|you|any)\b",
        r"\brhoi (?:fy |y )?(?:mhethau|mhethe|pethau|petha|stwff) (?:\w+ ){0,2}i ffwrdd\b",
        r"\b(?:fydda i|bydda i|fyddai|fydda) ddim (?:yma|o gwmpas)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.CRISIS,
        "goodbye",
        r"\b(?:just )?(?:wanted|want|needed) to (?:say|tell you|tell someone) (?:thank you|thanks|"
        r"goodbye|bye|sorry|i love)\b(?= .*\b(?:before|for everything|for trying|for being|"
        r"always|goodbye|bye|gone|last)\b)",
        r"\b(?:im|i am|i feel|feel) (?:at )?peace (?:now|with it|with my decision|with what)\b",
        r"\bmade (?:my )?peace with (?:it|dying|my decision|everything|going)\b",
        r"\b(?:this|it|tonight) (?:is|was|will be) the (?:last|final) (?:time|one|night)\b"
        r"(?! (?:i (?:smoke|have a|buy|light)|im (?:smoking|buying)|for (?:nights|a while))\b)",
        r"\b(?:sorted|sorting|updated|filled in) (?:my )?(?:pension|life insurance|death in "
        r"service|nomination|funeral|will)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.CRISIS,
        "goodbye",
        r"\b(?:youve|you have|youre|you are|you were) (?:been )?(?:so |really |always )?(?:kind|"
        r"good|a good friend|lovely|amazing|so good) to me\b",
        r"\b(?:said|saying|say) (?:my )?goodbyes\b",
        r"\b(?:wasnt|was not|isnt|is not|its not|it wasnt) (?:anyones|anybodys|your|their|his|"
        r"her|my \w+s) fault\b",
        r"\b(?:gave|given|giving) (?:\w+ ){0,3}to my (?:brother|sister|mum|mam|dad|friend|son|"
        r"daughter|neighbour|nan)\b(?= .*\b(?:should have it|have it now|look after|keep it|"
        r"wont need|he should|she should)\b)",
        r"\b(?:sgwennu|ysgrifennu|sgwennais|gadael) (?:\w+ ){0,1}(?:llythyr|llythyrau|nodyn) "
        r"(?:i|ir|yr|i r) (?:plant|teulu|mam|mhlant)\b",
        r"\b(?:deud|dweud|dudwch|dwedwch|dweda|deuda|gwed|gweud) wrth (?:\w+ ){0,5}(?:charu|garu|"
        r"ngharu)\b",
        r"\bwhere (?:im|i am) going\b(?= .*\b(?:wont|take care|bye|goodbye|x)\b)",
        who=Who.ANY,
    ),
    *_rules(
        Concern.CRISIS,
        "goodbye",
        r"\b(?:dont|do not|please dont) (?:try to |come )?(?:find|look for|search for|come "
        r"looking for) me\b(?! (?:in|at|on|till|until|before|after)\b)",
        r"\b(?:its|it is) (?:too late|already too late)\b(?! (?:to (?:change|swap|book|cancel|"
        r"order|ring)|for (?:the|a|tea|dinner|lunch))\b)",
        r"\bnot coming back from (?:this|it|there)\b",
        r"\bbe gone by (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend|"
        r"tomorrow|next week|then|morning|christmas)$",
        r"\b(?:ill|i will|im going to) be gone (?:by|before|soon|tomorrow|tonight)\b(?= .*\b(?:"
        r"easier|better|sorry|goodbye|bye|everyone)\b)",
        r"\bone way (?:trip|ticket)\b(?= .*\b(?:bye|goodbye|sorry|x)\b)",
        r"\b(?:make sure|ensure) (?:my )?(?:dog|cat|kids|children|pets?) (?:goes|go|gets|get) "
        r"to\b",
        r"\b(?:wont|will not) need (?:it|them|this|you)\b|\bstop messaging me after\b",
        r"\bif (?:anyone|someone|you) (?:ever )?(?:reads|finds|sees) this\b",
        r"\bpaid (?:trio|a) (?:ffeindio|ffindo|chwilio am) fi\b",
        r"\bddim yn clywed (?:gen|gan|oddi wrtha) i (?:eto|byth)\b",
        r"\b(?:sending|sent|sends|send) (?:\w+ )?goodbye (?:texts|messages|notes)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.CRISIS,
        "goodbye",
        r"\b(?:this|it) (?:isnt|is not|wasnt|was not) on you\b",
        r"\b(?:passcode|password|pin) (?:for|to) my (?:phone|laptop)\b",
        r"\bleft my (?:stuff|things|money|house) to\b",
        r"\bthe letters? explain(?:s)? (?:everything|it)\b",
        r"\b(?:youve|you have) been kinder to me\b",
        r"\bthis is it\b(?= .*\b(?:bye|goodbye|ta ra|x)\b)|\b(?:bye|goodbye) then\b",
        r"\b(?:going|gone|im going) for good\b",
        r"\bremember me (?:how|as|the way)\b",
        r"\b(?:final|last) message\b(?! (?:before|for (?:today|tonight|now|the day))\b)",
        r"\b(?:my ashes|scatter my ashes|ashes scattered)\b",
        r"\b(?:had a good run|signing off)\b(?= .*\b(?:x|xx|bye|goodbye|for good)\b)",
        r"\b(?:key|keys) (?:\w+ ){0,4}(?:whoever finds me|for whoever)\b|\bwhoever finds me\b",
        r"\b(?:badge|fob|lanyard) (?:\w+ ){0,3}(?:in my locker|on my desk)\b(?= .*\b(?:sorry|pass "
        r"this on|manager)\b)",
        r"\b(?:thats|that is) me done\b(?!.*\b(?:see you|next week|tomorrow|later|for the day|"
        r"for today|for the week|shift)\b)",
        r"\b(?:nid|dim) dy fai di\b|\bnid eich bai chi\b",
        r"\b(?:llythyre|llythyrau) (?:\w+ ){0,3}(?:i bawb|yn y dror)\b",
        r"\bnos da am byth\b|\bmaddeuwch i mi\b|\bmaddau i mi\b",
        r"\bdweud ffarwel\b|\bffarwelio\b",
        r"\bplis bwydwch y (?:gath|ci)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.CRISIS,
        "goodbye",
        r"\bddim yn anfon neges eto\b|\b(?:ddim|dim) yn fai (?:ar )?neb\b|\bnid bai neb\b",
        r"\b(?:wont|will not) be (?:in|here|around|back) (?:\w+ ){0,2}(?:or )?ever again\b",
        r"\bthis is it\b",
        r"\bthank you for being kind\b|\bta for (?:everything|trying)\b",
        r"\btell (?:me|my) (?:bairns|weans|kids|little ones|lads|girls|children) (?:\w+ ){0,2}"
        r"(?:loved|love|sorry)\b",
        r"\b(?:gadael|wedi gadael) llythyr i (?:yr |r )?(?:plant|teulu)\b",
        r"\bdeudwch wrth\b(?= .*\b(?:sori|caru)\b)",
        who=Who.ANY,
        needs=r"\b(?:goodbye|bye|ta ra|ta ta|hwyl|ever again|trying|loved|love|sori|sorry|plant|"
        r"eto)\b",
    ),
    *_rules(
        Concern.CRISIS,
        "goodbye",
        r"\bfydd dim rhaid i ti (?:decstio|tecstio)\b|\b(?:dwi yn|dw i yn|dwin) mynd nawr\b",
        r"\b(?:signed|gave) (?:my )?(?:locker|boots|good boots|watch|tools) (?:over )?to\b",
        r"\bleft the (?:spare )?keys? (?:next door|with|under)\b(?= .*\b(?:dog|cat|thanks|trying)"
        r"\b)",
        r"\bif i dont reply (?:tomorrow|again|after)\b",
        r"\btell the next (?:fella|person|one) you talk to\b",
        r"\bwont be needing the (?:texts|messages|app)\b",
        r"\bset everything straight\b|\bso (?:nobodys|nobody is|no ones) left with\b",
        r"\b(?:paid off|sorted) (?:\w+ ){0,3}(?:pension|insurance|will)\b(?= .*\b(?:covered|"
        r"cheers|thanks|so she|so he)\b)",
        r"\b(?:papure|papurau) insiwrans\b|\btrefnu pob dim\b|\bewyllys\b",
        r"\brhoi (?:yn |fy )?emwaith\b|\bfydd mo i angen\b|\bni fydd angen y gwasanaeth\b",
        r"\bchi oedd yr unig un\b|\byou were the only one\b",
        r"\bllythyr ir wraig\b|\bllythyr i yr wraig\b|\bllythyr (?:i|ir|i r|i yr) (?:wraig|gwr|"
        r"plant|teulu)\b",
        who=Who.ANY,
    ),
    # --- Crisis: hopelessness --------------------------------------------------------------------
    *_rules(
        Concern.CRISIS,
        "hopeless",
        r"\b(?:whats|what is|wots|wats|what|whats even) the point\b(?! (?:of|in) (?:\w+ ){0,2}"
        r"(?:patches|nrt|the gum|gum|vape|vaping|texting|this app|these texts|these messages|"
        r"messages|replying|stopping|quitting|trying to quit|cutting down|the spray|lozenges|"
        r"checking in|cigarettes|smoking|a quit date|the quit date|going to bed|the rota|"
        r"the meeting|the training|asking|answering|the questions|doing a|filling)\b)",
        r"\b(?:no|not any|nothing|never any|without) (?:point|reason|purpose) (?:in |to |of "
        r"|for )?(?:living|life|going on|carrying on|being here|being alive|anything|it all|"
        r"trying|me being here|existing|to live|to go on|to carry on|to be here|me|anymore|"
        r"getting up|waking up|to get up|to wake up)\b",
        r"\bnothing (?:left )?(?:to live for|worth living for|to look forward to|left for me)\b",
        r"\bno reason to (?:live|be here|go on|carry on|get up|stay|keep going|wake up)\b",
        r"\b(?:im|i am|just|feel like|i feel like|feel|feeling like|being|such|i feel|always) "
        r"(?:\w+ ){0,2}(?:a )?burden\b",
        r"\b(?:cant|couldnt|dont|never) (?:see|find) (?:a |any |the )?(?:way out|way forward|"
        r"future|point|light|end to (?:it|this)|reason to)\b",
        r"\b(?:no|there is no|theres no|see no|is no|no other) (?:way out|future|hope|escape|"
        r"light at the end|other way|way forward)\b"
        r"(?! (?:for (?:the|this|our) (?:ward|nhs|team|rota|department|trust|hospital)|"
        r"of (?:the|this|that) (?:traffic|car park|queue|jam|meeting|shift|rota|contract|job|"
        r"lift))\b)",
        r"\b(?:cant|couldnt|cannot) (?:do|take|cope with|handle|bear|face|stand|manage|deal "
        r"with|keep doing|keep living|live with) (?:\w+ ){0,1}(?:this|it|life|everything|"
        r"anything|any of this|this life|another day|living|me|myself|the pain|this pain|"
        r"my life) (?:anymore|no more|much longer)\b",
        r"\bcant (?:take|do|stand|bear) (?:it|this|any of it|life|any more|anymore)$",
        r"\bcant (?:go on|carry on|keep going|keep doing this|live like this|do life)"
        r"(?: (?:anymore|like this|living|much longer|with life|with living|any further|"
        r"with everything|with anything|with any of it|at all|with this life|no more))?$",
        r"\bcant cope (?:anymore|with anything|with everything|with life|with living|at all)\b",
        r"\b(?:tired|sick|exhausted|fed up|weary|done) of (?:living|life|being alive|existing|"
        r"being here|it all|everything|trying|fighting|being me|waking up|this life|my life)\b"
        r"(?!.*\broll on\b)",
        r"\b(?:done|finished) with (?:life|living|everything|it all|this life|this world|"
        r"being alive|trying)\b",
        r"\b(?:give|giving|given|gave) up on (?:life|living|everything|myself|it all|the world)\b",
        r"\bwant (?:it all|everything|this|the pain|it|life|my life|all of this|the world) to "
        r"(?:end|stop|be over|go away forever|just end|just stop)$",
        r"\bwant (?:it all|everything|the pain|life|my life|all of this) to (?:end|stop|be over)",
        r"\b(?:want|wish i could|wanna|just want|going) to (?:just )?(?:disappear|vanish|cease "
        r"to exist|not exist|fade away|stop existing)\b",
        r"\b(?:feel|feeling|felt|im|am|so|completely|totally|utterly) (?!not |never )(?:\w+ ){0,1}(?:hopeless|"
        r"worthless|trapped|desperate|suicidal)\b",
        r"\b(?:no hope|lost all hope|lost hope|given up hope|beyond help|past saving)\b",
        r"\bat the end of my (?:rope|tether)\b(?! (?:with|at|about) )",
        r"\b(?:in|having|had|going through) (?:a )?(?:mental health )?(?:crisis|breakdown|"
        r"mental breakdown|nervous breakdown)\b",
        r"\beverything is (?:too much|pointless|hopeless|dark|black)\b",
        r"\b(?:life|my life|everything|it) (?:is|feels|seems) (?:pointless|hopeless|meaningless|"
        r"not worth it|too hard|over)\b",
        r"\b(?:beth yw|be di|be ydi|beth ydy|beth di|be yw|beth ywr|be dir|be ydir|beth ydir|"
        r"pa) (?:r )?pwynt\b",
        r"\bdim pwynt (?:\w+ ){0,2}(?:byw|bywyd|dim byd|mynd ymlaen|trio|bod yma)\b",
        r"\bdim (?:gobaith|dyfodol|ffordd allan)\b",
        r"\bmethu (?:mynd ymlaen|gwneud hyn|ymdopi|cymryd|diodde|dioddef|cario) "
        r"(?:\w+ ){0,2}(?:rhagor|mwy|dim mwy|ddim mwy|mwyach|bellach)\b",
        r"\bmethu (?:mynd ymlaen|ymdopi)$",
        r"\b(?:dwi yn |dwi n |yn |n )?baich\b",
        r"\bwedi cael digon (?:ar|o) (?:fywyd|bywyd|bopeth|popeth|bob dim|byw)\b",
        r"\bwedi blino ar (?:fywyd|bywyd|fyw|byw|bopeth)\b",
        r"\b(?:colli|wedi colli|dim) pob gobaith\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "hopeless",
        r"\b(?:im|i am|just|i|so) done (?:trying|with everything|with it all|with all of it|"
        r"with life|with this life|with all this|fighting)\b",
        r"\b(?:done|finished) with (?:all of it|it all|all this|all of this)\b",
        r"\bnothing (?:is|will) (?:ever )?(?:going to |gonna )?(?:get|be|change|going to get) "
        r"(?:better|any better|easier)\b",
        r"\b(?:happier|better off|better|easier) (?:\w+ ){0,3}(?:if|when) (?:i|im) (?:wasnt|"
        r"werent|was not|were not|wasnt here|was gone|am gone|was dead|were dead|didnt exist|"
        r"not around|gone|dead|disappeared|died)\b",
        r"\bnothing (?:\w+ ){0,1}to (?:get better|live|keep going|look forward|stay|carry on|"
        r"hold on) for\b",
        r"\b(?:dont|cant) see why (?:i|id) (?:should|would|bother to)? ?(?:keep going|carry on|go "
        r"on|bother|live|stay|be here|keep trying)\b",
        r"\bdim byd i (?:fyw|byw) (?:amdano|iddo|ar ei gyfer)\b",
        r"\b(?:popeth|bywyd|bob dim|mywyd|fy mywyd) (?:\w+ ){0,2}(?:dibwrpas|ddibwrpas|ddiystyr|"
        r"diystyr|anobeithiol)\b",
        r"\b(?:dwi |wi )?(?:wedi )?(?:rhoi fyny|rhoi i fyny|roi fyny) (?:ar )?(?:fywyd|bopeth|"
        r"popeth|bob dim)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "hopeless",
        r"\b(?:its|it is|everythings|everything is|all|life is|its all|aw) (?:\w+ ){0,1}hopeless\b",
        r"\bno point (?:\w+ ){0,2}(?:any of it|anything|any of this|in anything|in life)\b",
        r"\b(?:given|give|giving|gave) up(?: \w+){0,5} (?:on )?(?:me|myself|all of it|it all|"
        r"everything|life)\b",
        r"\b(?:struggling|cant|cannot|hard) to see (?:the|any) point\b",
        r"\b(?:methu|ddim yn|sai yn|dwi ddim yn) gweld (?:\w+ ){0,1}(?:ffordd allan|dyfodol|pwynt|"
        r"diwedd)\b",
        r"\bdim (?:pwynt|pwrpas) (?:\w+ ){0,2}(?:ddim byd|dim byd|unrhyw beth|rhagor|mwy|bywyd|fy "
        r"mywyd|fy bywyd|byw)\b",
        r"\bllond bol (?:ar|o) (?:fyw|byw|fywyd|bywyd|bopeth)\b",
        r"\b(?:cyfan|popeth|bob dim) (?:\w+ ){0,1}stopio\b(?! (?:smygu|smocio|smoco|ysmygu)\b)",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "hopeless",
        r"\bnothing matters\b|\bnothing (?:really )?matters anymore\b",
        r"\b(?:i have|ive got|ive|i got|got) nothing (?:left|to live for|to lose)\b",
        r"\b(?:not going to|wont|will not) be around (?:long enough|much longer|for long|to see)\b",
        r"\b(?:my )?life is (?:useless|pointless|worthless|meaningless|over|a waste|not worth)\b",
        r"\bd?dim gobaith\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "hopeless",
        r"\b(?:im|i am|just|such) (?:just )?a drain on (?:everyone|everybody|people|my family|"
        r"them|the team)\b",
        r"\b(?:wont|will not|dont|do not) (?:have|get) a future\b",
        r"\b(?:dim|ddim) (?:\w+ ){0,1}dyfodol\b|\bdim byd i edrych ymlaen\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "hopeless",
        r"\b(?:dim|ddim) yn (?:broblem|baich|faich) i (?:neb|unrhyw un)\b",
        r"\b(?:wela i ddim|ddim yn gweld|sai yn gweld) (?:\w+ ){0,1}(?:ffordd (?:allan|ymlaen)|"
        r"dyfodol|pwynt)\b",
        r"\b(?:popeth|bywyd|bob dim) (?:\w+ ){0,1}yn ddu\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "hopeless",
        r"\btrapped\b(?= .*\b(?:no way out|no escape|debt|him|her)\b)",
        r"\bfeel nothing\b|\bnumb\b(?= .*\b(?:havent cried|feel nothing|inside|months)\b)",
        r"\bnothing (?:will|is going to|gonna) (?:ever )?change\b",
        r"\btried everything\b(?= .*\b(?:nothing works|counselling|pills|therapy|doesnt work)\b)(?!"
        r".*\b(?:to (?:quit|stop)|smoking|patches)\b)",
        r"\bcant see past\b",
        r"\bthe same grey nothing\b|\bgrey nothing\b",
        r"\b(?:not living|just existing)\b(?= .*\b(?:until|existing|living)\b)",
        r"\bwaste of (?:oxygen|space|air)\b",
        r"\b(?:deserve|deserves) (?:a )?better (?:mum|mother|dad|father|parent|wife|husband) than "
        r"me\b",
        r"\bcant picture myself at \d+\b",
        r"\b(?:im|i am) past helping\b|\bdont waste your time\b",
        r"\blet people down\b(?= .*\b(?:all i do|what im for|always)\b)",
        r"\b(?:exhausted|tired|sick) (?:by|of) being me\b",
        r"\blife is a sentence\b|\blifes a sentence\b",
        r"\b(?:im|i am) (?:good|dda) (?:for|i) (?:nothing|ddim)\b|\bdwi yn dda i ddim\b",
        r"\b(?:fydd|bydd) dim byd (?:byth )?yn newid\b",
        r"\btrio popeth\b(?= .*\bdim byd yn gweithio\b)",
        r"\b(?:teimlo|teimlon) (?:yn )?wag\b",
        r"\bneb yn sylwi\b|\bneb (?:yn mynd i|yn) (?:gweld|weld) (?:fy )?eisiau\b",
        r"\bdim pwynt i fi\b",
        r"\bhad enough of (?:life|living|everything|it all|being alive)\b",
        r"\b(?:cant|dont) see myself (?:being )?(?:here|around|alive) (?:next|by|at|in)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "hopeless",
        r"\b(?:cant|cannot|dont) see (?:any |a )?way (?:it|things) (?:gets|get|will get|ever gets) "
        r"better\b",
        r"\bnothing i do (?:changes|matters|helps|makes a difference)\b",
        r"\b(?:cant|cannot) see a way (?:through|out of) (?:this|it)\b",
        r"\b(?:cant|cannot) (?:picture|imagine|see) a future\b",
        r"\bdim diben\b",
        r"\b(?:beth yw|be di|be ydi|beth ydy|be) (?:r |yr )?pwynt\b",
        r"\bdim byd yn mynd i newid\b|\b(?:fydd|bydd) (?:hi|o|e|pethau) byth yn well\b",
        r"\bd?dim byd i (?:fyw|byw) (?:amdano|iddo)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "hopeless",
        r"\b(?:sgin i|does gen i|sgen i|does dim) (?:m |ddim |dim )?(?:byd )?(?:i edrych ymlaen|ar ol)"
        r"\b",
        r"\bdoes dim pwynt\b|\bdim byd yn gwella\b|\bsdim byd yn newid\b|\bnewidiff e ddim\b",
        r"\bno tank left\b|\brunning on empty since\b",
        r"\b(?:turns|turned) to (?:shite|shit|dust)\b",
        r"\bwont be around for it\b|\bno point making plans\b",
        r"\bwhod notice\b|\bwho would notice\b",
        r"\b(?:cant|cannot) see myself finishing\b|\bits just blank\b",
        r"\bthe futures (?:just )?(?:a )?(?:grey|black|dark|blank)\b|\bdyfodol yn ddu\b",
        r"\bno point\b(?= .*\b(?:use by|long use|plans|pretending)\b)",
        r"\bnothing left of me\b",
        r"\bdont believe (?:a word of it|it) for myself\b",
        r"\bstyc (?:yma|ma) am byth\b|\bffordd mas o hyn ond un\b",
        r"\bpwrpas i barhau\b|\bnid wyf yn gweld unrhyw bwrpas\b",
        r"\b(?:dim|does dim|does na ddim|does nam) byd ar ol (?:i mi|i fi)\b",
        who=Who.SELF,
    ),
    # --- Crisis: not feeling safe ----------------------------------------------------------------
    *_rules(
        Concern.CRISIS,
        "not_safe",
        r"\b(?:im |i am |i |i dont |dont |i do not |do not |i never |not |never )?(?:not |dont "
        r"|do not )?(?:feel |feeling |feel very |really )?(?:not safe|unsafe)\b"
        r"(?! (?:to drive|driving|staffing|staffed|levels|on the ward|at work|with the staffing|"
        r"practice|to work|working|here at work|on this ward|in work|on shift|to leave)\b)",
        r"\b(?:dont|do not|dont really|never) feel safe\b(?! (?:to drive|driving|at work|on the "
        r"ward|on shift|in work|with the staffing|staffing)\b)",
        r"\b(?:dont|cant|do not|no longer|cannot) trust myself\b",
        r"\b(?:scared|afraid|frightened|terrified|worried|frightens me|scares me) (?:of )?"
        r"(?:what|wat) (?:i|im|i might|ill|i could) (?:might |could |will |going to |would |do )?"
        r"(?:do|did)\b",
        r"\b(?:scared|afraid|frightened|terrified) of myself\b",
        r"\b(?:might|going to|will|could|about to|want to|tempted to) do something (?:stupid|"
        r"silly|i regret|drastic|bad|dangerous|terrible|permanent)\b"
        r"(?! (?:and|like) (?:buy|have|smoke|get|light|go)\b)",
        r"\b(?:im|i am|i|feel) (?:in )?danger\b",
        r"\b(?:dwi ddim|ddim|dim) (?:yn )?(?:teimlo n |teimlo yn |n |yn )?(?:saff|diogel)\b",
        r"\b(?:ofn|ofni|gofn) (?:be|beth|bethau) (?:wna i|fydda i|allwn i|alla i|dwi am|naf)\b",
        r"\b(?:ofn|ofni) fy hun\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "not_safe",
        r"\b(?:cant|dont think i can|not sure i can|unable to|struggling to|cannot|couldnt|no "
        r"longer|dont know if i can|dont know how to) keep (?:myself|me) safe\b",
        r"\b(?:scared|afraid|frightened|terrified|worried) (?:that )?(?:i|ill|i might|i will|im "
        r"going to|i could|id) (?:\w+ ){0,1}do something\b",
        r"\bdo something (?:\w+ ){0,2}(?:stupid|silly|bad|dangerous|drastic|terrible|permanent|"
        r"awful) (?:to|with) myself\b",
        r"\bsomething (?:\w+ ){0,2}to myself\b",
        r"\b(?:dont|do not|please dont|cant|cannot) (?:let me )?be (?:on my own|alone|by myself) "
        r"(?:tonight|right now|now|today)\b",
        r"\b(?:stay|sit|be) with me\b(?= .*\b(?:scared|tonight|safe|alone|please)\b)",
        r"\b(?:dwi ddim|ddim|methu) (?:yn |n )?(?:trysto|trystio|ymddiried yn) (?:fy |yn |n )?hun\b",
        r"\b(?:ofn|ofni) (?:be|beth) (?:na i|wna i|naf|nai|wnai)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "not_safe",
        r"\b(?:im|i am|sat|sitting|standing|stood|on|at|by|near|parked|up|in the car) (?:\w+ )"
        r"{0,4}(?:top floor|multi storey|multistorey|the tracks|railway line|train line|the cliff|"
        r"cliff edge|cliff path|cliff top|the edge|the ledge|the roof|the reservoir|the bridge|"
        r"bridge railing|the viaduct|platform edge)\b(?! (?:club|game|night|match|quiz|party|"
        r"meeting|rota)\b)",
        r"\b(?:dwi ddim|ddim|dim|nid wyf|methu) (?:yn |n )?(?:teimlo )?(?:yn |n )?(?:saff|diogel)\b",
        r"\b(?:methu|ddim yn gallu) cadw (?:fy )?hun (?:yn |n )?(?:saff|diogel)\b",
        r"\b(?:ofn|ofni) (?:be|beth|bo fi|bod fi|fy mod i) (?:\w+ ){0,6}(?:i fi fy hun|i fy hun|"
        r"rhywbeth twp|rhywbeth dwl|rhywbeth gwirion|i fi)\b",
        r"\b(?:mynd i|am) (?:neud|wneud|gwneud) rhywbeth (?:twp|dwl|gwirion|stupid)\b",
        r"\bi (?:fi )?fy hun\b(?= .*\b(?:ofn|neud|gwneud)\b)",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "not_safe",
        r"\b(?:might|going to|will|could|about to|gonna) do something (?:tonight|now|today|"
        r"right now)\b",
        r"\bact on (?:them|it|the thoughts|these thoughts|my thoughts|the urges)\b",
        r"\bin danger\b(?! (?:of (?:missing|losing|being late|running late|failing)|zone)\b)",
        r"\b(?:ofn|ofni) (?:arna i )?(?:be|beth) (?:allwn i|alla i|wna i|dwi am|fyddwn i)\b",
        r"\balla i ddim cadw (?:fy )?hun (?:yn )?(?:saff|diogel)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "not_safe",
        r"\b(?:dont|do not|cant|never|no longer) (?:feel|be) safe (?:with|around|on my own|alone|"
        r"by myself|in my own head|from myself|tonight)\b",
        r"\b(?:scared|afraid|worried|frightened|terrified) (?:of|about) (?:what i|myself|being "
        r"(?:alone|on my own)|tonight|the thoughts|my thoughts|my own thoughts|my head)\b",
        r"\b(?:the )?(?:thoughts|voices) (?:are|r|keep) (?:getting )?(?:loud|louder|bad|worse|"
        r"strong|stronger|telling me)\b",
        r"\b(?:cant|can not|cannot) (?:stop|get rid of|shut up|quiet) (?:the )?(?:thoughts|voices|"
        r"urges to (?:hurt|die|end|cut))\b",
        r"\b(?:someone|somebody|you) (?:needs to|should|please|has to) (?:stay|sit|be) with me\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "not_safe",
        r"\b(?:head|voices?|thoughts|brain) (?:\w+ ){0,2}(?:telling|tells|told) me to\b",
        r"\b(?:fight|fighting) (?:it|this|them|the urge|the urges|the thoughts) (?:much )?"
        r"(?:longer|anymore|any longer)\b",
        r"\b(?:dont|do not|cant) trust (?:what )?(?:i|id|ill|i might|myself)\b",
        r"\b(?:going to|gonna|might|about to|will) do something (?:\w+ ){0,2}(?:stupid|silly|bad|"
        r"dangerous|drastic|terrible|permanent)\b(?! (?:and|like) (?:buy|have|smoke|get|light|"
        r"go)\b)",
        r"\b(?:ofn|poeni|ofni) (?:be|beth) (?:dwi|dw i|wi) (?:yn |n )?mynd i (?:neud|wneud|"
        r"gwneud)\b",
        r"\b(?:ofn|poeni|ofni) (?:be|beth) (?:wna i|na i|naf|nai)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "not_safe",
        r"\b(?:dont|do not) know what (?:ill|i will|i might|id|i would|im going to) do\b",
        r"\b(?:a )?danger to myself\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "not_safe",
        r"^(?:please )?stop me\b|\bplis stopiwch fi\b",
        r"\b(?:the )?urges (?:are|r) (?:really )?(?:strong|bad|too much)\b(?!.*\b(?:smoke|cig|fag|"
        r"vape|nicotine|smoking)\b)",
        r"\b(?:got|have) the (?:tablets|pills|knife|blade|rope) (?:in front of|next to|beside) me\b",
        r"\bshouldnt be trusted\b|\bshould not be trusted\b",
        r"\bhide the (?:knives|knife|tablets|pills|car keys)\b",
        r"\bharder not to act\b",
        r"\b(?:keep going|keep going back) to the (?:medicine|bathroom) (?:cabinet|cupboard)\b",
        r"\btonights the night\b|\btonight is the night\b",
        r"\balone with my thoughts and the (?:pills|tablets|knife|rope)\b",
        r"\btalk me out of it\b|\bsiaradwch fi allan\b",
        r"\bsafety plan (?:isnt|is not|not) working\b",
        r"\b(?:voice|voices) (?:says|say|tells|tell|told) (?:me|i)\b",
        r"\b(?:dont know if|not sure) i can stop myself\b",
        r"\b(?:lleisiau|llais) (?:yn )?(?:deud|dweud) wrtha i\b",
        r"\b(?:tabledi|pils) o (?:fy |mlaen|mlaen i)\b|\btabledi o mlaen\b",
        r"\bdw(?:i)? ar y (?:bont|pont|to|clogwyn)\b",
        r"\b(?:dwi|dw i|wi) (?:yn )?agos iawn heno\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "not_safe",
        r"\bnot (?:feeling |feel )?(?:very |really |that |too )?safe\b(?! (?:to drive|driving|at "
        r"work|on the ward|staffing)\b)",
        r"\b(?:dont think|not sure) (?:im|i am|ill be|i will be) safe\b",
        r"\b(?:my )?thoughts (?:are )?(?:scaring|frightening) me\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "not_safe",
        r"\bshouldnt be on my own\b|\bmy heads somewhere bad\b",
        r"\b(?:cant|can not) keep myself safe\b|\b(?:dont|do not) feel i can keep myself safe\b",
        r"\bwouldnt let a patient (?:\w+ ){0,3}go home in the state\b",
        r"\bcant make myself (?:go home|keep going)\b",
        r"\bffaelu cadw (?:yn |fy )?hun(?:an)? (?:yn )?saff\b|\bmethu cadw yn hun\b",
        r"\b(?:fedra i m|fedra i ddim|alla i ddim) (?:trystio|trysto) fy hun\b",
        r"\bddim isio bod adra heno\b|\bisio bod adra heno efo\b",
        r"\bsa i yn gallu stopo yn hunan\b|\bgallu stopio fy hun\b",
        r"\bnid wyf yn ymddiried ynof fy hun\b|\bni allaf fod ar fy mhen fy hun\b",
        who=Who.SELF,
    ),
    # --- Crisis: a bare call for help; never a lone HELP, which is the menu ----------------------
    *_rules(
        Concern.CRISIS,
        "call_for_help",
        r"^(?:sos|help me|help me please|please help me|please help|please please help|someone "
        r"help|someone help me|somebody help|somebody help me|anyone help|can someone help|"
        r"emergency|emergency please|its an emergency|this is an emergency|crisis|im in crisis|"
        r"in crisis|999|call 999|ring 999|need help now|i need help now|i need help|need help|"
        r"i need help please|need urgent help|urgent help|urgent help please|help help|help "
        r"help help|help im scared|im scared|im so scared|so scared|scared|im really scared|"
        r"im frightened|im terrified|help now|need someone now|i need someone|i need someone "
        r"now|i need to talk to someone now|mayday|argyfwng|helpwch fi|help fi|helpa fi|plis "
        r"helpa fi|dwi angen help|angen help|angen help nawr|help plis help|cymorth brys|"
        r"dwi ofn|ofn arna i|mae ofn arna i)$",
        r"\bsos\b",
        r"\b(?:this is an|its an|its a|having an|having a|i have an|i have a|got an|weve got an|"
        r"there is an|theres an|real|genuine|medical|urgent) emergency\b"
        r"(?! (?:department|dept|services?|care|medicine|nurse|contraception|shift|cover|bleep|"
        r"buzzer|team|c section|section|exit|contact|appointment|dentist|vet|plumber|at work|"
        r"admission|on the ward|in resus|in majors)\b)",
        r"\bhelp\b(?: \w+){0,4} (?:scared|frightened|terrified|panicking|dying|cant breathe|"
        r"in danger|please help)\b",
        r"\b(?:scared|frightened|terrified|panicking)\b(?: \w+){0,4} (?:help me|please help|"
        r"need help|someone help)\b",
        r"\b(?:need|needs|want) (?:\w+ )?(?:help|someone|a person|an ambulance|police) "
        r"(?:right now|now please|urgently|asap|immediately|tonight|now)$",
        r"\bcall (?:an ambulance|999|the police|police) (?:for me|please)\b",
        r"\b(?:dwi angen|angen) (?:help|cymorth|rhywun) (?:nawr|rwan|brys|ar frys)\b",
        who=Who.SELF,
        negatable=False,
    ),
    *_rules(
        Concern.CRISIS,
        "call_for_help",
        r"(?<!tim )(?<!galwad )(?<!adran )(?<!uned )\bargyfwng\b",
        r"^(?:please |plz |pls |plis )*(?:someone|somebody|anyone|rhywun|help|helpwch|helpa)"
        r"(?: fi| me| us)?(?: please| plz| pls| plis| now| nawr| help)+$",
        r"^(?:please |plz |pls |plis )+(?:someone|somebody|anyone|rhywun|help|helpwch|helpa)"
        r"(?: fi| me| us)?$",
        r"\b(?:helpa|helpwch) fi\b",
        r"\bmewn stad\b",
        who=Who.SELF,
        negatable=False,
        unless=r"\b(?:quit date|change|how do i|how to|help me (?:stop|quit|not smoke)|beidio "
        r"smocio|stopio smocio|peidio smocio)\b",
    ),
    *_rules(
        Concern.CRISIS,
        "call_for_help",
        r"\b(?:i )?need (?:someone|somebody|a person|help|to talk to someone|to talk to somebody|"
        r"someone to talk to)(?: (?:now|please|right now|urgently|asap|tonight))*$",
        r"\bwho (?:can|do|should|could) i (?:ring|call|phone|talk to|text) (?:right )?now\b",
        r"\b(?:dont|do not) know who else to (?:ask|turn to|talk to|tell|go to)\b",
        r"^(?:madam |sir |mate |hun |babe )?(?:please )?help me (?:now|please|right now)"
        r"(?: please| madam| sir)*$",
        r"\b(?:someone|somebody|anyone) (?:please )?help(?: me)?\b",
        r"\b(?:dwi )?angen (?:siarad (?:a |efo |gyda )?)?(?:rhywun|help) (?:nawr|rwan|plis)?$",
        who=Who.SELF,
        negatable=False,
        unless=r"\b(?:quit date|change|how do i|how to|cover my|swap|help me (?:stop|quit|not "
        r"smoke)|help with|beidio smocio|stopio smocio|peidio smocio)\b",
    ),
    *_rules(
        Concern.CRISIS,
        "call_for_help",
        # A plain "can someone ring me" is a request for a person (the console's queue, not
        # urgent); with urgency or distress anywhere in the message it is a call for help.
        r"\b(?:can|could|will|please) (?:someone|somebody|anyone|you) (?:please )?(?:call|ring|"
        r"phone|text|come|talk to|speak to) me\b(?! (?:back )?(?:about (?:my|the) (?:quit|rota|"
        r"shift)|tomorrow|next week|later|only|in the day|when (?:he|she|hes|shes)|after)\b)"
        r"(?=.*\b(?:now|urgent|urgently|asap|quick|quickly|tonight|not ok|not okay|not alright|"
        r"bad way|bad place|scared|frightened|cant cope|cant do this|help|struggling|desperate)\b)",
        r"^(?:is )?(?:anyone|someone|somebody|any one) (?:there|around|awake|available|about)"
        r"(?: please)?$",
        r"\b(?:i )?(?:really )?need to (?:talk|speak) to (?:someone|somebody|a person|a human|"
        r"anyone) (?:now|tonight|right now|please|urgently)\b",
        r"\b(?:im|i am) (?:in|having) (?:a )?(?:panic attack|meltdown|breakdown|crisis)\b",
        r"\b(?:cant|can not) (?:do|handle|manage|cope with) (?:this|it|tonight) (?:on my own|alone|"
        r"by myself)\b",
        r"\b(?:dont|do not) know what (?:to do|else to do) (?:anymore|with myself)\b",
        r"\boes (?:rhywun|unrhyw un) (?:yna|yma|ar gael)\b",
        who=Who.SELF,
        negatable=False,
    ),
    *_rules(
        Concern.CRISIS,
        "call_for_help",
        r"\b(?:someone|anyone|somebody) (?:please )?(?:answer|reply|respond|pick up)\b",
        r"\b(?:someone|anyone|somebody) (?:please )?(?:text|call|ring|phone) me\b(?=.*\b(?:now|"
        r"urgent|urgently|asap|quick|quickly|tonight|not ok|not okay|bad way|scared|cant cope|"
        r"help|struggling|desperate)\b)",
        r"\b(?:get|ask) (?:someone|somebody|a person|an advisor) to (?:call|ring|phone|text) me\b"
        r"(?= .*\b(?:urgent|now|please|asap|quick)\b)",
        r"^(?:help|please|plz|anyone|someone|somebody)(?: (?:help|please|plz|anyone|someone|"
        r"somebody|me|now))+$",
        r"\bwho (?:do|can|should|could) i (?:ring|call|phone|talk to)\b(?= .*\b(?:bad way|bad "
        r"place|scared|not ok|cant|help)\b)",
        r"\bplease help\b(?! (?:me )?(?:with|to|understand|find|set|change|work out|figure)\b)",
        r"\b(?:ffonia|ffoniwch|tecstia|tecstiwch) fi\b(?= .*\b(?:methu|plis|ofn|argyfwng|nawr|"
        r"rwan)\b)",
        r"\bangen help (?:arnaf|arna i|arna fi) (?:ar frys|nawr|rwan)\b",
        who=Who.SELF,
        negatable=False,
    ),
    *_rules(
        Concern.CRISIS,
        "call_for_help",
        r"\b(?:real|proper|actual) help\b(?= .*\b(?:need|please|now)\b)|\bneed (?:real|proper) "
        r"help\b",
        who=Who.SELF,
        negatable=False,
    ),
    *_rules(
        Concern.CRISIS,
        "call_for_help",
        r"^(?:pls|plz|please|anyone|someone)$",
        r"^(?:anyone|hello|someone)(?: (?:anyone|hello|someone|please|pls))+$",
        r"\bis (?:this|it|that) a real person\b|\bydy hwn yn berson go iawn\b",
        r"^(?:please|pls|plz) (?:answer|reply|help)\b",
        r"\bneed help not (?:a )?(?:quit|smoking) tip\b|\bnot a quit tip\b",
        r"\bcan you send (?:someone|somebody|help|an ambulance)\b",
        r"\b(?:number|someone) i can (?:ring|call) (?:right )?now\b",
        r"\b(?:someone|somebody) (?:ring|call|phone) my (?:mum|mam|dad|husband|wife|partner)\b",
        r"\bdw(?:i)? angen rhywun\b",
        r"^(?:plis )?(?:atebwch|ffoniwch fi)\b",
        r"\bofn arna i plis\b|\bmae ofn arna i plis\b",
        r"\bunrhyw un\b(?= .*\bhelp\b)|\bhelp\b(?= .*\bunrhyw un\b)",
        r"^s o s$",
        who=Who.SELF,
        negatable=False,
    ),
    *_rules(
        Concern.CRISIS,
        "call_for_help",
        r"\bhelp me (?:\w+ )?please\b|\b(?:im|i am) in a (?:really )?bad way\b",
        who=Who.SELF,
        negatable=False,
    ),
    *_rules(
        Concern.CRISIS,
        "call_for_help",
        r"\bneed help (?:now|bad)\b|\bactually help me\b|\bangen help\b(?= .*\b(?:plis|go iawn)\b)",
        r"\bhelp plis\b|\bplis ffoniwch fi\b|\brhywun plis\b",
        who=Who.SELF,
        negatable=False,
    ),
    *_rules(
        Concern.CRISIS,
        "call_for_help",
        # Asking for a human now, urgently, or to be called back urgently.
        r"\b(?:need|want) (?:a|an) (?:human|real person|actual person|person)\b(?= .*\b(?:now|"
        r"please|urgent|asap|not a bot)\b)|\bnot a bot\b(?= .*\b(?:now|please|need)\b)",
        r"\b(?:call|ring|phone) me back\b(?= .*\b(?:urgent|now|asap|please)\b)|\burgent\b(?= "
        r".*\b(?:call|ring|phone) me\b)",
        r"^(?:urgent|very urgent|its urgent|urgent please)$",
        r"\b(?:need|get) help (?:asap|urgently|right now)\b|\bneed help\b(?= .*\bnot joking\b)",
        r"\b(?:please |pls |plz )+(?:answer|reply|respond)(?: me)?\b",
        r"\bcrisis team\b(?= .*\b(?:get hold|ring|call|contact|number)\b)|\b(?:get hold of|ring|"
        r"call|contact) the crisis team\b",
        r"\bneed an ambulance\b|\bcant make myself (?:ring|call|phone)\b",
        r"\b(?:get|ask) (?:someone|somebody|a person) to (?:call|ring|phone) me\b(?= .*\b(?:not "
        r"ok|not okay|scared|bad)\b)",
        r"\bangen siarad (?:a |efo |gyda |da )?rhywun nawr\b",
        who=Who.SELF,
        negatable=False,
    ),
    # --- Medical emergency: chest pain and heart -------------------------------------------------
    *_rules(
        Concern.MEDICAL,
        "chest_pain",
        r"\bchest (?:\w+ ){0,2}(?:pain|pains|hurts|hurting|tight|tightness|tightening|"
        r"pressure|crushing|aching|aches|ache|heavy|burning|squeezing|sore|agony|feels funny)\b"
        r"(?! (?:yesterday|last (?:week|month|year))\b)",
        # A heart that is heavy, aches or hurts is most often grief; pain or pressure is not.
        r"\bheart (?:\w+ ){0,2}(?:pain|pains|tight|tightness|tightening|pressure|crushing|"
        r"burning|squeezing|agony|feels funny)\b(?! (?:yesterday|last (?:week|month|year))\b)",
        r"\b(?:pains?|pressure|tightness|ache|aching|crushing) (?:in|on|across|around) (?:my |the )?"
        r"(?:chest|left arm|jaw|heart)\b",
        r"\b(?:having|had|think im having|think hes having|think shes having|is having|its) a "
        r"heart attack\b",
        r"\b(?:heart|palpitations|pulse) (?:\w+ ){0,4}(?:faint|fainted|dizzy|passing out|pass "
        r"out|black out|blacking out|collapse|chest pain|cant breathe)\b",
        r"\bpoen (?:yn |yng |ar |ar draws )?(?:fy |y |yn y )?(?:brest|nghalon|calon)\b",
        r"\btrawiad (?:ar y galon|ar fy nghalon)\b",
        r"\b(?:brest|calon) (?:\w+ ){0,2}(?:tynn|brifo|poen|gwasgu)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.MEDICAL,
        "chest_pain",
        r"\b(?:pains?|pressure|tightness|ache|aching|crushing) (?:in|on|across|around) (?:\w+ )"
        r"{0,3}(?:chest|left arm|jaw|heart)\b",
        r"\bpoen (?:\w+ ){0,1}(?:yn |yng |ar )(?:fy |y )?(?:brest|nghalon|calon)\b",
        r"\b(?:brest|calon) (?:\w+ ){0,2}(?:tynn|dynn)\b",
        who=Who.ANY,
        unless=r"\b(?:years ago|last year|last month|in the past|used to|when i was|once had|"
        r"llynedd|flynyddoedd|blwyddyn diwethaf)\b",
    ),
    *_rules(
        Concern.MEDICAL,
        "chest_pain",
        r"\b(?:arm|arms|jaw|shoulder) (?:\w+ ){0,2}(?:gone dead|numb|tingling|heavy|hurts|aching)"
        r"\b(?= .*\bchest\b)",
        r"\bchests? (?:\w+ ){0,2}(?:weird|funny|strange|killing me|like a weight|like a band)\b"
        r"(?! since (?:the|a|my) (?:cold|cough|flu|covid|chest infection)\b)",
        r"\bchests? (?:\w+ ){0,6}clammy\b|\bclammy (?:\w+ ){0,6}chests?\b",
        r"\bclutching (?:his|her|my|their|at his|at her|at my) chest\b",
        r"\b(?:grey|gray|clammy|pale) and (?:sweaty|clammy)\b|\bsweaty and (?:grey|gray|clammy)\b",
        r"\b(?:sat|sitting|standing|stood|sitting down) on (?:my|me|his|her) chest\b",
        r"\b(?:pressure|pain|ache|weight|tightness) (?:\w+ ){0,5}(?:chest|jaw)\b",
        r"\b(?:poen|gwasgu) (?:\w+ ){0,3}(?:brest|nghalon|calon)\b",
        r"\b(?:brest|calon) (?:\w+ ){0,3}(?:poen|gwasgu|tynn)\b",
        who=Who.ANY,
        unless=r"\b(?:years ago|last year|last month|in the past|used to|when i was|llynedd|"
        r"flynyddoedd)\b",
    ),
    *_rules(
        Concern.MEDICAL,
        "chest_pain",
        r"\b(?:chest|heart) (?:(?!less |not |no longer )\w+ ){0,3}(?:paining|pains|tight|tighter)\b",
        r"\b(?:feel like|think|feels like) (?:im|i am|i) (?:going to|gonna|about to) (?:pass out|"
        r"faint|collapse|black out)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.MEDICAL,
        "chest_pain",
        r"\bband (?:round|around|across) (?:my|me|his|her) chest\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.MEDICAL,
        "chest_pain",
        r"\b(?:indigestion|heartburn|diffyg traul) (?:\w+ ){0,6}(?:jaw|arm|gen|braich|clammy|pale|"
        r"faint|sweaty|wont go)\b",
        r"\b(?:burning|heavy feeling|heaviness|pain) (?:\w+ ){0,2}(?:in|on) (?:my |her |his )?"
        r"chest\b",
        r"\beliffant ar fy (?:mrest|brest)\b",
        r"\bpoen (?:\w+ ){0,2}(?:lawr|mynd lawr) (?:ei|fy) (?:braich|mraich)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.MEDICAL,
        "chest_pain",
        r"\bpoen fel feis\b|\bfeis (?:\w+ ){0,3}brest\b",
        who=Who.ANY,
    ),
    # --- Medical emergency: breathing ------------------------------------------------------------
    *_rules(
        Concern.MEDICAL,
        "breathing",
        r"\b(?:cant|cannot|struggling to|hard to|difficult to|trouble|difficulty|unable to|"
        r"barely|can hardly|can barely|hardly|fighting to|gasping to) (?:\w+ ){0,1}(?:breathe|"
        r"breath|breathing|catch my breath|get my breath|get air|get any air)\b"
        r"(?! (?:in (?:these|this|the|my) (?:masks?|ffp3s?|heat)|through my nose|through (?:my|the) nose|in the heat|in this heat|for laughing|"
        r"laughing)\b)",
        r"\b(?:very|really|so|suddenly|badly|extremely|severely) (?:short of breath|breathless|"
        r"wheezy)\b",
        r"\b(?:throat|airway) (?:is |feels )?(?:closing|swelling|swollen|tight|closing up)\b",
        r"\b(?:lips|tongue|face|mouth) (?:\w+ )?(?:swelling|swollen|blue|going blue|turned blue|"
        r"turning blue|puffing up)\b",
        r"\banaphyla\w*\b",
        r"\bmethu (?:anadlu|cael fy ngwynt|cael gwynt|dal fy ngwynt)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.MEDICAL,
        "breathing",
        r"\b(?:cant|cannot|struggling to|hard to|difficult to|unable to|can hardly|can barely) "
        r"(?:\w+ ){0,2}(?:breathe|breath|get air)\b(?! (?:through my nose|in the heat)\b)",
        r"\basthma attack\b|\binhaler (?:isnt|is not|not|wont|aint) (?:working|helping)\b",
        r"\bwheezing (?:really |so |very )?(?:bad|badly)\b",
        who=Who.ANY,
        unless=r"\b(?:years ago|last year|in the past|used to|when i was|llynedd)\b",
    ),
    *_rules(
        Concern.MEDICAL,
        "breathing",
        r"\b(?:throat|throats|airway|gwddw|gwddf|tafod|gwefus|gwefusau|gwefusa) (?:\w+ ){0,2}"
        r"(?:closing|swelling|swollen|chwyddo|wedi chwyddo)\b",
        r"\b(?:cant|can not|cannot) finish (?:a|his|her|my) sentence\b",
        r"\b(?:ddim|methu|dim) (?:\w+ ){0,2}anadlu\b",
        who=Who.ANY,
        unless=r"\b(?:years ago|last year|in the past|used to|when i was|llynedd)\b",
    ),
    *_rules(
        Concern.MEDICAL,
        "breathing",
        r"\b(?:not able to|unable to|cant|cannot|can not) take (?:a |my )?(?:breath|breathe)\b",
        r"\binhaler (?:isnt|is not|not|wont|aint) (?:touching|helping|working|doing)\b",
        r"\b(?:methu|alla i ddim|gallu i ddim|ddim yn gallu|dwi ddim yn gallu) cael (?:fy |i |ei )?(?:aer|"
        r"gwynt|anadl)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.MEDICAL,
        "breathing",
        r"(?<!watched my mum )(?<!watched my dad )(?<!watched my nan )(?<!watched her mum )"
        r"\bgasping\b(?! (?:with|from) (?:copd|emphysema|lung cancer) for years)"
        r"|\bpointing at (?:her|his) throat\b",
        r"\bwhistling noise\b|\bsucking in under\b",
        r"\bepipen\b(?= .*\b(?:swelling|shaking|spreading|cant breathe|used)\b)",
        r"\b(?:sudden|suddenly) (?:breathless|breathlessness|short of breath)\b",
        r"\bgwichian\b(?= .*\b(?:las|glas|pwmp|anadlu)\b)",
        who=Who.ANY,
    ),
    # --- Medical emergency: collapse, fit, stroke, swelling --------------------------------------
    *_rules(
        Concern.MEDICAL,
        "collapse_or_fit",
        r"\b(?:collapsed|collapsing|passed out|passing out|blacked out|fainted|fainting|"
        r"unconscious|unresponsive|not responding|wont wake up|cant wake (?:him|her|them|up)|"
        r"not breathing|stopped breathing|fitting|having a fit|had a fit|having fits|having a "
        r"seizure|had a seizure|seizing|convulsing|convulsions|turning blue|gone blue|going "
        r"blue|keeled over)\b",
        r"\b(?:face|mouth|smile) (?:\w+ )?(?:drooping|droopy|dropped|fallen|lopsided)\b",
        r"\bslurr(?:ed|ing)\b",
        r"\b(?:cant|cannot) (?:move|lift|feel) (?:my |his |her )?(?:arm|leg|side|face)\b",
        r"\b(?:having|had|think im having|think hes having|think shes having|is having) a "
        r"stroke\b",
        r"\b(?:llewygu|llewygodd|wedi llewygu|cael ffit|cael trawiad|ffitio|anymwybodol|ddim yn "
        r"anadlu|wedi stopio anadlu)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.MEDICAL,
        "collapse_or_fit",
        r"\bwyneb (?:\w+ ){0,3}(?:disgyn|syrthio|cam|gam)\b",
        r"\bsiarad yn (?:rhyfedd|aneglur|od|ddryslyd)\b",
        who=Who.ANY,
        unless=r"\b(?:years ago|last year|in the past|used to|when i was|llynedd)\b",
    ),
    *_rules(
        Concern.MEDICAL,
        "collapse_or_fit",
        r"\b(?:not|isnt|wont|ddim yn) (?:answering|responding|ymateb|deffro|waking)\b(?! (?:my|the|"
        r"her|his) (?:phone|texts|messages|calls|door)\b)",
        r"\b(?:gone|went|fallen|fell) (?:down|over) (?:\w+ ){0,3}(?:not answering|not responding|"
        r"wont wake|unconscious|cant get)\b",
        r"\b(?:cwympo|llewygu|disgyn) (?:\w+ ){0,3}(?:ddim yn ymateb|ddim yn deffro|anymwybodol)\b",
        r"\bworst headache (?:of my life|ever|ive ever had)\b|\bthunderclap\b",
        who=Who.ANY,
        unless=r"\b(?:years ago|last year|in the past|used to|when i was|llynedd)\b",
    ),
    *_rules(
        Concern.MEDICAL,
        "collapse_or_fit",
        r"\b(?:frothing|foaming at the mouth|jerking|twitching all over|gone floppy|went floppy)\b",
        r"\b(?:mouth|tongue|lips|face|throat|eyes) (?:\w+ ){0,3}(?:gone massive|swollen up|"
        r"swelled up|puffed up|gone huge|blown up)\b",
        r"\bwyneb (?:\w+ ){0,3}(?:cwympo|disgyn|syrthio)\b",
        r"\bbraich (?:\w+ ){0,1}ddim yn gweithio\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.MEDICAL,
        "collapse_or_fit",
        r"\b(?:went|gone|fell) down and (?:isnt|is not|not|wont|hasnt) (?:moving|responding|"
        r"breathing|getting up|waking)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.MEDICAL,
        "collapse_or_fit",
        r"\bgone down and (?:\w+ ){0,2}shaking\b|\bshaking all over\b(?= .*\b(?:gone down|fell|"
        r"floor|collapsed)\b)",
        who=Who.ANY,
    ),
    *_rules(
        Concern.MEDICAL,
        "collapse_or_fit",
        r"\bfighting for breath\b|\bgone a funny colour\b|\bysgwyd drosti\b|\bysgwyd drosto\b",
        r"\b(?:methu|sa i yn gallu) (?:i )?(?:ddihuno|ddeffro|dihuno) (?:fe|hi|o)\b",
        r"\bpumping blood\b|\bbones? pushing\b|\basgwrn allan\b",
        who=Who.ANY,
    ),
    # --- Medical emergency: a child, a pet or anyone who swallowed nicotine ----------------------
    *_rules(
        Concern.MEDICAL,
        "ingestion",
        r"\b(?:swallowed|swallow|swallowing|ate|eaten|eating|chewed|chewing|chew|drank|drunk|"
        r"drinking|licked|licking|sucked|sucking|got into|got hold of|bit|biting|bitten|put|"
        r"into|in (?:his|her|their) mouth|found|had some|had one|had a|llyncu|bwyta|cnoi|yfed) (?:\w+ ){0,4}"
        + NICOTINE_THING
        + r"\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.MEDICAL,
        "ingestion",
        NICOTINE_THING + r" (?:\w+ ){0,3}(?:in|into) (?:his|her|their|its|the dogs|the cats) "
        r"mouth\b",
        r"\b(?:got|grabbed|found|chewing on) (?:\w+ ){0,3}(?:of )?(?:my |the )?(?:patches|patch|"
        r"gum|pouch|eliquid|vape|lozenges?)\b",
        r"\b(?:cnoi|llyncu|bwyta|yfed) (?:\w+ ){0,2}(?:patsh|patshys|clwt|clytiau|gwm|nicotin|"
        r"hylif|eliquid)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.MEDICAL,
        "ingestion",
        r"\b(?:sick|vomiting|floppy|drowsy|sleepy|pale|throwing up|not right)\b",
        who=Who.ANY,
        needs=r"\b(?:child|kid|baby|toddler|son|daughter|little one|dog|puppy|cat|\d+ year old|"
        r"plentyn|babi)\b",
        unless=r"\b(?:patient|bay|ward|resus|triage)\b",
    ),
    # --- Medical emergency: other ----------------------------------------------------------------
    *_rules(
        Concern.MEDICAL,
        "other_medical",
        r"\bbleeding (?:heavily|badly|a lot|loads|wont stop|everywhere|so much|wont stop)\b",
        r"\b(?:coughing|vomiting|throwing|being sick) (?:up )?blood\b",
        r"\b(?:too many|two|three|four|several|loads of|\d) (?:\w+ ){0,2}(?:patches|lozenges|"
        r"pieces of gum|nicotine gum)\b(?= .*\b(?:vomiting|being sick|dizzy|heart racing|"
        r"shaking|faint|sweating|confused|throwing up)\b)",
        r"\b(?:nicotine|eliquid) (?:poisoning|overdose)\b",
        r"\bgwaedu (?:yn ddrwg|llawer|ddim yn stopio)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.MEDICAL,
        "other_medical",
        r"\b(?:words|speech) (?:\w+ ){0,2}(?:coming out wrong|jumbled|wont come out|all wrong|"
        r"muddled)\b",
        r"\b(?:arm|leg) (?:\w+ ){0,1}(?:wont|cant|doesnt|will not) (?:lift|move|work)\b",
        r"\bmethu siarad (?:yn iawn|yn glir|yn iawn)\b",
        r"\b(?:feel like|feels like) (?:im|i am|i) (?:going to|gonna|about to) die\b(?= .*\b(?:"
        r"shivering|shaking|blotchy|chest|breathe|wee|infection|temperature|fever|pain)\b)",
        r"\b(?:shivering|shaking) (?:uncontrollably|violently)\b",
        r"\b(?:havent|have not|not) (?:had a wee|weed|peed)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.MEDICAL,
        "other_medical",
        r"\b(?:wont|will not|doesnt|does not) stop bleeding\b|\bsoaked through\b",
        r"\bnosebleed (?:\w+ ){0,3}(?:hour|warfarin)\b",
        r"\bconfused and (?:sweaty|clammy|pale)\b|\bmottled\b",
        r"\b(?:bone|asgwrn) (?:\w+ ){0,2}(?:sticking out|dod drwy)\b",
        r"\b(?:been )?stabbed\b",
        r"\bskin(?:s)? (?:\w+ ){0,1}peeling off\b|\bburnt myself badly\b",
        r"\b(?:rash|brech) (?:\w+ ){0,4}(?:doesnt fade|dont fade|under a glass|dan wydr)\b",
        r"\bstiff neck\b(?= .*\brash\b)",
        r"\boverheating\b(?= .*\b(?:confused|heart|took something)\b)",
        r"\b(?:chwydu|vomiting) gwaed\b|\bchwydu gwaed\b",
        r"\brock hard\b(?= .*\b(?:stomach|belly|tummy)\b)",
        who=Who.ANY,
    ),
    *_rules(
        Concern.MEDICAL,
        "other_medical",
        r"\b(?:smacked|hit|banged|bashed) my head\b(?= .*\b(?:drowsy|sick|blood|confused|dizzy|"
        r"vomit)\b)",
        r"\b(?:stryglo|cael trafferth) anadlu\b|\btroi (?:yn |n )?las\b",
        r"\b(?:bwyta|cnoi|llyncu) (?:\w+ ){0,4}(?:gwm|patsh|nicotin)\b",
        who=Who.ANY,
    ),
    # --- Safeguarding: someone hurting, threatening or controlling them --------------------------
    *_rules(
        Concern.SAFEGUARDING,
        "domestic_abuse",
        r"\b" + PARTNER + r" (?:\w+ ){0,5}" + HURT + r" (?:me|my|into me)\b"
        r"(?! (?:with (?:a|an|extra|another|the) (?:shift|rota|question|bill|job|extra)|up for)\b)",
        r"\b(?:he|she|partner|husband|wife|boyfriend|girlfriend|ex|hell|shell|hes|shes|they) "
        r"(?:\w+ ){0,3}(?:going to|gonna|will|would|said (?:hed|shed|he will|she will|he would|"
        r"she would)|says (?:hell|shell|he will|she will)|threatened to|threatens to|swore to|"
        r"promised to) (?:\w+ ){0,1}(?:kill|hurt|hit|beat|batter|strangle|stab|murder|end) me\b",
        r"\b(?:hell|shell) (?:kill|hurt|hit|beat|batter|strangle|stab|murder) me\b(?! if (?:im|i am|"
        r"were|we are|i get|we get) (?:late|back late|home late)\b)",
        r"\b(?:scared|afraid|frightened|terrified|dont want|dread|dreading|too scared|petrified) "
        r"(?:of |to )?(?:go|going|get|getting|be|being) (?:back )?home\b",
        r"\b(?:scared|afraid|frightened|terrified|petrified) (?:of|what) (?:him|her|my partner|"
        r"my husband|my wife|my boyfriend|my girlfriend|my ex|what he|what she|hell|shell|he "
        r"will|she will|he might|she might|he would|she would)\b",
        r"\bnot allowed to (?:see|go|leave|have|talk|speak|use|text|call|phone|work|spend|"
        r"visit)\b",
        r"\b" + PARTNER + r" (?:\w+ ){0,2}(?:locked|locks|locking|keeps) me (?:in|out|inside)\b",
        r"\b(?:domestic abuse|domestic violence|dv|coercive control|coercive|abusive "
        r"(?:relationship|partner|husband|wife|boyfriend|girlfriend|ex|marriage)|being abused|"
        r"abuse at home|abuses me|abusing me|controlling relationship)\b",
        r"\b(?:fy|yn fy|n fy) (?:taro|bwrw|brifo|curo|mygu|tagu|bygwth|cicio)\b",
        r"\b(?:taro|bwrw|brifo|curo|bygwth) fi\b",
        r"\bofn (?:mynd )?(?:adref|nol adref|yn ol adref)\b",
        r"\bofn (?:arna i )?(?:o |ohono|ohoni|fy ngwr|fy mhartner|fy nghariad)",
        who=Who.ANY,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "domestic_abuse",
        r"\b(?:throws|threw|throwing|chucks|chucked|lobbed) (?:\w+ ){0,2}at me\b",
        r"\b(?:im|i am|i|me|my) (?:\w+ ){0,4}(?:domestic abuse|domestic violence|dv|coercive "
        r"control|abusive (?:relationship|partner|husband|wife|boyfriend|girlfriend|ex|marriage)|"
        r"being abused|controlling relationship)\b",
        r"\b(?:gets|got) (?:really )?(?:violent|nasty|rough|handsy|aggressive) (?:with me|when "
        r"(?:hes|shes) drunk|when he drinks|when she drinks)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "domestic_abuse",
        r"\b(?:doesnt|dont|wont|never|will not|does not|wouldnt) let me (?:have|see|go|leave|use|"
        r"talk|out|work|spend|keep|visit|wear)\b",
        r"\bhands (?:round|around) my (?:neck|throat)\b",
        r"\b(?:gave|given|give) me a black eye\b",
        r"\b(?:him|her) (?:hit|hitting|hurt|hurting|beat|beating|push|pushing|punch|punching|"
        r"kick|kicking|strangle|choke)\w* me\b",
        r"\bnot allowed out\b",
        r"\b(?:controls|controlling|control) (?:everything|my money|all my money|my salary|my "
        r"wages|my bank|my phone|where i go|who i see|what i wear)\b",
        r"\b(?:takes|took|keeps) my (?:salary|wages|pay|money|bank card|card)\b",
        r"\b(?:ddim yn gadael|dydy o ddim yn gadael|dyw e ddim yn gadael|byth yn gadael) i (?:fi|mi)\b",
        r"\brheoli (?:yr |y |fy )?(?:pres|arian|ffon|popeth|bob dim)\b",
        r"\b(?:dwi |wi )?ofn (?:o|e|fe|hi|ohono|ohoni)$",
        r"\bcam ?drin\b|\bcham ?drin\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "domestic_abuse",
        r"\b(?:checks|checking|check|tsiecio|checio) (?:\w+ ){0,1}(?:my )?(?:mileage|receipts|"
        r"bank|location|milltiroedd)\b",
        r"\bif i (?:leave|left|go)(?: him| her)?(?: \w+){0,1} (?:hell|shell|he will|she will|he "
        r"would|she would|hed|shed) (?:take|kill|hurt|find|make)\b",
        r"\b(?:sleeping|staying|sleep|stay|cysgu) (?:in|yn) (?:my|the|y) (?:car|motor)\b(?= .*\b(?:"
        r"cant go|can not go|wont go|alla i ddim|back|home|adref)\b)",
        r"\bdanger (?:from|with|because of) (?:my )?(?:husband|partner|wife|boyfriend|girlfriend|"
        r"ex|him|her)\b",
        r"\b(?:keeps|keeping|took|taken|has|hid|hides|hidden) my (?:passport|visa|papers|"
        r"documents|brp)\b",
        r"\b(?:send|sending|sent) (?:him|her) (?:photos|pictures|pics|my location|selfies) (?:of "
        r"where|to prove|every)\b",
        r"\b(?:flatmate|housemate|landlord|brother|dad|father|mum|mother|son|stepdad|uncle) "
        r"(?:\w+ ){0,3}" + HURT + r" me\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "domestic_abuse",
        r"\b(?:controls|control|takes|took|keeps) (?:all )?(?:of )?my (?:wages|money|salary|pay|"
        r"bank card|benefits)\b",
        r"\b(?:threatens|threatened|threatening|says (?:hell|shell|he will|she will)) (?:to )?"
        r"(?:take|keep|hurt|kill) (?:the|my|our) (?:kids|children|baby|son|daughter)\b",
        r"\bwalk(?:ing)? on eggshells\b",
        r"\b(?:makes|made|forces|forced) me (?:keep|share|send|turn on|leave on) (?:my )?"
        r"(?:location|find my|find my friends|life360|snap map|snapchat map|tracking)\b",
        r"\b(?:has|still has|knows|got) my (?:icloud |apple |google |phone |email |facebook )?"
        r"(?:password|passwords|passcode|pin|login)\b",
        r"\b(?:tracio|tracko|tracking) (?:lle|ble) (?:ydw i|dwi|ydw|rydw i)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "domestic_abuse",
        r"\bnot allowed (?:my own |to have my own |to have my )?(?:bank card|money|phone|car|"
        r"keys|friends)\b",
        r"\b(?:got|has|tracked|tracks|checked|checks|found) my location\b",
        r"\b(?:dod nol|dod yn ol)\b(?= .*\bofn\b)",
        r"\b(?:ddim yn|so fe yn|so hi yn|smo fe yn|smo fe|so fe) gadael i fi\b",
        r"\b(?:makes|made|is making) me feel (?:unsafe|scared|frightened|uncomfortable)\b",
        r"\bgwneud i fi (?:deimlo|teimlo) (?:yn |n )?(?:anniogel|ofnus|ofn)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "domestic_abuse",
        r"\b(?:have to|got to|gorfod) (?:ask|gofyn) (?:permission|caniatad)\b",
        r"\b(?:ex|partner|husband|wife|boyfriend|girlfriend|he|she) (?:\w+ ){0,3}(?:turned up|"
        r"turns up|turning up|waiting|waits|follows|followed|following) (?:\w+ ){0,3}(?:at work|"
        r"me home|my house|outside|the staff entrance|everywhere)\b",
        r"\bmakes me do things (?:\w+ ){0,3}(?:dont want|dont want to)\b",
        r"\b(?:if i dont|unless i) sleep with (?:him|her)\b",
        r"\bmessaging (?:me )?from new numbers\b",
        r"\bfound me\b(?= .*\b(?:moved|flats|house|hiding)\b)",
        r"\b(?:wedi cymryd|cymryd) fy (?:mhasbort|pasbort)\b",
        r"\b(?:nghyn bartner|nghyn gariad|cyn bartner|cyn gariad) (?:\w+ ){0,3}(?:dilyn|troi "
        r"fyny|aros)\b",
        r"\bfy nilyn\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "domestic_abuse",
        r"\bnext time (?:itll|it will|it ll) be me\b|\bfist through the (?:door|wall)\b",
        r"\bgwrthod gadael (?:i )?fi\b|\bgafael yn fy (?:ngwddf|gwddf)\b",
        r"\b(?:ddim yn|sai yn|sa i yn) (?:cal|cael) gweld fy (?:ffrindie|ffrindiau|teulu)\b",
        r"\bofni mynd adre(?:f)?\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "domestic_abuse",
        r"\b(?:nath e|mae e wedi|mi nath o) (?:yn )?(?:ngwthio|gwthio|nharo)\b",
        r"\barian poced i fi\b|\bcymryd fy (?:nghyflog|cyflog)\b",
        r"\bheb iddo (?:fe|fo) (?:wbod|wybod)\b",
        who=Who.ANY,
    ),
    # --- Safeguarding: someone reading or controlling their phone --------------------------------
    *_rules(
        Concern.SAFEGUARDING,
        "phone_monitored",
        r"\b" + PARTNER + r" (?:\w+ ){0,2}(?:checks|checking|check|reads|reading|read|goes "
        r"through|going through|went through|looks at|looking at|monitors|monitoring|tracks|"
        r"tracking|controls|controlling|takes|took|smashed|broke|has|watches|listens to) "
        r"(?:\w+ ){0,2}(?:phone|messages|texts|money|bank|card|keys|passport|location|emails|"
        r"chats|whatsapp|everything i)\b",
        r"\b(?:if|when|in case) (?:he|she|partner|husband|wife|boyfriend|girlfriend|they) "
        r"(?:\w+ ){0,1}(?:sees|reads|finds|saw|read|found|checks|see|find) (?:\w+ ){0,2}"
        r"(?:this|these|messages|texts|my phone|out)\b",
        r"\b(?:please )?(?:delete|deleting|wipe|remove) (?:these|this|my|the) (?:messages|texts|"
        r"chat|conversation)\b(?= .*\b(?:he|she|partner|husband|wife|boyfriend|girlfriend|"
        r"sees|reads|finds)\b)",
        r"\b(?:dont|do not|please dont|never) (?:text|message|call|ring) me (?:\w+ ){0,3}(?:he|"
        r"she|partner|husband|wife|boyfriend|girlfriend) (?:\w+ ){0,2}(?:sees|reads|checks|"
        r"finds|home|around|here)\b",
        r"\b(?:darllen|edrych ar|checio|tsiecio|mynd trwy) (?:fy )?(?:negeseuon|tecsts|ffon|"
        r"ffôn|negeseuon i)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "phone_monitored",
        r"\b" + PARTNER + r" (?:\w+ ){0,2}(?:tracks|tracking|checks|reads|monitors|watches) "
        r"(?:\w+ ){0,5}(?:phone|messages|texts|location)\b",
        r"\b(?:if|when) (?:he|she|partner|husband|wife|boyfriend|girlfriend) (?:\w+ ){0,1}(?:sees|"
        r"catches|finds out|saw) (?:im |me )?(?:texting|messaging|talking to|this)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "phone_monitored",
        r"\b(?:tracker|tracking app|find my) (?:\w+ ){0,2}(?:on )?my (?:phone|car)\b(?! down\b)",
        r"\b(?:has|knows|got|took) my (?:passwords?|pin|passcode)\b",
        r"\b(?:reads|checks|goes through|went through|going through) (?:everything|it every|all my|"
        r"it all|my stuff|it when)\b",
        r"\b(?:doesnt|dont) like me using my phone\b",
        r"\bis this (?:chat|conversation) (?:private|safe|secret)\b",
        r"\b(?:deleting|delete) (?:these|this|them) as i go\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "phone_monitored",
        r"\b(?:text|message|call|ring|reply to) me (?:back )?(?:only )?(?:in the day|when (?:hes|"
        r"shes|he is|she is) (?:at work|out|asleep|away))\b",
        r"\b(?:tsiecio|tsieco|checio|checkio|chekio) (?:yn |fy )?ffon\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "phone_monitored",
        r"\b(?:put|installed|put an) (?:an )?app on my phone\b|\bap ar fy ffon\b",
        r"\b(?:got|has|knows) (?:all )?my (?:email|telegram|whatsapp|facebook|instagram|icloud)? "
        r"?(?:logins|passwords|login)\b",
        r"\bphones? being tracked\b|\bknew exactly where i was\b",
        r"\bonly message me when\b",
        r"\bset my phone up\b",
        r"\bpaid a (?:thecstio|tecstio) fi\b|\bdarllen popeth\b",
        r"\b(?:dilewch|dileu) y sgwrs\b",
        r"\bmynd drwy (?:yn |fy )?ffon\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "phone_monitored",
        r"\b(?:checks|reads|goes through|looks through) my (?:phone|texts|messages)\b",
        r"\bsbio ar (?:ffon|fy ffon)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "phone_monitored",
        r"\b(?:keep it|keep this) (?:just )?about smoking\b|\bhe checks$",
        r"\bcheco (?:yn |fy )?ffon\b|\bofalus beth ti n hala\b",
        who=Who.ANY,
    ),
    # --- Safeguarding: a child at risk -----------------------------------------------------------
    *_rules(
        Concern.SAFEGUARDING,
        "child_at_risk",
        r"\b" + PARTNER + r" (?:\w+ ){0,2}" + HURT + r" (?:the|my|our|his|her) (?:kids|children|"
        r"child|son|daughter|baby|boy|girl|little one)\b",
        r"\b(?:kids|children|child|baby|son|daughter|little one)s? (?:are|is|arent|isnt|not) "
        r"(?:not )?safe\b",
        r"\b(?:worried|scared|frightened|afraid) (?:about|for) (?:my|the|our) (?:kids|children|"
        r"child|baby|sons?|daughters?)s? (?:safety|being hurt|with him|with her)\b",
        r"\b(?:plant|plant|babi|mab|merch) (?:ddim yn )?(?:saff|ddiogel)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "child_at_risk",
        r"\b(?:stepdad|step dad|dad|father|partner|boyfriend|husband|he|stepmum|mum|mother|she) "
        r"(?:\w+ ){0,2}" + HURT + r" (?:her|him|them)\b",
        who=Who.ANY,
        needs=r"\b(?:daughter|son|kids|children|child|baby|stepdaughter|stepson|little one|"
        r"boy|girl)s?\b",
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "child_at_risk",
        r"\b(?:touches|touched|touching|grooming|groomed) (?:her|him|them|my|the)\b",
        r"\basking (?:her|him|them|my \w+) for (?:pics|photos|pictures|nudes|naked)\b",
        r"\bleaves (?:her|his|their|the|my) (?:kids|children|baby|child|little ones?) (?:alone|on "
        r"their own)\b",
        r"\b(?:kids|children|child|baby) saw (?:him|her) (?:hit|hurt|beat|push|attack)\b",
        r"\b(?:brifo|taro|curo|bwrw) (?:yr |y |fy |r )?(?:plant|plentyn|babi)\b",
        r"\b(?:plant|plentyn|babi) (?:\w+ ){0,2}ofn\b",
        who=Who.ANY,
        needs=r"\b(?:daughter|son|kids|children|child|baby|niece|nephew|grandson|granddaughter|"
        r"stepdaughter|stepson|little one|\d+ year old|plant|plentyn|babi|girl|boy)\b",
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "child_at_risk",
        r"\bleaves (?:my|the|our|his|her) (?:\w+ ){0,2}(?:kids|children|child|baby|son|daughter|"
        r"\d+ year old|toddler) (?:\w+ ){0,1}(?:alone|on (?:his|her|their) own|by (?:him|her)self)"
        r"\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "child_at_risk",
        r"\b(?:boyfriend|stepdad|step dad|partner|dad|mum|uncle|man) (?:\w+ ){0,2}(?:hurts|hurt|"
        r"touches|comes into) (?:her|him|their)(?: room)?\b",
        r"\blocks (?:him|her|them) in\b|\bei gloi\b",
        r"\bleft on their own\b|\bar ben eu hunain\b",
        r"\b(?:asking|asked|gofyn i) (?:\w+ ){0,2}(?:for pictures|for pics|am luniau|for photos)\b",
        r"\b(?:\d+|fourteen|thirteen|fifteen|twelve) and (?:shes|hes|she is|he is) seeing a \d+ "
        r"year old\b|\b(?:daughter|son) is 1[0-5] and (?:her|his) (?:boyfriend|girlfriend) is "
        r"[2-9]\d\b",
        r"\bshakes the baby\b|\bysgwyd y babi\b",
        r"\bburns (?:him|her) with\b",
        r"\bleaves the kids with strangers\b|\bnever any food\b",
        r"\bei brifo hi\b|\bei frifo fe\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "child_at_risk",
        r"\b(?:fella|boyfriend|partner|husband|dad|stepdad) (?:\w+ ){0,1}(?:batters|hits|beats|hurts)"
        r" (?:her|his|the) (?:bairn|kid|child|baby|son|daughter|little one)\b",
        r"\bmet a \d+ year old (?:man|woman) online\b|\bmeet (?:him|her) on (?:her|his) own\b",
        r"\b(?:little brother|little sister|grandson|granddaughter) (?:\w+ ){0,3}(?:hurts|hits|"
        r"beats) (?:him|her)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "child_at_risk",
        r"\bstarted on my (?:eldest|youngest|son|daughter|kids)\b",
        r"\bleaves her little one on his own\b|\bleaves (?:her|his) (?:little one|baby|toddler)\b",
        r"\bout in the street (?:gone|after) midnight\b",
        r"\bofan beth neith e\b|\bcleisie ar ei\b",
        who=Who.ANY,
    ),
    # --- Safeguarding: someone else (not a patient) at risk of harming themselves ----------------
    *_rules(
        Concern.SAFEGUARDING,
        "someone_at_risk",
        r"\b(?:better off|better|happier|fine) (?:\w+ ){0,2}without (?:him|her|them)\b",
        r"\b(?:kill|killing|hurt|hurting|end|ending|harm|harming) (?:herself|himself|themselves|"
        r"themself)\b",
        r"\b(?:end|ending|take|taking) (?:her|his|their) (?:own )?life\b",
        r"\b(?:lladd|brifo|niweidio) (?:ei|eu) hun\b",
        r"\b(?:gave|given|giving|give) (?:all )?(?:his|her|their) (?:stuff|things|belongings|"
        r"possessions) away\b",
        r"\b(?:hes|shes|theyre|he|she|they) (?:\w+ ){0,2}(?:got|saved|saving|stockpiling) "
        r"(?:\w+ ){0,2}(?:tablets|pills|paracetamol|meds) (?:saved|up|ready|stashed)?\b",
        who=Who.ANY,
        unless=r"\b(?:patient|patients|pt|pts|bay|bed|resus|majors|admitted|referral|ed|ae|"
        r"triage|clinic|cubicle|tox)\b",
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "someone_at_risk",
        r"\b(?:\d+ ?(?:yo|year old|yr old)|son|daughter|kid|child|teenager|niece|nephew|student|"
        r"colleague|friend|mate) (?:\w+ ){0,3}(?:been|is|has been|keeps) (?:cutting|self harming|"
        r"hurting (?:himself|herself|themselves)|burning (?:himself|herself))\b",
        r"\b(?:yn )?ei (?:daro|guro|frifo|fwrw|gicio)\b",
        who=Who.ANY,
        unless=r"\b(?:patient|patients|pt|pts|bay|bed|resus|majors|admitted|cubicle)\b",
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "someone_at_risk",
        r"\b(?:wont|isnt|not) (?:answer|answering|picking up) (?:his|her|their) phone\b(?= .*\b"
        r"(?:goodbye|sorry|worried|scared)\b)",
        r"\b(?:sending|sent|sends) (?:\w+ )?goodbye (?:texts|messages)\b(?= .*\b(?:his|her|their|"
        r"he|she)\b)",
        who=Who.ANY,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "someone_at_risk",
        r"\b(?:saying|said|says|messaged|message) (?:saying )?goodbye\b(?= .*\b(?:friend|mate|"
        r"brother|sister|colleague|she|he)\b)",
        r"\b(?:doing it|does it) to (?:herself|himself)\b",
        r"\bwell heb(?:ddo|ddi) (?:fo|hi|fe)\b",
        r"\b(?:neges )?yn ffarwelio\b",
        r"\b(?:dod i r gwaith|dod ir gwaith) (?:efo|gyda) cleisiau\b|\bcleisiau\b",
        r"\b(?:waits|waiting) for her in the car park\b|\baros amdani\b",
        r"\b(?:carer|husband|son) takes her money\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "someone_at_risk",
        r"\b(?:written|wrote|writing) letters to (?:her|his|their) family\b",
        r"\b(?:cuts|cutting|burns|burning) (?:herself|himself|themselves)\b",
        who=Who.ANY,
        unless=r"\b(?:patient|patients|pt|bay|bed|resus|majors|admitted|cubicle)\b",
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "someone_at_risk",
        r"\bwont be here for the exams\b|\bneud amdani ei hun\b|\bgwneud amdani ei hun\b",
        r"\btexted sorry for everything\b",
        r"\bei gwr yn ei bwrw\b|\bei bwrw hi\b",
        who=Who.ANY,
    ),
    # --- Safeguarding: a colleague or friend at risk from someone --------------------------------
    *_rules(
        Concern.SAFEGUARDING,
        "colleague_at_risk",
        r"\b(?:husband|partner|boyfriend|wife|girlfriend|he|she|ex) (?:\w+ ){0,2}(?:will|going "
        r"to|gonna|would|threatened to|threatens to)? ?(?:kill|hurt|hit|beat|batter|strangle) "
        r"(?:her|him|them)\b",
        r"\b(?:black eye|bruises|bruised|bruising|marks on (?:her|his) (?:neck|arms))\b",
        who=Who.ANY,
        needs=r"\b(?:colleague|colleagues|friend|mate|coworker|sister|brother|neighbour|"
        r"student|hca|nurse|she|he)\b",
        unless=r"\b(?:patient|patients|pt|bay|bed|resus|majors|admitted|referral)\b",
    ),
    # --- Medication: varenicline named (counts only with a mood word) ----------------------------
    *_rules(
        Concern.MEDICATION,
        "varenicline_mood",
        r"\bvarenicline\b",
        who=Who.ANY,
        negatable=False,
    ),
    *_rules(
        Concern.MEDICATION,
        "varenicline_mood",
        r"\b(?:shouting|snapping|raging|gweiddi|ymosodol|nearly hit|hit someone)\b"
        r"(?= .*\b(?:varenicline|cytisine)\b)|\b(?:varenicline|cytisine)\b(?= .*\b(?:shouting|"
        r"snapping|raging|gweiddi|ymosodol|nearly hit|fi fy hun)\b)",
        who=Who.ANY,
    ),
    # --- Medication: cytisine named (counts only with a mood word) -------------------------------
    *_rules(
        Concern.MEDICATION,
        "cytisine_mood",
        r"\bcytisine\b",
        who=Who.ANY,
        negatable=False,
    ),
    # --- Pregnancy: theirs or their partner's, in many words -------------------------------------
    *_rules(
        Concern.PREGNANCY,
        "pregnancy",
        r"\b(?:partners|wifes|girlfriends|missus|wife|partner|girlfriend|gwraig|wraig|cariad) "
        r"(?:\w+ ){0,1}(?:is |yn |n )?(?:expecting|disgwyl|pregnant|beichiog)\b",
        r"\b(?:at my booking|my booking (?:appointment|bloods|visit|scan))\b",
        r"\b\d+ ?(?:week|wk) scan\b|\b(?:dating|anomaly|booking) scan\b",
        r"\bantenatal (?:appointment|class|classes|clinic|appt)\b",
        r"\b(?:did|done|took|taken|do) a test\b(?: \w+){0,6} (?:positive|pos)\b",
        r"\bbfp\b|\btest (?:came back|was|is|showed|says) positive\b|\bmissed (?:my|a) period\b",
        r"\b(?:im|shes|were|partners|partner is|wifes|girlfriends) due in (?:january|february|"
        r"march|april|may|june|july|august|september|october|november|december|\d+ (?:weeks|"
        r"months))\b",
        r"\b(?:bo fi|bod fi|fy mod i|dwi|wi) (?:yn |n )?disgwyl\b(?! (?:am|i|tan|ymlaen|gormod|"
        r"iddo|iddi)\b)",
        who=Who.ANY,
        unless=r"\b(?:covid|lft|lateral flow|flu|pcr|drug test|driving test)\b",
    ),
    *_rules(
        Concern.PREGNANCY,
        "pregnancy",
        r"(?<!when i was )(?<!while i was )(?<!when she was )"
        r"\bpregnan(?:t|cy)\b(?! (?:test(?:s)? (?:was |came back |is )?negative|tests? for|"
        r"colleague|colleagues|friend|friends|sister|patient|patients|woman|women|lady|ladies|"
        r"mums|mothers|smokers|pause|people|staff|nurse|midwife)\b)",
        r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|"
        r"twenty\w*|thirty\w*) (?:weeks?|wks?|wk|months?) (?:gone|along|pregnant)\b",
        r"\b(?:expecting|having|carrying|pregnant with) (?:a baby|a little one|twins|our first|"
        r"my first|our second|my second|our third|a boy|a girl|baby|number \w+|our \w+ child|"
        r"my \w+ child)\b",
        r"\b(?:were|im|we are|i am|she is|shes|wife is|partner is|girlfriend is) expecting\b"
        r"(?! (?:rain|snow|a parcel|a delivery|a call|visitors|guests|it|you|him|her|them|too "
        r"much|a lot|\w+ (?:delivery|parcel)|the worst|trouble)\b)",
        r"\bup the duff\b|\bbun in the oven\b|\bwith child\b",
        r"\b(?:baby is due|babys due|due date|baby due|im due|due in (?:jan|feb|mar|apr|may|jun|"
        r"jul|aug|sep|oct|nov|dec)\w*)\b",
        r"\bpositive (?:pregnancy )?test\b|\bpregnancy test (?:was |came back |is )?positive\b",
        r"\b(?:my|our|the|see (?:my|the)) (?:midwife|booking appointment|antenatal|dating scan|"
        r"12 week scan|20 week scan)\b",
        r"\b(?:morning sickness|first trimester|second trimester|third trimester)\b",
        r"\bbeichiog\b",
        r"\b(?:two|2) lines on (?:the|a|my) test\b|\bbaby on the way\b",
        r"\b(?:fi|dwi|wi|bod fi|bo fi|fy mod i)(?: yn| n)? disgwyl$",
        r"\bdisgwyl (?:babi|plentyn|bach|ein|fy|efeilliaid)\b",
        r"\b(?:\d+|un|dau|tri|pedwar|pump|chwech|saith|wyth|naw|deg|deuddeg|\w+) (?:wythnos|mis) "
        r"(?:yn )?(?:beichiog|feichiog)\b",
        r"\b(?:fy|y|n) (?:mydwraig|bydwraig|fydwraig)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.PREGNANCY,
        "pregnancy",
        r"\bat booking\b|\b(?:wifes|partners|girlfriends) \d+ ?(?:weeks|wks)\b",
        r"\b(?:bump|bumps|baby|babys) (?:is )?due\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.PREGNANCY,
        "pregnancy",
        r"\bdue dates? (?:is |s )?in\b|\bperiods? (?:is |s )?late\b(?= .*\b(?:test|positive)\b)",
        r"\b(?:im|i am) \d+ (?:weeks|wks)\b(?! (?:smoke free|quit|off|without|clean|in)\b)",
        r"\bpatches at \d+ weeks\b|\bat \d+ weeks\b(?= .*\b(?:patches|nrt|vape|smoke)\b)",
        r"\bbabi ar y ffordd\b|\bni (?:yn |n )?disgwyl\b(?! (?:glaw|eira|parsel|pecyn|galwad|chi|"
        r"ymwelwyr|am)\b)",
        r"\bsgan \d+ wythnos\b|\bapwyntiad bwcio\b|\bprawf positif\b|\bdwy linell\b",
        r"\b(?:girlfriend|wife|partner) is \d+ weeks\b",
        who=Who.ANY,
        unless=r"\b(?:covid|lft|lateral flow|flu|colleague|sister|friend|module|training|guidance|"
        r"course|guideline)\b",
    ),
    # --- Distress: a gentle "are you safe?" and a person, not the full script --------------------
    *_rules(
        Concern.DISTRESS,
        "distress",
        r"\bcrying in (?:the|my) (?:car|car park|toilets|locker room|staff room)\b",
        r"\b(?:had|having) a (?:big |good |proper )?cry\b(?!.*\b(?:(?:feel|feeling|felt) better|"
        r"(?:im|i am|i feel) (?:ok|okay|fine|alright|better) now|better now|ok now)\b)",
        r"\b(?:feel|feeling) (?:so |really )?empty\b",
        r"\bcrio yn y (?:car|toiled|gwaith)\b(?!.*\b(?:yn iawn|yn ok|yn well) (?:rwan|nawr|erbyn "
        r"hyn)\b)",
        who=Who.SELF,
        negatable=False,
    ),
    *_rules(
        Concern.DISTRESS,
        "distress",
        r"\b(?:cant|cannot|couldnt) stop crying\b",
        r"\b(?:really|just|so|honestly|truly|definitely|properly) not (?:ok|okay|alright|coping)\b",
        r"\b(?:im|i am|i) not (?:ok|okay|coping|alright)$",
        r"\bnot coping\b",
        r"\b(?:falling apart|breaking down|fall apart|at breaking point|at rock bottom|hit rock "
        r"bottom)\b",
        r"\b(?:so|completely|totally|really|just so) overwhelmed\b",
        r"\bhate (?:my life|myself|being alive|living|existing|being me)\b",
        r"\b(?:gwneud|neud|wneud) dim byd (?:dwl|twp|gwirion|stupid)\b",
        r"\b(?:dwi ddim|ddim) (?:yn )?(?:ok|iawn|ymdopi|copio)\b",
        r"\bcant cope$",
        r"\b(?:really|so|properly|seriously|massively) struggling\b",
        r"\b(?:do|doing) (?:something|anything|anythin) (?:stupid|daft|silly|dumb|dwl|twp)\b",
        r"\bcried (?:\w+ ){0,3}(?:whole way|all day|all night|myself to sleep|all the way)\b",
        r"\b(?:in a|in such a) (?:really |very )?(?:bad|dark|low|horrible|awful) place\b",
        r"\b(?:dark|black|horrible|bad) thoughts\b",
        r"\bmeddyliau (?:tywyll|du|drwg)\b",
        r"\bfeel like (?:shit|crap|rubbish|death)\b",
        who=Who.SELF,
        negatable=False,
    ),
    # --- Wordings first met in dev15 (was heldout5) and in an outside probe -------------------
    *_rules(
        Concern.CRISIS,
        "not_safe",
        # "not sure I'll be here next week", "don't think I'll be around much longer", "I won't
        # see 40": not expecting to be alive.
        r"\b(?:not sure|dont think|doubt|dont know if) (?:if )?(?:ill|i will|im going to|im gonna) "
        r"(?:still )?be (?:here|around) (?:next|much longer|for long|by|tomorrow|after)\b",
        r"\b(?:wont|will not|never going to|not going to) see (?:\d{2}\b(?! ?(?:quid|pounds|pence|"
        r"percent|of|back|on))|my \w+ birthday|christmas|next year|the new year|another (?:year|"
        r"birthday))\b",
        who=Who.SELF,
        unless=r"\b(?:holiday|hols|spain|abroad|away|leave|course|training|moving|rota|off work|"
        r"visiting|transfer|new job|secondment|quid|money|back)\b",
    ),
    *_rules(
        Concern.CRISIS,
        "suicidal_thoughts",
        r"\b(?:ad|had) enough of (?:life|living)\b|\b(?:no|lost (?:the|my|all)) will to live\b",
        r"\bidea of (?:being dead|dying|not being here|not waking up) (?:\w+ ){0,2}(?:relief|"
        r"peaceful|nice|appealing|comforting|tempting)\b",
        r"\b(?:easier|better) for (?:everyone|everybody|all of them|them all|the kids|my kids) if "
        r"i (?:just )?(?:ended it|wasnt here|was gone|was dead|died|disappeared)\b",
        who=Who.SELF,
    ),
    *_rules(
        Concern.CRISIS,
        "act_taken",
        r"\btook (?:whatever|everything|all) (?:that )?(?:was |i had )?in (?:the )?(?:bathroom )?"
        r"(?:cabinet|cupboard|drawer|medicine box|first aid box)\b",
        who=Who.SELF,
        negatable=False,
    ),
    *_rules(
        Concern.CRISIS,
        "call_for_help",
        r"^help please (?:im )?not (?:ok|okay|alright)$",
        who=Who.SELF,
        negatable=False,
    ),
    *_rules(
        Concern.CRISIS,
        "not_safe",
        r"\b(?:nearly|almost) did something\b(?= .*\b(?:scare|scares|scared|frightens|alone|"
        r"own)\b)|\b(?:scare|scares|scared|frightens) me\b(?= .*\b(?:nearly|almost) did "
        r"something\b)",
        r"\bddim yn meddwl (?:y )?(?:fedra|galla|alla|gallaf|fydda) i (?:gadw|cadw|yn) (?:yn |n )?"
        r"(?:saff|diogel)\b",
        who=Who.SELF,
        negatable=False,
    ),
    *_rules(
        Concern.CRISIS,
        "plan_or_means",
        r"\bwritten it all down\b(?= .*\b(?:the date|the day|the time)\b)",
        r"\b(?:ive|i have|i ve) got what i need (?:put by|saved|stored|ready|hidden|sorted)\b",
        r"\b(?:gwybod|gwbod|gwbo|gwybod yn union) pa (?:bont|pont|afon|clogwyn|rheilffordd)\b",
        who=Who.SELF,
        negatable=False,
    ),
    *_rules(
        Concern.CRISIS,
        "goodbye",
        r"\btell (?:\w+ ){1,5}i said (?:sorry|goodbye|bye)\b",
        r"\bmean (?:that|it) in every (?:way|sense)\b(?=.*\b(?:last|ever)\b)|\b(?:last|ever)\b"
        r"(?= .*\bmean (?:that|it) in every (?:way|sense)\b)",
        who=Who.SELF,
        negatable=False,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "someone_at_risk",
        r"\b(?:nobody|no one|noone) would (?:notice|care|miss (?:him|her)) if (?:he|she) "
        r"(?:never|didnt|wasnt|stopped)\b",
        r"\b(?:my )?(?:crewmate|crew mate|oppo|work wife|work husband) (?:\w+ ){0,2}(?:is|seems|"
        r"might be|keeps) (?:\w+ ){0,2}(?:suicidal|talking about (?:his|her) (?:gun|shotgun))\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.MEDICAL,
        "collapse_or_fit",
        r"\b(?:keep|kept|keeps|been) (?:blacking out|passing out|fainting)\b",
        r"\beyes (?:rolling|rolled) (?:back|up)\b",
        r"\b(?:ffili|ffaelu|methu) anadlu\b",
        r"\bcur pen (?:ofnadwy|gwaetha)\b(?= .*\b(?:sydyn|erioed)\b)",
        who=Who.ANY,
        unless=r"\b(?:years ago|last year|in the past|used to|when i was|llynedd|patient|pt)\b",
    ),
    *_rules(
        Concern.PREGNANCY,
        "pregnancy",
        r"\bmidwife (?:says|said|told me|wants)\b(?= .*\b(?:baby|babys|bump)\b)",
        r"\b(?:bydwraig|fydwraig|mydwraig) (?:di|wedi) (?:deud|dweud|gweud)\b(?= .*\bbabi\b)",
        who=Who.SELF,
    ),
    # --- Kinds of wording the sixteenth development file (heldout6) showed ---------------------
    # Not being around any more: leaving the service, the shift or the plan for good.
    *_rules(
        Concern.CRISIS,
        "goodbye",
        r"\b(?:wont|will not|shant) be (?:around|here|replying|answering|texting|needing|in "
        r"touch)\b(?= .*\b(?:anymore|any more|after (?:today|tonight|this)|for my|next shift|"
        r"tomorrow|again|much longer)\b)",
        r"\bwont (?:need|be needing) (?:the|this|my|your) (?:quit plan|service|texts|messages|"
        r"number|help)\b(?= .*\b(?:anymore|any more|after|again|around)\b)",
        r"\bdelete my (?:number|details)\b(?= .*\b(?:after tonight|after today|wont|tonight)\b)",
        r"\bnot leaving the job\b(?= .*\bleaving (?:everything|everyone|it all|for good)\b)",
        r"\blast (?:cigarette|cig|fag|smoke|shift) (?:ever|ill ever)\b(?= .*\b(?:not (?:for )?the "
        r"reason|nothing to do with|leaving everything|not leaving|bye|goodbye)\b)",
        r"\bcancel everything\b(?= .*\b(?:done|bye|goodbye)\b)",
        r"\bsaid my goodbyes\b",
        r"\b(?:ffarwel|hwyl fawr) (?:am byth|i bawb)\b",
        who=Who.ANY,
    ),
    # Calling out for someone, now: pleading, not asking about the service.
    *_rules(
        Concern.CRISIS,
        "call_for_help",
        r"^(?:someone|somebody|anyone|anybody) (?:please|plz|pls) (?:talk|speak|help|answer|"
        r"reply)\b",
        r"\bneed someone to stop me\b",
        r"\b(?:anyone|anybody|someone) (?:\w+ ){0,2}urgent\w*\b",
        r"\b(?:need|want|do with) (?:some |a bit of )?help (?:\w+ ){0,2}(?:right now|now)\b"
        r"(?= .*\bnot (?:the |about )?(?:smoking|cravings?|fags?|quitting)\b)",
        r"\bplease (?:call|ring|phone) me\b(?= .*\b(?:not okay|not ok|not alright|scared|cant "
        r"cope|not safe)\b)",
        r"^(?:dw i|dwi|dw) angen (?:rhywun|help)(?: plis| plis)?$",
        r"^angen help plis$|^helpwch(?: fi)?(?: plis)?$|^plis atebwch$",
        r"^rhywun plis (?:ffoniwch|ffonia|atebwch|helpwch)\b",
        who=Who.ANY,
        negatable=False,
    ),
    # An overdose already taken, in as few words as people use.
    *_rules(
        Concern.CRISIS,
        "act_taken",
        r"^(?:i |ive |i have |just )?(?:odd|od d|oded|overdosed)\b(?! (?:on (?:caffeine|coffee|"
        r"sugar|chocolate|netflix|tv)))",
        r"\b(?:i|ive|i have|just) (?:odd|oded|overdosed)\b(?! on (?:caffeine|coffee|sugar|"
        r"chocolate|netflix|tv))",
        r"\bdid it properly this time\b",
        r"\bmade myself swallow\b",
        r"\bswallowed (?:\w+ ){0,3}(?:batteries|battery|pins|razor|razors|blades|glass|bleach)\b"
        r"(?= .*\b(?:see what|on purpose|deliberately|myself|wanted)\b)",
        who=Who.ANY,
    ),
    # Thinking of death as a way out, in other words.
    *_rules(
        Concern.CRISIS,
        "suicidal_thoughts",
        r"\bthoughts of (?:finishing|ending|killing) myself\b",
        r"\b(?:dont|do not) want (?:to )?live (?:more|anymore|any more|no more)\b",
        r"\bhow nice it would be to (?:be dead|not wake up|not be here|die)\b",
        r"\bclocking out for good\b(?= .*\bme\b)",
        r"\b(?:jealous|envious) of (?:\w+ ){0,4}(?:who|that|whove|that have) (?:passed|died|"
        r"gone)\b",
        r"\bwant (?:\w+ ){0,3}(?:to be )?a heart attack so (?:its|it is|it would be) (?:all )?"
        r"over\b",
        r"\bwant to (?:come and )?be with (?:you|her|him|them)\b(?= .*\b(?:mam|mum|dad|nan|gran|"
        r"in heaven|if you can see)\b)",
        r"\bbetter off wi(?:th)? the insurance\b",
        r"\b(?:meddwl|feddwl) am (?:beidio bod|beidio a bod|beidio) yma\b",
        r"\bam orffen y (?:cwbl|cyfan|cwbwl)\b",
        r"\b(?:eiddigeddus|cenfigennus) o(?:r)? (?:\w+ ){0,3}(?:sy n marw|syn marw|fu farw|oedd yn "
        r"marw)\b",
        who=Who.ANY,
    ),
    # Nothing worth staying for, no reason to look after themselves.
    *_rules(
        Concern.CRISIS,
        "hopeless",
        r"\b(?:no|nowt|nothing) (?:\w+ ){0,2}(?:worth|left worth) (?:stopping|staying|sticking|"
        r"stoppin) (?:round|around)\b",
        r"\bno (?:life|future) to (?:save|protect|look after)\b",
        r"\bno reason to look after myself\b",
        r"\bwhy bother (?:saving|looking after|protecting) my (?:lungs|health|life)\b(?= .*\b"
        r"(?:dont want|no point|life)\b)",
        r"\bgiven up on (?:me|myself|life|everything)\b|\bgiven up\b(?= .*\bon me\b)",
        r"\b(?:be di|be dir|beth ydi|beth yw|be ydi) (?:r )?pwynt (?:bellach|mwyach|rwan|nawr)\b",
        r"^dw i n dda i ddim$|^dwin dda i ddim$|\bda i ddim i neb\b",
        r"\bno one (?:would|will|d) notice\b|\bwho d notice\b|\bwhod notice\b",
        who=Who.ANY,
    ),
    # A plan and a means, said plainly.
    *_rules(
        Concern.CRISIS,
        "plan_or_means",
        r"\b(?:go|going|gonna|jump|walk) (?:in |into |off )?the (?:mersey|thames|clyde|tyne|taff|"
        r"severn|wear|humber|canal|docks|river)\b(?= .*\b(?:serious|tonight|after|for good|"
        r"done)\b)",
        r"\bwhich tablets (?:wont|would not|dont) hurt\b",
        r"\b(?:faint|pa faint) o (?:inswlin|insulin|dabledi|tabledi)\b(?= .*\b(?:digon|ddigon)\b)",
        r"\bworked out how (?:much|many) (?:\w+ ){0,2}(?:would be|is|would) enough\b",
        r"\bwrote my (?:note|letter)\b(?= .*\b(?:tonight|after|tomorrow)\b)",
        r"\b(?:note|letters?) (?:is |s )?(?:written|done)\b(?= .*\b(?:tablets|pills|rope|ready|"
        r"waiting)\b)",
        who=Who.ANY,
    ),
    # Self-harm spoken of as a routine.
    *_rules(
        Concern.CRISIS,
        "self_harm",
        r"\bpunish(?:ing|ed)? myself\b(?= .*\b(?:getting worse|every|hurt|cut|burn)\b)",
        r"\b(?:fresh|new) one on my (?:thigh|arm|leg|wrist|stomach)\b",
        r"\bdeeper than (?:usual|last time|before|normal)\b",
        r"\bsh (?:again|eto)\b",
        who=Who.ANY,
    ),
    # Breathing and choking, in everyday words.
    *_rules(
        Concern.MEDICAL,
        "breathing",
        r"\b(?:cant|cannot|can not|alla i ddim|methu) (?:get|cael) (?:any )?(?:air|aer)\b",
        r"\bfighting for (?:breath|air)\b",
        r"\b(?:hes|shes|is|im|theyre|baby is|babys) choking\b(?! (?:back|on (?:my|the) words|on "
        r"(?:all )?(?:this|the|my) (?:paperwork|work|rota|emails|admin)))",
        r"\bsats (?:at|of|are|is|down to|only|reading)? ?[4-8]\d\b(?! (?:years|yrs))",
        who=Who.ANY,
        unless=r"\b(?:years ago|last year|used to|when i was|patient|pt|scenario|training)\b",
    ),
    *_rules(
        Concern.MEDICAL,
        "chest_pain",
        r"\btight(?:ness)? (?:across|in|on) (?:my|his|her) chest\b(?= .*\b(?:still|wont go|"
        r"getting worse|had to stop|arm|jaw|sweating|sweaty)\b)",
        who=Who.ANY,
        unless=r"\b(?:years ago|last year|used to|easing|better|less)\b",
    ),
    *_rules(
        Concern.MEDICAL,
        "collapse_or_fit",
        r"\b(?:gone|went|fallen|fell) (?:down|over) and (?:\w+ ){0,2}(?:shaking|fitting|jerking|"
        r"twitching|not moving)\b",
        who=Who.ANY,
        unless=r"\b(?:years ago|last year|used to|when i was)\b",
    ),
    # Abuse at home, in the shape it takes.
    *_rules(
        Concern.SAFEGUARDING,
        "domestic_abuse",
        r"\b(?:he|she|partner|husband|wife|boyfriend|girlfriend) locked me (?:out|in)\b|"
        r"^locked me (?:out|in)\b",
        r"\bnon ?mol(?:estation)?(?: order)?\b|\brestraining order\b|\bprotection order\b",
        r"\b(?:he|she) (?:isnt|is not|aint) watching me\b",
        r"\b(?:he|she) went through my (?:bag|phone|purse|messages|pockets)\b",
        who=Who.ANY,
        negatable=False,
    ),
    # Someone they work with or know, at risk: hit at home, or hurting themselves.
    *_rules(
        Concern.SAFEGUARDING,
        "someone_at_risk",
        r"\b(?:his|her) (?:wife|husband|partner|boyfriend|girlfriend) (?:hits|hit|beats|punches|"
        r"kicks|hurts|strangled|threatens) (?:him|her)\b",
        r"\b(?:llygad ddu|black eye)\b(?= .*\b(?:gwr|gwraig|partner|husband|wife|boyfriend|"
        r"cariad)\b)",
        r"\b(?:has|got|with) cuts on (?:her|his) (?:arms?|wrists?|legs?)\b",
        who=Who.ANY,
        negatable=False,
    ),
    # A child at risk from an adult.
    *_rules(
        Concern.SAFEGUARDING,
        "child_at_risk",
        r"\b(?:asked|asking|wants|wanted|gofyn) (?:\w+ ){0,2}(?:daughter|son|kid|child|merch|mab|"
        r"plentyn) (?:\w+ ){0,2}(?:for|am) (?:photos|pictures|pics|nudes|lluniau|luniau)\b",
        r"\b(?:older|hyn|hyn) (?:man|dyn|bloke|guy) (?:\w+ ){0,3}(?:messaging|messagio|tecstio|"
        r"texting)\b(?= .*\b(?:meet|cwrdd|cyfarfod)\b)",
        r"\b(?:scared|afraid|frightened|ofn) (?:of )?what (?:my )?(?:partner|he|she|husband|"
        r"boyfriend) (?:will|might|would) do to (?:the |my |our )?(?:baby|kids|children|son|"
        r"daughter)\b",
        r"\bcyffuriau o flaen y (?:babi|plant|plentyn)\b|\bgadael (?:o|hi|nhw) yn y car am oria\b",
        who=Who.ANY,
        negatable=False,
    ),
    # The phone is read by someone else (Welsh).
    *_rules(
        Concern.SAFEGUARDING,
        "phone_monitored",
        r"\b(?:byddwch|bydd|bydda) yn (?:gall|ofalus) (?:be|beth) (?:dach|ych|da) chi n (?:ddeud|"
        r"dweud|ddweud|tecstio|sgwennu)\b",
        r"\bpeidiwch (?:a )?son am ddim byd (?:heblaw|ond)\b",
        r"\b(?:mae|ma) (?:o|e|hi) n (?:sbio|darllen|edrych)\b(?= .*\b(?:tecstio|negeseuon|ffon|"
        r"tecst)\b)",
        who=Who.ANY,
        negatable=False,
    ),
    # Pregnancy in the words of antenatal care.
    *_rules(
        Concern.PREGNANCY,
        "pregnancy",
        r"\b(?:my |the )?midwife (?:says|said|did|told me|wants|reckons)\b(?= .*\b(?:i|im|me|my)\b)",
        r"\bat my booking\b|\bbooking (?:appointment|appt|scan|bloods)\b",
        r"\b(?:im|i am|were|we are|shes|she is|wife is|partner is|lass is|missus is) (?:\w+ )?"
        r"expectin[g]?\b(?! (?:a|an|the|to|it|him|her|them|that|this|some|you|my|any|much|"
        r"more|less|too|delivery|parcel|call|rain|snow|sun|weather|visitors|guests|people)\b)",
        r"\b(?:while|whilst|when youre|when you are|if youre|when im|if im) expecting\b(?! (?:a "
        r"(?:call|delivery|parcel)|to|the|it|that|any)\b)",
        r"\b(?:bump|baby) is \d+ (?:weeks|wks)\b|\b(?:ten|\d+) (?:weeks|wks) gone\b",
        r"\b(?:test was|test is|test came back) (?:a )?(?:faint )?positive\b(?= .*\b(?:period|"
        r"late|pregnan)\b)|\bperiod is \d+ (?:weeks|days) late\b",
        r"\b(?:scan|anomaly scan|dating scan) is (?:next|on|this)\b(?= .*\b(?:still|smok|few|"
        r"cigs|fags)\b)",
        r"\b(?:dwin|dw in|dwi n|rwyn|wi n|win) disgwyl(?: eto| babi)?$",
        r"\b(?:ma n|mae n|man) (?:wejen|nghariad|ngwraig|mhartner|bartner|partner) (?:i )?n "
        r"disgwyl\b",
        who=Who.SELF,
    ),
    # --- Kinds of wording the seventeenth development file (heldout7) showed ---------------------
    *_rules(
        Concern.CRISIS,
        "hopeless",
        r"\bnot the (?:quitting|smoking|job|work|fags|cigs|rota)\b(?= (?:\w+ ){0,3}(?:living|life|"
        r"me|being alive|being here|existing|everything)\b)",
        r"\b(?:run|ran|running) out of reasons\b(?! (?:to|for) (?:quit|quitting|stop|stopping|"
        r"smoke|smoking|not smoking))",
        who=Who.ANY,
    ),
    *_rules(
        Concern.CRISIS,
        "plan_or_means",
        r"\b(?:stock|drugs|meds|medication|insulin|morphine|oramorph|tablets|pills)\b(?= (?:\w+ )"
        r"{0,6}(?:take home|taking home|could take|bring home)\b)(?=.*\b(?:thinking|thought|"
        r"planning|use on)\b)",
        r"\b(?:taking|take|bring|bringing) (?:\w+ ){0,2}home to use on (?:myself|herself|himself|"
        r"themselves)\b",
        r"\b(?:gwbod|gwybod|know|knows) (?:faint|how much|how many)\b(?= (?:\w+ ){0,3}(?:sydd "
        r"angen|syn ddigon|would be enough|it takes|i need|id need|to take)\b)",
        who=Who.ANY,
    ),
    *_rules(
        Concern.CRISIS,
        "act_taken",
        r"^(?:i |ive |just )?overdosed? on\b(?! (?:caffeine|coffee|sugar|chocolate|tea|energy|"
        r"red bull|monster|carbs|sweets|crisps|biscuits|cake|netflix|christmas|love|sun)\b)",
        r"\boverdosed? on my\b(?! (?:coffee|caffeine|chocolate|sugar))",
        who=Who.ANY,
    ),
    *_rules(
        Concern.CRISIS,
        "goodbye",
        r"\bthere (?:wont|will not) be (?:anyone|anybody|no one|nobody) (?:to read|here|left|"
        r"around)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.CRISIS,
        "not_safe",
        r"\bplease (?:dont|do not) leave me (?:alone|on my own)\b|\b(?:dont|do not) leave me "
        r"(?:alone|on my own) (?:right now|now|tonight)\b",
        r"\b(?:struggling|trying|cant|cannot|fighting) to stop myself\b(?! (?:from )?(?:smoking|"
        r"buying|having|lighting|vaping|eating|snacking|going to the shop))",
        r"\b(?:dont|do not) think (?:ill|i will|i ll) (?:make it|be (?:here|around|alive)) "
        r"(?:to|till|until|through|for) (?:my next shift|the morning|tomorrow|next week|the "
        r"weekend)\b",
        r"\blosing control\b(?= .*\b(?:ring|call|help|someone|anyone)\b)",
        r"\bmewn lle (?:drwg|tywyll|ofnadwy|gwael)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.CRISIS,
        "call_for_help",
        r"^please (?:someone|somebody|anyone|anybody) (?:talk|help|answer)\b",
        who=Who.ANY,
        negatable=False,
    ),
    # --- From dev18 (heldout8's misses, read after its one measure) ------------------------------
    *_rules(
        Concern.CRISIS,
        "suicidal_thoughts",
        r"\bdont (?:wna|wnna|wan) be here\b",  # "wna" alone is Welsh ("wna i"): only here
        r"\b(?:hoping|hope|wish|wishing|praying) (?:\w+ ){0,3}(?:car|bus|train|ambulance) (?:\w+ )"
        r"{0,1}(?:crashes|crash|hits me|comes off|goes off|skids)\b",
        r"\b(?:gneud|neud|wneud|gwneud) (?:amdana|amdanaf|amdanai|amdana i) (?:fy )?(?:hun|hunan)\b",
        r"\b(?:wont|will not|dont think ill|not going to|probably wont) (?:\w+ ){0,1}be alive "
        r"(?:for|by|at|to see|next|tomorrow|in)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.CRISIS,
        "suicidal_thoughts",
        r"\bi wish (?:it was|it were|it had been|itd been) me\b",
        who=Who.ANY,
        needs=r"\b(?:died|passed|dead|dying|peacefully|funeral|out of it|better deal)\b",
    ),
    *_rules(
        Concern.CRISIS,
        "plan_or_means",
        r"\b(?:turn|turning|swerve|swerving|steer|steering|drive|driving|yank|yanking) (?:\w+ ){0,2}"
        r"(?:the )?(?:wheel|car) (?:\w+ ){0,1}into (?:\w+ ){0,3}(?:concrete|wall|tree|bridge|lorry|"
        r"barrier|river|oncoming|pillar|bit)\b",
        r"\b(?:picked|chosen|found|scoped out) (?:the|a|my) (?:spot|place|bridge|date)\b(?=.*\b(?:"
        r"die|dead|wheel|concrete|jump|no barrier|end|every morning|every night)\b)",
        who=Who.ANY,
    ),
    *_rules(
        Concern.CRISIS,
        "plan_or_means",
        r"\b(?:mynd|mynd i fynd) i (?:ben|top) (?:y |yr )?(?:maes parcio aml lawr|maes parcio|multi "
        r"storey|bont)\b(?=.*\b(?:heno|ar ol (?:y|fy) shifft|tonight)\b)",
        r"\bgoing (?:up )?to the top (?:floor )?of the (?:multi storey|multistorey|car park)\b(?=.*\b"
        r"(?:tonight|after (?:my|the) shift|for good|one last)\b)",
        who=Who.ANY,
        unless=r"\b(?:park|parking|spaces|space|barcio y car|lle i barcio)\b",
    ),
    *_rules(
        Concern.CRISIS,
        "act_taken",
        r"\b(?:wedi |di )?llyncu (?:nhw|y cwbl|y cyfan|y lot|nhw i gyd|y tabledi|y pils)\b(?=.*\b"
        r"(?:barod|cyn|wedi|di neud|i gyd)\b)|\b(?:barod|di neud e|wedi gwneud e)\b.*\bllyncu "
        r"(?:nhw|y cwbl|y cyfan|y lot)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.CRISIS,
        "self_harm",
        r"\b(?:coping|cope|deal|dealing|managing|get through) (?:\w+ ){0,4}(?:by |is )?cutting\b(?! "
        r"(?:down|back|out|up|it|them|corners|the|my (?:cigs|fags|hours|shifts)))",
        r"\bproper cutting\b|\bcutting (?:again|every night|most nights|like i used to)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.CRISIS,
        "call_for_help",
        r"\bbefore i do (?:something|anything|it)\b",
        r"\b(?:need|want) (?:some )?help with my (?:head|mind|mental health|thoughts)\b",
        r"\bi dont usually do this\b(?=.*\b(?:talk to someone|speak to someone|contact me|call me|"
        r"ring me|need someone|need help)\b)",
        r"\b(?:call|ring|phone|contact) me\b(?=.*\b(?:no dey (?:ok|okay|fine)|not (?:ok|okay) at all)"
        r"\b)|\b(?:no dey (?:ok|okay|fine)|not (?:ok|okay) at all)\b(?=.*\b(?:call|ring|phone|"
        r"contact) me\b)",
        r"\bsiarad (?:efo|gyda|hefo|a) (?:person|rhywun|rywun)\b(?=.*\bpethau (?:yn )?(?:ddrwg|"
        r"wael|ofnadwy)\b)|\bpethau (?:yn )?(?:ddrwg|wael|ofnadwy)\b(?=.*\bsiarad (?:efo|gyda|"
        r"hefo|a) (?:person|rhywun|rywun)\b)",
        who=Who.ANY,
        negatable=False,
    ),
    *_rules(  # Welsh, as the English "I need help please", "I need someone", "please answer"
        Concern.CRISIS,
        "call_for_help",
        r"^(?:dwi |dwi i |dw i |rwyn |rydw i |mae )?angen (?:help|rhywun|rywun|cymorth|person)"
        r"(?: please| rwan| nawr| yn syth)*$",
        r"^(?:dwi |dwi i |dw i )?angen (?:help|rhywun|rywun|cymorth) please\b",
        r"^please (?:atebwch|ateb|atebwch fi|ateb fi)\b|\b(?:atebwch|ateb fi) please\b",
        who=Who.ANY,
        negatable=False,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "domestic_abuse",
        r"\b(?:shell|hell|she will|he will|says (?:shell|hell|she will|he will)|threatens to|"
        r"threatened to) (?:\w+ ){0,9}if i (?:ever )?(?:leave|left|try to leave|go)\b(?! (?:work|"
        r"early|late|the house without))",
        r"\b(?:neith|neiff|wneith|bydd) (?:o|hi|e) (?:yn |n )?(?:lladd|brifo|curo) (?:fi|i)\b"
        r"(?=.*\bos (?:dwi|i) (?:yn )?(?:gadael|gadel|mynd)\b)",
        who=Who.ANY,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "colleague_at_risk",
        r"\b(?:nyrs|cydweithiwr|cydweithwraig|ffrind|hca|meddyg|doctor) (?:\w+ ){0,4}(?:yn )?"
        r"(?:torri|brifo) ei (?:hun|hunan)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.PREGNANCY,
        "pregnancy",
        r"\b(?:twins|triplets|a baby|baby|bump) (?:is |are )?on the way\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.MEDICAL,
        "breathing",
        r"\bfighting for (?:breath|breathe|air|every breath)\b",
        who=Who.ANY,
    ),
    # In pregnancy: a baby not moving, or bleeding, needs the maternity unit now.
    *_rules(
        Concern.MEDICAL,
        "other_medical",
        r"\bbaby (?:hasnt|has not|hasn't|isnt|is not|not|hardly) (?:moved|moving|been moving|kicked|"
        r"kicking)\b",
        r"\b(?:bleeding|cramping|cramps)\b(?=.*\b(?:pregnant|expecting|weeks|baby|bump)\b)",
        r"\b(?:pregnant|expecting|weeks|baby|bump)\b(?=.*\b(?:bleeding|cramping)\b)",
        who=Who.ANY,
        needs=r"\b(?:pregnant|pregnancy|expecting|(?:im|i am) \w+ weeks|\d+ weeks|baby|bump|"
        r"beichiog)\b",
        unless=r"\b(?:gums?|nose|nosebleed|shaving|cut|finger|patient|patients|bay|bed)\b",
    ),
    *_rules(
        Concern.PREGNANCY,
        "pregnancy",
        r"\b\d+ weeks and baby\b|\bbaby (?:hasnt|has not|isnt|is not|not) (?:moved|moving|kicked)\b",
        who=Who.ANY,
    ),
    # --- From dev19 (heldout9's misses, read after its one measure) ------------------------------
    *_rules(
        Concern.CRISIS,
        "call_for_help",
        r"\b(?:do|can|does|will) (?:you|this|u) (?:lot |guys )?(?:deal with|help|help with|support|"
        r"talk to) (?:people|someone|anyone|ppl) (?:who|that) (?:want|wants|feel|feels|are|is) "
        r"(?:to end|like ending|suicidal|to die|to kill|like dying)\b",
        r"\bmayday\b",
        r"\bhelp help\b|\banyone there\b(?=.*\bhelp\b)|\bhelp\b(?=.*\banyone there\b)",
        r"\b(?:somebody|someone|anybody|anyone) (?:please )?talk to me\b",
        r"\bnot coping\b(?=.*\b(?:its serious|it is serious|really serious|urgent)\b)",
        who=Who.ANY,
        negatable=False,
    ),
    *_rules(
        Concern.CRISIS,
        "suicidal_thoughts",
        r"\b(?:the|my) suicidal thoughts (?:come|come back|start|get|are|keep)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.CRISIS,
        "plan_or_means",
        r"\bknow (?:exactly )?how (?:id|i would|i will|ill) do it\b",
        r"\b(?:weedkiller|weed killer|antifreeze|bleach|paraquat|rat poison|insulin|pregabalin|"
        r"morphine) (?:\w+ ){0,5}(?:would|could|will) do it\b",
        r"\benough (?:to )?(?:not|never) (?:wake up|to wake up)\b|\benough to not wake\b",
        r"\bnot (?:planning on|going to be|intending on|planning to be) checking out\b",
        r"\bcheck(?:ed)? (?:that )?(?:nobody|no one|noone) (?:goes|comes|would find|would see|"
        r"walks)\b",
        r"\bif i do it\b(?=.*\b(?:nobody|no one|noone) (?:will|would) (?:expect|miss|notice|look|"
        r"find)\b)",
        r"\bdigon o (?:inswlin|dabledi|tabledi|pils|morffin|paracetamol) (?:\w+ ){0,6}i (?:neud|"
        r"wneud|gwneud) (?:e|o|hi)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.CRISIS,
        "goodbye",
        r"\bnone of (?:it|this) (?:was|is) (?:their|your|his|her|anyones|anybodys) fault\b",
        r"\bmy last everything\b|\blast (?:shift|day) (?:\w+ ){0,4}i mean (?:my )?last\b",
        r"\bwhen (?:they|someone|people|you) find (?:me|my body|my phone)\b(?=.*\b(?:know|see|"
        r"tried|sorry)\b)",
        r"\bnos da am y tro (?:ola|olaf)\b|\bam y tro (?:ola|olaf)\b(?=.*\bfydd dim angen\b)|"
        r"\bfydd dim angen\b(?=.*\bam y tro (?:ola|olaf)\b)",
        who=Who.ANY,
    ),
    *_rules(
        Concern.CRISIS,
        "not_safe",
        r"\bdo something (?:permanent|irreversible|final)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.MEDICAL,
        "breathing",
        r"\b(?:couldnt|could not|cant|cannot) breathe (?:\w+ ){0,8}still (?:bad|the same|there|"
        r"struggling|cant)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.SAFEGUARDING,
        "child_at_risk",
        r"\b(?:baby|babies|kids?|children|toddler|little one|little uns) (?:\w+ ){0,3}(?:always|"
        r"often|constantly|never not) (?:filthy|dirty|hungry|starving|left alone|left on (?:his|her|"
        r"their) own)\b",
        who=Who.ANY,
        unless=r"\b(?:patient|patients|bay|ward|clinic)\b",
    ),
    *_rules(
        Concern.PREGNANCY,
        "pregnancy",
        r"\bsgan (?:\w+ ){0,3}\d+ (?:wsos|wythnos)\b|\b\d+ (?:wsos|wythnos)\b(?=.*\bsgan\b)",
        who=Who.ANY,
    ),
    # --- From the older development files' remaining misses ----------------------------------
    *_rules(
        Concern.CRISIS,
        "hopeless",
        r"\b(?:be|beth) (?:wedi|ydi|yw|ydy|di) (?:yr|r) pwynt (?:bellach|mwyach|rhagor|erbyn hyn)\b",
        r"\b(?:dwi|dwi i|rwyn|rydw i) (?:yn )?(?:dda|da) i (?:ddim|dim)\b",
        r"\bhaeddu gwell na fi\b",
        r"\bno sense (?:to|in) (?:continue|continuing|go on|going on|live|living|carry on)\b",
        r"\bstopped buying (?:anything|things) (?:with a long|that lasts|for the future)\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.CRISIS,
        "suicidal_thoughts",
        r"\b(?:want|wanna) to (?:come and |come |go and )?be with (?:you|him|her|them)\b",
        who=Who.ANY,
        needs=r"\b(?:heaven|if you can see me|can you see me|passed|died|grave|in the ground|"
        r"up there|miss you so much)\b",
    ),
    *_rules(
        Concern.CRISIS,
        "suicidal_thoughts",
        r"\bbetter off (?:\w+ ){0,4}than (?:with|wi|dwi) me\b",
        r"\b(?:easier|better) for (?:everyone|everybody|them all|all of them) if i (?:just )?(?:wasnt|"
        r"was not|werent|wasnt here|disappeared)\b",
        r"\b(?:thinking|think|thought) about (?:it|doing it) (?:for )?myself\b",
        r"\b(?:dallt|deall|understand|get) (?:pam|why) (?:rwan|nawr|now)\b(?!.*\b(?:module|"
        r"training|lecture|course|documentary|article|book|film|programme|podcast)\b)",
        r"\bso (?:its|it is|itd be|it would be|it will be) all over (?:for me|and done|at last)?$",
        who=Who.ANY,
        needs=r"\b(?:jumper|jumpers|overdose|hanging|how its done|ddiwedd ei hun|lladd ei hun|"
        r"killed (?:himself|herself)|took (?:his|her) own life|suicide|hunanladdiad|better off|"
        r"easier for|heart attack|cancer|insurance)\b",
    ),
    *_rules(
        Concern.CRISIS,
        "plan_or_means",
        r"\bcounting (?:out )?(?:\w+ ){0,3}(?:meds|tablets|pills|paracetamol)\b",
        who=Who.ANY,
        needs=r"\b(?:whisky|vodka|wine|bottle|alone|sat here|on my own|gin)\b",
    ),
    *_rules(
        Concern.CRISIS,
        "plan_or_means",
        r"\bwhich (?:tablets|pills|meds) (?:wont|will not|dont|do not) hurt\b",
        r"\b(?:stock|meds|drugs|morphine|insulin) (?:\w+ ){0,5}(?:could|can) take home\b(?=.*\b"
        r"(?:thinking about|been thinking|think about)\b)",
        r"\bnotes? (?:is |are )?written\b(?=.*\b(?:tablets|pills|rope|ready|waiting|kids)\b)",
        r"\bso (?:thats|that is) when\b(?=.*\b(?:got everything ready|everything is ready|all "
        r"ready|everything sorted)\b)(?!.*\b(?:quit|quitting|stop smoking|stopping|patches|"
        r"date)\b)",
        r"\bmynd (?:lan |fyny )?i (?:yr |r )?clogwyni?\b",
        who=Who.ANY,
    ),
    *_rules(
        Concern.CRISIS,
        "goodbye",
        r"\bsaid (?:my )?goodbyes? (?:\w+ ){0,5}without (?:them|anyone|him|her|any of them) "
        r"knowing\b",
        r"\bchecking out early\b(?=.*\b(?:tell|sorry|goodbye|thanks)\b)",
        r"\blast day anyway\b(?=.*\b(?:goodbye|bye|ta ra|tara)\b)",
        r"\bdeleting everything\b(?=.*\b(?:ta ra|tara|bye|goodbye|been nice|thanks|thank you)\b)",
        r"\b(?:written|wrote|left) (?:a|my) note\b(?=.*\b(?:tidy|thank you for|goodbye|sorted "
        r"everything|bye|love you)\b)(?!.*\b(?:staff|handover|shift|ward|colleague|team|fridge|"
        r"day staff|night staff|nurse|doctor)\b)",
        r"\bfydd (?:moi|mo|dim) angen (?:o |e |hi )?arna i\b",
        r"\bwont (?:be )?need(?:ing)? (?:it|them|my phone) (?:any ?more|where im going|after "
        r"tonight)\b",
        r"\b(?:moved|transferred|put|gave|given) (?:all )?(?:of )?my (?:savings|money) (?:\w+ ){0,2}"
        r"(?:into|to) (?:\w+ ){0,2}(?:account|name)\b(?=.*\b(?:deleted|said goodbye|note|"
        r"sorted)\b)",
        who=Who.ANY,
    ),
    # Denying danger while saying it is hard: a gentle check.
    *_rules(
        Concern.DISTRESS,
        "negated_distress",
        r"\bnot in (?:any )?danger\b(?= .*\b(?:just|but|overwhelmed|tired|cried|sad)\b)",
        r"^(?:im )?safe but (?:sad|low|struggling|not ok|not okay|down)\b",
        r"\b(?:not|never) (?:gonna|going to) (?:de|do) (?:owt|anything|out) daft\b",
        r"\bim fine\b(?= .*\b(?:havent eaten|cried|not slept|cant stop crying)\b)",
        who=Who.ANY,
        negatable=False,
    ),
]

# Warning signs: the second net, for wordings no rule above foresaw. Each group is one of the
# published warning signs of suicide (Samaritans, Papyrus, NHS, Zero Suicide Alliance): a means,
# getting ready, last words, feeling a burden, hopelessness, not feeling safe, self-harm, an act
# already done, words for dying. One sign alone is common in everyday talk ("bought paracetamol",
# "bye!", "sorry"); signs from SIGNS_NEEDED different groups in the person's own words (not a
# patient's, not a topic, not negated) are a crisis: when truly unsure, lean towards a person.
# Matched like the rules, on the prepared spelling, clause by clause.
SIGNS_NEEDED = 2
WARNING_SIGNS: dict[str, re.Pattern[str]] = {
    # A means of dying or of serious injury (medicines by name, heights, railways, ligatures).
    "means": re.compile(
        r"\b(?:pills|tablets|tabs|meds|paracetamol|paracetemol|ibuprofen|co codamol|cocodamol|"
        r"codeine|oxycodone|oxy|morphine|oramorph|fentanyl|tramadol|insulin|warfarin|sertraline|"
        r"citalopram|fluoxetine|mirtazapine|amitriptyline|diazepam|zopiclone|propranolol|"
        r"pregabalin|gabapentin|sleeping pills|antifreeze|bleach|rope|noose|ligature|blades?|"
        r"razors?|knife|knives|bridge|cliffs?|beachy head|train|trains|railway|the line|tracks|"
        r"motorway|exhaust|hosepipe|hose pipe|shotgun|gun|car parks?|multi storey|heights|river|"
        r"the mersey|the thames|the tyne|the taff|the sea|the canal|reservoir|quarry|"
        r"the stuff|cd cupboard|cd key|controlled drugs|drugs cupboard|overdose|"
        r"tabledi|rhaff|pont|clogwyn|morffin)\b"
    ),
    # Getting the means or getting ready: buying, saving up, looking up, deciding, a date.
    "prepare": re.compile(
        # Buying, looking up or planning alone is everyday ("bought paracetamol"): only more
        # than anyone needs, from several shops, or how and which, count.
        r"\b(?:stockpil\w*|saving (?:them )?up|saved (?:them )?up|hoard\w*|(?:bought|buying|"
        r"got|collected|collecting) (?:the stuff|enough|extra|loads|lots|a lot|a stash|a load|"
        r"\d+ (?:boxes|packs|packets))|a stash|(?:different|several|\d+|two|three|four) (?:shops|"
        r"chemists|pharmacies)|(?:looked|looking|searched|searching|researched|researching|"
        r"googled|googling) (?:up )?(?:how|which|ways|methods|the best|times)|worked out (?:how|"
        r"when|if|where|which)|(?:have|ive) made up my mind|decided|sorted (?:everything|it all|the "
        r"\w+|my \w+)|everything (?:is )?sorted|everythings sorted|got everything (?:ready|"
        r"sorted)|wrote (?:the |my |a )?(?:letters?|notes?)|written (?:the |my |a )?(?:letters?|"
        r"notes?)|left a note|(?:my|the) will|picking the day|picked (?:a|the) (?:day|date)|"
        r"one way|know exactly|sav(?:e|ing|ed) (?:them|it|\w+) up|(?:take|taking) (?:them |it )?all"
        r" (?:at once|together|in one go)|all at once|the nerve|(?:pluck|build|work) up the "
        r"courage|in my hand|locked myself in|closed my bank|cancelled my|(?:given|gave|giving) "
        r"(?:away )?my (?:cat|dog|pets?|things|stuff)|thinking about (?:that|it) a lot|gweithio "
        r"allan|how much (?:id|i would|to) take|what (?:id|i would) take|how many "
        r"(?:would|does|will) it take|working up to|penderfynu|gwbod yn union|gwbod yn gwmws|"
        r"digon o)\b"
    ),
    # Goodbyes and last words.
    "farewell": re.compile(
        r"\b(?:goodbye|good bye|bye|so long|ta ra|tara|farewell(?! (?:do|party|drinks|card|"
        r"collection|gift|present|lunch|meal|speech))|hwyl fawr|ffarwel|last (?:day|"
        r"night|time|text|message|cigarette|fag|one)|forever|for good|(?:my )?love to (?:you "
        r"all|everyone|my|the)|give my love|tell (?:my|the|them|her|him) \w+|wont be (?:here|"
        r"around|replying|answering|needing|needed)|after tonight|tro ola|tro olaf|rest forever|"
        r"god bless (?:you all|everyone|you)|last \w+ ever|leaving everything|wont be around)\b"
    ),
    # Feeling a burden, apologising, others better off.
    "burden": re.compile(
        # "sorry" on its own is everyday ("so sorry I cant come"): only sorry for everything,
        # or a sorry that ends the clause.
        r"\b(?:(?:im |i am |so |really )*sorry$|sorry for (?:everything|all of it|all this|being|"
        r"all the|what)|(?:im |so )?sorry (?:everyone|to (?:you all|everyone|my))|forgive me|"
        r"burden|better off|deserve better|deserves better|wasnt "
        r"(?:anyones|your|their) fault|not (?:anyones|your) fault|no one would (?:miss|notice|"
        r"care)|sori|baich|well off heb\w*|gwell heb\w*)\b"
    ),
    # Hopelessness: no point, nothing ahead, nothing will change.
    "hopeless": re.compile(
        r"\b(?:no point|whats the point|why bother|nothing to live for|nothing to look forward|"
        r"nothing left|nowt left|nothing worth|dim pwynt|dim byd ar ol)\b"
    ),
    # No future: it will never change or get better.
    "future": re.compile(
        r"\b(?:never (?:going to |gonna )?(?:end|change|get better|be any different)|nothing "
        r"(?:is )?ever going to|nothings ever|nowts ever|no future|nothing will change|nothing is "
        r"going to change|(?:nothing|it) (?:will|is going to) never|dim byd yn mynd i wella|dim "
        r"dyfodol|byth yn gwella)\b"
    ),
    # Feeling trapped: no way out.
    "trapped": re.compile(
        # Not "stuck in traffic" or "no way out of this car park".
        r"\b(?:trapped|(?:feel|feeling|so|completely|totally|just) stuck|stuck in (?:this|my life|"
        r"life|my head)|no way out(?! of (?:the|this|that) (?:traffic|car park|queue|jam|meeting|"
        r"shift|rota|contract|job|lift))|no way through|no escape|cant escape|cant see (?:a|any) "
        r"way|drowning|suffocating|ffordd mas|ffordd allan|yn sownd|dim ffordd)\b"
    ),
    # Giving up: had enough, can't go on, done with it all.
    "giving_up": re.compile(
        r"\b(?:done with (?:it all|everything|life)|im (?:just |so )?done$|had enough|cant go on|"
        r"cant do this anymore|cant keep going|give up on (?:everything|life|it all)|giving up on "
        r"(?:everything|life|it all)|tired of (?:it all|everything|living|fighting|life)|sick of "
        r"(?:it all|everything|life)|this is me done|me done|done with all of it|methu cario|wedi "
        r"cael digon|dwi wedi gorffen)\b"
    ),
    # Alone, with nobody coming or caring.
    "alone": re.compile(
        r"\b(?:no ones coming|no one coming|no one cares|no one would care|no one to talk to|no "
        r"one (?:will|would) notice|no one will find me|(?:all )?alone tonight|on my own tonight|"
        r"ar ben fy hun|neb yn poeni|neb yn malio)\b"
    ),
    # Not feeling safe, or about to lose control.
    "unsafe": re.compile(
        r"\b(?:not safe|unsafe|cant (?:promise|guarantee) (?:ill|i will|i can|i) (?:be|stay|keep)"
        r" safe|make it through (?:tonight|the night)|(?:shouldnt|should not) be (?:alone|on my "
        r"own)|cant take back|cant undo|my head (?:is )?(?:saying|telling)|cant be trusted|cant "
        r"trust myself|safe no|no safe|not really safe|ddim yn saff|ddim yn ddiogel)\b"
    ),
    # Meaning it: a stated intent.
    "intent": re.compile(
        r"\b(?:(?:going to|gonna|planning to|plan to|want to) do it|im serious|serious this time|"
        r"not joking|i mean it|mean it this time|for real this time|this time i will|(?:mynd i|"
        r"am) (?:neud|wneud|gwneud) o)\b"
    ),
    # Self-harm: the act and its marks.
    "harm": re.compile(
        r"\b(?:cutting(?! (?:down|back|it|out|corners|the|a|my (?:hair|nails|fags|cigs)))|"
        r"carved|carving|blades|burn(?:ed|t|ing)? myself|punch(?:ed|ing)? myself|hit(?:ting)? "
        r"myself|scratch(?:ed|ing)? myself|hurt(?:ing)? myself|on myself|hurt(?:ing)? my body|"
        r"(?:so|just so) i (?:can|could) feel something|feel something (?:other|else)|(?:hot )?"
        r"(?:iron|kettle|lighter|cigarette) on my|torri fy hun|brifo fy hun)\b"
    ),
    # The marks of self-harm, and hiding them (long sleeves in summer is a published sign).
    "marks": re.compile(
        r"\b(?:fresh (?:one|cut|cuts)|(?:the|my|new) (?:cuts|marks|scars|scabs|burns)|long "
        r"sleeves|so they dont heal|(?:hide|hiding|cover|covering) (?:the|my|them|it)|pick(?:ing)? "
        r"(?:the|my) scabs|creithiau|marciau)\b"
    ),
    # An act already done: swallowed, how long ago, how much, feeling its effect.
    "done": re.compile(
        r"\b(?:swallowed|necked|downed|getting (?:sleepy|drowsy)|feel(?:ing)? (?:really |so )?"
        r"(?:sleepy|dizzy|drowsy)|(?:mins|minutes|an hour|hours?|hrs?) ago|\d+ boxes|boxes of|"
        r"packets? of|half a bottle|whole (?:box|packet|bottle|strip) of|all my (?:pills|"
        r"tablets|meds))\b"
    ),
    # Soon: a time set ("tonight", "after my last night", "when the kids are at their dads").
    "soon": re.compile(
        r"\b(?:tonight|heno|(?:after|when) (?:my|this|the) (?:last )?(?:shift|night|nights)|"
        r"(?:when|while) (?:hes|shes|the kids are|theyre|hes on|shes on) \w+|this weekend|"
        r"(?:on|this|next) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
        r"(?:dydd|nos) (?:llun|mawrth|mercher|iau|gwener|sadwrn|sul))\b"
    ),
    # Words for dying or not being alive.
    "death": re.compile(
        r"\b(?:die|dying|dead|death|kill|killing|suicide|suicidal|end it|end(?:ing)? my life|not"
        r" wake up|wont wake up|not be here|wont be here|going home to god|all (?:be )?over|topping "
        r"myself|doing myself in|do myself in|marw|lladd|na fydda i yn deffro|peidio deffro|"
        r"diweddu|gorffen y cwbl)\b"
    ),
}
# These count twice when two different phrases of the group are found ("long sleeves in July
# because of the marks"): each is a sign of its own.
TWICE = frozenset({"harm", "marks"})
# "soon" is only a sign beside one of these ("a farewell do tonight" is not).
SOON_WITH = frozenset(
    "prepare unsafe harm marks done death hopeless future trapped giving_up alone intent".split()
)
# The warning sign that names the category when several are found (first in this order).
SIGN_CATEGORY = (
    ("done", "act_taken"),
    ("harm", "self_harm"),
    ("marks", "self_harm"),
    ("prepare", "plan_or_means"),
    ("intent", "plan_or_means"),
    ("means", "plan_or_means"),
    ("farewell", "goodbye"),
    ("unsafe", "not_safe"),
    ("hopeless", "hopeless"),
    ("future", "hopeless"),
    ("trapped", "hopeless"),
    ("giving_up", "hopeless"),
    ("alone", "hopeless"),
    ("burden", "hopeless"),
    ("death", "suicidal_thoughts"),
)
# Saying they are safe while saying they are struggling ("I'm safe, just can't cope"): a gentle
# "are you safe?" and a person, not silence.
SAFETY_DENIED = re.compile(
    r"\b(?:im safe|i am safe|im ok safe|not a cry for help|(?:im )?not at risk|not a crisis|not suicidal|not (?:that|"
    r"like that|that kind of) bad|(?:wouldnt|wont|would never|will never|not going to|not gonna|"
    r"never) (?:do|doing) (?:anything|owt|nothing|aught|anythin)|its not like id|byth yn (?:neud|"
    r"gwneud) dim|dim byd difrifol|dwin saff|dwi yn saff)\b"
)
STRUGGLING = re.compile(
    r"\b(?:low|empty|alone|lonely|overwhelmed|cant cope|cannot cope|burnt out|burned out|crap|"
    r"knackered|fed up|crying|cry|struggling|exhausted|numb|awful|horrible|shit|rubbish|miserable"
    r"|down|sad|broken|lost|hopeless|dark|cried|havent eaten|not eating|drinking on my own|"
    r"wouldnt mind|havent left the house|crio|wedi blino|blinon lan|teimlon crap|unig|isel|"
    r"digalon|ofnadw|codi or gwely)\b"
)

# A medicine named (rules above) counts only with one of these in the message.
MOOD_WORDS = re.compile(
    r"\b(?:low|down(?! (?:from|to) )|depressed|depression|depressing|dark|black|suicidal|suicide|hopeless|numb|"
    r"flat|tearful|crying|cry|cried|weepy|not myself|not feeling myself|not me|agitated|"
    r"aggressive|aggression|angry|rage|raging|irritable|paranoid|paranoia|hallucinat\w*|"
    r"(?<!vivid )(?<!wild )(?<!mad )"
    r"hearing voices|voices|anxious|anxiety|panic|panicky|mood|moods|moody|thoughts|"
    r"weird(?! dreams)|strange(?! dreams)|acting|different person|off my head|ending it|end it all|"
    r"horrible|miserable|sad|upset|emotional|kill myself|die|dying|dead|end it|self harm|"
    r"harm myself|hurt myself|want to die|not right|personality|changed|behaviour|"
    r"isel|iselder|tywyll|meddyliau|crio|digalon|ddigalon|trist|drist|pryderus|gorbryder|blin|"
    r"flin|marw|lladd|snapping|snappy|not like me|short tempered|temper|aflonydd|crac|"
    r"restless|on edge|different person|pacing|not been myself|not been me|hwyliau|withdrawn|"
    r"snapped|ratty|wound up|really down)\b"
)

# After a crisis phrase, these turn it into a figure of speech about smoking ("I'll kill myself
# if I don't get a fag"): still worth a gentle check, not the full crisis script.
FOR_A_SMOKE = re.compile(
    r"^(?:\w+ ){0,1}(?:if|unless|without|for|till|until|before) (?:\w+ ){0,5}" + SMOKING + r"\b"
)

# Idioms taken out of a clause before any rule reads it: they use the words of a crisis but
# everyone who says them means something else ("this rota will be the death of me").
IDIOMS = re.compile(
    r"\b(?:will|gonna|going to|would|is going to|could) be the (?:death|end) of me\b"
    r"|\b(?:kill|shoot) me now (?:lol|haha|lmao)\b|\bdead on my feet\b|\bdead tired\b"
    r"|\b(?:dying|die) (?:for|to have) (?:a|one|my)\b|\b(?:im|i am) dying here\b|\bnearly died laughing\b"
    r"|\bgasping (?:for|fur|fer) (?:a|an|one|my)\b"
    r"|\btook (?:everything|all i had|every ounce) (?:in me )?not to\b"
    r"|\b(?:die|dying|died) in the attempt\b"
    r"|\bnearly killed myself (?:tripping|falling|laughing|running|on|over|getting)\b|\bcant breathe\b(?=.*\b(?:too|so) funny\b)"
    r"|\b(?:nearly|almost) (?:fainted|died|had a heart attack|passed out|collapsed|had a stroke) "
    r"(?:when|at|reading|seeing|because|laughing)\b"
    r"|\bbron i (?:mi|fi) (?:lewygu|llewygu|farw|marw|gael trawiad)\b"
    r"|\b(?:trust myself|trystio fy hun|safe|saff) (?:near|ger|around|by|in) (?:the |a |y )?"
    r"(?:garage|shop|siop|tesco|tesco express|co op|spar|offy|offie|supermarket|corner shop|"
    r"petrol station)\b"
)

# Crisis words followed by one of these are a topic, not a person's own risk ("suicide
# prevention module", "self harm training", "overdose in resus").
TOPIC_AFTER = re.compile(
    r"^(?:(?:in|during) (?:the |a )?role ?play|intervention|roleplays?|fittings?|in (?:young people|children|adults|teenagers|"
    r"older people|the elderly)|prevention|awareness|training|trainings|module|modules|course|courses|elearning|"
    r"e learning|risk|risks|assessment|assessments|policy|policies|team|teams|service|services|"
    r"screening|lead|leads|referral|referrals|statistics|stats|rates?|research|study|studies|"
    r"audit|webinar|lecture|talk|talks|champion|champions|level|procedure|protocol|patients?|"
    r"ward|unit|clinic|nurse|nurses|liaison|cases?|review|reviews|watch|obs|observations|"
    r"pathway|line|lines|helpline|leaflets?|posters?|awareness (?:week|day|month)|charity|fundraiser|"
    r"fundraising|walk|run|documentary|film|book|storyline|plot|episode|survivor|survivors|"
    r"bereavement|support group|"
    r"simulation|sim|teaching|session|update|updates|mandatory|competency|competencies|plan "
    r"for|care plan|scenario|scenarios|"
    r"patient|admission|admissions|bay|bed|cubicle|hyfforddiant|atal|ymwybyddiaeth|modiwl|"
    r"cwrs|tim|gwasanaeth|women|woman|ladies|mums|mothers|smokers|victims?|disclosures?|idva|"
    r"marac|lady|point|points|history|station|osce|exam|scenario|presentation|guideline|guidance|"
    r"screen|tool|tools|prevention|doses|dose|drill|drills|kit|kits|box|boxes|protocol|checks|"
    r"check|in prison|documentary|on the news)\b"
)
# ...or preceded by one of these ("my safeguarding level 3", "the suicide risk", "ESR").
TOPIC_BEFORE = re.compile(
    r"\b(?:esr|zero|sesiwn|mandatory|training on|training in|teaching on|module on|course on|talk on|"
    r"lecture on|webinar on|session on|study day on|leaflet on|poster on|policy on|"
    r"awareness of|the patients?|a patients?|patients|pts?|hyfforddiant|modiwl|cwrs|osce|revision|"
    r"exam|prep|guideline on|guidance on|nice guideline on|reading about|read about|article on|"
    r"paper on|essay on|teaching about|learning about|training about|module about|section on|"
    r"hours on|training covered|module says|in the news|news about|read about|refresher|asist|"
    r"modiwl gorfodol ar|cwrs asist|ar atal|ar ymyrraeth|teaching new starters|fitted the|"
    r"learn(?:ed|t|ing)? (?:\w+ ){0,2}about|podcast (?:about|on)|story about|storyline about|"
    r"series about|episode about|rhaglen am|rhaglen ar|"
    r"asking directly about|asking about|talked (?:a |him |her |them |someone )?\w* ?down|"
    r"teaching (?:\w+ ){0,3}(?:about|on)|"
    r"reflection on|audit of|documentary about|documentary on|film about|programme about|"
    r"in the paper|on the telly|revising|revise|teaching|taught|role play|roleplay|practised|"
    r"practiced|practising|practicing|asesiad|asesiad risg|risg)"
    r"(?: \w+){0,2}$"
)

# Who the words are about. Scanning back from the words to the nearest of these.
FIRST_PERSON = frozenset(
    "i im ive id ill me myself mine dwi fi mi innau finnau rwyf dwin wi".split()
)
WE = frozenset("we weve were us our ourselves ni".split())
PATIENT = frozenset(
    """patient patients pt pts resident residents client clients gentleman gent lady ladies
    man woman elderly admission admissions casualty casualties claf glaf chlaf nghlaf cleifion
    user users
    neonate""".split()
)
# People the person knows: their risk is "someone at risk", even when they work together.
CLOSE = frozenset(
    """colleague colleagues friend friends mate mates bestie sister brother mum mam dad mother
    father son daughter husband wife partner boyfriend girlfriend nan nana gran grandad grandma
    granny uncle aunt auntie cousin neighbour flatmate housemate coworker coworkers niece nephew
    grandson granddaughter stepdad stepmum ffrind chwaer brawd mab merch gwr gwraig mam-gu
    nain taid tad cydweithiwr cydweithwraig cariad student hca nurse doctor porter paramedic
    midwife cousin""".split()
)
# Other people, not named: at work, most likely a patient or a member of the public.
OTHERS = CLOSE | frozenset(
    """he hes him his she shes her hers they theyre them their someone somebody anyone guy chap
    bloke girl boy kid kids child children students people everyone manager boss hcas mamau famau
    e o hi nhw fe""".split()
)
# Things that "kill" or "finish" people only in figures of speech ("the cravings are killing
# me", "the Wi-Fi has collapsed", "phone about to die").
THINGS = frozenset(
    """craving cravings withdrawal withdrawals nicotine cigarette cigarettes smoking quitting
    stopping rota rotas shift shifts spreadsheet printer wifi wi fi internet phone battery
    laptop computer job work nights traffic commute meeting meetings exam exams cold flu bug virus
    cough hangover
    assignment essay deadline paperwork email emails kids chwant ffon shifft gwaith""".split()
)
# "she keeps saying ...": what follows is someone else's words.
SPEECH = frozenset(
    """said says saying say told tells telling shouting shouted screaming screamed yelling
    yelled asked asking asks kept keeps threatening threatened wrote texted messaged
    mentioned disclosed admitted reported quote quoting claims claimed dweud ddwedodd""".split()
)
# Words of NHS work: with no one named, crisis words beside these are about work.
CLINICAL = frozenset(
    """patient patients pt pts bay bays ward wards resus ae ed majors minors triage
    icu itu hdu ccu theatre theatres admitted admission admissions ambulance ambulances crew
    paramedic paramedics handover obs doa arrest arrests crash cubicle cubicles clinic
    clinics gp consultant reg registrar sho fy1 fy2 f1 f2 resident residents client clients
    stemi rosc cath als recert algorithm algorithms adran hems intubated
    caseload case cases discharge discharged epipen glaf ffp3 masks mask nac drip clinig visit visits referral referrals esr module training
    elearning mandatory course lecture tox toxbase naloxone cpr defib rrt adrenaline ecg sats iv nebs bloods troponin trop cannula bleep victim idva
    marac disclosed disclosure desatting desat niv datix trauma ttos tto claf chlaf nghlaf
    cleifion wardiau""".split()
)
# Work talk that is about someone else or a lesson (a patient, a child in resus, a training
# module): the example net is not asked about such a message, the rules alone read it. Work talk
# without these ("tell the ward manager I'm sorry", "my mate on the ward") is the person's own.
NOT_OWN_AT_WORK = PATIENT | frozenset(
    """bed beds bay bays resus cubicle cubicles paeds toddler baby babies child children kid kids
    boy girl training module modules course courses esr elearning lecture mandatory toxbase tox
    datix incident admitted admission obs hyfforddiant modiwl cwrs gwely""".split()
)
# A negation just before the words: up to three of these between it and them.
NEGATORS = frozenset(
    "not never no dont wont wouldnt couldnt isnt arent wasnt didnt nothing nor neither ddim "
    "dim byth".split()
)
NEGATION_SCOPE = frozenset(
    """going to be a actually really feeling feel that planning plan plans want wanting
    trying try about thinking of do anything i im would will ever have got any even
    intend intending intention gonna been am the at all in yn n eisiau am ever""".split()
)
# "not sure I want to live" is not a negation of "want to live": these after "not" keep it.
UNSURE = frozenset("sure know certain think".split())

__all__ = [
    "CLINICAL",
    "CLOSE",
    "FIRST_PERSON",
    "FOR_A_SMOKE",
    "IDIOMS",
    "MOOD_WORDS",
    "NEGATION_SCOPE",
    "NEGATORS",
    "OTHERS",
    "PATIENT",
    "RULES",
    "SAFETY_DENIED",
    "SIGNS_NEEDED",
    "SIGN_CATEGORY",
    "SOON_WITH",
    "SPEECH",
    "STRUGGLING",
    "THINGS",
    "TOPIC_AFTER",
    "TOPIC_BEFORE",
    "TWICE",
    "UNSURE",
    "WARNING_SIGNS",
    "WE",
    "Concern",
    "Rule",
    "Who",
]
