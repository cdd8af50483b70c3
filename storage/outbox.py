"""The outbox: outbound transcript rows waiting to be sent, claimed with a lease.

A claimed row is `sending` until its lease runs out; if the process dies before the result is
recorded, the row is claimed again (at-least-once: a crash can mean one message twice, never
none). On PostgreSQL rows are claimed with FOR UPDATE SKIP LOCKED, so two dispatchers never
take the same row.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, update
from sqlmodel import Session, col, select

from storage import advisors, transcript
from storage.tables import MessageRow

QUEUED, SENDING, SENT, DELIVERED, FAILED, UNDELIVERED, WITHHELD = (
    "queued",
    "sending",
    "sent",
    "delivered",
    "failed",
    "undelivered",
    "withheld",  # a bot message not sent because an advisor held the conversation
)
LEASE = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A claimed message, ready for a channel's sender.

    `choices`: quick replies to show with it (a channel with buttons shows them); an empty
    tuple: take away the ones shown before; None: leave them as they are.
    """

    id: int
    participant_id: int
    channel: str
    address: str
    body: str
    attempts: int
    choices: tuple[str, ...] | None = None


def enqueue(
    *,
    session: Session,
    participant_id: int,
    channel: str,
    address: str,
    body: str,
    locale: str | None,
    sent_by: str,
    message_key: str | None,
    now: datetime,
    priority: int = 1,
    flush: bool = True,
    always_send: bool = False,
    advisor_id: int | None = None,
    client_key: str | None = None,
    choices: Sequence[str] = (),
    answered: bool | None = None,
) -> int | None:
    """Queue a message (part of the caller's transaction: sent only once that commits).

    `choices`: the question's quick-reply labels. A message without any, written in answer to
    something (`flush`: not a planned message), takes away buttons the person has answered
    since they were shown (a planned message leaves a question's buttons that still wait).

    A bot message is withheld if an advisor holds the conversation when it is claimed, unless
    `always_send` (STOP, START, safety). `advisor_id`: the advisor who wrote it; `client_key`:
    the key their form carried (unique per advisor: a second insert raises IntegrityError).

    Priority 0 (a reply to someone who just wrote) is sent ahead of 1 (planned messages).
    Priority reorders between people, never within one person's conversation: a reply brings
    that person's earlier waiting messages to the front with it.

    `answered`: the caller knows whether buttons shown are answered, and brings the person's
    queued messages forward itself, once for a whole group (see `bring_forward`).
    """
    if priority == 0 and answered is None:
        bring_forward(session=session, participant_ids=[participant_id])
    if choices:
        shown: str | None = json.dumps(list(choices), ensure_ascii=False)
    elif (
        answered if answered is not None else flush and _answered_buttons(session, participant_id)
    ):
        shown = "[]"
    else:
        shown = None
    return transcript.add(
        session=session,
        participant_id=participant_id,
        channel=channel,
        address=address,
        direction="out",
        body=body,
        sent_by=sent_by,
        message_key=message_key,
        locale=locale,
        status=QUEUED,
        next_attempt_at=now,
        priority=priority,
        now=now,
        flush=flush,
        always_send=always_send,
        advisor_id=advisor_id,
        client_key=client_key,
        choices=shown,
    )


def bring_forward(*, session: Session, participant_ids: Sequence[int]) -> None:
    """Planned messages still queued for these people go with the replies just queued for
    them (priority 0), so each person's messages leave in the order they were written."""
    if participant_ids:
        session.execute(
            update(MessageRow)
            .where(
                col(MessageRow.participant_id).in_(list(participant_ids)),
                col(MessageRow.direction) == "out",
                col(MessageRow.status) == QUEUED,
                col(MessageRow.priority) > 0,
            )
            .values(priority=0)
        )


def buttons_showing(*, session: Session, participant_ids: Sequence[int]) -> set[int]:
    """Those of `participant_ids` with buttons showing: the last word on them, in a message
    not withheld, was a list of choices (one statement for all of them)."""
    if not participant_ids:
        return set()
    latest = (
        select(func.max(MessageRow.id))
        .where(
            col(MessageRow.participant_id).in_(list(participant_ids)),
            col(MessageRow.direction) == "out",
            col(MessageRow.choices).is_not(None),
            col(MessageRow.status) != WITHHELD,
        )
        .group_by(col(MessageRow.participant_id))
    )
    rows = session.exec(
        select(MessageRow.participant_id, MessageRow.choices).where(col(MessageRow.id).in_(latest))
    )
    return {pid for pid, shown in rows if shown != "[]"}


def _answered_buttons(session: Session, participant_id: int) -> bool:
    """Buttons are showing (the last word on them, in a message not withheld, was a list) and
    the person has written since they were shown."""
    last = session.exec(
        select(MessageRow.id, MessageRow.choices)
        .where(
            col(MessageRow.participant_id) == participant_id,
            col(MessageRow.direction) == "out",
            col(MessageRow.choices).is_not(None),
            col(MessageRow.status) != WITHHELD,
        )
        .order_by(col(MessageRow.id).desc())
        .limit(1)
    ).first()
    if last is None or last[1] == "[]":
        return False
    since = session.exec(
        select(MessageRow.id)
        .where(
            col(MessageRow.participant_id) == participant_id,
            col(MessageRow.direction) == "in",
            col(MessageRow.id) > last[0],
        )
        .limit(1)
    ).first()
    return since is not None


def _choices(stored: str | None) -> tuple[str, ...] | None:
    if stored is None:
        return None
    labels = json.loads(stored)
    return tuple(str(label) for label in labels) if isinstance(labels, list) else None


def claim_due(*, session: Session, now: datetime, limit: int = 100) -> list[Outgoing]:
    """Take up to `limit` messages that are due (or whose lease ran out) and lease them."""
    query = (
        select(MessageRow)
        .where(
            col(MessageRow.direction) == "out",
            or_(col(MessageRow.status) == QUEUED, col(MessageRow.status) == SENDING),
            col(MessageRow.next_attempt_at) <= now,
        )
        .order_by(col(MessageRow.priority), col(MessageRow.next_attempt_at), col(MessageRow.id))
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    rows = list(session.exec(query))
    # The send gate: a bot message for a conversation an advisor now holds is withheld
    # (recorded, never sent late), re-checked here in the claim's own transaction.
    gated = {row.participant_id for row in rows if row.sent_by == "bot" and not row.always_send}
    held = advisors.held_among(session=session, participant_ids=gated)
    claimed = []
    for row in rows:
        if row.participant_id in held and row.sent_by == "bot" and not row.always_send:
            row.status, row.next_attempt_at, row.updated_at = WITHHELD, None, now
            session.add(row)
            continue
        row.status = SENDING
        row.attempts += 1
        row.next_attempt_at = now + LEASE
        row.updated_at = now
        session.add(row)
        assert row.id is not None
        claimed.append(
            Outgoing(
                row.id,
                row.participant_id,
                row.channel,
                row.address,
                row.body,
                row.attempts,
                _choices(row.choices),
            )
        )
    session.flush()
    return claimed


def mark_sent(
    *, session: Session, message_id: int, provider_id: str | None, now: datetime
) -> None:
    """The channel accepted the message."""
    _set(
        session,
        message_id,
        now,
        status=SENT,
        provider_id=provider_id,
        next_attempt_at=None,
        error=None,
    )


def mark_sent_many(*, session: Session, sent: list[tuple[int, str | None]], now: datetime) -> None:
    """Many messages accepted by their channels: (message id, provider id) pairs."""
    if sent:
        session.execute(
            update(MessageRow),
            [
                {
                    "id": message_id,
                    "status": SENT,
                    "provider_id": provider_id,
                    "next_attempt_at": None,
                    "error": None,
                    "updated_at": now,
                }
                for message_id, provider_id in sent
            ],
        )


def retry_later(
    *, session: Session, message_id: int, error: str, at: datetime, now: datetime
) -> None:
    """Sending failed for now; try again at `at`."""
    _set(session, message_id, now, status=QUEUED, error=error[:500], next_attempt_at=at)


def mark_failed(*, session: Session, message_id: int, error: str, now: datetime) -> None:
    """Sending failed for good."""
    _set(session, message_id, now, status=FAILED, error=error[:500], next_attempt_at=None)


def _set(session: Session, message_id: int, now: datetime, **values: object) -> None:
    session.execute(
        update(MessageRow)
        .where(col(MessageRow.id) == message_id)
        .values(updated_at=now, **values)
        .execution_options(synchronize_session=False)
    )


_RANK = {QUEUED: 0, SENDING: 1, SENT: 2, DELIVERED: 3, UNDELIVERED: 3, FAILED: 3, WITHHELD: 3}


def record_delivery(
    *, session: Session, provider_id: str, status: str, error: str | None, now: datetime
) -> MessageRow | None:
    """A delivery report from the channel; never moves a message backwards (reports arrive out
    of order). Returns the message, or None if the id is not ours."""
    row = session.exec(
        select(MessageRow).where(
            col(MessageRow.provider_id) == provider_id, col(MessageRow.direction) == "out"
        )
    ).first()
    if row is None:
        return None
    if _RANK.get(status, 0) >= _RANK.get(row.status, 0) and status != row.status:
        row.status = status
        row.error = error or row.error
        row.updated_at = now
        session.add(row)
        session.flush()
    return row


def waiting(*, session: Session) -> int:
    """How many messages wait to be sent (queued or being sent): for the health check."""
    return session.exec(
        select(func.count())
        .select_from(MessageRow)
        .where(
            col(MessageRow.direction) == "out",
            or_(col(MessageRow.status) == QUEUED, col(MessageRow.status) == SENDING),
        )
    ).one()
