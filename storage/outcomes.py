"""Follow-up outcomes and exit surveys: what the milestone ledger and the reports read."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from storage.ledger_tables import QuitAttempt
from storage.tables import ExitSurvey, MessageRow, OutcomeRow


def record_outcome(
    *,
    session: Session,
    participant_id: int,
    attempt: int,
    kind: str,
    result: str,
    quit_date: date,
    day: int,
    answer_message_id: int | None,
    now: datetime,
    smoked_days: tuple[int, ...] = (),
) -> bool:
    """Record an outcome once; False if this attempt already has one of this kind.

    The evidence names the messages that asked and the message that answered, so an auditor
    can read exactly what was said.
    """
    exists = session.exec(
        select(OutcomeRow.id).where(
            col(OutcomeRow.participant_id) == participant_id,
            col(OutcomeRow.attempt) == attempt,
            col(OutcomeRow.kind) == kind,
        )
    ).first()
    if exists is not None:
        return False
    asked = session.exec(
        select(MessageRow.id, MessageRow.created_at)
        .where(
            col(MessageRow.participant_id) == participant_id,
            col(MessageRow.direction) == "out",
            col(MessageRow.message_key).startswith(f"follow_up.{kind}"),
        )
        .order_by(col(MessageRow.id))
    ).all()
    evidence: dict[str, Any] = {
        "asked": [{"message_id": mid, "at": at.isoformat()} for mid, at in asked],
        "answer_message_id": answer_message_id,
        # The programme days they said they smoked: "not a puff since day 15" is checked on it.
        "smoked_days": list(smoked_days),
    }
    session.add(
        OutcomeRow(
            participant_id=participant_id,
            attempt=attempt,
            kind=kind,
            result=result,
            quit_date=quit_date,
            day=day,
            evidence=evidence,
            recorded_at=now,
        )
    )
    session.flush()
    return True


def outcomes(*, session: Session, participant_id: int) -> list[OutcomeRow]:
    """A participant's outcomes, oldest first."""
    return list(
        session.exec(
            select(OutcomeRow)
            .where(col(OutcomeRow.participant_id) == participant_id)
            .order_by(col(OutcomeRow.id))
        )
    )


def record_survey(
    *,
    session: Session,
    participant_id: int,
    attempt: int,
    answers: dict[str, Any],
    now: datetime,
) -> None:
    """Store one exit survey."""
    session.add(
        ExitSurvey(participant_id=participant_id, attempt=attempt, recorded_at=now, **answers)
    )
    session.flush()


def record_quit_attempt(
    *,
    session: Session,
    participant_id: int,
    attempt: int,
    quit_date: date,
    message_id: int | None,
    now: datetime,
) -> None:
    """A quit date was set and a new attempt began (once per attempt)."""
    exists = session.exec(
        select(QuitAttempt.id).where(
            col(QuitAttempt.participant_id) == participant_id,
            col(QuitAttempt.attempt) == attempt,
        )
    ).first()
    if exists is not None:
        return
    session.add(
        QuitAttempt(
            participant_id=participant_id,
            attempt=attempt,
            quit_date=quit_date,
            set_at=now,
            message_id=message_id,
        )
    )
    session.flush()
