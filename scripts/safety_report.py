"""Measure the safety screen on tests/safety_corpus/ and write docs/safety-screen.md.

    .venv/bin/python scripts/safety_report.py

Sensitivity (lines that need a safety reply and got the right one) and false alarms (lines that
need nothing and got a safety reply), by category, language and conversation state, for the
development splits (the rules were written against them) and the held-out split (never used to
write rules: the honest figure for wordings we have not seen).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.safety_measure import (  # noqa: E402 - after the path is set
    DEVELOPMENT,
    HELD_OUT,
    STATES,
    Item,
    Rates,
    load,
    measure,
    screen_ok,
    step_ok,
)

OUT = ROOT / "docs" / "safety-screen.md"


def _pct(rates: Rates, key: str) -> str:
    if not rates.totals[key]:
        return "-"
    return f"{rates.rate(key):.1%} ({rates.hits[key]}/{rates.totals[key]})"


def _table(title: str, dev: Rates, held: Rates, what: str) -> list[str]:
    keys = sorted(set(dev.totals) | set(held.totals), key=lambda k: (k != "all", k))
    rows = [f"### {title}", "", f"| {what} | development | held out |", "|---|---|---|"]
    rows += [f"| {k} | {_pct(dev, k)} | {_pct(held, k)} |" for k in keys]
    return [*rows, ""]


def _by_state(items: list[Item]) -> list[str]:
    rows = [
        "| state | sensitivity | false alarms | distress taken as an answer |",
        "|---|---|---|---|",
    ]
    risky = [i for i in items if i.expect]
    calm = [i for i in items if not i.expect]
    for state in STATES:
        results = [step_ok(i, state) for i in risky]
        hits = sum(r.ok for r in results)
        taken = sum(r.taken_as_answer for r in results)
        alarms = sum(not step_ok(i, state).ok for i in calm)
        rows.append(
            f"| {state} | {hits / len(risky):.1%} ({hits}/{len(risky)}) "
            f"| {alarms / len(calm):.1%} ({alarms}/{len(calm)}) | {taken} |"
        )
    return [*rows, ""]


def main() -> int:
    dev, held = load(DEVELOPMENT), load(HELD_OUT)
    dev_sens, dev_fa = measure(dev, screen_ok)
    held_sens, held_fa = measure(held, screen_ok)
    lines = [
        "# The safety screen, measured",
        "",
        "Written by `scripts/safety_report.py`; `tests/flows/test_safety_corpus.py` fails below "
        "the committed rates. The corpus is in `tests/safety_corpus/` (sources in its "
        "`SOURCES.md`): each line says what the bot must do with a message. *Development* lines "
        f"({len(dev)}, files {', '.join(DEVELOPMENT)}) are the ones the rules were written "
        f"against; *held-out* lines ({len(held)}) were never used to write rules, so they are "
        "the fair estimate for wordings nobody has seen.",
        "",
        "*Sensitivity*: lines that need a safety reply and got the right kind. *False alarms*: "
        "everyday lines (NHS work talk, training, figures of speech about cravings, idioms) "
        "that got a safety reply.",
        "",
        "## How the screen works",
        "",
        "1. `flows/safety_text.py` rewrites the whole message (not just its start) into one "
        "spelling: lower case, no accents or apostrophes, letters repeated for emphasis cut "
        "back, txt-speak and slang spelt out (`kms`, `wanna`, `unalive`), dropped g's put back "
        "(`havin`), misspellings of the words that matter corrected by edit distance "
        "(rapidfuzz: `sucidal`, `overdsoe`), a few emoji read as words, Welsh mutations and "
        "dialect taken back to one form (`ladd` to `lladd`, `isie`/`moyn` to `eisiau`, `sa i` "
        "to `dwi ddim`). It splits the message into clauses.",
        "2. `flows/safety_rules.py` holds the rules, grouped by kind and category, each a "
        "pattern over that spelling with a comment. Besides exact wordings there are broad "
        "nets: a wish or plan near a word for dying, a means of dying near lingering or "
        "intent. A second net, for wordings no rule foresaw, counts the published warning "
        "signs in the person's own words (a means, getting ready, last words, feeling a "
        "burden, hopelessness, no future, feeling trapped, giving up, being alone, not "
        "feeling safe, intent, self-harm and its marks, an act done, words for dying, a time "
        "set): signs of two different kinds are a crisis; saying they are safe while saying "
        "they struggle is a gentle check.",
        "3. `flows/safety.py` judges each match: a topic of work or study is ignored; words "
        "about a patient, or said by someone else at work, are ignored; someone the person "
        "knows at risk is *someone at risk* (a safeguarding reply); a `not` just before turns "
        "a crisis into a gentle *are you safe?* check; a figure of speech about smoking is "
        "only a gentle check.",
        "4. `flows/safety_replies.py` turns what was found into replies (numbers first) and "
        "one request for a person, urgent or not, with a note for the advisor where it "
        "matters.",
        "",
        "## What the figures mean, and what is still missing",
        "",
        "The development figures show the rules do what they were written to do. The held-out "
        "figure is the one to trust for wordings nobody has seen, and it is **below the 95% "
        "the service aims for**: about one crisis text in five written in an unforeseen way "
        "gets no safety reply from the screen. Those messages still count towards offering a "
        "person after three unclear replies (hazard H6), are never stored as a number or a "
        "yes/no (H16), and every message is kept for the advisor console. To improve the "
        "screen: add new wordings to a development file (never to a held-out file), write or "
        "widen a rule, run this script, and check that false alarms stay low. Replace the "
        "held-out split with fresh lines from people who have not seen the rules from time to "
        "time, so it stays honest: each earlier held-out file, once its misses were read, "
        "became a development file (dev11, dev12, dev13). Each fresh file, measured before "
        "any rule was written from it, caught 72-81%: fitting rules to one file adds little "
        "to the next, so closing the gap to 95% needs something beyond more rules (see the "
        "hazard log, H15).",
        "",
        "One candidate was measured once (`scripts/experiments/example_net.py`, not part of the "
        "service): an example-based second net that embeds each message with a small sentence "
        "model (all-MiniLM-L6-v2) and flags it when its nearest risky corpus line is nearer "
        "than its nearest everyday line by a margin fixed beforehand by cross-validation on "
        "the development files. On the held-out file, rules alone flagged 83.4% of risky "
        "lines (any kind) with 6.0% false alarms; rules or that net flagged 97.3% with 9.3% "
        "false alarms. It would cost about 0.5 GB of memory and 10 ms a message, and its "
        "verdicts are explained by the example they are nearest to, not by a rule; whether "
        "to add it is for the clinical safety officer.",
        "",
        "## The screen alone",
        "",
        *_table("Sensitivity by category", dev_sens, held_sens, "category"),
        *_table("False alarms by category", dev_fa, held_fa, "category"),
        "## In every conversation state (held-out lines, the whole step)",
        "",
        "Each held-out line sent in each state through `flows.step`: the right replies and an "
        "urgent request for a person where the kind needs one, and the message never taken as "
        "an answer (the last column counts lines that changed anything a safety reply should "
        "not).",
        "",
        *_by_state(held),
    ]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    for name, sens, alarms in (
        ("development", dev_sens, dev_fa),
        ("held out", held_sens, held_fa),
    ):
        print(f"{name}: sensitivity {sens.rate('all'):.1%}, false alarms {alarms.rate('all'):.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
