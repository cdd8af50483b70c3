"""The ticker: the metronome. The only module that imports APScheduler.

One interval job awaits an injected `on_tick()`; everything that matters lives in the database,
so APScheduler keeps no state of its own (no job store, nothing pickled).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from apscheduler.schedulers.asyncio import AsyncIOScheduler

log = logging.getLogger(__name__)


class Ticker:
    """Calls `on_tick` every `seconds` while started (inside a running event loop)."""

    def __init__(self, on_tick: Callable[[], Awaitable[None]], *, seconds: float = 5.0) -> None:
        self._on_tick = on_tick
        self._seconds = seconds
        self._scheduler: AsyncIOScheduler | None = None

    async def _tick(self) -> None:
        try:
            await self._on_tick()
        except Exception:
            log.exception("tick failed; the next one will try again")

    def start(self) -> None:
        """Start ticking (call from inside the running loop)."""
        scheduler = AsyncIOScheduler(
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None}
        )
        scheduler.add_job(self._tick, "interval", seconds=self._seconds, id="tick")
        scheduler.start()
        self._scheduler = scheduler

    def stop(self) -> None:
        """Stop ticking."""
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None
