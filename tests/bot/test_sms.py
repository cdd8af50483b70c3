"""SMS end to end: signed Twilio webhooks in, the real twilio client out to a fake Twilio."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine

from bot.dispatcher import BACKOFF
from flows import Channel
from tests.bot.helpers import conversation_of, messages
from tests.bot.providers import PUBLIC, Provider
from tests.fakes.twilio_fake import FROM_NUMBER

NURSE = "+447700900123"


def inbound(body: str, sid: str = "SM0001", **extra: str) -> dict[str, str]:
    return {
        "MessageSid": sid,
        "From": NURSE,
        "To": FROM_NUMBER,
        "Body": body,
        "NumMedia": "0",
        **extra,
    }


async def test_a_first_text_gets_the_welcome_by_sms(provider: Provider) -> None:
    response = await provider.sms(inbound("Hi"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/xml")
    assert "<Response" in response.text
    await provider.flush()
    sent = provider.twilio.sent
    assert [m["To"] for m in sent] == [NURSE, NURSE]
    assert sent[0]["From"] == FROM_NUMBER
    assert sent[0]["StatusCallback"] == f"{PUBLIC}/webhooks/twilio/status"
    assert sent[0]["Body"].startswith("Hi, this is quitbot")
    assert "Reply YES or NO" in sent[1]["Body"]


@pytest.mark.parametrize("signature", ["", "bm90IHRoZSByaWdodCBvbmU="])
async def test_a_missing_or_wrong_signature_is_refused_and_nothing_is_kept(
    provider: Provider, engine: Engine, signature: str
) -> None:
    response = await provider.sms(inbound("Hi"), signature=signature)
    assert response.status_code == 403
    assert messages(engine) == []


async def test_a_signature_for_other_parameters_is_refused(
    provider: Provider, engine: Engine
) -> None:
    from twilio.request_validator import RequestValidator

    from tests.fakes.twilio_fake import AUTH_TOKEN

    signed_for = RequestValidator(AUTH_TOKEN).compute_signature(
        f"{PUBLIC}/webhooks/twilio/sms", inbound("Hello")
    )
    response = await provider.sms(inbound("Hi"), signature=signed_for)
    assert response.status_code == 403
    assert messages(engine) == []


async def test_a_retried_webhook_is_answered_once(provider: Provider, engine: Engine) -> None:
    for _ in range(3):
        assert (await provider.sms(inbound("Hi", sid="SMsame"))).status_code == 200
    await provider.flush()
    assert len(provider.twilio.sent) == 2
    assert sum(1 for m in messages(engine) if m.direction == "in") == 1


async def test_delivery_reports_update_the_message(provider: Provider, engine: Engine) -> None:
    await provider.sms(inbound("Hi"))
    await provider.flush()
    sid = provider.twilio.sent[0]["Sid"]
    for status in ("delivered", "sent"):  # a late "sent" must not undo "delivered"
        report = {"MessageSid": sid, "MessageStatus": status, "To": NURSE}
        assert (await provider.sms(report, path="status")).status_code == 204
    row = next(m for m in messages(engine) if m.provider_id == sid)
    assert row.status == "delivered"
    unknown = {"MessageSid": "SMnope", "MessageStatus": "delivered"}
    assert (await provider.sms(unknown, path="status")).status_code == 204


async def test_an_unsubscribed_number_is_not_retried_and_is_opted_out(
    provider: Provider, engine: Engine
) -> None:
    provider.twilio.fail_next(400, code=21610)
    await provider.sms(inbound("Hi"))
    await provider.flush()
    outbound = [m for m in messages(engine) if m.direction == "out"]
    assert outbound[0].status == "failed"
    assert "21610" in (outbound[0].error or "")
    conversation, _ = conversation_of(engine, Channel.SMS, NURSE)
    assert conversation.opted_out


async def test_a_status_report_with_21610_opts_the_person_out(
    provider: Provider, engine: Engine
) -> None:
    await provider.sms(inbound("Hi"))
    await provider.flush()
    report = {
        "MessageSid": provider.twilio.sent[0]["Sid"],
        "MessageStatus": "undelivered",
        "ErrorCode": "21610",
    }
    await provider.sms(report, path="status")
    conversation, _ = conversation_of(engine, Channel.SMS, NURSE)
    assert conversation.opted_out


async def test_a_failing_send_is_retried_with_back_off_then_sent(
    provider: Provider, engine: Engine
) -> None:
    provider.twilio.fail_next(500)
    await provider.sms(inbound("Hi"))
    await provider.flush()
    assert provider.twilio.sent == []  # the question waits for the welcome that failed
    provider.services.clock.advance(BACKOFF[0])  # type: ignore[attr-defined]
    await provider.flush()
    assert len(provider.twilio.sent) == 2
    assert {m.status for m in messages(engine) if m.direction == "out"} == {"sent"}


async def test_an_outage_of_hours_delays_the_reply_then_it_goes_in_order(
    provider: Provider, engine: Engine
) -> None:
    provider.twilio.fail_next(503, times=500)
    await provider.sms(inbound("Hi"))
    for _ in range(8):  # eight hours of 503s
        await provider.flush()
        provider.services.clock.advance(timedelta(hours=1))  # type: ignore[attr-defined]
    outbound = [m for m in messages(engine) if m.direction == "out"]
    assert {m.status for m in outbound} == {"queued"}
    provider.twilio.failures.clear()  # Twilio is back
    await provider.flush()
    assert [m.status for m in messages(engine) if m.direction == "out"] == ["sent", "sent"]
    welcome, question = provider.twilio.to(NURSE)
    assert welcome.startswith("Hi, this is quitbot") and "Happy to go on?" in question


async def test_a_send_that_fails_for_a_day_ends_as_failed(
    provider: Provider, engine: Engine
) -> None:
    provider.twilio.fail_next(503, times=500)
    await provider.sms(inbound("Hi"))
    for _ in range(26):
        await provider.flush()
        provider.services.clock.advance(timedelta(hours=1))  # type: ignore[attr-defined]
    outbound = [m for m in messages(engine) if m.direction == "out"]
    assert outbound[0].status == "failed"


async def test_a_lone_quit_is_twilio_opt_out_so_we_record_it_and_stay_silent(
    provider: Provider, engine: Engine
) -> None:
    await provider.sms(inbound("Hi", sid="SM1"))
    await provider.sms(inbound("QUIT", sid="SM2"))
    await provider.flush()
    assert len(provider.twilio.sent) == 2  # only the welcome
    conversation, _ = conversation_of(engine, Channel.SMS, NURSE)
    assert conversation.opted_out


async def test_advanced_opt_out_is_honoured(provider: Provider, engine: Engine) -> None:
    await provider.sms(inbound("Stopio", sid="SM1", OptOutType="STOP"))
    await provider.flush()
    assert provider.twilio.sent == []
    conversation, _ = conversation_of(engine, Channel.SMS, NURSE)
    assert conversation.opted_out


async def test_a_picture_with_no_words_gets_a_helpful_reply(provider: Provider) -> None:
    await provider.sms(inbound("Hi", sid="SM1"))
    await provider.sms(inbound("yes", sid="SM2"))
    await provider.sms({**inbound("", sid="SM3"), "NumMedia": "1"})
    await provider.flush()
    assert provider.twilio.bodies()[-2].startswith("Sorry, I can only read words")


@pytest.mark.parametrize(
    ("content", "headers", "status"),
    [
        (b"Body=hi", {"content-type": "application/json"}, 415),
        (b"Body=hi", {}, 415),
        (b"Body=" + b"x" * 70_000, {"content-type": "application/x-www-form-urlencoded"}, 413),
        (b"Body=%ff%fe\xff", {"content-type": "application/x-www-form-urlencoded"}, 400),
    ],
)
async def test_malformed_requests_get_a_4xx_and_keep_nothing(
    provider: Provider, engine: Engine, content: bytes, headers: dict[str, str], status: int
) -> None:
    response = await provider.client.post("/webhooks/twilio/sms", content=content, headers=headers)
    assert response.status_code == status
    assert messages(engine) == []


async def test_a_signed_form_without_a_sender_is_a_400(provider: Provider, engine: Engine) -> None:
    response = await provider.sms({"MessageSid": "SM1", "Body": "hi"})
    assert response.status_code == 400
    assert messages(engine) == []
