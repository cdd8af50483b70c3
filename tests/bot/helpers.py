"""Builders for runner-level tests: services on a real database with recording senders."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.channels.recording import RecordingSender
from bot.handover import Acting
from bot.services import Services, build_services
from bot.settings import Settings
from flows import Channel, Conversation
from scheduler import ManualClock
from storage import conversations, participants
from storage.tables import MessageRow


def services_for(
    engine: Engine, clock: ManualClock, **env: str
) -> tuple[Services, dict[str, RecordingSender]]:
    settings = Settings.from_env(
        {"QUITBOT_PUBLIC_URL": "https://quitbot.example", **env}, dotenv=None
    )
    senders = {c.value: RecordingSender() for c in Channel}
    return build_services(settings, engine=engine, clock=clock, senders=senders), senders


def messages(engine: Engine) -> list[MessageRow]:
    with Session(engine) as session:
        return list(session.exec(select(MessageRow).order_by(col(MessageRow.id))))


def conversation_of(engine: Engine, channel: Channel, address: str) -> tuple[Conversation, int]:
    with Session(engine) as session:
        pid = participants.find_by_address(session=session, channel=channel.value, address=address)
        assert pid is not None
        loaded = conversations.load(session=session, participant_id=pid)
        assert loaded is not None
        return loaded


WEBHOOK_SECRET = "s3cret-Token_1"


def every_route_services(engine: Engine, clock: ManualClock, **env: str) -> Services:
    """Services with every route on (SMS and Telegram too). Nothing is sent: the providers'
    APIs point at a closed port, and no dispatcher runs unless a test starts one."""
    from tests.fakes import telegram_fake, twilio_fake

    settings = Settings.from_env(
        {
            "QUITBOT_PUBLIC_URL": "https://quitbot.example",
            "TWILIO_ACCOUNT_SID": twilio_fake.ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN": twilio_fake.AUTH_TOKEN,
            "TWILIO_FROM_NUMBER": twilio_fake.FROM_NUMBER,
            "QUITBOT_TWILIO_API_BASE": "http://127.0.0.1:1",
            "TELEGRAM_BOT_TOKEN": telegram_fake.TOKEN,
            "TELEGRAM_WEBHOOK_SECRET": WEBHOOK_SECRET,
            "QUITBOT_TELEGRAM_API_BASE": "http://127.0.0.1:1",
            **env,
        },
        dotenv=None,
    )
    return build_services(settings, engine=engine, clock=clock)


def a_provider(
    engine: Engine,
    clock: ManualClock,
    name: str = "North Team",
    *,
    hours: str = "24/7",
    email: str | None = None,
    role: str = "advisor",
) -> Acting:
    """A provider (made if need be) with one advisor of it, as the console would act."""
    from storage import providers

    now = clock.now()
    with Session(engine) as session, session.begin():
        found = providers.by_name(session=session, name=name)
        provider_id = (
            found.id
            if found is not None and found.id is not None
            else providers.add_provider(
                session=session, name=name, hours=hours, timezone="Europe/London", now=now
            )
        )
        count = len(providers.list_advisors(session=session, provider_id=provider_id))
        address = email or f"advisor{count + 1}@{name.split()[0].lower()}.example"
        advisor_id = providers.add_advisor(
            session=session,
            provider_id=provider_id,
            email=address,
            role=role,
            password_hash="not-a-real-hash",
            now=now,
        )
    return Acting(advisor_id, provider_id, address, role)
