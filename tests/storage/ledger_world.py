"""Seeding a database with the evidence the ledger reads: providers, people, quit attempts,
follow-up outcomes, advisors' contacts and CO readings (as the runner and console store them)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session

from flows.model import Conversation, Profile, Stage, WorkPattern
from flows.serialize import conversation_to_dict
from storage.ledger import add_tariff
from storage.tables import (
    Advisor,
    ClinicalRecord,
    ConversationRow,
    MessageRow,
    OutcomeRow,
    OwnerChange,
    Participant,
    Provider,
    QuitAttempt,
)

QUIT = date(2026, 12, 1)
TARIFF = """
version = "v1"
effective_from = 2026-01-01
[amounts]
engaged = 20
quit_date_set = 0
4_week_self_reported = 40
4_week_co_verified = 120
12_week_quit = 80
[uplifts.night_workers]
percent = 15
[uplifts.age_18_34]
percent = 10
applies_to = ["4_week_co_verified"]
"""


def noon(day: int, quit_date: date = QUIT) -> datetime:
    return datetime.combine(quit_date + timedelta(days=day), datetime.min.time(), UTC).replace(
        hour=12
    )


def provider(session: Session, name: str, *, tariff: str | None = TARIFF) -> tuple[int, int]:
    """A provider (with a tariff) and one advisor: (provider id, advisor id)."""
    row = Provider(name=name, created_at=noon(-30))
    session.add(row)
    session.flush()
    assert row.id is not None
    advisor = Advisor(
        provider_id=row.id,
        email=f"advisor@{name.lower()}.example",
        password_hash="x",
        created_at=noon(-30),
    )
    session.add(advisor)
    session.flush()
    assert advisor.id is not None
    if tariff is not None:
        add_tariff(session=session, provider_id=row.id, source=tariff, now=noon(-30))
    return row.id, advisor.id


def person(
    session: Session,
    provider_id: int,
    *,
    age: int = 40,
    work: WorkPattern = WorkPattern.DAYS,
    postcode: str | None = None,
    quit_date: date | None = QUIT,
    employer: str | None = None,
) -> int:
    """A registered participant whose quit date was set five days before it (no quit date:
    registered, none set yet)."""
    row = Participant(created_at=noon(-10, quit_date or QUIT), provider_id=provider_id)
    session.add(row)
    session.flush()
    assert row.id is not None
    state = Conversation(
        profile=Profile(
            age=age, work_pattern=work, postcode=postcode, role="nurse", employer=employer
        ),
        quit_date=quit_date,
        attempt=1 if quit_date else 0,
        stage=Stage.QUITTING if quit_date else Stage.QUIT_DATE,
    )
    session.add(
        ConversationRow(
            participant_id=row.id,
            stage=state.stage.value,
            locale="en_GB",
            state=conversation_to_dict(state),
            updated_at=noon(-5, quit_date or QUIT),
        )
    )
    if quit_date is not None:
        session.add(
            QuitAttempt(
                participant_id=row.id, attempt=1, quit_date=quit_date, set_at=noon(-5, quit_date)
            )
        )
    session.flush()
    return row.id


def outcome(
    session: Session,
    participant_id: int,
    day: int,
    result: str = "quit",
    kind: str = "4_week",
    quit_date: date = QUIT,
) -> None:
    session.add(
        OutcomeRow(
            participant_id=participant_id,
            attempt=1,
            kind=kind,
            result=result,
            quit_date=quit_date,
            day=day,
            evidence={"asked": [], "answer_message_id": None, "smoked_days": []},
            recorded_at=noon(day, quit_date),
        )
    )
    session.flush()


def reading(
    session: Session,
    participant_id: int,
    advisor_id: int,
    day: int,
    ppm: int,
    quit_date: date = QUIT,
    at: datetime | None = None,
) -> None:
    when = at or noon(day, quit_date)
    session.add(
        ClinicalRecord(
            participant_id=participant_id,
            advisor_id=advisor_id,
            attempt=1,
            kind="co_reading",
            happened_at=when,
            ppm=ppm,
            device="Smokerlyzer",
            recorded_at=when,
        )
    )
    session.flush()


def appointment(session: Session, participant_id: int, advisor_id: int, day: int) -> None:
    session.add(
        ClinicalRecord(
            participant_id=participant_id,
            advisor_id=advisor_id,
            attempt=1,
            kind="first_appointment",
            happened_at=noon(day),
            recorded_at=noon(day),
        )
    )
    session.flush()


def takeover(session: Session, participant_id: int, advisor_id: int, day: int) -> None:
    """An advisor takes the conversation over (the console's owner change), nothing sent."""
    session.add(
        OwnerChange(
            participant_id=participant_id,
            before="bot",
            after="advisor",
            advisor_id=advisor_id,
            by_advisor_id=advisor_id,
            why="taken over",
            created_at=noon(day),
        )
    )
    session.flush()


def reply(
    session: Session, participant_id: int, advisor_id: int, day: int, status: str = "sent"
) -> int:
    """An advisor's reply in the outbox, with its status (queued until the dispatcher sends)."""
    row = MessageRow(
        participant_id=participant_id,
        channel="web",
        address="someone",
        direction="out",
        body="Hello, I'm here to help.",
        sent_by=f"advisor:{advisor_id}",
        status=status,
        priority=0,
        created_at=noon(day),
        updated_at=noon(day),
        advisor_id=advisor_id,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id
