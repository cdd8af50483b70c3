"""Things that happened, fed into `flows.step` (named in the past tense)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flows.intent import Label
from flows.model import Channel
from flows.programme import Due
from flows.safety import NetHint


@dataclass(frozen=True, slots=True)
class MessageReceived:
    """A person sent us a message.

    Attributes:
        text: what they typed, as received (may be empty, e.g. a picture with no words).
        channel: where it came from.
        has_media: a picture or other attachment came with it.
        carrier_opted_out: the SMS provider has already opted this number out (e.g. Twilio
            saw a lone STOP or QUIT); we must record it, whatever the words were.
        net: the safety screen's example net, when it finds the message most like a risky
            written example (bot/example_net.py); the rules still read the message first.
        likely: the intent of the everyday phrasings the message is most like (bot/intent_net.py),
            when flows/intent.py's rules read none in it.
    """

    text: str
    channel: Channel
    has_media: bool = False
    carrier_opted_out: bool = False
    net: NetHint | None = None
    likely: Label | None = None


@dataclass(frozen=True, slots=True)
class DeliveryRefused:
    """A channel told us the person cannot be reached any more (blocked the bot, opted out)."""

    channel: Channel


@dataclass(frozen=True, slots=True)
class WakeDue:
    """A planned wake-up came due (a check-in, the quit day, ...), stamped with its plan."""

    due: Due
    day: int
    plan: int


@dataclass(frozen=True, slots=True)
class AdvisorTookOver:
    """An advisor took the conversation (the take-over button, or their first reply)."""

    advisor_id: int
    lease_until: datetime


@dataclass(frozen=True, slots=True)
class AdvisorReplied:
    """The advisor holding the conversation wrote to the participant: the lease is renewed."""

    advisor_id: int
    lease_until: datetime


@dataclass(frozen=True, slots=True)
class HandedBack:
    """The advisor gave the conversation back to the bot. `spoke`: the advisor wrote to the
    person during the hold (else they were told only that a person had joined, and are told
    honestly that nobody could reply this time)."""

    advisor_id: int
    spoke: bool = True


@dataclass(frozen=True, slots=True)
class LeaseEnded:
    """The advisor holding the conversation was idle past the lease: back in the queue."""


Event = (
    MessageReceived
    | DeliveryRefused
    | WakeDue
    | AdvisorTookOver
    | AdvisorReplied
    | HandedBack
    | LeaseEnded
)
