import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Connection, Engine, inspect, text
from sqlmodel import Session, select

from flows import Conversation, Stage
from storage import (
    conversations,
    inbound,
    make_engine,
    one_statement,
    outbox,
    participants,
    transcript,
)
from storage.conversations import StaleConversation
from storage.statements import json_rows
from storage.tables import MessageRow

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def queue(
    session: Session,
    pid: int,
    body: str,
    *,
    now: datetime = NOW,
    channel: str = "web",
    priority: int = 1,
) -> int:
    """Queue one outbound message for `pid` (the fields these tests do not care about fixed)."""
    return outbox.enqueue(
        session=session,
        participant_id=pid,
        channel=channel,
        address="x",
        body=body,
        locale="en_GB",
        sent_by="bot",
        message_key=None,
        now=now,
        priority=priority,
    )


def test_timestamps_come_back_aware_and_in_utc(engine: Engine) -> None:
    plus_one = timezone(timedelta(hours=1))
    with Session(engine) as session, session.begin():
        pid = participants.create(
            session=session,
            channel="sms",
            address="+447700900001",
            now=datetime(2026, 6, 1, 10, 0, tzinfo=plus_one),
        )
        mid = queue(session, pid, "hi", now=datetime(2026, 6, 1, 10, 0, tzinfo=plus_one))
    with Session(engine) as session:
        row = session.get(MessageRow, mid)
        assert row is not None
        assert row.created_at == datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
        assert row.created_at.tzinfo is not None
        assert row.created_at.utcoffset() == timedelta(0)


def test_naive_datetimes_are_refused(engine: Engine) -> None:
    with Session(engine) as session, pytest.raises(Exception, match="naive"), session.begin():
        participants.create(
            session=session,
            channel="sms",
            address="+44",
            now=datetime(2026, 1, 1),  # noqa: DTZ001
        )


def test_saving_over_a_stale_version_is_refused(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        pid = participants.create(session=session, channel="web", address="abc", now=NOW)
        conversations.insert(
            session=session, participant_id=pid, conversation=Conversation(), now=NOW
        )
    with Session(engine) as session, session.begin():
        conversations.save(
            session=session,
            participant_id=pid,
            conversation=Conversation(stage=Stage.CONSENT),
            expected_version=1,
            now=NOW,
        )
    with Session(engine) as session, pytest.raises(StaleConversation), session.begin():
        conversations.save(
            session=session,
            participant_id=pid,
            conversation=Conversation(stage=Stage.AGE),
            expected_version=1,
            now=NOW,
        )
    with Session(engine) as session:
        loaded = conversations.load(session=session, participant_id=pid)
    assert loaded == (Conversation(stage=Stage.CONSENT), 2)


def test_an_inbound_id_is_taken_once_per_channel(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        assert inbound.remember(session=session, channel="sms", provider_id="SM1", now=NOW)
        assert not inbound.remember(session=session, channel="sms", provider_id="SM1", now=NOW)
        assert inbound.remember(session=session, channel="telegram", provider_id="SM1", now=NOW)


def test_claimed_messages_are_leased_and_come_back_if_never_settled(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        pid = participants.create(session=session, channel="web", address="abc", now=NOW)
        for n in range(3):
            queue(session, pid, f"m{n}")
    with Session(engine) as session, session.begin():
        first = outbox.claim_due(session=session, now=NOW, channel="web", limit=1)
    with Session(engine) as session, session.begin():
        second = outbox.claim_due(session=session, now=NOW, channel="web")
    # One person's messages come together, in order, to be sent one after another.
    assert [m.body for m in first] == ["m0", "m1", "m2"]
    assert second == []  # the leased ones are not handed out twice
    assert all(m.maybe_sent_since is None for m in first)
    later = NOW + outbox.LEASE + timedelta(seconds=1)
    with Session(engine) as session, session.begin():
        again = outbox.claim_due(session=session, now=later, channel="web")
    assert [m.body for m in again] == ["m0", "m1", "m2"]  # a crash loses nothing
    assert all(m.attempts == 2 for m in again)
    assert all(m.maybe_sent_since == NOW for m in again)  # ... and they may have gone


def test_delivery_reports_never_move_a_message_backwards(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        pid = participants.create(session=session, channel="sms", address="+44", now=NOW)
        mid = queue(session, pid, "x", channel="sms")
        outbox.mark_sent(session=session, message_id=mid, provider_id="SMabc", now=NOW)
        outbox.record_delivery(
            session=session, provider_id="SMabc", status="delivered", error=None, now=NOW
        )
        outbox.record_delivery(
            session=session, provider_id="SMabc", status="sent", error=None, now=NOW
        )
        assert (
            outbox.record_delivery(
                session=session, provider_id="nope", status="sent", error=None, now=NOW
            )
            is None
        )
    with Session(engine) as session:
        row = session.get(MessageRow, mid)
        assert row is not None
        assert row.status == "delivered"


def test_replies_are_claimed_before_planned_messages(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        pid = participants.create(session=session, channel="web", address="abc", now=NOW)
        others = participants.create(session=session, channel="web", address="def", now=NOW)
        for n in range(5):
            queue(session, others, f"planned {n}")
        queue(
            session,
            pid,
            "reply",
            now=NOW + timedelta(seconds=1),
            priority=0,
        )
    later = NOW + timedelta(seconds=2)
    with Session(engine) as session, session.begin():
        first = outbox.claim_due(session=session, now=later, channel="web", limit=2)
    assert [m.body for m in first] == ["reply"] + [f"planned {n}" for n in range(5)]


def test_the_priority_migration_keeps_existing_messages(db_url: str) -> None:
    from storage import make_engine, upgrade

    made = make_engine(db_url)
    upgrade(made, "0003")
    with Session(made) as session, session.begin():
        # Raw SQL: the ORM's tables are today's, the database is at 0003.
        pid = session.exec(  # type: ignore[call-overload]
            text(
                "INSERT INTO participant (created_at) VALUES ('2026-11-23 09:00:00') RETURNING id"
            )
        ).scalar_one()
        session.exec(  # type: ignore[call-overload]
            text(
                "INSERT INTO message (participant_id, channel, address, direction, body, "
                "sent_by, has_media, status, attempts, created_at, updated_at) VALUES "
                f"({pid}, 'web', 'old', 'out', 'before 0004', 'bot', false, 'queued', 0, "
                "'2026-11-23 09:00:00', '2026-11-23 09:00:00')"
            )
        )
    upgrade(made)
    with Session(made) as session:
        row = session.exec(select(MessageRow)).one()
    assert (row.body, row.priority) == ("before 0004", 1)
    made.dispose()


def test_a_reply_never_overtakes_the_same_persons_earlier_message(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        busy = participants.create(session=session, channel="web", address="busy", now=NOW)
        other = participants.create(session=session, channel="web", address="other", now=NOW)
        queue(session, other, "planned for other")
        queue(session, busy, "check-in question")
        queue(session, busy, "reply", now=NOW + timedelta(seconds=1), priority=0)
    with Session(engine) as session, session.begin():
        claimed = outbox.claim_due(session=session, now=NOW + timedelta(1), channel="web")
    order = [m.body for m in claimed]
    # The reply waits behind the check-in, and comes with it in the same claim.
    assert order.index("check-in question") < order.index("reply")
    assert sorted(order) == ["check-in question", "planned for other", "reply"]


def test_migration_0007_allocates_earlier_people_keeps_messages_and_goes_back(
    db_url: str,
) -> None:
    from storage import make_engine, upgrade
    from storage.migrate import alembic_config
    from storage.tables import AdvisorRequest, Participant

    made = make_engine(db_url)
    upgrade(made, "0006")
    stamp = "'2026-11-23 09:00:00'"
    with Session(made) as session, session.begin():
        # Raw SQL: the ORM's tables are today's, the database is at 0006.
        session.exec(  # type: ignore[call-overload]
            text(
                f"INSERT INTO provider (name, hours, timezone, created_at) VALUES "
                f"('Only', '24/7', 'Europe/London', {stamp})"
            )
        )
        pid = session.exec(  # type: ignore[call-overload]
            text(f"INSERT INTO participant (created_at) VALUES ({stamp}) RETURNING id")
        ).scalar_one()
        session.exec(  # type: ignore[call-overload]
            text(
                "INSERT INTO message (participant_id, channel, address, direction, body, "
                "sent_by, has_media, status, priority, attempts, created_at, updated_at) VALUES "
                f"({pid}, 'web', 'old', 'out', 'before 0007', 'bot', false, 'queued', 1, 0, "
                f"{stamp}, {stamp})"
            )
        )
        session.exec(  # type: ignore[call-overload]
            text(
                "INSERT INTO advisor_request (participant_id, reason, urgent, status, note, "
                f"created_at) VALUES ({pid}, 'asked', false, 'held', '', {stamp})"
            )
        )
    upgrade(made)
    with Session(made) as session:
        person = session.exec(select(Participant)).one()
        message = session.exec(select(MessageRow)).one()
        request = session.exec(select(AdvisorRequest)).one()
    assert person.provider_id is not None  # the one provider's person now
    assert (message.body, message.always_send, message.advisor_id) == ("before 0007", False, None)
    # Nobody could hold a conversation before 0007: a stray 'held' waits again, or the send
    # gate would withhold the bot's messages for good.
    assert (request.status, request.advisor_id, request.lease_until) == ("open", None, None)
    from alembic import command

    command.downgrade(alembic_config(made), "0006")
    upgrade(made)
    made.dispose()


WORDS = [
    "Diolch! Ŵyr i'n gallu stopio? 🚭",
    'She said "no" \\ and meant it',
    '{"not": "json to us", "n": 1}',
    "line one\nline two\ttab",
    "x" * 1600,
]


def test_a_group_of_messages_is_kept_word_for_word_in_order(engine: Engine) -> None:
    """A group's inbound rows go in as one statement (on PostgreSQL one JSON text): what each
    person wrote comes back exactly, each row's id in the order given, its time in UTC."""
    plus_one = timezone(timedelta(hours=1))
    at = datetime(2026, 6, 1, 10, 0, 0, 123456, tzinfo=plus_one)
    with Session(engine) as session, session.begin():
        people = [
            participants.create(session=session, channel="sms", address=f"+4477009000{n}", now=NOW)
            for n in range(len(WORDS))
        ]
        ids = transcript.record_inbound_many(
            session=session,
            rows=[
                {
                    "participant_id": pid,
                    "channel": "sms",
                    "address": f"+4477009000{n}",
                    "body": body,
                    "has_media": n == 2,
                    "provider_id": f"SM{n}",
                }
                for n, (pid, body) in enumerate(zip(people, WORDS, strict=True))
            ],
            now=at,
        )
    with Session(engine) as session:
        rows = [session.get(MessageRow, message_id) for message_id in ids]
    assert [row.body for row in rows if row] == WORDS
    assert [row.participant_id for row in rows if row] == people
    assert [row.has_media for row in rows if row] == [False, False, True, False, False]
    assert {row.created_at for row in rows if row} == {datetime(2026, 6, 1, 9, 0, 0, 123456, UTC)}


def test_a_group_saved_over_one_stale_version_saves_none_of_it(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        people = [
            participants.create(session=session, channel="web", address=f"p{n}", now=NOW)
            for n in range(3)
        ]
        for pid in people:
            conversations.insert(
                session=session, participant_id=pid, conversation=Conversation(), now=NOW
            )
    moved = Conversation(stage=Stage.CONSENT, locale="cy")
    with Session(engine) as session, pytest.raises(StaleConversation), session.begin():
        conversations.save_many(
            session=session,
            saves=[(people[0], moved, 1), (people[1], moved, 2), (people[2], moved, 1)],
            now=NOW,
        )
    with Session(engine) as session:
        assert [conversations.load(session=session, participant_id=p) for p in people] == [
            (Conversation(), 1)
        ] * 3
    with Session(engine) as session, session.begin():
        conversations.save_many(
            session=session, saves=[(pid, moved, 1) for pid in people], now=NOW
        )
    with Session(engine) as session:
        assert [conversations.load(session=session, participant_id=p) for p in people] == [
            (moved, 2)
        ] * 3


def test_a_naive_time_never_reaches_a_group_statement() -> None:
    with pytest.raises(ValueError, match="naive"):
        json_rows([{"at": datetime(2026, 1, 1)}])  # noqa: DTZ001


def test_a_group_statements_rows_read_back_as_they_were_given() -> None:
    """json_rows (orjson) writes what the standard library would: words in any script, nested
    state, times to the microsecond in any offset; text orjson refuses (a lone surrogate)
    still goes, as the standard library writes it."""
    london = timezone(timedelta(hours=1))
    rows = [
        {
            "body": "Diolch! Rwy'n iawn 👍 — “quotes” \\ back\nslash",
            "at": datetime(2026, 6, 1, 9, 30, 0, 123456, tzinfo=UTC),
            "planned": datetime(2026, 6, 1, 22, 0, tzinfo=london),
            "none": None,
            "flag": False,
            "state": {"answers": {"1": "yes"}, "list": [1, 2.5, "x"]},
        },
        {"body": "broken \ud800 half", "at": datetime(2026, 6, 1, tzinfo=UTC)},
    ]
    for given in ([rows[0]], rows):
        back = json.loads(json_rows(given))
        for sent, read in zip(given, back, strict=True):
            assert read.keys() == sent.keys()
            for key, value in sent.items():
                if isinstance(value, datetime):
                    assert datetime.fromisoformat(read[key]) == value
                    assert datetime.fromisoformat(read[key]).utcoffset() == value.utcoffset()
                else:
                    assert read[key] == value


def test_a_one_statement_transaction_survives_a_connection_the_database_dropped(
    engine: Engine,
) -> None:
    """The worker's leases and sent marks are one statement each. On PostgreSQL they run in
    autocommit; a pooled connection the server dropped (a restart, an idle timeout) is replaced
    and the statement runs once, not lost."""
    if engine.dialect.name != "postgresql":
        # SQLite: a transaction of its own, rolled back when the work fails.

        def fail(connection: Connection) -> None:
            connection.execute(text("CREATE TABLE scratch (n INTEGER)"))
            raise RuntimeError("half-way")

        with pytest.raises(RuntimeError):
            one_statement(engine, fail)
        with engine.connect() as connection:
            assert not inspect(connection).has_table("scratch")
        return
    url = engine.url.render_as_string(hide_password=False)
    engine = make_engine(url, pool_pre_ping=False)
    try:
        with engine.connect() as connection:
            connection.execute(text("CREATE TABLE scratch (n INTEGER)"))
            connection.commit()

        def insert(connection: Connection) -> int:
            connection.execute(text("INSERT INTO scratch VALUES (1)"))
            pid: int = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
            return pid

        first = one_statement(engine, insert)
        with make_engine(url).connect() as other:  # the server drops it
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        second = one_statement(engine, insert)
        assert second != first
        with engine.connect() as connection:
            # Each committed as it ran (autocommit), and the retried one ran once.
            assert connection.execute(text("SELECT count(*) FROM scratch")).scalar_one() == 2
    finally:
        engine.dispose()
