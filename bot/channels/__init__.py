"""Channel adapters: each turns its provider's input into an `InboundMessage` and replies."""

from bot.channels.base import InboundMessage, Sender, SendFailed, SendResult

__all__ = ["InboundMessage", "SendFailed", "SendResult", "Sender"]
