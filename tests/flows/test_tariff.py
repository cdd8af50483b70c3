"""Tariffs from TOML: amounts in pence, uplifts for priority groups, one-line errors with lines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from flows.milestones import Milestone
from flows.tariff import BadTariff, Person, parse, price

EXAMPLE = (Path(__file__).parent.parent.parent / "docs" / "tariff.example.toml").read_text()
HEAD = 'version = "v1"\neffective_from = 2026-04-01\n'
CO = Milestone.FOUR_WEEK_CO_VERIFIED


def test_the_shipped_example_parses() -> None:
    tariff = parse(EXAMPLE)
    assert (tariff.version, tariff.effective_from) == ("2026-27 v1", date(2026, 4, 1))
    assert tariff.amounts[CO] == 12000
    assert {u.group for u in tariff.uplifts} == {
        "imd_1_2",
        "routine_manual",
        "night_workers",
        "age_18_34",
    }


def test_uplifts_add_up_or_take_the_highest_and_respect_the_cap() -> None:
    porter_on_nights = Person(age=50, role="Night porter", work_pattern="nights")
    summed = price(parse(EXAMPLE), CO, porter_on_nights)
    assert (summed.base_pence, summed.uplift_pence) == (12000, 3000)  # +10% +15%
    highest = parse(EXAMPLE.replace('combine = "sum"', 'combine = "highest"'))
    assert price(highest, CO, porter_on_nights).uplift_pence == 1800
    everyone = Person(age=20, role="porter", work_pattern="nights", imd_decile=2, imd_edition="e")
    capped = price(parse(EXAMPLE), CO, everyone)
    assert capped.uplift_pence == 6000 and capped.reasons[-1] == "capped at 50%"
    assert price(parse(EXAMPLE), CO, Person(role="transporter")).uplift_pence == 0  # whole words
    assert price(parse(EXAMPLE), Milestone.LOST_TO_FOLLOW_UP, everyone).amount_pence == 0


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("version = [", "line 1 (the end): "),
        (HEAD + "[amounts]\nengaged = -1\n", "line 4: -1 is not an amount"),
        (HEAD + "[amounts]\nengaged = 10.005\n", "line 4: 10.005 is not an amount"),
        (HEAD + "[amounts]\nlost_to_follow_up = 5\n", "line 4: lost_to_follow_up is recorded"),
        (
            HEAD + "[amounts]\nengaged = 1\n[uplifts.tall]\npercent = 5\n",
            "line 5: unknown priority",
        ),
        (
            HEAD + "[amounts]\nengaged = 1\n\n[uplifts.age_18_34]\nages = [34, 18]\npercent = 5\n",
            "line 7: ages is",
        ),
        (HEAD + "colour = 1\n[amounts]\nengaged = 1\n", "line 3: unknown key 'colour'"),
        ("effective_from = 2026-04-01\n[amounts]\nengaged = 1\n", "the file: version must be"),
        (HEAD.replace("2026-04-01", '"April"') + "[amounts]\nengaged = 1\n", "line 2: effective"),
    ],
)
def test_a_bad_tariff_names_the_line_and_the_problem(text: str, problem: str) -> None:
    with pytest.raises(BadTariff) as raised:
        parse(text)
    assert str(raised.value).startswith(problem), str(raised.value)
    assert "\n" not in str(raised.value)
