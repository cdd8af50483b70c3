"""The dispatcher: sends committed outbox rows through each channel's sender, with retries.

Woken after every commit that queued something, and by the ticker for retries that come due.
Back-off between attempts: 30 s, 2 min, 10 min, 30 min; after the last attempt, failed.

A claimed batch is sent to different people side by side (each person's messages in order, at
most `concurrency` sends in flight, each channel still paced), and what was sent is recorded in
one transaction for the batch.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta

import anyio
from sqlalchemy import Engine
from sqlmodel import Session

from bot.channels.base import Sender, SendFailed, SendResult
from bot.pacing import Pacer
from flows import Channel
from scheduler import Clock
from storage import outbox, unavailable
from storage.outbox import Outgoing

log = logging.getLogger(__name__)

BACKOFF = (
    timedelta(seconds=30),
    timedelta(minutes=2),
    timedelta(minutes=10),
    timedelta(minutes=30),
)


class Dispatcher:
    """Drains the outbox."""

    def __init__(
        self,
        *,
        engine: Engine,
        clock: Clock,
        senders: Mapping[str, Sender],
        max_attempts: int = len(BACKOFF) + 1,
        on_refused: Callable[[int, Channel], Awaitable[None]] | None = None,
        batch: int = 100,
        pacer: Pacer | None = None,
        concurrency: int = 16,
    ) -> None:
        self._engine = engine
        self._clock = clock
        self._senders = dict(senders)
        self._max_attempts = max_attempts
        self._on_refused = on_refused
        self._batch = batch
        self._pacer = pacer or Pacer({})
        self._concurrency = concurrency
        self._lock = asyncio.Lock()
        self._wake: asyncio.Event | None = None

    def set_refused_handler(self, handler: Callable[[int, Channel], Awaitable[None]]) -> None:
        """Who to tell when a channel says a person can no longer be reached."""
        self._on_refused = handler

    async def flush(self) -> int:
        """Send everything that is due now; returns how many sends were tried."""
        tried = 0
        async with self._lock:
            while True:
                claimed = await anyio.to_thread.run_sync(self._claim)
                if not claimed:
                    return tried
                await self._send_batch(claimed)
                tried += len(claimed)

    def kick(self) -> None:
        """Ask the running loop (if any) to flush soon."""
        if self._wake is not None:
            self._wake.set()

    async def run(self) -> None:
        """Flush whenever kicked, until cancelled."""
        self._wake = asyncio.Event()
        try:
            while True:
                await self._wake.wait()
                self._wake.clear()
                try:
                    await self.flush()
                except Exception as error:
                    if unavailable(error):  # one line, not a traceback a tick
                        log.warning(
                            "outbox flush skipped: the database is unavailable (%s)",
                            type(error).__name__,
                        )
                    else:
                        log.exception("outbox flush failed; will try again on the next tick")
        finally:
            self._wake = None

    def _claim(self) -> list[Outgoing]:
        with Session(self._engine) as session, session.begin():
            return outbox.claim_due(session=session, now=self._clock.now(), limit=self._batch)

    async def _send_batch(self, claimed: list[Outgoing]) -> None:
        """Send a claimed batch: people side by side, each person's messages in order."""
        by_person: dict[int, list[Outgoing]] = {}
        for message in claimed:
            by_person.setdefault(message.participant_id, []).append(message)
        sent: list[tuple[int, str | None]] = []  # sent, not yet recorded
        slots = asyncio.Semaphore(self._concurrency)
        more = asyncio.Event()
        sending = True

        async def one_person(messages: list[Outgoing]) -> None:
            for message in messages:
                try:
                    async with slots:
                        result = await self._send(message)
                except Exception:  # recording a failure failed: the lease brings it back
                    log.exception("send of message %d could not be recorded", message.id)
                    continue
                if result is not None:
                    sent.append((message.id, result.provider_id))
                    more.set()

        async def record() -> None:
            # Sends are recorded as they happen (whatever has gathered since the last write),
            # so a delivery report for a message finds its provider id, and a crash re-sends
            # almost nothing.
            while sending or sent:
                await more.wait()
                more.clear()
                if sent:
                    batch = sent[:]
                    del sent[: len(batch)]
                    await anyio.to_thread.run_sync(self._mark_sent, batch)

        recorder = asyncio.create_task(record())
        try:
            await asyncio.gather(*(one_person(messages) for messages in by_person.values()))
        finally:  # even if cancelled part way: what went out is recorded as sent
            sending = False
            more.set()
            await asyncio.shield(recorder)

    async def _send(self, message: Outgoing) -> SendResult | None:
        """Send one message: the channel's answer, or None when it failed (that is recorded)."""
        sender = self._senders.get(message.channel)
        if sender is None:
            await self._record_failure(
                message, SendFailed(f"the {message.channel} channel is off", permanent=True)
            )
            return None
        await self._pacer.wait(message.channel)
        try:
            result = await sender.send(message)
        except SendFailed as failure:
            await self._record_failure(message, failure)
            return None
        except Exception as error:
            log.exception("sender for %s raised", message.channel)
            await self._record_failure(message, SendFailed(f"{type(error).__name__}: {error}"))
            return None
        return result

    def _mark_sent(self, sent: list[tuple[int, str | None]]) -> None:
        with Session(self._engine) as session, session.begin():
            outbox.mark_sent_many(session=session, sent=sent, now=self._clock.now())

    async def _record_failure(self, message: Outgoing, failure: SendFailed) -> None:
        final = failure.permanent or message.attempts >= self._max_attempts
        log.warning(
            "send of message %d on %s failed (attempt %d%s): %s",
            message.id,
            message.channel,
            message.attempts,
            ", giving up" if final else "",
            failure,
        )

        def record() -> None:
            now = self._clock.now()
            with Session(self._engine) as session, session.begin():
                if final:
                    outbox.mark_failed(
                        session=session, message_id=message.id, error=str(failure), now=now
                    )
                else:
                    delay = BACKOFF[min(message.attempts, len(BACKOFF)) - 1]
                    outbox.retry_later(
                        session=session,
                        message_id=message.id,
                        error=str(failure),
                        at=now + delay,
                        now=now,
                    )

        await anyio.to_thread.run_sync(record)
        if failure.opted_out and self._on_refused is not None:
            await self._on_refused(message.participant_id, Channel(message.channel))
