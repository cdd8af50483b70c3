from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows import (
    AdvisorReason,
    Channel,
    Conversation,
    ForgetPersonalData,
    MessageReceived,
    RecordSafetyEvent,
    Reply,
    RequestAdvisor,
    Stage,
    TellNext,
    conversation_from_dict,
    conversation_to_dict,
    step,
)
from flows.effects import IssueLinkCode, TellWhenPerson
from flows.model import Asking, Profile
from messages import catalog as m

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday


def say(conversation: Conversation, text: str, channel: Channel = Channel.WEB):  # type: ignore[no-untyped-def]
    return step(conversation, MessageReceived(text, channel), now=NOW)


def keys(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.message.key for e in result.effects if isinstance(e, Reply)]


def at(stage: Stage) -> Conversation:
    extra = {}
    if stage is Stage.CONFIRM_QUIT_DATE:
        extra["proposed_quit_date"] = date(2026, 11, 27)
    if stage is Stage.PREPARING:
        extra["quit_date"] = date(2026, 11, 27)
    return Conversation(stage=stage, profile=Profile(age=30), **extra)


@pytest.mark.parametrize("stage", list(Stage))
def test_crisis_language_gets_numbers_and_an_urgent_human_in_every_stage(stage: Stage) -> None:
    result = say(at(stage), "honestly I want to end it all")
    assert keys(result)[0] == m.CRISIS.key
    assert RequestAdvisor(AdvisorReason.CRISIS, urgent=True) in result.effects
    assert any(isinstance(e, RecordSafetyEvent) for e in result.effects)
    assert result.conversation.stage is stage  # nothing else changes


@pytest.mark.parametrize("stage", list(Stage))
def test_stop_then_start_in_every_stage(stage: Stage) -> None:
    stopped = say(at(stage), "STOP")
    assert stopped.conversation.opted_out and keys(stopped) == [m.STOPPED.key]
    ignored = say(stopped.conversation, "hello?")
    assert ignored.conversation.opted_out
    resumed = say(stopped.conversation, "START")
    assert not resumed.conversation.opted_out
    assert keys(resumed)  # always says something useful


def test_a_lone_quit_over_sms_is_recorded_as_an_opt_out_and_not_answered() -> None:
    result = say(at(Stage.AGE), "QUIT", Channel.SMS)
    assert result.conversation.opted_out and result.effects == ()
    later = say(result.conversation, "hello", Channel.SMS)
    assert later.effects == ()  # the carrier would refuse anything we sent


def test_quit_on_telegram_is_just_an_unclear_answer() -> None:
    result = say(at(Stage.AGE), "quit", Channel.TELEGRAM)
    assert not result.conversation.opted_out
    assert keys(result) == [m.AGE_REASK.key]


def test_declining_consent_forgets_and_exits_kindly() -> None:
    result = say(at(Stage.CONSENT), "no")
    assert ForgetPersonalData() in result.effects
    assert result.conversation.stage is Stage.DECLINED
    assert result.conversation.profile == Profile()


def test_third_miss_in_a_row_offers_a_person() -> None:
    conversation = at(Stage.AGE)
    for _ in range(2):
        result = say(conversation, "banana")
        assert m.NOT_UNDERSTOOD.key not in keys(result)
        conversation = result.conversation
    third = say(conversation, "banana")
    assert keys(third) == [m.NOT_UNDERSTOOD.key, m.ASK_AGE.key]
    assert say(third.conversation, "40").conversation.misunderstood == 0


def test_the_quit_date_uses_the_persons_own_date_not_utc() -> None:
    # 23:30 UTC on 30 March 2026 is already 31 March in London (BST).
    late = datetime(2026, 3, 30, 23, 30, tzinfo=UTC)
    result = step(at(Stage.QUIT_DATE), MessageReceived("today", Channel.WEB), now=late)
    assert result.conversation.proposed_quit_date == date(2026, 3, 31)


def test_confirming_a_date_that_has_since_passed_asks_again() -> None:
    stale = replace(at(Stage.CONFIRM_QUIT_DATE), proposed_quit_date=date(2026, 11, 20))
    result = say(stale, "yes")
    assert result.conversation.stage is Stage.QUIT_DATE
    assert keys(result) == [m.QUIT_DATE_PAST.key]


@settings(max_examples=600, deadline=None)
@given(
    stage=st.sampled_from(list(Stage)),
    asking=st.none() | st.sampled_from(list(Asking)),
    text=st.text(max_size=400)
    | st.sampled_from(["no", "yes", "3", "SLIP", "DATE", "skip", "LINK"]),
    channel=st.sampled_from(list(Channel)),
    day=st.integers(min_value=-5, max_value=120),
)
def test_any_text_in_any_stage_gets_a_reply_and_a_valid_state(
    stage: Stage, asking: Asking | None, text: str, channel: Channel, day: int
) -> None:
    conversation = replace(
        at(stage),
        quit_date=date(2026, 11, 23) - timedelta(days=day),
        asking=asking,
        attempt=1,
        plan=1,
    )
    result = step(conversation, MessageReceived(text, channel), now=NOW)
    conversation_from_dict(conversation_to_dict(result.conversation))  # always storable
    assert isinstance(result.conversation.stage, Stage)
    opted_out_by_carrier = channel is Channel.SMS and result.conversation.opted_out
    # The host replies for these: what comes next, when a person will answer, a LINK code.
    told_next = any(
        isinstance(e, TellNext | TellWhenPerson | IssueLinkCode) for e in result.effects
    )
    assert keys(result) or told_next or opted_out_by_carrier


def test_an_english_typo_of_hello_stays_in_english_but_shwmae_gets_welsh() -> None:
    assert say(Conversation(), "helo").conversation.locale == "en_GB"
    assert say(Conversation(), "Shwmae!").conversation.locale == "cy"
    assert say(Conversation(), "bore da").conversation.locale == "cy"


def test_a_job_title_is_stored_but_a_sentence_is_asked_again_not_kept_as_the_role() -> None:
    stored = say(at(Stage.ROLE), "band 5 staff nurse, acute medical unit")
    assert stored.conversation.profile.role == "band 5 staff nurse, acute medical unit"
    assert stored.conversation.stage is Stage.EMPLOYER
    for text in (
        "cant even think about work right now, everything is too much and i dont know why",
        "Nurse. Long story, tell you another time.",
    ):
        result = say(at(Stage.ROLE), text)
        assert result.conversation.stage is Stage.ROLE
        assert result.conversation.profile.role is None
        assert keys(result) == [m.ROLE_REASK.key]


@pytest.mark.parametrize(
    "text", ["why do you need that?", "not telling you", "idk", "yes", "07700 900123", "CF10 3AT"]
)
def test_a_refusal_a_question_or_a_number_is_not_kept_as_the_role(text: str) -> None:
    result = say(at(Stage.ROLE), text)
    assert result.conversation.stage is Stage.ROLE
    assert result.conversation.profile.role is None
    assert keys(result) == [m.ROLE_REASK.key]
