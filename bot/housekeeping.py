"""Housekeeping on the ticker: web chats that never consented are removed once idle, and the
inbound journal's applied rows once their keys have served (storage.journal.KEEP)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import anyio
from sqlalchemy import Engine
from sqlmodel import Session

from flows import Channel
from scheduler import Clock
from storage import journal, retention

log = logging.getLogger(__name__)

EVERY = timedelta(minutes=10)


class IdleWebChats:
    """Removes idle web chats that never consented (see `storage.retention`), at most once
    every `every`, one batch in one transaction."""

    def __init__(
        self, *, engine: Engine, clock: Clock, idle: timedelta, every: timedelta = EVERY
    ) -> None:
        self._engine = engine
        # The journal's place, found now: finding it first inside a transaction that holds the
        # main file's write lock would wait on itself (it may move rows in).
        self._inbox = journal.inbox(engine)
        self._clock = clock
        self._idle = idle
        self._every = every
        self._last: datetime | None = None

    async def tick(self) -> int:
        """Remove a batch if it is time; returns how many people were removed."""
        now = self._clock.now()
        if self._last is not None and now - self._last < self._every:
            return 0
        self._last = now
        return await anyio.to_thread.run_sync(self.remove_now)

    def remove_now(self) -> int:
        """Remove one batch now, in one transaction."""
        with Session(self._engine) as session, session.begin():
            removed = retention.remove_idle_unconsented(
                session=session,
                channel=Channel.WEB.value,
                idle_since=self._clock.now() - self._idle,
            )
        if removed:
            log.info("removed %d idle web chats that never consented", removed)
        before = self._clock.now() - journal.KEEP
        with self._inbox.writer.begin() as connection:
            journal.purge(connection=connection, before=before)
        with self._engine.begin() as connection:
            journal.forget_applied(connection=connection, before=before)
        return removed
