"""`python -m bench`: run the planning, dispatch and fuzz runs, print a table, write results.

Each benchmark runs in a child process of its own, so its memory figures are its own.

    python -m bench                                  # 100,000 planned, 10,000 dispatched, both DBs
    python -m bench --db sqlite --participants 5000  # both benches at 5,000 participants
    python -m bench --only dispatch --dispatch-participants 20000
    python -m bench --only fuzz --fuzz-requests 20000 --db postgresql
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.common import machine_info, parse_result, say, source_info
from bench.report import RESULTS, markdown, table, write

ROOT = Path(__file__).resolve().parent.parent
PLANNING_DEFAULT = 100_000
DISPATCH_DEFAULT = 10_000
FUZZ_DEFAULT = 5_000
LEDGER_DEFAULT = 100_000


def _child(module: str, arguments: Sequence[str]) -> dict[str, Any]:
    """Run `python -m module arguments` from the project root and return its figures."""
    command = [sys.executable, "-m", module, *arguments]
    say("$ " + shlex.join(command))
    finished = subprocess.run(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=None, text=True, check=False
    )
    if finished.returncode != 0:
        raise SystemExit(f"{module} failed with exit status {finished.returncode}")
    return parse_result(finished.stdout)


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Run quitbot's planning and dispatch benchmarks and write bench/results.md.",
    )
    parser.add_argument(
        "--participants",
        type=int,
        default=None,
        metavar="N",
        help="participants for both benchmarks (default: 100,000 planned, 10,000 dispatched)",
    )
    parser.add_argument("--plan-participants", type=int, default=None, metavar="N")
    parser.add_argument("--dispatch-participants", type=int, default=None, metavar="N")
    parser.add_argument(
        "--db",
        choices=("sqlite", "postgresql", "all"),
        default="all",
        help="databases for the dispatch benchmark (default: all)",
    )
    parser.add_argument(
        "--fuzz-requests",
        type=int,
        default=FUZZ_DEFAULT,
        metavar="N",
        help="requests per database for the fuzz run (default: 5,000)",
    )
    parser.add_argument(
        "--only", choices=("planning", "dispatch", "fuzz", "safety", "ledger"), default=None
    )
    parser.add_argument(
        "--ledger-participants",
        type=int,
        default=LEDGER_DEFAULT,
        metavar="N",
        help="participants for the ledger and report benchmark (default: 100,000)",
    )
    parser.add_argument(
        "--no-tracemalloc", action="store_true", help="skip the traced planning pass (faster)"
    )
    parser.add_argument(
        "--profile",
        type=Path,
        default=None,
        metavar="DIR",
        help="write cProfile stats of the dispatch phases to DIR (slows them down)",
    )
    parser.add_argument(
        "--label", default=None, help="what code was measured, for the results (default: git)"
    )
    parser.add_argument(
        "--results", type=Path, default=RESULTS, help="where to write the markdown results"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the chosen benchmarks, print the table and write the results file."""
    options = parse(argv)
    planned = options.plan_participants or options.participants or PLANNING_DEFAULT
    dispatched = options.dispatch_participants or options.participants or DISPATCH_DEFAULT
    databases = ("sqlite", "postgresql") if options.db == "all" else (options.db,)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")

    results: list[dict[str, Any]] = []
    if options.only in (None, "planning"):
        arguments = ["--participants", str(planned)]
        if options.no_tracemalloc:
            arguments.append("--no-tracemalloc")
        results.append(_child("bench.planning", arguments))
    if options.only in (None, "dispatch"):
        for db in databases:
            arguments = ["--db", db, "--participants", str(dispatched)]
            if options.profile is not None:
                arguments += ["--profile", str(options.profile)]
            results.append(_child("bench.dispatch", arguments))
    if options.only in (None, "fuzz"):
        for db in databases:
            arguments = ["--db", db, "--requests", str(options.fuzz_requests)]
            results.append(_child("bench.fuzz", arguments))

    if options.only in (None, "safety"):
        results.append(_child("bench.safety", []))

    if options.only in (None, "ledger"):
        for db in databases:
            arguments = ["--db", db, "--participants", str(options.ledger_participants)]
            results.append(_child("bench.ledger", arguments))

    db_versions = {
        r["db"]: r["db_version"] for r in results if r["bench"] in ("dispatch", "fuzz", "ledger")
    }
    command = shlex.join(["python", "-m", "bench", *(argv if argv is not None else sys.argv[1:])])
    text = markdown(
        results,
        machine=machine_info(),
        when=when,
        command=command,
        db_versions=db_versions,
        source=options.label or source_info(ROOT),
    )
    written = write(text, options.results)
    print(table(results))
    print(f"\nwritten to {written}")
    if not all(result.get("met") for result in results):
        print("at least one target was missed (see above)")


if __name__ == "__main__":
    main()
