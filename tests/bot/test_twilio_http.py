"""The Twilio sender's HTTP, against real sockets: what a fault says about whether an SMS left.

A request that never reached Twilio (nobody listening) is sent again as usual; one that Twilio
may have taken (the connection dropped or went quiet after the request was written) is "maybe
sent", looked up before it goes again. A 429 says how long the channel waits.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from bot.channels.base import SendFailed
from bot.channels.sms import TwilioSender
from storage.outbox import Outgoing
from tests.fakes import twilio_fake
from tests.fakes.loopback import serve
from tests.fakes.raw_http import Handler, read_request, servers

MESSAGE = Outgoing(
    id=1, participant_id=1, channel="sms", address="+447700900123", body="Hello", attempts=0
)


def sender(base: str, timeout: float = 0.5) -> TwilioSender:
    return TwilioSender(
        account_sid=twilio_fake.ACCOUNT_SID,
        auth_token=twilio_fake.AUTH_TOKEN,
        from_number=twilio_fake.FROM_NUMBER,
        messaging_service_sid=None,
        api_base=base,
        status_callback=None,
        timeout=timeout,
    )


@pytest.fixture
async def twilio_that() -> AsyncIterator[Callable[[Handler], Awaitable[str]]]:
    async with servers() as start:
        yield start


async def test_nobody_listening_is_not_sent_and_goes_again_as_usual() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed when the block ends: nothing listens there
    sms = sender(f"http://127.0.0.1:{port}")
    with pytest.raises(SendFailed) as failed:
        await sms.send(MESSAGE)
    await sms.aclose()
    assert not failed.value.unsure and not failed.value.permanent


async def test_a_connection_dropped_after_the_request_is_maybe_sent(twilio_that) -> None:  # type: ignore[no-untyped-def]
    taken: list[bytes] = []

    async def drop(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        taken.append(await read_request(reader))
        writer.close()

    sms = sender(await twilio_that(drop))
    with pytest.raises(SendFailed) as failed:
        await sms.send(MESSAGE)
    await sms.aclose()
    assert failed.value.unsure
    assert b"Body=Hello" in taken[0] and b"Authorization: Basic" in taken[0]


async def test_no_answer_within_the_timeout_is_maybe_sent(twilio_that) -> None:  # type: ignore[no-untyped-def]
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        await asyncio.sleep(5)

    sms = sender(await twilio_that(silent), timeout=0.3)
    with pytest.raises(SendFailed) as failed:
        await sms.send(MESSAGE)
    await sms.aclose()
    assert failed.value.unsure


async def test_a_429_says_how_long_to_wait(twilio_that) -> None:  # type: ignore[no-untyped-def]
    async def busy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        body = b'{"code": 20429, "message": "Too Many Requests", "status": 429}'
        writer.write(
            b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 42\r\nContent-Type: application/json"
            b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
        )
        await writer.drain()
        writer.close()

    sms = sender(await twilio_that(busy))
    with pytest.raises(SendFailed) as failed:
        await sms.send(MESSAGE)
    await sms.aclose()
    assert failed.value.retry_after == 42 and not failed.value.unsure


async def test_the_sender_works_again_in_a_new_event_loop() -> None:
    fake = twilio_fake.FakeTwilio()

    with serve(fake.app()) as base:
        sms = sender(base, timeout=5)
        first = await sms.send(MESSAGE)
        await sms.aclose()

        async def send_and_close() -> str:
            sent = await sms.send(MESSAGE)
            await sms.aclose()
            return sent.provider_id

        second = await asyncio.to_thread(lambda: asyncio.run(send_and_close()))
    assert first.provider_id != second
    assert len(fake.to(MESSAGE.address)) == 2
