"""Benchmark: webhooks into a real `quitbot serve`, beside the bare ceiling and a peer bot.

Targets (issue 13), on SQLite and PostgreSQL: acknowledgements at least 50% of the bare
ceiling's, p99 under 50 ms; replies delivered end to end at least 500 a second on SQLite and
ahead of the peer (at least 700) on PostgreSQL, with p99 from webhook to reply under 250 ms at
half that rate; `kill -9` under load and a database restart lose no acknowledged message and
send at most 0.1% of replies twice.

In one run, on loopback, each server a process of its own:

* the fake providers (bench/provider_fakes.py): the fake Twilio and the fake Telegram Bot API
  of the tests, in their own process, stamping each reply as it arrives.
* ceiling: a Starlette app on the same uvicorn (its defaults, as `quitbot serve` uses them)
  that reads the same form, checks the signature with the twilio library and answers empty
  TwiML.
* peer: python-telegram-bot's documented custom-webhook bot (bench/peer.py): Telegram
  updates into its update queue, a ConversationHandler in memory, a reply to every message.
* quitbot: `python -m bot serve` (the real thing: settings from the environment, migrations,
  the journal, the processor, the dispatcher; a web process and its worker process, as
  `--workers` says) with SMS and Telegram on, both pointed at the fakes. Its database: a
  SQLite file in a temporary folder, or a PostgreSQL database made for the run and dropped
  after it.
* load (bench/wire.py): `--connections` keep-alive connections, each sending the next webhook
  as soon as the last is answered, for `--seconds`: signed Twilio webhooks, or Telegram
  updates. The ceiling's and the peer's come from `--numbers` senders in lockstep. quitbot's
  come from people in its programme (`wire.Cohorts`): about `--numbers` on each channel at
  once, a new group joining at every step, each going through registration to a quit date
  and then talking about their progress, so every load (closed, and the open one at half its
  rate) meets the same mix of work. The warm-up (not timed) fills every point of the
  conversation with its people.

For each server, then:

* acknowledgements (2xx) a second and p50/p99/max webhook latency under that load;
* replies delivered a second: timed messages whose first reply reached the fake provider,
  from the start of the load to the arrival of the last of them (a message's first reply:
  the first bot message after it in the person's transcript, found by its provider id; for
  the peer, the k-th reply to a chat answers its k-th message);
* webhook to reply: a second load, open loop at half that rate for `--seconds`, each message's
  time from when its webhook was due to its first reply's arrival (p50/p99/max);
* CPU per message (user+system from /proc, quitbot's web process and its worker, from the
  start of the load until every reply is sent), peak resident memory (VmHWM, summed over the
  server's processes), and the machine's load average before and after the load;
* for quitbot, a Telegram load the same way, and a mixed one (SMS and Telegram at once,
  half the connections each).

Faults (SMS, a fresh database each, no warm-up):

* crash: `kill -9` of quitbot's processes (the worker and the web process at once) half-way
  through the load, a restart, and then: acknowledged messages never applied (lost), applied
  twice, and replies taken twice by the fake Twilio.
* database restart (PostgreSQL): the PostgreSQL server stopped half-way through the load for
  `--db-down` seconds and started again, while the load sends every unacknowledged webhook
  again (the same signed request) until it is acknowledged; then the same counts, and how
  long until every message was applied and every reply sent. It stops the machine's
  PostgreSQL: run it only when nothing else needs it (`flock /tmp/bench.lock`).

The load generator and the fakes share the machine's 2 cores with the server: the figures are
a floor for what the server alone would do.

Here: the loads and their figures, and `main`. The servers as processes and the database
read-outs are in bench/ingress_servers.py, the faults in bench/ingress_faults.py, the results
file in bench/ingress_report.py, the load generator in bench/wire.py.

Run: `python -m bench.ingress [--db sqlite|postgresql|all] [--seconds 5] [--connections 16]`
(see `--help`).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from bench import send_faults, wire
from bench.ingress_faults import run_crash, run_db_restart
from bench.ingress_report import table
from bench.ingress_servers import (
    POLL,
    ROOT,
    SMS,
    STALLED,
    TELEGRAM,
    cpu_seconds,
    database,
    disk_flushes,
    first_replies,
    free_port,
    load_average,
    own_cpu_seconds,
    peak_rss_mib,
    reader,
    say,
    start_ceiling,
    start_peer,
    start_quitbot,
    stop,
    wait_drained,
)
from bench.provider_fakes import Fakes

RESULTS = ROOT / "bench" / "ingress-results.md"


async def together(*loads: Coroutine[Any, Any, wire.Load]) -> list[wire.Load]:
    """Loads at the same time."""
    return list(await asyncio.gather(*loads))


# -- replies ------------------------------------------------------------------------------


def quitbot_arrivals(
    engine: Engine, fakes: Fakes, channel: str, since: dict[str, int]
) -> dict[str, float]:
    """When the first reply to each message on `channel` reached the fake provider (taken
    since the counts `since`), by the message's provider id."""
    if channel == SMS:
        taken = {m.sid: m.at for m in fakes.sms(since[SMS])}
    else:
        taken = {str(m.message_id): m.at for m in fakes.telegram(since[TELEGRAM])}
    return {
        key: taken[reply]
        for key, reply in first_replies(engine, channel).items()
        if reply is not None and reply in taken
    }


def peer_arrivals(fakes: Fakes, since: int, acked: Sequence[wire.Acked]) -> dict[str, float]:
    """The peer answers each message with one reply, in order: the k-th reply to a chat
    (taken since `since`) answers its k-th acknowledged message."""
    replies: dict[str, list[float]] = defaultdict(list)
    for m in fakes.telegram(since):
        replies[str(m.chat_id)].append(m.at)
    asked: dict[str, list[wire.Acked]] = defaultdict(list)
    for a in sorted(acked, key=lambda a: a.sent_at):
        asked[a.sender].append(a)
    return {
        a.key: at
        for who, said in asked.items()
        for a, at in zip(said, replies.get(who, []), strict=False)
    }


def ack_figures(seen: wire.Load) -> dict[str, float]:
    lat = sorted(seen.latencies)
    if not lat:
        lat = [0.0]
    return {
        "acks_per_s": len(seen.acked) / seen.seconds,
        "p50_ms": statistics.median(lat) * 1000,
        "p99_ms": _p99(lat) * 1000,
        "max_ms": lat[-1] * 1000,
        "not_acked": seen.other + seen.errors,
    }


def _p99(ordered: list[float]) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def reply_figures(seen: wire.Load, arrivals: dict[str, float]) -> dict[str, float]:
    """Replies delivered a second, from the load's start to the last first reply."""
    answered = [arrivals[a.key] for a in seen.acked if a.key in arrivals]
    last = max(answered, default=seen.began)
    return {
        "replies_per_s": len(answered) / max(1e-9, last - seen.began),
        "unanswered": len(seen.acked) - len(answered),
    }


def latency_figures(seen: wire.Load, arrivals: dict[str, float]) -> dict[str, float]:
    """Webhook (when it was due) to its first reply, in the open-loop load."""
    took = sorted(arrivals[a.key] - a.sent_at for a in seen.acked if a.key in arrivals)
    acks = sorted(seen.latencies)
    return {
        "open_rate": seen.taken / seen.seconds,
        "open_messages": seen.taken,
        "open_unanswered": seen.taken - len(took),
        "reply_p50_ms": statistics.median(took) * 1000 if took else 0.0,
        "reply_p99_ms": _p99(took) * 1000 if took else 0.0,
        "reply_max_ms": took[-1] * 1000 if took else 0.0,
        "open_ack_p99_ms": _p99(acks) * 1000 if acks else 0.0,
    }


# -- the ceiling and the peer -------------------------------------------------------------


def run_ceiling(args: argparse.Namespace) -> dict[str, float]:
    port = free_port()
    process = start_ceiling(port)
    try:
        warm = wire.sms_requests(port, 9_000_000, 2000, args.numbers)
        asyncio.run(wire.closed_loop(port, warm, args.connections, 1))
        requests = wire.sms_requests(port, 0, args.requests, args.numbers)
        runs = []
        for _ in range(args.repeat):
            cpu0 = cpu_seconds(process.pid)
            load0 = load_average()
            seen = asyncio.run(wire.closed_loop(port, requests, args.connections, args.seconds))
            cpu = cpu_seconds(process.pid) - cpu0
            runs.append(
                {
                    **ack_figures(seen),
                    "cpu_ms": cpu * 1000 / max(1, len(seen.acked)),
                    "load_before": load0,
                    "load_after": load_average(),
                }
            )
        rss = peak_rss_mib(process.pid)
    finally:
        stop(process)
    return {**median_run(runs, "acks_per_s"), "rss_mib": rss}


def median_run(runs: Sequence[dict[str, Any]], by: str) -> dict[str, Any]:
    """The run whose `by` is the median of the runs' (the lower middle one of an even number),
    all its figures together: the machine's noise (10-15% run to run) weighs less."""
    return dict(sorted(runs, key=lambda run: run[by])[(len(runs) - 1) // 2])


def _wait_peer(fakes: Fakes, since: int, expected: int, limit: float) -> float | None:
    """Wait until the peer's fake Bot API has taken `expected` replies since `since`."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if fakes.counts()[TELEGRAM] - since >= expected:
            return time.monotonic()
        time.sleep(POLL / 4)
    return None


def run_peer(args: argparse.Namespace, fakes: Fakes) -> dict[str, float]:
    port = free_port()
    process = start_peer(port, fakes.base)
    path = "/telegram"
    chats = args.numbers
    try:
        # Warm-up: every chat's first message (and python-telegram-bot's first sends).
        since = fakes.counts()[TELEGRAM]
        warm = wire.telegram_requests(port, 0, chats, chats, path)
        seen = asyncio.run(wire.closed_loop(port, warm, args.connections, 60))
        _wait_peer(fakes, since, len(seen.acked), args.drain_limit)
        start = chats
        # Closed loop: acknowledgements, and replies delivered a second (median of the runs).
        runs = []
        for _ in range(args.repeat):
            since = fakes.counts()[TELEGRAM]
            requests = wire.telegram_requests(port, start, args.requests, chats, path)
            cpu0 = cpu_seconds(process.pid)
            load0 = load_average()
            seen = asyncio.run(wire.closed_loop(port, requests, args.connections, args.seconds))
            load1 = load_average()
            loaded = time.monotonic()
            drained = _wait_peer(fakes, since, len(seen.acked), args.drain_limit)
            cpu = cpu_seconds(process.pid) - cpu0
            start += seen.taken
            runs.append(
                {
                    **ack_figures(seen),
                    **reply_figures(seen, peer_arrivals(fakes, since, seen.acked)),
                    "cpu_ms": cpu * 1000 / max(1, len(seen.acked)),
                    "drain_s": (drained or time.monotonic()) - loaded,
                    "load_before": load0,
                    "load_after": load1,
                }
            )
        figures = median_run(runs, "replies_per_s")
        # Open loop at half the replies a second: webhook to reply (median of the runs).
        rate = max(1.0, figures["replies_per_s"] / 2)
        runs = []
        for _ in range(args.repeat):
            since = fakes.counts()[TELEGRAM]
            count = int(rate * args.seconds) + 1
            requests = wire.telegram_requests(port, start, count, chats, path)
            seen = asyncio.run(
                wire.open_loop(port, requests, args.connections, rate, args.seconds)
            )
            start += seen.taken
            _wait_peer(fakes, since, len(seen.acked), args.drain_limit)
            runs.append(latency_figures(seen, peer_arrivals(fakes, since, seen.acked)))
        figures |= median_run(runs, "reply_p99_ms")
        figures["rss_mib"] = peak_rss_mib(process.pid)
    finally:
        stop(process)
    return figures


# -- quitbot ------------------------------------------------------------------------------


@dataclass
class Quitbot:
    """A running `quitbot serve`, where each channel's people are in their conversations."""

    args: argparse.Namespace
    port: int
    process: subprocess.Popen[bytes]
    engine: Engine
    fakes: Fakes
    next_message: dict[str, int]  # the index of each channel's next request (bench/wire.py)
    cohorts: wire.Cohorts  # who says what: each channel's people, in the steady state

    def requests(self, channel: str, count: int) -> list[wire.Request]:
        return self._made(channel, self.cohorts.timed(self.next_message[channel], count))

    def _made(self, channel: str, said: Sequence[wire.Said]) -> list[wire.Request]:
        return (wire.sms_for if channel == SMS else wire.telegram_for)(self.port, said)

    def ramp(self) -> None:
        """The warm-up (not timed): both channels' cohorts join a step at a time, each step
        acknowledged in full before the next (a person's messages arrive in order), until
        every point of the conversation has its people; then until all is applied and sent."""
        for step in self.cohorts.ramp():
            seen = asyncio.run(
                together(
                    *(
                        wire.closed_loop(
                            self.port,
                            self._made(channel, step),
                            self.args.connections,
                            600,
                            retry=True,
                        )
                        for channel in (SMS, TELEGRAM)
                    )
                )
            )
            if any(len(one.acked) != len(step) for one in seen):
                # Someone would skip a point of the conversation, and every later answer of
                # theirs would go to the wrong question: the mix would not be what it says.
                raise RuntimeError("a warm-up step was not acknowledged in full")
        wait_drained(self.engine, self.args.drain_limit)

    def closed(
        self, loads: Sequence[tuple[str, int]], seconds: float
    ) -> tuple[list[wire.Load], dict[str, float]]:
        """Closed-loop loads, one a (channel, connections), at once; what they saw, and the
        figures from their start until every message was applied and every reply sent."""
        since = self.fakes.counts()
        made = [(channel, self.requests(channel, self.args.requests)) for channel, _ in loads]
        cpu0 = cpu_seconds(self.process.pid)
        web0 = own_cpu_seconds(self.process.pid)
        load0 = load_average()

        seen = asyncio.run(
            together(
                *(
                    wire.closed_loop(self.port, requests, connections, seconds)
                    for (_, requests), (_, connections) in zip(made, loads, strict=True)
                )
            )
        )
        loaded = time.monotonic()
        web = own_cpu_seconds(self.process.pid) - web0
        load1 = load_average()
        drained = wait_drained(self.engine, self.args.drain_limit).replied
        cpu = cpu_seconds(self.process.pid) - cpu0
        arrivals: dict[str, float] = {}
        for (channel, _), one in zip(loads, seen, strict=True):
            self.next_message[channel] += one.taken
            arrivals |= quitbot_arrivals(self.engine, self.fakes, channel, since)
        every = _merged(seen)
        count = max(1, len(every.acked))
        return seen, {
            **ack_figures(every),
            **reply_figures(every, arrivals),
            "cpu_ms": cpu * 1000 / count,
            "web_cpu_ms": web * 1000 / count,
            "drain_s": (drained or time.monotonic()) - loaded,
            "drained": drained is not None,
            "load_before": load0,
            "load_after": load1,
        }

    def open(self, channel: str, rate: float, seconds: float) -> dict[str, float]:
        """An open-loop load at `rate`: each message's time to its first reply."""
        since = self.fakes.counts()
        requests = self.requests(channel, int(rate * seconds) + 1)
        seen = asyncio.run(
            wire.open_loop(self.port, requests, self.args.connections, rate, seconds)
        )
        self.next_message[channel] += seen.taken
        wait_drained(self.engine, self.args.drain_limit)
        return latency_figures(seen, quitbot_arrivals(self.engine, self.fakes, channel, since))


def _merged(loads: Sequence[wire.Load]) -> wire.Load:
    merged = wire.Load(
        acked=[a for one in loads for a in one.acked],
        other=sum(one.other for one in loads),
        errors=sum(one.errors for one in loads),
        taken=sum(one.taken for one in loads),
        began=min(one.began for one in loads),
    )
    merged.seconds = max(one.began + one.seconds for one in loads) - merged.began
    return merged


def run_quitbot(args: argparse.Namespace, kind: str, fakes: Fakes) -> dict[str, dict[str, Any]]:
    """quitbot on `kind`: an SMS load, a Telegram load and a mixed one; each run's figures."""
    runs: dict[str, dict[str, Any]] = {}
    with database(kind) as url, tempfile.TemporaryDirectory() as folder:
        port = free_port()
        process = start_quitbot(args, port, Path(folder), url, fakes.base)
        cohorts = wire.Cohorts.of(args.numbers)
        bot = Quitbot(args, port, process, reader(url), fakes, {SMS: 0, TELEGRAM: 0}, cohorts)
        try:
            say(f"  {kind} warm-up: {cohorts.people:,} people a channel join ...")
            bot.ramp()
            if kind == "postgresql":
                # The planner's statistics, as autovacuum keeps them for a database in service
                # (a table filled a second ago has none, and its plans read whole tables).
                with bot.engine.begin() as connection:  # committed: statistics are rows too
                    connection.execute(text("ANALYZE"))
            for channel, name in ((SMS, "SMS"), (TELEGRAM, "Telegram")):
                say(f"  {kind} {name} ...")
                figures = median_run(
                    [
                        bot.closed([(channel, args.connections)], args.seconds)[1]
                        for _ in range(args.repeat)
                    ],
                    "replies_per_s",
                )
                rate = max(1.0, figures["replies_per_s"] / 2)
                figures |= median_run(
                    [bot.open(channel, rate, args.seconds) for _ in range(args.repeat)],
                    "reply_p99_ms",
                )
                figures["rss_mib"] = peak_rss_mib(process.pid)
                runs[name] = figures
                say(f"  {kind} {name}: {_brief(figures)}")
            if not args.no_mixed:
                half = max(1, args.connections // 2)
                figures = median_run(
                    [
                        bot.closed([(SMS, half), (TELEGRAM, half)], args.seconds)[1]
                        for _ in range(args.repeat)
                    ],
                    "replies_per_s",
                )
                figures["rss_mib"] = peak_rss_mib(process.pid)
                runs["mixed"] = figures
                say(f"  {kind} mixed: {_brief(figures)}")
        finally:
            stop(process)
            bot.engine.dispose()
    return runs


def _brief(figures: dict[str, Any]) -> str:
    return ", ".join(
        f"{k} {v:.1f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items()
    )


# -- main ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.ingress",
        description="Webhooks into a real `quitbot serve`, beside the bare ceiling and a "
        "python-telegram-bot peer; crash and database-restart runs. See bench/README.md.",
    )
    parser.add_argument("--db", choices=["sqlite", "postgresql", "all"], default="all")
    parser.add_argument("--seconds", type=float, default=5.0, help="each load's length")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--numbers",
        type=int,
        default=1500,
        help="people: quitbot's in the programme at once on each channel (phone numbers, and "
        "as many chats; new ones join all the time); the ceiling's and the peer's senders",
    )
    parser.add_argument(
        "--requests", type=int, default=30_000, help="at most this many webhooks a load"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each load (ceiling, peer, quitbot's); the median run is reported",
    )
    parser.add_argument("--no-peer", action="store_true", help="skip the peer bot")
    parser.add_argument("--no-mixed", action="store_true", help="skip the mixed load")
    parser.add_argument("--no-crash", action="store_true", help="skip the kill -9 runs")
    parser.add_argument(
        "--no-send-faults",
        action="store_true",
        help="skip the outgoing path's fault runs (bench/send_faults.py)",
    )
    parser.add_argument(
        "--db-restart",
        choices=["on", "off", "only"],
        default="on",
        help="the PostgreSQL restart run (stops the machine's PostgreSQL); 'only': just it",
    )
    parser.add_argument("--db-down", type=float, default=5.0, help="seconds PostgreSQL is down")
    parser.add_argument(
        "--drain-limit",
        type=float,
        default=120.0,
        help="seconds to wait for the journal to be applied and the replies sent",
    )
    parser.add_argument(
        "--stalled",
        type=float,
        default=STALLED,
        help="after a fault, stop waiting once nothing has moved for this many seconds",
    )
    parser.add_argument("--safety-net", choices=["on", "off"], default="on")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="QUITBOT_WORKERS for serve (default: unset, serve's own default)",
    )
    parser.add_argument(
        "--disk-probe",
        type=float,
        default=10.0,
        help="seconds to time the disk's flushes before the loads (0: not)",
    )
    parser.add_argument("--label", default=_commit())
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    kinds = ["sqlite", "postgresql"] if args.db == "all" else [args.db]
    if args.db_restart == "only" and "postgresql" not in kinds:
        parser.error("--db-restart only restarts PostgreSQL: use --db postgresql or all")
    only_restart = args.db_restart == "only"
    began = time.monotonic()
    fakes = Fakes(free_port())
    ceiling: dict[str, Any] = {}
    peer: dict[str, Any] = {}
    runs: dict[str, dict[str, dict[str, Any]]] = {}
    crashes: dict[str, dict[str, Any]] = {}
    restart: dict[str, Any] = {}
    disk: dict[str, Any] = {}
    sending: dict[str, dict[str, dict[str, Any]]] = {}
    try:
        if args.disk_probe > 0:
            with tempfile.TemporaryDirectory() as folder:
                disk = disk_flushes(args.disk_probe, Path(folder))
            say(f"disk: {_brief(disk)}")
        if not only_restart:
            say("ceiling ...")
            ceiling = run_ceiling(args)
            say(f"ceiling: {_brief(ceiling)}")
            if not args.no_peer:
                say("peer ...")
                peer = run_peer(args, fakes)
                say(f"peer: {_brief(peer)}")
            for kind in kinds:
                say(f"quitbot on {kind} ...")
                runs[kind] = run_quitbot(args, kind, fakes)
                if not args.no_crash:
                    crashes[kind] = run_crash(args, kind, fakes)
                    say(f"{kind} crash: {_brief(crashes[kind])}")
        if args.db_restart != "off" and "postgresql" in kinds:
            say("PostgreSQL restart ...")
            restart = run_db_restart(args, fakes)
            say(f"restart: {_brief(restart)}")
        if not only_restart and not args.no_send_faults:
            say("sending through faults ...")
            sending = asyncio.run(send_faults.runs(kinds))
    finally:
        fakes.close()
    report = table(
        args,
        ceiling,
        peer,
        runs,
        crashes,
        restart,
        minutes=(time.monotonic() - began) / 60,
        disk=disk,
        sending=sending,
    )
    args.results.write_text(report)
    print(report)
    return 0


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())
