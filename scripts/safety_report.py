"""Measure the safety screen on its corpus and write docs/safety-screen.md.

    .venv/bin/python scripts/safety_report.py

Sensitivity (lines that need a safety reply and got the right one) and false alarms (lines that
need nothing and got a safety reply), by category, language and conversation state, for the
development lines (bot/safety_examples/: the rules were written against them and they are the
example net's bank) and the held-out lines (tests/safety_corpus/: never used for either, the
honest figure for wordings nobody has seen); the held-out lines with the rules alone and with
the example net beside them, and the net on the development lines by leave-one-file-out.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.example_net import (  # noqa: E402 - after the path is set
    LEAN_MARGIN,
    MARGIN,
    MIN_WORDS,
    NEIGHBOURS,
    shared_example_net,
)
from flows.safety import NetHint  # noqa: E402
from tests.safety_measure import (  # noqa: E402
    DEVELOPMENT,
    HELD_OUT,
    STATES,
    Item,
    Rates,
    load,
    measure,
    net_hints,
    screen_ok,
    step_ok,
)

OUT = ROOT / "docs" / "safety-screen.md"


def _pct(rates: Rates, key: str) -> str:
    if not rates.totals[key]:
        return "-"
    return f"{rates.rate(key):.1%} ({rates.hits[key]}/{rates.totals[key]})"


def _table(title: str, columns: dict[str, Rates], what: str) -> list[str]:
    keys = sorted(
        {k for rates in columns.values() for k in rates.totals}, key=lambda k: (k != "all", k)
    )
    rows = [
        f"### {title}",
        "",
        f"| {what} | {' | '.join(columns)} |",
        "|---" * (len(columns) + 1) + "|",
    ]
    rows += [f"| {k} | {' | '.join(_pct(r, k) for r in columns.values())} |" for k in keys]
    return [*rows, ""]


def _by_state(items: list[Item], hints: dict[str, NetHint | None]) -> list[str]:
    rows = [
        "| state | sensitivity | false alarms | distress taken as an answer |",
        "|---|---|---|---|",
    ]
    risky = [i for i in items if i.expect]
    calm = [i for i in items if not i.expect]
    for state in STATES:
        results = [step_ok(i, state, hints[i.text]) for i in risky]
        hits = sum(r.ok for r in results)
        taken = sum(r.taken_as_answer for r in results)
        alarms = sum(not step_ok(i, state, hints[i.text]).ok for i in calm)
        rows.append(
            f"| {state} | {hits / len(risky):.1%} ({hits}/{len(risky)}) "
            f"| {alarms / len(calm):.1%} ({alarms}/{len(calm)}) | {taken} |"
        )
    return [*rows, ""]


REQUESTS_TOO = True


def _left_out_hints(items: list[Item]) -> dict[tuple[str, str], NetHint | None]:
    """The net's verdict on each development line with the line's own file left out of the
    bank (as if that file had never been written), glossed copies of its Welsh lines too:
    (split, text) -> verdict. Each line is read whole, and a Welsh one in its gloss too."""
    import numpy as np

    from bot.example_net import (
        _WORD,
        GLOSS_EXTRA_MARGIN,
        Example,
        ExampleNet,
        bank_vectors,
        everyday_requests,
        with_glosses,
    )
    from flows.welsh_gloss import gloss, looks_welsh

    net = shared_example_net()
    assert net is not None, "the sentence model is not installed (scripts/_venv.sh)"
    lines = [Example(i.expect, i.category, i.lang, i.text) for i in items]
    bank = with_glosses(lines + (everyday_requests() if REQUESTS_TOO else []))
    vectors = bank_vectors(net.model, bank)  # from the cache
    where = {i.text: n for n, i in enumerate(items)}  # a glossed copy -> the line it glosses
    split = np.array(
        [
            items[n].split
            if n < len(items)
            else (items[where[e.source]].split if e.source in where else "requests")
            for n, e in enumerate(bank)
        ]
    )
    glossed = {n: gloss(i.text) for n, i in enumerate(items) if looks_welsh(i.text)}
    gloss_row = {e.text: n for n, e in enumerate(bank) if e.source}
    unseen = [g for g in glossed.values() if g not in gloss_row]  # not embedded in the bank
    extra_vectors = net.model.embed(unseen) if unseen else np.zeros((0, vectors.shape[1]))
    extra_row = iter(range(len(extra_vectors)))
    query_gloss = {
        n: vectors[gloss_row[g]] if g in gloss_row else extra_vectors[next(extra_row)]
        for n, g in glossed.items()
    }
    hints: dict[tuple[str, str], NetHint | None] = {}
    for name in dict.fromkeys(split):  # the real net's verdict, with the bank one file short
        others = split != name
        without = ExampleNet(
            net.model, [e for e, kept in zip(bank, others, strict=True) if kept], vectors[others]
        )
        for n, item in enumerate(items):
            if item.split != name:
                continue
            hints[(item.split, item.text)] = None
            if len(_WORD.findall(item.text)) < MIN_WORDS:
                continue
            query = np.stack([vectors[n], *([query_gloss[n]] if n in query_gloss else [])])
            extra = [0.0, GLOSS_EXTRA_MARGIN][: len(query)]
            hints[(item.split, item.text)] = without.verdict(query, extra)
    return hints


def _against_target(sensitivity: Rates, alarms: Rates) -> str:
    """One sentence on the held-out figures against the service's aim."""
    if sensitivity.rate("all") >= 0.95 and alarms.rate("all") <= 0.10:
        return (
            "on this file, measured once before any rule or bank line was written from it, "
            "the rules and the net together meet that aim; the misses are the residual risk."
        )
    return "the net closes most of the gap the rules leave, but not all of it."


def main() -> int:
    dev, held = load(DEVELOPMENT), load(HELD_OUT)
    hints = net_hints(held)
    left_out = _left_out_hints(dev)
    dev_sens, dev_fa = measure(dev, screen_ok)
    cv_sens, cv_fa = measure(dev, lambda i: screen_ok(i, left_out[(i.split, i.text)]))
    held_sens, held_fa = measure(held, screen_ok)
    net_sens, net_fa = measure(held, lambda i: screen_ok(i, hints[i.text]))
    sensitivity = {
        "development, rules": dev_sens,
        "development, rules + net (file left out)": cv_sens,
        "held out, rules alone": held_sens,
        "**held out, rules + net**": net_sens,
    }
    alarms = {
        "development, rules": dev_fa,
        "development, rules + net (file left out)": cv_fa,
        "held out, rules alone": held_fa,
        "**held out, rules + net**": net_fa,
    }
    lines = [
        "# The safety screen, measured",
        "",
        "Written by `scripts/safety_report.py`; `tests/flows/test_safety_corpus.py` fails below "
        "the committed rates. Each corpus line says what the bot must do with a message. "
        f"*Development* lines ({len(dev)}, `bot/safety_examples/`: files "
        f"{', '.join(DEVELOPMENT)}; sources in its `SOURCES.md`) are the ones the rules were "
        "written against, and they are the example net's bank. *Held-out* lines "
        f"({len(held)}, `tests/safety_corpus/{HELD_OUT[0]}.tsv`) were written by a writer who "
        "never saw the rules or the bank, and were never read while developing: they are the "
        "fair estimate for wordings nobody has seen.",
        "",
        "*Sensitivity*: lines that need a safety reply and got the right kind. *False alarms*: "
        "everyday lines (NHS work talk, training, figures of speech about cravings, idioms, "
        "ordinary answers to the bot's questions) that got a safety reply.",
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
        "intent. A second net counts the published warning signs in the person's own words "
        "(a means, getting ready, last words, feeling a burden, hopelessness, no future, "
        "feeling trapped, giving up, being alone, not feeling safe, intent, self-harm and its "
        "marks, an act done, words for dying, a time set): signs of two different kinds are a "
        "crisis; saying they are safe while saying they struggle is a gentle check.",
        "3. `flows/safety.py` judges each match: a topic of work or study is ignored; words "
        "about a patient, or said by someone else at work, are ignored; someone the person "
        "knows at risk is *someone at risk* (a safeguarding reply); a `not` just before turns "
        "a crisis into a gentle *are you safe?* check; a figure of speech about smoking is "
        "only a gentle check.",
        "4. **The example net** (`bot/example_net.py`), for wordings no rule foresaw. Each "
        f"message of {MIN_WORDS} words or more (a long one sentence by sentence) is turned into "
        "a vector by a small published sentence model (all-MiniLM-L6-v2, run with numpy: "
        "`bot/sentence_model.py`) and compared with every line of the bank. When its "
        f"{NEIGHBOURS} most alike *risky* lines are more alike than its {NEIGHBOURS} most alike "
        f"*everyday* lines by at least {MARGIN} (fixed by leave-one-file-out on the development "
        "files, never on the held-out file), and the rules found nothing and the message is "
        "not about clinical work, the screen treats it as what those risky lines need. It can "
        "only lean towards a person. Its verdict is explained, not opaque: the advisor's "
        "request quotes the example it reads like, and the safety record says "
        "`example:<category>`. Where it is wrong, the fix is a line in the bank (an everyday "
        "one, for a false alarm), not retraining. `QUITBOT_SAFETY_NET=off` turns it off. "
        f"A message nearer the risky lines than the everyday ones but by less than {MARGIN} "
        f"(at least {LEAN_MARGIN}) *leans* towards risk: no safety reply, but where the bot "
        "would keep it in the person's own words (a reason to stop, a trigger, a survey "
        "answer, a job title) it is not kept, and the person is asked gently whether they "
        "are safe, with a request for a person.",
        "5. `flows/safety_replies.py` turns what was found into replies (numbers first) and "
        "one request for a person, urgent or not, with a note for the advisor where it "
        "matters.",
        "",
        "## What the figures mean, and what is still missing",
        "",
        f"On the held-out file the rules alone give the right reply to "
        f"{held_sens.rate('all'):.1%} of risky lines ({held_fa.rate('all'):.1%} false alarms); "
        f"with the example net, **{net_sens.rate('all'):.1%}** "
        f"({net_fa.rate('all'):.1%} false alarms). The service aims for 95% with at most 10% "
        f"false alarms: {_against_target(net_sens, net_fa)} "
        "The misses still count towards offering a person after three unclear replies (hazard "
        "H6), are never stored as a number or a yes/no (H16), and every message is kept for "
        "the advisor console. The false alarms fall mostly on talk about other people (third "
        "parties, patients) and smoking talk, where a gentle reply and a person are the cost.",
        "",
        "To improve the screen: add new wordings to a development file (never to the held-out "
        "file), write or widen a rule, run this script (it embeds new bank lines and keeps "
        "their vectors in `bot/safety_examples/vectors.npz`), and check that false alarms stay "
        "low. Replace the held-out file with fresh lines from someone who has not seen the "
        "rules or the bank from time to time: each earlier held-out file, once measured, "
        "became a development file (dev11 to dev18). Each fresh file caught 72-81% with the "
        "rules alone before any rule was written from it; with the net, at their first "
        "measure: dev14 94.6% (7.3% false alarms), dev15 90.5%, dev16 91.6% (then 93.9% with "
        "the Welsh gloss), dev17 94.7% (7.6% false alarms), dev18 95.2% (7.3% false "
        "alarms; 94.9% through a whole step in every state).",
        "",
        "## The screen alone",
        "",
        *_table("Sensitivity by category", sensitivity, "category"),
        *_table("False alarms by category", alarms, "category"),
        "## In every conversation state (held-out lines, rules + net, the whole step)",
        "",
        "Each held-out line sent in each state through `flows.step`, with the example net's "
        "verdict: the right replies and an urgent request for a person where the kind needs "
        "one, and the message never taken as an answer (the last column counts risky lines, "
        "caught or missed, that changed anything a safety reply should not).",
        "",
        *_by_state(held, hints),
    ]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    for name in sensitivity:
        print(
            f"{name.strip('*')}: sensitivity {sensitivity[name].rate('all'):.1%}, "
            f"false alarms {alarms[name].rate('all'):.1%}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
