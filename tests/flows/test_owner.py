"""The owner machine: bot -> waiting -> advisor -> bot, and every reason a person is asked for."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from flows import (
    AdvisorReason,
    Channel,
    Conversation,
    MessageReceived,
    Reply,
    RequestAdvisor,
    ScheduleWakes,
    Stage,
    WakeDue,
    conversation_from_dict,
    conversation_to_dict,
    step,
)
from flows.effects import RecordOwnerChange, TellWhenPerson
from flows.events import AdvisorReplied, AdvisorTookOver, HandedBack, LeaseEnded
from flows.keywords import asks_for_person
from flows.model import Asking, Profile, QuitAid
from flows.owner import BOT, OwnerKind
from flows.programme import Due
from messages import catalog as m

QUIT = date(2026, 11, 26)  # a Thursday
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)  # day 1
LEASE = NOW + timedelta(minutes=30)
ADA = 7  # an advisor's id


def quitter(**changes: object) -> Conversation:
    base = Conversation(
        stage=Stage.QUITTING,
        quit_date=QUIT,
        plan=1,
        attempt=1,
        profile=Profile(age=30, cigarettes_per_day=20, quit_aid=QuitAid.NRT),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def say(  # type: ignore[no-untyped-def]
    conversation: Conversation, text: str, now: datetime = NOW, channel: Channel = Channel.SMS
):
    return step(conversation, MessageReceived(text, channel), now=now)


def keys(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.message.key for e in result.effects if isinstance(e, Reply)]


def requests(result) -> list[RequestAdvisor]:  # type: ignore[no-untyped-def]
    return [e for e in result.effects if isinstance(e, RequestAdvisor)]


def changes(result) -> list[RecordOwnerChange]:  # type: ignore[no-untyped-def]
    return [e for e in result.effects if isinstance(e, RecordOwnerChange)]


def held(**changes: object) -> Conversation:
    return step(quitter(**changes), AdvisorTookOver(ADA, LEASE), now=NOW).conversation


def test_advisor_puts_the_bot_conversation_in_the_queue_once() -> None:
    first = say(quitter(), "ADVISOR")
    assert requests(first) == [RequestAdvisor(AdvisorReason.ASKED)]
    assert any(isinstance(e, TellWhenPerson) for e in first.effects)  # told when, honestly
    owner = first.conversation.owner
    assert (owner.kind, owner.reason, owner.urgent, owner.since) == (
        OwnerKind.WAITING,
        "asked",
        False,
        NOW,
    )
    assert [(c.before.kind, c.after.kind) for c in changes(first)] == [
        (OwnerKind.BOT, OwnerKind.WAITING)
    ]
    again = say(first.conversation, "advisor please")
    assert keys(again) == [m.ADVISOR_ALREADY_REQUESTED.key]
    assert requests(again) == [] and changes(again) == []


@pytest.mark.parametrize(
    "text",
    [
        "can I speak to someone",
        "Can someone ring me?",
        "call me please",
        "could an advisor phone me later",
        "I'd like to talk to a real person",
        "ga i siarad â rhywun",
        "dw i eisiau siarad â pherson go iawn",
        "ffoniwch fi plis",
    ],
)
def test_plain_requests_for_a_person_are_heard(text: str) -> None:
    assert asks_for_person(text)
    result = say(quitter(asking=Asking.SMOKED, check_in_day=1), text)
    # One queue entry: "asked", or (when the safety screen reads "can someone ring me?" as a
    # call for help) an urgent one, whose reply goes out whoever owns the thread.
    (request,) = requests(result)
    assert request.reason is AdvisorReason.ASKED or request.urgent
    assert result.conversation.owner.kind is OwnerKind.WAITING


@pytest.mark.parametrize(
    "text",
    [
        "don't call me",
        "no need to ring me, I'm fine",
        "nobody to talk to about it",
        "I called my mum",
        "peidiwch ffonio fi",
    ],
)
def test_words_that_are_not_a_request_for_a_person(text: str) -> None:
    assert not asks_for_person(text)


def test_while_an_advisor_holds_it_the_bot_answers_nothing_but_stop_start_and_safety() -> None:
    conversation = held(asking=Asking.SMOKED, check_in_day=1)
    assert conversation.owner.held and conversation.owner.advisor_id == ADA
    assert conversation.owner.reason == "advisor_started"  # nobody had asked
    for text in ("no", "CRAVE", "what's next", "ADVISOR", "call me please"):
        quiet = say(conversation, text)
        assert quiet.effects == (), text  # the advisor answers, not the flow
        assert quiet.conversation.asking is Asking.SMOKED  # the flow stays where it was
    crisis = say(conversation, "I want to end it all")
    assert keys(crisis)[0] == m.CRISIS.key
    assert all(e.always for e in crisis.effects if isinstance(e, Reply))
    assert crisis.conversation.owner.held  # the advisor keeps it, now urgent
    assert crisis.conversation.owner.urgent
    sms_stop = say(conversation, "STOP")  # the carrier has already answered a lone STOP
    assert sms_stop.conversation.opted_out and keys(sms_stop) == []
    stop = say(conversation, "STOP", channel=Channel.TELEGRAM)
    assert keys(stop) == [m.STOPPED.key] and stop.conversation.opted_out
    assert all(e.always for e in stop.effects if isinstance(e, Reply))
    start = say(stop.conversation, "START", channel=Channel.TELEGRAM)
    assert keys(start) == [m.STARTED_AGAIN.key]
    assert all(e.always for e in start.effects if isinstance(e, Reply))


def test_a_take_over_tells_the_person_once_through_the_gate() -> None:
    taken = step(quitter(), AdvisorTookOver(ADA, LEASE), now=NOW)
    assert keys(taken) == [m.ADVISOR_JOINED.key]
    assert all(e.always for e in taken.effects if isinstance(e, Reply))
    again = step(taken.conversation, AdvisorTookOver(ADA, LEASE), now=NOW)
    assert keys(again) == []  # already theirs: the lease is renewed, nothing said
    first_reply = step(quitter(), AdvisorReplied(ADA, LEASE), now=NOW)
    assert keys(first_reply) == []  # their reply is what the person sees
    stopped = step(quitter(opted_out=True), AdvisorTookOver(ADA, LEASE), now=NOW)
    assert keys(stopped) == []


def test_while_held_the_safety_closing_line_says_the_advisor_was_alerted() -> None:
    conversation = held()
    crisis = say(conversation, "I want to end it all")
    assert keys(crisis) == [m.CRISIS.key, m.CRISIS_FOLLOW_UP_HELD.key]  # the numbers as ever
    medical = say(conversation, "I think I'm having a heart attack")
    assert keys(medical) == [m.MEDICAL.key, m.SAFETY_PERSON_HELD.key]
    # Not held: a person is asked for, as before.
    assert keys(say(quitter(), "I want to end it all")) == [m.CRISIS.key, m.CRISIS_FOLLOW_UP.key]
    assert keys(say(quitter(), "I think I'm having a heart attack")) == [
        m.MEDICAL.key,
        m.SAFETY_PERSON.key,
    ]


def test_not_safe_to_are_you_safe_gets_the_numbers_even_while_held() -> None:
    asked = say(quitter(), "I'm not suicidal, just can't cope").conversation
    assert asked.safety_question  # "are you safe right now?"
    taken = step(asked, AdvisorTookOver(ADA, LEASE), now=NOW).conversation
    answer = say(taken, "no")
    assert keys(answer)[0] == m.CRISIS.key
    assert all(e.always for e in answer.effects if isinstance(e, Reply))
    assert answer.conversation.owner.held and answer.conversation.owner.urgent


def test_ordinary_bot_replies_are_not_marked_to_pass_the_gate() -> None:
    result = say(quitter(), "CRAVE")
    assert not any(e.always for e in result.effects if isinstance(e, Reply))


def test_a_planned_wake_up_during_a_hold_does_nothing() -> None:
    conversation = held()
    woken = step(conversation, WakeDue(Due.CHECK_IN, 2, plan=1), now=NOW + timedelta(days=1))
    assert woken.effects == ()
    assert woken.conversation.asking is None


def test_hand_back_resumes_the_flow_and_plans_again_from_now() -> None:
    conversation = held(asking=Asking.SMOKED, check_in_day=1)
    later = NOW + timedelta(days=2)
    back = step(conversation, HandedBack(ADA), now=later)
    assert back.conversation.owner == BOT
    assert not back.conversation.advisor_requested
    (change,) = changes(back)
    assert (change.after.kind, change.by, change.why) == (OwnerKind.BOT, ADA, "handed back")
    (schedule,) = [e for e in back.effects if isinstance(e, ScheduleWakes)]
    assert min(w.day for w in schedule.wakes) >= 3  # nothing from the days of the hold
    # A marker for the person, then the question that was waiting.
    assert keys(back) == [m.HANDED_BACK.key, m.CHECK_IN_SMOKED.key]
    answered = say(back.conversation, "no", later)
    assert keys(answered)  # the bot answers again


def test_a_silent_hold_is_handed_back_with_an_honest_word_and_the_waiting_question() -> None:
    """They were told "a person is here and will reply shortly": when nobody did, they are not
    left waiting for a reply that never comes."""
    conversation = held(asking=Asking.SMOKED, check_in_day=1)
    back = step(conversation, HandedBack(ADA, spoke=False), now=NOW + timedelta(hours=1))
    assert back.conversation.owner == BOT
    assert keys(back) == [m.HANDED_BACK_UNANSWERED.key, m.CHECK_IN_SMOKED.key]
    assert [c.why for c in changes(back)] == ["handed back"]


def test_someone_who_opted_out_is_told_nothing_at_hand_back() -> None:
    conversation = replace(held(asking=Asking.SMOKED, check_in_day=1), opted_out=True)
    for spoke in (True, False):
        back = step(conversation, HandedBack(ADA, spoke=spoke), now=NOW + timedelta(hours=1))
        assert back.conversation.owner == BOT and keys(back) == []


def test_hand_back_when_nobody_holds_it_changes_nothing() -> None:
    conversation = quitter()
    assert step(conversation, HandedBack(ADA), now=NOW).effects == ()


def test_the_first_reply_takes_over_and_later_replies_renew_the_lease() -> None:
    waiting = say(quitter(), "ADVISOR").conversation
    first = step(waiting, AdvisorReplied(ADA, LEASE), now=NOW)
    assert first.conversation.owner.held
    assert first.conversation.owner.reason == "asked"  # what they waited for is kept
    assert [c.why for c in changes(first)] == ["first reply"]
    later = LEASE + timedelta(minutes=10)
    renewed = step(first.conversation, AdvisorReplied(ADA, later), now=NOW)
    assert renewed.effects == ()
    assert renewed.conversation.owner.lease_until == later


def test_a_lease_that_ends_puts_them_back_in_the_queue() -> None:
    waiting = say(quitter(), "ADVISOR").conversation
    taken = step(waiting, AdvisorTookOver(ADA, LEASE), now=NOW).conversation
    ended = step(taken, LeaseEnded(), now=LEASE)
    owner = ended.conversation.owner
    assert (owner.kind, owner.reason, owner.since) == (OwnerKind.WAITING, "asked", NOW)
    assert [c.why for c in changes(ended)] == ["advisor idle: lease ended"]
    assert keys(ended) == []  # nothing is said to the person
    assert keys(say(ended.conversation, "CRAVE", LEASE))  # the bot answers again meanwhile


def test_three_misunderstandings_ask_for_a_person_once() -> None:
    conversation = quitter(asking=Asking.HOW_MANY)
    results = []
    for _ in range(6):
        result = say(conversation, "purple monkey dishwasher")
        results.append(result)
        conversation = result.conversation
    assert requests(results[2]) == [RequestAdvisor(AdvisorReason.NOT_UNDERSTOOD)]
    assert m.NOT_UNDERSTOOD.key in keys(results[2])
    assert requests(results[5]) == []  # already waiting: no second entry
    assert m.NOT_UNDERSTOOD_AGAIN.key in keys(results[5])


def test_a_return_to_smoking_asks_for_a_person() -> None:
    asked = say(quitter(), "SLIP").conversation
    result = say(asked, "2")
    assert result.conversation.stage is Stage.RELAPSED
    assert requests(result) == [RequestAdvisor(AdvisorReason.RELAPSE)]
    assert any(isinstance(e, TellWhenPerson) for e in result.effects)


def test_a_4_week_quit_asks_for_a_co_reading() -> None:
    on_day_28 = datetime(2026, 12, 24, 12, 0, tzinfo=UTC)
    asked = step(quitter(), WakeDue(Due.FOLLOW_UP_4W, 28, plan=1), now=on_day_28).conversation
    result = say(asked, "no", on_day_28)
    (request,) = requests(result)
    assert request.reason is AdvisorReason.CO_READING and "CO reading" in request.note
    smoked = say(asked, "yes", on_day_28)
    assert requests(smoked) == []  # not quit: nothing to verify


def test_days_of_unanswered_check_ins_ask_for_a_person_once() -> None:
    heard = say(quitter(), "hello", NOW).conversation
    three_days = step(heard, WakeDue(Due.CHECK_IN, 4, plan=1), now=NOW + timedelta(days=3))
    assert requests(three_days) == []
    five_days = step(
        three_days.conversation, WakeDue(Due.CHECK_IN, 6, plan=1), now=NOW + timedelta(days=5)
    )
    (request,) = requests(five_days)
    assert request.reason is AdvisorReason.NO_REPLY and "2026-11-27" in request.note
    six_days = step(
        five_days.conversation, WakeDue(Due.CHECK_IN, 7, plan=1), now=NOW + timedelta(days=6)
    )
    assert requests(six_days) == []  # once, until they write again


def test_safety_makes_a_waiting_request_urgent_without_a_second_entry() -> None:
    waiting = say(quitter(), "CRAVE", NOW)
    waiting = say(waiting.conversation, "CRAVE", NOW + timedelta(minutes=5))
    waiting = say(waiting.conversation, "CRAVE", NOW + timedelta(minutes=10))
    assert waiting.conversation.owner.kind is OwnerKind.WAITING
    assert waiting.conversation.owner.reason == "cravings"
    crisis = say(waiting.conversation, "I want to kill myself", NOW + timedelta(minutes=20))
    owner = crisis.conversation.owner
    assert (owner.kind, owner.reason, owner.urgent) == (OwnerKind.WAITING, "crisis", True)
    assert owner.since == NOW + timedelta(minutes=10)  # still waiting since the first
    assert [c.why for c in changes(crisis)] == ["made urgent"]


def test_the_owner_survives_storage() -> None:
    conversation = held()
    assert conversation_from_dict(conversation_to_dict(conversation)) == conversation
    assert conversation_from_dict({"stage": "quitting"}).owner == BOT  # stored before owners


def test_asking_for_a_person_before_registering_stays_in_the_queue_when_they_write_again() -> None:
    asked = step(Conversation(), MessageReceived("ADVISOR", Channel.SMS), now=NOW)
    assert asked.conversation.owner.kind is OwnerKind.WAITING
    again = step(asked.conversation, MessageReceived("hello", Channel.SMS), now=NOW)
    keys = [e.message.key for e in again.effects if isinstance(e, Reply)]
    assert keys == [m.WELCOME.key, m.CONSENT.key]  # the bot still starts registration
    assert again.conversation.owner == asked.conversation.owner  # the request is not dropped
    assert not any(isinstance(e, RecordOwnerChange) for e in again.effects)
