"""The ingress benchmark's faults: `kill -9` under load, and a PostgreSQL restart under load.

Both on SMS, new people, a fresh database each; then wait until every message is applied and
every reply sent, and count: acknowledged messages never applied (lost), applied twice, and
replies the fake Twilio took more often than the transcript holds them (sent twice).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from bench import wire
from bench.ingress_servers import (
    SMS,
    UNSENT,
    applied,
    backlog,
    children,
    database,
    free_port,
    outbound,
    reader,
    say,
    start_quitbot,
    stop,
    wait_drained,
)
from bench.provider_fakes import Fakes


def outcome(engine: Engine, fakes: Fakes, since: int, acked: set[str]) -> dict[str, Any]:
    """After a fault and the drain: messages lost and applied twice; replies taken twice by
    the fake Twilio (more of an (address, body) than the transcript holds), and not sent."""
    got, rows = applied(engine)
    meant, statuses = outbound(engine, SMS)
    taken = Counter((m.to, m.body) for m in fakes.sms(since))
    return {
        "acked": len(acked),
        "lost": len(acked - got),
        "applied_twice": rows - len(got),
        "replies": sum(taken.values()),
        "sent_twice": sum(max(0, n - meant[k]) for k, n in taken.items()),
        "not_sent": sum(statuses[s] for s in UNSENT),
        "unsent_statuses": {s: statuses[s] for s in UNSENT if statuses[s]},
    }


def run_crash(args: argparse.Namespace, kind: str, fakes: Fakes) -> dict[str, Any]:
    """`kill -9` of the server's processes (its worker and its web process, at once, as a
    machine or container that dies takes both) half-way through an SMS load, a restart, and
    the count."""
    with database(kind) as url, tempfile.TemporaryDirectory() as folder:
        port = free_port()
        since = fakes.counts()[SMS]
        process = start_quitbot(args, port, Path(folder), url, fakes.base)
        requests = wire.sms_requests(port, 0, args.requests, args.numbers)

        async def crash() -> wire.Load:
            loading = asyncio.create_task(
                wire.closed_loop(port, requests, args.connections, args.seconds)
            )
            await asyncio.sleep(args.seconds / 2)
            for pid in (*children(process.pid), process.pid):  # the worker, the web process
                os.kill(pid, signal.SIGKILL)
            return await loading

        seen = asyncio.run(crash())
        process.wait(timeout=20)
        engine = reader(url)
        waiting_at_kill = backlog(engine)[0]
        began = time.monotonic()
        restarted = start_quitbot(args, port, Path(folder), url, fakes.base)
        try:
            drain = wait_drained(engine, args.drain_limit, args.stalled)
            found = outcome(engine, fakes, since, {a.key for a in seen.acked})
        finally:
            stop(restarted)
            engine.dispose()
    return {
        **found,
        "waiting_at_kill": waiting_at_kill,
        "applied_s": drain.after(began, drain.applied),
        "replied_s": drain.after(began, drain.replied),
    }


def pg_cluster() -> tuple[str, str]:
    """The machine's PostgreSQL cluster (version, name): the one in /etc/postgresql."""
    versions = sorted(p.name for p in Path("/etc/postgresql").iterdir())
    if len(versions) != 1:
        raise RuntimeError(f"expected one PostgreSQL version in /etc/postgresql: {versions}")
    return versions[0], "main"


def pg_ctl(action: str) -> None:
    version, cluster = pg_cluster()
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, action]
    if action == "stop":
        command += ["-m", "fast"]
    subprocess.run(command, check=True)


def run_db_restart(args: argparse.Namespace, fakes: Fakes) -> dict[str, Any]:
    """PostgreSQL stopped half-way through an SMS load for `--db-down` seconds, then started,
    while the load sends again what was not acknowledged; the count once all is applied."""
    with database("postgresql") as url, tempfile.TemporaryDirectory() as folder:
        port = free_port()
        since = fakes.counts()[SMS]
        process = start_quitbot(args, port, Path(folder), url, fakes.base)
        requests = wire.sms_requests(port, 0, args.requests, args.numbers)
        seconds = args.seconds + args.db_down
        engine = reader(url)
        try:

            async def restart() -> tuple[wire.Load, float]:
                loading = asyncio.create_task(
                    wire.closed_loop(port, requests, args.connections, seconds, retry=True)
                )
                await asyncio.sleep(args.seconds / 2)
                say("  stopping PostgreSQL ...")
                await asyncio.to_thread(pg_ctl, "stop")
                await asyncio.sleep(args.db_down)
                await asyncio.to_thread(pg_ctl, "start")
                say("  PostgreSQL started again")
                back = time.monotonic()
                return await loading, back

            seen, back = asyncio.run(restart())
            loaded = time.monotonic()
            drain = wait_drained(engine, args.drain_limit, args.stalled)
            found = outcome(engine, fakes, since, {a.key for a in seen.acked})
            survived = process.poll() is None
        finally:
            stop(process)
            engine.dispose()
    return {
        **found,
        "retries": seen.retries,
        "refusals": dict(sorted(seen.refusals.items())),
        "given_up": seen.given_up,
        "server_survived": survived,
        "applied_s": drain.after(loaded, drain.applied),
        "replied_s": drain.after(loaded, drain.replied),
        "started_to_replied_s": drain.after(back, drain.replied),
    }
