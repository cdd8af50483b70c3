"""Builders for runner-level tests: services on a real database with recording senders."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.channels.recording import RecordingSender
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
