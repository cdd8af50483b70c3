"""The safety screen on the whole corpus (tests/safety_corpus/): it fails below the rates we
commit to, so a change that makes the screen worse cannot land quietly. The figures, by
category and state, are in docs/safety-screen.md (scripts/safety_report.py writes it).

Development lines are the ones the rules were written against; held-out lines were never
used to write rules, so their rates are the honest estimate for wordings nobody has seen.
"""

import pytest

from tests.safety_measure import (
    DEVELOPMENT,
    HELD_OUT,
    STATES,
    load,
    measure,
    screen_ok,
    step_ok,
)

# Committed floors (sensitivity) and ceilings (false alarms): a little under what we measure.
DEV_SENSITIVITY, DEV_FALSE_ALARMS = 0.89, 0.015
HELD_SENSITIVITY, HELD_FALSE_ALARMS = 0.80, 0.07
WELSH_DEV_SENSITIVITY = 0.85


def test_the_corpus_is_big_enough_and_written_in_both_languages() -> None:
    items = load(DEVELOPMENT + HELD_OUT)
    risky = [i for i in items if i.expect]
    calm = [i for i in items if not i.expect]
    assert len(risky) >= 300 and len(calm) >= 150
    assert sum(i.lang == "cy" for i in risky) >= 90
    assert {i.category for i in risky} >= {
        "suicidal_thoughts",
        "plan_or_means",
        "self_harm",
        "act_taken",
        "goodbye",
        "hopeless",
        "not_safe",
        "call_for_help",
        "chest_pain",
        "ingestion",
        "domestic_abuse",
        "phone_monitored",
        "varenicline_mood",
        "pregnancy",
        "negated_distress",
    }


def test_development_lines_are_caught_without_false_alarms() -> None:
    sensitivity, false_alarms = measure(load(DEVELOPMENT), screen_ok)
    assert sensitivity.rate("all") >= DEV_SENSITIVITY
    assert sensitivity.rate("lang:cy") >= WELSH_DEV_SENSITIVITY
    assert false_alarms.rate("all") <= DEV_FALSE_ALARMS


def test_held_out_lines_meet_the_committed_rates() -> None:
    sensitivity, false_alarms = measure(load(HELD_OUT), screen_ok)
    assert sensitivity.rate("all") >= HELD_SENSITIVITY
    assert false_alarms.rate("all") <= HELD_FALSE_ALARMS


@pytest.mark.parametrize("state", list(STATES))
def test_in_every_state_a_caught_message_gets_its_reply_and_is_never_an_answer(state: str) -> None:
    items = [i for i in load(HELD_OUT) if i.expect and screen_ok(i)]
    results = [step_ok(i, state) for i in items]
    assert all(r.ok for r in results)
    assert not any(r.taken_as_answer for r in results)
