"""LINK in the pure flows: what reads as a code, and what the keyword asks the host for."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from flows import Channel, Conversation, MessageReceived, Reply, Stage, step
from flows.effects import IssueLinkCode
from flows.keywords import Keyword, keyword
from flows.link import ALPHABET, code_in, well_formed
from flows.owner import BOT, held_by
from messages import catalog as m

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("K7P3MX", "K7P3MX"),
        ("k7p3mx", "K7P3MX"),
        (" k7p 3mx ", "K7P3MX"),
        ("K7P-3MX", "K7P3MX"),
        ("LINK K7P3MX", "K7P3MX"),
        ("cysylltu k7p3mx", "K7P3MX"),
        ("code: K7P3MX", "K7P3MX"),
        ("K7P3MX.", "K7P3MX"),
        # Not codes: words, numbers, a postcode with a 1 or 0 in it, too short or too long.
        ("thanks", None),
        ("CRAVES", None),
        ("482913", None),
        ("SA11AA", None),
        ("CF10 3AT", None),
        ("K7P3M", None),
        ("K7P3MXX", None),
        ("K7P3MX I want to die", None),
        ("my code", None),
        ("", None),
    ],
)
def test_what_reads_as_a_code(text: str, code: str | None) -> None:
    assert code_in(text) == code


def test_the_alphabet_has_no_look_alikes() -> None:
    assert not set("01OIL") & set(ALPHABET)
    assert well_formed("ABC234") and not well_formed("ABCDEF") and not well_formed("234567")


@pytest.mark.parametrize("text", ["LINK", "link", "Link please", "CYSYLLTU", "link my phone"])
def test_link_is_a_keyword(text: str) -> None:
    assert keyword(text) is Keyword.LINK


def test_link_in_a_sentence_is_not_the_keyword() -> None:
    assert keyword("the link in your message does not work") is None


def registered(**changes: object) -> Conversation:
    return Conversation(stage=Stage.QUITTING, attempt=1, plan=1, **changes)  # type: ignore[arg-type]


def test_link_asks_the_host_for_a_code_and_changes_nothing() -> None:
    before = registered(asking=None)
    result = step(before, MessageReceived("LINK", Channel.SMS), now=NOW)
    assert result.effects == (IssueLinkCode(),)
    assert result.conversation.stage is Stage.QUITTING


def test_link_works_while_an_advisor_holds_the_conversation() -> None:
    held = registered(owner=held_by(BOT, 7, lease_until=NOW, now=NOW))
    result = step(held, MessageReceived("link", Channel.WEB), now=NOW)
    assert result.effects == (IssueLinkCode(),)


@pytest.mark.parametrize("stage", [Stage.NEW, Stage.CONSENT, Stage.DECLINED])
def test_link_before_registering_says_the_code_comes_from_the_other_chat(stage: Stage) -> None:
    result = step(Conversation(stage=stage), MessageReceived("LINK", Channel.SMS), now=NOW)
    assert result.effects == (Reply(m.LINK_HOW, always=True),)
    assert result.conversation.stage is stage  # nobody is registered by it
