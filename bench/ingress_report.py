"""The ingress benchmark's results as markdown (bench/ingress-results.md): what each server did,
side by side, the targets met or MISSED, and the crash and database-restart counts."""

from __future__ import annotations

import argparse
import os
from datetime import UTC, datetime
from typing import Any

from bench import send_faults, wire
from bot.worker import NICE, NICE_SHARED

Figures = dict[str, Any]
SQLITE_REPLIES = 500  # replies a second, SQLite
POSTGRESQL_REPLIES = 700  # and on PostgreSQL (also: ahead of the peer)
DUPLICATES = 0.001  # at most this share of replies sent twice


def _mark(ok: bool) -> str:
    return "met" if ok else "MISSED"


def _ms(figures: Figures, *keys: str) -> str:
    return " / ".join(f"{figures.get(k, 0):.1f}" for k in keys)


def _share(value: float, of: float) -> str:
    return f"{value / of:.0%}" if of else "–"


def table(
    args: argparse.Namespace,
    ceiling: Figures,
    peer: Figures,
    runs: dict[str, dict[str, Figures]],
    crashes: dict[str, Figures],
    restart: Figures,
    *,
    minutes: float,
    disk: Figures | None = None,
    sending: dict[str, dict[str, Figures]] | None = None,
) -> str:
    """The whole results file."""
    command = "python -m bench.ingress" + (f" --db {args.db}" if args.db != "all" else "")
    lines = [
        "# Ingress: webhooks into `quitbot serve`, beside the bare ceiling and a peer bot",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {args.label}, {os.cpu_count()} "
        f"CPUs, {minutes:.1f} minutes; {args.connections} connections, {args.seconds:g} s a "
        f"load; quitbot's people: {wire.Cohorts.of(args.numbers).people:,} a channel in the "
        "programme at once (SMS numbers, and as many Telegram chats), a new group joining at "
        f"every step and each saying {STAY} things, one a step: registration to a confirmed "
        f"quit date ({REGISTERING}), then {STAY - REGISTERING} about their progress, so every "
        "load is the same mix after an untimed warm-up that brings every point of the "
        f"conversation its people; the ceiling's and the peer's senders: {args.numbers:,}; "
        f"safety example net {args.safety_net}; `quitbot serve` with "
        + _workers(args.workers)
        + f"; `{command}`.",
    ]
    if disk:
        lines += [
            "",
            f"The disk, before the loads: {disk['flushes']:,} flushes in {disk['seconds']:g} s "
            "(8 kB written and `fdatasync`ed, as a commit does), p50 / p99 / max "
            f"{disk['p50_ms']:.2f} / {disk['p99_ms']:.2f} / {disk['max_ms']:.1f} ms, "
            f"{disk['over_50_ms']} over 50 ms. Every acknowledgement waits for a flush (on "
            "both databases a commit is on the disk before it returns), so a stall of the "
            "disk during a load is in its p99.",
        ]
    if ceiling or peer or runs:
        lines += _speed(ceiling, peer, runs, args)
    if runs:
        lines += _targets(ceiling, peer, runs, crashes, restart, args, sending or {})
    if crashes:
        lines += _crashes(crashes, args)
    if restart:
        lines += _restart(restart, args)
    if sending:
        lines += [
            "",
            "The outgoing path through faults, in the same run (bench/send_faults.py: the real "
            "twilio and python-telegram-bot clients, the real dispatcher and outbox on a fresh "
            "database each, fake providers on loopback that fail on cue):",
            "",
            *send_faults.table(sending),
        ]
    return "\n".join(lines) + "\n"


def _rows(
    ceiling: Figures, peer: Figures, runs: dict[str, dict[str, Figures]]
) -> list[tuple[str, Figures]]:
    rows: list[tuple[str, Figures]] = []
    if ceiling:
        rows.append(("bare ceiling (Twilio form, signature, empty TwiML)", ceiling))
    if peer:
        rows.append(("peer bot (python-telegram-bot, Telegram)", peer))
    for kind, channels in runs.items():
        for channel, figures in channels.items():
            rows.append((f"quitbot {kind}, {channel}", figures))
    return rows


def _speed(
    ceiling: Figures, peer: Figures, runs: dict[str, dict[str, Figures]], args: argparse.Namespace
) -> list[str]:
    rows = _rows(ceiling, peer, runs)
    lines = [
        "",
        "Closed loop (each connection sends its next webhook when the last is answered), for "
        f"{args.seconds:g} s; replies delivered a second: the timed messages' first replies "
        "at the fake provider, from the load's start to the last of them. Percentages: of "
        "the ceiling's acknowledgements, of the peer's acknowledgements and replies. "
        f"Each load ran {args.repeat} times; shown: the run with the median replies a second "
        "(the ceiling's: acknowledgements a second), all its figures together.",
        "",
        "| run | webhooks acknowledged /s (of the ceiling, of the peer) "
        "| replies delivered /s (of the peer's) | acknowledgement p50 / p99 / max (ms) "
        "| CPU per message (ms) | peak RSS (MiB) | load average before, after |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, f in rows:
        acks = f"{f['acks_per_s']:,.0f}"
        if f is peer:
            acks += f" ({_share(f['acks_per_s'], ceiling.get('acks_per_s', 0))})"
        elif f is not ceiling:
            acks += f" ({_share(f['acks_per_s'], ceiling.get('acks_per_s', 0))}"
            acks += f", {_share(f['acks_per_s'], peer.get('acks_per_s', 0))})"
        replies = "–"
        if "replies_per_s" in f:
            replies = f"{f['replies_per_s']:,.0f}"
            if f is not peer:
                replies += f" ({_share(f['replies_per_s'], peer.get('replies_per_s', 0))})"
        lines.append(
            f"| {name} | {acks} | {replies} | {_ms(f, 'p50_ms', 'p99_ms', 'max_ms')} "
            f"| {f['cpu_ms']:.2f} | {f.get('rss_mib', 0):,.0f} "
            f"| {f['load_before']:.2f}, {f['load_after']:.2f} |"
        )
    opened = [(name, f) for name, f in rows if "reply_p99_ms" in f]
    if opened:
        lines += [
            "",
            "Webhook to reply: an open loop at half each run's replies a second (webhooks due "
            "at a fixed rate, times counted from when each was due) for "
            f"{args.seconds:g} s; its first reply's arrival at the fake provider. Each ran "
            f"{args.repeat} times; shown: the run with the median p99.",
            "",
            "| run | rate /s (messages) | webhook to reply p50 / p99 / max (ms) "
            "| acknowledgement p99 (ms) | messages with no reply |",
            "| --- | --- | --- | --- | --- |",
        ]
        for name, f in opened:
            lines.append(
                f"| {name} | {f['open_rate']:,.0f} ({f['open_messages']:,}) "
                f"| {_ms(f, 'reply_p50_ms', 'reply_p99_ms', 'reply_max_ms')} "
                f"| {f['open_ack_p99_ms']:.1f} | {f['open_unanswered']:,} |"
            )
    quitbot = [(name, f) for name, f in rows if "web_cpu_ms" in f]
    if quitbot:
        lines += [
            "",
            "| run | web process CPU per message, during the load (ms) | applied and replied "
            "this long after the load (s) | timed messages with no reply | webhooks not "
            "acknowledged |",
            "| --- | --- | --- | --- | --- |",
        ]
        for name, f in quitbot:
            drain = f"{f['drain_s']:.1f}" + ("" if f["drained"] else " (not drained: limit)")
            lines.append(
                f"| {name} | {f['web_cpu_ms']:.2f} | {drain} | {f['unanswered']:,} "
                f"| {f['not_acked']:,} |"
            )
    return lines


def _targets(
    ceiling: Figures,
    peer: Figures,
    runs: dict[str, dict[str, Figures]],
    crashes: dict[str, Figures],
    restart: Figures,
    args: argparse.Namespace,
    sending: dict[str, dict[str, Figures]],
) -> list[str]:
    kinds = list(runs)
    lines = [
        "",
        "| target | " + " | ".join(kinds) + " |",
        "| --- | " + " | ".join("---" for _ in kinds) + " |",
    ]

    def row(name: str, check: Any) -> None:
        cells = []
        for kind in kinds:
            verdict = check(kind)
            cells.append(verdict if isinstance(verdict, str) else _mark(verdict))
        lines.append(f"| {name} | " + " | ".join(cells) + " |")

    def replies_enough(kind: str, channel: str) -> bool | str:
        f = runs[kind].get(channel)
        if f is None:
            return "–"
        least = SQLITE_REPLIES if kind == "sqlite" else POSTGRESQL_REPLIES
        return bool(f["replies_per_s"] >= least)

    def replies_ahead(kind: str, channel: str) -> bool | str:
        f = runs[kind].get(channel)
        if f is None or kind == "sqlite" or not peer:
            return "–"
        return bool(f["replies_per_s"] > peer["replies_per_s"])

    row(
        "SMS acknowledgements ≥ 50% of the ceiling",
        lambda k: runs[k]["SMS"]["acks_per_s"] >= 0.5 * ceiling.get("acks_per_s", 0),
    )
    for channel in ("SMS", "Telegram"):
        row(
            f"{channel} acknowledgement p99 < 50 ms",
            lambda k, c=channel: runs[k][c]["p99_ms"] < 50,
        )
    for channel in ("SMS", "Telegram"):
        row(
            f"{channel} replies delivered ahead of the peer's, same run (PostgreSQL)",
            lambda k, c=channel: replies_ahead(k, c),
        )
        row(
            f"{channel} replies delivered ≥ {SQLITE_REPLIES}/s (SQLite), ≥ {POSTGRESQL_REPLIES}/s "
            "(PostgreSQL; the issue's machine, where the ceiling answered 2,700-3,500/s)",
            lambda k, c=channel: replies_enough(k, c),
        )
        row(
            f"{channel} webhook to reply p99 < 250 ms at half that rate",
            lambda k, c=channel: (
                runs[k][c]["reply_p99_ms"] < 250 and runs[k][c]["open_unanswered"] == 0
            ),
        )
    if crashes:
        row(
            "`kill -9`: none lost, ≤ 0.1% of replies sent twice",
            lambda k: "–" if k not in crashes else _faultless(crashes[k]),
        )
    if restart or "sqlite" in kinds:
        row(
            "database restart: none lost, ≤ 0.1% of replies sent twice",
            lambda k: (
                "n/a (no server to restart)"
                if k == "sqlite"
                else ("–" if not restart else _faultless(restart))
            ),
        )
    if sending:
        _sending_targets(row, sending)
    return lines


def _sending_targets(row: Any, sending: dict[str, dict[str, Figures]]) -> None:
    def each(run: str, check: Any) -> Any:
        return lambda k: "–" if run not in sending.get(k, {}) else bool(check(sending[k][run]))

    # Each row also checks that its fault happened (replies timed out, SMS hung, sends refused
    # for the whole outage, both servers sent), so a fake that failed to fail is no "met".
    row(
        "Twilio that takes a reply and answers after the timeout: none lost, ≤ 0.1% sent twice",
        each(
            "timeout",
            lambda f: (
                f["timed_out"] > 0
                and f["lookups"] > 0
                and f["lost"] == 0
                and f["duplicates"] <= DUPLICATES * max(1, f["replies"])
            ),
        ),
    )
    row(
        "two servers on one database: 0 people out of order, none sent twice",
        each(
            "order",
            lambda f: (
                f["sent_by_first"] > 0
                and f["sent_by_second"] > 0
                and f["people_out_of_order"] == 0
                and f["duplicates"] == 0
                and not f["unsent"]
            ),
        ),
    )
    row(
        "a hanging Twilio adds under 1 s to web chat and Telegram replies",
        lambda k: (
            "–"
            if not {"hang", "healthy"} <= set(sending.get(k, {}))
            else bool(
                sending[k]["hang"]["sms_hung"] > 0
                and sending[k]["hang"]["answered"] == sending[k]["hang"]["replies"]
                and sending[k]["hang"]["max_ms"] - sending[k]["healthy"]["max_ms"] < 1000
            )
        ),
    )
    row(
        "a Twilio outage of hours: nothing failed for good, lost or sent twice",
        each(
            "outage",
            lambda f: (
                f["sent_during_outage"] == 0
                and f["tries_during_outage"] >= f["replies"] > 0
                and f["healthz_waiting"] == f["replies"]
                and f["failed"] == 0
                and f["lost"] == 0
                and f["duplicates"] == 0
            ),
        ),
    )


def _faultless(f: Figures) -> bool | str:
    if f["lost"] or f["sent_twice"] > DUPLICATES * max(1, f["replies"]):
        return False
    if f["not_sent"]:
        return f"not known: {f['not_sent']:,} replies unsent at the end"
    return True


def _unsent(f: Figures) -> str:
    if not f["not_sent"]:
        return "0"
    statuses = ", ".join(f"{n} {s}" for s, n in f["unsent_statuses"].items())
    return f"{f['not_sent']:,} ({statuses})"


def _fault_rows(table: dict[str, Figures]) -> list[str]:
    lines = []
    for name, show in (
        ("messages acknowledged", lambda f: f"{f['acked']:,}"),
        ("acknowledged and never applied (target 0)", lambda f: f"{f['lost']:,}"),
        ("applied twice", lambda f: f"{f['applied_twice']:,}"),
        ("replies taken by the fake Twilio", lambda f: f"{f['replies']:,}"),
        (
            "replies taken twice (target ≤ 0.1%)",
            lambda f: f"{f['sent_twice']:,} ({f['sent_twice'] / max(1, f['replies']):.2%})",
        ),
        ("replies not sent by the end (their status)", _unsent),
    ):
        lines.append(f"| {name} | " + " | ".join(show(f) for f in table.values()) + " |")
    return lines


def _crashes(crashes: dict[str, Figures], args: argparse.Namespace) -> list[str]:
    lines = [
        "",
        f"`kill -9` half-way through {args.seconds:g} s of SMS load (new people, no warm-up), "
        "a restart, then wait until every message is applied and every reply sent (at most "
        f"{args.drain_limit:g} s, and {args.stalled:g} s with nothing moving).{_held(crashes)}",
        "",
        "| | " + " | ".join(crashes) + " |",
        "| --- | " + " | ".join("---" for _ in crashes) + " |",
        "| left waiting in the journal at the kill | "
        + " | ".join(f"{c['waiting_at_kill']:,}" for c in crashes.values())
        + " |",
        *_fault_rows(crashes),
        "| every message applied this long after the restart (s) | "
        + " | ".join(_seconds(c["applied_s"], args) for c in crashes.values())
        + " |",
        "| every reply sent this long after the restart (s) | "
        + " | ".join(_seconds(c["replied_s"], args) for c in crashes.values())
        + " |",
    ]
    return lines


def _held(runs: dict[str, Figures]) -> str:
    """What replies left unsent at the end are waiting for, when some are."""
    if not any(f["not_sent"] for f in runs.values()):
        return ""
    return (
        " Replies left `sending` wait for their 5-minute lease before they are looked up, and "
        "the same people's later replies (`queued`) wait behind them: `--drain-limit 420 "
        "--stalled 330` waits them out."
    )


def _seconds(value: float | None, args: argparse.Namespace) -> str:
    return "not by the end" if value is None else f"{value:.1f}"


def _restart(restart: Figures, args: argparse.Namespace) -> list[str]:
    return [
        "",
        f"PostgreSQL stopped (`pg_ctlcluster ... stop -m fast`) {args.seconds / 2:g} s into "
        f"{args.seconds + args.db_down:g} s of SMS load (new people), started again "
        f"{args.db_down:g} s later; the load sends each unacknowledged webhook again (the same "
        "signed request, 0.2 s later) until it is acknowledged; then wait until every message "
        f"is applied and every reply sent (at most {args.drain_limit:g} s, and "
        f"{args.stalled:g} s with nothing moving).{_held({'postgresql': restart})} SQLite: n/a "
        "(no server to restart).",
        "",
        "| | postgresql |",
        "| --- | --- |",
        f"| webhooks sent again | {restart['retries']:,} |",
        "| answers to the tries that were sent again (status: count; 0: no answer) | "
        + (", ".join(f"{k}: {n:,}" for k, n in restart["refusals"].items()) or "–")
        + " |",
        f"| never acknowledged (gave up) | {restart['given_up']:,} |",
        *_fault_rows({"postgresql": restart}),
        "| quitbot serve still running afterwards | "
        + ("yes |" if restart["server_survived"] else "NO |"),
        f"| every message applied this long after the load (s) | "
        f"{_seconds(restart['applied_s'], args)} |",
        f"| every reply sent this long after the load (s) | "
        f"{_seconds(restart['replied_s'], args)} |",
        f"| every reply sent this long after PostgreSQL started (s) | "
        f"{_seconds(restart['started_to_replied_s'], args)} |",
    ]


STAY = wire.STAY
REGISTERING = len(wire.CONVERSATION)


def _workers(workers: int | None) -> str:
    if workers == 0:
        return "QUITBOT_WORKERS=0 (one process)"
    if workers is None or workers == 1:
        return f"QUITBOT_WORKERS=1 (a web process, its worker at nice {NICE})"
    return f"QUITBOT_WORKERS={workers} (a web process, its workers at nice {NICE_SHARED} each)"
