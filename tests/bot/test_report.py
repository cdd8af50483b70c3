"""The outcome and equity report on a real database: CSV tables and one self-contained HTML
file, with no count of 1 to 7 published anywhere."""

from __future__ import annotations

import csv
import re
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from bot.reports import build
from flows.milestones import Definition
from flows.model import WorkPattern
from tests.storage import ledger_world as w

COUNT_COLUMNS = (
    "quit dates set",
    "self-reported quits (4 weeks)",
    "CO-validated quits",
    "not quit",
    "lost to follow-up",
    "not yet due",
)


def _seed(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        north, advisor = w.provider(session, "North")
        south, _ = w.provider(session, "South")
        for n in range(21):
            person = w.person(session, north, age=25, work=WorkPattern.NIGHTS)
            w.outcome(session, person, 28, "quit" if n < 12 else "not_quit")
            if n < 9:
                w.reading(session, person, advisor, 29, 3)
        for _ in range(3):
            w.outcome(session, w.person(session, south, age=50), 28)


def _csv(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_report_is_self_contained_and_leaks_no_small_count(
    engine: Engine, tmp_path: Path
) -> None:
    _seed(engine)
    made = build(
        engine=engine,
        start=datetime(2026, 11, 1, tzinfo=UTC),
        end=datetime(2027, 1, 1, tzinfo=UTC),
        now=w.noon(60),
        definition=Definition(),
        out=tmp_path,
        reference={"night_workers": 0.25},
    )
    assert made.people == 24
    (everyone,) = _csv(tmp_path, "return_all")
    assert (everyone["quit dates set"], everyone["self-reported quits (4 weeks)"]) == ("25", "15")
    assert (everyone["CO-validated quits"], everyone["quit rate %"]) == ("10", "60.0")
    providers = {r["group"]: r for r in _csv(tmp_path, "quit_rates_by_provider")}
    assert (providers["North"]["4-week quits"], providers["North"]["quit rate %"]) == (
        "10",
        "50.0",
    )
    assert providers["North"]["95% CI %"] == "36.5-75.5"  # from the true 12 of 21
    assert providers["South"]["4-week quits"] == "*" and providers["South"]["95% CI %"] == ""
    for path in tmp_path.glob("return_*.csv"):
        for row in _csv(tmp_path, path.stem):
            for column in COUNT_COLUMNS:
                assert row[column] == "*" or int(row[column]) % 5 == 0, (path.name, row)
    reach = {r["group"]: r for r in _csv(tmp_path, "reach")}
    assert (reach["night workers"]["% of registered"], reach["night workers"]["reference %"]) == (
        "80.0",  # 20 of 25 (rounded), not 21 of 24 (87.5)
        "25.0",
    )
    page = (tmp_path / "report.html").read_text()
    assert page.count("<svg") == 3
    assert not re.search(r"<script|<link|<img|src=", page)  # nothing fetched from anywhere
    assert "1 to 7 is shown as *" in page and "quitbot-12w-v1:day81-98" in page


def test_free_text_is_never_a_row_of_its_own_and_csv_cells_run_nothing(
    engine: Engine, tmp_path: Path
) -> None:
    """An employer is a group only when 10 or more people gave it; what one person typed (a
    name and a phone number) is never published, not even as a row of zeros."""
    typed = "Jane Smith 07700 900123 Ward 4"
    with Session(engine) as session, session.begin():
        north, _ = w.provider(session, "North")
        for n in range(12):  # the same trust, typed in different ways
            spelling = ("St Elsewhere NHS Trust", "  st elsewhere   nhs trust ")[n % 2]
            w.outcome(session, w.person(session, north, employer=spelling), 28)
        for _ in range(9):  # nine is too few to be a group
            w.outcome(session, w.person(session, north, employer="Royal Infirmary"), 28)
        for _ in range(10):  # typed by ten, and a spreadsheet would run it
            w.outcome(session, w.person(session, north, employer="=HYPERLINK(1)"), 28)
        w.person(session, north, employer=typed, quit_date=None)  # no quit date at all
    build(
        engine=engine,
        start=datetime(2026, 11, 1, tzinfo=UTC),
        end=datetime(2027, 1, 1, tzinfo=UTC),
        now=w.noon(60),
        definition=Definition(),
        out=tmp_path,
    )
    groups = [row["group"] for row in _csv(tmp_path, "return_by_employer")]
    assert groups == ["'=Hyperlink(1)", "Other or not given", "St Elsewhere Nhs Trust"]
    published = "".join(p.read_text() for p in [*tmp_path.glob("*.csv"), tmp_path / "report.html"])
    for leak in ("Jane", "07700", "Ward 4", "Royal Infirmary", "royal infirmary"):
        assert leak not in published
    page = (tmp_path / "report.html").read_text()
    assert "at least 10 people gave the same one" in page
    assert "=Hyperlink(1)" in page  # the page shows text as text: no quote needed there
