"""The webhooks' journal writer (storage.journal.Writer): the rows it stores are the rows
`journal.write` stores, a retried key is left out, and a lost connection is made again."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
from sqlalchemy import Engine, exc, select

from storage import journal
from storage.db import writer_lock
from storage.tables import JournalEntry
from tests.conftest import START


def arrival(key: str, **more: object) -> journal.Arrival:
    return journal.Arrival(
        channel="sms", key=key, address="+447700900123", body=f"words {key}", **more
    )


def rows(engine: Engine) -> list[tuple[object, ...]]:
    table = JournalEntry.__table__  # type: ignore[attr-defined]
    with engine.connect() as connection:
        found = connection.execute(select(table).order_by(table.c.id)).all()
    return [tuple(row)[1:] for row in found]  # all but the id


def test_it_stores_what_write_stores_and_leaves_out_a_retried_key(engine: Engine) -> None:
    writer = journal.Writer(engine)
    try:
        ids = writer.write(
            [arrival("SM1", provider_id="SM1", has_media=True), arrival("SM2")], START
        )
        assert sorted(ids) == [("sms", "SM1"), ("sms", "SM2")]
        again = writer.write([arrival("SM1"), arrival("SM3", language_hint="cy")], START)
        assert list(again) == [("sms", "SM3")]
    finally:
        writer.close()
    by_writer = rows(engine)
    with engine.begin() as connection:
        connection.execute(JournalEntry.__table__.delete())  # type: ignore[attr-defined]
        for batch in (
            [arrival("SM1", provider_id="SM1", has_media=True), arrival("SM2")],
            [arrival("SM1"), arrival("SM3", language_hint="cy")],
        ):
            journal.write(connection=connection, arrivals=batch, now=START)
    assert by_writer == rows(engine)
    received = by_writer[0][-2]
    assert isinstance(received, datetime) and received == START  # stored as UTC, read back


def test_a_lost_connection_fails_one_batch_and_the_next_gets_a_new_one(engine: Engine) -> None:
    writer = journal.Writer(engine)
    try:
        writer.write([arrival("SM1")], START)
        writer._connection.close()  # the database went away under it
        with pytest.raises(exc.DBAPIError):  # SQLAlchemy's, so storage.unavailable reads it
            writer.write([arrival("SM2")], START)
        assert writer.write([arrival("SM3")], START)
    finally:
        writer.close()
    assert [row[1] for row in rows(engine)] == ["SM1", "SM3"]


def test_on_sqlite_a_webhook_row_waits_for_the_write_in_hand_and_no_longer(
    engine: Engine,
) -> None:
    lock = writer_lock(engine)
    if lock is None:  # PostgreSQL: writers do not queue
        return
    writer = journal.Writer(engine)
    written = threading.Event()

    def webhook() -> None:
        writer.write([arrival("SM1")], START)
        written.set()

    try:
        with engine.begin() as connection:  # a write in hand holds the writer lock
            thread = threading.Thread(target=webhook)
            thread.start()
            assert not written.wait(0.3)  # the webhook's row waits for it ...
            connection.execute(select(1))
        thread.join(10)
        assert written.is_set()  # ... and goes as soon as it commits
    finally:
        writer.close()


def test_an_acknowledged_message_is_on_the_disk_not_only_in_its_cache(engine: Engine) -> None:
    """A webhook is answered once its row is committed; that commit must reach the disk (a
    power cut after the answer must not lose the message: the provider will not send it
    again). So must the transaction that applies it on the main database, or the journal
    could say "done" for a message the database lost. SQLite: synchronous=FULL on every
    connection that writes (NORMAL, in WAL mode, syncs only at checkpoints); PostgreSQL:
    synchronous_commit on."""
    inbox = journal.inbox(engine)
    writer = journal.Writer(inbox.writer)
    try:
        writer.write([arrival("SM1")], START)
        raw = writer._connection
        cursor = raw.cursor()
        try:
            if engine.dialect.name == "sqlite":
                cursor.execute("PRAGMA synchronous")
                assert cursor.fetchone()[0] == 2  # FULL
            else:
                cursor.execute("SHOW synchronous_commit")
                assert cursor.fetchone()[0] == "on"
        finally:
            cursor.close()
    finally:
        writer.close()
    for place in {engine, inbox.writer}:
        with place.begin() as connection:
            if engine.dialect.name == "sqlite":
                assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2
            else:
                assert connection.exec_driver_sql("SHOW synchronous_commit").scalar() == "on"
