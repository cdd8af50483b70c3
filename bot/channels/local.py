"""The local channel: `quitbot chat` in a terminal. Replies are printed."""

from __future__ import annotations

import sys
from typing import TextIO

from bot.channels.base import SendResult
from storage.outbox import Outgoing


class TerminalSender:
    """Prints each reply, as a chat bubble would show it."""

    def __init__(self, out: TextIO = sys.stdout) -> None:
        self._out = out

    async def send(self, message: Outgoing) -> SendResult:
        """Print `message`."""
        print(f"quitbot> {message.body}", file=self._out, flush=True)
        return SendResult(provider_id=None)
