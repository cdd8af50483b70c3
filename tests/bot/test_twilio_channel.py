"""Twilio webhook hardening: odd but signed forms get a 2xx or 4xx, never a 500.

NUL in a message's words is removed before storing (PostgreSQL text refuses it); NUL in an id
or an address is refused with 400.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from tests.bot.helpers import messages
from tests.bot.providers import Provider
from tests.fakes.twilio_fake import FROM_NUMBER

NURSE = "+447700900456"


def inbound(**fields: str) -> dict[str, str]:
    return {"MessageSid": "SM00a", "From": NURSE, "To": FROM_NUMBER, "Body": "hi", **fields}


@pytest.mark.parametrize(
    ("path", "form"),
    [
        pytest.param("sms", inbound(Body="a\x00b"), id="nul-in-body"),
        pytest.param("sms", inbound(From="+44\x00"), id="nul-in-from"),
        pytest.param("status", {"MessageSid": "SM\x00", "MessageStatus": "sent"}, id="nul-in-sid"),
    ],
)
async def test_nul_characters_never_answer_500(
    provider: Provider,
    engine: Engine,
    path: str,
    form: dict[str, str],
) -> None:
    response = await provider.sms(form, path=path)
    assert response.status_code < 500
    if response.status_code == 200:  # the words were kept, without the NUL
        await provider.services.ingress.drain()
        assert [m.body for m in messages(engine) if m.direction == "in"] == ["ab"]


@pytest.mark.parametrize(
    "form",
    [
        pytest.param(inbound(NumMedia="lots"), id="num-media-not-a-number"),
        pytest.param(inbound(Body="x" * 60_000), id="long-body"),
        pytest.param(inbound(Body="🚭 dim diolch ẅ"), id="emoji-and-welsh-letters"),
    ],
)
async def test_odd_but_readable_forms_are_answered(
    provider: Provider, engine: Engine, form: dict[str, str]
) -> None:
    response = await provider.sms(form)
    assert response.status_code == 200
    await provider.services.ingress.drain()
    assert sum(1 for m in messages(engine) if m.direction == "in") == 1


async def test_a_status_report_with_an_unknown_or_interim_status_changes_nothing(
    provider: Provider, engine: Engine
) -> None:
    await provider.sms(inbound())
    await provider.flush()
    sid = provider.twilio.sent[0]["Sid"]
    for status in ("queued", "sending", "accepted", "nonsense"):
        report = {"MessageSid": sid, "MessageStatus": status}
        assert (await provider.sms(report, path="status")).status_code < 300
    row = next(m for m in messages(engine) if m.provider_id == sid)
    assert row.status == "sent"


async def test_a_status_report_without_a_status_is_a_400(provider: Provider) -> None:
    assert (await provider.sms({"MessageSid": "SMx"}, path="status")).status_code == 400
