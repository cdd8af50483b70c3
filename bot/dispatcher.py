"""The dispatcher: sends committed outbox rows through each channel's sender, once, in order.

Each channel has its own loop: a slow or hanging provider holds up only its own channel's
queue. Woken after every commit that queued something, and by the ticker for retries that come
due.

- **Send once.** A claimed row is recorded as being sent before the provider is called, and
  its result after. A send whose outcome is unknown (a timeout after the request went, or a
  process that died mid-send, found when its lease runs out) is "maybe sent": before it goes
  again the channel's sender is asked whether the provider has it (Twilio: the messages sent to
  that number since it was queued). A channel that cannot say (Telegram) sends it again after
  CHECK_AFTER (after more, as failures back off, when it keeps happening): see
  docs/operations.md for the window that leaves.
- **In order.** A person's messages leave in the order they were written (the claim sees to it
  across servers; see storage/outbox.py). When one does not go, the ones behind it wait.
- **Patient.** A provider that says "wait" (Telegram's retry_after, Twilio's 429 with
  Retry-After) is obeyed: its channel pauses that long. A failure that may pass is retried after
  30 s, 2 min, 10 min, 30 min, then every 30 min; only after GIVE_UP (a day) is it failed for
  good. A refusal (a bad number, a blocked bot) is final at once.
- **Still kind.** A planned message that leaves late (a restart, a backlog, an outage) is
  checked again against the person's quiet hours, sleep after nights and the day's latest hour
  by the planner's own rule (`scheduler.planner.send_late_at`): it goes now, moves to when the
  window ends, or is dropped, as is one more than 6 hours late.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Protocol, runtime_checkable

import anyio
from sqlalchemy import Engine
from sqlmodel import Session

from bot.channels.base import Sender, SendFailed, SendResult
from bot.pacing import Pacer
from bot.runner import MAX_LATENESS  # the wake-up rule: later than this, dropped
from flows import Channel
from scheduler import Clock
from scheduler.planner import SLEEP_AFTER_NIGHT_UNTIL, send_late_at
from storage import conversations, one_statement, outbox, unavailable
from storage.outbox import Outgoing

log = logging.getLogger(__name__)

BACKOFF = (
    timedelta(seconds=30),
    timedelta(minutes=2),
    timedelta(minutes=10),
    timedelta(minutes=30),
)
GIVE_UP = timedelta(hours=24)  # a failure that may pass is retried this long after queueing
CHECK_AFTER = timedelta(seconds=30)  # a maybe-sent message is looked up (or resent) after this
LATE = timedelta(minutes=1)  # a planned message later than this is checked again before it goes
# Seconds a batch's first send waits to be recorded with those that finish just after it: one
# transaction (one flush to disk) for most of a batch, not one for every send or two.
RECORD_GATHER = 0.003


@runtime_checkable
class LooksUp(Protocol):
    """A sender that can tell whether the provider already has a message."""

    async def lookup(self, message: Outgoing) -> SendResult | None:
        """The provider's record of `message` (sent since `message.maybe_sent_since`), or None
        when it has none; raises SendFailed when it cannot tell now."""
        ...


@dataclass(frozen=True, slots=True)
class _Sent:
    message_id: int
    provider_id: str | None


class Dispatcher:
    """Drains the outbox, one loop per channel."""

    def __init__(
        self,
        *,
        engine: Engine,
        clock: Clock,
        senders: Mapping[str, Sender],
        give_up_after: timedelta = GIVE_UP,
        on_refused: Callable[[int, Channel], Awaitable[None]] | None = None,
        batch: int = 100,
        pacer: Pacer | None = None,
        concurrency: int = 16,
        sleep_until: time = SLEEP_AFTER_NIGHT_UNTIL,
        check_after: timedelta = CHECK_AFTER,
        reader: Engine | None = None,
    ) -> None:
        """`reader`: an engine whose reads never take the write lock (SQLite's, from
        storage.make_reader): a channel looks there first and claims (a write) only when
        something is due, so the loops of channels with nothing to send cost no writer turn."""
        self._engine = engine
        self._clock = clock
        self._senders = dict(senders)
        self._give_up_after = give_up_after
        self._on_refused = on_refused
        self._batch = batch
        self._pacer = pacer or Pacer({})
        self._concurrency = concurrency
        self._sleep_until = sleep_until
        self._check_after = check_after
        self._reader = reader if reader is not None and reader is not engine else None
        self._channels = sorted({c.value for c in Channel} | set(self._senders))
        self._locks = {channel: asyncio.Lock() for channel in self._channels}
        self._wakes: dict[str, asyncio.Event] = {}
        self._paused: dict[str, datetime] = {}  # a channel that asked us to wait, until when

    def set_refused_handler(self, handler: Callable[[int, Channel], Awaitable[None]]) -> None:
        """Who to tell when a channel says a person can no longer be reached."""
        self._on_refused = handler

    async def flush(self) -> int:
        """Send everything that is due now on every channel, channels side by side; returns
        how many sends were tried."""
        counts = await asyncio.gather(*(self.flush_channel(c) for c in self._channels))
        return sum(counts)

    async def flush_channel(self, channel: str) -> int:
        """Send everything due now on one channel (unless it asked us to wait)."""
        tried = 0
        async with self._locks[channel]:
            if self._reader is not None and not await anyio.to_thread.run_sync(
                self._anything_due, channel
            ):
                return tried
            while not self._is_paused(channel):
                claimed = await anyio.to_thread.run_sync(self._claim, channel)
                if not claimed:
                    return tried
                sent = await self._send_batch(channel, claimed)
                tried += len(claimed)
                if sent == len(claimed) < self._batch:
                    # All that was due went; what came due meanwhile kicked this loop (it
                    # runs again), so a claim now would find nothing.
                    return tried
        return tried

    def kick(self, channels: Iterable[str] | None = None) -> None:
        """Ask the running loops (if any) to flush soon: those of `channels` (where something
        was queued), or all."""
        for channel, wake in self._wakes.items():
            if channels is None or channel in channels:
                wake.set()

    async def run(self) -> None:
        """Flush each channel whenever kicked, until cancelled: one task per channel."""
        self._wakes = {channel: asyncio.Event() for channel in self._channels}
        try:
            async with asyncio.TaskGroup() as group:
                for channel in self._channels:
                    group.create_task(self._loop(channel), name=f"dispatch {channel}")
        finally:
            self._wakes = {}

    async def _loop(self, channel: str) -> None:
        wake = self._wakes[channel]
        while True:
            await wake.wait()
            wake.clear()
            try:
                await self.flush_channel(channel)
            except Exception as error:
                if unavailable(error):  # one line, not a traceback a tick
                    log.warning(
                        "outbox flush (%s) skipped: the database is unavailable (%s)",
                        channel,
                        type(error).__name__,
                    )
                else:
                    log.exception(
                        "outbox flush (%s) failed; will try again on the next tick", channel
                    )

    def _is_paused(self, channel: str) -> bool:
        until = self._paused.get(channel)
        return until is not None and self._clock.now() < until

    # -- claiming ---------------------------------------------------------------------------

    def _anything_due(self, channel: str) -> bool:
        assert self._reader is not None
        with self._reader.connect() as connection:
            return outbox.anything_due(
                connection=connection, now=self._clock.now(), channel=channel
            )

    def _claim(self, channel: str) -> list[Outgoing]:
        """Claim a batch, and in the same transaction check late planned messages again."""
        now = self._clock.now()
        with Session(self._engine) as session, session.begin():
            claimed = outbox.claim_due(
                session=session, now=now, channel=channel, limit=self._batch
            )
            late = [m for m in claimed if m.planned_at is not None and now - m.planned_at > LATE]
            if not late:
                return claimed
            verdicts = self._recheck(session, late, now)
            gone: set[int] = set()
            for message in late:
                verdict = verdicts[message.id]
                if verdict == now:
                    continue
                gone.add(message.id)
                if verdict is None:
                    outbox.drop(
                        session=session,
                        message_ids=[message.id],
                        why="planned message too late, or now in the person's quiet hours "
                        "or sleep",
                        now=now,
                    )
                else:
                    outbox.move_later(session=session, message_id=message.id, at=verdict, now=now)
            if not gone:
                return claimed
            # What stood behind a moved or dropped message of the same person still goes.
            log.info("%d late planned messages moved or dropped at send time", len(gone))
            return [m for m in claimed if m.id not in gone]

    def _recheck(
        self, session: Session, late: list[Outgoing], now: datetime
    ) -> dict[int, datetime | None]:
        """For each late planned message: now, a later moment, or None (drop)."""
        people = {m.participant_id for m in late}
        loaded = conversations.load_many(session=session, participant_ids=people)
        verdicts: dict[int, datetime | None] = {}
        for message in late:
            assert message.planned_at is not None
            found = loaded.get(message.participant_id)
            if found is None:
                verdicts[message.id] = None
                continue
            conversation = found[0]
            if conversation.opted_out or conversation.paused:
                verdicts[message.id] = None
                continue
            verdicts[message.id] = send_late_at(
                message.planned_at,
                now,
                roster=conversation.roster,
                quiet=conversation.quiet_hours,
                timezone=conversation.timezone,
                max_lateness=MAX_LATENESS,
                sleep_until=self._sleep_until,
            )
        return verdicts

    # -- sending ----------------------------------------------------------------------------

    async def _send_batch(self, channel: str, claimed: list[Outgoing]) -> int:
        """Send a claimed batch: people side by side, each person's messages in order; when
        one of a person's does not go, the rest of theirs wait for it. Returns how many went."""
        by_person: dict[int, list[Outgoing]] = {}
        for message in sorted(claimed, key=lambda m: m.id):  # each person's in written order
            by_person.setdefault(message.participant_id, []).append(message)
        sent: list[_Sent] = []  # sent, not yet recorded
        went = 0
        slots = asyncio.Semaphore(self._concurrency)
        more = asyncio.Event()
        sending = True
        held_until = self._clock.now() + outbox.LEASE  # the claim's, as last renewed

        async def one_person(messages: list[Outgoing]) -> None:
            nonlocal went
            for index, message in enumerate(messages):
                try:
                    if self._is_paused(channel):  # they stay due: not claimed here meanwhile
                        await self._release(messages[index:], self._clock.now())
                        return
                    async with slots:
                        if self._clock.now() > held_until - outbox.LEASE / 6:
                            # The claim could not be renewed (the database away): another
                            # server may take these now. They stay "sending": whoever takes
                            # them checks before sending (maybe sent), so none goes twice.
                            log.warning("claim lapsed: %d messages left to others", len(messages))
                            return
                        result = await self._send(message)
                except Exception:  # recording a failure failed: the lease brings it back
                    log.exception("send of message %d could not be recorded", message.id)
                    result = None
                if result is None:  # not sent (recorded): the rest of theirs wait
                    await self._release(messages[index + 1 :], self._clock.now())
                    return
                sent.append(_Sent(message.id, result.provider_id))
                went += 1
                more.set()

        async def record() -> None:
            # Sends are recorded as they happen (whatever has gathered since the last write),
            # so a delivery report for a message finds its provider id, and a crash leaves
            # almost nothing "maybe sent".
            while sending or sent:
                await more.wait()
                if sending:  # sends that finish a moment later share the write (and its flush)
                    await asyncio.sleep(RECORD_GATHER)
                more.clear()
                if sent:
                    batch = sent[:]
                    del sent[: len(batch)]
                    await anyio.to_thread.run_sync(self._mark_sent, batch)

        async def hold() -> None:
            # The claim is renewed while the batch goes out (a hanging provider can take longer
            # than the lease): only a dispatcher that died lets its claim run out.
            nonlocal held_until
            while True:
                await asyncio.sleep(outbox.LEASE.total_seconds() / 3)
                at = self._clock.now()
                if await anyio.to_thread.run_sync(self._renew, [m.id for m in claimed]):
                    held_until = at + outbox.LEASE

        recorder = asyncio.create_task(record())
        holder = asyncio.create_task(hold())
        try:
            await asyncio.gather(*(one_person(messages) for messages in by_person.values()))
        finally:  # even if cancelled part way: what went out is recorded as sent
            holder.cancel()
            sending = False
            more.set()
            await asyncio.shield(recorder)
        return went

    async def _send(self, message: Outgoing) -> SendResult | None:
        """Send one message (or find it already sent): the channel's answer, or None when it
        did not go (that is recorded)."""
        sender = self._senders.get(message.channel)
        if sender is None:
            await self._record_failure(
                message, SendFailed(f"the {message.channel} channel is off", permanent=True)
            )
            return None
        try:
            if message.maybe_sent_since is not None and isinstance(sender, LooksUp):
                found = await sender.lookup(message)
                if found is not None:
                    log.info("message %d was sent before all: not sent again", message.id)
                    return found
            await self._pacer.wait(message.channel)
            return await sender.send(message)
        except SendFailed as failure:
            await self._record_failure(message, failure)
            return None
        except Exception as error:
            # A fault the sender does not know: the request may have gone. Maybe sent:
            # looked up (SMS), or sent again after the check's wait, not at the next retry.
            log.exception("sender for %s raised", message.channel)
            await self._record_failure(
                message, SendFailed(f"{type(error).__name__}: {error}", unsure=True)
            )
            return None

    async def _release(self, messages: list[Outgoing], at: datetime) -> None:
        """Claimed but not tried: back in the queue for `at` (a maybe-sent one stays so)."""
        if messages:
            plain = [m.id for m in messages if m.maybe_sent_since is None]
            unsure = [m.id for m in messages if m.maybe_sent_since is not None]

            def record() -> None:
                with Session(self._engine) as session, session.begin():
                    outbox.release(
                        session=session,
                        message_ids=plain,
                        maybe_sent_ids=unsure,
                        at=at,
                        now=self._clock.now(),
                    )

            await anyio.to_thread.run_sync(record)

    def _renew(self, message_ids: list[int]) -> bool:
        """Renew a claim; False when it could not be (the next renewal tries again)."""
        try:
            with Session(self._engine) as session, session.begin():
                outbox.renew(session=session, message_ids=message_ids, now=self._clock.now())
        except Exception as error:
            log.warning("claim not renewed: %s", type(error).__name__)
            return False
        return True

    def _mark_sent(self, sent: list[_Sent]) -> None:
        pairs, now = [(s.message_id, s.provider_id) for s in sent], self._clock.now()
        one_statement(  # one UPDATE: on PostgreSQL in autocommit, no BEGIN and COMMIT
            self._engine,
            lambda connection: outbox.mark_sent_many(connection=connection, sent=pairs, now=now),
        )

    async def _record_failure(self, message: Outgoing, failure: SendFailed) -> None:
        now = self._clock.now()
        queued_at = message.created_at or now
        final = failure.permanent or now - queued_at >= self._give_up_after
        if failure.retry_after is not None and not failure.permanent:
            # The provider asked us to wait: the whole channel pauses, this one included.
            until = now + timedelta(seconds=failure.retry_after)
            self._paused[message.channel] = max(until, self._paused.get(message.channel, until))
        log.warning(
            "send of message %d on %s %s (attempt %d%s): %s",
            message.id,
            message.channel,
            "may have gone" if failure.unsure else "failed",
            message.attempts,
            ", giving up" if final else "",
            failure,
        )

        def record() -> None:
            with Session(self._engine) as session, session.begin():
                if final:
                    outbox.mark_failed(
                        session=session, message_id=message.id, error=str(failure), now=now
                    )
                    return
                backoff = BACKOFF[min(message.attempts, len(BACKOFF)) - 1]
                if failure.retry_after is not None:
                    at = now + timedelta(seconds=failure.retry_after)
                elif failure.unsure:
                    # Checked (or, on Telegram, sent again) after the check's wait, then as
                    # failures back off: a provider that keeps taking messages without a
                    # readable answer is not sent each one every 30 s for a day.
                    at = now + max(self._check_after, backoff)
                else:
                    at = now + backoff
                if failure.unsure or message.maybe_sent_since is not None:
                    # It may have gone (now, or on an earlier try): checked before it goes.
                    outbox.maybe_sent(
                        session=session, message_id=message.id, error=str(failure), at=at, now=now
                    )
                else:
                    outbox.retry_later(
                        session=session, message_id=message.id, error=str(failure), at=at, now=now
                    )

        await anyio.to_thread.run_sync(record)
        if failure.opted_out and self._on_refused is not None:
            await self._on_refused(message.participant_id, Channel(message.channel))
