"""The free-text intent reader, measured on a table of everyday phrasings (English and Welsh).

The table (bot/intent_examples.tsv, also the intent net's examples; sources in
tests/flows/data/intents_SOURCES.md) was written from published examples of text-message
programmes and our own. `scripts/intent_report.py` prints
the same measure for any table of that format.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.intent import Intent, Label, intent_of, many, quantity
from scripts.intent_report import measure, read_table, report

TABLE = Path(__file__).parents[2] / "bot" / "intent_examples.tsv"
REQUIRED = 0.97


def test_the_table_is_big_enough_and_a_quarter_welsh() -> None:
    rows = read_table(TABLE)
    assert len(rows) >= 400
    welsh = sum(1 for row in rows if row.lang == "cy")
    assert welsh / len(rows) >= 0.25
    assert {row.intent for row in rows} == {label.value for label in Label}


def test_at_least_97_percent_of_the_table_is_read_right() -> None:
    result = measure(read_table(TABLE))
    assert result.accuracy >= REQUIRED, report(result, misses=True)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("need a fag", Intent(Label.CRAVING)),
        ("crav", Intent(Label.CRAVING)),
        ("i had 2 fags", Intent(Label.SLIP, 2)),
        ("had one", Intent(Label.SLIP, 1)),
        ("i smoked", Intent(Label.SLIP)),
        ("ges i ddwy", Intent(Label.SLIP, 2)),
        ("stop texting me", Intent(Label.STOP)),
        ("less texts please", Intent(Label.FEWER)),
        ("👍", Intent(Label.THANKS)),
        ("😭😭", Intent(Label.LOW_MOOD)),
    ],
)
def test_the_issues_own_examples(text: str, intent: Intent) -> None:
    assert intent_of(text, "en") == intent


@pytest.mark.parametrize(
    "text",
    [
        "i haven't smoked today",
        "not smoked since monday",
        "had a craving but didn't smoke",
        "dwi ddim wedi smygu",
        "heb smygu ers dydd llun",
    ],
)
def test_not_smoking_is_never_a_slip(text: str) -> None:
    assert intent_of(text, "en").label is not Label.SLIP


def test_stopping_smoking_is_not_stopping_the_messages() -> None:
    assert intent_of("I want to stop smoking", "en").label is not Label.STOP


def test_counts_in_words() -> None:
    assert quantity("a couple") == 2
    assert quantity("a few") == 3
    assert quantity("cwpl") == 2
    assert quantity("no") is None
    assert many("loads") and many("llwyth") and not many("two")
