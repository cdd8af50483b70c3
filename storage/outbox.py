"""The outbox: outbound transcript rows waiting to be sent, claimed with a lease.

Send once: a claimed row is `sending` (committed before the provider is called) until its
result is recorded. A send whose outcome is unknown (the provider took the request but its
answer never came, or the process died: the lease ran out) is "maybe sent" (`unsure`): before
it goes again the dispatcher asks the provider whether it arrived, where the provider can say
(see bot/dispatcher.py). On PostgreSQL rows are claimed with FOR UPDATE SKIP LOCKED, so two
dispatchers never take the same row.

In order: a person's message is claimed only when nothing earlier of theirs is unsent (in
flight, maybe sent, due, or waiting for a retry), whichever server holds it; the messages
behind a claimed one come with it, to be sent one after another. The claim walks an index in
its own order (channel, priority, due time, id), so its cost grows with the batch it takes, not
with the queue behind it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    Row,
    Select,
    Update,
    and_,
    bindparam,
    case,
    column,
    exists,
    func,
    literal_column,
    or_,
    true,
    update,
)
from sqlalchemy import select as sa_select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Session, col, select

from storage import advisors, transcript
from storage.statements import one_of
from storage.tables import MessageRow

QUEUED, SENDING, SENT, DELIVERED, FAILED, UNDELIVERED, WITHHELD, UNSURE, DROPPED = (
    "queued",
    "sending",
    "sent",
    "delivered",
    "failed",
    "undelivered",
    "withheld",  # a bot message not sent because an advisor held the conversation
    "unsure",  # maybe sent: the provider may have it; checked before it goes again
    "dropped",  # a planned message too late, or one that would now wake the person
)
UNSENT = (QUEUED, SENDING, UNSURE)
# How long a claim holds its messages. The sending dispatcher renews it every LEASE / 3 while
# any of them is still going out (a provider that hangs holds them as long as it hangs), so a
# claim that runs out means its dispatcher died: its messages are "maybe sent" and checked by
# the next, a minute after the crash at most, not five.
LEASE = timedelta(minutes=1)


def _status_in(column: Any, *statuses: str) -> ColumnElement[bool]:
    """`column` is one of `statuses`, written into the SQL as literals: SQLite uses a partial
    index (ix_message_queue, _inflight, _unsent) only when the query names the index's own
    values, and a bound parameter hides them (it scanned the whole table)."""
    values: list[ColumnElement[Any]] = [literal_column(f"'{status}'") for status in statuses]
    found: ColumnElement[bool] = column == values[0] if len(values) == 1 else column.in_(values)
    return found


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A claimed message, ready for a channel's sender.

    `choices`: quick replies to show with it (a channel with buttons shows them); an empty
    tuple: take away the ones shown before; None: leave them as they are.
    `planned_at`: a planned message's due time (None for a reply).
    `maybe_sent_since`: set when an earlier try may have reached the provider (a timeout, or a
    process that died mid-send): when it was first queued, to look it up from there.
    """

    id: int
    participant_id: int
    channel: str
    address: str
    body: str
    attempts: int
    choices: tuple[str, ...] | None = None
    planned_at: datetime | None = None
    maybe_sent_since: datetime | None = None
    created_at: datetime | None = None


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
    planned_at: datetime | None = None,
) -> int | None:
    """Queue a message (part of the caller's transaction: sent only once that commits).

    `choices`: the question's quick-reply labels. A message without any, written in answer to
    something (`flush`: not a planned message), takes away buttons the person has answered
    since they were shown (a planned message leaves a question's buttons that still wait).

    A bot message is withheld if an advisor holds the conversation when it is claimed, unless
    `always_send` (STOP, START, safety). `advisor_id`: the advisor who wrote it; `client_key`:
    the key their form carried (unique per advisor: a second insert raises IntegrityError).

    Priority 0 (a reply to someone who just wrote) is sent ahead of 1 (planned messages).
    Priority reorders between people, never within one person's conversation: the claim takes
    a person's messages in the order they were written (see `claim_due`).
    `answered`: the caller knows whether buttons shown are answered (one look for a whole
    group of inbound messages). `planned_at`: a planned message's due time, checked again if
    it is sent late.
    """
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
        planned_at=planned_at,
    )


def buttons_showing(*, session: Session, participant_ids: Sequence[int]) -> set[int]:
    """Those of `participant_ids` with buttons showing: the last word on them, in a message
    not withheld, was a list of choices (one statement for all of them, built once)."""
    if not participant_ids:
        return set()
    postgres = session.get_bind().dialect.name == "postgresql"
    rows = session.connection().execute(
        _buttons_showing_statement(postgres), {"people": list(participant_ids)}
    )
    return {pid for pid, shown in rows if shown != "[]"}


@functools.cache
def _buttons_showing_statement(postgres: bool) -> Any:
    m = MessageRow.__table__.c  # type: ignore[attr-defined]
    showing = (m.direction == "out", m.choices.is_not(None), m.status != WITHHELD)
    if not postgres:
        latest = (
            sa_select(func.max(m.id))
            .where(one_of(m.participant_id, "people", postgres=False), *showing)
            .group_by(m.participant_id)
        )
        return sa_select(m.participant_id, m.choices).where(m.id.in_(latest))
    # PostgreSQL: each person's last list of choices, found by walking ix_message_participant
    # back from their newest message (a LATERAL ... LIMIT 1 for each), whatever the planner's
    # statistics say (the IN form read the whole table when they were stale).
    people = (
        func.unnest(bindparam("people", type_=ARRAY(Integer)))
        .table_valued("pid")
        .render_derived(name="person")
    )
    last = (
        sa_select(m.choices)
        .where(m.participant_id == people.c.pid, *showing)
        .order_by(m.id.desc())
        .limit(1)
        .lateral("last_choices")
    )
    return sa_select(people.c.pid, last.c.choices).join_from(people, last, true())


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


def anything_due(*, connection: Any, now: datetime, channel: str) -> bool:
    """Whether `claim_due` could find anything on `channel` now: a look through the claim's
    own indexes (a few rows at most), for a reader that must not take the write lock first."""
    values = {"channel": channel, "now": now}
    return any(connection.execute(look, values).first() is not None for look in _looks())


def claim_due(
    *, session: Session, now: datetime, channel: str, limit: int = 100
) -> list[Outgoing]:
    """Take due messages on `channel` and lease them, in order for each person.

    First what may already have gone (maybe sent, or a lease that ran out), then the heads of
    people's queues (replies before planned messages, each by due time): a head is a due
    message with nothing earlier of that person's unsent. With each head come the person's
    messages queued behind it on the same channel, to be sent one after another.

    Its statements are built once (_claim_statements): building them for each claim cost more
    than running them.
    """
    connection = session.connection()
    claim = _claim_statements(connection.dialect.name == "postgresql")
    values: dict[str, Any] = {"channel": channel, "now": now, "limit": limit}
    rows = list(connection.execute(claim.recovered, values))
    for heads in claim.heads:  # replies, then planned messages
        if len(rows) < limit:
            rows += connection.execute(heads, {**values, "limit": limit - len(rows)})
    if not rows:
        return []
    rows = _with_followers(connection, claim, now, channel, rows)
    # The send gate: a bot message for a conversation an advisor now holds is withheld
    # (recorded, never sent late), re-checked here in the claim's own transaction.
    gated = {row.participant_id for row in rows if row.sent_by == "bot" and not row.always_send}
    held = advisors.held_among(session=session, participant_ids=gated)
    withheld = {
        row.id
        for row in rows
        if row.participant_id in held and row.sent_by == "bot" and not row.always_send
    }
    if withheld:
        _set_many(session, sorted(withheld), now, status=WITHHELD, next_attempt_at=None)
    taken = [row for row in rows if row.id not in withheld]
    if taken:
        connection.execute(
            claim.take, {"ids": [row.id for row in taken], "now": now, "until": now + LEASE}
        )
    return [
        Outgoing(
            row.id,
            row.participant_id,
            row.channel,
            row.address,
            row.body,
            row.attempts + 1,
            _choices(row.choices),
            row.planned_at,
            row.created_at if row.status in (SENDING, UNSURE) else None,
            row.created_at,
        )
        for row in taken
    ]


@dataclass(frozen=True)
class _Claim:
    """The claim's statements for one kind of database; values bound at execution: channel,
    now, limit (recovered, heads); people, channel (followers); ids, now, until (take)."""

    recovered: Select[Any]
    heads: tuple[Select[Any], Select[Any]]  # priority 0 (replies), then 1 (planned)
    followers: Select[Any]
    take: Update


@functools.cache
def _claim_statements(postgres: bool) -> _Claim:
    table = MessageRow.__table__  # type: ignore[attr-defined]
    c = table.c
    columns = (
        c.id,
        c.participant_id,
        c.channel,
        c.address,
        c.body,
        c.attempts,
        c.choices,
        c.planned_at,
        c.created_at,
        c.status,
        c.sent_by,
        c.always_send,
        c.next_attempt_at,
    )
    channel = bindparam("channel", type_=c.channel.type)
    now = bindparam("now", type_=c.next_attempt_at.type)
    limit = bindparam("limit", type_=Integer)
    # Maybe-sent messages due a check, and claims whose lease ran out (a process died).
    recovered = (
        sa_select(*columns)
        .where(
            c.channel == channel, _status_in(c.status, SENDING, UNSURE), c.next_attempt_at <= now
        )
        .order_by(c.next_attempt_at, c.id)
        .limit(limit)
    )
    if postgres:
        recovered = recovered.with_for_update(skip_locked=True)
    return _Claim(
        recovered=recovered,
        heads=(
            _heads(table, columns, 0, postgres, channel, now, limit),
            _heads(table, columns, 1, postgres, channel, now, limit),
        ),
        followers=_followers(table, columns, postgres, channel),
        take=update(table)
        .where(one_of(c.id, "ids", postgres=postgres))
        .values(
            status=SENDING,
            attempts=c.attempts + 1,
            next_attempt_at=bindparam("until", type_=c.next_attempt_at.type),
            updated_at=now,
        ),
    )


def _heads(
    table: Any,
    columns: tuple[Any, ...],
    priority: int,
    postgres: bool,
    channel: Any,
    now: Any,
    limit: Any,
) -> Select[Any]:
    """Due messages with nothing earlier of the same person's unsent on the same channel
    (ix_message_queue's order). Earlier and unsent: in flight, maybe sent, due, or waiting for
    a retry; a planned message moved out of someone's sleep (queued for later, never tried) is
    not in the way. Another channel's is not either: a slow or failing provider holds up only
    its own channel (after LINK, one person can have messages waiting on two)."""
    c = table.c
    earlier = table.alias("earlier")
    in_the_way = (
        earlier.c.participant_id == c.participant_id,
        earlier.c.channel == c.channel,
        _status_in(earlier.c.status, *UNSENT),
        or_(earlier.c.status != QUEUED, earlier.c.attempts > 0, earlier.c.next_attempt_at <= now),
    )
    due = (
        _status_in(c.status, QUEUED),
        c.channel == channel,
        c.priority == priority,
        c.next_attempt_at <= now,
    )
    order = (c.next_attempt_at, c.id)
    if not postgres:
        return (
            sa_select(*columns)
            .where(*due, ~exists().where(*in_the_way, earlier.c.id < c.id))
            .order_by(*order)
            .limit(limit)
        )
    # PostgreSQL: the person's first row in the way, looked up for each due row by walking
    # ix_message_unsent from the person's oldest (a LATERAL ... LIMIT 1): a head is its own
    # person's first. The NOT EXISTS form has the planner's word on how many rows are unsent,
    # and statistics taken when the queue was empty (as autovacuum leaves them) turn it into
    # a loop over every unsent row for every due one: 3 s a claim at 3,000 queued.
    first = (sa_select(earlier.c.id).where(*in_the_way).order_by(earlier.c.id).limit(1)).lateral(
        "first_in_the_way"
    )
    return (
        sa_select(*columns)
        .select_from(table)
        .join(first, first.c.id == c.id)
        .where(*due)
        .order_by(*order)
        .limit(limit)
        .with_for_update(skip_locked=True, of=table)
    )


def _followers(table: Any, columns: tuple[Any, ...], postgres: bool, channel: Any) -> Select[Any]:
    """The unsent messages on `channel` of the people given (their heads among them)."""
    c = table.c
    query = (
        sa_select(*columns)
        .where(
            one_of(c.participant_id, "people", postgres=postgres),
            c.channel == channel,
            _status_in(c.status, *UNSENT),
        )
        .order_by(c.participant_id, c.id)
    )
    if postgres:  # nobody else can take them (the head is ours); wait for any writer
        query = query.with_for_update()
    return query


def _with_followers(
    connection: Connection,
    claim: _Claim,
    now: datetime,
    channel: str,
    heads: list[Row[Any]],
) -> list[Row[Any]]:
    """The heads, each followed by its person's due messages queued behind it on `channel`
    (up to the first that is not: one waiting for later). Only `channel`'s rows are read and
    locked: each channel's loop claims its own, so two loops never wait on each other."""
    first: dict[int, int] = {}
    for row in heads:
        first.setdefault(row.participant_id, row.id)
    behind: dict[int, list[Row[Any]]] = {}
    stopped: set[int] = set()
    for row in connection.execute(claim.followers, {"people": list(first), "channel": channel}):
        pid = row.participant_id
        if row.id <= first[pid] or pid in stopped:
            continue
        if row.status != QUEUED:
            stopped.add(pid)
            continue
        if row.attempts == 0 and row.next_attempt_at > now:
            continue  # moved for later, not in the way
        if row.next_attempt_at > now:
            stopped.add(pid)
            continue
        behind.setdefault(pid, []).append(row)
    ordered = []
    seen: set[int] = set()
    for row in heads:
        ordered.append(row)
        if row.participant_id not in seen:
            seen.add(row.participant_id)
            ordered += behind.get(row.participant_id, [])
    return ordered


@functools.cache
def _looks() -> tuple[Select[Any], ...]:
    """anything_due's looks: one a priority, and what is in flight, LIMIT 1 each."""
    c = MessageRow.__table__.c  # type: ignore[attr-defined]
    due = c.next_attempt_at <= bindparam("now", type_=c.next_attempt_at.type)
    on = c.channel == bindparam("channel", type_=c.channel.type)
    looks = [
        sa_select(c.id).where(on, _status_in(c.status, QUEUED), c.priority == priority, due)
        for priority in (0, 1)
    ]
    looks.append(sa_select(c.id).where(on, _status_in(c.status, SENDING, UNSURE), due))
    return tuple(look.limit(1) for look in looks)


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


def mark_sent_many(
    *, connection: Connection, sent: list[tuple[int, str | None]], now: datetime
) -> None:
    """Many messages accepted by their channels: (message id, provider id) pairs, in one
    statement built once (an UPDATE a row, or one built afresh each time with a CASE of every
    id, cost more than the sends)."""
    if not sent:
        return
    if connection.dialect.name == "postgresql":
        connection.execute(
            _sent_statement(True),
            {
                "ids": [message_id for message_id, _ in sent],
                "providers": [provider_id for _, provider_id in sent],
                "sent_at": now,
            },
        )
        return
    connection.execute(
        _sent_statement(False),
        [{"sent_id": m, "sent_provider": p, "sent_at": now} for m, p in sent],
    )


@functools.cache
def _sent_statement(postgres: bool) -> Update:
    """Mark sent: on PostgreSQL the pairs as two arrays, unnest()ed (one statement whatever
    their number); on SQLite one row at a time in one executemany (no round trips there)."""
    table = MessageRow.__table__  # type: ignore[attr-defined]
    c = table.c
    at = bindparam("sent_at", type_=c.updated_at.type)
    done = {"status": SENT, "next_attempt_at": None, "error": None, "updated_at": at}
    if not postgres:
        return (
            update(table)
            .where(c.id == bindparam("sent_id", type_=Integer))
            .values(provider_id=bindparam("sent_provider", type_=c.provider_id.type), **done)
        )
    pairs = (
        func.unnest(
            bindparam("ids", type_=ARRAY(Integer)),
            bindparam("providers", type_=ARRAY(c.provider_id.type)),
        )
        .table_valued(column("id", Integer), column("provider_id", c.provider_id.type))
        .render_derived(name="sent")
    )
    return update(table).where(c.id == pairs.c.id).values(provider_id=pairs.c.provider_id, **done)


def retry_later(
    *, session: Session, message_id: int, error: str, at: datetime, now: datetime
) -> None:
    """Sending failed for now; try again at `at`."""
    _set(session, message_id, now, status=QUEUED, error=error[:500], next_attempt_at=at)


def mark_failed(*, session: Session, message_id: int, error: str, now: datetime) -> None:
    """Sending failed for good."""
    _set(session, message_id, now, status=FAILED, error=error[:500], next_attempt_at=None)


def maybe_sent(
    *, session: Session, message_id: int, error: str, at: datetime, now: datetime
) -> None:
    """The provider may have taken it (no answer came): check at `at` before sending again."""
    _set(session, message_id, now, status=UNSURE, error=error[:500], next_attempt_at=at)


def release(
    *,
    session: Session,
    message_ids: Iterable[int],
    at: datetime,
    now: datetime,
    maybe_sent_ids: Iterable[int] = (),
) -> None:
    """Claimed but not tried (the channel asked us to wait, or an earlier message of theirs
    did not go): queued again for `at` (at the latest now: due, so it keeps its place in the
    person's order), the claim not counted as a try; one that may have gone on an earlier try
    stays "maybe sent"."""
    at = min(at, now)
    undo = {"attempts": MessageRow.attempts - 1}
    _set_many(session, list(message_ids), now, status=QUEUED, next_attempt_at=at, **undo)
    _set_many(session, list(maybe_sent_ids), now, status=UNSURE, next_attempt_at=at, **undo)


def renew(*, session: Session, message_ids: Iterable[int], now: datetime) -> None:
    """Hold these claimed messages, those still being sent, for another LEASE."""
    ids = list(message_ids)
    if ids:
        connection = session.connection()
        connection.execute(
            _renew_statement(connection.dialect.name == "postgresql"),
            {"ids": ids, "until": now + LEASE},
        )


@functools.cache
def _renew_statement(postgres: bool) -> Update:
    c = MessageRow.__table__.c  # type: ignore[attr-defined]
    return (
        update(MessageRow.__table__)  # type: ignore[attr-defined]
        .where(one_of(c.id, "ids", postgres=postgres), _status_in(c.status, SENDING))
        .values(next_attempt_at=bindparam("until", type_=c.next_attempt_at.type))
    )


def move_later(*, session: Session, message_id: int, at: datetime, now: datetime) -> None:
    """A planned message moved to a better moment (out of the person's sleep, say): queued for
    `at` as if never tried, so it does not hold back what the person is sent meanwhile."""
    _set(session, message_id, now, status=QUEUED, attempts=0, next_attempt_at=at)


def drop(*, session: Session, message_ids: Iterable[int], why: str, now: datetime) -> None:
    """Planned messages not sent at all (too late, or the moment would wake the person)."""
    _set_many(session, list(message_ids), now, status=DROPPED, next_attempt_at=None, error=why)


def _set_many(session: Session, message_ids: list[int], now: datetime, **values: object) -> None:
    if message_ids:
        session.execute(
            update(MessageRow)
            .where(col(MessageRow.id).in_(message_ids))
            .values(updated_at=now, **values)
            .execution_options(synchronize_session=False)
        )


def _set(session: Session, message_id: int, now: datetime, **values: object) -> None:
    session.execute(
        update(MessageRow)
        .where(col(MessageRow.id) == message_id)
        .values(updated_at=now, **values)
        .execution_options(synchronize_session=False)
    )


_RANK = {
    QUEUED: 0,
    SENDING: 1,
    UNSURE: 1,
    SENT: 2,
    DELIVERED: 3,
    UNDELIVERED: 3,
    FAILED: 3,
    WITHHELD: 3,
    DROPPED: 3,
}


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
    """How many messages wait to be sent (queued, being sent, maybe sent): for the health check."""
    return session.exec(
        select(func.count())
        .select_from(MessageRow)
        .where(_status_in(col(MessageRow.status), *UNSENT))
    ).one()


@dataclass(frozen=True, slots=True)
class Backlog:
    """One channel's unsent messages: how many, and how long the oldest has waited (a planned
    message moved to a later moment, not yet due, is not counted as waiting)."""

    waiting: int
    oldest_seconds: float


def backlog(*, session: Session, now: datetime) -> dict[str, Backlog]:
    """Each channel's backlog, for /healthz."""
    moved = and_(
        col(MessageRow.status) == QUEUED,
        col(MessageRow.attempts) == 0,
        col(MessageRow.next_attempt_at) > now,
    )
    oldest = func.min(case((moved, None), else_=col(MessageRow.created_at)))
    rows = session.execute(
        sa_select(col(MessageRow.channel), func.count(), oldest)
        .where(_status_in(col(MessageRow.status), *UNSENT))
        .group_by(col(MessageRow.channel))
    )
    found = {}
    for channel, count, since in rows:
        if isinstance(since, str):  # SQLite hands back the stored text
            since = datetime.fromisoformat(since)
        age = 0.0 if since is None else max(0.0, (now - _aware(since)).total_seconds())
        found[channel] = Backlog(waiting=int(count), oldest_seconds=round(age, 1))
    return found


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
