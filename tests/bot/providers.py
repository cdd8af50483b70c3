"""Fixtures: the real app with real Twilio and Telegram clients, talking to fakes on loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine
from twilio.request_validator import RequestValidator

from bot.app import create_app
from bot.services import Services, build_services
from bot.settings import Settings
from scheduler import ManualClock
from tests.fakes import telegram_fake, twilio_fake
from tests.fakes.loopback import serve

PUBLIC = "https://quitbot.example"
SECRET = "s3cret-Token_1"


@dataclass
class Provider:
    """The app under test, its services, and the fake provider it talks to."""

    client: httpx.AsyncClient
    services: Services
    twilio: twilio_fake.FakeTwilio
    telegram: telegram_fake.FakeTelegram

    async def sms(
        self, params: dict[str, str], *, signature: str | None = None, path: str = "sms"
    ) -> httpx.Response:
        url = f"{PUBLIC}/webhooks/twilio/{path}"
        if signature is None:
            signature = RequestValidator(twilio_fake.AUTH_TOKEN).compute_signature(url, params)
        return await self.client.post(
            f"/webhooks/twilio/{path}", data=params, headers={"X-Twilio-Signature": signature}
        )

    async def update(self, data: Any, *, secret: str | None = SECRET) -> httpx.Response:
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        return await self.client.post("/webhooks/telegram", json=data, headers=headers)

    async def flush(self) -> None:
        """What the background tasks do: the journal is applied, then the outbox is sent."""
        await self.services.ingress.drain()
        await self.services.dispatcher.flush()


@pytest.fixture
def fake_twilio() -> Iterator[tuple[twilio_fake.FakeTwilio, str]]:
    fake = twilio_fake.FakeTwilio()
    with serve(fake.app()) as base:
        yield fake, base


@pytest.fixture
def fake_telegram() -> Iterator[tuple[telegram_fake.FakeTelegram, str]]:
    fake = telegram_fake.FakeTelegram()
    with serve(fake.app()) as base:
        yield fake, base


@pytest.fixture
async def provider(
    engine: Engine,
    clock: ManualClock,
    fake_twilio: tuple[twilio_fake.FakeTwilio, str],
    fake_telegram: tuple[telegram_fake.FakeTelegram, str],
) -> AsyncIterator[Provider]:
    settings = Settings.from_env(
        {
            "QUITBOT_PUBLIC_URL": PUBLIC,
            "TWILIO_ACCOUNT_SID": twilio_fake.ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN": twilio_fake.AUTH_TOKEN,
            "TWILIO_FROM_NUMBER": twilio_fake.FROM_NUMBER,
            "QUITBOT_TWILIO_API_BASE": fake_twilio[1],
            "TELEGRAM_BOT_TOKEN": telegram_fake.TOKEN,
            "TELEGRAM_WEBHOOK_SECRET": SECRET,
            "QUITBOT_TELEGRAM_API_BASE": fake_telegram[1],
        },
        dotenv=None,
    )
    services = build_services(settings, engine=engine, clock=clock)
    await services.telegram.initialize()
    transport = httpx.ASGITransport(app=create_app(services))
    async with httpx.AsyncClient(transport=transport, base_url=PUBLIC) as client:
        yield Provider(client, services, fake_twilio[0], fake_telegram[0])
    for closer in services.closers:
        await closer.aclose()
    await services.telegram.shutdown()
