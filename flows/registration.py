"""Registration: welcome, consent, eligibility, the profile questions and the quit date.

    NEW -> CONSENT -> AGE -> NHS_STAFF -> SMOKES -> CLOZAPINE -> ROLE -> EMPLOYER -> POSTCODE
        -> GENDER -> WORK_PATTERN (-> ROSTER <-> CONFIRM_ROSTER, for shift workers)
        -> CIGARETTES -> FIRST_CIGARETTE -> PAST_ATTEMPTS
        -> MOTIVATION -> QUIT_AID -> QUIT_DATE <-> CONFIRM_QUIT_DATE -> PREPARING
    CONSENT --no--> DECLINED;  AGE/NHS_STAFF/SMOKES/CLOZAPINE --ineligible--> INELIGIBLE

Pure: `answer` reads one reply for the current stage; `ask` says the current question again.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from flows import answers, shifts
from flows.effects import ForgetPersonalData, Reply
from flows.model import (
    Conversation,
    FirstCigarette,
    Gender,
    IneligibleReason,
    Profile,
    QuitAid,
    Stage,
    WorkPattern,
)
from flows.nation import stop_smoking_service
from flows.outcome import Answered, NotUnderstood, Outcome, scale_not_understood
from flows.programme import SHORT_NOTICE_DAYS
from flows.quit_date import DateProblem, read_quit_date
from flows.text import READ_LIMIT, words
from messages import catalog as m

MAX_DAYS_TO_QUIT_DATE = 14
FREE_TEXT_LIMIT = 80


_PROFILE_ORDER = (
    Stage.ROLE,
    Stage.EMPLOYER,
    Stage.POSTCODE,
    Stage.GENDER,
    Stage.WORK_PATTERN,
    Stage.CIGARETTES,
    Stage.FIRST_CIGARETTE,
    Stage.PAST_ATTEMPTS,
    Stage.MOTIVATION,
    Stage.QUIT_AID,
    Stage.QUIT_DATE,
)
_QUESTIONS = {
    Stage.CONSENT: m.CONSENT,
    Stage.AGE: m.ASK_AGE,
    Stage.NHS_STAFF: m.ASK_NHS_STAFF,
    Stage.SMOKES: m.ASK_SMOKES,
    Stage.CLOZAPINE: m.ASK_CLOZAPINE,
    Stage.ROLE: m.ASK_ROLE,
    Stage.EMPLOYER: m.ASK_EMPLOYER,
    Stage.POSTCODE: m.ASK_POSTCODE,
    Stage.GENDER: m.ASK_GENDER,
    Stage.WORK_PATTERN: m.ASK_WORK_PATTERN,
    Stage.ROSTER: m.ASK_ROSTER,
    Stage.CONFIRM_ROSTER: m.ASK_ROSTER,  # (with nothing to read back)
    Stage.CIGARETTES: m.ASK_CIGARETTES,
    Stage.FIRST_CIGARETTE: m.ASK_FIRST_CIGARETTE,
    Stage.PAST_ATTEMPTS: m.ASK_PAST_ATTEMPTS,
    Stage.MOTIVATION: m.ASK_MOTIVATION,
    Stage.QUIT_AID: m.ASK_QUIT_AID,
    Stage.QUIT_DATE: m.ASK_QUIT_DATE,
    Stage.DECLINED: m.DECLINED_AGAIN,
    Stage.INELIGIBLE: m.INELIGIBLE_AGAIN,
}
_INELIGIBLE_REPLY = {
    IneligibleReason.UNDER_18: m.INELIGIBLE_UNDER_18,
    IneligibleReason.NOT_NHS_STAFF: m.INELIGIBLE_NOT_NHS,
    IneligibleReason.DOES_NOT_SMOKE: m.INELIGIBLE_NOT_SMOKING,
    IneligibleReason.CLOZAPINE: m.INELIGIBLE_CLOZAPINE,
}
_GENDERS = {
    "woman": Gender.WOMAN,
    "female": Gender.WOMAN,
    "f": Gender.WOMAN,
    "w": Gender.WOMAN,
    "menyw": Gender.WOMAN,
    "benyw": Gender.WOMAN,
    "lady": Gender.WOMAN,
    "man": Gender.MAN,
    "male": Gender.MAN,
    "m": Gender.MAN,
    "dyn": Gender.MAN,
    "gwryw": Gender.MAN,
    "another way": Gender.ANOTHER_WAY,
    "another": Gender.ANOTHER_WAY,
    "other": Gender.ANOTHER_WAY,
    "non binary": Gender.ANOTHER_WAY,
    "nonbinary": Gender.ANOTHER_WAY,
    "enby": Gender.ANOTHER_WAY,
    "arall": Gender.ANOTHER_WAY,
    "prefer not to say": Gender.PREFER_NOT_TO_SAY,
    "rather not say": Gender.PREFER_NOT_TO_SAY,
}
_PATTERNS = {
    "days": WorkPattern.DAYS,
    "day": WorkPattern.DAYS,
    "earlies": WorkPattern.DAYS,
    "lates": WorkPattern.DAYS,
    "dyddiau": WorkPattern.DAYS,
    "nights": WorkPattern.NIGHTS,
    "night": WorkPattern.NIGHTS,
    "nos": WorkPattern.NIGHTS,
    "nosweithiau": WorkPattern.NIGHTS,
    "days and nights": WorkPattern.ROTATING,
    "rotating": WorkPattern.ROTATING,
    "rota": WorkPattern.ROTATING,
    "both": WorkPattern.ROTATING,
    "mix": WorkPattern.ROTATING,
    "mixed": WorkPattern.ROTATING,
    "long days": WorkPattern.LONG_DAYS,
    "long": WorkPattern.LONG_DAYS,
    "office hours": WorkPattern.OFFICE_HOURS,
    "office": WorkPattern.OFFICE_HOURS,
    "9 to 5": WorkPattern.OFFICE_HOURS,
    "other": WorkPattern.OTHER,
    "arall": WorkPattern.OTHER,
}
_FIRST = {
    "within 5": FirstCigarette.WITHIN_5,
    "straight away": FirstCigarette.WITHIN_5,
    "straightaway": FirstCigarette.WITHIN_5,
    "immediately": FirstCigarette.WITHIN_5,
    "hour": FirstCigarette.AFTER_60,
    "after an hour": FirstCigarette.AFTER_60,
}
_AIDS = {
    "nrt": QuitAid.NRT,
    "patch": QuitAid.NRT,
    "patches": QuitAid.NRT,
    "gum": QuitAid.NRT,
    "lozenge": QuitAid.NRT,
    "lozenges": QuitAid.NRT,
    "spray": QuitAid.NRT,
    "inhalator": QuitAid.NRT,
    "varenicline": QuitAid.VARENICLINE,
    "champix": QuitAid.VARENICLINE,
    "cytisine": QuitAid.VARENICLINE,  # the other stop smoking tablet: the same care applies
    "tablets": QuitAid.VARENICLINE,
    "tablet": QuitAid.VARENICLINE,
    "pills": QuitAid.VARENICLINE,
    "vape": QuitAid.VAPE,
    "vaping": QuitAid.VAPE,
    "ecig": QuitAid.VAPE,
    "e cig": QuitAid.VAPE,
    "fep": QuitAid.VAPE,
    "not sure": QuitAid.NOT_SURE,
    "unsure": QuitAid.NOT_SURE,
    "dunno": QuitAid.NOT_SURE,
    "don't know": QuitAid.NOT_SURE,
    "ddim yn siwr": QuitAid.NOT_SURE,
    "nothing": QuitAid.NONE,
    "none": QuitAid.NONE,
    "cold turkey": QuitAid.NONE,
    "willpower": QuitAid.NONE,
    "dim byd": QuitAid.NONE,
}
_AID_REPLY = {
    QuitAid.NRT: m.AID_NRT,
    QuitAid.VARENICLINE: m.AID_VARENICLINE,
    QuitAid.VAPE: m.AID_VAPE,
    QuitAid.NOT_SURE: m.AID_NOT_SURE,
}
# A person in one of these stages may never have said yes to consent ...
BEFORE_CONSENT = frozenset({Stage.NEW, Stage.CONSENT, Stage.DECLINED})
# ... unless they were once asked their age: the first question after a yes, and only then
# (START after being found ineligible brings a person back to the consent question).
FIRST_AFTER_CONSENT = m.ASK_AGE
_POSTCODE = re.compile(r"^([a-z]{1,2}\d[a-z\d]?) ?(\d[a-z]{2})$")


def start(conversation: Conversation) -> Answered:
    """A first message, or START after declining: welcome and ask for consent."""
    fresh = Conversation(
        stage=Stage.CONSENT,
        locale=conversation.locale,
        timezone=conversation.timezone,
        opted_out=False,
        advisor_requested=conversation.advisor_requested,
        owner=conversation.owner,  # a request for a person made before this stays in the queue
    )
    return Answered(fresh, (Reply(m.WELCOME), Reply(m.CONSENT)))


def ask(conversation: Conversation) -> tuple[Reply, ...]:
    """The current question, asked again (after HELP, START or a language switch)."""
    stage = conversation.stage
    if stage is Stage.NEW:
        return (Reply(m.WELCOME), Reply(m.CONSENT))
    if stage is Stage.CONFIRM_ROSTER and conversation.proposed_roster is not None:
        return (shifts.confirm_question(conversation.proposed_roster),)
    if stage is Stage.CONFIRM_QUIT_DATE and conversation.proposed_quit_date:
        return (Reply(m.CONFIRM_QUIT_DATE, {"date": conversation.proposed_quit_date}),)
    if stage is Stage.PREPARING and conversation.quit_date:
        return (Reply(m.PREPARING, {"date": conversation.quit_date}),)
    question = _QUESTIONS.get(stage)
    return (Reply(question),) if question else ()


def answer(conversation: Conversation, text: str, *, today: date) -> Outcome:
    """Read `text` as the answer to the current stage's question."""
    stage = conversation.stage
    profile = conversation.profile
    match stage:
        case Stage.NEW:
            return start(conversation)
        case Stage.CONSENT:
            return _consent(conversation, text)
        case Stage.AGE:
            age = answers.number(text, units=answers.AGE_WORDS)
            if age is None or not 12 <= age <= 100:
                return NotUnderstood((Reply(m.AGE_REASK),))
            profile = replace(profile, age=age)
            if age < 18:
                return _ineligible(conversation, profile, IneligibleReason.UNDER_18)
            return _advance(conversation, profile, Stage.NHS_STAFF)
        case Stage.NHS_STAFF | Stage.SMOKES | Stage.CLOZAPINE:
            return _eligibility(conversation, text)
        case Stage.ROLE | Stage.EMPLOYER:
            return _free_text(conversation, text)
        case Stage.POSTCODE:
            return _postcode(conversation, text)
        case Stage.GENDER:
            return _choice(conversation, text, list(Gender), _GENDERS, "gender")
        case Stage.WORK_PATTERN:
            return _work_pattern(conversation, text)
        case Stage.ROSTER:
            if answers.is_skip(text):
                return _advance(conversation, profile, Stage.CIGARETTES)
            reading = shifts.answer_roster(conversation, text, today=today)
            if isinstance(reading, Answered):
                moved = replace(reading.conversation, stage=Stage.CONFIRM_ROSTER)
                return Answered(moved, reading.effects)
            return reading
        case Stage.CONFIRM_ROSTER:
            return _confirm_roster(conversation, text, today=today)
        case Stage.CIGARETTES:
            return _count(conversation, text, "cigarettes_per_day", 0, 100)
        case Stage.FIRST_CIGARETTE:
            return _first_cigarette(conversation, text)
        case Stage.PAST_ATTEMPTS:
            return _count(conversation, text, "past_attempts", 0, 50)
        case Stage.MOTIVATION:
            return _motivation(conversation, text)
        case Stage.QUIT_AID:
            asked = _quit_aid(conversation, text)
            day_off = shifts.next_day_off(conversation.roster, today=today)
            if isinstance(asked, Answered) and day_off is not None:
                # The roster is known: suggest their next day off as the quit date.
                suggest = Reply(m.ASK_QUIT_DATE_DAY_OFF, {"date": day_off})
                kept = tuple(e for e in asked.effects if e != Reply(m.ASK_QUIT_DATE))
                return Answered(asked.conversation, (*kept, suggest))
            return asked
        case Stage.QUIT_DATE:
            return _quit_date(conversation, text, today=today)
        case Stage.CONFIRM_QUIT_DATE:
            return _confirm_quit_date(conversation, text, today=today)
        case Stage.DECLINED | Stage.INELIGIBLE | Stage.PREPARING:
            return Answered(conversation, ask(conversation))
    raise AssertionError(f"unhandled stage {stage}")  # pragma: no cover


def _set(profile: Profile, field_name: str, value: object) -> Profile:
    changes: dict[str, Any] = {field_name: value}
    return replace(profile, **changes)


def _next_profile_stage(stage: Stage) -> Stage:
    return _PROFILE_ORDER[_PROFILE_ORDER.index(stage) + 1]


def _advance(
    conversation: Conversation,
    profile: Profile,
    stage: Stage,
    before: tuple[Reply, ...] = (),
) -> Answered:
    moved = replace(conversation, profile=profile, stage=stage, misunderstood=0)
    return Answered(moved, (*before, *ask(moved)))


def _consent(conversation: Conversation, text: str) -> Outcome:
    agreed = answers.yes_or_no(text)
    if agreed is None:
        return NotUnderstood((Reply(m.CONSENT_REASK),))
    if agreed:
        return _advance(conversation, conversation.profile, Stage.AGE)
    declined = Conversation(
        stage=Stage.DECLINED, locale=conversation.locale, timezone=conversation.timezone
    )
    service = stop_smoking_service(conversation)
    return Answered(declined, (ForgetPersonalData(), Reply(m.DECLINED, {"service": service})))


def _ineligible(
    conversation: Conversation, profile: Profile, reason: IneligibleReason
) -> Answered:
    ended = replace(
        conversation,
        profile=profile,
        stage=Stage.INELIGIBLE,
        ineligible_reason=reason,
        misunderstood=0,
    )
    service = stop_smoking_service(ended)
    return Answered(ended, (Reply(_INELIGIBLE_REPLY[reason], {"service": service}),))


def _eligibility(conversation: Conversation, text: str) -> Outcome:
    said = answers.yes_or_no(text)
    if said is None:
        return NotUnderstood((Reply(m.YES_NO_REASK),))
    profile = conversation.profile
    match conversation.stage:
        case Stage.NHS_STAFF:
            profile = replace(profile, nhs_staff=said)
            if not said:
                return _ineligible(conversation, profile, IneligibleReason.NOT_NHS_STAFF)
            return _advance(conversation, profile, Stage.SMOKES)
        case Stage.SMOKES:
            profile = replace(profile, smokes=said)
            if not said:
                return _ineligible(conversation, profile, IneligibleReason.DOES_NOT_SMOKE)
            return _advance(conversation, profile, Stage.CLOZAPINE)
        case _:
            profile = replace(profile, clozapine=said)
            if said:
                return _ineligible(conversation, profile, IneligibleReason.CLOZAPINE)
            return _advance(conversation, profile, Stage.ROLE, (Reply(m.ELIGIBLE),))


def _free_text(conversation: Conversation, text: str) -> Outcome:
    field_name = "role" if conversation.stage is Stage.ROLE else "employer"
    if answers.is_skip(text):
        value = None
    else:
        value = " ".join(text[:READ_LIMIT].split())[:FREE_TEXT_LIMIT] or None
        if value is None or not words(value):
            return NotUnderstood(())
        if field_name == "role" and _not_a_job_title(text):
            return NotUnderstood((Reply(m.ROLE_REASK),))
    profile = _set(conversation.profile, field_name, value)
    return _advance(conversation, profile, _next_profile_stage(conversation.stage))


ROLE_MAX_WORDS = 8  # "band 5 staff nurse on the acute medical unit" is about as long as a job gets


# Not a job: a question back, a refusal, a yes or no, a number, a postcode or a phone number.
_NOT_A_JOB = re.compile(
    r"\?\s*$|^\W*(?:why|what|who|how|idk|dunno|dont know|don'?t know|not telling|none of your|"
    r"mind your|rather not|prefer not|pass|ddim isio|dim isio|pam)\b|^[\d\s+()-]+$",
    re.IGNORECASE,
)


def _not_a_job_title(text: str) -> bool:
    """A sentence or two rather than a job ("can't even think about work right now, it's all
    too much"), or something else that is not one ("why do you need that?", "not telling you",
    "yes", "07700 900123", "CF10 3AT"): not stored as the person's role, asked again.
    Something the safety screen did not catch must not end up in a field read as a job."""
    tidy = " ".join(text.split())
    if (
        _NOT_A_JOB.search(tidy)
        or answers.yes_or_no(tidy) is not None
        or _POSTCODE.match(tidy.lower())
    ):
        return True
    found = words(text)
    sentences = [s for s in re.split(r"[.!?]+(?:\s|$)", text.strip()) if words(s)]
    # Two sentences, however short, are asked again too ("Dr. on nights" then gets "Just your
    # job title is fine"): a short miss of the screen must not be kept as a job.
    return len(found) > ROLE_MAX_WORDS or len(sentences) > 1


def _postcode(conversation: Conversation, text: str) -> Outcome:
    if answers.is_skip(text):
        postcode = None
    else:
        found = _POSTCODE.match(" ".join(text.lower().split())[:12])
        if not found:
            return NotUnderstood((Reply(m.POSTCODE_REASK),))
        postcode = f"{found[1]} {found[2]}".upper()
    profile = replace(conversation.profile, postcode=postcode)
    return _advance(conversation, profile, Stage.GENDER)


def _choice(
    conversation: Conversation,
    text: str,
    options: list[Gender] | list[WorkPattern],
    synonyms: dict[str, Gender] | dict[str, WorkPattern],
    field_name: str,
) -> Outcome:
    if answers.is_skip(text):
        picked: object = None
    else:
        picked = answers.choice(text, options, synonyms)
        if picked is None:
            return _choice_reask(conversation)
    profile = _set(conversation.profile, field_name, picked)
    return _advance(conversation, profile, _next_profile_stage(conversation.stage))


def _choice_reask(conversation: Conversation) -> NotUnderstood:
    """ "Please reply with one of the numbers", with the question's own choices as buttons."""
    question = _QUESTIONS[conversation.stage]
    return NotUnderstood((Reply(m.CHOICE_REASK, choices=question.choices),))


def _work_pattern(conversation: Conversation, text: str) -> Outcome:
    """The broad pattern; shift workers are then asked for their shifts."""
    picked = _choice(conversation, text, list(WorkPattern), _PATTERNS, "work_pattern")
    if not isinstance(picked, Answered):
        return picked
    profile = picked.conversation.profile
    if profile.work_pattern in shifts.ASK_ABOUT_SHIFTS:
        return _advance(conversation, profile, Stage.ROSTER)
    if profile.work_pattern is WorkPattern.OFFICE_HOURS:
        conversation = replace(conversation, roster=shifts.OFFICE_HOURS)
    return _advance(conversation, profile, Stage.CIGARETTES)


def _confirm_roster(conversation: Conversation, text: str, *, today: date) -> Outcome:
    said = shifts.answer_confirm(conversation, text, today=today)
    if isinstance(said, Answered | NotUnderstood):
        return said
    if not said or conversation.proposed_roster is None:
        again = replace(conversation, stage=Stage.ROSTER, proposed_roster=None, misunderstood=0)
        return Answered(again, (Reply(m.ROSTER_AGAIN),))
    kept = replace(conversation, roster=conversation.proposed_roster, proposed_roster=None)
    return _advance(kept, kept.profile, Stage.CIGARETTES, (Reply(m.ROSTER_SAVED),))


def _count(conversation: Conversation, text: str, field_name: str, low: int, high: int) -> Outcome:
    if answers.is_skip(text):
        value = None
    else:
        value = answers.number(text)
        if value is None or not low <= value <= high:
            return NotUnderstood((Reply(m.NUMBER_REASK),))
    profile = _set(conversation.profile, field_name, value)
    return _advance(conversation, profile, _next_profile_stage(conversation.stage))


# "from 1 (a bit) to 5 (very much)": the labels, and what people say for them.
MOTIVATION_LABELS = {
    "a bit": 1,
    "a little": 1,
    "not much": 1,
    "ychydig": 1,
    "very much": 5,
    "so much": 5,
    "a lot": 5,
    "loads": 5,
    "desperately": 5,
    "yn fawr iawn": 5,
    "fawr iawn": 5,
    "llawer": 5,
}


def _motivation(conversation: Conversation, text: str) -> Outcome:
    value = None if answers.is_skip(text) else answers.scale(text, 1, 5, MOTIVATION_LABELS)
    if value is None and not answers.is_skip(text):
        return scale_not_understood(1, 5)
    profile = _set(conversation.profile, "motivation", value)
    return _advance(conversation, profile, _next_profile_stage(conversation.stage))


def _first_cigarette(conversation: Conversation, text: str) -> Outcome:
    picked: FirstCigarette | None = None
    if not answers.is_skip(text):
        tidy = words(text)
        minutes = answers.number(text)
        if minutes is not None and any(w.startswith(("min", "munud")) for w in tidy):
            picked = _minutes_to_band(minutes)
        elif minutes is not None and any(w.startswith(("hour", "hr", "awr")) for w in tidy):
            picked = _minutes_to_band(60 * minutes + 1)
        else:
            picked = answers.choice(text, list(FirstCigarette), _FIRST)
        if picked is None:
            return _choice_reask(conversation)
    profile = replace(conversation.profile, first_cigarette=picked)
    return _advance(conversation, profile, Stage.PAST_ATTEMPTS)


def _minutes_to_band(minutes: int) -> FirstCigarette:
    if minutes <= 5:
        return FirstCigarette.WITHIN_5
    if minutes <= 30:
        return FirstCigarette.FROM_6_TO_30
    if minutes <= 60:
        return FirstCigarette.FROM_31_TO_60
    return FirstCigarette.AFTER_60


def _quit_aid(conversation: Conversation, text: str) -> Outcome:
    if answers.is_skip(text):
        aid = None
    else:
        aid = answers.choice(text, list(QuitAid), _AIDS)
        if aid is None:
            return _choice_reask(conversation)
    profile = replace(conversation.profile, quit_aid=aid)
    info = (Reply(_AID_REPLY[aid]),) if aid in _AID_REPLY else ()
    return _advance(conversation, profile, Stage.QUIT_DATE, info)


# "Another day" to the suggestion of their next day off (its button, or typed).
_ANOTHER_DAY = frozenset(
    {
        "another day",
        "a different day",
        "different day",
        "another date",
        "a different date",
        "diwrnod arall",
        "dyddiad arall",
    }
)


def _quit_date(conversation: Conversation, text: str, *, today: date) -> Outcome:
    last = today + timedelta(days=MAX_DAYS_TO_QUIT_DATE)
    if " ".join(words(text)) in _ANOTHER_DAY:
        return Answered(replace(conversation, misunderstood=0), (Reply(m.QUIT_DATE_AGAIN),))
    read = read_quit_date(text, today=today, max_days=MAX_DAYS_TO_QUIT_DATE)
    match read:
        case DateProblem.UNREADABLE:
            return NotUnderstood((Reply(m.QUIT_DATE_UNREADABLE),))
        case DateProblem.PAST:
            return Answered(conversation, (Reply(m.QUIT_DATE_PAST, {"last_date": last}),))
        case DateProblem.TOO_FAR:
            return Answered(conversation, (Reply(m.QUIT_DATE_TOO_FAR, {"last_date": last}),))
        case date():
            proposed = replace(
                conversation,
                stage=Stage.CONFIRM_QUIT_DATE,
                proposed_quit_date=read,
                misunderstood=0,
            )
            return Answered(proposed, ask(proposed))
    raise AssertionError("unreachable")  # pragma: no cover


def _confirm_quit_date(conversation: Conversation, text: str, *, today: date) -> Outcome:
    said = answers.yes_or_no(text)
    proposed = conversation.proposed_quit_date
    if said is None:
        # They may have typed a different date instead of YES or NO.
        again = _quit_date(replace(conversation, stage=Stage.QUIT_DATE), text, today=today)
        if isinstance(again, Answered):
            return again
        return NotUnderstood((Reply(m.YES_NO_REASK),))
    if not said or proposed is None:
        retry = replace(conversation, stage=Stage.QUIT_DATE, proposed_quit_date=None)
        return Answered(retry, (Reply(m.QUIT_DATE_AGAIN),))
    if proposed < today:
        last = today + timedelta(days=MAX_DAYS_TO_QUIT_DATE)
        retry = replace(conversation, stage=Stage.QUIT_DATE, proposed_quit_date=None)
        return Answered(retry, (Reply(m.QUIT_DATE_PAST, {"last_date": last}),))
    done = replace(
        conversation,
        stage=Stage.PREPARING,
        quit_date=proposed,
        proposed_quit_date=None,
        misunderstood=0,
    )
    return Answered(done, (_quit_date_set(done, proposed, today=today), Reply(m.HELP_HINT)))


def _quit_date_set(conversation: Conversation, quit_date: date, *, today: date) -> Reply:
    """The quit date confirmed: today's says so (no "before then"), a close one that still
    needs their reasons or triggers says they come now."""
    days = (quit_date - today).days
    if days <= 0:
        return Reply(m.QUIT_DATE_SET_TODAY)
    unprepared = conversation.reasons is None or conversation.triggers is None
    if days <= SHORT_NOTICE_DAYS and unprepared:
        return Reply(m.QUIT_DATE_SET_SOON, {"date": quit_date})
    return Reply(m.QUIT_DATE_SET, {"date": quit_date})
