"""The outbox carries a question's quick replies, and says when the buttons shown must go."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, text
from sqlmodel import Session, col, select

from storage import outbox, participants, transcript
from storage.tables import MessageRow

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def bot_says(session: Session, pid: int, body: str, *choices: str, planned: bool = False) -> None:
    outbox.enqueue(
        session=session,
        participant_id=pid,
        channel="telegram",
        address="42",
        body=body,
        locale="en_GB",
        sent_by="bot",
        message_key=None,
        now=NOW,
        priority=1 if planned else 0,
        flush=not planned,
        choices=choices,
    )
    transcript.write_pending(session=session)


def person_says(session: Session, pid: int, body: str) -> None:
    transcript.record_inbound(
        session=session,
        participant_id=pid,
        channel="telegram",
        address="42",
        body=body,
        has_media=False,
        provider_id=None,
        now=NOW,
    )


def claimed(engine: Engine) -> dict[str, tuple[str, ...] | None]:
    with Session(engine) as session, session.begin():
        return {
            o.body: o.choices
            for o in outbox.claim_due(session=session, now=NOW, channel="telegram")
        }


def test_buttons_stay_until_answered_and_go_with_the_reply_to_the_answer(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        pid = participants.create(session=session, channel="telegram", address="42", now=NOW)
        bot_says(session, pid, "Have you smoked?", "No", "Yes")
        bot_says(session, pid, "Text CRAVE any time")  # same turn: the question still waits
        bot_says(session, pid, "A planned tip", planned=True)  # still unanswered
        person_says(session, pid, "no")
        bot_says(session, pid, "Thanks, well done")  # answered: the buttons go
        bot_says(session, pid, "Keep going")  # and are gone already
        person_says(session, pid, "thanks")
        bot_says(session, pid, "Any time")  # nothing was showing
        bot_says(session, pid, "Cravings today, 0 to 5?", "0", "1", "2", planned=True)
    assert claimed(engine) == {
        "Have you smoked?": ("No", "Yes"),
        "Text CRAVE any time": None,
        "A planned tip": None,
        "Thanks, well done": (),
        "Keep going": None,
        "Any time": None,
        "Cravings today, 0 to 5?": ("0", "1", "2"),
    }


def test_welsh_labels_are_kept_as_written(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        pid = participants.create(session=session, channel="web", address="cy", now=NOW)
        bot_says(session, pid, "Ydych chi'n smygu?", "Ie", "Na")
        bot_says(session, pid, "Pryd?", "dydd Gwener 27 Tachwedd", "Diwrnod arall")
    assert claimed(engine) == {
        "Ydych chi'n smygu?": ("Ie", "Na"),
        "Pryd?": ("dydd Gwener 27 Tachwedd", "Diwrnod arall"),
    }


def test_the_choices_migration_keeps_existing_messages(db_url: str) -> None:
    from alembic import command

    from storage import make_engine, upgrade
    from storage.migrate import alembic_config

    made = make_engine(db_url)
    upgrade(made, "0011")
    with Session(made) as session, session.begin():
        # Raw SQL: the ORM's tables are today's, the database is at 0011.
        pid = session.exec(  # type: ignore[call-overload]
            text(
                "INSERT INTO participant (created_at) VALUES ('2026-11-23 09:00:00') RETURNING id"
            )
        ).scalar_one()
        session.exec(  # type: ignore[call-overload]
            text(
                "INSERT INTO message (participant_id, channel, address, direction, body, "
                "sent_by, has_media, status, attempts, created_at, updated_at) VALUES "
                f"({pid}, 'telegram', '42', 'out', 'before 0012', 'bot', false, 'queued', 0, "
                "'2026-11-23 09:00:00', '2026-11-23 09:00:00')"
            )
        )
    upgrade(made)
    with Session(made) as session:
        row = session.exec(select(MessageRow).order_by(col(MessageRow.id))).one()
    assert (row.body, row.choices) == ("before 0012", None)
    command.downgrade(alembic_config(made), "0011")  # and back, keeping the message
    with Session(made) as session:
        bodies = session.exec(text("SELECT body FROM message")).all()  # type: ignore[call-overload]
    assert [b for (b,) in bodies] == ["before 0012"]
    made.dispose()
