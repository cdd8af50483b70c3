"""A stopped or killed `quitbot serve` is back on its port in seconds; a port that another
program listens on is refused in one line. Real processes, real sockets."""

from __future__ import annotations

import signal
import socket
from pathlib import Path

import httpx
import pytest

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
        second = start_serve(tmp_path, port, within=10)  # ... yet quitbot binds again
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
