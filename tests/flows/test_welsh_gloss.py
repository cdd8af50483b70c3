"""The English gloss of Welsh messages that the safety screen's example net reads."""

from flows.welsh_gloss import gloss, gloss_word, looks_welsh


def test_a_welsh_sentence_is_glossed_word_by_word() -> None:
    assert gloss("dw i isio lladd fy hun") == "i want kill myself"
    assert gloss("Sa i moyn byw rhagor") == "i do not want live anymore"
    assert gloss("dwi di llyncu'r tabledi i gyd. sori") == "i have swallow the tablets all. sorry"


def test_mutations_are_undone() -> None:
    assert gloss_word("bont") == "bridge"  # soft
    assert gloss_word("nghalon") == "heart"  # nasal
    assert gloss_word("thabledi") == "tablets"  # aspirate
    assert gloss_word("waith") == "work"  # soft, the g dropped
    assert gloss_word("peter") == "peter"  # unknown: left as it is


def test_a_welsh_word_that_is_also_txt_speak_keeps_its_welsh_meaning() -> None:
    assert gloss("mae'r gwn yn y tŷ") == "is the gun in the house"  # "ty" is not "thanks"


def test_only_welsh_messages_are_glossed() -> None:
    assert looks_welsh("dwi'n teimlo'n isel iawn heno")
    assert looks_welsh("sa i moyn byw rhagor")
    for english in (
        "i want to kill myself",
        "had a mum in labour at 38 weeks, made me want to quit",
        "more plant pots for the garden this weekend",
        "ok",
    ):
        assert not looks_welsh(english), english
