"""Wake-ups as rows: scheduled in the runner's transaction, claimed by the ticker with a lease.

On PostgreSQL rows are claimed with FOR UPDATE SKIP LOCKED, so two tickers never take the same
wake-up; a claim whose process died is taken again once its lease has run out.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, bindparam, or_, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from storage.statements import json_insert, json_rows
from storage.tables import Nudge

PENDING, FIRING, FIRED, DROPPED, CANCELLED = "pending", "firing", "fired", "dropped", "cancelled"
LEASE = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class DueNudge:
    """A claimed wake-up, ready to feed to the runner."""

    id: int
    participant_id: int
    kind: str
    day: int
    plan: int
    due_at: datetime


def schedule(
    *,
    session: Session,
    participant_id: int,
    kind: str,
    day: int,
    plan: int,
    due_at: datetime,
    now: datetime,
) -> int:
    """Add one pending wake-up."""
    nudge = Nudge(
        participant_id=participant_id,
        kind=kind,
        day=day,
        plan=plan,
        due_at=due_at,
        created_at=now,
        updated_at=now,
    )
    session.add(nudge)
    session.flush()
    assert nudge.id is not None
    return nudge.id


def schedule_many(
    *,
    session: Session,
    participant_id: int,
    plan: int,
    wakes: list[tuple[str, int, datetime]],
    now: datetime,
) -> None:
    """Add pending wake-ups, (kind, programme day, due time) each, in one statement built once
    (a whole programme is some 50 rows: the ORM's bulk insert of them cost more than the
    database did; on PostgreSQL they go as one JSON text)."""
    if not wakes:
        return
    rows = [
        {
            "participant_id": participant_id,
            "kind": kind,
            "day": day,
            "plan": plan,
            "due_at": due_at,
            "status": PENDING,
            "created_at": now,
            "updated_at": now,
        }
        for kind, day, due_at in wakes
    ]
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(_schedule_pg(), {"rows": json_rows(rows)})
    else:
        connection.execute(_NUDGES.insert(), rows)


_NUDGES = Nudge.__table__  # type: ignore[attr-defined]
_WAKE_COLUMNS = (
    "participant_id",
    "kind",
    "day",
    "plan",
    "due_at",
    "status",
    "created_at",
    "updated_at",
)


@functools.cache
def _schedule_pg() -> Any:
    return json_insert(_NUDGES, _WAKE_COLUMNS)


def cancel_pending(*, session: Session, participant_id: int, now: datetime) -> None:
    """Cancel every wake-up still waiting for this participant."""
    session.execute(
        update(Nudge)
        .where(col(Nudge.participant_id) == participant_id, col(Nudge.status) == PENDING)
        .values(status=CANCELLED, updated_at=now)
    )


def claim_due(*, session: Session, now: datetime, limit: int = 500) -> list[DueNudge]:
    """Lease up to `limit` wake-ups that are due (or whose lease ran out), oldest first."""
    query = (
        select(Nudge)
        .where(
            or_(
                (col(Nudge.status) == PENDING) & (col(Nudge.due_at) <= now),
                (col(Nudge.status) == FIRING) & (col(Nudge.updated_at) <= now - LEASE),
            )
        )
        .order_by(col(Nudge.due_at), col(Nudge.id))
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    claimed = []
    for nudge in session.exec(query):
        nudge.status = FIRING
        nudge.updated_at = now
        session.add(nudge)
        assert nudge.id is not None
        claimed.append(
            DueNudge(
                nudge.id, nudge.participant_id, nudge.kind, nudge.day, nudge.plan, nudge.due_at
            )
        )
    session.flush()
    return claimed


def fired_since(
    *, session: Session, participant_id: int, since: datetime
) -> list[tuple[str, int, datetime]]:
    """(kind, programme day, due time) of this participant's wake-ups fired since `since`."""
    rows = session.exec(
        select(Nudge.kind, Nudge.day, Nudge.due_at).where(
            col(Nudge.participant_id) == participant_id,
            col(Nudge.status) == FIRED,
            col(Nudge.due_at) >= since,
        )
    )
    return [(kind, day, due_at) for kind, day, due_at in rows]


def settle_many(*, session: Session, nudge_ids: list[int], status: str, now: datetime) -> None:
    """Record what became of claimed wake-ups (fired or dropped)."""
    if nudge_ids:
        session.execute(
            update(Nudge)
            .where(col(Nudge.id).in_(nudge_ids))
            .values(status=status, updated_at=now)
            .execution_options(synchronize_session=False)
        )


def next_due(*, session: Session, participant_id: int) -> datetime | None:
    """When a participant's soonest pending wake-up is due (NEXT), or None: one statement,
    built once (an ORM query built for each NEXT cost a tenth of the worker's time when
    everyone was asking)."""
    return session.connection().execute(_next_due(), {"pid": participant_id}).scalar()


@functools.cache
def _next_due() -> Select[Any]:
    c = Nudge.__table__.c  # type: ignore[attr-defined]
    return (
        sa_select(c.due_at)
        .where(c.participant_id == bindparam("pid"), c.status == PENDING)
        .order_by(c.due_at)
        .limit(1)
    )


def upcoming(*, session: Session, participant_id: int, limit: int = 20) -> list[Nudge]:
    """A participant's pending wake-ups, soonest first (for NEXT and the console)."""
    return list(
        session.exec(
            select(Nudge)
            .where(col(Nudge.participant_id) == participant_id, col(Nudge.status) == PENDING)
            .order_by(col(Nudge.due_at))
            .limit(limit)
        )
    )
