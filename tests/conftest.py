"""Shared fixtures: a real database (SQLite and PostgreSQL), a manual clock, recording senders."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine, create_engine, text

from bot import passwords
from scheduler import ManualClock
from storage import make_engine, upgrade

pytest_plugins = ["tests.live", "tests.bot.providers"]

POSTGRES_URL = os.environ.get(
    "QUITBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# Monday 23 November 2026, 09:00 in London (GMT).
START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens", action="store_true", help="rewrite transcript golden files"
    )
    parser.addoption(
        "--db",
        choices=("all", "sqlite", "postgresql"),
        default="all",
        help="which databases the storage-backed tests run on",
    )


def need(reason: str) -> None:
    """Skip for a missing prerequisite on a laptop; in CI a missing prerequisite fails."""
    if IN_CI:
        pytest.fail(f"CI must provide this: {reason}")
    pytest.skip(reason)


def _postgres_available() -> bool:
    try:
        probe = create_engine(POSTGRES_URL)
        with probe.connect() as connection:
            connection.execute(text("SELECT 1"))
        probe.dispose()
    except Exception:
        return False
    return True


@pytest.fixture(scope="session")
def postgres_ok() -> bool:
    return _postgres_available()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_url" in metafunc.fixturenames:
        chosen = metafunc.config.getoption("--db")
        backends = ["sqlite", "postgresql"] if chosen == "all" else [chosen]
        metafunc.parametrize("backend", backends, scope="function")


@pytest.fixture
def db_url(backend: str, tmp_path, postgres_ok: bool) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A fresh, empty database for one test: a SQLite file, or a PostgreSQL schema of its own."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'quitbot.db'}"
        return
    if not postgres_ok:
        need(f"PostgreSQL is not answering at {POSTGRES_URL}")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in POSTGRES_URL else "?"
    yield f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on a freshly migrated database."""
    made = make_engine(db_url)
    upgrade(made)
    yield made
    made.dispose()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture(autouse=True)
def _quick_password_hashing(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Advisor passwords hashed with argon2id at a tiny cost, so console tests don't spend most
    of their time hashing; tests marked `production_argon2` keep the real parameters."""
    if request.node.get_closest_marker("production_argon2") is None:
        monkeypatch.setattr(
            passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        )
