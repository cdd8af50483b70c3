"""Console tasks for the command line: `quitbot advisor end-sessions --email EMAIL`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session

from bot.console import queries, records


class UnknownAdvisor(LookupError):
    """No advisor has that email."""


def end_sessions(engine: Engine, *, email: str, now: datetime) -> int:
    """Sign an advisor out everywhere (ends every live session on the server); how many."""
    with Session(engine) as session:
        advisor = queries.advisor_by_email(session, email.strip().lower())
        if advisor is None or advisor.id is None:
            raise UnknownAdvisor(f"no advisor has the email {email!r}")
        ended = records.end_sessions_of(
            session, advisor_id=advisor.id, now=now, reason="ended_by_cli"
        )
        records.audit(
            session,
            now=now,
            action="end_sessions",
            address="command line",
            provider_id=advisor.provider_id,
            detail=f"advisor {advisor.id}: {ended} ended",
        )
        session.commit()
    return ended
