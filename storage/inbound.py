"""Inbound de-duplication: each provider id (MessageSid, update_id) is taken once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from storage.tables import InboundKey


def remember(*, session: Session, channel: str, provider_id: str, now: datetime) -> bool:
    """Record `provider_id`; False if it was already taken (a retried webhook).

    Runs in a savepoint so a duplicate does not spoil the surrounding transaction.
    """
    exists = session.exec(
        select(InboundKey.id).where(
            InboundKey.channel == channel, InboundKey.provider_id == provider_id
        )
    ).first()
    if exists is not None:
        return False
    try:
        with session.begin_nested():
            session.add(InboundKey(channel=channel, provider_id=provider_id, received_at=now))
    except IntegrityError:
        return False
    return True
