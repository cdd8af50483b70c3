import pytest

from flows import answers
from flows.model import WorkPattern
from flows.registration import _PATTERNS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", True),
        ("Y", True),
        ("yeah!", True),
        ("ok", True),
        ("yes please", True),
        ("ie", True),
        ("Iawn", True),
        ("ydw", True),
        ("do", True),
        ("no", False),
        ("N", False),
        ("nope", False),
        ("no thanks", False),
        ("na", False),
        ("nac ydw", False),
        ("naddo", False),
        ("maybe", None),
        ("", None),
        ("🙂", None),
        ("what is this", None),
    ],
)
def test_yes_or_no(text: str, expected: bool | None) -> None:
    assert answers.yes_or_no(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("34", 34),
        ("I'm 34", 34),
        ("about 15 a day", 15),
        ("ten", 10),
        ("deg", 10),
        ("never", 0),
        ("once", 1),
        ("twice", 2),
        ("unwaith", 1),
        ("none", 0),
        ("3 or 4", None),
        ("", None),
        ("lots", None),
        ("1.5", None),
    ],
)
def test_number(text: str, expected: int | None) -> None:
    assert answers.number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", WorkPattern.DAYS),
        ("2", WorkPattern.NIGHTS),
        ("2 nights", WorkPattern.NIGHTS),
        ("nights mostly", WorkPattern.NIGHTS),
        ("nigths", WorkPattern.NIGHTS),
        ("days and nights", WorkPattern.ROTATING),
        ("long days", WorkPattern.LONG_DAYS),
        ("7", None),
        ("0", None),
        ("whatever", None),
    ],
)
def test_choice(text: str, expected: WorkPattern | None) -> None:
    assert answers.choice(text, list(WorkPattern), _PATTERNS) == expected


def test_skip_in_both_languages() -> None:
    assert answers.is_skip("SKIP") and answers.is_skip("sgip") and not answers.is_skip("skipper")
