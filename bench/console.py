"""The console's web layer at scale: 10,000 participants, 500 waiting, 50 advisors signed in,
on SQLite and PostgreSQL.

What it measures (server time, through the whole ASGI app: session check, CSRF-free GETs,
provider-scoped queries, templates, the audit entry):
- the queue page (`GET /console/?show=all`, its first 50 rows and the counts of all 500):
  target under 100 ms at p99;
- the live queue's parts: one look (the fingerprint, shared by all of a provider's streams in
  a process) and one re-render (shared by every advisor with the same view);
- delivery: the app served by uvicorn on loopback, all 50 advisors' browsers connected to the
  live queue (`GET /console/stream?show=waiting`, read as the browser's EventSource would), a
  participant texts ADVISOR through the runner, and the time until every one of the 50 streams
  has shown the new count is taken (the slowest of the 50, each round): target under 1 s.
  The 50 clients run in the benchmark's own process, so their reading is counted too.

Run: `python -m bench.console [--db sqlite|postgresql|all]`; figures go to
`bench/console-results.md` (overwritten) and stdout.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlmodel import Session

from bench.dispatch import database_version
from bench.handover import NOW, run_on_databases, seed, summary
from bot.app import create_app
from bot.channels.base import InboundMessage
from bot.channels.recording import RecordingSender
from bot.console import auth, queries, records
from bot.services import build_services
from bot.settings import Settings
from flows import Channel
from scheduler import ManualClock

RESULTS = Path(__file__).with_name("console-results.md")
PUBLIC = "https://quitbot.example"
COOKIE = "__Host-quitbot_console"
DELIVERY_ROUNDS = 20
DELIVERY_TIMEOUT = 10.0  # seconds a round waits for all 50 screens before it counts as missed
TITLE = re.compile(r"<title>\((\d+)\) Queue")


def sign_in_everyone(engine: Any, advisor_ids: list[int]) -> list[str]:
    """A live console session for each advisor (as a login would make); their cookies."""
    tokens = []
    with Session(engine) as session:
        for advisor_id in advisor_ids:
            token = auth.new_token()
            records.start_session(
                session,
                advisor_id=advisor_id,
                token_hash=auth.token_hash(token),
                now=NOW,
                address="127.0.0.1",
            )
            tokens.append(token)
        session.commit()
    return tokens


async def measure(url: str, count: int, waiting: int, rounds: int) -> dict[str, Any]:
    from storage import make_engine, upgrade

    engine = make_engine(url)
    upgrade(engine)
    acting = seed(engine, count, waiting, 50)
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
            connection.commit()
    tokens = sign_in_everyone(engine, [a.advisor_id for a in acting])
    clock = ManualClock(NOW + timedelta(minutes=1))
    settings = Settings.from_env(
        {"QUITBOT_PUBLIC_URL": PUBLIC, "QUITBOT_SECRET_KEY": "bench"}, dotenv=None
    )
    senders = {c.value: RecordingSender() for c in Channel}
    services = build_services(settings, engine=engine, clock=clock, senders=senders)
    app = create_app(services)
    page: list[float] = []
    looks: list[float] = []
    renders: list[float] = []
    provider_id = acting[0].provider_id
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url=PUBLIC
    ) as client:
        for n in range(rounds):
            cookie = {"cookie": f"__Host-quitbot_console={tokens[n % len(tokens)]}"}
            started = time.perf_counter()
            response = await client.get("/console/?show=all", headers=cookie)
            page.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
            assert "Participant" in response.text
        from bot.console.views import Console

        console = Console(services)
        staff = auth.Staff(
            advisor_id=acting[0].advisor_id,
            provider_id=provider_id,
            provider_name="bench",
            timezone="Europe/London",
            email=acting[0].email,
            role=acting[0].role,
            session_id=0,
            csrf="",
        )
        for _ in range(rounds):
            with Session(engine) as session:
                started = time.perf_counter()
                queries.queue_fingerprint(session, provider_id=provider_id)
                looks.append((time.perf_counter() - started) * 1000)
        for _ in range(max(1, rounds // 4)):
            started = time.perf_counter()
            context = await console._queue(staff, "all")  # what a live re-render reads
            console.env.get_template("_queue.html").render(
                now=clock.now(), fragment=True, **context
            )
            renders.append((time.perf_counter() - started) * 1000)
    delivery = await deliveries(services, tokens, count, DELIVERY_ROUNDS)
    result = {
        "database": database_version(engine),
        "delivery": summary(delivery["every"] or [float(DELIVERY_TIMEOUT * 1000)]),
        "delivery first": summary(delivery["first"] or [float(DELIVERY_TIMEOUT * 1000)]),
        "delivery rounds": len(delivery["every"]),
        "delivery missed": delivery["missed"],
        "participants": count,
        "waiting": waiting,
        "rounds": rounds,
        "queue page": summary(page),
        "stream look": summary(looks),
        "re-render": summary(renders),
    }
    engine.dispose()
    return result


async def deliveries(services: Any, tokens: list[str], count: int, rounds: int) -> dict[str, Any]:
    """Serve the app on loopback, connect every advisor's live queue, and time how long a
    participant's request takes to reach all of them (seconds → ms, per round)."""
    import uvicorn

    app = create_app(services)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="off", log_level="warning")
    )
    serving = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn's Server has no event to wait on
        await asyncio.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    seen: list[int] = [0] * len(tokens)  # the count each screen shows now
    arrived: list[asyncio.Event] = [asyncio.Event() for _ in tokens]
    at: list[float] = [0.0] * len(tokens)
    wanted = [0]

    async def screen(n: int, client: httpx.AsyncClient) -> None:
        headers = {"cookie": f"{COOKIE}={tokens[n]}", "accept": "text/event-stream"}
        async with client.stream("GET", "/console/stream?show=waiting", headers=headers) as r:
            async for line in r.aiter_lines():
                found = TITLE.search(line)
                if found:
                    seen[n] = int(found.group(1))
                    if seen[n] >= wanted[0] and not arrived[n].is_set():
                        at[n] = time.perf_counter()
                        arrived[n].set()

    limits = httpx.Limits(max_connections=len(tokens) + 5)
    every: list[float] = []
    first: list[float] = []
    missed = 0
    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{port}",
        limits=limits,
        timeout=None,
        headers={"host": PUBLIC.removeprefix("https://")},
    ) as client:
        screens = [asyncio.create_task(screen(n, client)) for n in range(len(tokens))]
        try:
            wanted[0] = 1
            await asyncio.wait_for(asyncio.gather(*(e.wait() for e in arrived)), 30)
            for round_ in range(rounds):
                wanted[0] = max(seen) + 1
                for event in arrived:
                    event.clear()
                message = InboundMessage(
                    channel=Channel.WEB,
                    address=f"web-bench-{count - 1 - round_:06d}",
                    text="ADVISOR",
                )
                started = time.perf_counter()
                await services.runner.receive(message)
                try:
                    await asyncio.wait_for(
                        asyncio.gather(*(e.wait() for e in arrived)), DELIVERY_TIMEOUT
                    )
                except TimeoutError:
                    missed += 1
                    continue
                every.append((max(at) - started) * 1000)
                first.append((min(at) - started) * 1000)
                await asyncio.sleep(0.2)
        finally:
            for task in screens:
                task.cancel()
            for task in screens:
                with contextlib.suppress(asyncio.CancelledError, httpx.HTTPError):
                    await task
    server.should_exit = True
    await serving
    return {"every": every, "first": first, "missed": missed}


def markdown(results: list[dict[str, Any]]) -> str:
    lines = [
        "# Console benchmark",
        "",
        "Written by `python -m bench.console` (this file is overwritten by each run).",
        "",
        "| database | what | p50 ms | p99 ms | target |",
        "|---|---|---|---|---|",
    ]
    for r in results:
        page, look, render = r["queue page"], r["stream look"], r["re-render"]
        lines.append(
            f"| {r['database']} | queue page, `GET /console/?show=all` (ASGI, whole app) "
            f"| {page['p50']} | {page['p99']} | 100 at p99"
            f"{' MISSED' if page['p99'] > 100 else ''} |"
        )
        lines.append(
            f"| {r['database']} | live queue: one look (the fingerprint; shared by all of a "
            f"provider's streams in a process, once after each change) | {look['p50']} "
            f"| {look['p99']} | a few ms |"
        )
        lines.append(
            f"| {r['database']} | live queue: one re-render after a change (shared by every "
            f"advisor with the same view) | {render['p50']} | {render['p99']} | 250 at p99"
            f"{' MISSED' if render['p99'] > 250 else ''} |"
        )
        every, one = r["delivery"], r["delivery first"]
        missed = r["delivery missed"]
        lines.append(
            f"| {r['database']} | a participant's request reaches the first of 50 connected "
            f"advisors' screens | {one['p50']} | {one['p99']} | |"
        )
        lines.append(
            f"| {r['database']} | a participant's request reaches **every one** of 50 connected "
            f"advisors' screens ({r['delivery rounds']} rounds"
            f"{f', {missed} missed' if missed else ''}) | {every['p50']} | {every['p99']} "
            f"| 1000 at p99{' MISSED' if every['p99'] > 1000 or missed else ''} |"
        )
    first = results[0] if results else {}
    lines += [
        "",
        f"{first.get('participants', 0):,} participants, {first.get('waiting', 0)} waiting, "
        f"50 advisors signed in; {first.get('rounds', 0)} page loads and looks. Delivery: "
        "uvicorn on loopback, 50 live queues open at once (one per advisor), a participant "
        "texts ADVISOR through the runner; timed from before the runner takes the message to "
        "the moment the new count is on a screen.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    run_on_databases("python -m bench.console", measure, markdown, RESULTS, argv)


if __name__ == "__main__":
    main()
