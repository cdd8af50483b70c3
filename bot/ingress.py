"""The way in: webhooks journal a message and answer; a processor applies the journal.

    webhook ──► accept: the message joins the next journal write (group commit: the messages
                that arrived meanwhile share one INSERT and one COMMIT) ──► answer 200
    processor ──► Runner.take_journal_now: lease waiting rows, apply them through the flows a
                group a transaction ──► kick the dispatcher

Nothing acknowledged is lost: the answer goes after the commit, and a processor that dies
leaves its rows to the next (their lease runs out). On SQLite every journal write and every
group goes through one writer at a time, by design (no threads contending for its lock); on
PostgreSQL writes and groups run side by side, and several servers share one journal.

The web chat waits for its own message to be applied (bounded), so its reply is there to read
when it asks.

In `quitbot serve` the processor runs in the worker process (bot/worker.py): this process only
journals, tells the worker (`elsewhere`), and a web chat waits for its row by looking at the
journal (a read that never waits for the write lock) until the worker has applied it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import OrderedDict
from collections.abc import Callable, Collection

import anyio
from sqlalchemy import Engine

from bot.channels.base import InboundMessage
from bot.runner import TAKE_GROUP, Received, Runner
from storage import journal, unavailable

log = logging.getLogger(__name__)

WRITE_BATCH = 500  # messages journaled in one statement at most
# Messages applied in one group (a transaction). A webhook's journal write never waits for
# one: on SQLite the journal is a file of its own (storage.journal.inbox).
GROUP = TAKE_GROUP
IDLE_POLL = 0.5  # seconds: how often an idle processor looks for rows left by others
REMEMBERED = 10_000  # rows applied here, remembered for a caller that waits on one
WAIT_FOR_REPLY = 5.0  # seconds the web chat waits for its message to be applied
# How often a web chat looks whether the worker has applied its message: soon, then less often.
LOOK_EVERY = (0.005, 0.01, 0.02, 0.04, 0.05)


class Ingress:
    """Journal inbound messages (group commit) and apply the journal in the background."""

    def __init__(
        self,
        *,
        engine: Engine,
        runner: Runner,
        after_commit: Callable[[Collection[str] | None], None],
        elsewhere: Callable[[], None] | None = None,
        own_connection: bool = False,
    ) -> None:
        """`elsewhere`: the journal is applied by another process (the worker), told by
        calling this (whether it has is looked up in the journal's place, which may be a file
        of its own: storage.journal.inbox);
        `own_connection`: journal through a connection of its own, held open until `close`
        (storage.journal.Writer: what `quitbot serve` does)."""
        self._runner = runner
        self._after_commit = after_commit
        self._elsewhere = elsewhere
        inbox = journal.inbox(engine)
        self._reader = inbox.reader
        self._journal = journal.Writer(inbox.writer) if own_connection else None
        single = engine.dialect.name == "sqlite"
        self._group = GROUP
        # One SQLite file has one writer at a time: writes and groups share one turn, unless
        # the journal is a file of its own (then a write never waits for a group).
        self._writer = anyio.CapacityLimiter(1)
        shared = single and not inbox.apart
        self._processor = self._writer if shared else anyio.CapacityLimiter(1)
        self._queue: list[tuple[InboundMessage, asyncio.Future[int | None]]] = []
        self._writing = False
        self._kicked: asyncio.Event | None = None
        self._waiters: dict[int, asyncio.Event] = {}
        self._applied: OrderedDict[int, None] = OrderedDict()

    async def accept(self, message: InboundMessage) -> int | None:
        """Journal `message` and return once it is committed: its journal id, or None when
        it was journaled before (a retried webhook: nothing more to do)."""
        future: asyncio.Future[int | None] = asyncio.get_running_loop().create_future()
        self._queue.append((message, future))
        if not self._writing:
            self._writing = True
            asyncio.get_running_loop().create_task(self._write(), name="journal writer")
        return await future

    async def _write(self) -> None:
        try:
            while self._queue:
                batch, self._queue = self._queue[:WRITE_BATCH], self._queue[WRITE_BATCH:]
                messages = [message for message, _ in batch]
                try:
                    ids = await anyio.to_thread.run_sync(
                        self._runner.journal_now, messages, self._journal, limiter=self._writer
                    )
                except Exception as error:
                    for _, future in batch:
                        if not future.done():
                            future.set_exception(error)
                    continue
                for (_, future), given in zip(batch, ids, strict=True):
                    if not future.done():
                        future.set_result(given)
                self.kick()
        finally:
            self._writing = False

    async def receive(self, message: InboundMessage, *, within: float = WAIT_FOR_REPLY) -> None:
        """Journal `message` and wait (at most `within` seconds) until it is applied, here or
        by another processor; after that its reply waits in the outbox (or comes shortly)."""
        entry_id = await self.accept(message)
        if entry_id is None:
            return
        if self._elsewhere is not None:
            await self._applied_elsewhere(entry_id, within)
            return
        event = self._waiters.setdefault(entry_id, asyncio.Event())
        deadline = asyncio.get_running_loop().time() + within
        try:
            while entry_id not in self._applied:
                if await self.take() == 0:  # others have it, or the person's message before
                    left = deadline - asyncio.get_running_loop().time()
                    if left <= 0:
                        log.info("inbound message %d not applied within %.1f s", entry_id, within)
                        return
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(min(left, 0.05)):
                            await event.wait()
        finally:
            self._waiters.pop(entry_id, None)

    async def _applied_elsewhere(self, entry_id: int, within: float) -> None:
        """Wait until another process has applied journal row `entry_id` (at most `within`)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        looks = 0

        def state() -> str | None:
            with self._reader.connect() as connection:
                return journal.state_of(connection=connection, ids=[entry_id]).get(entry_id)

        while True:
            await asyncio.sleep(LOOK_EVERY[min(looks, len(LOOK_EVERY) - 1)])
            looks += 1
            if await anyio.to_thread.run_sync(state) != journal.WAITING:
                return
            if loop.time() > deadline:
                log.info("inbound message %d not applied within %.1f s", entry_id, within)
                return

    def kick(self) -> None:
        """Something was journaled: the processor looks now."""
        if self._elsewhere is not None:
            self._elsewhere()
        if self._kicked is not None:
            self._kicked.set()

    def close(self) -> None:
        """Let go of the journal's own connection, if it has one."""
        if self._journal is not None:
            self._journal.close()

    async def take(self) -> int:
        """Apply one group's worth of waiting journal rows; returns how many were applied."""
        outcomes = await anyio.to_thread.run_sync(
            lambda: self._runner.take_journal_now(limit=self._group), limiter=self._processor
        )
        for entry_id in outcomes:
            self._applied[entry_id] = None
            if (event := self._waiters.get(entry_id)) is not None:
                event.set()
        while len(self._applied) > REMEMBERED:
            self._applied.popitem(last=False)
        channels = {
            done.channel
            for done in outcomes.values()
            if isinstance(done, Received) and done.queued
        }
        if channels:  # the dispatcher's loops of those channels look now (all, if one is unknown)
            self._after_commit(None if None in channels else {c for c in channels if c})
        return len(outcomes)

    async def drain(self) -> int:
        """Apply everything waiting now (what the processor does when kicked); returns how
        many messages were applied."""
        total = 0
        while True:
            taken = await self.take()
            total += taken
            # Fewer than a group: nothing more was waiting when it was leased (or what is left
            # waits for another processor's row first), and what is journaled since kicked the
            # processor: no lease that would find nothing.
            if taken < self._group:
                return total

    async def run(self) -> None:
        """The processor: apply the journal whenever something is written, and every
        IDLE_POLL seconds (rows another server wrote, or a dead processor left)."""
        self._kicked = asyncio.Event()
        while True:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(IDLE_POLL):
                    await self._kicked.wait()
            self._kicked.clear()
            try:
                await self.drain()
            except Exception as error:
                if not unavailable(error):
                    log.exception("applying the inbound journal failed; trying again shortly")
                else:
                    log.warning("inbound journal waits: the database is unavailable")
                await asyncio.sleep(1.0)


__all__ = ["Ingress"]
