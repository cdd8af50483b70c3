"""The console world with a ledger: both providers have a tariff and a December of milestones,
North has a lead (Lee) and South a lead (Sue), and there is a commissioner (Cara).

North's December: five people quit at four weeks with a CO reading of 3 ppm each, all taken by
Ann within 20 minutes (two flags; the reading is each one's first contact too: engaged), and one
of them is also claimed by South (a third flag).
South's December: two people quit at four weeks, with readings of 4 and 6 ppm. The clock is
moved to 4 January 2027, so December can be claimed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.passwords import hash_password
from scheduler import ManualClock
from storage import ledger
from storage.ledger_tables import Commissioner, LedgerEntry
from storage.tables import Advisor
from tests.bot.console.world import PASSWORD, Browser, World, build_world
from tests.storage import ledger_world as w

JANUARY = datetime(2027, 1, 4, 9, tzinfo=UTC)
MONTH = "2026-12"


@dataclass
class LedgerWorld:
    world: World
    north_people: list[int]
    south_people: list[int]
    shared: str  # the pseudonym both providers claim

    @property
    def ids(self) -> dict[str, int]:
        return self.world.ids

    def pseudonyms(self, provider: str) -> set[str]:
        with Session(self.world.engine) as session:
            return set(
                session.exec(
                    select(LedgerEntry.pseudonym).where(
                        col(LedgerEntry.provider_id) == self.ids[provider]
                    )
                )
            )

    async def commissioner(self, email: str = "cara@icb.nhs.uk") -> Browser:
        """A commissioner's browser, signed in."""
        browser = self.world.client(address="10.0.0.9")
        await browser.get("/console/commissioner/login")
        response = await browser.post(
            "/console/commissioner/login", {"email": email, "password": PASSWORD}
        )
        assert response.status_code == 204, response.text
        assert response.headers["hx-redirect"] == "/console/commissioner/"
        await browser.get("/console/commissioner/")
        return browser


def build_ledger_world(engine: Engine, clock: ManualClock) -> LedgerWorld:
    world = build_world(engine, clock)
    hashed = hash_password(PASSWORD)
    north, south = world.ids["North"], world.ids["South"]
    with Session(engine) as session:
        sue = Advisor(
            provider_id=south,
            email="sue@south.nhs.uk",
            role="lead",
            password_hash=hashed,
            created_at=clock.now(),
        )
        session.add(sue)
        session.add(
            Commissioner(email="cara@icb.nhs.uk", password_hash=hashed, created_at=clock.now())
        )
        session.flush()
        assert sue.id is not None
        world.ids["south_lead"] = sue.id
        for provider_id in (north, south):
            ledger.add_tariff(
                session=session, provider_id=provider_id, source=w.TARIFF, now=w.noon(-30)
            )
        north_people = []
        for n in range(5):
            person = w.person(session, north)
            w.outcome(session, person, 28)
            w.reading(
                session,
                person,
                world.ids["north_advisor"],
                29,
                3,
                at=w.noon(29) + timedelta(minutes=5 * n),
            )
            north_people.append(person)
        south_people = []
        for ppm in (4, 6):
            person = w.person(session, south)
            w.outcome(session, person, 28)
            w.reading(session, person, world.ids["south_advisor"], 29, ppm)
            south_people.append(person)
        ledger.derive(session=session, now=w.noon(30))  # recorded on 31 December
        # South claims one of North's people too (an engagement of their own, as if in an
        # attempt of theirs: North's reading engaged the person's first attempt).
        shared = ledger.pseudonym(ledger.pseudonym_key(session=session), north_people[0])
        session.add(
            LedgerEntry(
                pseudonym=shared,
                provider_id=south,
                attempt=2,
                milestone="engaged",
                reached_at=w.noon(20),
                recorded_at=w.noon(20),
                definition="test",
            )
        )
        session.commit()
    clock.advance(JANUARY - clock.now())
    return LedgerWorld(world, north_people, south_people, shared)


@pytest.fixture
def books(engine: Engine, clock: ManualClock) -> LedgerWorld:
    return build_ledger_world(engine, clock)


@pytest.fixture
async def lead(books: LedgerWorld) -> AsyncIterator[Browser]:
    """North's lead, signed in (after the clock moved on)."""
    browser = await books.world.client(address="10.0.0.3").signed_in_as("lee@north.nhs.uk")
    yield browser
    await browser.aclose()


@pytest.fixture
async def south_lead(books: LedgerWorld) -> AsyncIterator[Browser]:
    """South's lead, signed in."""
    browser = await books.world.client(address="10.0.0.4").signed_in_as("sue@south.nhs.uk")
    yield browser
    await browser.aclose()


@pytest.fixture
async def advisor(books: LedgerWorld) -> AsyncIterator[Browser]:
    """North's plain advisor, signed in."""
    browser = await books.world.client().signed_in_as("ann@north.nhs.uk")
    yield browser
    await browser.aclose()


@pytest.fixture
async def cara(books: LedgerWorld) -> AsyncIterator[Browser]:
    """The commissioner, signed in."""
    browser = await books.commissioner()
    yield browser
    await browser.aclose()
