"""The in-process change signal: the runner (and the console's own writes) say which
participant's conversation they committed a change for, and for which provider; the console's
live views wait on it instead of polling the database.

What this process is told goes to its bridge (bot/change_bridge.py), if it has one, which
carries it to the other processes on the same database (a second server, a worker), where
`heard` tells it to their waiters; `quitbot serve`'s worker also relays its changes straight to
its own web process (`relay`, bot/worker.py). Whatever both miss (the command line, a lost
connection) the live views' slow poll finds (`bot.console.StreamTiming`).

`changed` may be called from any thread (the runner works in worker threads); waiters live on
an asyncio event loop and are woken there with `call_soon_threadsafe`.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.change_bridge import Bridge

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

    def __init__(self, bridge: Bridge | None = None) -> None:
        self._lock = threading.Lock()
        self._counts: dict[Key, int] = {}
        self._waiters: set[_Waiter] = set()
        self.bridge = bridge
        # Also told of every change (the worker passes its changes on to the web process).
        self.relay: Callable[[list[tuple[int, int | None, bool]]], None] | None = None

    def changed(self, participant_id: int, provider_id: int | None, *, queue: bool = True) -> None:
        """A change to this participant's conversation, queue entry or thread was committed.
        `queue` False: their thread moved but not their place in a queue (a bot message, a
        private note). `provider_id` None: not known, so every provider's queue looks again."""
        self.changed_many([(participant_id, provider_id, queue)])

    def changed_many(self, changes: Iterable[tuple[int, int | None, bool]]) -> None:
        """`changed` for several at once: (participant, provider, queue) each. The other
        processes on this database hear of it through the bridge (and the relay)."""
        told = list(changes)
        if self.relay is not None and told:
            self.relay(told)
        self.heard(told)
        if self.bridge is not None and told:
            self.bridge.publish(told)

    def heard(self, changes: Iterable[tuple[int, int | None, bool]]) -> None:
        """Changes committed here, or by another process (from the bridge): wake who waits."""
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
