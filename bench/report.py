"""Turning benchmark figures into the terminal table and `bench/results.md`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results.md"


def _verdict(result: dict[str, Any]) -> str:
    return "met" if result.get("met") else "MISSED"


def _planning_rows(run: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    name = f"planning: {run['name']} ({run['participants']:,} participants)"
    target = ""
    if run["target_seconds"] is not None:
        target = f"< {run['target_seconds']:.1f} s ({_verdict(run)})"
    rows = [
        (name, "wall time", f"{run['wall_seconds']:.2f} s", target),
        (name, "per participant", f"{run['per_participant_us']:.1f} us", ""),
        (name, "per wake", f"{run['per_wake_us']:.1f} us", ""),
        (
            name,
            "p50 / p99 per participant",
            f"{run['p50_participant_us']:.1f} / {run['p99_participant_us']:.1f} us",
            "",
        ),
        (name, "RSS growth while planning", f"{run['rss_growth_mib']:.1f} MiB", ""),
    ]
    if run["tracemalloc_peak_mib"] is not None:
        rows.append((name, "tracemalloc peak", f"{run['tracemalloc_peak_mib']:.1f} MiB", ""))
    return rows


def summary_rows(results: Sequence[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    """(benchmark, figure, value, target) rows for the headline table."""
    rows: list[tuple[str, str, str, str]] = []
    for result in results:
        if result["bench"] == "planning":
            for run in result["runs"]:
                rows += _planning_rows(run)
            rows.append(
                (
                    f"planning ({result['participants']:,} participants)",
                    "peak RSS (process)",
                    f"{result['peak_rss_mib']:.0f} MiB",
                    "",
                )
            )
        elif result["bench"] == "safety":
            name = f"safety screen ({result['messages']:,} messages, one at a time)"
            rows += [
                (
                    name,
                    "rules alone (baseline) p50 / p99",
                    f"{result['rules_p50_ms']:.2f} / {result['rules_p99_ms']:.2f} ms",
                    "",
                ),
                (
                    name,
                    "rules + example net p50 / p99",
                    f"{result['net_p50_ms']:.1f} / {result['net_p99_ms']:.1f} ms",
                    f"p99 < {result['target_p99_ms']:.0f} ms ({_verdict(result)})",
                ),
                (name, "slowest message", f"{result['net_max_ms']:.0f} ms", ""),
                (name, "net load time", f"{result['load_seconds']:.1f} s", ""),
                (name, "net memory (RSS growth)", f"{result['net_rss_mib']:.0f} MiB", ""),
            ]
        elif result["bench"] == "ledger":
            rows += ledger_rows(result)
        elif result["bench"] == "fuzz":
            name = f"fuzz {result['db']} ({result['requests']:,} requests)"
            rows += [
                (
                    name,
                    "answered 5xx",
                    f"{result['server_errors']:,}",
                    f"0 ({'met' if result['met'] else 'MISSED'})",
                ),
                (name, "requests a second", f"{result['per_second']:,.0f}/s", ""),
                (name, "seed", str(result["seed"]), ""),
            ]
        else:
            name = f"dispatch {result['db']} ({result['participants']:,} nudges)"
            target = f">= {result['target_per_second']:,.0f}/s ({_verdict(result)})"
            rows += [
                (name, "fire (claim + flows + outbox)", f"{result['fire_per_second']:,.0f}/s", ""),
                (
                    name,
                    "dispatch (send + mark sent)",
                    f"{result['dispatch_per_second']:,.0f}/s",
                    "",
                ),
                (name, "end to end", f"{result['end_to_end_per_second']:,.0f}/s", target),
                (
                    name,
                    "fire / dispatch / total time",
                    f"{result['fire_seconds']:.1f} / {result['dispatch_seconds']:.1f} / "
                    f"{result['total_seconds']:.1f} s",
                    "",
                ),
                (name, "peak RSS (process)", f"{result['peak_rss_mib']:.0f} MiB", ""),
                (name, "RSS growth while timed", f"{result['rss_growth_mib']:.1f} MiB", ""),
                (
                    name,
                    "checks",
                    "all passed" if all(result["checks"].values()) else "FAILED",
                    "",
                ),
            ]
    return rows


def ledger_rows(result: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """The ledger benchmark's headline rows, each beside its target."""
    name = f"ledger {result['db']} ({result['participants']:,} participants, a year)"
    build = result["build_seconds"] < result["target_build_seconds"]
    statement = result["statement_seconds"] < result["target_statement_seconds"]
    return [
        (
            name,
            "ledger from nothing",
            f"{result['ledger_seconds']:.1f} s ({result['ledger_rows']:,} rows)",
            "",
        ),
        (name, "full report", f"{result['report_seconds']:.1f} s", ""),
        (
            name,
            "ledger + report",
            f"{result['build_seconds']:.1f} s",
            f"< {result['target_build_seconds']:.0f} s ({'met' if build else 'MISSED'})",
        ),
        (
            name,
            "full pass with nothing new",
            f"{result['rederive_seconds']:.1f} s ({result['rederive_added']} added)",
            "0 added",
        ),
        (
            name,
            "statement, one provider",
            f"{result['statement_seconds']:.2f} s ({result['statement_rows']:,} rows)",
            f"< {result['target_statement_seconds']:.0f} s ({'met' if statement else 'MISSED'})",
        ),
        (
            name,
            "CPU time in this process: ledger / report / statement",
            " / ".join(
                f"{result[k]:.1f} s" if k in result else "-"
                for k in ("ledger_cpu_seconds", "report_cpu_seconds", "statement_cpu_seconds")
            ),
            "",
        ),
        (name, "peak RSS (process)", f"{result['peak_rss_mib']:.0f} MiB", ""),
        (name, "RSS growth while timed", f"{result['rss_growth_mib']:.1f} MiB", ""),
        (
            name,
            "load average (1 min) before / after timing",
            " / ".join(f"{v:.2f}" for v in result.get("load_average", ())) or "not read",
            f"{result.get('cpu_count', '?')} CPUs; over that, figures are pessimistic",
        ),
    ]


def table(results: Sequence[dict[str, Any]]) -> str:
    """The headline figures as a plain-text table for the terminal."""
    rows = [("benchmark", "figure", "value", "target"), *summary_rows(results)]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = []
    for number, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def _markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def markdown(
    results: Sequence[dict[str, Any]],
    *,
    machine: dict[str, Any],
    when: str,
    command: str,
    db_versions: dict[str, str],
    source: str,
) -> str:
    """The whole of `bench/results.md`."""
    lines = [
        "# quitbot benchmark results",
        "",
        f"Run {when} with `{command}`. Written by `python -m bench`; overwritten on every run.",
        "See `bench/README.md` for what each figure means.",
        "",
        f"Code measured: {source}.",
        "",
        "## Machine",
        "",
        *_markdown_table(
            ("what", "value"),
            [
                ("CPU", str(machine["cpu_model"])),
                ("CPU count", str(machine["cpu_count"])),
                ("memory", f"{machine['memory_gib']} GiB"),
                ("platform", str(machine["platform"])),
                ("Python", f"{machine['python_implementation']} {machine['python']}"),
                ("SQLAlchemy / SQLModel", f"{machine['sqlalchemy']} / {machine['sqlmodel']}"),
                ("psycopg", str(machine["psycopg"])),
                *[(f"database ({db})", version) for db, version in db_versions.items()],
            ],
        ),
        "",
        "## Headline figures",
        "",
        *_markdown_table(("benchmark", "figure", "value", "target"), summary_rows(results)),
        "",
    ]
    for result in results:
        if result["bench"] == "planning":
            lines += _planning_details(result)
        elif result["bench"] == "safety":
            lines += [
                "### Safety screen",
                "",
                "Every held-out corpus message screened one at a time, as messages arrive: the "
                "rules alone (the baseline) and the rules with the example net, in the same run. "
                "The net embeds messages of five words or more (a long message sentence by "
                "sentence) with numpy on the CPU.",
                "",
            ]
        elif result["bench"] == "ledger":
            lines += [
                f"### Ledger and report ({result['db']})",
                "",
                "Seeded in bulk, then timed one after the other: the ledger derived from nothing "
                "(every milestone priced, one transaction), the same again with nothing new, one "
                "provider's statement holding every row it was ever paid for (pessimistic: a "
                "year's rows on one month), and the full report for the year. Baseline: the "
                "issue's targets, 30 s for ledger and report together, 2 s for a statement.",
                "",
            ]
        elif result["bench"] == "fuzz":
            lines += _fuzz_details(result)
        else:
            lines += _dispatch_details(result)
    lines += [
        "## Conditions",
        "",
        "- Planning is pure CPU in one process, timed without tracemalloc; the tracemalloc",
        "  peak comes from a second, traced pass. The planned moments are kept in a list, as a",
        "  planner writing them out would hold them.",
        "- Dispatch: services from `bot.services.build_services` with injected, counting senders",
        "  (no network). Pacing is **off** (`Pacer({})`, what injected senders get), so the",
        "  provider token buckets (SMS 10/s, Telegram 25/s by default) do not limit the figures.",
        "- Fire and dispatch run one after the other in one process, each with the production",
        "  defaults: `fire_due_now(limit=500)`, `Dispatcher(batch=100)`. End to end is nudges",
        "  divided by the time from the first claim to the last message marked sent.",
        "- The SQLite database is a file in a temporary folder (WAL, synchronous=FULL, as",
        "  `storage.db.make_engine` sets it). PostgreSQL runs on the same machine with its",
        "  default settings (synchronous_commit on), in a database made for the run and dropped.",
        "- Fuzz: the real app over ASGI (no network, no dispatcher), every route, the",
        "  strategies of `tests/fuzz.py` with a fresh seed; every answer is counted.",
        "",
    ]
    return "\n".join(lines)


def _planning_details(result: dict[str, Any]) -> list[str]:
    quiet = ", ".join(f"{window}: {count:,}" for window, count in result["quiet_hours"].items())
    frequencies = ", ".join(f"{name}: {count:,}" for name, count in result["frequencies"].items())
    lines = [
        f"## Planning: {result['participants']:,} participants",
        "",
        f"Day planned: {result['day']} (Europe/London), planner run at {result['now']}. Making "
        f"the participants took {result['make_seconds']:.1f} s (not timed). Quiet hours: "
        f"{quiet}. Frequency: {frequencies}.",
        "",
    ]
    for run in result["runs"]:
        families = [
            (family, f"{figures['participants']:,}", f"{figures['mean_us']:.1f}")
            for family, figures in run["families"].items()
        ]
        lines += [
            f"### {run['name']}",
            "",
            f"{run['participants']:,} participants, {run['wakes']:,} wakes asked for, "
            f"{run['planned']:,} moments planned, in {run['wall_seconds']:.2f} s "
            f"(max {run['max_participant_us']:,.0f} us for one participant).",
            "",
            *_markdown_table(
                ("roster family", "participants", "mean us per participant"), families
            ),
            "",
        ]
    for name, why in result["skipped"].items():
        lines += [f"`scheduler.planner.{name}`: {why}.", ""]
    return lines


def _dispatch_details(result: dict[str, Any]) -> list[str]:
    checks = ", ".join(
        f"{name}: {'yes' if passed else 'NO'}" for name, passed in result["checks"].items()
    )
    channels = ", ".join(f"{name} {count:,}" for name, count in result["channels"].items())
    return [
        f"## Dispatch on {result['db']}: {result['participants']:,} nudges",
        "",
        f"{result['db_version']}. Seeding {result['participants']:,} participants through the "
        f"storage repositories took {result['seed_seconds']:.1f} s (not timed). Channels: "
        f"{channels}. {result['fired']:,} nudges fired in {result['fire_rounds']} claims; "
        f"{result['sent']:,} messages sent. Checks: {checks}.",
        "",
    ]


def _fuzz_details(result: dict[str, Any]) -> list[str]:
    statuses = ", ".join(f"{status}: {count:,}" for status, count in result["statuses"].items())
    lines = [
        f"## Fuzz on {result['db']}: {result['requests']:,} requests",
        "",
        f"{result['db_version']}. Seed {result['seed']} (repeat with `python -m bench.fuzz "
        f"--db {result['db']} --requests {result['requests']} --seed {result['seed']}`). "
        f"{result['routes']} method and path pairs; {result['seconds']:.1f} s. "
        f"Answers: {statuses}. Answered 5xx: {result['server_errors']:,}.",
        "",
    ]
    for error in result["errors"]:
        lines.append(f"- `{error}`")
    return [*lines, ""] if result["errors"] else lines


def write(text: str, path: Path = RESULTS) -> Path:
    """Overwrite the results file with `text`."""
    path.write_text(text if text.endswith("\n") else text + "\n")
    return path
