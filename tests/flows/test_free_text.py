"""What a person gets when they write in their own words: the reply and the effect their
intent calls for, in English and Welsh, with or without a question waiting."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from flows import (
    Channel,
    Conversation,
    MessageReceived,
    RecordSafetyEvent,
    Reply,
    RequestAdvisor,
    Stage,
    WakeDue,
    step,
)
from flows import progress as check_ins
from flows.cravings import TIPS
from flows.effects import AskAgainLater, TellWhenPerson
from flows.intent import Label
from flows.model import Asking, Frequency, Profile, QuitAid, WorkPattern
from flows.programme import Due
from flows.roster import Roster, ShiftKind
from messages import catalog as m
from messages.render import Renderer

QUIT = date(2026, 11, 26)  # a Thursday
LATER = datetime(2026, 12, 1, 13, 0, tzinfo=UTC)  # day 5
RENDER = Renderer({"privacy_url": "https://quitbot.example/privacy"})


def quitter(**changes: object) -> Conversation:
    base = Conversation(
        stage=Stage.QUITTING,
        quit_date=QUIT,
        plan=1,
        attempt=1,
        profile=Profile(age=30, cigarettes_per_day=20, quit_aid=QuitAid.NRT),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def say(conversation: Conversation, text: str):  # type: ignore[no-untyped-def]
    return step(conversation, MessageReceived(text, Channel.SMS), now=LATER)


def keys(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.message.key for e in result.effects if isinstance(e, Reply)]


def texts(result, locale: str = "en_GB") -> list[str]:  # type: ignore[no-untyped-def]
    return [
        RENDER.render(e.message, e.params, locale=locale)
        for e in result.effects
        if isinstance(e, Reply)
    ]


CRAVE_TIPS = {tip.message.key for tip in TIPS} | {m.CRAVE_OWN_REASONS.key}


@pytest.mark.parametrize(
    "text",
    ["need a fag", "I really want a fag right now", "craving bad", "crav", "dw i isio smôc"],
)
def test_a_craving_in_words_gets_craving_help(text: str) -> None:
    result = say(quitter(), text)
    assert keys(result)[0] in CRAVE_TIPS
    assert m.QUITTING_IDLE.key not in keys(result)
    assert len(result.conversation.craving_times) == 1  # counted, as CRAVE is
    assert result.conversation.recent_tips == (keys(result)[0],)


@pytest.mark.parametrize("text", ["had one", "i smoked", "slipped up", "i had a fag", "ges i un"])
def test_a_slip_in_words_is_met_as_slip_is(text: str) -> None:
    result = say(quitter(), text)
    assert keys(result) == [m.SLIP_ASK.key]
    assert result.conversation.asking is Asking.SLIP_KIND


def test_a_slip_with_a_number_is_recorded_with_it() -> None:
    told = say(quitter(), "i had 2 fags")
    assert told.conversation.cigarettes_smoked == 2
    assert 5 in told.conversation.smoked_days
    one_off = say(told.conversation, "1")
    assert keys(one_off) == [m.SLIP_ONE_OFF.key]
    assert one_off.conversation.cigarettes_smoked == 2  # not counted twice


def test_a_new_quit_date_in_words_starts_the_date_question() -> None:
    for text in ("new quit date", "i want to start again", "dwi isio dechrau eto"):
        result = say(quitter(stage=Stage.RELAPSED), text)
        assert keys(result) == [m.ASK_NEW_DATE.key]
        assert result.conversation.stage is Stage.QUIT_DATE


@pytest.mark.parametrize("text", ["stop texting me", "leave me alone", "gadewch lonydd i mi"])
def test_stop_in_words_stops(text: str) -> None:
    result = say(quitter(), text)
    assert result.conversation.opted_out
    assert keys(result) == [m.STOPPED.key]


def test_stop_in_words_works_mid_registration_and_a_lone_quit_does_not() -> None:
    registering = Conversation(stage=Stage.POSTCODE, profile=Profile(age=30))
    assert say(registering, "please stop messaging me").conversation.opted_out
    telegram = step(registering, MessageReceived("quit", Channel.TELEGRAM), now=LATER)
    assert not telegram.conversation.opted_out  # QUIT is never ours (DOMAIN.md traps)


def test_fewer_and_more_messages_change_the_setting() -> None:
    fewer = say(quitter(), "less texts please")
    assert fewer.conversation.frequency is Frequency.LESS
    assert keys(fewer) == [m.LESS_MESSAGES.key]
    more = say(fewer.conversation, "can you text me more often")
    assert more.conversation.frequency is Frequency.MORE
    assert keys(more) == [m.MORE_MESSAGES.key]


def test_later_mid_check_in_asks_again_in_a_few_hours() -> None:
    asked = quitter(asking=Asking.SMOKED, check_in_day=5)
    for text in ("later", "not now", "busy", "ddim nawr"):
        result = say(asked, text)
        assert keys(result) == [m.SNOOZED.key]
        assert AskAgainLater(3) in result.effects
        assert result.conversation.asking is Asking.SMOKED  # not read as a NO
        assert result.conversation.smoked_days == ()
    again = step(asked, WakeDue(Due.ASK_AGAIN, 5, plan=1), now=LATER)
    assert keys(again) == [check_ins.SMOKED[0].key]  # day 5's wording, as asked before


def test_later_with_nothing_waiting_sets_no_timer() -> None:
    result = say(quitter(), "not now")
    assert keys(result) == [m.SNOOZE_NOTHING_WAITING.key]
    assert not any(isinstance(e, AskAgainLater) for e in result.effects)
    answered = step(quitter(), WakeDue(Due.ASK_AGAIN, 5, plan=1), now=LATER)
    assert answered.effects == ()  # the question was answered meanwhile: nothing to ask


def test_asking_for_a_person_in_words() -> None:
    result = say(quitter(), "is there a human i can talk to")
    assert any(isinstance(e, RequestAdvisor) for e in result.effects)
    assert any(isinstance(e, TellWhenPerson) for e in result.effects)


@pytest.mark.parametrize("text", ["ta", "cheers", "ok", "👍", "diolch", "thanks x"])
def test_thanks_gets_a_short_warm_answer_not_the_idle_nag(text: str) -> None:
    result = say(quitter(), text)
    assert len(keys(result)) == 1
    assert keys(result)[0] in {
        m.THANKS_REPLY.key,
        m.THANKS_REPLY_AGAIN.key,
        m.THANKS_REPLY_THIRD.key,
    }
    assert result.conversation.misunderstood == 0


def test_thanks_in_welsh_is_answered_in_welsh() -> None:
    result = say(quitter(locale="cy"), "diolch yn fawr")
    (reply,) = texts(result, "cy")
    assert "CHWANT" in reply or "Unrhyw bryd" in reply or "Falch" in reply


@pytest.mark.parametrize("text", ["feeling rubbish", "😭😭", "teimlo'n isel"])
def test_low_mood_gets_warmth_and_a_next_step(text: str) -> None:
    result = say(quitter(), text)
    assert keys(result)[:2] == [m.MOOD_SUPPORT.key, m.SAFETY_NET.key]
    assert "ADVISOR" in texts(result)[0]


def test_low_mood_on_varenicline_gets_the_medicine_warning() -> None:
    on_tablets = quitter(profile=Profile(age=30, quit_aid=QuitAid.VARENICLINE))
    result = say(on_tablets, "feeling really low today")
    assert m.LOW_MOOD_VARENICLINE.key in keys(result)


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("can i use patches and gum together", m.ANSWER_NRT),
        ("is vaping safe?", m.ANSWER_VAPE),
        ("what is varenicline", m.ANSWER_VARENICLINE),
        ("ga i fepio", m.ANSWER_VAPE),
    ],
)
def test_questions_about_aids_get_a_safe_answer_and_the_advisor_offer(
    text: str, answer: m.Message
) -> None:
    result = say(quitter(), text)
    assert keys(result) == [answer.key, m.AID_ADVICE_OFFER.key]
    for reply in texts(result) + texts(result, "cy"):
        assert "mg" not in reply.split()  # never a dose


def test_help_in_words_gets_the_whole_help_and_no_idle_nag() -> None:
    result = say(quitter(), "what can you do")
    assert keys(result) == [m.HELP.key, m.SAFETY_NET.key]
    help_text = texts(result)[0]
    for word in ("CRAVE", "SLIP", "MOOD", "DATE", "NEXT", "FINISH", "RESUME", "START", "STOP"):
        assert word in help_text


def test_progress_in_words() -> None:
    result = say(quitter(), "how am I doing")
    assert keys(result) == [m.PROGRESS_ASKED.key]
    assert "5 smoke-free days" in texts(result)[0]
    preparing = say(quitter(stage=Stage.PREPARING), "how many days")
    assert keys(preparing) == [m.PROGRESS_BEFORE_QUIT_DAY.key]


@pytest.mark.parametrize(
    ("text", "count"), [("i smoked 3", 3), ("a couple", 2), ("had 2 fags", 2)]
)
def test_mid_check_in_smoking_in_words_is_an_answer(text: str, count: int) -> None:
    result = say(quitter(asking=Asking.SMOKED, check_in_day=5), text)
    assert m.YES_NO_REASK.key not in keys(result)
    assert result.conversation.cigarettes_smoked == count
    assert result.conversation.asking is Asking.CRAVING


@pytest.mark.parametrize("text", ["i smoked", "loads", "yes loads"])
def test_mid_check_in_smoking_without_a_number_asks_how_many(text: str) -> None:
    result = say(quitter(asking=Asking.SMOKED, check_in_day=5), text)
    assert keys(result) == [m.CHECK_IN_HOW_MANY.key]


@pytest.mark.parametrize("text", ["it was a good day", "had a nap instead"])
def test_mid_check_in_other_words_are_not_taken_for_smoking(text: str) -> None:
    result = say(quitter(asking=Asking.SMOKED, check_in_day=5), text)
    assert result.conversation.cigarettes_smoked == 0
    assert result.conversation.asking is Asking.SMOKED
    assert keys(result) == [m.YES_NO_REASK.key]


def test_a_craving_mid_check_in_gets_help_and_the_question_waits() -> None:
    asked = quitter(asking=Asking.CRAVING)
    result = say(asked, "need a fag now")
    assert keys(result)[0] in CRAVE_TIPS
    assert result.conversation.asking is Asking.CRAVING


def test_scale_labels_are_accepted_and_re_asks_fit_the_scale() -> None:
    motivation = Conversation(stage=Stage.MOTIVATION, profile=Profile(age=30))
    moved = say(motivation, "very much")
    assert moved.conversation.profile.motivation == 5
    unclear = say(motivation, "purple")
    (reask,) = texts(unclear)
    assert "1 to 5" in reask and "e.g. 10" not in reask
    mood = say(quitter(asking=Asking.MOOD), "very good")
    assert mood.conversation.asking is None
    craving = say(quitter(asking=Asking.CRAVING), "none")
    assert craving.conversation.asking is Asking.MOOD
    again = say(quitter(asking=Asking.CRAVING), "purple")
    assert "0 to 5" in texts(again)[0]


@pytest.mark.parametrize(
    ("text", "picked"),
    [
        ("patches", QuitAid.NRT),
        ("the vape", QuitAid.VAPE),
        ("stop smoking tablets", QuitAid.VARENICLINE),
        # Cytisine is the other stop smoking tablet: the same low-mood care applies to it.
        ("cytisine", QuitAid.VARENICLINE),
    ],
)
def test_list_labels_are_accepted(text: str, picked: QuitAid) -> None:
    asked = Conversation(stage=Stage.QUIT_AID, profile=Profile(age=30))
    assert say(asked, text).conversation.profile.quit_aid is picked


def test_nights_is_a_work_pattern() -> None:
    asked = Conversation(stage=Stage.WORK_PATTERN, profile=Profile(age=30))
    assert say(asked, "nights").conversation.profile.work_pattern is WorkPattern.NIGHTS


def test_a_correction_at_the_roster_read_back_is_the_new_answer() -> None:
    proposed = Roster(weekly={3: ShiftKind.NIGHT})
    confirming = quitter(asking=Asking.CONFIRM_ROSTER, proposed_roster=proposed)
    result = say(confirming, "no its 4 nights on 4 off from thursday")
    assert m.ROSTER_AGAIN.key not in keys(result)
    assert result.conversation.asking is Asking.CONFIRM_ROSTER
    new = result.conversation.proposed_roster
    assert new is not None and new != proposed
    assert new.cycle == (ShiftKind.NIGHT,) * 4 + (None,) * 4
    assert say(confirming, "no").conversation.asking is Asking.ROSTER  # a plain NO as before


def test_distress_is_never_swallowed_by_an_intent() -> None:
    result = say(quitter(), "need a fag, i want to end it all")
    assert m.CRISIS.key in keys(result)
    assert not any(k in CRAVE_TIPS for k in keys(result))


def test_unknown_words_still_count_towards_a_person() -> None:
    result = say(quitter(), "my dog ate my charger")
    assert result.conversation.misunderstood == 1


def test_a_likeness_guess_is_acted_on_only_where_the_rules_read_nothing_and_never_for_stop() -> (
    None
):
    text = "could you cool it with the messages"
    guessed = step(quitter(), MessageReceived(text, Channel.WEB, likely=Label.FEWER), now=LATER)
    assert guessed.conversation.frequency is Frequency.LESS
    assert keys(guessed) == [m.LESS_MESSAGES.key]
    # The rules' own reading wins over a guess ("less texts please" is fewer, whatever it says).
    ruled = step(
        quitter(), MessageReceived("less texts please", Channel.WEB, likely=Label.MORE), now=LATER
    )
    assert ruled.conversation.frequency is Frequency.LESS
    # Stopping is decided only by the person's own words, never by a likeness.
    kept = step(quitter(), MessageReceived(text, Channel.WEB, likely=Label.STOP), now=LATER)
    assert not kept.conversation.opted_out
    assert kept.conversation.frequency is not Frequency.LESS


def test_a_guessed_later_gives_way_to_an_answer_the_question_can_read() -> None:
    asking = quitter(asking=Asking.SMOKED, check_in_day=5)
    # The likeness may take "nope" for "not now"; the check-in question reads it as a no.
    nope = step(asking, MessageReceived("nope", Channel.WEB, likely=Label.SNOOZE), now=LATER)
    assert nope.conversation.asking is not Asking.SMOKED
    assert m.SNOOZED.key not in keys(nope)
    assert nope.conversation.smoked_days == asking.smoked_days
    # A guess with nothing the question can read still asks again later.
    text = "ask me a bit after my break"
    later = step(asking, MessageReceived(text, Channel.WEB, likely=Label.SNOOZE), now=LATER)
    assert later.conversation.asking is Asking.SMOKED
    assert m.SNOOZED.key in keys(later)


@pytest.mark.parametrize(
    "text",
    [
        "stop sending me stuff at 3am im asleep",
        "no more texts before 2pm please",
        "stopiwch anfon negeseuon yn y nos plis",
    ],
)
def test_a_stop_that_names_a_time_asks_for_quiet_hours_and_keeps_them_in(text: str) -> None:
    result = say(quitter(), text)
    assert not result.conversation.opted_out
    assert keys(result) == [m.ASK_QUIET_HOURS.key]


@pytest.mark.parametrize(
    "text",
    [
        "no messages before 11am please, I sleep after nights",
        "can you not text in the mornings",
        "nothing while I'm asleep please",
        "dim negeseuon cyn 10 y bore plis",
        "peidiwch â thecstio fi ar ôl 9 y nos",
    ],
)
def test_quiet_hours_in_their_own_words_are_asked_for_and_keep_them_in(text: str) -> None:
    result = say(quitter(), text)
    assert not result.conversation.opted_out
    assert keys(result) == [m.ASK_QUIET_HOURS.key]


@pytest.mark.parametrize(
    "text",
    ["I'd like to leave the scheme", "withdraw me from the programme", "delete my number"],
)
def test_leaving_the_scheme_in_words_stops(text: str) -> None:
    result = say(quitter(), text)
    assert result.conversation.opted_out
    assert keys(result) == [m.STOPPED.key]


@pytest.mark.parametrize(
    "text", ["stop sending so many", "stop texting me so much, one a day max"]
)
def test_stop_sending_so_many_asks_for_fewer_and_keeps_them_in(text: str) -> None:
    result = say(quitter(), text)
    assert not result.conversation.opted_out
    assert result.conversation.frequency is Frequency.LESS


@pytest.mark.parametrize("text", ["not today", "not tonight", "dim heno"])
def test_not_today_to_another_question_asks_again_later(text: str) -> None:
    asked = quitter(asking=Asking.MOOD, check_in_day=5)
    result = say(asked, text)
    assert keys(result) == [m.SNOOZED.key]
    assert AskAgainLater(3) in result.effects
    assert result.conversation.asking is Asking.MOOD


@pytest.mark.parametrize(
    "text", ["I'm 3 days clean", "10 days smoke free woo", "been good, nothing for 4 days"]
)
def test_smoke_free_in_words_to_the_check_in_is_a_no_whatever_the_number(text: str) -> None:
    result = say(quitter(asking=Asking.SMOKED, check_in_day=5), text)
    assert result.conversation.cigarettes_smoked == 0
    assert result.conversation.smoked_days == ()
    assert result.conversation.asking is Asking.CRAVING


@pytest.mark.parametrize(
    "text",
    [
        "havnt smoked in a wk",
        "not had a fag in 3 days",
        "heb smocio o gwbl",
        "My partner smoked 3 in front of me and I didn't have any",
        "dreamt I smoked 10 cigs lol",
    ],
)
def test_not_smoking_someone_elses_smoking_and_dreams_are_not_slips(text: str) -> None:
    result = say(quitter(), text)
    assert m.SLIP_ASK.key not in keys(result)
    assert result.conversation.cigarettes_smoked == 0


def test_a_slip_is_never_taken_from_a_likeness_alone() -> None:
    text = "well that went out the window last night"
    guessed = step(quitter(), MessageReceived(text, Channel.WEB, likely=Label.SLIP), now=LATER)
    assert m.SLIP_ASK.key not in keys(guessed)
    assert guessed.conversation.smoked_days == ()


@pytest.mark.parametrize("text", ["not today", "nope not today thanks", "ddim heddiw"])
def test_not_today_to_have_you_smoked_is_a_no_not_a_snooze(text: str) -> None:
    asking = quitter(asking=Asking.SMOKED, check_in_day=10)
    result = say(asking, text)
    assert keys(result) == [m.CHECK_IN_CRAVING.key]  # on to the next question
    assert result.conversation.cigarettes_smoked == asking.cigarettes_smoked
    assert not any(isinstance(e, AskAgainLater) for e in result.effects)


@pytest.mark.parametrize("text", ["fed up today", "stressed with the rota", "meh. just meh"])
def test_a_grumble_on_varenicline_is_asked_about_not_treated_as_a_side_effect(text: str) -> None:
    on_tablets = quitter(profile=Profile(age=30, quit_aid=QuitAid.VARENICLINE))
    result = say(on_tablets, text)
    assert keys(result) == [m.MOOD_SUPPORT.key, m.SAFETY_NET.key, m.LOW_MOOD_VARENICLINE_ASK.key]
    assert not any(isinstance(e, RequestAdvisor) and e.urgent for e in result.effects)
    assert not any(isinstance(e, RecordSafetyEvent) for e in result.effects)


def test_the_mood_keyword_on_varenicline_still_calls_a_person_urgently() -> None:
    on_tablets = quitter(profile=Profile(age=30, quit_aid=QuitAid.VARENICLINE))
    result = say(on_tablets, "MOOD")
    assert m.LOW_MOOD_VARENICLINE.key in keys(result)
    assert any(isinstance(e, RequestAdvisor) and e.urgent for e in result.effects)
