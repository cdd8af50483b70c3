"""The `quitbot` command as an operator and a newcomer use it: real processes, real ports."""

from __future__ import annotations

import argparse
import subprocess
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot import cli
from storage.migrate import head
from tests.live import free_port, quitbot, start_serve

ROOT = Path(__file__).resolve().parents[1]


def test_serve_on_a_fresh_folder_runs_the_web_chat(
    served: tuple[str, subprocess.Popen[str], list[str]], tmp_path: Path
) -> None:
    base, _process, _lines = served
    with httpx.Client(base_url=base, timeout=10) as browser:
        page = browser.get("/chat/")
        assert page.status_code == 200
        assert "quitbot" in page.text
        assert (
            browser.post("/chat/api/messages", json={"text": "hi", "id": "1"}).status_code == 202
        )
        texts: list[str] = []
        for _ in range(50):
            texts = [m["text"] for m in browser.get("/chat/api/messages").json()["messages"]]
            if len(texts) >= 3:
                break
            time.sleep(0.1)
        assert texts[0] == "hi"
        assert texts[1].startswith("Hi, this is quitbot")
        assert f"{'http://127.0.0.1:8000'}/privacy" in texts[2] or "/privacy" in texts[2]
        assert browser.get("/privacy").status_code == 200
    assert (tmp_path / "var" / "quitbot.db").is_file()
    assert (tmp_path / "var" / "secret_key").is_file()


def test_serve_says_which_channels_are_on_and_where_to_go(
    served: tuple[str, subprocess.Popen[str], list[str]],
) -> None:
    base, process, lines = served
    process.terminate()
    out, _ = process.communicate(timeout=20)
    lines.extend(out.splitlines())
    text = "\n".join(lines)
    assert f"{base}/chat/" in text
    assert "SMS:       off: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN" in text
    assert "Telegram:  off: set TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET" in text
    assert "Traceback" not in text


def test_serve_on_a_port_in_use_says_so_in_one_line(
    served: tuple[str, subprocess.Popen[str], list[str]], tmp_path: Path
) -> None:
    base, _process, _lines = served
    port = base.rsplit(":", 1)[1]
    result = quitbot("serve", "--port", port, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().startswith(f"quitbot: cannot listen on 127.0.0.1:{port}")
    assert len(result.stderr.strip().splitlines()) == 1


def test_db_upgrade_reports_the_revision(tmp_path: Path) -> None:
    result = quitbot("db", "upgrade", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"is at revision {head()}" in result.stdout


@pytest.mark.parametrize(
    ("args", "env", "says"),
    [
        (["serve", "--port", "eighty"], {}, "not a port number"),
        (["serve", "--port", "70000"], {}, "port must be 1-65535"),
        (["frobnicate"], {}, "invalid choice"),
        ([], {}, "required"),
        (["db", "upgrade"], {"QUITBOT_TIMEZONE": "Mars/Olympus"}, "unknown time zone"),
        (["db", "upgrade"], {"QUITBOT_DEFAULT_LOCALE": "fr"}, "is not shipped"),
        (["db", "upgrade"], {"QUITBOT_PUBLIC_URL": "quitbot.example"}, "must start with http"),
        (["chat", "--locale", "de"], {}, "invalid choice"),
        (["db", "upgrade"], {"QUITBOT_PACK_PRICE": "cheap"}, "not a price in pounds"),
        (["db", "upgrade"], {"QUITBOT_12_WEEK_WINDOW": "81"}, "is not FIRST-LAST days"),
        (["db", "upgrade"], {"QUITBOT_12_WEEK_WINDOW": "30-40"}, "must lie after day 42"),
        (["db", "upgrade"], {"QUITBOT_DAILY_CAP": "lots"}, "must be a whole number"),
        (["db", "upgrade"], {"QUITBOT_DAILY_CAP": "0"}, "1 to 6"),
        (["db", "upgrade"], {"QUITBOT_NIGHT_SLEEP_UNTIL": "2pm"}, "is not a time of day"),
        (["db", "upgrade"], {"QUITBOT_NIGHT_SLEEP_UNTIL": "08:00"}, "between 10:00 and 18:00"),
        (["serve"], {"QUITBOT_LOG_LEVEL": "loud"}, "must be one of DEBUG, INFO, WARNING"),
        (["db", "upgrade"], {"QUITBOT_WEB_NEW_CHATS_PER_ADDRESS": "0"}, "1 to 100000"),
        (["db", "upgrade"], {"QUITBOT_WEB_NEW_CHATS_PER_MINUTE": "many"}, "whole number"),
        (["db", "upgrade"], {"QUITBOT_WEB_IDLE_HOURS": "soon"}, "whole number of hours"),
        (["db", "upgrade"], {"QUITBOT_TRUSTED_PROXIES": "proxy.local"}, "not an IP address"),
        (["db", "upgrade"], {"QUITBOT_DATABASE_URL": "quitbot.db"}, "is not a database URL"),
        (["serve"], {"QUITBOT_DATABASE_URL": "sqlite:/var/q.db"}, "is not a database URL"),
        (["db", "upgrade"], {"QUITBOT_DATABASE_URL": "postgres://q@db/q"}, "postgresql+psycopg"),
        (["db", "upgrade"], {"QUITBOT_DATABASE_URL": "mysql://q@db/q"}, "SQLite or PostgreSQL"),
        (["db", "upgrade"], {"QUITBOT_DATABASE_URL": "postgresql+nodriver://q@db/q"}, "driver"),
        (["serve"], {"QUITBOT_DATABASE_URL": "sqlite://"}, "in-memory SQLite"),
        (
            ["db", "upgrade"],
            {"QUITBOT_DATABASE_URL": "postgresql+psycopg://q:s3cret@db:port/q"},
            "is not a database URL",
        ),
        (["db", "upgrade"], {"QUITBOT_OPERATOR_NAME": "x" * 300}, "QUITBOT_OPERATOR_NAME"),
        (["serve", "--host", "no-such-host.invalid"], {}, "--host takes this machine's name"),
        (["serve", "--host", "999.1.1.1"], {}, "--host takes this machine's name"),
        (["serve", "--host", "192.0.2.1"], {}, "Cannot assign requested address"),
        (["serve", "--host", "a..b"], {}, "--host takes this machine's name"),
    ],
)
def test_a_mistake_gets_one_line_and_exit_2(
    tmp_path: Path, args: list[str], env: dict[str, str], says: str
) -> None:
    result = quitbot(*args, cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert "s3cret" not in result.stderr


def test_version_prints_the_version(tmp_path: Path) -> None:
    result = quitbot("--version", cwd=tmp_path)
    assert result.returncode == 0
    with (ROOT / "pyproject.toml").open("rb") as file:
        version = tomllib.load(file)["project"]["version"]
    assert result.stdout.strip() == f"quitbot {version}"


def _every_option(
    parser: argparse.ArgumentParser, path: str
) -> Iterator[tuple[str, argparse.Action]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _every_option(sub, f"{path} {name}")
        elif not isinstance(action, (argparse._HelpAction, argparse._VersionAction)):
            yield f"{path} {'/'.join(action.option_strings) or action.dest}", action


def test_every_option_and_command_says_what_it_does() -> None:
    top = cli.parser()
    silent = [name for name, action in _every_option(top, "quitbot") if not action.help]
    assert silent == []
    commands = [a for a in top._actions if isinstance(a, argparse._SubParsersAction)]
    for group in commands:
        for choice in group._choices_actions:
            assert choice.help, choice.dest


def test_serve_help_explains_host_and_port(tmp_path: Path) -> None:
    result = quitbot("serve", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "0.0.0.0 for every network" in result.stdout
    assert "(default: 8000)" in result.stdout


def test_the_log_is_quiet_and_ends_with_where_to_go(tmp_path: Path) -> None:
    port = free_port()
    process = start_serve(tmp_path, port, env={"QUITBOT_SAFETY_NET": "off"})
    base = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=base, timeout=10) as browser:
        browser.get("/chat/")
        browser.post("/chat/api/messages", json={"text": "hi", "id": "1"})
        for _ in range(5):
            browser.get("/chat/api/messages")
    time.sleep(6)  # the ticker fires every 5 s
    process.terminate()
    out, _ = process.communicate(timeout=20)
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines[-1] == f"  web chat:  {base}/chat/   <- open this in a browser to try quitbot"
    text = "\n".join(lines)
    assert "apscheduler" not in text and "Ticker" not in text
    assert "GET /chat/api/messages" not in text and "Application startup" not in text


def test_at_debug_the_routine_lines_are_there(tmp_path: Path) -> None:
    port = free_port()
    env = {"QUITBOT_SAFETY_NET": "off", "QUITBOT_LOG_LEVEL": "DEBUG"}
    process = start_serve(tmp_path, port, env=env)
    httpx.get(f"http://127.0.0.1:{port}/chat/api/messages", timeout=10)
    time.sleep(6)
    process.terminate()
    out, _ = process.communicate(timeout=20)
    assert "DEBUG apscheduler" in out
    assert "DEBUG uvicorn.access: 127.0.0.1" in out and "GET /chat/api/messages" in out


def test_an_unreachable_database_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    result = quitbot(
        "db",
        "upgrade",
        cwd=tmp_path,
        env={"QUITBOT_DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"},
    )
    assert result.returncode == 1
    assert result.stderr.strip().startswith("quitbot: database error")
    assert len(result.stderr.strip().splitlines()) == 1


def test_chat_in_the_terminal_talks_to_the_same_flows(tmp_path: Path) -> None:
    result = quitbot("chat", cwd=tmp_path, stdin="hi\nyes\n34\n")
    assert result.returncode == 0, result.stderr
    assert "quitbot> Hi, this is quitbot" in result.stdout
    assert "quitbot> Thanks! How old are you?" in result.stdout
    assert "quitbot> Do you work for the NHS?" in result.stdout


def test_chat_in_welsh(tmp_path: Path) -> None:
    result = quitbot("chat", "--locale", "cy", cwd=tmp_path, stdin="ie\n")
    assert result.returncode == 0, result.stderr
    assert "GIG" in result.stdout
