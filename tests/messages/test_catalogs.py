"""Every message exists in every shipped language, with the same placeholders, within budget.

Also writes docs/message-budget.md: each message's SMS cost per locale.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from messages import catalog
from messages.catalog import Money, ShiftList
from messages.render import LOCALES, Renderer, load_catalog, translate
from messages.sms import sms_cost

ROOT = Path(__file__).resolve().parents[2]
ALL = [v for v in vars(catalog).values() if isinstance(v, catalog.Message)]
# Long values: a long weekday name, 12 weeks, and 12 weeks of 40 a day at 80p each.
SAMPLE = {
    "date": date(2026, 12, 30),
    "last_date": date(2026, 12, 30),
    "day": 28,
    "days": 84,
    "money": Money(268_800),
    "reasons": "x" * 100,  # the person's own words, cut to 100 characters
    "triggers": "x" * 100,
    "time": "21:30",
    # A busy read-back of shifts: a weekly pattern and a run of one-off changes.
    "shifts": ShiftList(
        weekly=(("night", (0, 1, 2)), ("long_day", (5,))),
        changes=(("early", date(2026, 12, 28), date(2026, 12, 30)),),
    ),
    "start": "22:00",
    "end": "07:00",
    "runs": "4 long days, 4 off",
    "first": date(2026, 12, 30),
    "last": date(2026, 12, 30),
    "shift": "long days",
    "service": catalog.SERVICE_WALES,  # the longer of the two national services
    "low": 0,  # a scale re-ask: "from 0 to 5, e.g. 3"
    "high": 5,
    "example": 3,
    "code": "K7P3MX",  # a LINK code
    "minutes": 15,
    "channel": catalog.CHANNEL_SMS,  # the longest channel name
}
RENDER = Renderer({"privacy_url": "https://quitbot.example/privacy"})
PLACEHOLDER = re.compile(r"\{(\w+)\}")
# English must fit one GSM-7 segment; Welsh (UCS-2 once it has a circumflex) at most three.
BUDGET = {"cy": 3}
# Welsh gets three UCS-2 segments (its circumflexes are not GSM-7); English gets what the
# catalog allows each message (one segment unless marked there as a justified exception).


def test_keys_are_unique() -> None:
    keys = [m.key for m in ALL]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("message", ALL, ids=[m.key for m in ALL])
def test_every_message_is_translated_with_the_same_placeholders(
    locale: str, message: catalog.Message
) -> None:
    entry = load_catalog(locale).get(message.text, context=message.key)
    assert entry is not None, f"{message.key} missing from {locale}"
    assert entry.string, f"{message.key} not translated into {locale}"
    assert "fuzzy" not in entry.flags
    assert sorted(PLACEHOLDER.findall(entry.string)) == sorted(PLACEHOLDER.findall(message.text))


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("message", ALL, ids=[m.key for m in ALL])
def test_every_message_fits_its_sms_budget(locale: str, message: catalog.Message) -> None:
    text = RENDER.render(message, SAMPLE, locale=locale)
    for bad in ("\u2019", "\u2018", "\u201c", "\u201d", "\u2013", "\u2014"):
        assert bad not in text, f"curly quote or dash in {message.key} ({locale})"
    if locale == "en_GB":
        assert sms_cost(text).encoding == "GSM-7", f"{message.key} is not plain GSM-7"
    budget = message.sms_segments if locale == "en_GB" else BUDGET[locale]
    assert sms_cost(text).segments <= budget, f"{message.key} ({locale}): {text!r}"


def test_the_budget_table_is_written_for_review() -> None:
    rows = ["| message | locale | encoding | characters | segments |", "|---|---|---|---|---|"]
    for message in ALL:
        for locale in LOCALES:
            cost = sms_cost(RENDER.render(message, SAMPLE, locale=locale))
            rows.append(
                f"| {message.key} | {locale} | {cost.encoding} | {cost.units} | {cost.segments} |"
            )
    text = (
        "# SMS cost of every message\n\n"
        "Written by `tests/messages/test_catalogs.py` on every test run; dates filled in as "
        "'Wednesday 30 December'. Budget: English 1 GSM-7 segment, Welsh at most 3.\n\n"
        + "\n".join(rows)
        + "\n"
    )
    (ROOT / "docs" / "message-budget.md").write_text(text, encoding="utf-8")
    assert len(rows) == 2 + len(ALL) * len(LOCALES)


def test_catalog_files_are_up_to_date_with_the_source() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/catalogs.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_dates_are_written_the_way_people_say_them() -> None:
    assert RENDER.render(
        catalog.CONFIRM_QUIT_DATE, {"date": date(2026, 12, 7)}, locale="en_GB"
    ).startswith("So your quit date is Monday 7 December.")
    welsh = RENDER.render(catalog.CONFIRM_QUIT_DATE, {"date": date(2026, 12, 7)}, locale="cy")
    assert "dydd Llun 7 Rhagfyr" in welsh


def test_a_missing_translation_falls_back_to_english() -> None:
    stray = catalog.Message("test.stray", "Not in any catalog")
    assert translate(stray, "cy") == "Not in any catalog"


@pytest.mark.parametrize(
    ("locale", "shifts", "expected"),
    [
        (
            "en_GB",
            ShiftList(weekly=(("night", (0, 1, 2)),)),
            "So you work: nights Mon, Tue, Wed. Is that right? Reply YES or NO",
        ),
        (
            "en_GB",
            ShiftList(cycle=(("long_day", 4), (None, 4)), cycle_from=date(2026, 11, 25)),
            "So you work: 4 long days, 4 off, repeating from Wed 25 Nov. Is that right? "
            "Reply YES or NO",
        ),
        (
            "en_GB",
            ShiftList(
                weekly=(("late", (4,)),),
                changes=(
                    (None, date(2026, 11, 25), date(2026, 11, 29)),
                    ("night", date(2026, 12, 1), date(2026, 12, 1)),
                ),
            ),
            "So you work: lates Fri; off from Wed 25 Nov to Sun 29 Nov; nights Tue 1 Dec. "
            "Is that right? Reply YES or NO",
        ),
        ("en_GB", ShiftList(), "So you work: no set shifts. Is that right? Reply YES or NO"),
        (
            "cy",
            ShiftList(cycle=(("night", 4), (None, 4)), cycle_from=date(2026, 11, 25)),
            "Felly rydych chi'n gweithio: 4 noson, 4 i ffwrdd, yn ailadrodd o Mer 25 Tach. "
            "Ydy hynny'n iawn? Atebwch IE neu NA",
        ),
    ],
)
def test_shifts_are_read_back_the_way_people_say_them(
    locale: str, shifts: ShiftList, expected: str
) -> None:
    assert RENDER.render(catalog.CONFIRM_ROSTER, {"shifts": shifts}, locale=locale) == expected


@pytest.mark.parametrize("message", ALL, ids=[m.key for m in ALL])
def test_the_welsh_samaritans_line_is_never_given_without_the_24_hour_number(
    message: catalog.Message,
) -> None:
    """Samaritans' Welsh-language line answers in the evenings only: a Welsh message that
    gives it always gives 116 123 (free, day and night) as well (hazard log)."""
    text = RENDER.render(message, SAMPLE, locale="cy")
    if "0808 164 0123" in text:
        assert "116 123" in text, message.key
