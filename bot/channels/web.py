"""The web chat channel: the page reads replies from the transcript, so sending is a no-op."""

from __future__ import annotations

from bot.channels.base import SendResult
from storage.outbox import Outgoing


class WebSender:
    """Marks web chat replies as sent; the browser polls for them."""

    async def send(self, message: Outgoing) -> SendResult:
        """Nothing to deliver: the page reads the transcript."""
        return SendResult(provider_id=None)
