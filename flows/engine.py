"""`step`: the one entry point of the pure conversation logic.

Order matters and is the same in every state: a carrier opt-out is recorded first, then the
safety screen, then keywords, then the current stage's question.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flows import journey, registration, safety_replies
from flows.effects import (
    AdvisorReason,
    Effect,
    IssueLinkCode,
    RecordOutcome,
    RecordOwnerChange,
    Reply,
    RequestAdvisor,
    TellNext,
    TellWhenPerson,
)
from flows.events import (
    AdvisorReplied,
    AdvisorTookOver,
    DeliveryRefused,
    Event,
    HandedBack,
    LeaseEnded,
    MessageReceived,
    WakeDue,
)
from flows.intent import UNKNOWN, Intent, Label, intent_of
from flows.keywords import Keyword, asks_for_person, inline_keyword, is_carrier_opt_out, keyword
from flows.model import Asking, Channel, Conversation, FollowUp, Frequency, OutcomeResult, Stage
from flows.nation import stop_smoking_service
from flows.outcome import Answered, NotUnderstood
from flows.owner import BOT, OwnerKind, held_by, released, waiting
from flows.programme import Due
from flows.safety import Concern, Finding, Screening, screen
from flows.text import words
from messages import catalog as m

JOURNEY_STAGES = (Stage.QUITTING, Stage.RELAPSED, Stage.EXIT_SURVEY, Stage.DISCHARGED)


def _on_journey(conversation: Conversation) -> bool:
    """After registration: preparing for the quit date, or later."""
    return conversation.stage in JOURNEY_STAGES or conversation.stage is Stage.PREPARING


# "Are you safe right now?" is asked at most this many times before other words are read.
SAFETY_ASKS = 2
# After this many replies in a row that we could not read, a person is asked for.
OFFER_ADVISOR_AFTER = 3
# Planned check-ins unanswered this long (no word from them at all): a person is asked for.
SILENT_DAYS_BEFORE_PERSON = 4
# Greetings only a Welsh speaker sends ("helo" is also an English typo, so it is not here).
_WELSH_GREETINGS = {
    "shwmae",
    "shw mae",
    "su mae",
    "sut mae",
    "bore da",
    "prynhawn da",
    "noswaith dda",
    "s'mae",
    "smae",
    "helo shwmae",
}


# Not registered here (yet): LINK explains that the code comes from the chat they already use.
_NOT_REGISTERED = frozenset({Stage.NEW, Stage.CONSENT, Stage.DECLINED, Stage.INELIGIBLE})
# Intents that work anywhere, as their keywords do (the safety screen has run before them).
_ANY_TIME = {Label.STOP: Keyword.STOP, Label.PERSON: Keyword.ADVISOR, Label.HELP: Keyword.HELP}
# Intents that are the keyword's request in other words.
_AS_KEYWORD = {
    Label.CRAVING: Keyword.CRAVE,
    Label.NEW_QUIT_DATE: Keyword.DATE,
    Label.FEWER: Keyword.LESS,
    Label.MORE: Keyword.MORE,
    Label.QUIET: Keyword.QUIET,
    **_ANY_TIME,
}
# Questions answered in the person's own words: only STOP and a person are read in them.
_OWN_WORDS_ASKING = frozenset({Asking.REASONS, Asking.TRIGGERS, Asking.SURVEY_IMPROVE})
# Not read for intents: answers in their own words, and people the service cannot help yet
# (their reply says what to do; STOP and START still work as keywords).
_OWN_WORDS_STAGES = frozenset(
    {Stage.ROLE, Stage.EMPLOYER, Stage.NEW, Stage.DECLINED, Stage.INELIGIBLE}
)
# After these, a question that was waiting is asked again (not after a craving tip or a low
# mood: one thing at a time then).
_ASK_AGAIN_AFTER = frozenset(
    {Label.THANKS, Label.PROGRESS, Label.ASK_NRT, Label.ASK_VAPE, Label.ASK_VARENICLINE}
)


@dataclass(frozen=True, slots=True)
class Step:
    """The outcome of one event: the conversation after it, and what the host must do."""

    conversation: Conversation
    effects: tuple[Effect, ...]


def step(conversation: Conversation, event: Event, *, now: datetime) -> Step:
    """Apply one event to one conversation. Pure: `now` is the only source of time."""
    match event:
        case AdvisorTookOver() | AdvisorReplied() | HandedBack() | LeaseEnded():
            return _owner_event(conversation, event, now=now)
        case DeliveryRefused():
            return Step(replace(conversation, opted_out=True), ())
        case MessageReceived():
            return _owned(conversation, _on_message(conversation, event, now=now), event, now)
        case WakeDue():
            if (
                event.plan != conversation.plan
                or conversation.opted_out
                or conversation.paused
                or conversation.owner.held  # an advisor holds it: withheld, never sent late
                or safety_replies.held(event.due, conversation, now)
            ):
                return Step(conversation, ())  # stale, or held after an urgent safety event
            # A question asked by a planned message replaces "are you safe?" left unanswered.
            woken = journey.wake(replace(conversation, safety_question=0), event, now=now)
            return _owned(conversation, _answered(woken), event, now)
    raise AssertionError(f"unhandled event {event!r}")  # pragma: no cover


def _owner_event(
    conversation: Conversation,
    event: AdvisorTookOver | AdvisorReplied | HandedBack | LeaseEnded,
    *,
    now: datetime,
) -> Step:
    """Take over, a reply that renews the lease, hand back, a lease that ran out."""
    owner = conversation.owner
    match event:
        case (
            AdvisorTookOver(advisor_id=advisor, lease_until=lease)
            | AdvisorReplied(advisor_id=advisor, lease_until=lease)
        ):
            if owner.held and owner.advisor_id == advisor:
                renewed = replace(owner, lease_until=lease)
                return Step(replace(conversation, owner=renewed), ())
            taken = held_by(owner, advisor, lease_until=lease, now=now)
            if isinstance(event, AdvisorReplied):  # their reply is the first thing they see
                told: tuple[Effect, ...] = ()
                why = "first reply"
            else:  # told at once that a person is here (sent through the send gate)
                told = () if conversation.opted_out else (Reply(m.ADVISOR_JOINED, always=True),)
                why = "taken over"
            return Step(
                replace(conversation, owner=taken, advisor_requested=True),
                (RecordOwnerChange(owner, taken, why, by=advisor), *told),
            )
        case HandedBack(advisor_id=advisor, spoke=spoke):
            if not owner.held:
                return Step(conversation, ())
            back = _resumed(replace(conversation, owner=BOT), now=now)
            # They were told a person had joined (at the takeover, or by the advisor's first
            # reply): they are told the bot is back, honestly if nobody wrote to them.
            said = m.HANDED_BACK if spoke else m.HANDED_BACK_UNANSWERED
            told = () if conversation.opted_out else (Reply(said), *ask(back.conversation))
            return Step(
                back.conversation,
                (RecordOwnerChange(owner, BOT, "handed back", by=advisor), *back.effects, *told),
            )
        case LeaseEnded():
            if not owner.held:
                return Step(conversation, ())
            queued = released(owner)
            back = _resumed(replace(conversation, owner=queued), now=now)
            return Step(
                replace(back.conversation, advisor_requested=True),
                (RecordOwnerChange(owner, queued, "advisor idle: lease ended"), *back.effects),
            )
    raise AssertionError(f"unhandled event {event!r}")  # pragma: no cover


def _resumed(conversation: Conversation, *, now: datetime) -> Step:
    """The bot carries on where the flow was; what was planned is planned again from now, so
    nothing missed during the hold arrives late."""
    fresh = replace(
        conversation,
        advisor_requested=False,
        misunderstood=0,
        safety_question=0,
        silence_flagged=False,
    )
    replanned = journey.replan(fresh, now=now)
    return Step(replanned.conversation, replanned.effects)


def _owned(before: Conversation, result: Step, event: Event, now: datetime) -> Step:
    """A step's outcome with the reasons a person is needed that follow from it, and the
    owner it leaves: a request makes the bot's conversation wait for a person (one queue entry,
    never stacked)."""
    after, effects = result.conversation, list(result.effects)
    asked_before = before.advisor_requested or before.owner.kind is not OwnerKind.BOT
    if any(
        isinstance(e, RecordOutcome)
        and e.follow_up is FollowUp.FOUR_WEEK
        and e.result is OutcomeResult.QUIT
        for e in effects
    ):
        note = "4-week quit: a CO reading under 10 ppm by day 42 verifies it"
        effects.append(RequestAdvisor(AdvisorReason.CO_READING, note=note))
    if before.stage is Stage.QUITTING and after.stage is Stage.RELAPSED:
        effects.append(RequestAdvisor(AdvisorReason.RELAPSE))
        if not asked_before:
            effects.append(TellWhenPerson())
    if (
        isinstance(event, WakeDue)
        and event.due is Due.CHECK_IN
        and after.stage is Stage.QUITTING
        and after.last_heard is not None
        and now - after.last_heard >= timedelta(days=SILENT_DAYS_BEFORE_PERSON)
        and not after.silence_flagged
    ):
        since = after.last_heard.astimezone(ZoneInfo(after.timezone)).date()
        note = f"no reply to check-ins since {since.isoformat()}"
        effects.append(RequestAdvisor(AdvisorReason.NO_REPLY, note=note))
        after = replace(after, silence_flagged=True)
    owner = after.owner
    for effect in effects:
        if isinstance(effect, RequestAdvisor):
            owner = waiting(owner, effect.reason.value, urgent=effect.urgent, now=now)
    if owner != after.owner:
        why = "a person asked for" if owner.kind is not after.owner.kind else "made urgent"
        effects.append(RecordOwnerChange(after.owner, owner, why))
        after = replace(after, owner=owner, advisor_requested=True)
    if after is result.conversation and len(effects) == len(result.effects):
        return result
    return Step(after, tuple(effects))


def _always(effects: tuple[Effect, ...]) -> tuple[Effect, ...]:
    """Replies that go out whoever owns the conversation (safety, STOP, START)."""
    return tuple(replace(e, always=True) if isinstance(e, Reply) else e for e in effects)


def _on_message(conversation: Conversation, event: MessageReceived, *, now: datetime) -> Step:
    text = event.text
    conversation = replace(conversation, last_heard=now, silence_flagged=False)
    held = conversation.owner.held  # an advisor answers: only STOP, START and safety here
    carrier_stop = event.channel is Channel.SMS and (
        event.carrier_opted_out or is_carrier_opt_out(text)
    )
    screening = screen(text, event.net)  # the whole message, before anything else reads it
    if carrier_stop:
        # The carrier has already opted the number out and sent its own reply; anything we
        # send now is refused. Distress still reaches a person, who must phone.
        stopped = replace(conversation, opted_out=True)
        if screening.clear:
            return Step(stopped, ())
        after, effects = safety_replies.respond(
            stopped, screening, channel=event.channel, now=now, unreachable=True
        )
        return Step(after, _always(effects))
    if not screening.clear:
        after, effects = safety_replies.respond(
            conversation, screening, channel=event.channel, now=now
        )
        effects = _always(effects)
        if effects and (held or not safety_replies.concern_only_pregnancy(screening)):
            return Step(after, effects)
        if effects:  # pregnancy: supported, then the question that was waiting
            return Step(after, (*effects, *ask(after)))
    said = keyword(text)
    if held:
        if said in (Keyword.STOP, Keyword.START, Keyword.LINK):
            return _keyword(replace(conversation, safety_question=0), said, now=now)
        if conversation.safety_question and safety_replies.safe_answer(text) is False:
            # "Not safe" to the bot's "are you safe right now?": the numbers go out at once,
            # whoever holds the thread (the advisor sees it too).
            not_safe = Screening((Finding(Concern.CRISIS, "not_safe"),))
            cleared = replace(conversation, safety_question=0)
            after, effects = safety_replies.respond(
                cleared, not_safe, channel=event.channel, now=now
            )
            return Step(after, _always(effects))
        return Step(conversation, ())  # the advisor sees it in the thread and answers
    if said is None and not conversation.opted_out and asks_for_person(text):
        said = Keyword.ADVISOR  # "can someone ring me?"
    told = _intent(conversation, text, event.likely) if said is None else UNKNOWN
    if told.label in _ANY_TIME:
        said = _ANY_TIME[told.label]  # "stop texting me", "what can you do"
    if said is not None:
        # Something else to do: an unanswered "are you safe?" gives way to it.
        return _keyword(replace(conversation, safety_question=0), said, now=now)
    if conversation.safety_question and not conversation.opted_out:
        checked = _safety_check_answer(conversation, text, channel=event.channel, now=now)
        if checked is not None:
            return checked
        conversation = replace(conversation, safety_question=0)
    inline = inline_keyword(text)
    if (
        inline is not None
        and journey.may_change_shifts(conversation)
        and conversation.asking is None  # mid check-in, "shift was hard" is an answer
        and not conversation.opted_out
    ):
        # "SHIFT nights mon-wed", "QUIET 10pm-7am": the keyword and its answer in one, taken
        # only when its answer reads as one; otherwise it is an ordinary reply ("shift was
        # hard but no" answers a check-in).
        said, rest = inline
        asked = _keyword(conversation, said, now=now).conversation
        outcome = journey.answer(asked, rest, now=now)
        if isinstance(outcome, Answered):
            return _answered(outcome)
    if conversation.opted_out:
        if event.channel is Channel.SMS:
            return Step(conversation, ())
        return Step(conversation, (Reply(m.STOPPED_REMINDER),))
    if conversation.stage is Stage.NEW:
        if " ".join(words(text)) in _WELSH_GREETINGS:
            conversation = replace(conversation, locale="cy")
        return _answered(registration.start(conversation))
    if not words(text) and told.label is Label.UNKNOWN and event.has_media:
        # A photo with no words: say we read text only ("👍" and "😭" are words enough, and
        # other emoji get the question's own re-ask below, like any other non-answer).
        hint = (Reply(m.TEXT_ONLY), *ask(conversation))
        return _not_understood(conversation, NotUnderstood(hint), now=now)
    if (
        _keeps_their_words(conversation)
        and event.net is not None
        and event.net.leaning
        and set(event.net.expect) - {"pregnancy"}  # noted on the record only from their words
    ):
        # Their words would be kept (and a reason quoted back later), and they read more like
        # the risky examples than the everyday ones: not kept; asked gently instead.
        unsure = Screening((Finding(Concern.DISTRESS, "unclear_answer", event.net.example),))
        after, effects = safety_replies.respond(
            conversation, unsure, channel=event.channel, now=now
        )
        return Step(after, _always(effects))  # a gentle check is always news
    local_today = now.astimezone(ZoneInfo(conversation.timezone)).date()
    if _on_journey(conversation):
        waiting = conversation.asking is not None
        if (
            told.label is Label.SNOOZE
            and waiting
            and not journey.not_today_answers(conversation, text)
        ):
            # "not now" is not a NO here; but a guessed "later" gives way to an answer the
            # question can read ("nope" to "have you smoked today?" is a no).
            guessed = _intent(conversation, text).label is Label.UNKNOWN
            tried = journey.answer(conversation, text, now=now) if guessed else None
            if isinstance(tried, Answered):
                return _answered(tried)
            return _answered(journey.snooze(conversation))
        if not waiting and told.label not in (Label.UNKNOWN, Label.SNOOZE):
            return _intended(conversation, told, text, now=now)
        outcome = journey.answer(conversation, text, now=now)
        if isinstance(outcome, NotUnderstood) and told.label is not Label.UNKNOWN:
            return _intended(conversation, told, text, now=now)
    else:
        outcome = registration.answer(conversation, text, today=local_today)
    if isinstance(outcome, NotUnderstood):
        return _not_understood(conversation, outcome, now=now)
    after = outcome.conversation
    if conversation.stage is Stage.CONFIRM_QUIT_DATE and after.stage is Stage.PREPARING:
        assert after.quit_date is not None
        planned = journey.start_plan(after, after.quit_date, today=local_today)
        return Step(planned.conversation, (*outcome.effects, *planned.effects))
    return _answered(outcome)


# Intents acted on from a likeness alone (`MessageReceived.likely`): not STOP, nor a slip
# (it is recorded, and counts in outcomes and payments): only the rules' reading of the
# person's own words may decide those.
GUESSABLE = frozenset(Label) - {Label.STOP, Label.SLIP, Label.UNKNOWN}


def _keeps_their_words(conversation: Conversation) -> bool:
    """Whether the answer waiting is kept in the person's own words."""
    return conversation.asking in _OWN_WORDS_ASKING or conversation.stage in (
        Stage.ROLE,
        Stage.EMPLOYER,
    )


def _intent(conversation: Conversation, text: str, likely: Label | None = None) -> Intent:
    """What free text means, where it may mean something other than an answer: the rules'
    reading, or else the likeness's guess."""
    if conversation.opted_out or conversation.stage in _OWN_WORDS_STAGES:
        return UNKNOWN
    told = intent_of(text, "cy" if conversation.locale.startswith("cy") else "en")
    if told.label is Label.UNKNOWN and likely in GUESSABLE:
        told = Intent(likely)
    if conversation.asking in _OWN_WORDS_ASKING and told.label not in (Label.STOP, Label.PERSON):
        return UNKNOWN  # "busy shifts" is a trigger, "help with cravings" an idea to improve
    return told


def _intended(conversation: Conversation, told: Intent, text: str, *, now: datetime) -> Step:
    """Free text with an intent, on the journey: what its keyword would do, or a reply of
    its own; a question that was waiting is asked again after a short reply."""
    waiting = conversation.asking is not None
    label = told.label
    if label in _AS_KEYWORD:
        done = _keyword(replace(conversation, safety_question=0), _AS_KEYWORD[label], now=now)
    else:
        match label:
            case Label.SLIP:
                done = _answered(journey.slip_told(conversation, told.count, now=now))
            case Label.SNOOZE:
                done = _answered(journey.snooze(conversation))
            case Label.THANKS:
                done = _answered(journey.thanks(conversation, now=now))
            case Label.PROGRESS:
                done = _answered(journey.progress(conversation, now=now))
            case Label.LOW_MOOD:  # "fed up today": support, and on varenicline a question
                calmer = replace(conversation, safety_question=0)
                done = _answered(journey.mood(calmer, told=text))
            case Label.ASK_NRT | Label.ASK_VAPE | Label.ASK_VARENICLINE:
                done = _answered(journey.aid_answer(conversation, label))
            case _:  # pragma: no cover - every label is handled above
                return Step(conversation, ask(conversation))
    if waiting and label in _ASK_AGAIN_AFTER and done.conversation.asking is not None:
        return Step(done.conversation, (*done.effects, *ask(done.conversation)))
    return done


def ask(conversation: Conversation) -> tuple[Reply, ...]:
    """The question the person is being asked now, said again."""
    if _on_journey(conversation):
        return journey.ask(conversation)
    return registration.ask(conversation)


def _answered(outcome: Answered) -> Step:
    return Step(outcome.conversation, outcome.effects)


def _not_understood(conversation: Conversation, outcome: NotUnderstood, *, now: datetime) -> Step:
    misses = conversation.misunderstood + 1
    conversation = replace(conversation, misunderstood=misses)
    if safety_replies.holding(conversation, now):
        # Soon after an urgent safety event: not a menu or a question, a calm word.
        return Step(conversation, (Reply(m.STILL_HERE),))
    question = ask(conversation)
    if misses % OFFER_ADVISOR_AFTER == 0:
        if conversation.advisor_requested:  # a person is coming already: no second request
            return Step(conversation, (Reply(m.NOT_UNDERSTOOD_AGAIN), *question))
        request = RequestAdvisor(AdvisorReason.NOT_UNDERSTOOD)
        return Step(conversation, (request, Reply(m.NOT_UNDERSTOOD), *question))
    return Step(conversation, outcome.hint or question)


def _safety_check_answer(
    conversation: Conversation, text: str, *, channel: Channel, now: datetime
) -> Step | None:
    """The answer to "Are you safe right now?": YES gets a kind word and the question that was
    waiting; NO, or "not sure", the crisis reply and an urgent person. Anything else is asked
    once more (and the request made urgent); after that it is read as usual (None)."""
    said = safety_replies.safe_answer(text)
    cleared = replace(conversation, safety_question=0)
    if said:
        return Step(cleared, (Reply(m.DISTRESS_SAFE), *ask(cleared)))
    if said is False:
        not_safe = Screening((Finding(Concern.CRISIS, "not_safe"),))
        return Step(*safety_replies.respond(cleared, not_safe, channel=channel, now=now))
    if conversation.safety_question < SAFETY_ASKS:
        return Step(*safety_replies.not_answered(conversation, now=now))
    return None


def _keyword(conversation: Conversation, said: Keyword, *, now: datetime) -> Step:
    match said:
        case Keyword.STOP:
            service = stop_smoking_service(conversation)
            stopped = replace(conversation, opted_out=True)
            return Step(stopped, (Reply(m.STOPPED, {"service": service}, always=True),))
        case Keyword.START:
            return _start(conversation)
        case Keyword.CRAVE:
            return _answered(journey.crave(conversation, now=now))
        case Keyword.SLIP:
            return _answered(journey.slip(conversation))
        case Keyword.MOOD:
            return _answered(journey.mood(conversation))
        case Keyword.DATE:
            choosing = journey.new_date(conversation)
            if choosing is None:  # still registering: the quit date question comes in turn
                return Step(conversation, ask(conversation))
            return _answered(choosing)
        case Keyword.NEXT:
            return Step(conversation, (TellNext(),))
        case Keyword.LINK:
            if conversation.stage in _NOT_REGISTERED:  # a new chat: the code comes from the other
                return Step(conversation, (Reply(m.LINK_HOW, always=True),))
            return Step(conversation, (IssueLinkCode(),))
        case Keyword.FINISH:
            ending = journey.finish(conversation)
            return Step(conversation, ask(conversation)) if ending is None else _answered(ending)
        case Keyword.PAUSE:
            return Step(replace(conversation, paused=True), (Reply(m.PAUSED),))
        case Keyword.RESUME:
            return Step(replace(conversation, paused=False), (Reply(m.RESUMED),))
        case Keyword.LESS | Keyword.MORE:
            frequency = Frequency.LESS if said is Keyword.LESS else Frequency.MORE
            reply = m.LESS_MESSAGES if said is Keyword.LESS else m.MORE_MESSAGES
            changed = replace(conversation, frequency=frequency)
            replanned = journey.replan(changed, now=now)
            return Step(replanned.conversation, (Reply(reply), *replanned.effects))
        case Keyword.SHIFT | Keyword.QUIET:
            if not journey.may_change_shifts(conversation):
                # Registration asks in its own time; a follow-up or survey question is
                # answered first (the outcome counts); after discharge there is no plan.
                return Step(conversation, ask(conversation))
            if said is Keyword.SHIFT:
                return _answered(journey.ask_shifts(conversation))
            return _answered(journey.ask_quiet_hours(conversation))
        case Keyword.HELP:
            # The waiting question follows, if there is one; never the idle "text HELP" line.
            waiting = not _on_journey(conversation) or conversation.asking is not None
            question = ask(conversation) if waiting else ()
            return Step(conversation, (Reply(m.HELP), Reply(m.SAFETY_NET), *question))
        case Keyword.ADVISOR:
            if conversation.advisor_requested:
                return Step(conversation, (Reply(m.ADVISOR_ALREADY_REQUESTED),))
            effects: tuple[Effect, ...] = (RequestAdvisor(AdvisorReason.ASKED), TellWhenPerson())
            return Step(replace(conversation, advisor_requested=True), effects)
        case Keyword.WELSH | Keyword.ENGLISH:
            locale = "cy" if said is Keyword.WELSH else "en_GB"
            switched = replace(conversation, locale=locale)
            if conversation.stage is Stage.NEW:
                return _answered(registration.start(switched))
            return Step(switched, (Reply(m.LANGUAGE_SET), *ask(switched)))
    raise AssertionError(f"unhandled keyword {said}")  # pragma: no cover


def _start(conversation: Conversation) -> Step:
    resumed = replace(conversation, opted_out=False, misunderstood=0)
    if conversation.owner.held:  # the advisor carries on; the bot asks nothing
        return Step(resumed, (Reply(m.STARTED_AGAIN, always=True),))
    if conversation.stage in (Stage.NEW, Stage.DECLINED, Stage.INELIGIBLE):
        return _answered(registration.start(resumed))
    return Step(resumed, (Reply(m.STARTED_AGAIN, always=True), *ask(resumed)))
