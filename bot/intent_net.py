"""Everyday phrasings by likeness: when the rules in `flows/intent.py` read nothing in a message,
the written phrasings it is most like suggest what the person wants.

The phrasings are `bot/intent_examples.tsv` and `bot/intent_examples_more.tsv` (the tables the
rules are tested on, English and Welsh), turned into vectors by the safety screen's sentence model
(`bot/sentence_model.py`, already loaded for the example net), read from the example bank's cache
where it has them (the first file's phrasings are everyday examples in that bank) and from this
net's own cache (`bot/intent_vectors.npz`) for the second file's, which are kept out of the
safety bank so that it stays as measured. A message gets the intent of its
three most alike phrasings (votes weighted by likeness) when the most alike is at least
`LIKENESS` alike; "unknown" phrasings vote too, so small talk stays small talk. The flows act on a
guess only for intents that are safe to act on from a guess (`flows.engine`): never STOP.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

import numpy as np

from bot.example_net import CACHE, Example, _cached, _key, bank_vectors, shared_example_net
from bot.sentence_model import SentenceModel
from flows.intent import Label, intent_of

log = logging.getLogger(__name__)

EXAMPLES = Path(__file__).with_name("intent_examples.tsv")
MORE_EXAMPLES = Path(__file__).with_name("intent_examples_more.tsv")  # not in the safety bank
OWN_CACHE = Path(__file__).with_name("intent_vectors.npz")  # vectors of MORE_EXAMPLES
TOP = 3
LIKENESS = 0.6  # chosen before it was measured on the held-out phrasings (a cosine similarity)
MAX_CHARS = 500  # an everyday request is short; a long message is read by the rules alone


def read_examples(*paths: Path) -> list[tuple[Label, str]]:
    """(intent, text) for each line of `intent<TAB>count<TAB>lang<TAB>text` tables (by default
    both of the net's)."""
    rows = []
    for path in paths or (EXAMPLES, MORE_EXAMPLES):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith(("#", "intent\t")):
                continue
            label, _count, _lang, text = line.split("\t")
            rows.append((Label(label), text))
    return rows


def vectors_for(
    model: SentenceModel, texts: list[str], shared: Path = CACHE, own: Path = OWN_CACHE
) -> np.ndarray:
    """Vectors for the phrasings: from the safety bank's cache where it has them, else from this
    net's own cache, which is rewritten (when it can be) to hold exactly the rest."""
    in_bank = _cached(shared)
    rest = [text for text in dict.fromkeys(texts) if _key(text) not in in_bank]
    by_key = {}
    if rest:
        kept = bank_vectors(model, [Example((), "intent", "", text) for text in rest], own)
        by_key = {_key(text): vector for text, vector in zip(rest, kept, strict=True)}
    return np.stack(
        [in_bank[_key(t)] if _key(t) in in_bank else by_key[_key(t)] for t in texts]
    ).astype(np.float32)


class IntentNet:
    """Guesses the intent of a message the rules could not read."""

    def __init__(self, model: SentenceModel, examples: list[tuple[Label, str]]) -> None:
        self._model = model
        self._labels = [label for label, _ in examples]
        self._vectors = vectors_for(model, [text for _, text in examples])

    def guess(self, text: str) -> Label | None:
        """The likely intent, or None (too unlike every phrasing, or most like small talk)."""
        text = text.strip()
        if not text or len(text) > MAX_CHARS or intent_of(text).label is not Label.UNKNOWN:
            return None  # the rules read it (or it is not an everyday request)
        return self._remembered(text)

    @functools.lru_cache(maxsize=2048)  # noqa: B019 - one net a process, kept for its life
    def _remembered(self, text: str) -> Label | None:
        likeness = self._vectors @ self._model.embed([text])[0]
        nearest = np.argsort(-likeness)[:TOP]
        if likeness[nearest[0]] < LIKENESS:
            return None
        votes: dict[Label, float] = {}
        for i in nearest:
            label = self._labels[int(i)]
            votes[label] = votes.get(label, 0.0) + float(likeness[i])
        label = max(votes, key=votes.__getitem__)
        return None if label is Label.UNKNOWN else label


@functools.cache
def shared_intent_net() -> IntentNet | None:
    """One net a process, sharing the example net's model; None without the model."""
    safety = shared_example_net()
    if safety is None:
        return None
    net = IntentNet(safety.model, read_examples())
    log.info("intent net on: %d phrasings", len(net._labels))
    return net
