"""Measuring the safety screen on the corpus, by category and state: the development lines (the
example bank, bot/safety_examples/) and the held-out lines (tests/safety_corpus/).

Each corpus line says what the bot must do with a message (`expect`): the crisis numbers and an
urgent person (crisis), 999/111 and an urgent person (medical), the safeguarding reply and an
urgent person (safeguarding), stop-the-tablets advice and an urgent person (medication), the
maternity service (pregnancy), a gentle "are you safe?" (check), or nothing (none).

Two measures:
- the screen alone (`screen(text)`), for every line;
- the whole conversation step (`flows.step`) in many conversation states, which also checks
  that the message was not taken as an answer (nothing about the person changed but what the
  safety reply itself changes).

Used by tests/flows/test_safety_corpus.py (which fails below the committed rates) and by
scripts/safety_report.py (which writes docs/safety-screen.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path

from flows import (
    Channel,
    Conversation,
    MessageReceived,
    Profile,
    RecordSafetyEvent,
    Reply,
    RequestAdvisor,
    Stage,
    step,
)
from flows.model import Asking, QuitAid, WorkPattern
from flows.safety import NetHint, screen
from messages import catalog as m

CORPUS = Path(__file__).parent / "safety_corpus"  # the held-out lines
BANK = Path(__file__).parents[1] / "bot" / "safety_examples"  # the development lines
DEVELOPMENT = (
    "dev",
    "dev2",
    "dev3",
    "dev4",
    "dev5",
    "dev6",
    "dev7",
    "dev8",
    "dev9",
    "dev10",
    "dev11",  # written as held-out lines (heldout.tsv), measured, then used for development
    "dev12",  # likewise (heldout2.tsv)
    "dev13",  # likewise (heldout3.tsv)
    "dev14",  # heldout4.tsv: measured (in aggregate only, never read), then put in the bank
    "dev15",  # heldout5.tsv: measured once, then its misses read and used
    "dev16",  # heldout6.tsv: measured three times over two sessions, then its misses read and used
    "dev17",  # heldout7.tsv: measured once (94.7%, 7.6% false alarms), then its misses used
    "dev18",  # heldout8.tsv: measured once (95.2%, 7.3% false alarms), then its misses used
    "dev19",  # heldout9.tsv: measured once (94.2%, 6.2% false alarms), then its misses used
    "answers",  # everyday answers to the bot's own questions (for the example net)
)  # the rules were written against these
HELD_OUT = ("heldout10",)  # never used to write rules: the measure of unseen wordings
NOW = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)

# What counts as doing the right thing, for the screen alone.
_SCREEN_OK: dict[str, frozenset[str]] = {
    "crisis": frozenset({"crisis"}),
    "medical": frozenset({"medical"}),
    "safeguarding": frozenset({"safeguarding"}),
    "medication": frozenset({"medication"}),
    "pregnancy": frozenset({"pregnancy"}),
    "check": frozenset({"distress", "crisis"}),  # a crisis reply is more than enough
}
# ... and for a whole step: the replies that must be there, and whether a person is urgent.
_STEP_REPLIES: dict[str, frozenset[str]] = {
    "crisis": frozenset({m.CRISIS.key}),
    "medical": frozenset(
        {m.MEDICAL.key, m.MEDICAL_INGESTION.key, m.MEDICAL_INGESTION_PET.key, m.CRISIS_ACT.key}
    ),
    "safeguarding": frozenset(
        {m.SAFEGUARDING.key, m.SAFEGUARDING_WALES.key, m.SOMEONE_AT_RISK.key}
    ),
    "medication": frozenset({m.LOW_MOOD_VARENICLINE.key}),
    "pregnancy": frozenset({m.PREGNANCY.key}),
    "check": frozenset({m.DISTRESS_CHECK.key, m.CRISIS.key}),
}
_URGENT = frozenset({"crisis", "medical", "safeguarding", "medication"})


@dataclass(frozen=True, slots=True)
class Item:
    """One corpus line."""

    split: str
    expect: tuple[str, ...]  # one or two of crisis, medical, ... ; () for none
    category: str
    lang: str
    text: str

    @property
    def label(self) -> str:
        return "+".join(self.expect) or "none"


def load(splits: Iterable[str]) -> list[Item]:
    """The corpus lines of these splits."""
    items = []
    for split in splits:
        folder = CORPUS if split in HELD_OUT else BANK
        for line in (folder / f"{split}.tsv").read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#") or line.startswith("expect\t"):
                continue
            expect, category, lang, text = line.split("\t")
            wanted = () if expect == "none" else tuple(expect.split("+"))
            items.append(Item(split, wanted, category, lang, text))
    return items


def screen_ok(item: Item, hint: NetHint | None = None) -> bool:
    """The screen (with the example net's verdict, if given) found what the line needs (for
    none: found nothing)."""
    found = {c.value for c in screen(item.text, hint).concerns}
    if not item.expect:
        return not found
    return all(found & _SCREEN_OK[need] for need in item.expect)


# Conversation states a message can arrive in: registration questions, the journey's
# questions, idle, follow-ups, the exit survey, after discharge, and opted out.
def _registered(**changes: object) -> Conversation:
    base = Conversation(
        stage=Stage.QUITTING,
        quit_date=date(2026, 11, 20),
        attempt=1,
        plan=1,
        profile=Profile(
            age=34,
            nhs_staff=True,
            smokes=True,
            clozapine=False,
            work_pattern=WorkPattern.NIGHTS,
            cigarettes_per_day=15,
            quit_aid=QuitAid.NRT,
        ),
        reasons="my kids",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


STATES: dict[str, Conversation] = {
    "new": Conversation(),
    "consent": Conversation(stage=Stage.CONSENT),
    "age": Conversation(stage=Stage.AGE),
    "nhs_staff": Conversation(stage=Stage.NHS_STAFF, profile=Profile(age=30)),
    "role": Conversation(stage=Stage.ROLE, profile=Profile(age=30, nhs_staff=True, smokes=True)),
    "cigarettes": Conversation(stage=Stage.CIGARETTES, profile=Profile(age=30)),
    "past_attempts": Conversation(stage=Stage.PAST_ATTEMPTS, profile=Profile(age=30)),
    "quit_date": Conversation(stage=Stage.QUIT_DATE, profile=Profile(age=30)),
    "preparing_reasons": _registered(
        stage=Stage.PREPARING, quit_date=date(2026, 12, 2), asking=Asking.REASONS, reasons=None
    ),
    "check_in_smoked": _registered(asking=Asking.SMOKED, check_in_day=10),
    "check_in_how_many": _registered(asking=Asking.HOW_MANY, check_in_day=10),
    "check_in_mood": _registered(asking=Asking.MOOD, check_in_day=10),
    "quitting_idle": _registered(),
    "on_varenicline": _registered(profile=Profile(age=40, quit_aid=QuitAid.VARENICLINE)),
    "follow_up_4w": _registered(
        asking=Asking.FOLLOW_UP_4W, quit_date=date(2026, 11, 2), check_in_day=28
    ),
    "survey_improve": _registered(stage=Stage.EXIT_SURVEY, asking=Asking.SURVEY_IMPROVE),
    "discharged": _registered(stage=Stage.DISCHARGED),
    "welsh_idle": _registered(locale="cy"),
    "opted_out_web": _registered(opted_out=True),
    "opted_out_sms": _registered(opted_out=True),
}
CHANNELS = {"opted_out_sms": Channel.SMS, "age": Channel.SMS, "check_in_mood": Channel.TELEGRAM}
# What a person tells us: any of these changing means the text was taken as an answer.
_ANSWERS = (
    "profile",
    "reasons",
    "triggers",
    "quit_date",
    "proposed_quit_date",
    "smoked_days",
    "cigarettes_smoked",
    "survey",
    "followed_up",
    "roster",
    "proposed_roster",
    "quiet_hours",
    "locale",
)


def _changed(before: Conversation, after: Conversation) -> set[str]:
    changed = {name for name in _ANSWERS if getattr(before, name) != getattr(after, name)}
    if before.stage is not Stage.NEW and before.stage != after.stage:
        changed.add("stage")  # consent given or refused, a question answered
    return changed


@dataclass
class StepResult:
    """How the bot answered one line in one state."""

    ok: bool
    taken_as_answer: bool


def step_ok(item: Item, state: str, hint: NetHint | None = None) -> StepResult:
    """Send the line in `state` and judge the whole reply (see the module's doc)."""
    before = STATES[state]
    channel = CHANNELS.get(state, Channel.WEB)
    result = step(before, MessageReceived(text=item.text, channel=channel, net=hint), now=NOW)
    keys = {e.message.key for e in result.effects if isinstance(e, Reply)}
    requests = [e for e in result.effects if isinstance(e, RequestAdvisor)]
    events = [e for e in result.effects if isinstance(e, RecordSafetyEvent)]
    if not item.expect:
        return StepResult(ok=not events, taken_as_answer=False)
    ok = all(
        keys & _STEP_REPLIES[need]
        and (need not in _URGENT or any(r.urgent for r in requests))
        and (need != "pregnancy" or requests)
        for need in item.expect
    )
    if item.expect == ("pregnancy",) and before.pregnancy_noted:
        ok = True  # said once already
    return StepResult(ok=ok, taken_as_answer=bool(_changed(before, result.conversation)))


@dataclass
class Rates:
    """Hits out of totals, by key."""

    hits: Counter[str] = field(default_factory=Counter)
    totals: Counter[str] = field(default_factory=Counter)

    def add(self, key: str, hit: bool) -> None:
        self.totals[key] += 1
        self.hits[key] += hit

    def rate(self, key: str) -> float:
        return self.hits[key] / self.totals[key] if self.totals[key] else 0.0


def measure(
    items: list[Item], judge: Callable[[Item], bool]
) -> tuple[Rates, Rates]:  # (sensitivity by category, false alarms by category)
    """Sensitivity for lines that need something, false alarms for lines that need nothing."""
    sensitivity, false_alarms = Rates(), Rates()
    for item in items:
        hit = judge(item)
        if item.expect:
            sensitivity.add("all", hit)
            sensitivity.add(f"{item.label}/{item.category}", hit)
            sensitivity.add(f"lang:{item.lang}", hit)
        else:
            false_alarms.add("all", not hit)
            false_alarms.add(f"none/{item.category}", not hit)
            false_alarms.add(f"lang:{item.lang}", not hit)
    return sensitivity, false_alarms


def net_hints(items: list[Item]) -> dict[str, NetHint | None]:
    """The example net's verdict on each line (the real model and bank; None without them)."""
    from bot.example_net import shared_example_net

    net = shared_example_net()
    texts = list(dict.fromkeys(item.text for item in items))
    verdicts = net.judge_many(texts) if net is not None else [None] * len(texts)
    return dict(zip(texts, verdicts, strict=True))
