"""The in-process change signal: the runner (and the console's own writes) say which
participant's conversation they committed a change for, and for which provider; the console's
live views wait on it instead of polling the database.

Only this process's commits are heard, and what `quitbot serve`'s worker process relays (it
sets `relay` to pass its changes to the web process, bot/worker.py). A change another process
commits (`quitbot` on the command line, another server) is found by the live views' slow poll
(see `bot.console.StreamTiming`).

`changed` may be called from any thread (the runner works in worker threads); waiters live on
an asyncio event loop and are woken there with `call_soon_threadsafe`.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

ANY = 0  # a provider key that matches every provider (a change whose provider is unknown)


@dataclass(frozen=True, slots=True)
class Key:
    """What a waiter waits for: a provider's queue ("provider", id) or one participant's thread
    ("participant", id)."""

    kind: str
    id: int


def provider(provider_id: int | None) -> Key:
    return Key("provider", ANY if provider_id is None else provider_id)


def participant(participant_id: int) -> Key:
    return Key("participant", participant_id)


class _Waiter:
    __slots__ = ("event", "keys", "loop")

    def __init__(self, keys: frozenset[Key], loop: asyncio.AbstractEventLoop) -> None:
        self.keys = keys
        self.loop = loop
        self.event = asyncio.Event()


class Changes:
    """Counters per key, bumped on every committed change, and the tasks waiting on them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[Key, int] = {}
        self._waiters: set[_Waiter] = set()
        # Also told of every change (the worker passes its changes on to the web process).
        self.relay: Callable[[list[tuple[int, int | None, bool]]], None] | None = None

    def changed(self, participant_id: int, provider_id: int | None, *, queue: bool = True) -> None:
        """A change to this participant's conversation, queue entry or thread was committed.
        `queue` False: their thread moved but not their place in a queue (a bot message, a
        private note). `provider_id` None: not known, so every provider's queue looks again."""
        self.changed_many([(participant_id, provider_id, queue)])

    def changed_many(self, changes: Iterable[tuple[int, int | None, bool]]) -> None:
        """`changed` for several at once: (participant, provider, queue) each."""
        changes = list(changes)
        if self.relay is not None and changes:
            self.relay(changes)
        keys: set[Key] = set()
        for participant_id, provider_id, queue in changes:
            keys.add(participant(participant_id))
            if queue:
                keys.add(provider(provider_id))
        if not keys:
            return
        with self._lock:
            for key in keys:
                self._counts[key] = self._counts.get(key, 0) + 1
            everyone = provider(None) in keys
            woken = [
                w
                for w in self._waiters
                if not w.keys.isdisjoint(keys)
                or (everyone and any(k.kind == "provider" for k in w.keys))
            ]
        for waiter in woken:
            # A loop that has closed (RuntimeError) has nobody waiting on it any more.
            with contextlib.suppress(RuntimeError):
                waiter.loop.call_soon_threadsafe(waiter.event.set)

    def seen(self, *keys: Key) -> int:
        """A number that grows whenever any of these keys changes (a provider key also grows
        with changes whose provider is unknown)."""
        with self._lock:
            total = sum(self._counts.get(k, 0) for k in keys)
            if any(k.kind == "provider" for k in keys):
                total += self._counts.get(provider(None), 0)
            return total

    async def wait(self, *keys: Key, seen: int, seconds: float) -> int:
        """Wait until one of `keys` changes after `seen` (a value from `seen`), or `seconds`
        pass; the new `seen` value either way."""
        waiter = _Waiter(frozenset(keys), asyncio.get_running_loop())
        with self._lock:
            self._waiters.add(waiter)
        try:
            if self.seen(*keys) == seen:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(waiter.event.wait(), seconds)
        finally:
            with self._lock:
                self._waiters.discard(waiter)
        return self.seen(*keys)
