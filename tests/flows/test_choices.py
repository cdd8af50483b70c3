"""Quick replies: tapping a question's button does exactly what typing that answer does.

Every question that offers buttons is asked here the way the flows ask it (with its own
parameters), in English and in Welsh; each label, as the person would see it on Telegram or in
the web chat, goes through the whole step (safety screen, keywords, intents, the answer's
reader) and must change the conversation exactly as typing the answer it stands for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

import pytest

from flows import Channel, Conversation, MessageReceived, Reply, Stage, WakeDue, step
from flows.engine import Step, ask
from flows.model import Asking, Profile, QuitAid
from flows.programme import Due
from messages import catalog as m
from messages.render import Renderer

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # Monday 23 November
QUIT = date(2026, 11, 10)  # quitting for two weeks by NOW
RENDER = Renderer({"privacy_url": "https://quitbot.example/privacy"})
LOCALES = ("en_GB", "cy")
# Re-asks: a button that is read never gets one of these.
REASKS = {
    m.CONSENT_REASK.key,
    m.YES_NO_REASK.key,
    m.CHOICE_REASK.key,
    m.SCALE_REASK_RANGE.key,
    m.QUIT_DATE_UNREADABLE.key,
    m.NOT_UNDERSTOOD.key,
    m.DISTRESS_ASK_AGAIN.key,
}
TYPED_YES_NO = {"en_GB": ("yes", "no"), "cy": ("ydw", "nac ydw")}


def say(conversation: Conversation, text: str, now: datetime = NOW) -> Step:
    return step(conversation, MessageReceived(text, Channel.TELEGRAM), now=now)


def last_reply(result: Step | tuple[Reply, ...]) -> Reply:
    effects = result.effects if isinstance(result, Step) else result
    return [e for e in effects if isinstance(e, Reply)][-1]


def registering(stage: Stage, **changes: object) -> Conversation:
    base = Conversation(stage=stage, profile=Profile(age=30, nhs_staff=True, smokes=True))
    return replace(base, **changes)  # type: ignore[arg-type]


def quitter(**changes: object) -> Conversation:
    base = Conversation(
        stage=Stage.QUITTING,
        quit_date=QUIT,
        plan=1,
        attempt=1,
        profile=Profile(age=30, cigarettes_per_day=20, quit_aid=QuitAid.NRT),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Situation:
    """A question being asked: how to get there, and what typing each button's answer is."""

    name: str
    reach: Callable[[Conversation], tuple[Conversation, Reply]]  # from a conversation's locale
    start: Callable[[], Conversation]
    typed: Callable[[str], tuple[str, ...]]  # per locale, one typed answer per button


def asked(conversation: Conversation) -> tuple[Conversation, Reply]:
    """The question this conversation is waiting on, as the flows ask it."""
    return conversation, last_reply(ask(conversation))


def after(*texts: str) -> Callable[[Conversation], tuple[Conversation, Reply]]:
    """The question asked after the person says `texts`, in turn."""

    def reach(conversation: Conversation) -> tuple[Conversation, Reply]:
        result = Step(conversation, ())
        for text in texts:
            result = say(result.conversation, text)
        return result.conversation, last_reply(result)

    return reach


def woken(due: Due, day: int) -> Callable[[Conversation], tuple[Conversation, Reply]]:
    def reach(conversation: Conversation) -> tuple[Conversation, Reply]:
        result = step(conversation, WakeDue(due, day, conversation.plan), now=NOW)
        return result.conversation, last_reply(result)

    return reach


def yes_no(locale: str) -> tuple[str, ...]:
    return TYPED_YES_NO[locale]


def no_yes(locale: str) -> tuple[str, ...]:
    return TYPED_YES_NO[locale][::-1]


def numbers(low: int, high: int) -> Callable[[str], tuple[str, ...]]:
    return lambda _locale: tuple(str(n) for n in range(low, high + 1))


def rostered() -> Conversation:
    # Nights Monday to Wednesday: the next whole day off after Monday 23 is Friday 27.
    reading = say(registering(Stage.ROSTER), "nights mon-wed").conversation
    kept = say(reading, "yes").conversation
    assert kept.roster is not None
    return registering(Stage.QUIT_AID, roster=kept.roster)


SITUATIONS = [
    Situation("consent", asked, lambda: registering(Stage.CONSENT), yes_no),
    Situation(
        "consent, asked again", after("perhaps"), lambda: registering(Stage.CONSENT), yes_no
    ),
    Situation("nhs staff", asked, lambda: registering(Stage.NHS_STAFF), yes_no),
    Situation("smokes", asked, lambda: registering(Stage.SMOKES), yes_no),
    Situation("clozapine", asked, lambda: registering(Stage.CLOZAPINE), yes_no),
    Situation(
        "yes or no, asked again", after("perhaps"), lambda: registering(Stage.SMOKES), yes_no
    ),
    Situation("gender", asked, lambda: registering(Stage.GENDER), numbers(1, 4)),
    Situation(
        "gender, asked again", after("purple"), lambda: registering(Stage.GENDER), numbers(1, 4)
    ),
    Situation("work pattern", asked, lambda: registering(Stage.WORK_PATTERN), numbers(1, 6)),
    Situation("first cigarette", asked, lambda: registering(Stage.FIRST_CIGARETTE), numbers(1, 4)),
    Situation("motivation", asked, lambda: registering(Stage.MOTIVATION), numbers(1, 5)),
    Situation(
        "motivation, asked again",
        after("dunno"),
        lambda: registering(Stage.MOTIVATION),
        numbers(1, 5),
    ),
    Situation("quit aid", asked, lambda: registering(Stage.QUIT_AID), numbers(1, 5)),
    Situation(
        "quit date: their next day off, or another day",
        after("5"),
        rostered,
        lambda _locale: ("27/11", "a different day"),
    ),
    Situation(
        "quit date read back",
        after("friday"),
        lambda: registering(Stage.QUIT_DATE),
        yes_no,
    ),
    Situation(
        "shifts read back", after("nights mon-wed"), lambda: registering(Stage.ROSTER), yes_no
    ),
    Situation("shifts guessed", after("SHIFT", "4 on 4 off"), lambda: quitter(), yes_no),
    # Each check-in question has five wordings, by the check-in's day: every one is tried.
    *(
        Situation(
            f"smoked? (day {day})",
            asked,
            lambda day=day: quitter(asking=Asking.SMOKED, check_in_day=day),
            no_yes,
        )
        for day in range(10, 15)
    ),
    *(
        Situation(
            f"cravings (day {day})",
            asked,
            lambda day=day: quitter(asking=Asking.CRAVING, check_in_day=day),
            numbers(0, 5),
        )
        for day in range(11, 15)
    ),
    *(
        Situation(
            f"mood (day {day})",
            asked,
            lambda day=day: quitter(asking=Asking.MOOD, check_in_day=day),
            numbers(1, 5),
        )
        for day in range(11, 15)
    ),
    Situation("cravings", asked, lambda: quitter(asking=Asking.CRAVING), numbers(0, 5)),
    Situation(
        "cravings, asked again",
        after("hmm"),
        lambda: quitter(asking=Asking.CRAVING),
        numbers(0, 5),
    ),
    Situation("mood", asked, lambda: quitter(asking=Asking.MOOD), numbers(1, 5)),
    Situation("slip", after("SLIP"), lambda: quitter(), numbers(1, 2)),
    Situation("slip, asked again", after("SLIP", "hmm"), lambda: quitter(), numbers(1, 2)),
    Situation(
        "4 weeks",
        woken(Due.FOLLOW_UP_4W, 28),
        lambda: quitter(quit_date=date(2026, 10, 26)),
        no_yes,
    ),
    Situation(
        "4 weeks, again",
        woken(Due.FOLLOW_UP_4W_AGAIN, 32),
        lambda: quitter(quit_date=date(2026, 10, 22)),
        no_yes,
    ),
    Situation(
        "12 weeks",
        woken(Due.FOLLOW_UP_12W, 84),
        lambda: quitter(quit_date=date(2026, 8, 31)),
        no_yes,
    ),
    Situation(
        "12 weeks, again",
        woken(Due.FOLLOW_UP_12W_AGAIN, 88),
        lambda: quitter(quit_date=date(2026, 8, 27)),
        no_yes,
    ),
    Situation(
        "survey: easy?",
        asked,
        lambda: quitter(stage=Stage.EXIT_SURVEY, asking=Asking.SURVEY_EASE),
        numbers(1, 5),
    ),
    Situation(
        "survey: helped?",
        asked,
        lambda: quitter(stage=Stage.EXIT_SURVEY, asking=Asking.SURVEY_HELPFUL),
        numbers(1, 5),
    ),
    Situation(
        "survey: recommend?",
        asked,
        lambda: quitter(stage=Stage.EXIT_SURVEY, asking=Asking.SURVEY_RECOMMEND),
        yes_no,
    ),
    Situation(
        "are you safe?",
        after("not suicidal, just can't cope"),
        lambda: quitter(),
        yes_no,
    ),
    Situation(
        "are you safe? asked again",
        after("not suicidal, just can't cope", "hmm"),
        lambda: quitter(),
        yes_no,
    ),
]


def _in(conversation: Conversation, locale: str) -> Conversation:
    return replace(conversation, locale=locale)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("situation", SITUATIONS, ids=[s.name for s in SITUATIONS])
def test_tapping_a_button_is_typing_its_answer(situation: Situation, locale: str) -> None:
    waiting, question = situation.reach(_in(situation.start(), locale))
    labels = RENDER.labels(
        question.offered(), question.params, locale=question.locale or waiting.locale
    )
    typed = situation.typed(locale)
    assert len(labels) == len(typed), f"{question.message.key}: {labels}"
    for label, answer in zip(labels, typed, strict=True):
        tapped, written = say(waiting, label), say(waiting, answer)
        assert tapped == written, f"{label!r} is not read as {answer!r}"
        said = [e.message.key for e in tapped.effects if isinstance(e, Reply)]
        assert not REASKS & set(said), f"{label!r} was not understood: {said}"
        assert tapped.conversation.misunderstood == 0


def test_every_question_with_buttons_is_tried() -> None:
    tried = set()
    for situation in SITUATIONS:
        _, question = situation.reach(situation.start())
        tried.add(question.message.key)
    offering = {v.key for v in vars(m).values() if isinstance(v, m.Message) and v.choices} | {
        m.CHOICE_REASK.key,
        m.SCALE_REASK_RANGE.key,
    }
    assert tried == offering


def test_a_re_ask_offers_the_questions_own_buttons() -> None:
    gender = last_reply(say(registering(Stage.GENDER), "purple"))
    assert gender.message is m.CHOICE_REASK and gender.offered() == m.ASK_GENDER.choices
    mood = last_reply(say(quitter(asking=Asking.MOOD), "hmm"))
    assert mood.message is m.SCALE_REASK_RANGE
    assert [c.text for c in mood.offered()] == ["1", "2", "3", "4", "5"]
    cravings = last_reply(say(quitter(asking=Asking.CRAVING), "hmm"))
    assert [c.text for c in cravings.offered()] == ["0", "1", "2", "3", "4", "5"]


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en_GB", ("Friday 27 November", "Another day")),
        ("cy", ("dydd Gwener 27 Tachwedd", "Diwrnod arall")),
    ],
)
def test_the_suggested_quit_date_is_a_button_in_the_persons_language(
    locale: str, expected: tuple[str, str]
) -> None:
    _, question = after("5")(_in(rostered(), locale))
    assert question.message is m.ASK_QUIT_DATE_DAY_OFF
    assert RENDER.labels(question.offered(), question.params, locale=locale) == expected


def test_another_day_asks_which_date_and_then_reads_one() -> None:
    waiting, _ = after("5")(rostered())
    other = say(waiting, "Another day")
    assert [e.message for e in other.effects if isinstance(e, Reply)] == [m.QUIT_DATE_AGAIN]
    assert other.conversation.stage is Stage.QUIT_DATE
    chosen = say(other.conversation, "saturday")
    assert chosen.conversation.proposed_quit_date == date(2026, 11, 28)


def test_questions_without_fixed_answers_offer_no_buttons() -> None:
    for message in (m.ASK_AGE, m.ASK_ROLE, m.ASK_ROSTER, m.CHECK_IN_HOW_MANY, m.ASK_QUIT_DATE):
        assert Reply(message).offered() == ()


@pytest.mark.parametrize("locale", LOCALES)
def test_every_label_is_short_enough_for_a_phones_button(locale: str) -> None:
    for message in vars(m).values():
        if isinstance(message, m.Message) and message.choices:
            for label in RENDER.labels(
                message.choices, {"date": date(2026, 12, 30)}, locale=locale
            ):
                assert 0 < len(label) <= 30, label
