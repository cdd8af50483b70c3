"""Participants and the channel addresses they reach us from."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from storage.tables import ChannelAddress, Participant


def find_by_address(*, session: Session, channel: str, address: str) -> int | None:
    """The participant who uses `address` on `channel`, if any."""
    found = session.exec(
        select(ChannelAddress.participant_id).where(
            ChannelAddress.channel == channel, ChannelAddress.address == address
        )
    ).first()
    return found


def create(*, session: Session, channel: str, address: str, now: datetime) -> int:
    """A new participant reachable at `address` (flushed, not committed)."""
    participant = Participant(created_at=now)
    session.add(participant)
    session.flush()
    assert participant.id is not None
    session.add(
        ChannelAddress(
            participant_id=participant.id, channel=channel, address=address, created_at=now
        )
    )
    session.flush()
    return participant.id


def channels_of(*, session: Session, participant_id: int) -> tuple[str, ...]:
    """The channels a participant reaches us on (LINK joins more), oldest first, each once."""
    rows = session.exec(
        select(ChannelAddress.channel)
        .where(col(ChannelAddress.participant_id) == participant_id)
        .order_by(col(ChannelAddress.id))
    ).all()
    return tuple(dict.fromkeys(rows))
