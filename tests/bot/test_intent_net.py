"""The intent net: a message the rules in flows/intent.py cannot read gets the intent of the
everyday phrasings it is most like (the real sentence model and the real phrasings)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.channels.base import InboundMessage
from bot.intent_net import shared_intent_net
from flows import Channel
from flows.intent import Label, intent_of
from flows.model import Frequency
from scheduler import ManualClock
from scripts.intent_report import measure, read_table
from tests.bot.helpers import conversation_of
from tests.bot.test_wakes import CHAT, register

UNREAD = "could you go easy on the messages"  # no rule reads it; it is like "less texts please"


@pytest.fixture(scope="module")
def net():  # type: ignore[no-untyped-def]
    loaded = shared_intent_net()
    assert loaded is not None, "the sentence model is not installed (scripts/_venv.sh)"
    return loaded


def test_a_wording_the_rules_cannot_read_gets_the_intent_it_is_most_like(net) -> None:  # type: ignore[no-untyped-def]
    assert intent_of(UNREAD).label is Label.UNKNOWN
    assert net.guess(UNREAD) is Label.FEWER


def test_what_the_rules_read_and_small_talk_get_no_guess(net) -> None:  # type: ignore[no-untyped-def]
    assert net.guess("less texts please") is None  # the rules read it: they decide
    assert net.guess("my cat is called Dave and he is a menace") is None
    assert net.guess("") is None


async def test_a_person_who_asks_in_their_own_words_gets_fewer_messages(
    engine: Engine, clock: ManualClock
) -> None:
    services, senders = await register(engine, clock)
    for text in ("skip", "skip"):  # the reasons and triggers asked at three days' notice
        await services.runner.receive(InboundMessage(Channel.WEB, CHAT, text))
    await services.runner.receive(InboundMessage(Channel.WEB, CHAT, UNREAD))
    await services.dispatcher.flush()
    conversation, _ = conversation_of(engine, Channel.WEB, CHAT)
    assert conversation.frequency is Frequency.LESS
    assert "fewer" in senders["web"].texts()[-1].lower()


HELD_OUT = Path(__file__).parents[1] / "flows" / "data" / "intents_heldout3.tsv"


def test_held_out_phrasings_meet_the_committed_rate(net) -> None:  # type: ignore[no-untyped-def]
    """Phrasings written by someone who never saw the rules or the examples (the issue asks
    for 90%), measured once: rules 77.9%, with the net 84.8%. The earlier such tables are
    now part of the examples: the first (rules 76.0%, with the net 81.6%) and the second
    (rules 75.7%, with the net 83.4%)."""
    rows = read_table(HELD_OUT)
    assert len(rows) >= 500
    assert measure(rows).accuracy >= 0.76
    assert measure(rows, net.guess).accuracy >= 0.83
