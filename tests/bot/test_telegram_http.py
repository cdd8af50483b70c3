"""Telegram's HTTP on aiohttp (AiohttpRequest), against real sockets: what goes out, and what a
fault says about whether a message left.

A request that never reached Telegram (nobody listening, no free connection in time) is sent
again as usual; one that Telegram may have taken (the connection dropped or went quiet after
the request was written) is "maybe sent". A 429 says how long the channel waits.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from telegram import Bot
from telegram.error import NetworkError, TelegramError, TimedOut

from bot.channels.base import SendFailed
from bot.channels.telegram_bot import TelegramSender, build_application
from bot.channels.telegram_request import AiohttpRequest
from storage.outbox import Outgoing
from tests.fakes import telegram_fake
from tests.fakes.loopback import serve
from tests.fakes.raw_http import read_request, servers

CHAT = 555000222
Fault = Callable[[bytes, asyncio.StreamWriter], Awaitable[None]]


def outgoing(body: str = "Hello", choices: tuple[str, ...] | None = None) -> Outgoing:
    return Outgoing(
        id=1,
        participant_id=1,
        channel="telegram",
        address=str(CHAT),
        body=body,
        attempts=0,
        choices=choices,
    )


def bot_at(base: str, timeout: float = 0.5, *, connect: float | None = None) -> Bot:
    """A Bot on our aiohttp client with every wait `timeout` (connecting and waiting for a
    pooled connection `connect`, when given)."""
    request = AiohttpRequest(
        read_timeout=timeout,
        write_timeout=timeout,
        connect_timeout=connect or timeout,
        pool_timeout=connect or timeout,
    )
    return Bot(telegram_fake.TOKEN, base_url=f"{base}/bot", request=request)


def answer(status: int, body: object) -> bytes:
    content = json.dumps(body).encode()
    return (
        f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(content)}\r\n\r\n"
    ).encode() + content


@pytest.fixture
async def telegram_that() -> AsyncIterator[Callable[[Fault], Awaitable[str]]]:
    """A Bot API on a raw socket: it answers getMe, and sendMessage as `fault` does."""
    async with servers() as serving:

        async def start(fault: Fault) -> str:
            async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
                while request := await read_request(reader):
                    if b"/getMe " not in request.split(b"\r\n")[0]:
                        await fault(request, writer)
                        return
                    writer.write(answer(200, {"ok": True, "result": telegram_fake.BOT}))
                    await writer.drain()

            return await serving(handle)

        yield start


async def test_a_message_with_a_keyboard_reaches_telegram() -> None:
    fake = telegram_fake.FakeTelegram()
    with serve(fake.app()) as base:
        application = build_application(token=telegram_fake.TOKEN, api_base=base)
        await application.initialize()
        sender = TelegramSender(application.bot)
        first = await sender.send(outgoing("Ready? Tom & Jerry = 100% 🚭", ("Yes", "No")))
        second = await sender.send(outgoing("Thanks", ()))
        await application.shutdown()
    assert (first.provider_id, second.provider_id) == ("1", "2")
    assert fake.texts(CHAT) == ["Ready? Tom & Jerry = 100% 🚭", "Thanks"]
    assert fake.markups(CHAT) == [
        {
            "keyboard": [[{"text": "Yes"}, {"text": "No"}]],
            "one_time_keyboard": True,
            "resize_keyboard": True,
        },
        {"remove_keyboard": True},
    ]
    assert fake.calls == ["getMe", "sendMessage", "sendMessage"]


async def test_the_bot_works_again_after_shutdown_in_a_new_event_loop() -> None:
    fake = telegram_fake.FakeTelegram()
    with serve(fake.app()) as base:
        application = build_application(token=telegram_fake.TOKEN, api_base=base)
        await application.initialize()
        await TelegramSender(application.bot).send(outgoing("first"))
        await application.shutdown()

        async def again() -> None:
            await application.initialize()
            await TelegramSender(application.bot).send(outgoing("second"))
            await application.shutdown()

        await asyncio.to_thread(lambda: asyncio.run(again()))
    assert fake.texts(CHAT) == ["first", "second"]


async def test_nobody_listening_is_not_sent_and_goes_again_as_usual() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed when the block ends: nothing listens there
    bot = bot_at(f"http://127.0.0.1:{port}")
    with pytest.raises(SendFailed) as failed:
        await TelegramSender(bot).send(outgoing())
    await bot.shutdown()
    assert not failed.value.unsure and not failed.value.permanent
    assert "ClientConnectorError" in str(failed.value)


async def test_a_connection_dropped_after_the_request_is_maybe_sent(telegram_that) -> None:  # type: ignore[no-untyped-def]
    taken: list[bytes] = []

    async def drop(request: bytes, writer: asyncio.StreamWriter) -> None:
        taken.append(request)
        writer.close()

    bot = bot_at(await telegram_that(drop))
    with pytest.raises(SendFailed) as failed:
        await TelegramSender(bot).send(outgoing())
    await bot.shutdown()
    assert failed.value.unsure
    assert taken[0].startswith(b"POST /bot123456:TEST-token/sendMessage ")
    assert b"text=Hello" in taken[0] and b"User-Agent: python-telegram-bot" in taken[0]


async def test_no_answer_within_the_read_timeout_is_maybe_sent(telegram_that) -> None:  # type: ignore[no-untyped-def]
    async def silent(request: bytes, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(5)

    # Connecting may take its time on a busy machine (it failed once, as "not sent", at 0.3 s
    # under the full suite): only the answer's wait is short here.
    bot = bot_at(await telegram_that(silent), timeout=0.3, connect=1.5)
    start = time.monotonic()
    with pytest.raises(SendFailed) as failed:
        await TelegramSender(bot).send(outgoing())
    await bot.shutdown()
    assert failed.value.unsure and "TimedOut" in str(failed.value)
    assert time.monotonic() - start < 2


async def test_an_answer_that_trickles_in_meets_the_whole_requests_timeout(telegram_that) -> None:  # type: ignore[no-untyped-def]
    async def trickle(request: bytes, writer: asyncio.StreamWriter) -> None:
        writer.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 99\r\n\r\n"
        )
        for _ in range(99):  # a byte at a time, each well within the read timeout
            writer.write(b" ")
            await writer.drain()
            await asyncio.sleep(0.1)

    bot = bot_at(await telegram_that(trickle), timeout=0.3)  # the whole request: 4 x 0.3 s
    start = time.monotonic()
    with pytest.raises(SendFailed) as failed:
        await TelegramSender(bot).send(outgoing())
    await bot.shutdown()
    assert failed.value.unsure
    assert 1.0 < time.monotonic() - start < 3


async def test_a_calls_own_read_timeout_is_honoured(telegram_that) -> None:  # type: ignore[no-untyped-def]
    async def silent(request: bytes, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(5)

    bot = bot_at(await telegram_that(silent), timeout=4.0)
    await bot.initialize()
    start = time.monotonic()
    with pytest.raises(TimedOut) as failed:
        await bot.send_message(chat_id=CHAT, text="Hello", read_timeout=0.2)
    await bot.shutdown()
    assert isinstance(failed.value.__cause__, TimeoutError)
    assert time.monotonic() - start < 1.5


async def test_no_free_connection_in_time_is_not_sent(telegram_that) -> None:  # type: ignore[no-untyped-def]
    taken: list[bytes] = []

    async def hang(request: bytes, writer: asyncio.StreamWriter) -> None:
        taken.append(request)
        await asyncio.sleep(5)

    request = AiohttpRequest(
        connection_pool_size=1, read_timeout=1.0, connect_timeout=0.2, pool_timeout=0.2
    )
    bot = Bot(telegram_fake.TOKEN, base_url=f"{await telegram_that(hang)}/bot", request=request)
    await bot.initialize()
    sender = TelegramSender(bot)
    # The first takes the one connection and hangs for its read timeout (1 s); the second
    # waits for a connection at most 0.2 s for the pool and 0.2 s to connect.
    first, second = await asyncio.gather(
        sender.send(outgoing("first")), sender.send(outgoing("second")), return_exceptions=True
    )
    await bot.shutdown()
    assert isinstance(first, SendFailed) and first.unsure
    assert isinstance(second, SendFailed) and not second.unsure
    assert "not sent" in str(second)
    assert len(taken) == 1


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_a_429_says_how_long_to_wait(telegram_that) -> None:  # type: ignore[no-untyped-def]
    async def busy(request: bytes, writer: asyncio.StreamWriter) -> None:
        body = {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 42",
            "parameters": {"retry_after": 42},
        }
        writer.write(answer(429, body))
        await writer.drain()

    bot = bot_at(await telegram_that(busy))
    with pytest.raises(SendFailed) as failed:
        await TelegramSender(bot).send(outgoing())
    await bot.shutdown()
    assert failed.value.retry_after == 42 and not failed.value.unsure


async def test_a_broken_answer_never_puts_the_token_in_the_error(telegram_that) -> None:  # type: ignore[no-untyped-def]
    async def garbage(request: bytes, writer: asyncio.StreamWriter) -> None:
        writer.write(b"NOT HTTP AT ALL\r\n\r\n")
        await writer.drain()

    bot = bot_at(await telegram_that(garbage))
    await bot.initialize()
    with pytest.raises(NetworkError) as failed:
        await bot.send_message(chat_id=CHAT, text="Hello")
    await bot.shutdown()
    assert "TEST-token" not in failed.value.message
    assert "TEST-token" in str(failed.value.__cause__)  # aiohttp's own text had it


async def test_files_are_refused_before_anything_is_sent(telegram_that) -> None:  # type: ignore[no-untyped-def]
    taken: list[bytes] = []

    async def record(request: bytes, writer: asyncio.StreamWriter) -> None:
        taken.append(request)

    bot = bot_at(await telegram_that(record))
    await bot.initialize()
    with pytest.raises(TelegramError, match="does not upload files"):
        await bot.send_document(chat_id=CHAT, document=b"a file")
    await bot.shutdown()
    assert taken == []
