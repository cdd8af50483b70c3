"""What reading one reply comes to: answered (a new conversation and effects) or not understood."""

from __future__ import annotations

from dataclasses import dataclass

from flows.effects import Effect, Reply
from flows.model import Conversation


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
