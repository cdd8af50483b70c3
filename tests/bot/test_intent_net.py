"""The intent net: a message the rules in flows/intent.py cannot read gets the intent of the
everyday phrasings it is most like (the real sentence model and the real phrasings)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import Engine

from bot.channels.base import InboundMessage
from bot.intent_net import read_examples, shared_intent_net, vectors_for
from flows import Channel
from flows.intent import Label, intent_of
from flows.model import Frequency
from scheduler import ManualClock
from scripts.intent_report import measure, read_table
from tests.bot.helpers import conversation_of
from tests.bot.test_wakes import CHAT, register

UNREAD = "could you cool it with the messages"  # no rule reads it; it is like "less texts please"


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


DATA = Path(__file__).parents[1] / "flows" / "data"
DEVELOPMENT = DATA / "intents_heldout3.tsv"


def test_the_third_table_now_development_data_stays_read(net) -> None:  # type: ignore[no-untyped-def]
    """intents_heldout3.tsv was written by someone who never saw the rules or the examples and
    measured once as held-out data (rules 77.9%, with the net 84.8%). It is now DEVELOPMENT data:
    its misses were read, rules written from them and its lines put in the net's examples
    (bot/intent_examples_more.tsv), so its figures (rules 99.8%, with the net 99.0%) say only
    that the work is kept; they are no estimate for unseen wordings. The earlier such tables are
    in the examples too: the first (rules 76.0%, with the net 81.6%) and the second (rules 75.7%,
    with the net 83.4%)."""
    rows = read_table(DEVELOPMENT)
    assert len(rows) >= 500
    assert measure(rows).accuracy >= 0.99
    assert measure(rows, net.guess).accuracy >= 0.98


HELD_OUT = DATA / "intents_heldout4.tsv"


def test_held_out_phrasings_meet_the_committed_rate(net) -> None:  # type: ignore[no-untyped-def]
    """Phrasings written by someone who never saw the rules or the examples (the issue asks for
    90%), measured once, after the work on heldout3 was committed: rules 90.0% (469/521), with
    the net 93.1% (485/521). Held-out data: never read to write rules or examples."""
    rows = read_table(HELD_OUT)
    assert len(rows) >= 520
    assert measure(rows).accuracy >= 0.89
    assert measure(rows, net.guess).accuracy >= 0.92


def test_the_shipped_vectors_cover_every_phrasing() -> None:
    """The net's phrasings have their vectors in the safety bank's cache or the net's own
    (bot/intent_vectors.npz, rewritten by running the net once after adding phrasings)."""

    class Counting:
        def __init__(self) -> None:
            self.embedded: list[str] = []

        def embed(self, texts: list[str]) -> np.ndarray:
            self.embedded.extend(texts)
            return np.ones((len(texts), 384), dtype=np.float32)

    model = Counting()
    vectors = vectors_for(model, [text for _, text in read_examples()])  # type: ignore[arg-type]
    assert model.embedded == []
    assert len(vectors) == len(read_examples())
