"""`quitbot provider ...` and `quitbot advisor ...` as an operator runs them: real processes."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.passwords import verify
from storage import make_engine, participants
from storage.tables import Advisor, Participant
from tests.live import env_without_settings, quitbot

PASSWORD = "correct horse battery staple"


def one_line_error(result, text: str) -> None:  # type: ignore[no-untyped-def]
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and text in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_providers_are_added_listed_and_checked(tmp_path: Path) -> None:
    added = quitbot(
        "provider",
        "add",
        "North Team",
        "--hours",
        "Mon-Fri 08:00-20:00, Sat 09:00-13:00",
        cwd=tmp_path,
    )
    assert added.returncode == 0, added.stderr
    assert "North Team" in added.stdout
    one_line_error(quitbot("provider", "add", "north team", cwd=tmp_path), "already exists")
    one_line_error(
        quitbot("provider", "add", "South", "--hours", "weekdays 9 to 5", cwd=tmp_path),
        "cannot read 'weekdays 9 to 5'",
    )
    one_line_error(
        quitbot("provider", "add", "South", "--hours", "Mon 20:00-08:00", cwd=tmp_path),
        "ends before it starts",
    )
    one_line_error(
        quitbot("provider", "add", "South", "--timezone", "Europe/Atlantis", cwd=tmp_path),
        "unknown time zone",
    )
    listed = quitbot("provider", "list", cwd=tmp_path)
    assert listed.returncode == 0
    assert listed.stdout.splitlines() == [
        "North Team\tMon-Fri 08:00-20:00, Sat 09:00-13:00 (Europe/London)\t0 advisor(s)\t"
        "0 participant(s)"
    ]


def test_advisors_are_added_with_a_strong_password_listed_and_disabled(tmp_path: Path) -> None:
    assert quitbot("provider", "add", "North Team", cwd=tmp_path).returncode == 0
    added = quitbot(
        "advisor",
        "add",
        "--provider",
        "north team",
        "--email",
        "Sam@North.example",
        "--role",
        "lead",
        "--password-stdin",
        cwd=tmp_path,
        stdin=PASSWORD + "\n",
    )
    assert added.returncode == 0, added.stderr
    assert PASSWORD not in added.stdout + added.stderr
    engine = make_engine(f"sqlite:///{tmp_path / 'var' / 'quitbot.db'}")
    with Session(engine) as session:
        (advisor,) = session.exec(select(Advisor)).all()
    assert (advisor.email, advisor.role, advisor.active) == ("sam@north.example", "lead", True)
    assert advisor.password_hash.startswith("$argon2id$")
    assert verify(advisor.password_hash, PASSWORD)

    def add(email: str, password: str = PASSWORD, provider: str = "North Team"):  # type: ignore[no-untyped-def]
        return quitbot(
            "advisor",
            "add",
            "--provider",
            provider,
            "--email",
            email,
            "--password-stdin",
            cwd=tmp_path,
            stdin=password + "\n",
        )

    one_line_error(add("sam@north.example"), "already exists")
    one_line_error(add("kim@north.example", "short"), "at least 12 characters")
    one_line_error(add("kim@north.example", "password123456"), "too easy to guess")
    one_line_error(add("kim@north.example", provider="Nowhere"), "no provider called 'Nowhere'")
    one_line_error(add("not-an-email"), "is not an email address")
    one_line_error(
        quitbot(
            "advisor",
            "add",
            "--provider",
            "North Team",
            "--email",
            "x@y.example",
            "--role",
            "boss",
            cwd=tmp_path,
        ),
        "invalid choice",
    )
    assert add("kim@north.example").returncode == 0
    no_terminal = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot",
            "advisor",
            "add",
            "--provider",
            "North Team",
            "--email",
            "lee@north.example",
        ],
        cwd=tmp_path,
        env=env_without_settings(),
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        start_new_session=True,  # no controlling terminal
    )
    one_line_error(no_terminal, "use --password-stdin")

    listed = quitbot("advisor", "list", "--provider", "North Team", cwd=tmp_path)
    assert listed.stdout.splitlines() == [
        "kim@north.example\tNorth Team\tadvisor\taway",
        "sam@north.example\tNorth Team\tlead\taway",
    ]
    disabled = quitbot("advisor", "disable", "--email", "KIM@north.example", cwd=tmp_path)
    assert disabled.returncode == 0, disabled.stderr
    listed = quitbot("advisor", "list", cwd=tmp_path)
    assert "kim@north.example\tNorth Team\tadvisor\tdisabled" in listed.stdout.splitlines()
    one_line_error(
        quitbot("advisor", "disable", "--email", "nobody@north.example", cwd=tmp_path),
        "no advisor",
    )
    one_line_error(
        quitbot("advisor", "list", "--provider", "Nowhere", cwd=tmp_path), "no provider"
    )


@pytest.mark.parametrize(
    ("allocation", "expected"),
    [("", "North Team"), ("one:South Team", "South Team")],
)
def test_people_who_joined_before_a_provider_existed_are_allocated(
    tmp_path: Path, allocation: str, expected: str
) -> None:
    assert quitbot("db", "upgrade", cwd=tmp_path).returncode == 0
    engine = make_engine(f"sqlite:///{tmp_path / 'var' / 'quitbot.db'}")
    with Session(engine) as session, session.begin():
        participants.create(
            session=session, channel="sms", address="+447700900001", now=datetime.now(UTC)
        )
    env = {"QUITBOT_ALLOCATION": allocation} if allocation else {}
    first = quitbot("provider", "add", "North Team", cwd=tmp_path, env=env)
    if expected == "North Team":
        assert "1 participant(s) without a provider allocated" in first.stdout
    second = quitbot("provider", "add", "South Team", cwd=tmp_path, env=env)
    assert second.returncode == 0, second.stderr
    with Session(engine) as session:
        (person,) = session.exec(select(Participant)).all()
    names = {1: "North Team", 2: "South Team"}
    assert names[person.provider_id or 0] == expected


def test_a_bad_allocation_setting_is_one_line(tmp_path: Path) -> None:
    one_line_error(
        quitbot("provider", "list", cwd=tmp_path, env={"QUITBOT_ALLOCATION": "random"}),
        "QUITBOT_ALLOCATION",
    )
