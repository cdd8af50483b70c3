"""A real `quitbot serve` process on a free loopback port, as a newcomer starts it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]


def env_without_settings(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("QUITBOT_", "TWILIO_", "TELEGRAM_"))
    }
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    env.update(extra or {})
    return env


def quitbot(
    *args: str,
    cwd: Path,
    env: dict[str, str] | None = None,
    stdin: str = "",
    timeout: float = 60,
    umask: int = -1,
) -> subprocess.CompletedProcess[str]:
    """Run `quitbot ARGS` in `cwd` with no settings but `env`, and wait for it to finish."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=env_without_settings(env),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        umask=umask,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_serve(
    cwd: Path,
    port: int,
    *,
    env: dict[str, str] | None = None,
    output: Path | None = None,
    within: float = 60,
    umask: int = -1,
) -> subprocess.Popen[str]:
    """`quitbot serve --port PORT` in `cwd`, once /healthz answers 200 (fails the test if not
    within `within` seconds). Its output goes to `output` (a file), else to a pipe; `umask` is
    the one it starts with (default: this process's)."""
    sink = output.open("w") if output is not None else subprocess.PIPE
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--port", str(port)],
        cwd=cwd,
        env=env_without_settings(env),
        stdout=sink,
        stderr=subprocess.STDOUT,
        text=True,
        umask=umask,
    )
    if output is not None:
        sink.close()  # type: ignore[union-attr]
    if answers_health(f"http://127.0.0.1:{port}", within=within, process=process) is None:
        process.kill()
        said = output.read_text() if output is not None else process.communicate()[0]
        pytest.fail(f"quitbot serve did not come up within {within} s:\n{said}")
    return process


def answers_health(
    base: str, *, within: float, process: subprocess.Popen[str] | None = None
) -> float | None:
    """Seconds until `base`/healthz answered 200, or None if it did not within `within` s
    (or the process exited)."""
    started = time.monotonic()
    while (waited := time.monotonic() - started) < within:
        if process is not None and process.poll() is not None:
            return None
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return waited
        except httpx.HTTPError:
            time.sleep(0.05)
    return None


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[str], list[str]]]:
    port = free_port()
    process = start_serve(tmp_path, port)
    assert process.stdout is not None
    lines: list[str] = []
    yield f"http://127.0.0.1:{port}", process, lines
    process.terminate()
    out, _ = process.communicate(timeout=20)
    lines.extend(out.splitlines())
