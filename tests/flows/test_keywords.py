import pytest

from flows.keywords import Keyword, is_carrier_opt_out, keyword


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HELP", Keyword.HELP),
        ("help me", Keyword.HELP),
        ("  Help!! ", Keyword.HELP),
        ("cymorth", Keyword.HELP),
        ("STOP", Keyword.STOP),
        ("stop please", Keyword.STOP),
        ("Stopio", Keyword.STOP),
        ("start", Keyword.START),
        ("/start", Keyword.START),
        ("DECHRAU", Keyword.START),
        ("advisor", Keyword.ADVISOR),
        ("adviser", Keyword.ADVISOR),
        ("advisr", Keyword.ADVISOR),
        ("real person", Keyword.ADVISOR),
        ("CYMRAEG", Keyword.WELSH),
        ("cymrag", Keyword.WELSH),
        ("English", Keyword.ENGLISH),
        ("saesneg", Keyword.ENGLISH),
        # Not keywords: a keyword inside a sentence is an answer, not a command.
        ("I want to stop smoking", None),
        ("stop smoking", None),
        ("can you help me with patches", None),
        ("quit", None),
        ("yes", None),
        ("", None),
        ("🚬", None),
    ],
)
def test_keyword(text: str, expected: Keyword | None) -> None:
    assert keyword(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("QUIT", True),
        ("quit", True),
        ("End", True),
        ("stopall", True),
        ("stop", True),
        ("quit smoking", False),
        ("I want to quit", False),
        ("hello", False),
    ],
)
def test_twilio_opt_out_words(text: str, expected: bool) -> None:
    assert is_carrier_opt_out(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CRAVE", Keyword.CRAVE),
        ("chwant", Keyword.CRAVE),
        ("SLIP", Keyword.SLIP),
        ("llithro", Keyword.SLIP),
        ("DATE", Keyword.DATE),
        ("dyddiad", Keyword.DATE),
        ("pause", Keyword.PAUSE),
        ("saib", Keyword.PAUSE),
        ("resume", Keyword.RESUME),
        ("ailddechrau", Keyword.RESUME),
        ("MOOD", Keyword.MOOD),
        ("stressed", Keyword.MOOD),
        ("straen", Keyword.MOOD),
        ("LESS", Keyword.LESS),
        ("llai", Keyword.LESS),
        ("MORE", Keyword.MORE),
        ("mwy", Keyword.MORE),
        ("I had a craving at work", None),
        ("my mood is ok", None),
    ],
)
def test_journey_keywords(text: str, expected: Keyword | None) -> None:
    assert keyword(text) == expected
