"""How many new web chat participants may start, per client address and overall, per minute.

The counts live in this process (several workers each count their own). A client address is
the peer's IP address, or the client a trusted proxy names (QUITBOT_TRUSTED_PROXIES); an IPv6
client is counted by its /64 network, since one household or phone holds a whole /64.
"""

from __future__ import annotations

import ipaddress
import math
from collections import deque
from datetime import datetime, timedelta

WINDOW = timedelta(minutes=1)
MAX_TRACKED = 10_000  # client addresses remembered at once; beyond that, everyone waits


def client_key(host: str | None) -> str:
    """The address a client is counted by."""
    if not host:
        return "unknown"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host[:64]
    if address.version == 6:
        mapped = address.ipv4_mapped
        if mapped is not None:
            return str(mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


class NewChatLimit:
    """A sliding one-minute window of new participants, per client address and overall."""

    def __init__(self, *, per_address: int, overall: int, window: timedelta = WINDOW) -> None:
        self.per_address = per_address
        self.overall = overall
        self._window = window
        self._all: deque[datetime] = deque()
        self._by_client: dict[str, deque[datetime]] = {}

    def wait(self, client: str, now: datetime) -> int | None:
        """Seconds until `client` may start a new chat, or None if it may now."""
        self._forget(now)
        waits = []
        if len(self._all) >= self.overall:
            waits.append(self._all[0])
        mine = self._by_client.get(client)
        if mine is not None and len(mine) >= self.per_address:
            waits.append(mine[0])
        elif mine is None and len(self._by_client) >= MAX_TRACKED:
            waits.append(min(times[0] for times in self._by_client.values()))
        if not waits:
            return None
        free_at = max(waits) + self._window
        return max(1, math.ceil((free_at - now).total_seconds()))

    def take(self, client: str, now: datetime) -> int | None:
        """Count a new chat for `client` and return None, or the seconds to wait (not counted)."""
        waiting = self.wait(client, now)
        if waiting is None:
            self._all.append(now)
            self._by_client.setdefault(client, deque()).append(now)
        return waiting

    def _forget(self, now: datetime) -> None:
        since = now - self._window
        while self._all and self._all[0] <= since:
            self._all.popleft()
        for client in [c for c, times in self._by_client.items() if times[-1] <= since]:
            del self._by_client[client]
        for times in self._by_client.values():
            while times[0] <= since:
                times.popleft()
