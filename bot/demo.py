"""The demo on the embedded default: on the first `quitbot serve` with SQLite (never on
PostgreSQL, never with QUITBOT_ENV=production), a demo provider and a demo advisor, so a
newcomer can take over a conversation in the console at once. The login is printed once."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.passwords import hash_password
from bot.settings import Settings
from scheduler import Clock
from storage import providers
from storage.tables import Advisor, Provider

DEMO_PROVIDER = "Demo stop smoking service"
DEMO_EMAIL = "demo.advisor@quitbot.example"
DEMO_HOURS = "24/7"  # so a person always "answers" in the demo


@dataclass(frozen=True, slots=True)
class DemoLogin:
    """The demo advisor's login, shown once."""

    email: str
    password: str


def demo_allowed(settings: Settings, engine: Engine) -> bool:
    """Only on the embedded SQLite default, never in production."""
    return engine.dialect.name == "sqlite" and not settings.production


def create_demo(settings: Settings, engine: Engine, clock: Clock) -> DemoLogin | None:
    """Make the demo provider and advisor on a database with no providers or advisors yet;
    returns the login (to print once), or None when there is nothing to do."""
    if not demo_allowed(settings, engine):
        return None
    with Session(engine) as session, session.begin():
        if session.exec(select(Provider.id)).first() or session.exec(select(Advisor.id)).first():
            return None
        now = clock.now()
        provider_id = providers.add_provider(
            session=session,
            name=DEMO_PROVIDER,
            hours=DEMO_HOURS,
            timezone=settings.timezone,
            now=now,
        )
        password = "-".join(secrets.token_hex(3) for _ in range(4))  # 27 characters
        providers.add_advisor(
            session=session,
            provider_id=provider_id,
            email=DEMO_EMAIL,
            role="lead",
            password_hash=hash_password(password),
            now=now,
        )
        providers.allocate_unallocated(session=session, allocation=settings.allocation)
    return DemoLogin(DEMO_EMAIL, password)
