"""Loading and saving conversation state, with optimistic concurrency."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, Text, Update, bindparam, update
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from flows import Conversation, conversation_from_dict, conversation_to_dict
from storage.statements import json_recordset, json_rows, one_of
from storage.tables import ChannelAddress, ConversationRow


class StaleConversation(Exception):
    """Someone else saved this conversation since we loaded it; load again and retry."""


def load(*, session: Session, participant_id: int) -> tuple[Conversation, int] | None:
    """The conversation and its version, or None for a participant with none yet."""
    row = session.get(ConversationRow, participant_id)
    if row is None:
        return None
    return conversation_from_dict(row.state), row.version


def insert(
    *, session: Session, participant_id: int, conversation: Conversation, now: datetime
) -> int:
    """Store a participant's first conversation state; returns its version (1)."""
    session.add(
        ConversationRow(
            participant_id=participant_id,
            stage=conversation.stage.value,
            locale=conversation.locale,
            opted_out=conversation.opted_out,
            state=conversation_to_dict(conversation),
            version=1,
            updated_at=now,
        )
    )
    session.flush()
    return 1


def save(
    *,
    session: Session,
    participant_id: int,
    conversation: Conversation,
    expected_version: int,
    now: datetime,
) -> int:
    """Save over `expected_version`; returns the new version or raises StaleConversation."""
    save_many(session=session, saves=[(participant_id, conversation, expected_version)], now=now)
    return expected_version + 1


def load_many(
    *, session: Session, participant_ids: Iterable[int]
) -> dict[int, tuple[Conversation, int]]:
    """`load` for many participants at once (those with no conversation are left out)."""
    ids = list(participant_ids)
    if not ids:
        return {}
    rows = session.exec(
        select(ConversationRow).where(col(ConversationRow.participant_id).in_(ids))
    )
    return {row.participant_id: (conversation_from_dict(row.state), row.version) for row in rows}


def load_by_addresses(
    *, session: Session, addresses: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], tuple[int, tuple[Conversation, int] | None]]:
    """Who writes from each (channel, address), with their conversation and its version, in one
    round trip (None for a participant with no conversation yet; unknown addresses are left
    out). The JSON state is read once, straight into the conversation."""
    wanted = set(addresses)
    if not wanted:
        return {}
    postgres = session.get_bind().dialect.name == "postgresql"
    rows = session.connection().execute(
        _load_by_addresses(postgres),
        {
            "channels": sorted({channel for channel, _ in wanted}),
            "addresses": sorted({address for _, address in wanted}),
        },
    )
    found: dict[tuple[str, str], tuple[int, tuple[Conversation, int] | None]] = {}
    for channel, address, participant_id, state, version in rows:
        if (channel, address) in wanted:
            loaded = None if state is None else (conversation_from_dict(state), version)
            found[(channel, address)] = (participant_id, loaded)
    return found


@functools.cache
def _load_by_addresses(postgres: bool) -> Any:
    """`load_by_addresses`' statement, built once: channels and addresses given as lists."""
    place = ChannelAddress.__table__.c  # type: ignore[attr-defined]
    held = ConversationRow.__table__.c  # type: ignore[attr-defined]
    return (
        core_select(place.channel, place.address, place.participant_id, held.state, held.version)
        .select_from(
            ChannelAddress.__table__.outerjoin(  # type: ignore[attr-defined]
                ConversationRow.__table__,  # type: ignore[attr-defined]
                held.participant_id == place.participant_id,
            )
        )
        .where(
            one_of(place.channel, "channels", postgres=postgres, item=Text),
            one_of(place.address, "addresses", postgres=postgres, item=Text),
        )
    )


def save_many(
    *, session: Session, saves: list[tuple[int, Conversation, int]], now: datetime
) -> None:
    """`save` for many conversations in one statement: (participant, conversation, expected
    version) each. Raises StaleConversation, saving nothing, if any of them had moved on."""
    if not saves:
        return
    connection = session.connection()
    rows = [
        {
            "pid": participant_id,
            "expected": expected,
            "new_stage": conversation.stage.value,
            "new_locale": conversation.locale,
            "new_opted_out": conversation.opted_out,
            "new_state": conversation_to_dict(conversation),
        }
        for participant_id, conversation, expected in saves
    ]
    if connection.dialect.name == "postgresql":
        # One statement whatever their number: the rows as one JSON text (an UPDATE a row,
        # pipelined, cost the driver more than the database did).
        result = connection.execute(_save_many_pg(), {"saves": json_rows(rows), "saved_at": now})
    else:
        result = connection.execute(
            _save_many_sqlite(), [{**row, "saved_at": now} for row in rows]
        )
    if result.rowcount != len(rows):
        raise StaleConversation([participant_id for participant_id, _, _ in saves])


@functools.cache
def _save_many_pg() -> Update:
    table = ConversationRow.__table__  # type: ignore[attr-defined]
    c = table.c
    saved = json_recordset(
        "saves",
        [
            ("pid", Integer()),
            ("expected", Integer()),
            ("new_stage", c.stage.type),
            ("new_locale", c.locale.type),
            ("new_opted_out", c.opted_out.type),
            ("new_state", JSON()),
        ],
        name="saved",
    )
    return (
        update(table)
        .where(c.participant_id == saved.c.pid, c.version == saved.c.expected)
        .values(
            stage=saved.c.new_stage,
            locale=saved.c.new_locale,
            opted_out=saved.c.new_opted_out,
            state=saved.c.new_state,
            version=c.version + 1,
            updated_at=bindparam("saved_at", type_=c.updated_at.type),
        )
    )


@functools.cache
def _save_many_sqlite() -> Update:
    table = ConversationRow.__table__  # type: ignore[attr-defined]
    c = table.c
    return (
        update(table)
        .where(c.participant_id == bindparam("pid"), c.version == bindparam("expected"))
        .values(
            stage=bindparam("new_stage"),
            locale=bindparam("new_locale"),
            opted_out=bindparam("new_opted_out"),
            state=bindparam("new_state", type_=c.state.type),
            version=c.version + 1,
            updated_at=bindparam("saved_at", type_=c.updated_at.type),
        )
    )
