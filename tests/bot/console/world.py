"""Two providers, their advisors and participants, and a browser-like client for the console."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.app import create_app
from bot.channels.base import InboundMessage
from bot.console import StreamTiming
from bot.passwords import hash_password
from bot.services import Services
from flows import Channel
from scheduler import ManualClock
from storage.console_tables import AuditEntry, ConsoleSession
from storage.tables import Advisor, Participant, Provider
from tests.bot.helpers import services_for

PUBLIC = "https://quitbot.example"
PASSWORD = "a long passphrase for tests"
HX = {"hx-request": "true", "origin": PUBLIC}
FAST = StreamTiming(poll_seconds=0.02, lifetime_seconds=0.3, refresh_seconds=60)


@dataclass
class World:
    """Provider "North" (advisor, lead; participants north1, north2) and provider "South"
    (advisor; participant south1)."""

    engine: Engine
    clock: ManualClock
    services: Services
    ids: dict[str, int] = field(default_factory=dict)

    def client(self, timing: StreamTiming = FAST, *, address: str = "10.0.0.1") -> Browser:
        app = create_app(self.services, console_timing=timing)
        transport = httpx.ASGITransport(app=app, client=(address, 51000))
        return Browser(httpx.AsyncClient(transport=transport, base_url=PUBLIC), self)

    def texts(self, address: str, text: str) -> None:
        """A participant on the web chat at `address` texts quitbot."""
        self.services.runner.receive_now(
            InboundMessage(channel=Channel.WEB, address=address, text=text)
        )

    def audit(self, action: str | None = None) -> list[AuditEntry]:
        with Session(self.engine) as session:
            query = select(AuditEntry).order_by(col(AuditEntry.id))
            if action is not None:
                query = query.where(col(AuditEntry.action) == action)
            return list(session.exec(query))

    def sessions(self, who: str) -> list[ConsoleSession]:
        with Session(self.engine) as session:
            return list(
                session.exec(
                    select(ConsoleSession)
                    .where(col(ConsoleSession.advisor_id) == self.ids[who])
                    .order_by(col(ConsoleSession.id))
                )
            )


class Browser:
    """An advisor's browser: keeps cookies, finds the CSRF token on the last page."""

    def __init__(self, http: httpx.AsyncClient, world: World) -> None:
        self.http = http
        self.world = world
        self.csrf = ""

    async def get(self, path: str, **kwargs: object) -> httpx.Response:
        response = await self.http.get(path, **kwargs)  # type: ignore[arg-type]
        found = re.search(r'name="csrf" value="([^"]+)"', response.text)
        if found:
            self.csrf = found.group(1)
        return response

    async def post(
        self, path: str, data: dict[str, str] | None = None, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        form = {"csrf": self.csrf, **(data or {})}
        return await self.http.post(path, data=form, headers=HX if headers is None else headers)

    async def login(self, email: str, password: str = PASSWORD) -> httpx.Response:
        await self.get("/console/login")
        return await self.post("/console/login", {"email": email, "password": password})

    async def signed_in_as(self, email: str) -> Browser:
        response = await self.login(email)
        assert response.status_code == 204, response.text
        await self.get("/console/")
        return self

    async def aclose(self) -> None:
        await self.http.aclose()


def build_world(engine: Engine, clock: ManualClock) -> World:
    services, _ = services_for(engine, clock, QUITBOT_SECRET_KEY="test-secret-key")
    world = World(engine, clock, services)
    hashed = hash_password(PASSWORD)
    with Session(engine) as session:
        for name in ("North", "South"):
            provider = Provider(name=name, created_at=clock.now())
            session.add(provider)
            session.flush()
            assert provider.id is not None
            world.ids[name] = provider.id
        for key, email, provider_name, role in [
            ("north_advisor", "ann@north.nhs.uk", "North", "advisor"),
            ("north_lead", "lee@north.nhs.uk", "North", "lead"),
            ("south_advisor", "sam@south.nhs.uk", "South", "advisor"),
        ]:
            advisor = Advisor(
                provider_id=world.ids[provider_name],
                email=email,
                role=role,
                password_hash=hashed,
                created_at=clock.now(),
            )
            session.add(advisor)
            session.flush()
            assert advisor.id is not None
            world.ids[key] = advisor.id
        session.commit()
    # north1 asks for a person; ten minutes later south1 does; then north2 is in crisis.
    world.texts("north1", "ADVISOR")
    clock.advance(timedelta(minutes=10))
    world.texts("south1", "ADVISOR")
    clock.advance(timedelta(minutes=5))
    world.texts("north2", "I want to kill myself")
    with Session(engine) as session:
        for address, provider_name in [
            ("north1", "North"),
            ("south1", "South"),
            ("north2", "North"),
        ]:
            from storage import participants

            pid = participants.find_by_address(session=session, channel="web", address=address)
            assert pid is not None
            participant = session.get(Participant, pid)
            assert participant is not None
            participant.provider_id = world.ids[provider_name]
            session.add(participant)
            world.ids[address] = pid
        session.commit()
    return world


@pytest.fixture
def world(engine: Engine, clock: ManualClock) -> World:
    return build_world(engine, clock)


@pytest.fixture
async def ann(world: World) -> AsyncIterator[Browser]:
    """North's advisor, signed in."""
    browser = await world.client().signed_in_as("ann@north.nhs.uk")
    yield browser
    await browser.aclose()


@pytest.fixture
async def sam(world: World) -> AsyncIterator[Browser]:
    """South's advisor, signed in."""
    browser = await world.client(address="10.0.0.2").signed_in_as("sam@south.nhs.uk")
    yield browser
    await browser.aclose()


@pytest.fixture
async def lee(world: World) -> AsyncIterator[Browser]:
    """North's lead, signed in."""
    browser = await world.client(address="10.0.0.3").signed_in_as("lee@north.nhs.uk")
    yield browser
    await browser.aclose()


def events(body: str) -> list[tuple[str, str]]:
    """(event, data) pairs from a text/event-stream body."""
    found = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].removeprefix(" "))
        if data or name != "message":
            found.append((name, "\n".join(data)))
    return found
