"""Fuzz run: many requests to every route of the real app, counting the answers and the 500s.

The same strategies as the suite's fuzz test (`tests/fuzz.py`: bodies, queries, headers and
cookies; Twilio forms with valid signatures, Telegram updates with the right secret, web chats
that exist), but with a fresh random seed and thousands of requests per database. Nothing
stops at the first 500: every answer is counted, and the first few requests that got a 500
are kept for the results.

Run on its own: `python -m bench.fuzz --db postgresql --requests 5000 [--seed N]`.
"""

from __future__ import annotations

import argparse
import logging
import random
import time
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings

from bench.common import emit, peak_rss_mib, say
from bench.dispatch import database, database_version
from scheduler import ManualClock
from storage import make_engine, upgrade
from tests.fuzz import Call, driving, every_call

DEFAULT_REQUESTS = 5000
KEPT = 5  # requests that got a 500, kept for the results


def run(kind: str, requests: int, *, chosen_seed: int | None = None) -> dict[str, Any]:
    """Fuzz a fresh database of `kind` with `requests` requests; returns the figures."""
    logging.disable(logging.CRITICAL)  # the app's one line per refused request, thousands
    used_seed = chosen_seed if chosen_seed is not None else random.SystemRandom().randrange(2**32)
    statuses: Counter[int] = Counter()
    by_route: Counter[str] = Counter()
    errors: list[str] = []
    with database(kind) as url:
        engine = make_engine(url)
        upgrade(engine)
        version = database_version(engine)
        clock = ManualClock(datetime(2026, 11, 24, 12, 0, tzinfo=UTC))
        started = time.perf_counter()
        with driving(engine, clock, raise_errors=False) as driver:

            @seed(used_seed)
            @settings(
                max_examples=requests,
                deadline=None,
                database=None,
                phases=[Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @given(call=every_call)
            def each(call: Call) -> None:
                status = driver.send(call)
                statuses[status] += 1
                by_route[call.route()] += 1
                if status >= 500 and len(errors) < KEPT:
                    errors.append(
                        f"{status} {call.route()} query={call.query!r} body={call.content[:200]!r}"
                    )

            each()
        seconds = time.perf_counter() - started
        engine.dispose()
    sent = sum(statuses.values())
    server_errors = sum(count for status, count in statuses.items() if status >= 500)
    say(f"fuzz {kind}: {sent:,} requests, {server_errors} answered 5xx, {seconds:.1f} s")
    return {
        "bench": "fuzz",
        "db": kind,
        "db_version": version,
        "seed": used_seed,
        "requests": sent,
        "server_errors": server_errors,
        "statuses": {str(status): count for status, count in sorted(statuses.items())},
        "routes": len(by_route),
        "seconds": seconds,
        "per_second": sent / seconds if seconds else 0.0,
        "errors": errors,
        "peak_rss_mib": peak_rss_mib(),
        "met": server_errors == 0,
    }


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: run the fuzz on one database and print its figures as a result line."""
    parser = argparse.ArgumentParser(prog="python -m bench.fuzz", description=__doc__)
    parser.add_argument("--requests", type=int, default=DEFAULT_REQUESTS)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--seed", type=int, default=None, help="repeat a run (see results)")
    options = parser.parse_args(argv)
    emit(run(options.db, options.requests, chosen_seed=options.seed))


if __name__ == "__main__":
    main()
