"""Removing what we should not keep: web chats that never consented and have gone quiet.

A web chat visitor who never said yes to consent, and has written nothing for a while, is
removed with everything stored about them, in the caller's transaction. Never removed:

- anyone who ever consented (asked their age: `FIRST_AFTER_CONSENT`), or is on another channel;
- anyone with a safety event or a request for an advisor: the message that raised it is
  evidence of a person at risk and of what we did (see `transcript.redact_inbound`), and the
  rest of their conversation is its context;
- anyone with an outcome or an exit survey.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, exists, select
from sqlmodel import Session, col

from flows.registration import BEFORE_CONSENT, FIRST_AFTER_CONSENT
from storage import journal
from storage.console_tables import ConsoleDraft
from storage.tables import (
    AdvisorRequest,
    ChannelAddress,
    ConversationRow,
    ExitSurvey,
    InboundKey,
    MessageRow,
    Nudge,
    OutcomeRow,
    Participant,
    SafetyEvent,
)

BATCH = 500  # people removed in one transaction at most


def remove_idle_unconsented(
    *, session: Session, channel: str, idle_since: datetime, limit: int = BATCH
) -> int:
    """Remove up to `limit` people who reach us only on `channel`, never consented, and have
    had no message in or out since `idle_since`; returns how many were removed.

    On PostgreSQL the people are locked first and checked again, so a message that arrives
    meanwhile either waits and then starts a new chat, or keeps its writer.
    """
    candidates = select(col(Participant.id)).where(*_removable(channel, idle_since))
    locked = list(
        session.execute(
            candidates.order_by(col(Participant.id))
            .limit(limit)
            .with_for_update(of=Participant.__table__, skip_locked=True)  # type: ignore[attr-defined]
        ).scalars()
    )
    if not locked:
        return 0
    ids: Sequence[int] = list(
        session.execute(candidates.where(col(Participant.id).in_(locked))).scalars()
    )
    if not ids:
        return 0
    their_keys = select(col(MessageRow.provider_id)).where(
        col(MessageRow.participant_id).in_(ids), col(MessageRow.provider_id).is_not(None)
    )
    session.execute(
        delete(InboundKey).where(
            col(InboundKey.channel) == channel, col(InboundKey.provider_id).in_(their_keys)
        )
    )
    addresses = select(col(ChannelAddress.address)).where(
        col(ChannelAddress.participant_id).in_(ids), col(ChannelAddress.channel) == channel
    )
    bind = session.get_bind()
    place = journal.inbox(bind if isinstance(bind, Engine) else bind.engine)
    if place.apart:  # a file of its own: their addresses, read here, are forgotten there
        listed = list(session.execute(addresses).scalars())
        with place.writer.begin() as connection:
            journal.forget(connection=connection, channel=channel, addresses=listed)
    else:
        journal.forget(connection=session.connection(), channel=channel, addresses=addresses)
    for table in (Nudge, MessageRow, ConversationRow, ChannelAddress, ConsoleDraft):
        session.execute(delete(table).where(col(table.participant_id).in_(ids)))
    session.execute(delete(Participant).where(col(Participant.id).in_(ids)))
    return len(ids)


def _removable(channel: str, idle_since: datetime) -> list[Any]:
    person = Participant.id

    def has(table: Any, *more: Any) -> Any:
        return exists().where(table.participant_id == person, *more)

    return [
        col(Participant.created_at) < idle_since,
        has(ChannelAddress, col(ChannelAddress.channel) == channel),
        ~has(ChannelAddress, col(ChannelAddress.channel) != channel),
        ~has(ConversationRow, col(ConversationRow.stage).not_in(list(BEFORE_CONSENT))),
        ~has(MessageRow, col(MessageRow.created_at) >= idle_since),
        ~has(
            MessageRow,
            col(MessageRow.direction) == "out",
            col(MessageRow.message_key) == FIRST_AFTER_CONSENT.key,
        ),
        ~has(SafetyEvent),
        ~has(AdvisorRequest),
        ~has(OutcomeRow),
        ~has(ExitSurvey),
    ]
