"""What quitbot does when the safety screen finds something: the replies, numbers first, and the
request for a person, by kind of concern (see docs/hazard-log.md for why each is so).

- crisis: (an act taken: 999 or A&E now) the crisis numbers; (on varenicline) stop it.
  Urgent person.
- medical emergency: 999 now (111 if not life-threatening); a child or pet and nicotine: 999 or
  A&E, a vet. Urgent person.
- safeguarding: 999 if in danger (55 if they can't speak), the national helpline for their
  nation; PAUSE on offer; the advisor told to text first. Urgent person.
- someone else at risk: 999 if in danger; 111 option 2 and Samaritans help those supporting
  someone. Urgent person.
- varenicline or cytisine with low mood: stop it, GP or 111 today. Urgent person.
- pregnancy: the maternity stop smoking service through their midwife. A person, not urgent.
- distress with a "not": "Are you safe right now? YES or NO", 999. A person, not urgent.

Safety replies never re-ask the question that was waiting (no questionnaire first), except for
pregnancy, which is good news to be supported, not an emergency. Pure.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from flows.answers import yes_or_no
from flows.effects import (
    AdvisorReason,
    Effect,
    RecordSafetyEvent,
    Reply,
    RequestAdvisor,
    SafetyConcern,
)
from flows.model import Asking, Channel, Conversation, QuitAid
from flows.nation import Nation, nation
from flows.programme import Due
from flows.safety import SOMEONE_AT_RISK, Concern, Finding, Screening
from flows.text import words
from messages import catalog as m

# The safety record's name for each kind of finding.
_RECORDED = {
    Concern.CRISIS: SafetyConcern.CRISIS,
    Concern.MEDICAL: SafetyConcern.MEDICAL,
    Concern.SAFEGUARDING: SafetyConcern.SAFEGUARDING,
    Concern.MEDICATION: SafetyConcern.VARENICLINE_LOW_MOOD,
    Concern.PREGNANCY: SafetyConcern.PREGNANCY,
    Concern.DISTRESS: SafetyConcern.DISTRESS,
}
# Most pressing first: the request for a person carries the first reason found.
_REASONS = (
    (Concern.CRISIS, AdvisorReason.CRISIS, True),
    (Concern.MEDICAL, AdvisorReason.MEDICAL, True),
    (Concern.SAFEGUARDING, AdvisorReason.SAFEGUARDING, True),
    (Concern.MEDICATION, AdvisorReason.SAFETY, True),
    (Concern.PREGNANCY, AdvisorReason.PREGNANCY, False),
    (Concern.DISTRESS, AdvisorReason.DISTRESS, False),
)
_URGENT = frozenset(concern for concern, _, urgent in _REASONS if urgent)
# After an urgent safety event, the chatty planned messages (check-ins, tips, preparation) are
# dropped for this long: a cheery "Day 3 check-in" must not follow an overdose. Follow-ups,
# their closing and discharge still run (outcomes depend on them). Replies still go.
SAFETY_HOLD = timedelta(hours=48)
HELD_DURING_SAFETY = frozenset(
    {
        Due.PREPARE,
        Due.QUIT_DAY,
        Due.QUIT_DAY_SHIFT,
        Due.QUIT_DAY_END,
        Due.CHECK_IN,
        Due.SHIFT_TIP,
        Due.LEARN,
    }
)
# Questions an urgent event does not drop: a follow-up's outcome, the exit survey.
_KEPT_QUESTIONS = frozenset(
    {
        Asking.FOLLOW_UP_4W,
        Asking.FOLLOW_UP_12W,
        Asking.SURVEY_EASE,
        Asking.SURVEY_HELPFUL,
        Asking.SURVEY_RECOMMEND,
        Asking.SURVEY_IMPROVE,
    }
)
# A bare call for help ("HELP!!!") may be less than it seems: a person, urgently, but the
# programme carries on.
_NO_HOLD = frozenset({"call_for_help"})
# The example net found it, not a rule: the advisor sees which written example it is most like.
BY_LIKENESS = 'No rule matched: the message reads like the example "{example}". Please check.'
UNREACHABLE_BY_SMS = (
    "Opted out by SMS: the carrier blocks our texts to this number, so our reply will not "
    "reach them. Phone them."
)
PHONE_MAY_BE_READ = (
    "Someone may be reading or controlling their phone: text first, neutrally, and ask when "
    "it is safe to call."
)
SOMEONE_MAY_HURT_THEM = (
    "Someone may be hurting or controlling them: text first, neutrally, and ask when it is safe "
    "to call."
)
NO_ANSWER_TO_SAFE = "Asked if they are safe right now and did not say."
# Answers to "are you safe?" that are not a yes: taken as not safe (lean towards a person).
UNSURE = frozenset(
    {
        "idk",
        "i dont know",
        "dont know",
        "dunno",
        "not sure",
        "im not sure",
        "maybe",
        "no idea",
        "kind of",
        "sort of",
        "sometimes",
        "ddim yn siwr",
        "dwi ddim yn gwybod",
        "sai yn gwybod",
        "sai n gwybod",
        "dim syniad",
        "efallai",
    }
)


def respond(
    conversation: Conversation,
    screening: Screening,
    *,
    channel: Channel,
    now: datetime,
    unreachable: bool = False,
) -> tuple[Conversation, tuple[Effect, ...]]:
    """The replies and requests for what the screen found. `unreachable`: a carrier opt-out
    means our texts cannot reach the person, so the advisor must phone.

    An urgent finding also drops a check-in question that was waiting (their next "no" is not
    an answer to it; follow-up and survey questions stay) and, for SAFETY_HOLD, the chatty
    planned messages (HELD_DURING_SAFETY)."""
    findings = [f for f in screening.findings if _still_news(conversation, f)]
    if not findings:
        return conversation, ()
    locale = _reply_locale(conversation, screening)
    concerns = {f.concern for f in findings}
    wales = nation(conversation) is Nation.WALES or screening.welsh

    held = conversation.owner.held
    replies = _replies(conversation, findings, concerns, wales=wales, held=held)
    request = _request(concerns, findings, unreachable or _blocked(conversation, channel))
    after = replace(
        conversation,
        advisor_requested=True,
        pregnancy_noted=conversation.pregnancy_noted or Concern.PREGNANCY in concerns,
        safety_question=1 if Concern.DISTRESS in concerns and not request.urgent else 0,
    )
    if request.urgent and {f.category for f in findings} - _NO_HOLD:
        kept = conversation.asking if conversation.asking in _KEPT_QUESTIONS else None
        after = replace(after, asking=kept, safety_hold_since=now)
    effects: list[Effect] = [replace(r, locale=locale) if locale else r for r in replies]
    effects.append(request)
    effects.extend(
        RecordSafetyEvent(
            _RECORDED[f.concern], f"example:{f.category}" if f.example else f.category
        )
        for f in findings
    )
    return after, tuple(effects)


def holding(conversation: Conversation, now: datetime) -> bool:
    """An urgent safety event happened less than SAFETY_HOLD ago."""
    since = conversation.safety_hold_since
    return since is not None and now - since < SAFETY_HOLD


def held(due: Due, conversation: Conversation, now: datetime) -> bool:
    """This planned message is dropped: a chatty one, inside a safety hold."""
    return due in HELD_DURING_SAFETY and holding(conversation, now)


# "Are you safe right now?": what counts as a yes, and what as not safe.
_SAFE_WORDS = frozenset("safe ok okay fine alright saff diogel iawn".split())
_NOT_SAFE_WORDS = frozenset("but not dont ddim really".split())
_YES_SAFE_WORDS = _SAFE_WORDS | {"yes", "yeah"}


def safe_answer(text: str) -> bool | None:
    """True: safe ("yes", "I'm safe", "dwi'n saff"). False: not safe ("no", "not sure",
    "yes but not really"). None: no answer to the question."""
    said = words(text)
    tidy = " ".join(said)
    if tidy in UNSURE or (
        _NOT_SAFE_WORDS.intersection(said) and _YES_SAFE_WORDS.intersection(said)
    ):
        return False
    if _SAFE_WORDS.intersection(said) and len(said) <= 6:
        return True
    return yes_or_no(text)


def _reply_locale(conversation: Conversation, screening: Screening) -> str | None:
    """Safety replies in the language the message was written in: Welsh for a clearly Welsh
    message, English for a clearly English one in a Welsh conversation."""
    if screening.welsh and conversation.locale != "cy":
        return "cy"
    if screening.english and conversation.locale == "cy":
        return "en_GB"
    return None


def _still_news(conversation: Conversation, finding: Finding) -> bool:
    """Pregnancy is taken up once; everything else every time it is said."""
    return not (finding.concern is Concern.PREGNANCY and conversation.pregnancy_noted)


def _blocked(conversation: Conversation, channel: Channel) -> bool:
    """After STOP on SMS, the carrier blocks what we send (Twilio error 21610)."""
    return conversation.opted_out and channel is Channel.SMS


def _on_stop_smoking_tablets(conversation: Conversation) -> bool:
    return conversation.profile.quit_aid is QuitAid.VARENICLINE


def _replies(
    conversation: Conversation,
    findings: list[Finding],
    concerns: set[Concern],
    *,
    wales: bool,
    held: bool = False,
) -> list[Reply]:
    """The replies, numbers first. `held`: an advisor holds the thread, so the closing line
    says they have been alerted, not that a person has been asked for."""
    replies: list[Reply] = []
    categories = {f.category for f in findings}
    crisis = Concern.CRISIS in concerns
    if Concern.MEDICAL in concerns and not crisis:
        if "ingestion_pet" in categories and "ingestion" not in categories:
            replies.append(Reply(m.MEDICAL_INGESTION_PET))
        elif "ingestion" in categories:
            replies.append(Reply(m.MEDICAL_INGESTION))
        else:
            replies.append(Reply(m.MEDICAL))
    if crisis:
        if "act_taken" in categories:
            replies.append(Reply(m.CRISIS_ACT))
        elif Concern.MEDICAL in concerns:
            replies.append(Reply(m.MEDICAL))
        replies.append(Reply(m.CRISIS))
    if Concern.MEDICATION in concerns or (crisis and _on_stop_smoking_tablets(conversation)):
        replies.append(Reply(m.LOW_MOOD_VARENICLINE))
    if Concern.SAFEGUARDING in concerns:
        if any(
            f.concern is Concern.SAFEGUARDING and f.category != SOMEONE_AT_RISK for f in findings
        ):
            replies.append(Reply(m.SAFEGUARDING_WALES if wales else m.SAFEGUARDING))
            replies.append(Reply(m.SAFEGUARDING_PAUSE))
        else:
            replies.append(Reply(m.SOMEONE_AT_RISK))
    if Concern.PREGNANCY in concerns:
        replies.append(Reply(m.PREGNANCY))
    if concerns == {Concern.DISTRESS}:
        return [Reply(m.DISTRESS_CHECK)]
    if Concern.DISTRESS in concerns and not concerns & _URGENT:
        replies.append(Reply(m.DISTRESS_CHECK))
    if crisis:
        replies.append(Reply(m.CRISIS_FOLLOW_UP_HELD if held else m.CRISIS_FOLLOW_UP))
    elif concerns & {Concern.MEDICAL, Concern.MEDICATION}:
        # (safeguarding's PAUSE message says it)
        replies.append(Reply(m.SAFETY_PERSON_HELD if held else m.SAFETY_PERSON))
    elif Concern.PREGNANCY in concerns:
        replies.append(Reply(m.PREGNANCY_FOLLOW_UP))
    return replies


def _request(concerns: set[Concern], findings: list[Finding], unreachable: bool) -> RequestAdvisor:
    reason, urgent = next(
        (reason, urgent) for concern, reason, urgent in _REASONS if concern in concerns
    )
    notes = []
    if unreachable:
        notes.append(UNREACHABLE_BY_SMS)
    if any(f.category == "phone_monitored" for f in findings):
        notes.append(PHONE_MAY_BE_READ)
    elif any(f.category in ("domestic_abuse", "child_at_risk") for f in findings):
        notes.append(SOMEONE_MAY_HURT_THEM)
    example = next((f.example for f in findings if f.example), "")
    if example:
        notes.append(BY_LIKENESS.format(example=example[:200]))
    return RequestAdvisor(reason, urgent=urgent, note=" ".join(notes))


def concern_only_pregnancy(screening: Screening) -> bool:
    """Pregnancy alone: support it, then carry on with the question that was waiting."""
    return screening.concerns == {Concern.PREGNANCY}


def not_answered(
    conversation: Conversation, *, now: datetime
) -> tuple[Conversation, tuple[Effect, ...]]:
    """No yes or no to "are you safe right now?": ask once more, make the request urgent, keep
    the message as evidence and hold the chatty planned messages."""
    effects: tuple[Effect, ...] = (
        Reply(m.DISTRESS_ASK_AGAIN),
        RequestAdvisor(AdvisorReason.DISTRESS, urgent=True, note=NO_ANSWER_TO_SAFE),
        RecordSafetyEvent(SafetyConcern.DISTRESS, "no_answer_to_are_you_safe"),
    )
    asked = replace(
        conversation, safety_question=conversation.safety_question + 1, safety_hold_since=now
    )
    return asked, effects


__all__ = [
    "PHONE_MAY_BE_READ",
    "SAFETY_HOLD",
    "SOMEONE_MAY_HURT_THEM",
    "UNREACHABLE_BY_SMS",
    "UNSURE",
    "concern_only_pregnancy",
    "held",
    "holding",
    "not_answered",
    "respond",
    "safe_answer",
]
