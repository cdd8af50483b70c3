"""`quitbot provider tariff`, `ledger export`, `ledger reverse`, `commissioner add` and `claim`
as an operator runs them: real processes on the embedded SQLite database."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from flows.model import WorkPattern
from storage import make_engine
from storage.tables import Advisor, Commissioner, Provider
from tests.live import quitbot
from tests.storage import ledger_world as w
from tests.test_cli_staff import one_line_error

EXAMPLE = Path(__file__).parent.parent / "docs" / "tariff.example.toml"
PASSWORD = "correct horse battery staple"


def _db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'var' / 'quitbot.db'}"


def _seed(tmp_path: Path) -> None:
    """Two people of provider North: one a night worker with a CO-verified 4-week quit."""
    quit_date = datetime.now(ZoneInfo("Europe/London")).date() - timedelta(days=60)
    engine = make_engine(_db(tmp_path))
    with Session(engine) as session, session.begin():
        north = session.exec(select(Provider).where(Provider.name == "North")).one()
        assert north.id is not None
        advisor = Advisor(
            provider_id=north.id,
            email="a@north.example",
            password_hash="x",
            created_at=w.noon(-40, quit_date),
        )
        session.add(advisor)
        session.flush()
        assert advisor.id is not None
        night = w.person(session, north.id, age=30, work=WorkPattern.NIGHTS, quit_date=quit_date)
        w.outcome(session, night, 28, quit_date=quit_date)
        w.reading(session, night, advisor.id, 29, 3, quit_date=quit_date)
        other = w.person(session, north.id, quit_date=quit_date)
        w.outcome(session, other, 30, "not_quit", quit_date=quit_date)
    engine.dispose()


def _reconciles(text: str) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(text)))
    entries = [r for r in rows if r["entry"] in ("claim", "reversal")]
    total = next(r for r in rows if r["entry"] == "total")
    subtotals = [r for r in rows if r["entry"] == "subtotal"]
    for column in ("base_gbp", "uplift_gbp", "amount_gbp"):
        assert sum(Decimal(r[column]) for r in entries) == Decimal(total[column])
        assert sum(Decimal(r[column]) for r in subtotals) == Decimal(total[column])
    for sub in subtotals:
        mine = [r for r in entries if r["milestone"] == sub["milestone"]]
        assert sum(Decimal(r["amount_gbp"]) for r in mine) == Decimal(sub["amount_gbp"])
    assert int(total["attempt"]) == len(entries)
    return entries


def test_a_statement_reconciles_and_a_correction_is_a_reversal(tmp_path: Path) -> None:
    added = quitbot("provider", "add", "North", "--tariff", str(EXAMPLE), cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    _seed(tmp_path)
    month = datetime.now(ZoneInfo("Europe/London")).strftime("%Y-%m")
    out = tmp_path / "north.csv"
    exported = quitbot(
        "ledger",
        "export",
        "--provider",
        "North",
        "--month",
        month,
        "--out",
        str(out),
        cwd=tmp_path,
    )
    assert exported.returncode == 0, exported.stderr
    entries = _reconciles(out.read_text())
    got = {(r["milestone"], r["amount_gbp"]) for r in entries}
    # the example tariff: 40 + 15% nights; 120 + 15% nights + 10% aged 18-34; quit dates pay 0
    assert ("4_week_self_reported", "46.00") in got
    assert ("4_week_co_verified", "150.00") in got
    assert [r["milestone"] for r in entries].count("quit_date_set") == 2
    co = next(r for r in entries if r["milestone"] == "4_week_co_verified")
    assert co["co_ppm"] == "3" and co["status"] == "provisional"
    assert "night_workers +15%: works nights" in co["uplift_reasons"]

    again = quitbot("ledger", "export", "--provider", "North", "--month", month, cwd=tmp_path)
    assert again.stdout == out.read_text()  # exporting again records nothing twice

    reversed_ = quitbot(
        "ledger",
        "reverse",
        co["entry_id"],
        "--reason",
        '=HYPERLINK("https://evil.example","reading on the wrong person")',
        "--by",
        "Lead@North.example",
        cwd=tmp_path,
    )
    assert reversed_.returncode == 0, reversed_.stderr
    one_line_error(
        quitbot(
            "ledger", "reverse", co["entry_id"], "--reason", "x", "--by", "l@n.e", cwd=tmp_path
        ),
        "already reversed",
    )
    after = quitbot("ledger", "export", "--provider", "North", "--month", month, cwd=tmp_path)
    entries = _reconciles(after.stdout)
    reversal = next(r for r in entries if r["entry"] == "reversal")
    assert (reversal["amount_gbp"], reversal["reverses_entry"]) == ("-150.00", co["entry_id"])
    # A spreadsheet shows the reason as text and runs nothing; the amount stays a number.
    assert (reversal["reason"], reversal["made_by"]) == (
        '\'=HYPERLINK("https://evil.example","reading on the wrong person")',
        "lead@north.example",
    )
    assert next(r for r in entries if r["entry_id"] == co["entry_id"])["status"] == "reversed"


def test_bad_tariffs_and_arguments_are_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('version = "v2"\neffective_from = 2027-01-01\n\n[amounts]\nengagd = 20\n')
    one_line_error(
        quitbot("provider", "add", "South", "--tariff", str(bad), cwd=tmp_path),
        "line 5: unknown milestone 'engagd'",
    )
    assert "South" not in quitbot("provider", "list", cwd=tmp_path).stdout  # nothing half-added
    assert quitbot("provider", "add", "North", cwd=tmp_path).returncode == 0
    broken = tmp_path / "broken.toml"
    broken.write_text('version = "v2"\neffective_from = 2027-01-01\n[amounts\n')
    one_line_error(quitbot("provider", "tariff", "North", str(broken), cwd=tmp_path), "line 3")
    one_line_error(
        quitbot("provider", "tariff", "North", str(tmp_path / "none.toml"), cwd=tmp_path),
        "cannot read it",
    )
    loaded = quitbot("provider", "tariff", "North", str(EXAMPLE), cwd=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    assert "in force from 2026-04-01" in loaded.stdout
    one_line_error(
        quitbot("provider", "tariff", "North", str(EXAMPLE), cwd=tmp_path), "already has"
    )
    one_line_error(
        quitbot("ledger", "export", "--provider", "North", "--month", "2026-13", cwd=tmp_path),
        "not a month",
    )
    one_line_error(
        quitbot("ledger", "export", "--provider", "Nowhere", "--month", "2026-11", cwd=tmp_path),
        "no provider called 'Nowhere'",
    )
    for month in ("1999-01", "0001-01", "9999-12"):  # a month, but not in the ledger's years
        for command in (
            ("ledger", "export", "--provider", "North", "--month", month),
            ("claim", "submit", "--provider", "North", "--month", month, "--by", "x@y.z"),
        ):
            one_line_error(
                quitbot(*command, cwd=tmp_path),
                f"--month: {month} is outside the ledger's years (2000-01 to 2999-12)",
            )
    one_line_error(
        quitbot(
            "claim",
            "submit",
            "--provider",
            "North",
            "--month",
            "2026-11",
            "--by",
            "x@y.z",
            cwd=tmp_path,
        ),
        "not an active lead",
    )


def test_commissioners_are_added_like_advisors(tmp_path: Path) -> None:
    added = quitbot(
        "commissioner",
        "add",
        "--email",
        "Cara@ICB.example",
        "--password-stdin",
        stdin=PASSWORD + "\n",
        cwd=tmp_path,
    )
    assert added.returncode == 0, added.stderr
    engine = make_engine(_db(tmp_path))
    with Session(engine) as session:
        (row,) = session.exec(select(Commissioner)).all()
        assert row.email == "cara@icb.example" and row.password_hash.startswith("$argon2id$")
    engine.dispose()
    one_line_error(
        quitbot(
            "commissioner",
            "add",
            "--email",
            "cara@icb.example",
            "--password-stdin",
            stdin=PASSWORD + "\n",
            cwd=tmp_path,
        ),
        "already exists",
    )
    one_line_error(
        quitbot(
            "commissioner",
            "add",
            "--email",
            "d@icb.example",
            "--password-stdin",
            stdin="short\n",
            cwd=tmp_path,
        ),
        "password",
    )
    # One email, one kind of login: a commissioner's email cannot become an advisor's.
    assert quitbot("provider", "add", "North", cwd=tmp_path).returncode == 0
    for email in ("cara@icb.example", "CARA@icb.example"):
        one_line_error(
            quitbot(
                "advisor",
                "add",
                "--provider",
                "North",
                "--email",
                email,
                "--password-stdin",
                stdin=PASSWORD + "\n",
                cwd=tmp_path,
            ),
            "cara@icb.example is a commissioner: an advisor needs an email of their own",
        )
    listed = quitbot("advisor", "list", cwd=tmp_path)
    assert "cara@icb.example" not in listed.stdout


def test_the_report_command_writes_a_folder_and_refuses_bad_dates(tmp_path: Path) -> None:
    assert quitbot("provider", "add", "North", cwd=tmp_path).returncode == 0
    _seed(tmp_path)
    made = quitbot("report", "--provider", "North", "--out", "q3", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "(2 people) written to q3/report.html" in made.stdout
    assert (tmp_path / "q3" / "report.html").is_file()
    assert (tmp_path / "q3" / "funnel.csv").read_text().splitlines()[1] == "first message,*,"
    one_line_error(quitbot("report", "--from", "2026-02-30", cwd=tmp_path), "--from: '2026-02-30'")
    one_line_error(
        quitbot("report", "--from", "2026-05-01", "--to", "2026-04-01", cwd=tmp_path),
        "--from is after --to",
    )
    one_line_error(
        quitbot("report", "--out", "r", cwd=tmp_path, env={"QUITBOT_REACH_REFERENCE": "tall=0.2"}),
        "QUITBOT_REACH_REFERENCE: unknown group 'tall'",
    )


def test_a_rejected_claim_is_submitted_again_and_paid_once(tmp_path: Path) -> None:
    assert quitbot("provider", "add", "North", cwd=tmp_path).returncode == 0
    for command in (
        (
            "advisor",
            "add",
            "--provider",
            "North",
            "--email",
            "lee@north.example",
            "--role",
            "lead",
        ),
        ("commissioner", "add", "--email", "cara@icb.example"),
    ):
        made = quitbot(*command, "--password-stdin", stdin=PASSWORD + "\n", cwd=tmp_path)
        assert made.returncode == 0, made.stderr
    first_of_month = datetime.now(ZoneInfo("Europe/London")).date().replace(day=1)
    month = (first_of_month - timedelta(days=1)).strftime("%Y-%m")
    submit = (
        "claim",
        "submit",
        "--provider",
        "North",
        "--month",
        month,
        "--by",
        "lee@north.example",
    )
    assert quitbot(*submit, cwd=tmp_path).returncode == 0
    rejected = quitbot(
        "claim",
        "reject",
        "1",
        "--by",
        "cara@icb.example",
        "--note",
        "send the device log",
        cwd=tmp_path,
    )
    assert rejected.returncode == 0, rejected.stderr
    again = quitbot(*submit, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "claim 1:" in again.stdout and "submitted (submitted by" in again.stdout
    one_line_error(quitbot(*submit, cwd=tmp_path), "has already claimed")
    shown = quitbot("claim", "show", "1", cwd=tmp_path)
    assert "rejected earlier:" in shown.stdout and "send the device log" in shown.stdout
    approve = quitbot("claim", "approve", "1", "--by", "cara@icb.example", cwd=tmp_path)
    assert approve.returncode == 0, approve.stderr
    paid = quitbot("claim", "paid", "1", "--by", "cara@icb.example", cwd=tmp_path)
    assert paid.returncode == 0, paid.stderr
    one_line_error(
        quitbot("claim", "paid", "1", "--by", "cara@icb.example", cwd=tmp_path),
        "claim 1 was already recorded as paid",
    )
    assert "\tpaid\t" in quitbot("claim", "list", cwd=tmp_path).stdout
