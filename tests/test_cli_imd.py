"""`quitbot imd load` as an operator runs it, and postcode -> LSOA -> IMD decile lookups."""

from __future__ import annotations

import io
from pathlib import Path

from sqlmodel import Session

from bot.ledger_commands import Bar
from storage import make_engine
from storage.deprivation import decile_of
from tests.live import quitbot
from tests.test_cli_staff import one_line_error

SAMPLES = Path(__file__).parent / "data" / "imd"


def _lookup(tmp_path: Path, postcode: str | None) -> tuple[int, str] | None:
    engine = make_engine(f"sqlite:///{tmp_path / 'var' / 'quitbot.db'}")
    try:
        with Session(engine) as session:
            return decile_of(session=session, postcode=postcode)
    finally:
        engine.dispose()


def test_lookups_load_with_a_progress_bar_and_keep_their_edition(tmp_path: Path) -> None:
    files = ["onspd_sample.csv", "iod2019_file7_sample.csv", "wimd2019_sample.csv"]
    loaded = quitbot("imd", "load", *(str(SAMPLES / f) for f in files), cwd=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.splitlines() == [
        "onspd_sample.csv: 5 postcodes row(s) loaded",
        "iod2019_file7_sample.csv: 4 IoD2019 row(s) loaded",
        "wimd2019_sample.csv: 2 WIMD2019 row(s) loaded",
    ]
    assert loaded.stderr == ""  # not a terminal: no progress bar to get in the way
    assert _lookup(tmp_path, "ls9 6ab") == (1, "IoD2019")
    assert _lookup(tmp_path, "CF10 1AA") == (4, "WIMD2019")
    assert _lookup(tmp_path, "SW1A 1AA") is None  # terminated: unknown, not guessed
    assert _lookup(tmp_path, "ZZ9 9ZZ") is None  # not in the directory
    assert _lookup(tmp_path, None) is None

    # A newer edition on the 2021 areas takes over where it covers the postcode.
    newer = quitbot("imd", "load", str(SAMPLES / "iod2025_file7_sample.csv"), cwd=tmp_path)
    assert newer.returncode == 0, newer.stderr
    assert _lookup(tmp_path, "LS9 6AB") == (3, "IoD2025")
    assert _lookup(tmp_path, "M13 9WL") == (5, "IoD2025")
    assert _lookup(tmp_path, "LS1 1AA") == (2, "IoD2019")  # not in the 2025 sample


def test_files_that_are_not_lookups_are_one_line(tmp_path: Path) -> None:
    other = tmp_path / "people.csv"
    other.write_text("name,age\nAda,35\n")
    one_line_error(quitbot("imd", "load", str(other), cwd=tmp_path), "line 1: not an ONS")
    bad = tmp_path / "iod.csv"
    original = (SAMPLES / "iod2019_file7_sample.csv").read_text().splitlines()
    bad.write_text("\n".join([*original[:2], "E01000001,x,y,z,1,2,eleven"]) + "\n")
    one_line_error(quitbot("imd", "load", str(bad), cwd=tmp_path), "iod.csv: line 3")
    one_line_error(
        quitbot("imd", "load", str(tmp_path / "none.csv"), cwd=tmp_path), "no such file"
    )


def test_the_progress_bar_moves_to_100_percent() -> None:
    shown = io.StringIO()
    bar = Bar("ONSPD.csv", 200, shown)
    for done in (0, 50, 51, 200):
        bar(done)
    bar.done()
    frames = shown.getvalue().split("\r")[1:]
    assert frames[0] == "ONSPD.csv [..............................]   0%"
    assert frames[1] == "ONSPD.csv [#######.......................]  25%"
    assert frames[-1] == "ONSPD.csv [##############################] 100%\n"
    assert len(frames) == 3  # 51 bytes is still 25%: not drawn again
