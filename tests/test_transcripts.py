"""Whole conversations against golden files (tests/transcripts/*.txt).

Run `scripts/test tests/test_transcripts.py --update-goldens` after a deliberate change to
what quitbot says, and read the diff before committing it.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from sqlalchemy import Engine

from scheduler import ManualClock
from tests.transcript import run

GOLDENS = sorted((Path(__file__).parent / "transcripts").glob("*.txt"))


@pytest.mark.parametrize("path", GOLDENS, ids=[p.stem for p in GOLDENS])
async def test_transcript(
    path: Path, engine: Engine, clock: ManualClock, request: pytest.FixtureRequest
) -> None:
    actual = await run(path, engine=engine, clock=clock)
    if request.config.getoption("--update-goldens"):
        path.write_text(actual, encoding="utf-8")
        return
    assert actual == path.read_text(encoding="utf-8")


# Twelve weeks for two people, in virtual time: an English nurse on nights using NRT (SMS) and
# a Welsh HCA on long days on varenicline (Telegram). Their goldens are checked above; here,
# what a person would notice over a whole programme.
PROGRAMMES = {
    "nurse_nights_nrt_12_weeks": "en",
    "cy_hca_long_days_varenicline_12_weeks": "cy",
}


def _said(name: str) -> tuple[list[str], list[str]]:
    """Everything quitbot said in a golden, and what it said unprompted (after the clock
    moved, before the person wrote again: planned messages)."""
    said, planned, unprompted = [], [], False
    text = (Path(__file__).parent / "transcripts" / f"{name}.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("+"):
            unprompted = True
        elif line.startswith(">"):
            unprompted = False
        elif line.startswith("< "):
            said.append(line[2:])
            if unprompted:
                planned.append(line[2:])
    return said, planned


@pytest.mark.parametrize("name", list(PROGRAMMES))
def test_twelve_weeks_of_messages_do_not_repeat_themselves(name: str) -> None:
    said, planned = _said(name)
    assert len(planned) >= 55  # preparation, quit day, check-ins, what to expect, follow-ups
    assert all(a != b for a, b in itertools.pairwise(planned)), "the same planned text twice"
    assert len(set(planned)) == len(planned)  # no planned text, check-in or tip, comes twice
    # Over 12 weeks (about 200 messages, most of them daily check-ins), most texts are
    # different: each check-in question has five wordings and the progress line has five.
    assert len(set(said)) >= 0.68 * len(said) and len(set(said)) >= 135


@pytest.mark.parametrize("name", list(PROGRAMMES))
def test_twelve_weeks_use_their_own_words_now_and_then_and_say_what_to_expect(name: str) -> None:
    said, _ = _said(name)
    welsh = PROGRAMMES[name] == "cy"
    triggers = (
        "amser paned gyda'r criw a diwedd shifft" if welsh else "2am on nights, and the drive home"
    )
    reasons = "i fod yn iach i'r wyrion" if welsh else "for my kids and so I can run again"
    quoted = [s for s in said if triggers in s and "?" not in s.split(triggers)[0][-3:]]
    assert 2 <= len([s for s in quoted if not s.startswith(("Good to know", "Da gwybod"))]) <= 3
    assert any(reasons in s for s in said[30:])  # their reasons, given back at a craving
    expected = (
        ("Diddyfnu yw hynny", "caffein yn cronni", "Gall cwsg", "varenicline")
        if welsh
        else ("That's withdrawal", "caffeine builds up", "Sleep after nights", "on a patch")
    )
    for words in expected:
        assert any(words in s for s in said), words
