"""The web application: webhooks, the web chat and health, around one set of services."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import datetime

import anyio
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from bot import console
from bot.change_bridge import run_listener
from bot.services import Services
from bot.web import chat, pages, provider_webhooks
from bot.web.body_limit import BodyLimit
from bot.web.headers import SecurityHeaders
from bot.web.outage import RETRY_AFTER, DatabaseOutage
from bot.worker import TICK_SECONDS, Workers, background
from storage import journal, outbox, ping

log = logging.getLogger(__name__)


def create_app(
    services: Services,
    *,
    tick_seconds: float = TICK_SECONDS,
    console_timing: console.StreamTiming | None = None,
    worker: Workers | None = None,
) -> Starlette:
    """The ASGI app. Its lifespan starts Telegram's bot and the background work: the journal's
    processor, the dispatcher loop and the ticker in this process, or, given `worker`, the
    worker process that runs them (bot/worker.py)."""

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        if services.telegram is not None:
            try:
                await services.telegram.initialize()
            except Exception as error:
                log.warning("Telegram: could not reach the Bot API at start (%s)", error)
        # Other processes' changes (another server; the command line's are found by polling)
        # wake the console's live views here.
        changes = services.changes
        heard = asyncio.create_task(
            run_listener(changes.bridge, changes.heard), name="change signal"
        )
        try:
            if worker is None:  # everything in this process
                async with background(services, tick_seconds=tick_seconds):
                    yield
            else:  # the journal, the outbox and the ticker in the worker process
                await worker.start()
                try:
                    yield
                finally:
                    await worker.stop()
        finally:
            heard.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await heard
            if changes.bridge is not None:
                changes.bridge.close()
            services.ingress.close()
            for closer in services.closers:
                await closer.aclose()
            if services.reader is not None and services.reader is not services.engine:
                services.reader.dispose()
            if services.telegram is not None:
                with contextlib.suppress(Exception):
                    await services.telegram.shutdown()

    async def healthz(_request: Request) -> Response:
        now = services.clock.now()

        def check() -> tuple[dict[str, outbox.Backlog], tuple[int, datetime | None]] | None:
            # Reads that never wait for the write lock (SQLite): the operator's look answers
            # while the worker is in a transaction, or stuck in one.
            reader = services.reader or services.engine
            if not ping(reader):
                return None
            with Session(reader) as session:
                backlog = outbox.backlog(session=session, now=now)
            with journal.inbox(services.engine).reader.connect() as connection:
                return backlog, journal.waiting(connection=connection)

        found = await anyio.to_thread.run_sync(check)
        if found is None:
            return JSONResponse(
                {"status": "unavailable", "database": "not answering"},
                status_code=503,
                headers={"retry-after": str(RETRY_AFTER)},
            )
        backlog, (arrived, oldest_arrival) = found
        # Per channel: messages waiting to go, and how long the oldest has waited (seconds);
        # and messages received (journaled, answered) but not yet applied.
        return JSONResponse(
            {
                "status": "ok",
                "database": services.engine.dialect.name,
                "journal_waiting": arrived,
                "journal_oldest_seconds": (
                    0
                    if oldest_arrival is None
                    else round(max(0.0, (now - oldest_arrival).total_seconds()), 1)
                ),
                "outbox_waiting": sum(b.waiting for b in backlog.values()),
                "outbox_oldest_seconds": max(
                    (b.oldest_seconds for b in backlog.values()), default=0
                ),
                "outbox": {
                    channel: {"waiting": b.waiting, "oldest_seconds": b.oldest_seconds}
                    for channel, b in sorted(backlog.items())
                },
            }
        )

    async def home(_request: Request) -> Response:
        return RedirectResponse("/chat/", status_code=302)

    routes: list[BaseRoute] = [
        Route("/", home),
        Route("/healthz", healthz),
        *pages.routes(services),
        *chat.routes(services),
        *provider_webhooks.routes(services),
        *console.routes(services, console_timing),
        Mount("/static", StaticFiles(directory=chat.STATIC), name="static"),
    ]
    settings = services.settings
    # Outermost first: every response gets the headers, including the 413s and 503s.
    middleware = [
        Middleware(SecurityHeaders, https=settings.public_url.startswith("https://")),
        Middleware(DatabaseOutage),
        Middleware(BodyLimit),
    ]
    if settings.trusted_proxies:  # the client address and scheme the proxy saw
        middleware.insert(
            0, Middleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.trusted_proxies))
        )
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.services = services
    return app
