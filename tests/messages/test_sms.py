import pytest
from hypothesis import given
from hypothesis import strategies as st

from messages.sms import sms_cost


@pytest.mark.parametrize(
    ("text", "encoding", "segments"),
    [
        ("", "GSM-7", 0),
        ("a" * 160, "GSM-7", 1),
        ("a" * 161, "GSM-7", 2),
        ("a" * 306, "GSM-7", 2),
        ("a" * 307, "GSM-7", 3),
        ("€" * 80, "GSM-7", 1),  # extension characters cost two
        ("€" * 81, "GSM-7", 2),
        ("it\u2019s", "UCS-2", 1),  # one curly apostrophe switches the whole text
        ("ŵ" * 70, "UCS-2", 1),
        ("ŵ" * 71, "UCS-2", 2),
        ("🚬" * 35, "UCS-2", 1),  # an emoji is two UTF-16 units
        ("🚬" * 36, "UCS-2", 2),
    ],
)
def test_segments(text: str, encoding: str, segments: int) -> None:
    cost = sms_cost(text)
    assert (cost.encoding, cost.segments) == (encoding, segments)


@given(st.text(max_size=2000))
def test_segments_cover_the_text(text: str) -> None:
    cost = sms_cost(text)
    per = (
        (160 if cost.encoding == "GSM-7" else 70)
        if cost.segments <= 1
        else (153 if cost.encoding == "GSM-7" else 67)
    )
    assert cost.segments * per >= cost.units
