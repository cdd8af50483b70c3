"""The safety screen's second net: likeness to written examples, beside the rules.

The rules in flows/safety_rules.py are the screen. They miss wordings nobody wrote a rule for, so
this net compares each message with the example bank (bot/safety_examples/*.tsv: some 5,000
messages written from published sources, each marked with what the bot must do, and everyday
NHS-worker talk and ordinary answers marked "none"). A message is flagged when its three most
alike *risky* examples are more alike than its three most alike *everyday* examples, by at least
MARGIN. It can only add "lean towards a person": it never clears what the rules found, and it
never runs on short answers ("yes", "5", "tomorrow"), which the rules and the flows read.

Every flag is explained by the example it is nearest to: the advisor's request and the safety
record name it, so a clinical safety officer can see why, and add an everyday example to the
bank where the net was wrong. The model was trained on English and reads Welsh only by its
spelling, so a Welsh message is also read in a rough English gloss (flows/welsh_gloss.py), and
the bank holds a glossed copy of each Welsh example: a Welsh wording unlike any Welsh example
can still be like an English one. The likeness comes from a published sentence model run with numpy
(bot/sentence_model.py). The bank's vectors are kept in a cache file beside it and only new or
changed examples are embedded at start.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.sentence_model import SentenceModel, default_model_dir
from flows.safety import NetHint
from flows.welsh_gloss import gloss, looks_welsh

log = logging.getLogger(__name__)

BANK = Path(__file__).parent / "safety_examples"
CACHE = BANK / "vectors.npz"
# Fixed by leave-one-file-out cross-validation on the bank before the held-out measure, and not
# tuned on it: raising it trades caught crises for fewer false alarms (docs/safety-screen.md).
MARGIN = 0.043
# A message nearer the risky examples than the everyday ones, but by less than MARGIN, is
# "leaning": no safety reply, but an answer in the person's own words (a reason to stop, a
# trigger, a survey answer, a job title) is not kept; they are asked gently whether they are
# safe. Measured on the development files by leave-one-file-out: it keeps about a quarter of
# the missed risky lines out of those answers, for a gentle question on about 1.2% of
# everyday answers of five words or more, and only at those questions. Lower, it catches
# more (half at 0.0) but asks "are you safe?" after one reason to stop in sixteen.
LEAN_MARGIN = 0.03
MIN_WORDS = 5  # shorter messages are answers and keywords: the rules alone read them
NEIGHBOURS = 3  # likeness to a kind = the mean of its 3 most alike examples (steadier than 1)
WINDOW_WORDS = 40  # a longer message is read sentence by sentence
MAX_WINDOWS = 40  # enough for a 2,000-character message; the rules read all of any message
# A glossed window is rough English: it must beat the everyday examples by this much more.
# Fixed by leave-one-file-out on the bank (it keeps Welsh false alarms where they were).
GLOSS_EXTRA_MARGIN = 0.02
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\s*\n\s*")


@dataclass(frozen=True, slots=True)
class Example:
    """One line of the bank."""

    expect: tuple[str, ...]  # () for everyday talk; else crisis, medical, ... (one or two)
    category: str
    lang: str
    text: str
    source: str = ""  # for a glossed copy of a Welsh example: that example (what the advisor sees)


def load_bank(folder: Path = BANK) -> list[Example]:
    """Every example in the bank's .tsv files (expect, category, lang, text)."""
    examples = []
    for path in sorted(folder.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith(("#", "expect\t")):
                continue
            expect, category, lang, text = line.split("\t")
            kinds = () if expect == "none" else tuple(expect.split("+"))
            examples.append(Example(kinds, category, lang, text))
    return examples


REQUESTS = Path(__file__).with_name("intent_examples.tsv")


def everyday_requests(path: Path = REQUESTS) -> list[Example]:
    """The everyday things people ask the bot for in their own words (the intent reader's
    phrasings: "less texts please", "how much have I saved", "are you a real person?"), as
    everyday examples: what the bot is asked all day must not read as a crisis."""
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "intent\t")):
            continue
        _intent, _count, lang, text = line.split("\t")
        examples.append(Example((), "everyday_request", lang, text))
    return examples


def with_glosses(bank: list[Example]) -> list[Example]:
    """The bank and, after it, a glossed copy of each Welsh example (same kinds), so that a
    glossed message meets glossed examples as well as English ones."""
    copies = [
        Example(e.expect, e.category, e.lang, glossed, source=e.text)
        for e in bank
        if e.lang == "cy" and (glossed := gloss(e.text)) and glossed != e.text
    ]
    return [*bank, *copies]


def pieces(text: str) -> tuple[list[str], list[float]]:
    """What the net reads of a message, and the extra margin each piece needs: its windows,
    and for a Welsh message the windows of its English gloss too (needing GLOSS_EXTRA_MARGIN
    more). Nothing for a message shorter than MIN_WORDS."""
    if len(_WORD.findall(text)) < MIN_WORDS:
        return [], []
    read = windows(text)
    extra = [0.0] * len(read)
    if looks_welsh(text):
        glossed = [w for w in windows(gloss(text)) if w not in read]
        read += glossed
        extra += [GLOSS_EXTRA_MARGIN] * len(glossed)
    return read, extra


def windows(text: str) -> list[str]:
    """The message, or for a long one its sentences (the bank's examples are a sentence or two;
    a long vent would blur them). A sentence of fewer than MIN_WORDS words is read with the
    next ("sorry. bye."), and one longer than WINDOW_WORDS in overlapping stretches."""
    if len(_WORD.findall(text)) <= WINDOW_WORDS:
        return [text]
    pieces: list[str] = []
    waiting = ""
    for sentence in _SENTENCE_END.split(text):
        sentence = f"{waiting} {sentence}".strip()
        found = _WORD.findall(sentence)
        if len(found) < MIN_WORDS:
            waiting = sentence
            continue
        waiting = ""
        if len(found) <= WINDOW_WORDS:
            pieces.append(sentence)
            continue
        step = WINDOW_WORDS // 2
        pieces.extend(
            " ".join(found[start : start + WINDOW_WORDS])
            for start in range(0, len(found) - step, step)
        )
    if waiting:
        pieces.append(f"{pieces.pop()} {waiting}" if pieces else waiting)
    return list(dict.fromkeys(pieces))[:MAX_WINDOWS]


class ExampleNet:
    """Judges a message by the bank example it is most like."""

    def __init__(self, model: SentenceModel, bank: list[Example], vectors: np.ndarray) -> None:
        self._model = model
        self._bank = bank
        risky = np.array([bool(e.expect) for e in bank])
        self._risky_index = np.flatnonzero(risky)
        self._risky = vectors[risky]
        self._everyday = vectors[~risky]

    @property
    def model(self) -> SentenceModel:
        """The sentence model (shared with the intent net)."""
        return self._model

    @property
    def size(self) -> int:
        return len(self._bank)

    def judge(self, text: str) -> NetHint | None:
        """A hint when the message is more like the risky examples than the everyday ones."""
        if len(_WORD.findall(text)) < MIN_WORDS:
            return None
        return self._remembered(text)

    @functools.lru_cache(maxsize=2048)  # noqa: B019 - one net a process, kept for its life
    def _remembered(self, text: str) -> NetHint | None:
        """The verdict, remembered for the same words (the same reply sent by many people)."""
        read, extra = pieces(text)
        return self.verdict(self._model.embed(read), extra)

    def judge_many(self, texts: list[str]) -> list[NetHint | None]:
        """`judge` for many messages at once (batched: for measuring on a corpus)."""
        read = [pieces(t) for t in texts]
        vectors = self._model.embed([w for windows_, _ in read for w in windows_])
        verdicts: list[NetHint | None] = []
        start = 0
        for windows_, extra in read:
            end = start + len(windows_)
            verdicts.append(self.verdict(vectors[start:end], extra) if windows_ else None)
            start = end
        return verdicts

    def verdict(self, vectors: np.ndarray, extra: list[float]) -> NetHint | None:
        """The verdict on a message's pieces (their vectors, and the extra margin each needs)."""
        to_risky = vectors @ self._risky.T
        margins = _top_mean(to_risky) - _top_mean(vectors @ self._everyday.T) - np.array(extra)
        best = int(margins.argmax())
        margin = float(margins[best])
        if margin < LEAN_MARGIN:
            return None
        alike = np.argsort(-to_risky[best])[:NEIGHBOURS]
        examples = [self._bank[int(self._risky_index[int(i)])] for i in alike]
        nearest = examples[0]
        return NetHint(
            # What any of the most alike examples needs: the reply covers each (a crisis
            # and a medical emergency, say), leaning towards a person.
            expect=tuple(dict.fromkeys(kind for e in examples for kind in e.expect)),
            category=nearest.category,
            example=nearest.source or nearest.text,
            margin=round(margin, 3),
            leaning=margin < MARGIN,
        )


def _top_mean(similarity: np.ndarray) -> np.ndarray:
    """Each row's mean of its NEIGHBOURS largest values."""
    k = min(NEIGHBOURS, similarity.shape[1])
    result: np.ndarray = np.partition(similarity, -k, axis=1)[:, -k:].mean(1)
    return result


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _cached(cache: Path) -> dict[str, np.ndarray]:
    if not cache.is_file():
        return {}
    with np.load(cache) as stored:
        return dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))


def vectors_of(model: SentenceModel, texts: list[str], cache: Path = CACHE) -> np.ndarray:
    """Vectors for these texts, from the bank's cache where it has them (the intent net's
    phrasings are in the bank as everyday requests), embedded where it does not; the cache is
    left as it is."""
    known = _cached(cache)
    missing = [t for t in texts if _key(t) not in known]
    fresh = dict(zip(missing, model.embed(missing), strict=True)) if missing else {}
    return np.stack([fresh[t] if t in fresh else known[_key(t)] for t in texts]).astype(np.float32)


def bank_vectors(model: SentenceModel, bank: list[Example], cache: Path = CACHE) -> np.ndarray:
    """The bank's vectors: from the cache where the text is there, embedded where it is not
    (and the cache rewritten, when it can be)."""
    keys = [_key(e.text) for e in bank]
    known = _cached(cache)
    missing = [i for i, key in enumerate(keys) if key not in known]
    if missing:
        log.info("embedding %d new safety examples", len(missing))
        for i, vector in zip(missing, model.embed([bank[i].text for i in missing]), strict=True):
            known[keys[i]] = vector.astype(np.float16)
        try:
            np.savez_compressed(
                cache,
                keys=np.array(keys),
                vectors=np.stack([known[key] for key in keys]).astype(np.float16),
            )
        except OSError as trouble:  # a read-only install: fine, embedded again next start
            log.info("could not keep the example vectors (%s)", trouble)
    return np.stack([known[key] for key in keys]).astype(np.float32)


def load_example_net(model_dir: Path | None = None) -> ExampleNet | None:
    """The net, or None (logged loudly) when the model is not installed."""
    folder = model_dir or default_model_dir()
    if folder is None:
        log.warning(
            "safety example net OFF: the sentence model is not installed "
            "(scripts/_venv.sh installs it); the rules alone screen messages"
        )
        return None
    model = SentenceModel(folder)
    bank = with_glosses(load_bank() + everyday_requests())
    net = ExampleNet(model, bank, bank_vectors(model, bank))
    log.info("safety example net on: %d examples", net.size)
    return net


@functools.cache
def shared_example_net() -> ExampleNet | None:
    """One net a process, loaded on first use (the web app, the CLI and tests share it)."""
    return load_example_net()
