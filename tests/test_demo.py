"""The demo on the embedded default: a demo provider and advisor, the login printed once."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.demo import DEMO_EMAIL, create_demo
from bot.passwords import verify
from bot.settings import Settings
from scheduler import ManualClock
from storage import make_engine
from storage.tables import Advisor, Provider
from tests.live import free_port, start_serve

LOGIN = re.compile(r"demo advisor login \(shown once\): (\S+)  password: (\S+)")


def serve_once(cwd: Path, env: dict[str, str] | None = None) -> str:
    output = cwd / f"serve-{free_port()}.log"
    process = start_serve(cwd, free_port(), env=env, output=output)
    process.terminate()
    process.wait(timeout=20)
    return output.read_text()


def test_the_first_serve_prints_the_console_and_a_demo_login_once(tmp_path: Path) -> None:
    first = serve_once(tmp_path)
    assert re.search(r"console: +http://127\.0\.0\.1:\d+/console/", first)
    found = LOGIN.search(first)
    assert found is not None, first
    email, password = found.groups()
    assert email == DEMO_EMAIL
    engine = make_engine(f"sqlite:///{tmp_path / 'var' / 'quitbot.db'}")
    with Session(engine) as session:
        (advisor,) = session.exec(select(Advisor)).all()
        (provider,) = session.exec(select(Provider)).all()
    assert verify(advisor.password_hash, password)  # stored only as its hash
    assert password not in (tmp_path / "var" / "quitbot.db").read_bytes().decode("latin-1")
    assert (advisor.role, provider.hours) == ("lead", "24/7")
    again = serve_once(tmp_path)
    assert LOGIN.search(again) is None and "/console/" in again


def test_no_demo_when_a_setting_says_production(tmp_path: Path) -> None:
    said = serve_once(tmp_path, env={"QUITBOT_ENV": "production"})
    assert LOGIN.search(said) is None
    engine = make_engine(f"sqlite:///{tmp_path / 'var' / 'quitbot.db'}")
    with Session(engine) as session:
        assert session.exec(select(Advisor)).all() == []


def test_no_demo_on_postgresql_and_none_over_real_providers(
    engine: Engine, clock: ManualClock
) -> None:
    settings = Settings.from_env({}, dotenv=None)
    made = create_demo(settings, engine, clock)
    if engine.dialect.name == "postgresql":
        assert made is None
    else:
        assert made is not None
        assert create_demo(settings, engine, clock) is None  # never a second time
    with Session(engine) as session:
        count = len(session.exec(select(Advisor)).all())
    assert count == (0 if engine.dialect.name == "postgresql" else 1)
