"""The safety screen's cost per message: the rules alone (the baseline) and the rules with the
example net, side by side in one run, on the held-out corpus messages one at a time (as they
arrive), plus the net's load time and memory.

Run on its own: `python -m bench.safety [--rounds N]`.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence
from typing import Any

from bench.common import current_rss_mib, emit, say
from flows.safety import screen
from tests.safety_measure import HELD_OUT, load

TARGET_P99_MS = 100.0  # a reply to a tired person must not wait on the screen


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(rounds: int) -> dict[str, Any]:
    """Time every held-out message through the rules, then through the rules and the net."""
    from bot.example_net import load_example_net

    texts = [item.text for item in load(HELD_OUT)]
    before = current_rss_mib()
    started = time.perf_counter()
    net = load_example_net()
    load_seconds = time.perf_counter() - started
    if net is None:
        raise SystemExit("the sentence model is not installed (scripts/_venv.sh installs it)")
    rss_net = current_rss_mib() - before
    rules_ms: list[float] = []
    both_ms: list[float] = []
    for _ in range(rounds):
        for text in texts:
            started = time.perf_counter()
            screen(text)
            rules_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            screen(text, net.judge(text))
            both_ms.append((time.perf_counter() - started) * 1000)
    figures = {
        "bench": "safety",
        "messages": len(texts) * rounds,
        "load_seconds": load_seconds,
        "net_rss_mib": rss_net,
        "rules_p50_ms": statistics.median(rules_ms),
        "rules_p99_ms": _percentile(rules_ms, 0.99),
        "net_p50_ms": statistics.median(both_ms),
        "net_p99_ms": _percentile(both_ms, 0.99),
        "net_max_ms": max(both_ms),
        "target_p99_ms": TARGET_P99_MS,
    }
    figures["met"] = figures["net_p99_ms"] < TARGET_P99_MS
    return figures


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.safety")
    parser.add_argument("--rounds", type=int, default=1, help="times through the corpus")
    options = parser.parse_args(argv)
    say(f"safety screen: {options.rounds} round(s) of the held-out corpus, one message at a time")
    emit(run(options.rounds))


if __name__ == "__main__":
    main()
