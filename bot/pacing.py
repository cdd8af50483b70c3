"""Outbound pacing: a token bucket per channel, so bulk nudges respect each provider's limits.

The arithmetic is pure (`now` is an argument); `Pacer.wait` is the only part that sleeps.
Telegram allows about 30 messages a second per bot; Twilio's limit is per sender and account.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass


@dataclass
class TokenBucket:
    """`rate` sends a second on average, with bursts of up to `burst`."""

    rate: float
    burst: float
    tokens: float = 0.0  # below zero: sends already promised ahead of time
    updated: float | None = None

    def delay(self, now: float) -> float:
        """Take one token; return how many seconds to wait before sending (0 if none)."""
        if self.updated is None:  # first use: start full
            self.tokens, self.updated = self.burst, now
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        self.tokens -= 1
        return 0.0 if self.tokens >= 0 else -self.tokens / self.rate


class Pacer:
    """Holds each channel's bucket; channels without a rate are not paced."""

    def __init__(self, rates: dict[str, float]) -> None:
        self._buckets = {
            channel: TokenBucket(rate=rate, burst=max(1.0, rate))
            for channel, rate in rates.items()
            if rate > 0
        }

    async def wait(self, channel: str) -> None:
        """Wait until `channel` may send one more message."""
        bucket = self._buckets.get(channel)
        if bucket is None:
            return
        pause = bucket.delay(time.monotonic())
        if pause > 0:
            await asyncio.sleep(pause)
