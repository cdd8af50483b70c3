"""A stopped or killed `quitbot serve` is back on its port in seconds; a port that another
program listens on is refused in one line. Real processes, real sockets."""

from __future__ import annotations

import signal
import socket
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from twilio.request_validator import RequestValidator

from tests.fakes import twilio_fake
from tests.fakes.loopback import serve
from tests.live import answers_health, free_port, quitbot, start_serve


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "stop"])
def test_a_stopped_server_under_load_is_back_on_its_port_in_seconds(
    tmp_path: Path, stop: signal.Signals
) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    first = start_serve(tmp_path, port)
    visitors = [httpx.Client(base_url=base, timeout=10) for _ in range(40)]
    try:
        for number, visitor in enumerate(visitors):  # keep-alive connections, left open
            assert visitor.get("/healthz").status_code == 200
            if number % 10 == 0:
                visitor.get("/chat/")
                sent = visitor.post("/chat/api/messages", json={"text": "hi", "id": "1"})
                assert sent.status_code == 202
        first.send_signal(stop)
        first.wait(timeout=20)
        first.communicate()
        with socket.socket() as plain, pytest.raises(OSError, match="in use"):
            plain.bind(("127.0.0.1", port))  # the old connections still hold the port ...
        # ... yet quitbot binds again (start-up loads the nets: seconds on a busy machine; a
        # refused port would end it at once)
        second = start_serve(tmp_path, port, within=30)
        try:
            assert answers_health(base, within=5) is not None
        finally:
            second.terminate()
            second.communicate(timeout=20)
    finally:
        for visitor in visitors:
            visitor.close()
        if first.poll() is None:
            first.kill()


def test_a_port_another_program_listens_on_is_refused_in_one_line(tmp_path: Path) -> None:
    with socket.socket() as holder:
        # Even a holder on every address that allows address reuse keeps its port.
        holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        holder.bind(("0.0.0.0", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = quitbot("serve", "--port", str(port), cwd=tmp_path, timeout=30)
    assert result.returncode == 1
    said = result.stderr.strip()
    assert said.startswith(f"quitbot: cannot listen on 127.0.0.1:{port}: Address already in use")
    assert len(said.splitlines()) == 1
    assert not (tmp_path / "var").exists()  # refused before touching anything


def test_messages_answered_before_a_kill_9_are_applied_after_the_restart(tmp_path: Path) -> None:
    twilio = twilio_fake.FakeTwilio()
    with serve(twilio.app()) as twilio_base:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {
            "QUITBOT_PUBLIC_URL": base,
            "QUITBOT_SAFETY_NET": "off",
            "TWILIO_ACCOUNT_SID": twilio_fake.ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN": twilio_fake.AUTH_TOKEN,
            "TWILIO_FROM_NUMBER": twilio_fake.FROM_NUMBER,
            "QUITBOT_TWILIO_API_BASE": twilio_base,
        }
        validator = RequestValidator(twilio_fake.AUTH_TOKEN)
        url = f"{base}/webhooks/twilio/sms"

        def text(n: int) -> str | None:
            form = {"MessageSid": f"SM{n:032d}", "From": f"+4477009{n:05d}", "Body": "hi"}
            headers = {"X-Twilio-Signature": validator.compute_signature(url, form)}
            try:
                answer = httpx.post(url, data=form, headers=headers, timeout=10)
            except httpx.HTTPError:
                return None  # not answered: Twilio would send it again
            return form["MessageSid"] if answer.status_code == 200 else None

        first = start_serve(tmp_path, port, env=env)
        with ThreadPoolExecutor(16) as pool:
            answered = [sid for sid in pool.map(text, range(300)) if sid is not None]
        first.send_signal(signal.SIGKILL)  # straight after the last answer: work is left over
        first.wait(timeout=20)
        first.communicate()
        assert len(answered) == 300
        second = start_serve(tmp_path, port, env=env, within=30)
        try:
            applied: set[str] = set()
            rows: list[tuple[str]] = []
            deadline = time.monotonic() + 60  # rows the dead server held wait out their lease
            while time.monotonic() < deadline and not applied >= set(answered):
                time.sleep(0.2)
                with sqlite3.connect(tmp_path / "var" / "quitbot.db") as db:
                    rows = db.execute(
                        "SELECT provider_id FROM message WHERE direction = 'in'"
                    ).fetchall()
                applied = {row[0] for row in rows}
            assert set(answered) <= applied  # nothing answered was lost
            assert len(rows) == len(applied)  # and nothing was applied twice
        finally:
            second.terminate()
            second.communicate(timeout=20)
