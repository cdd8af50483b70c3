"""The safety net, as a person in trouble meets it: the right numbers, a person, nothing of what
they said taken as an answer or quoted back. (Rates on the whole corpus: test_safety_corpus.py.)
"""

import re
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from flows import (
    AdvisorReason,
    Channel,
    Conversation,
    MessageReceived,
    Profile,
    RecordSafetyEvent,
    Reply,
    RequestAdvisor,
    SafetyConcern,
    Stage,
    safety,
    step,
)
from flows.model import Asking, QuitAid
from flows.safety import Concern, NetHint, screen
from flows.safety_replies import PHONE_MAY_BE_READ, SOMEONE_MAY_HURT_THEM, UNREACHABLE_BY_SMS
from messages import catalog as m
from tests.safety_measure import DEVELOPMENT, HELD_OUT, load

NOW = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)


def say(conversation: Conversation, text: str, channel: Channel = Channel.WEB):  # type: ignore[no-untyped-def]
    return step(conversation, MessageReceived(text=text, channel=channel), now=NOW)


def keys(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.message.key for e in result.effects if isinstance(e, Reply)]


def requests(result) -> list[RequestAdvisor]:  # type: ignore[no-untyped-def]
    return [e for e in result.effects if isinstance(e, RequestAdvisor)]


def quitter(**changes: object) -> Conversation:
    base = Conversation(
        stage=Stage.QUITTING,
        quit_date=date(2026, 11, 20),
        attempt=1,
        plan=1,
        profile=Profile(age=34, nhs_staff=True, smokes=True, cigarettes_per_day=15),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


# --- What the issue found broken ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "wanna kms",
        "gonna top myself",
        "thinking about ending it",
        "taking my life tonight",
        "whats the point anymore",
        "everyone would be better off without me",
        "can't do this anymore",
        "not safe tonight",
        "i've saved up my pills",
        "thinking of driving into a wall on the way home",
        "took 20 paracetamol an hour ago",
        "goodbye everyone, this is my last message",
        "am ladd fy hun",
        "sa i moyn byw",
        "isie marw",
        "methu cario mlaen",
        "crisis",
        "emergency",
        "SOS",
        "999",
        "help me please im scared",
    ],
)
def test_crisis_wordings_get_the_numbers_and_an_urgent_person(text: str) -> None:
    result = say(quitter(), text)
    assert m.CRISIS.key in keys(result)
    assert any(r.urgent for r in requests(result))


@pytest.mark.parametrize(
    "text",
    [
        "cant go on my break till 2",
        "cut myself shaving lol",
        "time to end things with cigarettes",
        "patient in bay 4 wanted to die at home",
        "suicide prevention module done on ESR",
        "we had an overdose in resus all night",
        "this craving is killing me",
        "I could murder a fag",
        "dying for a smoke",
        "my sister is pregnant",
        "had 3 today",
    ],
)
def test_everyday_nhs_talk_gets_no_safety_reply(text: str) -> None:
    assert screen(text).clear, text


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("my chest is really tight after the patches", m.MEDICAL),
        ("i can't breathe", m.MEDICAL),
        ("my toddler chewed some of my nicotine gum", m.MEDICAL_INGESTION),
        ("the dog ate one of my patches", m.MEDICAL_INGESTION_PET),
    ],
)
def test_medical_emergencies_get_999_and_an_urgent_person(text: str, reply: object) -> None:
    result = say(quitter(), text)
    assert keys(result)[0] == reply.key  # type: ignore[attr-defined]
    assert RequestAdvisor(AdvisorReason.MEDICAL, urgent=True) in result.effects
    assert m.SAFETY_PERSON.key in keys(result)


def test_a_person_who_might_be_read_gets_a_safe_reply_a_pause_and_a_careful_advisor() -> None:
    result = say(quitter(), "he reads these messages, scared to go home")
    assert keys(result)[:2] == [m.SAFEGUARDING.key, m.SAFEGUARDING_PAUSE.key]
    request = requests(result)[0]
    assert request.urgent and request.reason is AdvisorReason.SAFEGUARDING
    assert request.note == PHONE_MAY_BE_READ


def test_wales_gets_live_fear_free_and_england_the_national_helpline() -> None:
    welsh_postcode = quitter(profile=Profile(postcode="CF10 1AA"))
    assert m.SAFEGUARDING_WALES.key in keys(say(welsh_postcode, "he'll hurt me if i go home"))
    english_postcode = quitter(profile=Profile(postcode="LS1 4DY"))
    assert m.SAFEGUARDING.key in keys(say(english_postcode, "he'll hurt me if i go home"))


def test_someone_else_at_risk_gets_help_to_support_them() -> None:
    result = say(quitter(), "my friend just told me she wants to kill herself")
    assert keys(result)[0] == m.SOMEONE_AT_RISK.key
    assert any(r.urgent for r in requests(result))


@pytest.mark.parametrize(
    "text", ["champix is making me depressed", "the varenicline is giving me dark thoughts"]
)
def test_varenicline_with_low_mood_says_stop_it_and_asks_a_person(text: str) -> None:
    result = say(quitter(), text)
    assert m.LOW_MOOD_VARENICLINE.key in keys(result)
    assert RequestAdvisor(AdvisorReason.SAFETY, urgent=True) in result.effects


def test_the_crisis_reply_carries_the_varenicline_advice_for_someone_on_it() -> None:
    on_it = quitter(profile=Profile(age=40, quit_aid=QuitAid.VARENICLINE))
    assert keys(say(on_it, "i want to die"))[:2] == [m.CRISIS.key, m.LOW_MOOD_VARENICLINE.key]


def test_an_act_already_taken_gets_999_now_first() -> None:
    result = say(quitter(), "i took 20 paracetamol an hour ago")
    assert keys(result)[:2] == [m.CRISIS_ACT.key, m.CRISIS.key]
    assert RecordSafetyEvent(SafetyConcern.CRISIS, "act_taken") in result.effects


# --- Distress is never an answer ----------------------------------------------------------------


def test_paracetamol_is_not_an_age_and_pregnancy_weeks_are_not_one_either() -> None:
    at_age = Conversation(stage=Stage.AGE)
    result = say(at_age, "i took 20 paracetamol an hour ago")
    assert result.conversation.profile.age is None
    assert result.conversation.stage is Stage.AGE
    pregnant = say(at_age, "im 12 weeks pregnant")
    assert pregnant.conversation.profile.age is None
    assert pregnant.conversation.stage is Stage.AGE  # not turned away as under 18
    assert keys(pregnant)[0] == m.PREGNANCY.key
    assert keys(pregnant)[-1] == m.ASK_AGE.key  # then the question again


def test_paracetamol_is_not_a_count_of_cigarettes() -> None:
    result = say(quitter(asking=Asking.SMOKED, check_in_day=10), "took 20 paracetamol")
    assert result.conversation.cigarettes_smoked == 0
    assert result.conversation.smoked_days == ()


def test_a_sentence_is_not_a_no_to_consent() -> None:
    result = say(Conversation(stage=Stage.CONSENT), "not sure i want to be here anymore")
    assert result.conversation.stage is Stage.CONSENT  # not DECLINED, nothing erased
    assert m.CRISIS.key in keys(result)
    assert not any(type(e).__name__ == "ForgetPersonalData" for e in result.effects)


def test_ending_it_all_tonight_is_not_a_quit_date() -> None:
    result = say(Conversation(stage=Stage.QUIT_DATE), "ending it all tonight")
    assert result.conversation.proposed_quit_date is None
    assert m.CRISIS.key in keys(result)


def test_a_reason_that_is_distress_is_not_kept_or_quoted_back() -> None:
    asked = quitter(stage=Stage.PREPARING, quit_date=date(2026, 12, 3), asking=Asking.REASONS)
    result = say(asked, "nobody would miss me")
    assert result.conversation.reasons is None
    assert m.CRISIS.key in keys(result)


def test_crave_never_quotes_back_words_the_screen_now_flags() -> None:
    kept_long_ago = quitter(reasons="nobody would miss me")
    tips = []
    conversation = kept_long_ago
    for _ in range(6):  # every tip in turn, the reasons one included
        result = say(conversation, "CRAVE")
        conversation = result.conversation
        tips.extend(keys(result))
    assert m.CRAVE_OWN_REASONS.key not in tips
    good = quitter(reasons="my kids")
    conversation, quoted = good, []
    for _ in range(6):
        result = say(conversation, "CRAVE")
        conversation = result.conversation
        quoted.extend(keys(result))
    assert m.CRAVE_OWN_REASONS.key in quoted


# --- Gentle checks, and who hears ---------------------------------------------------------------


def test_distress_with_a_not_gets_a_gentle_check_then_yes_or_no_is_heard() -> None:
    result = say(quitter(), "I'm not suicidal, just can't cope")
    assert keys(result) == [m.DISTRESS_CHECK.key]
    assert requests(result) == [RequestAdvisor(AdvisorReason.DISTRESS)]  # not urgent
    checking = result.conversation
    assert checking.safety_question
    safe = say(checking, "yes")
    assert keys(safe)[0] == m.DISTRESS_SAFE.key
    assert not safe.conversation.safety_question
    not_safe = say(checking, "no")
    assert m.CRISIS.key in keys(not_safe)
    assert any(r.urgent for r in requests(not_safe))


def test_a_gentle_check_during_consent_never_turns_yes_into_consent() -> None:
    asked = say(Conversation(stage=Stage.CONSENT), "not going to do anything stupid, just low")
    assert asked.conversation.safety_question
    assert say(asked.conversation, "yes").conversation.stage is Stage.CONSENT


def test_a_clearly_welsh_crisis_text_gets_a_welsh_reply() -> None:
    result = say(quitter(locale="en_GB"), "dwi isio marw heno")
    replies = [e for e in result.effects if isinstance(e, Reply)]
    assert replies[0].message is m.CRISIS and replies[0].locale == "cy"


def test_opted_out_on_sms_a_crisis_still_reaches_a_person_who_must_phone() -> None:
    result = say(quitter(opted_out=True), "i want to end my life", Channel.SMS)
    request = requests(result)[0]
    assert request.urgent and request.note == UNREACHABLE_BY_SMS


def test_a_carrier_stop_word_with_nothing_else_says_nothing() -> None:
    result = say(quitter(), "STOP", Channel.SMS)
    assert result.effects == () and result.conversation.opted_out


@pytest.mark.parametrize("stage", [Stage.QUITTING, Stage.RELAPSED, Stage.DISCHARGED])
def test_three_unread_messages_in_any_idle_state_offer_a_person(stage: Stage) -> None:
    conversation = quitter(stage=stage)
    for _ in range(3):
        result = say(conversation, "blah blah")
        conversation = result.conversation
    assert m.NOT_UNDERSTOOD.key in keys(result)


def test_a_bare_help_is_the_menu_with_a_safety_net_and_help_me_please_is_a_crisis() -> None:
    assert keys(say(quitter(), "help"))[:2] == [m.HELP.key, m.SAFETY_NET.key]
    assert m.CRISIS.key in keys(say(quitter(), "help me please"))
    assert m.CRISIS.key in keys(say(quitter(), "HELP!!!"))


def test_the_screen_reads_the_whole_message() -> None:
    vent = "Shift was long and the ward was short again. " * 50
    assert screen(vent + "I just want to die").has(Concern.CRISIS)


# --- Found by trying the running service from outside ------------------------------------------


def test_no_answer_to_are_you_safe_is_asked_again_urgently_and_unsure_is_not_safe() -> None:
    asked = say(Conversation(stage=Stage.AGE), "not suicidal, just can't cope").conversation
    again = say(asked, "34")
    assert keys(again) == [m.DISTRESS_ASK_AGAIN.key]
    assert again.conversation.profile.age is None  # not taken as the age
    assert any(r.urgent for r in requests(again))
    unsure = say(asked, "idk")
    assert m.CRISIS.key in keys(unsure)
    # Asked twice without an answer: other words are read as usual again.
    assert say(again.conversation, "34").conversation.profile.age == 34


def test_after_an_urgent_safety_event_planned_messages_wait_48_hours() -> None:
    from datetime import timedelta

    from flows import WakeDue
    from flows.programme import Due

    crisis = say(quitter(), "i took 20 paracetamol an hour ago").conversation
    due = WakeDue(Due.CHECK_IN, 11, crisis.plan)
    soon = step(crisis, due, now=NOW + timedelta(hours=47))
    assert soon.effects == ()
    later = step(crisis, due, now=NOW + timedelta(hours=49))
    assert keys(later)  # the check-in comes again after the hold


def test_someone_hurting_them_tells_the_advisor_to_text_first() -> None:
    request = requests(say(quitter(), "scared to go home tonight, he hits me"))[0]
    assert request.note == SOMEONE_MAY_HURT_THEM


def test_a_dog_that_ate_a_patch_gets_the_vet_not_a_child_warning() -> None:
    assert keys(say(quitter(), "the dog chewed up one of my patches"))[0] == (
        m.MEDICAL_INGESTION_PET.key
    )
    assert keys(say(quitter(), "my 3 year old had some of my nicotine lozenges"))[0] == (
        m.MEDICAL_INGESTION.key
    )


def test_an_english_crisis_text_in_a_welsh_conversation_gets_english() -> None:
    replies = [
        e
        for e in say(quitter(locale="cy"), "i want to end my life tonight").effects
        if isinstance(e, Reply)
    ]
    assert replies[0].locale == "en_GB"


def test_a_childs_age_is_not_a_count_of_cigarettes() -> None:
    at_count = Conversation(stage=Stage.CIGARETTES, profile=Profile(age=30))
    result = say(at_count, "my 3 year old had some of my nicotine lozenges")
    assert result.conversation.profile.cigarettes_per_day is None
    assert keys(result)[0] == m.MEDICAL_INGESTION.key


@pytest.mark.parametrize(
    "text",
    [
        "I know how much potassium it takes and I can get it at work",
        "I've had enough of life",
        "isie rhoi diwedd ar y cwbl",
        "got a stash of oramorph from work at home",
        "cant see myself being here next week",
        "sneb yn mynd i weld fy eisiau i",
        "dwi'n mynd i grogi fy hun",
        "wedi torri fy ngarddyrnau",
        "i'll be gone by monday",
        "see you on the other side tomorrow",
        "after 5 I'm going to finish it",
        "k i l l  m y s e l f",
        "CYMORTH!!!",
    ],
)
def test_the_outside_testers_missed_crisis_texts_are_caught(text: str) -> None:
    assert screen(text).has(Concern.CRISIS), text


# --- Found by a reviewer ------------------------------------------------------------------------


def test_a_planned_question_or_a_keyword_replaces_an_unanswered_are_you_safe() -> None:
    from flows import WakeDue
    from flows.programme import Due

    asked = say(quitter(), "not suicidal, just can't cope").conversation
    woken = step(asked, WakeDue(Due.CHECK_IN, 11, asked.plan), now=NOW)
    assert not woken.conversation.safety_question
    assert say(woken.conversation, "no").conversation.asking is Asking.CRAVING  # the check-in
    stopped = say(asked, "STOP")
    assert not stopped.conversation.safety_question


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("yes", True),
        ("I'm safe", True),
        ("im ok", True),
        ("dwi'n saff", True),
        ("no", False),
        ("yes but not really", False),
        ("not sure", False),
        ("idk", False),
    ],
)
def test_are_you_safe_is_read_as_people_answer_it(text: str, safe: bool) -> None:
    asked = say(quitter(), "not suicidal, just can't cope").conversation
    result = say(asked, text)
    assert (m.DISTRESS_SAFE.key in keys(result)) is safe
    assert (m.CRISIS.key in keys(result)) is not safe


def test_the_hold_after_a_crisis_never_drops_a_follow_up_or_the_exit_survey() -> None:
    from flows import WakeDue
    from flows.programme import Due

    surveying = quitter(stage=Stage.EXIT_SURVEY, asking=Asking.SURVEY_EASE)
    crisis = say(surveying, "i want to end my life")
    assert crisis.conversation.asking is Asking.SURVEY_EASE  # the survey question waits
    four_weeks = quitter(quit_date=date(2026, 11, 2))
    held = say(four_weeks, "i want to end my life").conversation
    follow_up = step(held, WakeDue(Due.FOLLOW_UP_4W, 28, held.plan), now=NOW)
    assert keys(follow_up) == [m.FOLLOW_UP_4W_ASK.key]


def test_pregnancy_and_distress_together_get_both() -> None:
    result = say(quitter(), "I'm pregnant and I'm not suicidal but I can't cope")
    assert m.PREGNANCY.key in keys(result) and m.DISTRESS_CHECK.key in keys(result)
    assert result.conversation.safety_question == 1


def test_a_count_of_cigarettes_by_brand_is_still_a_count() -> None:
    from flows import answers

    assert answers.number("20 marlboro lights") == 20
    assert answers.number("took 20 paracetamol") is None


def test_a_long_vent_with_no_full_stop_is_read_to_the_end() -> None:
    vent = "and the ward was short again and the reg shouted " * 150 + "i want to die tonight"
    assert screen(vent).has(Concern.CRISIS)


@pytest.mark.parametrize(
    "text",
    [
        "put the dog with my sister, left a note for the lads. so long",  # prepare + farewell
        "got a stash of my dads co-codamol now and i know how many",  # means + prepare
        "stuck in this and honestly theres nothing left to look forward to",  # trapped + hopeless
        "wont be around after tonight, sorry for being hard work",  # farewell + burden
    ],
)
def test_warning_signs_of_two_kinds_no_rule_foresaw_are_a_crisis(text: str) -> None:
    result = say(quitter(), text)
    assert m.CRISIS.key in keys(result) or m.CRISIS_ACT.key in keys(result)
    assert [r.urgent for r in requests(result)] == [True]


@pytest.mark.parametrize(
    "text",
    [
        "bought paracetamol on the way home",  # one sign alone
        "farewell do for my manager tonight, so sorry I cant come",  # a time set is not a sign
        "pt in bay 6 stockpiled her tablets, spent all night on toxbase",  # a patient's
        "my nan wrote a will and bought a plot, she's very organised",  # someone else's, no risk
        "im not stuck, no way, ive bought patches and i feel great",  # negated, and no risk
        "stuck on the M6 tonight, no way out of this traffic",  # a commute, not a life
    ],
)
def test_a_single_warning_sign_or_someone_elses_is_everyday_talk(text: str) -> None:
    assert not screen(text).has(Concern.CRISIS)


@pytest.mark.parametrize(
    "text",
    ["im safe, honestly, just feel so alone", "not gonna do anything daft but im exhausted"],
)
def test_saying_they_are_safe_while_struggling_gets_the_gentle_check(text: str) -> None:
    assert keys(say(quitter(), text))[0] == m.DISTRESS_CHECK.key


# --- The example net's verdict (worked out in bot/, passed in the event) -------------------------

PLAN = "the bridge by the ring road keeps calling me after every shift"


def hinted(conversation: Conversation, text: str, hint: NetHint, channel: Channel = Channel.WEB):  # type: ignore[no-untyped-def]
    return step(conversation, MessageReceived(text=text, channel=channel, net=hint), now=NOW)


def a_hint(*expect: str, category: str = "plan_or_means") -> NetHint:
    return NetHint(expect, category, "I know exactly which bridge and when", 0.14)


def test_a_verdict_from_the_example_net_gets_that_kinds_reply_and_an_urgent_person() -> None:
    assert screen(PLAN).clear
    result = hinted(quitter(), PLAN, a_hint("crisis"))
    assert m.CRISIS.key in keys(result)
    [request] = requests(result)
    assert request.urgent and request.reason is AdvisorReason.CRISIS
    assert "I know exactly which bridge and when" in request.note  # why, for the advisor
    events = [e for e in result.effects if isinstance(e, RecordSafetyEvent)]
    assert [(e.concern, e.category) for e in events] == [
        (SafetyConcern.CRISIS, "example:plan_or_means")
    ]


def test_the_example_net_never_overrides_what_the_rules_found() -> None:
    result = hinted(quitter(), "I want to end my life", a_hint("pregnancy", category="pregnancy"))
    assert m.CRISIS.key in keys(result) and m.PREGNANCY.key not in keys(result)
    assert all("example" not in r.note for r in requests(result))


def test_the_example_net_is_not_used_on_talk_about_clinical_work() -> None:
    text = "patient in resus said the bridge by the ring road keeps calling him"
    assert screen(text, a_hint("crisis")).clear


def test_a_verdict_naming_two_kinds_gets_both_replies() -> None:
    result = hinted(quitter(), PLAN, a_hint("crisis", "medical", category="act_taken"))
    assert {m.CRISIS_ACT.key, m.CRISIS.key} <= set(keys(result))


def leaning(*expect: str, category: str = "plan_or_means") -> NetHint:
    """The net's verdict when it is nearer the risky examples but short of its margin."""
    return NetHint(expect, category, "I know exactly which bridge and when", 0.035, leaning=True)


def test_a_leaning_verdict_alone_gets_no_safety_reply() -> None:
    assert screen(PLAN, leaning("crisis")).clear
    result = hinted(quitter(), PLAN, leaning("crisis"))
    assert not requests(result)
    assert m.CRISIS.key not in keys(result) and m.DISTRESS_CHECK.key not in keys(result)


@pytest.mark.parametrize(
    ("before", "kept"),
    [
        (
            quitter(stage=Stage.PREPARING, quit_date=date(2026, 12, 2), asking=Asking.REASONS),
            "reasons",
        ),
        (quitter(asking=Asking.TRIGGERS), "triggers"),
        (quitter(stage=Stage.EXIT_SURVEY, asking=Asking.SURVEY_IMPROVE), "survey"),
    ],
)
def test_words_that_lean_towards_risk_are_not_kept_in_their_own_words(
    before: Conversation, kept: str
) -> None:
    # Without the net the sentence would be kept (and a reason later quoted back by CRAVE).
    assert getattr(say(before, PLAN).conversation, kept) != getattr(before, kept)
    result = hinted(before, PLAN, leaning("crisis"))
    assert getattr(result.conversation, kept) == getattr(before, kept)
    assert m.DISTRESS_CHECK.key in keys(result)  # "are you safe right now?"
    [request] = requests(result)
    assert not request.urgent and "I know exactly which bridge and when" in request.note
    events = [e for e in result.effects if isinstance(e, RecordSafetyEvent)]
    assert events, "the message stays with the safety record"


def test_a_job_title_that_leans_towards_risk_is_not_kept() -> None:
    before = Conversation(stage=Stage.ROLE, profile=Profile(age=30, nhs_staff=True, smokes=True))
    text = "healthcare assistant, bridge calls me"
    assert say(before, text).conversation.profile.role == text
    result = hinted(before, text, leaning("crisis"))
    assert result.conversation.profile.role is None
    assert m.DISTRESS_CHECK.key in keys(result)


def test_a_leaning_verdict_on_pregnancy_is_not_a_question_of_safety() -> None:
    before = quitter(stage=Stage.PREPARING, quit_date=date(2026, 12, 2), asking=Asking.REASONS)
    text = "stopping for my daughter who begged me"
    result = hinted(before, text, leaning("pregnancy", category="pregnancy"))
    assert result.conversation.reasons == text and not requests(result)


def test_a_message_the_example_net_flags_is_never_taken_as_an_answer() -> None:
    asking = quitter(asking=Asking.HOW_MANY, check_in_day=10)
    text = "7 and the bridge keeps calling me"
    assert say(asking, text).conversation.cigarettes_smoked == 7  # without the net: an answer
    result = hinted(asking, text, a_hint("crisis"))
    assert result.conversation.cigarettes_smoked == asking.cigarettes_smoked
    assert result.conversation.smoked_days == asking.smoked_days
    assert m.CRISIS.key in keys(result)


@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("can someone ring me", False),  # a request for a person: the queue, not the script
        ("can someone call me about my patches", False),
        ("someone call me please", False),
        ("can someone ring me now, I'm not ok", True),
        ("someone please call me im scared", True),
        ("Can someone ring me. Please. Now", True),
    ],
)
def test_asking_to_be_rung_is_a_crisis_only_with_urgency_or_distress(
    text: str, crisis: bool
) -> None:
    assert (Concern.CRISIS in screen(text).concerns) is crisis


def test_asking_for_a_person_in_so_many_words_is_not_a_crisis_by_likeness_alone() -> None:
    asking = NetHint(("crisis",), "call_for_help", "I need to talk to someone now, please", 0.2)
    assert screen("can I speak to someone", asking).clear  # a request: the queue, not 999
    assert Concern.CRISIS in screen("i need to talk to someone now please", asking).concerns
    plan = NetHint(("crisis",), "plan_or_means", "I've got them all lined up", 0.1)
    assert Concern.CRISIS in screen("can I speak to someone, the tablets are here", plan).concerns


@pytest.mark.parametrize(
    "text",
    [
        "not sure I'll be here next week tbh",
        "cnt go on like dis",
        "old enough to know I won't see 40",
    ],
)
def test_not_expecting_to_be_alive_in_plain_words_is_a_crisis(text: str) -> None:
    assert Concern.CRISIS in screen(text).concerns


@pytest.mark.parametrize(
    "text",
    [
        "not sure ill be here next week, might be in spain",
        "i wont see 40 quid of that back",
    ],
)
def test_being_away_or_out_of_pocket_is_not(text: str) -> None:
    assert screen(text).clear


def test_the_example_net_never_notes_a_pregnancy_on_its_own() -> None:
    hint = NetHint(("crisis", "pregnancy"), "suicidal_thoughts", "an example", 0.1)
    found = screen("ga i ddefnyddio patsys a gwm?", hint).concerns
    assert Concern.PREGNANCY not in found


@pytest.mark.parametrize(
    "text",
    [
        "a song on the radio made me want to die",
        "watched a documentary about burnout and honestly i want to die",
        "watched a film about a nurse and now I want to kill myself",
    ],
)
def test_a_programme_or_song_before_the_persons_own_words_does_not_hide_them(text: str) -> None:
    assert Concern.CRISIS in screen(text).concerns


@pytest.mark.parametrize(
    "text",
    [
        "the sam fender song about lads who took their own lives made me cry",
        "rhaglen ar S4C am ddynion ifanc a hunanladdiad neithiwr, werth ei gwylio",
    ],
)
def test_a_programme_or_song_about_suicide_is_a_topic(text: str) -> None:
    assert screen(text).clear


def test_someone_elses_risk_long_past_is_over_unless_it_is_back() -> None:
    assert screen("my friend tried to kill herself years ago, shes doing brilliantly now").clear
    for text in (
        "my friend tried to kill herself years ago and last night she said she'll do it again",
        "my mate used to self harm and shes started again",
        "my sister at school says she wants to die",
    ):
        assert Concern.SAFEGUARDING in screen(text).concerns, text


def test_the_sieve_finds_what_every_rule_read_alone_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The screen skips a run of rules when their joined pattern is nowhere in a line (it saves
    most of the screen's time on everyday words); it must never skip a rule that would find
    something. Every held-out corpus line and a share of the development ones, both ways."""
    lines = load(HELD_OUT) + load(DEVELOPMENT)[::7]
    assert len(lines) > 1500
    sieved = [safety._screen(item.text, None) for item in lines]  # (not the kept readings)
    monkeypatch.setattr(safety, "_SIEVES", [(re.compile(""), safety.RULES)])  # every rule
    assert [safety._screen(item.text, None) for item in lines] == sieved


def test_a_short_message_read_again_reads_the_same_and_words_of_harm_are_not_kept() -> None:
    """Short clear answers are remembered (many people send them); a second reading of one
    says what the first said, its language included. Words that raised a concern are read
    afresh every time and kept nowhere but the transcript."""
    for text in ("dw i ddim yn siŵr", "thanks, see you soon", "yes"):
        assert safety.screen(text) == safety.screen(text) == safety._screen(text, None)
    assert safety.screen("dw i ddim yn siŵr").welsh
    for _ in range(2):
        assert Concern.CRISIS in safety.screen("i want to die").concerns
    assert all(text != "i want to die" for text, _ in safety._KNOWN_CLEAR)
