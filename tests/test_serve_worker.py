"""`quitbot serve` is a web process and a worker process (bot/worker.py): the web process
answers webhooks from the journal, the worker applies it and sends the replies. A worker that
dies is started again and applies what was answered meanwhile; a killed web process takes its
worker with it; QUITBOT_WORKERS=0 keeps everything in one process. Real processes, sockets."""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text
from twilio.request_validator import RequestValidator

from tests.fakes import twilio_fake
from tests.fakes.loopback import serve
from tests.live import free_port, start_serve

NURSE = "+447700900321"


def children(pid: int) -> list[int]:
    """The processes `pid` started that are still running."""
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(child) for child in found if _running(int(child))]


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; its parent has not yet heard


def eventually(check: Callable[[], object], *, within: float = 30, what: str = "") -> object:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if found := check():
            return found
        time.sleep(0.1)
    pytest.fail(f"not within {within} s: {what}")


def the_worker(server: subprocess.Popen[str]) -> int:
    found = eventually(lambda: children(server.pid), within=30, what="a worker process")
    assert isinstance(found, list) and len(found) == 1
    return found[0]


def inbound(database_url: str) -> list[str]:
    """The words of every message people sent, as the flows stored them."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT body FROM message WHERE direction = 'in' ORDER BY id")
            )
            return [row[0] for row in rows]
    finally:
        engine.dispose()


def unsent(database_url: str) -> int:
    """Replies not yet recorded as sent (queued, being sent, or maybe sent)."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return int(
                connection.execute(
                    text(
                        "SELECT count(*) FROM message WHERE direction = 'out' "
                        "AND status IN ('queued', 'sending', 'unsure')"
                    )
                ).scalar_one()
            )
    finally:
        engine.dispose()


@pytest.fixture
def twilio() -> Iterator[tuple[twilio_fake.FakeTwilio, str]]:
    fake = twilio_fake.FakeTwilio()
    with serve(fake.app()) as base:
        yield fake, base


def settings_for(base: str, twilio_base: str, db_url: str, **more: str) -> dict[str, str]:
    return {
        "QUITBOT_DATABASE_URL": db_url,
        "QUITBOT_PUBLIC_URL": base,
        "QUITBOT_SAFETY_NET": "off",
        "TWILIO_ACCOUNT_SID": twilio_fake.ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": twilio_fake.AUTH_TOKEN,
        "TWILIO_FROM_NUMBER": twilio_fake.FROM_NUMBER,
        "QUITBOT_TWILIO_API_BASE": twilio_base,
        **more,
    }


def text_in(base: str, sid: str, body: str) -> int:
    """A signed Twilio webhook from NURSE; the status code it was answered with."""
    url = f"{base}/webhooks/twilio/sms"
    form = {"MessageSid": sid, "From": NURSE, "To": twilio_fake.FROM_NUMBER, "Body": body}
    signature = RequestValidator(twilio_fake.AUTH_TOKEN).compute_signature(url, form)
    answer = httpx.post(url, data=form, headers={"X-Twilio-Signature": signature}, timeout=10)
    return answer.status_code


@contextlib.contextmanager
def between_transactions(db_url: str) -> Iterator[None]:
    """On SQLite, hold the writer lock that serve's processes share (storage/db.py): no
    transaction of theirs is under way inside."""
    if not db_url.startswith("sqlite:///"):
        yield
        return
    lock = os.open(db_url.removeprefix("sqlite:///") + "-writer", os.O_RDWR)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
    finally:
        os.close(lock)


def stop(server: subprocess.Popen[str]) -> str:
    """Stop the server; what it printed."""
    if server.poll() is None:
        server.terminate()
    return server.communicate(timeout=30)[0] or ""


def test_a_message_answered_while_the_worker_is_down_is_applied_when_it_is_back(
    tmp_path: Path, db_url: str, twilio: tuple[twilio_fake.FakeTwilio, str]
) -> None:
    fake, twilio_base = twilio
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_serve(tmp_path, port, env=settings_for(base, twilio_base, db_url))
    try:
        first = the_worker(server)
        assert text_in(base, "SM0001", "hi") == 200
        eventually(lambda: len(fake.sent) >= 2, what="the welcome and the consent question")
        # (Stopped between a send and its record, a reply would be "maybe sent", looked up
        # after 30 s before anything of that person's goes: send once, in order.)
        eventually(lambda: unsent(db_url) == 0, what="the replies recorded as sent")
        with between_transactions(db_url):  # (on SQLite a hung writer would hold the file)
            os.kill(first, signal.SIGSTOP)  # the worker does nothing from here ...
        assert text_in(base, "SM0002", "yes") == 200  # ... yet the webhook is answered
        time.sleep(1)
        assert inbound(db_url) == ["hi"]  # not applied: nobody applies the journal
        os.kill(first, signal.SIGKILL)  # the worker dies
        eventually(lambda: not _running(first), what="the old worker gone")
        second = the_worker(server)  # the web process starts another
        assert second != first
        eventually(lambda: inbound(db_url) == ["hi", "yes"], what="the answered message applied")
        eventually(
            lambda: any("How old are you?" in m["Body"] for m in fake.sent),
            what="its reply sent",
        )
        assert text_in(base, "SM0002", "yes") == 200  # Twilio retries: a no-op
        time.sleep(1)
        assert inbound(db_url) == ["hi", "yes"]  # applied once
    finally:
        for worker in children(server.pid):
            os.kill(worker, signal.SIGKILL)
        stop(server)


def test_a_killed_worker_is_started_again_and_the_web_chat_still_answers(
    tmp_path: Path, db_url: str, twilio: tuple[twilio_fake.FakeTwilio, str]
) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_serve(tmp_path, port, env=settings_for(base, twilio[1], db_url))
    try:
        for _ in range(2):
            worker = the_worker(server)
            os.kill(worker, signal.SIGKILL)
            eventually(lambda: not _running(worker), what="the worker gone")  # noqa: B023
        the_worker(server)
        with httpx.Client(base_url=base, timeout=10) as chat:
            chat.get("/chat/")
            assert chat.post("/chat/api/messages", json={"text": "hi"}).status_code == 202
            # (A new worker may still be starting: the page polls until its answer is there.)
            shown = eventually(
                lambda: chat.get("/chat/api/messages").json()["messages"][1:],
                what="the answer",
            )
        assert isinstance(shown, list)
        assert shown[0]["from"] == "quitbot"
        assert shown[0]["text"].startswith("Hi, this is quitbot")
    finally:
        said = stop(server)
    assert "the worker stopped (exit -9); starting it again" in said, said
    assert "Traceback" not in said


def test_the_web_chat_gets_its_answer_from_the_worker_at_once(
    tmp_path: Path, db_url: str, twilio: tuple[twilio_fake.FakeTwilio, str]
) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_serve(tmp_path, port, env=settings_for(base, twilio[1], db_url))
    try:
        assert len(children(server.pid)) == 1  # a worker does the flows
        with httpx.Client(base_url=base, timeout=10) as chat:
            chat.get("/chat/")
            for said, asked in [
                ("hi", "Happy to go on? Reply YES or NO"),
                ("yes", "How old are you?"),
                ("29", "Do you work for the NHS?"),
            ]:
                assert chat.post("/chat/api/messages", json={"text": said}).status_code == 202
                shown = chat.get("/chat/api/messages").json()["messages"]
                assert shown[-1]["from"] == "quitbot" and asked in shown[-1]["text"]
    finally:
        stop(server)


def test_two_workers_share_the_journal_and_one_killed_is_replaced(
    tmp_path: Path, db_url: str, twilio: tuple[twilio_fake.FakeTwilio, str]
) -> None:
    """QUITBOT_WORKERS=2 on PostgreSQL: killed, one worker is started again while the other
    goes on; every message is applied once and answered in order."""
    if not db_url.startswith("postgresql"):
        pytest.skip("two workers are for PostgreSQL (SQLite has one writer)")
    fake, twilio_base = twilio
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = settings_for(base, twilio_base, db_url, QUITBOT_WORKERS="2")
    server = start_serve(tmp_path, port, env=env)
    try:

        def two() -> list[int] | None:
            found = children(server.pid)
            return found if len(found) == 2 else None

        pair = eventually(two, within=30, what="two worker processes")
        assert isinstance(pair, list)
        assert text_in(base, "SM0001", "hi") == 200
        # Killed once they are recorded as sent (killed between Twilio's answer and that
        # record, they would wait out the claim's minute as "maybe sent": another test's case).
        eventually(
            lambda: len(fake.sent) >= 2 and unsent(db_url) == 0,
            what="the welcome and the consent question, recorded as sent",
        )
        os.kill(pair[0], signal.SIGKILL)
        for sid, said in (("SM0002", "yes"), ("SM0003", "29"), ("SM0004", "yes")):
            assert text_in(base, sid, said) == 200
        eventually(lambda: len(inbound(db_url)) == 4, what="all four applied")
        eventually(lambda: unsent(db_url) == 0 and len(fake.sent) >= 5, what="their answers sent")
        eventually(lambda: len(set(children(server.pid)) - {pair[0]}) == 2, what="a new worker")
        assert inbound(db_url) == ["hi", "yes", "29", "yes"]  # each once, in order
        bodies = [m["Body"] for m in fake.sent]
        asked = [
            next(i for i, b in enumerate(bodies) if words in b)
            for words in ("Happy to go on?", "How old are you?", "Do you work for the NHS?")
        ]
        assert asked == sorted(asked)
        assert len(bodies) == len(set(bodies))  # nothing sent twice
    finally:
        stop(server)


def test_a_killed_web_process_takes_its_worker_with_it(
    tmp_path: Path, twilio: tuple[twilio_fake.FakeTwilio, str]
) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    db_url = f"sqlite:///{tmp_path / 'quitbot.db'}"
    server = start_serve(tmp_path, port, env=settings_for(base, twilio[1], db_url))
    worker = the_worker(server)
    server.send_signal(signal.SIGKILL)
    server.communicate(timeout=30)  # its output ends: nothing else holds it open
    eventually(lambda: not _running(worker), within=15, what="the worker gone too")


def test_with_no_workers_everything_runs_in_one_process(
    tmp_path: Path, twilio: tuple[twilio_fake.FakeTwilio, str]
) -> None:
    fake, twilio_base = twilio
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    db_url = f"sqlite:///{tmp_path / 'quitbot.db'}"
    env = settings_for(base, twilio_base, db_url, QUITBOT_WORKERS="0")
    server = start_serve(tmp_path, port, env=env)
    try:
        assert children(server.pid) == []
        assert text_in(base, "SM0001", "hi") == 200
        eventually(lambda: len(fake.sent) >= 2, what="the welcome and the consent question")
        with httpx.Client(base_url=base, timeout=10) as chat:
            chat.get("/chat/")
            assert chat.post("/chat/api/messages", json={"text": "hi"}).status_code == 202
            shown = chat.get("/chat/api/messages").json()["messages"]
        assert [m["from"] for m in shown][:2] == ["you", "quitbot"]
        assert children(server.pid) == []
    finally:
        stop(server)
