"""SMS encoding and segment counting: what a message costs to send (pure)."""

from __future__ import annotations

from dataclasses import dataclass

# GSM 03.38 basic character set, and the extension table (each costs two septets).
_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€\f")


@dataclass(frozen=True, slots=True)
class SmsCost:
    """How a text travels as SMS."""

    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets for GSM-7, UTF-16 code units for UCS-2
    segments: int


def is_gsm7(text: str) -> bool:
    """True when every character is in the GSM-7 alphabet (with its extension table)."""
    return all(c in _GSM_BASIC or c in _GSM_EXTENDED for c in text)


def sms_cost(text: str) -> SmsCost:
    """Encoding and number of segments for `text`, the way carriers count them."""
    if is_gsm7(text):
        units = sum(2 if c in _GSM_EXTENDED else 1 for c in text)
        single, multi, encoding = 160, 153, "GSM-7"
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, multi, encoding = 70, 67, "UCS-2"
    if units <= single:
        return SmsCost(encoding, units, 1 if units else 0)
    return SmsCost(encoding, units, -(-units // multi))
