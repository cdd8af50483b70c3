"""What both benchmarks share: memory readings, machine facts and the child-process protocol.

Each benchmark runs in a child process of its own (`python -m bench.planning`, ...), so its
peak resident memory is its own. The child prints one line starting with `RESULT_PREFIX` and
then JSON; everything else it says goes to stderr.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

RESULT_PREFIX = "BENCH-RESULT "
MIB = 1024 * 1024


def peak_rss_mib() -> float:
    """This process's peak resident set size so far, in MiB (ru_maxrss is KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    divisor = MIB if sys.platform == "darwin" else 1024
    return peak / divisor


def current_rss_mib() -> float:
    """This process's resident set size now, in MiB (Linux /proc; falls back to the peak)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return peak_rss_mib()


def say(message: str) -> None:
    """Progress for the person watching (stderr, so stdout stays parseable)."""
    print(message, file=sys.stderr, flush=True)


def emit(result: dict[str, Any]) -> None:
    """Hand a child's figures to the parent process."""
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def parse_result(stdout: str) -> dict[str, Any]:
    """The figures a child printed with `emit`."""
    for line in reversed(stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            parsed: dict[str, Any] = json.loads(line[len(RESULT_PREFIX) :])
            return parsed
    raise ValueError("the benchmark printed no result line")


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _memory_total_gib() -> float | None:
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    return None


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def source_info(root: Path) -> str:
    """Which code was measured: the git commit and whether the working tree had changes.

    Read-only git commands only (`--no-optional-locks`: not even the index is refreshed).
    """

    def git(*arguments: str) -> str:
        finished = subprocess.run(
            ["git", "--no-optional-locks", *arguments],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        return finished.stdout.strip() if finished.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return f"{root} (not a git checkout)"
    changed = [line for line in git("status", "--porcelain").splitlines() if line]
    state = f"{len(changed)} changed or new files in the working tree" if changed else "clean"
    return f"commit {commit}, {state}"


def machine_info() -> dict[str, Any]:
    """Facts about this machine and interpreter that figures depend on."""
    import sqlite3

    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "memory_gib": _memory_total_gib(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "sqlite": sqlite3.sqlite_version,
        "sqlalchemy": _version("sqlalchemy"),
        "sqlmodel": _version("sqlmodel"),
        "psycopg": _version("psycopg"),
    }
