"""Whole conversations against golden files (tests/transcripts/*.txt).

Run `scripts/test tests/test_transcripts.py --update-goldens` after a deliberate change to
what quitbot says, and read the diff before committing it.
"""

from __future__ import annotations

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
