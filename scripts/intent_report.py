"""Measure the free-text intent reader (flows/intent.py) on a table of phrasings.

Usage: python scripts/intent_report.py FILE.tsv [--misses] [--min PERCENT]

The table has one phrasing a line: `intent<TAB>count<TAB>lang<TAB>text` (a first line that
starts with "intent" is a header; blank lines and lines starting with "#" are skipped; `count`
may be empty). It prints the accuracy overall, per intent and per language, how often a
slip's count was right where the table gives one, and with --misses every phrasing read
wrongly. With --min, the exit status is 1 when overall accuracy is below PERCENT.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flows.engine import GUESSABLE  # noqa: E402
from flows.intent import Label, intent_of  # noqa: E402


@dataclass(frozen=True, slots=True)
class Row:
    """One phrasing and what it must be read as."""

    line: int
    intent: str
    count: int | None
    lang: str
    text: str


@dataclass(frozen=True, slots=True)
class Result:
    """How a table was read."""

    rows: tuple[Row, ...]
    got: tuple[tuple[str, int | None], ...]

    @property
    def correct(self) -> int:
        return sum(
            1 for row, (label, _) in zip(self.rows, self.got, strict=True) if ok(row, label)
        )

    @property
    def accuracy(self) -> float:
        return self.correct / len(self.rows) if self.rows else 1.0


def ok(row: Row, label: str) -> bool:
    return label == row.intent


def read_table(path: Path) -> list[Row]:
    """The rows of a TSV table (see the module's doc)."""
    rows = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        parts = raw.split("\t")
        if number == 1 and parts[0].strip().lower() == "intent":
            continue
        if len(parts) < 4:
            raise SystemExit(f"{path}:{number}: expected intent, count, lang and text")
        intent, count, lang, text = parts[0].strip(), parts[1].strip(), parts[2].strip(), parts[3]
        if len(parts) > 4:
            text = "\t".join(parts[3:])
        if intent not in {label.value for label in Label}:
            raise SystemExit(f"{path}:{number}: unknown intent {intent!r}")
        rows.append(Row(number, intent, int(count) if count else None, lang or "en", text))
    return rows


def measure(rows: list[Row], guess: Callable[[str], Label | None] | None = None) -> Result:
    """Read every row's text with the rules, and where they read nothing, with `guess` (the
    intent net) if given, as the service does (a guess is acted on only for the intents the
    flows take from a likeness: never STOP, nor a slip)."""
    got = []
    for row in rows:
        found = intent_of(row.text, row.lang)
        label = found.label
        if label is Label.UNKNOWN and guess is not None:
            likely = guess(row.text)
            label = likely if likely in GUESSABLE else label
        got.append((label.value, found.count))
    return Result(tuple(rows), tuple(got))


def report(result: Result, *, misses: bool = False) -> str:
    """The accuracy table as text."""
    lines = [
        f"overall: {result.correct}/{len(result.rows)} = {100 * result.accuracy:.1f}%",
        "",
        f"{'intent':<18}{'right':>7}{'of':>5}{'accuracy':>10}   read instead as",
    ]
    totals: Counter[str] = Counter()
    rights: Counter[str] = Counter()
    wrong_as: dict[str, Counter[str]] = {}
    for row, (label, _) in zip(result.rows, result.got, strict=True):
        totals[row.intent] += 1
        if ok(row, label):
            rights[row.intent] += 1
        else:
            wrong_as.setdefault(row.intent, Counter())[label] += 1
    for intent in [label.value for label in Label if label.value in totals]:
        instead = ", ".join(f"{k} {v}" for k, v in wrong_as.get(intent, Counter()).most_common())
        share = 100 * rights[intent] / totals[intent]
        lines.append(
            f"{intent:<18}{rights[intent]:>7}{totals[intent]:>5}{share:>9.1f}%   {instead}"
        )
    lines.append("")
    for lang in sorted({row.lang for row in result.rows}):
        mine = [(r, g) for r, g in zip(result.rows, result.got, strict=True) if r.lang == lang]
        right = sum(1 for r, (label, _) in mine if ok(r, label))
        lines.append(f"language {lang}: {right}/{len(mine)} = {100 * right / len(mine):.1f}%")
    counted = [(r, g) for r, g in zip(result.rows, result.got, strict=True) if r.count is not None]
    if counted:
        right = sum(1 for r, (label, count) in counted if ok(r, label) and count == r.count)
        lines.append(f"slip counts given in the table: {right}/{len(counted)} right")
    if misses:
        lines += ["", "misses:"]
        for row, (label, count) in zip(result.rows, result.got, strict=True):
            if not ok(row, label) or (row.count is not None and count != row.count):
                lines.append(
                    f"  line {row.line} [{row.lang}] {row.text!r}: want {row.intent}"
                    f"{'' if row.count is None else f' ({row.count})'}, got {label}"
                    f"{'' if count is None else f' ({count})'}"
                )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Per-intent accuracy of flows/intent.py")
    parser.add_argument("table", type=Path, help="TSV: intent, count, lang, text")
    parser.add_argument("--misses", action="store_true", help="list every phrasing read wrongly")
    parser.add_argument("--min", type=float, default=None, help="fail below this percentage")
    parser.add_argument(
        "--net", action="store_true", help="also the intent net, where the rules read nothing"
    )
    args = parser.parse_args(argv)
    guess = None
    if args.net:
        from bot.intent_net import shared_intent_net

        net = shared_intent_net()
        if net is None:
            parser.error("the sentence model is not installed (scripts/_venv.sh)")
        guess = net.guess
    result = measure(read_table(args.table), guess)
    print(report(result, misses=args.misses))
    if args.min is not None and 100 * result.accuracy < args.min:
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
