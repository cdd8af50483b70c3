"""The safety screen on the whole corpus (tests/safety_corpus/): it fails below the rates we
commit to, so a change that makes the screen worse cannot land quietly. The figures, by
category and state, are in docs/safety-screen.md (scripts/safety_report.py writes it).

Development lines (bot/safety_examples/) are the ones the rules were written against, and the
example net's bank; held-out lines (tests/safety_corpus/) were never used to write rules nor put
in the bank, so their rates are the honest estimate for wordings nobody has seen. On them the
whole screen is measured: the rules, and the example net (the real model and bank) beside them.
"""

import pytest

from flows.safety import NetHint
from tests.safety_measure import (
    DEVELOPMENT,
    HELD_OUT,
    STATES,
    load,
    measure,
    net_hints,
    screen_ok,
    step_ok,
)

# Committed floors (sensitivity) and ceilings (false alarms): a little under what we measure.
DEV_SENSITIVITY, DEV_FALSE_ALARMS = 0.87, 0.02  # the rules alone
RULES_HELD_SENSITIVITY, RULES_HELD_FALSE_ALARMS = 0.70, 0.07  # the rules alone
HELD_SENSITIVITY, HELD_FALSE_ALARMS = 0.95, 0.10  # the rules and the example net
WELSH_DEV_SENSITIVITY = 0.84


@pytest.fixture(scope="module")
def hints() -> dict[str, NetHint | None]:
    return net_hints(load(HELD_OUT))


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


def test_the_rules_alone_meet_their_rates_on_held_out_lines() -> None:
    sensitivity, false_alarms = measure(load(HELD_OUT), screen_ok)
    assert sensitivity.rate("all") >= RULES_HELD_SENSITIVITY
    assert false_alarms.rate("all") <= RULES_HELD_FALSE_ALARMS


def test_held_out_lines_meet_the_committed_rates(hints: dict[str, NetHint | None]) -> None:
    sensitivity, false_alarms = measure(load(HELD_OUT), lambda i: screen_ok(i, hints[i.text]))
    rules_alone, _ = measure(load(HELD_OUT), screen_ok)
    assert sensitivity.rate("all") >= HELD_SENSITIVITY
    assert false_alarms.rate("all") <= HELD_FALSE_ALARMS
    assert sensitivity.rate("all") > rules_alone.rate("all") + 0.10  # the net earns its place


@pytest.mark.parametrize("state", list(STATES))
def test_in_every_state_a_caught_message_gets_its_reply_and_is_never_an_answer(
    state: str, hints: dict[str, NetHint | None]
) -> None:
    items = [i for i in load(HELD_OUT) if i.expect and screen_ok(i, hints[i.text])]
    results = [step_ok(i, state, hints[i.text]) for i in items]
    assert all(r.ok for r in results)
    assert not any(r.taken_as_answer for r in results)
