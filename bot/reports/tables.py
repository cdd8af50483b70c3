"""The report's tables, built from storage.reports rows, with disclosure control applied to
every count (flows.statistics): what is published is already safe."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from statistics import mean

from flows.statistics import interval, percent, publishable, rounded, shown, wilson
from flows.tariff import DEFAULT_ROLES
from storage.reports import AttemptRow, PersonRow, Surveys

OUTCOMES = ("quit", "not_quit", "lost_to_follow_up", "pending")
RETURN_HEADER = [
    "group",
    "quit dates set",
    "self-reported quits (4 weeks)",
    "CO-validated quits",
    "not quit",
    "lost to follow-up",
    "not yet due",
    "quit rate %",
    "95% CI %",
    "CO-validated %",
]


@dataclass
class Table:
    """One table: published as CSV and in the HTML report."""

    name: str
    title: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True, slots=True)
class Rate:
    """A rate with its true counts, for charts (drawn only when publishable)."""

    label: str
    successes: int
    trials: int

    @property
    def value(self) -> float:
        return self.successes / self.trials if self.trials else 0.0

    @property
    def ci(self) -> tuple[float, float]:
        return wilson(self.successes, self.trials)

    @property
    def publishable(self) -> bool:
        return publishable(self.successes, self.trials)


def age_band(age: int | None) -> str:
    if age is None:
        return "not stated"
    for top, band in ((17, "under 18"), (34, "18-34"), (44, "35-44"), (59, "45-59")):
        if age <= top:
            return band
    return "60 and over"


_MANUAL = re.compile("|".join(rf"\b{re.escape(word)}\b" for word in DEFAULT_ROLES))


@functools.lru_cache(maxsize=4096)  # roles repeat: a few hundred distinct words in a service
def occupation(role: str | None) -> str:
    if not role:
        return "not stated"
    manual = _MANUAL.search(role.lower()) is not None
    return "routine and manual" if manual else "other occupations"


def imd_quintile(person: PersonRow) -> str:
    if person.imd_decile is None:
        return "unknown"
    return f"quintile {(person.imd_decile + 1) // 2}"


# A free-text answer (employer and trust) is a group of its own only when at least this many
# people gave the same answer (spaces and case aside); every other answer, and none, is
# "Other or not given". Otherwise whatever someone typed (a name, a phone number, a ward) would
# be published as a row, and the row itself would say that someone wrote to quitbot.
FREE_TEXT_MIN_PEOPLE = 10
OTHER = "Other or not given"


def normalised(answer: str | None) -> str:
    """A free-text answer as compared: spaces collapsed, case folded ("" for none)."""
    return " ".join((answer or "").split()).casefold()


def free_text_groups(
    people: Sequence[PersonRow], answer: Callable[[PersonRow], str | None]
) -> Callable[[PersonRow], str]:
    """The grouping for a free-text answer: the answers given by at least
    FREE_TEXT_MIN_PEOPLE of `people`, title-cased; everyone else in OTHER."""
    counts = Counter(normalised(answer(p)) for p in people)
    shown = {value for value, n in counts.items() if value and n >= FREE_TEXT_MIN_PEOPLE}

    def key(person: PersonRow) -> str:
        value = normalised(answer(person))
        return value.title() if value in shown else OTHER

    return key


Grouping = Callable[[Sequence[PersonRow]], Callable[[PersonRow], str]]


def _fixed(key: Callable[[PersonRow], str]) -> Grouping:
    return lambda _people: key


# Each breakdown: its title and, given everyone in the report, the group a person is in. Only
# the employer is free text (a role is only ever "routine and manual" or "other occupations";
# the rest are answers from a fixed list or set by quitbot).
BREAKDOWNS: tuple[tuple[str, Grouping], ...] = (
    ("age band", _fixed(lambda p: age_band(p.age))),
    ("gender", _fixed(lambda p: (p.gender or "not stated").replace("_", " "))),
    ("pregnancy", _fixed(lambda p: "pregnant" if p.pregnant else "not pregnant or not recorded")),
    ("quit aid", _fixed(lambda p: (p.quit_aid or "not stated").replace("_", " "))),
    ("occupation group", _fixed(lambda p: occupation(p.role))),
    ("work pattern", _fixed(lambda p: (p.work_pattern or "not stated").replace("_", " "))),
    ("employer", lambda people: free_text_groups(people, lambda p: p.employer)),
    ("provider", _fixed(lambda p: p.provider)),
    ("channel", _fixed(lambda p: p.channel)),
    (
        "language",
        _fixed(lambda p: {"en_GB": "English", "cy": "Welsh"}.get(p.locale, p.locale)),
    ),
    ("IMD quintile (1 = most deprived)", _fixed(imd_quintile)),
)


def _counts(attempts: Iterable[AttemptRow]) -> dict[str, int]:
    counts = dict.fromkeys((*OUTCOMES, "co", "set"), 0)
    for attempt in attempts:
        counts["set"] += 1
        counts[attempt.four_week] += 1
        counts["co"] += attempt.co_verified
    return counts


def _return_row(label: str, attempts: Sequence[AttemptRow]) -> list[str]:
    c = _counts(attempts)
    due = c["set"] - c["pending"]  # the rate's denominator: attempts whose window has closed
    return [
        label,
        shown(c["set"]),
        shown(c["quit"]),
        shown(c["co"]),
        shown(c["not_quit"]),
        shown(c["lost_to_follow_up"]),
        shown(c["pending"]),
        percent(c["quit"], due),
        interval(c["quit"], due),
        percent(c["co"], due),
    ]


def quarterly_return(people: Sequence[PersonRow]) -> list[Table]:
    """The NHS quarterly return's shape: all attempts, then one table per breakdown."""
    everything = [a for p in people for a in p.attempts]
    tables = [
        Table(
            "return_all",
            "Quit dates set and 4-week outcomes (all)",
            RETURN_HEADER,
            [_return_row("all", everything)],
            "Quit rate: self-reported 4-week quits of quit dates whose follow-up window "
            "(day 25 to day 42) has closed; lost to follow-up counts as not quit. "
            "Ethnicity is not collected by quitbot, so it has no breakdown.",
        )
    ]
    for title, grouping in BREAKDOWNS:
        key = grouping(people)
        groups: dict[str, list[AttemptRow]] = {}
        for person in people:
            groups.setdefault(key(person), []).extend(person.attempts)
        rows = [_return_row(label, attempts) for label, attempts in sorted(groups.items())]
        name = "return_by_" + re.sub(r"[^a-z]+", "_", title.lower()).strip("_")
        note = ""
        if title == "employer":
            note = (
                f"An employer or trust is shown only where at least {FREE_TEXT_MIN_PEOPLE} people "
                f"gave the same one; every other answer, and none, is in “{OTHER}”."
            )
        tables.append(Table(name, f"By {title}", RETURN_HEADER, rows, note))
    return tables


def funnel(people: Sequence[PersonRow]) -> tuple[Table, list[tuple[str, int]]]:
    """From first message to a 12-week quit, with drop-off (people, not attempts)."""
    stages = [
        ("first message", len(people)),
        ("registered", sum(p.registered for p in people)),
        ("quit date set", sum(bool(p.attempts) for p in people)),
        ("4-week quit", sum(any(a.four_week == "quit" for a in p.attempts) for p in people)),
        ("12-week quit", sum(any(a.twelve_week for a in p.attempts) for p in people)),
    ]
    rows = []
    previous: int | None = None
    for label, count in stages:
        kept = percent(count, previous) if previous is not None else ""
        rows.append([label, shown(count), kept])
        previous = count
    table = Table(
        "funnel",
        "The funnel: people at each stage",
        ["stage", "people", "% of the stage before"],
        rows,
        "Drop-off between stages is 100% minus the share kept.",
    )
    return table, stages


def rates_by(people: Sequence[PersonRow], key: Callable[[PersonRow], str]) -> list[Rate]:
    """4-week quit rates (of attempts whose window has closed) by a grouping."""
    groups: dict[str, list[AttemptRow]] = {}
    for person in people:
        groups.setdefault(key(person), []).extend(person.attempts)
    result = []
    for label, attempts in sorted(groups.items()):
        c = _counts(attempts)
        result.append(Rate(label, c["quit"], c["set"] - c["pending"]))
    return result


def rate_table(name: str, title: str, rates: Sequence[Rate], note: str = "") -> Table:
    rows = [
        [
            r.label,
            shown(r.trials),
            shown(r.successes),
            percent(r.successes, r.trials),
            interval(r.successes, r.trials),
        ]
        for r in rates
    ]
    header = ["group", "quit dates (window closed)", "4-week quits", "quit rate %", "95% CI %"]
    return Table(name, title, header, rows, note)


REACH: dict[str, tuple[str, Callable[[PersonRow], bool]]] = {
    "imd_1_2": ("IMD deciles 1-2", lambda p: p.imd_decile is not None and p.imd_decile <= 2),
    "routine_manual": ("routine and manual", lambda p: occupation(p.role) == "routine and manual"),
    "night_workers": ("night workers", lambda p: p.work_pattern == "nights"),
    "age_18_34": ("aged 18-34", lambda p: p.age is not None and 18 <= p.age <= 34),
    "men": ("men", lambda p: p.gender == "man"),
}


def reach(people: Sequence[PersonRow], reference: dict[str, float]) -> Table:
    """Priority groups' share of registered people, beside the reference share."""
    registered = [p for p in people if p.registered]
    total = len(registered)
    rows = []
    for key, (label, member) in REACH.items():
        count = sum(1 for p in registered if member(p))
        share = percent(count, total)
        ref = reference.get(key)
        ratio = ""
        if ref and share not in ("*", "-"):
            ratio = f"{float(share) / (100 * ref):.2f}"
        rows.append(
            [
                label,
                shown(count),
                share,
                f"{100 * ref:.1f}" if ref is not None else "not set",
                ratio,
            ]
        )
    return Table(
        "reach",
        "Reach of priority groups (registered people)",
        ["group", "people", "% of registered", "reference %", "reach ratio"],
        rows,
        "Reference: each group's share of NHS staff who smoke, from QUITBOT_REACH_REFERENCE "
        "(not set: no comparison). A ratio under 1 means the group is under-reached. The IMD "
        "share counts only people whose postcode was found; unknown postcodes count as not in "
        "deciles 1-2.",
    )


def cost(money: dict[int, dict[str, int]], names: dict[int, str]) -> Table:
    """Cost per quitter per provider, from the ledger."""
    rows = []
    for provider_id, figures in sorted(money.items(), key=lambda kv: names.get(kv[0], "")):
        pence = figures["pence"]
        row = [names.get(provider_id, str(provider_id)), f"{pence / 100:.2f}"]
        for key in ("co_verified", "self_reported"):
            count = rounded(figures[key])
            row.append(shown(figures[key]))
            row.append(
                "*" if count is None else ("-" if count == 0 else f"{pence / 100 / count:.2f}")
            )
        rows.append(row)
    return Table(
        "cost_per_quitter",
        "Cost per quitter, from the ledger",
        [
            "provider",
            "paid or payable £",
            "CO-verified quitters",
            "£ per CO-verified quitter",
            "self-reported quitters",
            "£ per self-reported quitter",
        ],
        rows,
        "Money recorded in the ledger in the period (claims less reversals) divided by the "
        "quitters claimed and not reversed; quitter counts rounded as everywhere.",
    )


def survey_table(s: Surveys) -> Table:
    def average(values: list[int]) -> str:
        return f"{mean(values):.1f}" if len(values) > 7 else "*" if values else "-"

    rows = [
        ["exit surveys answered", shown(s.answered)],
        ["ease of use, mean of 1-5", average(s.ease)],
        ["how helpful, mean of 1-5", average(s.helpful)],
        ["would recommend, %", percent(s.recommend_yes, s.recommend_yes + s.recommend_no)],
        ["advisors' handover feedback notes", shown(s.feedback_notes)],
    ]
    return Table(
        "surveys",
        "Exit survey and advisor feedback",
        ["measure", "value"],
        rows,
        "Means over 7 answers or fewer are not shown. Free-text answers are not published.",
    )
