"""What every channel shares: the inbound message and the sender interface."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from flows import Channel
from storage.outbox import Outgoing


@dataclass(frozen=True, slots=True)
class InboundMessage:
    """A message from a person, converted at the edge from the provider's own format.

    Attributes:
        channel: where it came from.
        address: the person's address on that channel (phone number, Telegram chat id, ...).
        text: what they typed ("" when there were no words).
        provider_id: the provider's id for this event (MessageSid, update_id), for de-duplication.
        has_media: a picture or file came with it.
        carrier_opted_out: the provider has already opted this address out.
        language_hint: the language the person's app is set to, if the channel tells us.
    """

    channel: Channel
    address: str
    text: str
    provider_id: str | None = None
    has_media: bool = False
    carrier_opted_out: bool = False
    language_hint: str | None = None


@dataclass(frozen=True, slots=True)
class SendResult:
    """The channel took the message; `provider_id` is its id for delivery reports."""

    provider_id: str | None = None


class SendFailed(Exception):
    """A send did not go through (or may have: see `unsure`).

    Attributes:
        permanent: retrying will not help (bad number, message refused).
        opted_out: the person cannot be reached any more (blocked the bot, carrier opt-out).
        unsure: the request reached the provider but no answer came (a timeout): it may have
            been sent, so it is checked before it goes again.
        retry_after: the provider asked us to wait this many seconds (a 429, Telegram's
            retry_after): the whole channel waits.
    """

    def __init__(
        self,
        reason: str,
        *,
        permanent: bool = False,
        opted_out: bool = False,
        unsure: bool = False,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(reason)
        self.permanent = permanent or opted_out
        self.opted_out = opted_out
        self.unsure = unsure and not self.permanent
        self.retry_after = retry_after


class Sender(Protocol):
    """Sends one message on one channel."""

    async def send(self, message: Outgoing) -> SendResult:
        """Send `message`; raise SendFailed when it does not go through."""
        ...
