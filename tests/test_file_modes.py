"""The data folder is 0700 and quitbot's files in it 0600 from the moment they exist: the SQLite
database and its journals, and the secret key. Checked on real `quitbot` processes started under
a permissive umask, and on the code that creates each file with chmod taken away."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from bot.settings import Settings
from storage import journal, make_engine, upgrade
from tests.live import free_port, quitbot, start_serve

PERMISSIVE = 0o022  # a common default: new files 0644, folders 0755


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def modes(folder: Path) -> dict[str, int]:
    """The mode of the folder ("."), and of each file in it."""
    return {".": mode(folder)} | {p.name: mode(p) for p in sorted(folder.iterdir())}


@pytest.fixture
def umask_zero() -> Iterator[None]:
    """This process creates files as permissively as it can (0666, folders 0777)."""
    before = os.umask(0)
    yield
    os.umask(before)


@pytest.fixture
def no_chmod(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file must be private when it is created: a later chmod would leave a moment when
    others could read it. With chmod gone, only the mode at creation counts."""
    monkeypatch.setattr(os, "chmod", lambda *_a, **_k: None)
    monkeypatch.setattr(Path, "chmod", lambda *_a, **_k: None)
    monkeypatch.setattr(os, "fchmod", lambda *_a, **_k: None)


def test_a_serving_quitbot_keeps_its_folder_and_files_private(tmp_path: Path) -> None:
    port = free_port()
    process = start_serve(tmp_path, port, umask=PERMISSIVE)
    try:
        chat = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10)
        chat.get("/chat/")
        assert chat.post("/chat/api/messages", json={"text": "hi"}).status_code == 202
        chat.close()
        found = modes(tmp_path / "var")
    finally:
        process.terminate()
        process.communicate(timeout=20)
    assert found == {
        ".": 0o700,
        "quitbot.db": 0o600,
        "quitbot.db-shm": 0o600,
        "quitbot.db-wal": 0o600,
        "quitbot.db-writer": 0o600,  # the writer lock of serve's two processes (storage/db.py)
        "quitbot.db-writer-wait": 0o600,
        "quitbot.db-changes": 0o600,  # the change signal between processes (ids only)
        "quitbot.db-inbox": 0o600,  # the ingress journal, a file of its own (storage/journal.py)
        "quitbot.db-inbox-shm": 0o600,
        "quitbot.db-inbox-wal": 0o600,
        "quitbot.db-inbox-writer": 0o600,
        "quitbot.db-inbox-writer-wait": 0o600,
        "secret_key": 0o600,
    }


def test_db_upgrade_makes_an_older_open_folder_and_database_private(tmp_path: Path) -> None:
    data = tmp_path / "var"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    sqlite3.connect(data / "quitbot.db").close()
    (data / "quitbot.db").chmod(0o644)
    result = quitbot("db", "upgrade", cwd=tmp_path, umask=PERMISSIVE)
    assert result.returncode == 0, result.stderr
    assert mode(data) == 0o700
    assert all(m == 0o600 for name, m in modes(data).items() if name != ".")


@pytest.mark.usefixtures("umask_zero", "no_chmod")
def test_the_secret_key_is_never_readable_by_others(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var").with_secret_key()
    assert len(settings.secret_key) >= 40
    assert modes(tmp_path / "var") == {".": 0o700, "secret_key": 0o600}
    again = Settings(data_dir=tmp_path / "var").with_secret_key()
    assert again.secret_key == settings.secret_key


def test_an_older_open_secret_key_is_made_private(tmp_path: Path) -> None:
    (tmp_path / "var").mkdir()
    key = tmp_path / "var" / "secret_key"
    key.write_text("an-older-key-of-forty-characters-or-so\n")
    key.chmod(0o644)
    assert Settings(data_dir=tmp_path / "var").with_secret_key().secret_key.startswith("an-older")
    assert mode(key) == 0o600


@pytest.mark.usefixtures("umask_zero", "no_chmod")
def test_a_sqlite_database_and_its_journals_are_private_from_creation(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'new' / 'quitbot.db'}")
    try:
        upgrade(engine)
        inbox = journal.inbox(engine).writer  # the ingress journal's file of its own
        with engine.connect() as connection, inbox.connect() as other:
            connection.execute(text("SELECT 1"))  # WAL: -wal and -shm exist while open
            other.execute(text("SELECT 1"))
            found = modes(tmp_path / "new")
    finally:
        engine.dispose()
    assert found == {
        ".": 0o700,
        "quitbot.db": 0o600,
        "quitbot.db-shm": 0o600,
        "quitbot.db-wal": 0o600,
        "quitbot.db-writer": 0o600,
        "quitbot.db-writer-wait": 0o600,
        "quitbot.db-inbox": 0o600,
        "quitbot.db-inbox-shm": 0o600,
        "quitbot.db-inbox-wal": 0o600,
        "quitbot.db-inbox-writer": 0o600,
        "quitbot.db-inbox-writer-wait": 0o600,
    }


def test_database_errors_do_not_carry_what_people_wrote(tmp_path: Path) -> None:
    """Error text reaches the log: statement parameters (message text, addresses) stay out."""
    engine = make_engine(f"sqlite:///{tmp_path / 'q.db'}")
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE t (a TEXT UNIQUE)"))
            connection.execute(text("INSERT INTO t VALUES (:a)"), {"a": "my-private-words"})
        with pytest.raises(IntegrityError) as raised, engine.begin() as connection:
            connection.execute(text("INSERT INTO t VALUES (:a)"), {"a": "my-private-words"})
    finally:
        engine.dispose()
    assert "UNIQUE constraint failed" in str(raised.value)
    assert "my-private-words" not in str(raised.value)
