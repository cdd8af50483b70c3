"""A sender that records what it was asked to send (tests, the demo, and `quitbot chat`)."""

from __future__ import annotations

from bot.channels.base import SendFailed, SendResult
from storage.outbox import Outgoing


class RecordingSender:
    """Keeps every message it is given; can be told to fail the next few sends."""

    def __init__(self) -> None:
        self.sent: list[Outgoing] = []
        self._failures: list[SendFailed] = []

    def fail_next(self, *failures: SendFailed) -> None:
        """Raise these, one per send, before sending succeeds again."""
        self._failures.extend(failures)

    def recover(self) -> None:
        """Forget the failures still queued: sending works again."""
        self._failures.clear()

    async def send(self, message: Outgoing) -> SendResult:
        """Record `message` (or raise the next queued failure)."""
        if self._failures:
            raise self._failures.pop(0)
        self.sent.append(message)
        return SendResult(provider_id=f"rec-{message.id}")

    def texts(self, address: str | None = None) -> list[str]:
        """The bodies sent so far (to `address`, if given)."""
        return [m.body for m in self.sent if address is None or m.address == address]
