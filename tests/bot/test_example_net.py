"""The safety screen's example net (bot/example_net.py) with the real model and bank."""

import logging
from pathlib import Path

import numpy as np
import pytest

import bot.example_net as example_net
from bot.example_net import (
    Example,
    ExampleNet,
    bank_vectors,
    load_bank,
    shared_example_net,
    windows,
    with_glosses,
)
from flows.safety import NetHint, screen

# Our own wordings: the rules have no words for these, but they read like a plan.
PLAN = "the bridge by the ring road keeps calling me after every shift"
VENT = (
    "honestly what a week. rota changed twice, my manager wants me on an extra long day "
    "saturday, the canteen was shut at 2am so i lived on crisps and coffee, and i had two on my "
    "break because everyone else was out there. back on the patches tomorrow, just needed to "
    "moan. "
)


def _flagged(hint: NetHint | None) -> bool:
    """The net says the message needs a safety reply (not merely that it leans that way)."""
    return hint is not None and not hint.leaning


@pytest.fixture(scope="module")
def net() -> ExampleNet:
    loaded = shared_example_net()
    assert loaded is not None, "the sentence model is not installed (scripts/_venv.sh)"
    return loaded


def test_a_wording_no_rule_knows_is_flagged_and_explained_by_its_nearest_example(
    net: ExampleNet,
) -> None:
    assert screen(PLAN).clear  # the rules alone miss it
    hint = net.judge(PLAN)
    assert hint is not None
    assert hint.expect[0] == "crisis"
    assert "bridge" in hint.example.lower()  # the example it reads like, for the advisor
    assert hint.margin >= example_net.MARGIN


# Welsh wordings of our own. NOBODY_WOULD_NOTICE reads like no Welsh example: the Welsh as spelt
# matches nothing, its gloss matches an English one.
BRIDGE_CY = "mae'r bont ger y gwaith yn galw arna i ar ôl pob shifft"
NOBODY_WOULD_NOTICE = "fydd neb yn sylwi os dwi ddim yna fory"


def _without_gloss(net: ExampleNet, text: str) -> object:
    vectors = net.model.embed(windows(text))
    return net.verdict(vectors, [0.0] * len(vectors))


def test_welsh_no_welsh_example_resembles_is_caught_through_its_gloss(net: ExampleNet) -> None:
    assert _without_gloss(net, NOBODY_WOULD_NOTICE) is None  # as spelt, Welsh is just letters
    hint = net.judge(NOBODY_WOULD_NOTICE)
    assert hint is not None and hint.expect == ("crisis",)
    assert "notice" in hint.example  # an English example, read through the gloss


def test_a_welsh_plan_no_rule_knows_is_flagged_and_explained_by_a_welsh_example(
    net: ExampleNet,
) -> None:
    assert screen(BRIDGE_CY).clear and not _flagged(_without_gloss(net, BRIDGE_CY))
    hint = net.judge(BRIDGE_CY)
    assert hint is not None and hint.expect == ("crisis",)
    assert "bont" in hint.example  # a glossed copy names the Welsh example it was made from


def test_welsh_everyday_talk_is_not_flagged(net: ExampleNet) -> None:
    for text in (
        "shifft nos heno eto, tair arall ar ôl ac wedyn gwyliau",
        "dwi wedi cael llond bol o'r rota newydd ar y ward",
        "dwi'n lladd am ffag ar ôl y shifft hir yma heddiw",
        "diolch am y neges, dwi'n iawn heddiw ar ôl y shifft nos",
        "dechrau'r patshys fory, dwi'n barod i stopio smocio",
    ):
        assert not _flagged(net.judge(text)), text


def test_the_bank_holds_a_glossed_copy_of_each_welsh_example() -> None:
    bank = load_bank()
    glossed = with_glosses(bank)[len(bank) :]
    assert len(glossed) > 0.9 * sum(e.lang == "cy" for e in bank)
    assert all(e.source and e.text != e.source for e in glossed)


def test_short_answers_are_left_to_the_rules(net: ExampleNet) -> None:
    for answer in ("no", "had 2 today", "dw i ddim yn siwr", "bye for now", "nothing"):
        assert net.judge(answer) is None


def test_ordinary_shift_talk_is_not_flagged(net: ExampleNet) -> None:
    for text in (
        "just finished my third night, going to bed now, speak later",
        "had one on my break but straight back on the patches after",
        "we lost a patient on the ward tonight, sad shift all round",
        "my rota has changed again so can we move the quit date to friday",
    ):
        assert not _flagged(net.judge(text)), text


def test_a_plan_at_the_end_of_a_long_vent_is_found(net: ExampleNet) -> None:
    message = VENT * 8 + PLAN
    assert len(message) > 2000
    assert not _flagged(net.judge(VENT * 8))
    hint = net.judge(message)
    assert hint is not None and hint.expect[0] == "crisis"


def test_many_at_once_agree_with_one_at_a_time(net: ExampleNet) -> None:
    texts = [PLAN, "yes", VENT * 3, "just finished my third night, going to bed now"]
    assert net.judge_many(texts) == [net.judge(t) for t in texts]


def test_the_bank_holds_both_languages_and_everyday_answers() -> None:
    bank = load_bank()
    assert len(bank) > 5000
    assert {e.lang for e in bank} == {"en", "cy"}
    assert sum(not e.expect for e in bank) > 1500
    assert any(e.category == "quitbot_answers" and e.lang == "cy" for e in bank)


class CountingModel:
    def __init__(self) -> None:
        self.embedded: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.embedded.extend(texts)
        return np.ones((len(texts), 384), dtype=np.float32) / np.sqrt(384)


def test_only_new_examples_are_embedded_and_the_rest_come_from_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "vectors.npz"
    model = CountingModel()
    first = [Example(("crisis",), "goodbye", "en", "a"), Example((), "shift_talk", "en", "b")]
    bank_vectors(model, first, cache)  # type: ignore[arg-type]
    assert model.embedded == ["a", "b"] and cache.is_file()
    vectors = bank_vectors(model, [*first, Example((), "shift_talk", "en", "c")], cache)  # type: ignore[arg-type]
    assert model.embedded == ["a", "b", "c"]  # a and b were not embedded again
    assert vectors.shape == (3, 384)


def test_the_shipped_cache_covers_the_whole_bank() -> None:
    model = CountingModel()
    bank_vectors(model, with_glosses(load_bank()), example_net.CACHE)  # type: ignore[arg-type]
    assert model.embedded == []  # scripts/safety_report.py --vectors refreshes it


def test_without_the_model_the_rules_screen_alone_and_the_log_says_so(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(example_net, "default_model_dir", lambda: None)
    with caplog.at_level(logging.WARNING):
        assert example_net.load_example_net() is None
    assert "safety example net OFF" in caplog.text
