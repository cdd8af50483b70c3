"""What reading one reply comes to: answered (a new conversation and effects) or not understood."""

from __future__ import annotations

from dataclasses import dataclass

from flows.effects import Effect, Reply
from flows.model import Conversation
from messages import catalog as m


@dataclass(frozen=True, slots=True)
class Answered:
    """The reply answered the question: here is the new conversation and what to say."""

    conversation: Conversation
    effects: tuple[Effect, ...]


@dataclass(frozen=True, slots=True)
class NotUnderstood:
    """The reply did not answer the question: say this, then (maybe) the question again."""

    hint: tuple[Reply, ...]


Outcome = Answered | NotUnderstood


def scale_not_understood(low: int, high: int) -> NotUnderstood:
    """ "Please reply with one number from 1 to 5, e.g. 3": a re-ask whose example fits the
    scale (not "e.g. 10")."""
    example = (low + high + 1) // 2
    params = {"low": low, "high": high, "example": example}
    return NotUnderstood((Reply(m.SCALE_REASK_RANGE, params, choices=m.scale(low, high)),))
