import pytest

from flows.safety import is_crisis


@pytest.mark.parametrize(
    "text",
    [
        "I can't go on",
        "i cant go on anymore",
        "thinking about suicide",
        "I want to die",
        "I've been self harming again",
        "I might kill myself",
        "want to end it all",
        "Dwi isio marw",
        "meddwl am hunanladd",
        "better off dead tbh",
    ],
)
def test_crisis_language_is_caught(text: str) -> None:
    assert is_crisis(text)


@pytest.mark.parametrize(
    "text",
    ["I'm dying for a fag", "this craving is killing me", "can't go out for one", "yes", ""],
)
def test_everyday_talk_is_not_crisis(text: str) -> None:
    assert not is_crisis(text)
