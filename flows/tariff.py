"""A provider's tariff: what each milestone pays, and the uplifts for priority groups.

Read from TOML text (docs/tariff.example.toml shows every key). Pure: the caller reads the
file. A mistake is a `BadTariff` naming the line and the problem, for a one-line error.
Money is whole pence throughout.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from flows.milestones import PAYABLE, Milestone

COMBINE = ("sum", "highest")
GROUPS = ("imd_1_2", "routine_manual", "night_workers", "age_18_34")
DEFAULT_ROLES = (
    "porter",
    "hca",
    "healthcare assistant",
    "health care assistant",
    "support worker",
    "domestic",
    "cleaner",
    "housekeeper",
    "catering",
    "cook",
    "chef",
    "kitchen",
    "driver",
    "security",
    "estates",
    "maintenance",
    "laundry",
    "stores",
    "warehouse",
)
OUTCOMES = (
    Milestone.FOUR_WEEK_SELF_REPORTED,
    Milestone.FOUR_WEEK_CO_VERIFIED,
    Milestone.TWELVE_WEEK_QUIT,
)
_TOP_KEYS = {
    "version",
    "effective_from",
    "currency",
    "combine",
    "cap_percent",
    "amounts",
    "uplifts",
}
_GROUP_KEYS = {"percent", "applies_to", "deciles", "roles", "work_patterns", "ages"}


class BadTariff(ValueError):
    """A tariff file that cannot be used: the message names the line and the problem."""


@dataclass(frozen=True, slots=True)
class Uplift:
    """A priority group's uplift: `percent` on top of the milestones it applies to."""

    group: str
    percent: Decimal
    applies_to: frozenset[Milestone]
    deciles: frozenset[int] = frozenset()
    roles: tuple[str, ...] = ()
    work_patterns: frozenset[str] = frozenset()
    ages: tuple[int, int] = (0, 0)


@dataclass(frozen=True, slots=True)
class Tariff:
    """One version of a provider's tariff, in force from `effective_from`."""

    version: str
    effective_from: date
    currency: str
    amounts: dict[Milestone, int]  # pence
    uplifts: tuple[Uplift, ...]
    combine: str = "sum"
    cap_percent: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Person:
    """What decides a person's priority groups (each may be unknown)."""

    age: int | None = None
    role: str | None = None
    work_pattern: str | None = None
    imd_decile: int | None = None
    imd_edition: str | None = None


@dataclass(frozen=True, slots=True)
class Price:
    """What one milestone pays: the base, the uplift and why."""

    base_pence: int
    uplift_pence: int
    reasons: tuple[str, ...]

    @property
    def amount_pence(self) -> int:
        return self.base_pence + self.uplift_pence


def parse(text: str) -> Tariff:
    """The tariff in `text`; BadTariff (line and problem) when it cannot be used."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BadTariff(_toml_problem(str(error), text)) from None
    where = _Where(text)
    for key in data:
        if key not in _TOP_KEYS:
            raise BadTariff(f"{where.key(key)}: unknown key {key!r}")
    version = data.get("version")
    if not isinstance(version, str) or not version.strip() or len(version) > 40:
        raise BadTariff(f"{where.key('version')}: version must be text of 1 to 40 characters")
    effective = data.get("effective_from")
    if type(effective) is not date:
        raise BadTariff(
            f"{where.key('effective_from')}: effective_from must be a date, 2026-04-01"
        )
    currency = data.get("currency", "GBP")
    if currency != "GBP":
        raise BadTariff(f"{where.key('currency')}: only GBP is supported")
    combine = data.get("combine", "sum")
    if combine not in COMBINE:
        raise BadTariff(f"{where.key('combine')}: combine is 'sum' or 'highest'")
    cap = data.get("cap_percent")
    cap_percent = None if cap is None else _percent(cap, where.key("cap_percent"))
    amounts_table = data.get("amounts")
    if not isinstance(amounts_table, dict) or not amounts_table:
        raise BadTariff(f"{where.table('amounts')}: an [amounts] table with a milestone is needed")
    amounts: dict[Milestone, int] = {}
    for key, value in amounts_table.items():
        line = where.key(key, "amounts")
        milestone = _payable(key, line)
        amounts[milestone] = _pence(value, line)
    uplifts = []
    for group, body in (data.get("uplifts") or {}).items():
        uplifts.append(_uplift(group, body, where))
    return Tariff(
        version=version.strip(),
        effective_from=effective,
        currency=currency,
        amounts=amounts,
        uplifts=tuple(uplifts),
        combine=combine,
        cap_percent=cap_percent,
    )


def price(tariff: Tariff, milestone: Milestone, person: Person) -> Price:
    """What `milestone` pays for `person` under `tariff` (nothing if it is not payable)."""
    base = tariff.amounts.get(milestone, 0) if milestone in PAYABLE else 0
    applying = [u for u in tariff.uplifts if milestone in u.applies_to and _member(u, person)]
    if not base or not applying:
        return Price(base, 0, ())
    if tariff.combine == "highest":
        best = max(applying, key=lambda u: u.percent)
        percent = best.percent
        reasons: tuple[str, ...] = (_reason(best, person),)
    else:
        percent = sum((u.percent for u in applying), Decimal(0))
        reasons = tuple(_reason(u, person) for u in applying)
    if tariff.cap_percent is not None and percent > tariff.cap_percent:
        percent = tariff.cap_percent
        reasons = (*reasons, f"capped at {tariff.cap_percent}%")
    uplift = (Decimal(base) * percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return Price(base, int(uplift), reasons)


def _member(uplift: Uplift, person: Person) -> bool:
    match uplift.group:
        case "imd_1_2":
            return person.imd_decile is not None and person.imd_decile in uplift.deciles
        case "routine_manual":
            role = (person.role or "").lower()
            return bool(role) and any(_word_in(word, role) for word in uplift.roles)
        case "night_workers":
            return person.work_pattern is not None and person.work_pattern in uplift.work_patterns
        case "age_18_34":
            low, high = uplift.ages
            return person.age is not None and low <= person.age <= high
    return False


def _reason(uplift: Uplift, person: Person) -> str:
    why = {
        "imd_1_2": f"IMD decile {person.imd_decile} ({person.imd_edition or 'edition unknown'})",
        "routine_manual": f"routine and manual role ({person.role})",
        "night_workers": f"works {person.work_pattern}",
        "age_18_34": f"aged {person.age}",
    }[uplift.group]
    return f"{uplift.group} +{uplift.percent}%: {why}"


def _word_in(word: str, text: str) -> bool:
    return re.search(rf"\b{re.escape(word)}\b", text) is not None


def _uplift(group: str, body: Any, where: _Where) -> Uplift:
    line = where.table(f"uplifts.{group}")
    if group not in GROUPS:
        raise BadTariff(f"{line}: unknown priority group {group!r} (one of {', '.join(GROUPS)})")
    if not isinstance(body, dict):
        raise BadTariff(f"{line}: [uplifts.{group}] must be a table")
    for key in body:
        if key not in _GROUP_KEYS:
            raise BadTariff(f"{where.key(key, f'uplifts.{group}')}: unknown key {key!r}")
    if "percent" not in body:
        raise BadTariff(f"{line}: [uplifts.{group}] needs a percent")
    percent = _percent(body["percent"], where.key("percent", f"uplifts.{group}"))
    applies = body.get("applies_to", [m.value for m in OUTCOMES])
    at = where.key("applies_to", f"uplifts.{group}")
    if not isinstance(applies, list) or not applies:
        raise BadTariff(f"{at}: applies_to is a list of milestones")
    applies_to = frozenset(_payable(str(name), at) for name in applies)
    deciles = body.get("deciles", [1, 2])
    at = where.key("deciles", f"uplifts.{group}")
    if not isinstance(deciles, list) or not all(
        isinstance(d, int) and 1 <= d <= 10 for d in deciles
    ):
        raise BadTariff(f"{at}: deciles is a list of whole numbers 1 to 10")
    roles = body.get("roles", list(DEFAULT_ROLES))
    at = where.key("roles", f"uplifts.{group}")
    if not isinstance(roles, list) or not all(isinstance(r, str) and r.strip() for r in roles):
        raise BadTariff(f"{at}: roles is a list of job words")
    patterns = body.get("work_patterns", ["nights"])
    at = where.key("work_patterns", f"uplifts.{group}")
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise BadTariff(f'{at}: work_patterns is a list such as ["nights"]')
    ages = body.get("ages", [18, 34])
    at = where.key("ages", f"uplifts.{group}")
    if (
        not isinstance(ages, list)
        or len(ages) != 2
        or not all(isinstance(a, int) for a in ages)
        or ages[0] > ages[1]
    ):
        raise BadTariff(f"{at}: ages is [youngest, oldest], e.g. [18, 34]")
    return Uplift(
        group=group,
        percent=percent,
        applies_to=applies_to,
        deciles=frozenset(deciles),
        roles=tuple(r.strip().lower() for r in roles),
        work_patterns=frozenset(patterns),
        ages=(ages[0], ages[1]),
    )


def _payable(name: str, line: str) -> Milestone:
    try:
        milestone = Milestone(name)
    except ValueError:
        known = ", ".join(m.value for m in Milestone if m in PAYABLE)
        raise BadTariff(f"{line}: unknown milestone {name!r} (one of {known})") from None
    if milestone not in PAYABLE:
        raise BadTariff(f"{line}: {name} is recorded, never paid")
    return milestone


def _pence(value: Any, line: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadTariff(f"{line}: an amount is a number of pounds, e.g. 40.00")
    pounds = Decimal(str(value))
    pence = pounds * 100
    if pence < 0 or pence != pence.to_integral_value() or pence > 100_000_00:
        raise BadTariff(f"{line}: {value} is not an amount in pounds and pence from 0 to 100000")
    return int(pence)


def _percent(value: Any, line: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadTariff(f"{line}: a percent is a number, e.g. 25")
    try:
        percent = Decimal(str(value))
    except InvalidOperation:  # pragma: no cover - tomllib gives real numbers
        raise BadTariff(f"{line}: a percent is a number") from None
    if not 0 <= percent <= 200:
        raise BadTariff(f"{line}: a percent is 0 to 200, not {value}")
    return percent


def _toml_problem(message: str, text: str) -> str:
    """tomllib's "Expected ... (at line 3, column 7)" as "line 3: expected ..."."""
    found = re.search(r"\(at line (\d+), column \d+\)", message)
    what = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
    what = what[:1].lower() + what[1:]
    if found:
        return f"line {found.group(1)}: {what}"
    return f"line {max(1, len(text.splitlines()))} (the end): {what}"


class _Where:
    """Finds the line a key or table is on, for error messages (tomllib gives no positions)."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()

    def table(self, name: str) -> str:
        wanted = re.compile(rf"^\s*\[\s*{re.escape(name)}\s*\]")
        for number, line in enumerate(self._lines, 1):
            if wanted.match(line):
                return f"line {number}"
        return self.key(name.split(".")[-1], ".".join(name.split(".")[:-1]) or None)

    def key(self, key: str, table: str | None = None) -> str:
        inside = table is None
        header = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")
        wanted = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        dotted = re.compile(rf"^\s*{re.escape(table or '')}\.{re.escape(key)}\s*=")
        for number, line in enumerate(self._lines, 1):
            found = header.match(line)
            if found:
                inside = table is not None and found.group(1) == table
                if table is None:
                    inside = False
                continue
            if (inside or (table is None and not self._in_table(number))) and wanted.match(line):
                return f"line {number}"
            if table is not None and dotted.match(line):
                return f"line {number}"
        return f"[{table}]" if table else "the file"

    def _in_table(self, number: int) -> bool:
        return any(re.match(r"^\s*\[", line) for line in self._lines[: number - 1])
