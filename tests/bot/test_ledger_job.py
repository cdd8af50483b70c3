"""The ledger job on the real runner, console service and database: a quit date set in the
chat and an advisor's reply sent to the person become ledger rows with their evidence, once."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.ledger import LedgerJob
from flows.milestones import Definition
from scheduler import ManualClock
from storage.tables import LedgerEntry, MessageRow, QuitAttempt
from tests.bot.helpers import a_provider
from tests.bot.test_handover import registered, say


async def test_the_chat_and_the_console_reach_the_ledger_once(
    engine: Engine, clock: ManualClock
) -> None:
    advisor = a_provider(engine, clock)
    services, _web, pid = await registered(engine, clock)
    job = LedgerJob(engine=engine, clock=clock, definition=Definition(), zone="Europe/London")
    with Session(engine) as session:
        (attempt,) = session.exec(select(QuitAttempt)).all()
        yes = session.get(MessageRow, attempt.message_id)
    assert (attempt.participant_id, attempt.attempt, str(attempt.quit_date)) == (
        pid,
        1,
        "2026-11-26",
    )
    assert yes is not None and (yes.direction, yes.body) == ("in", "yes")  # the confirming YES

    await say(services, "ada", "ADVISOR")
    await services.handover.take_over(advisor, pid)
    assert job.derive_now() == 1  # the quit date: opening a conversation engages nobody
    await services.handover.reply(advisor, pid, "Hello Ada, I'm here.")
    assert job.derive_now() == 0  # nor does a reply not yet sent
    await services.dispatcher.flush()
    assert job.derive_now() == 1  # the reply reached Ada: engaged
    assert job.derive_now() == 0  # recording twice pays once
    with Session(engine) as session:
        rows = {
            r.milestone: r for r in session.exec(select(LedgerEntry).order_by(col(LedgerEntry.id)))
        }
    assert set(rows) == {"quit_date_set", "engaged"}
    assert rows["quit_date_set"].message_ids == [attempt.message_id]
    engaged = rows["engaged"]
    assert (engaged.advisor_id, engaged.evidence["contact"]) == (advisor.advisor_id, "replied")
    assert engaged.tariff_version == "" and engaged.amount_pence == 0  # no tariff loaded yet


async def test_runs_between_full_passes_look_only_at_recent_evidence(
    engine: Engine, clock: ManualClock
) -> None:
    from datetime import timedelta

    from sqlmodel import Session

    from tests.storage import ledger_world as w

    clock.set(w.noon(30))
    job = LedgerJob(engine=engine, clock=clock, definition=Definition(), zone="Europe/London")
    assert job.derive_now() == 0  # the first run is a full pass
    with Session(engine) as session, session.begin():
        provider, _ = w.provider(session, "North", tariff=None)
        w.person(session, provider)  # its quit date was stamped 35 days ago
    clock.advance(timedelta(minutes=10))
    assert job.derive_now() == 0  # incremental: nothing stored in the last hour or so
    clock.advance(timedelta(hours=24))
    assert job.derive_now() == 1  # the daily full pass finds it
    with Session(engine) as session:
        (row,) = session.exec(select(LedgerEntry)).all()
    assert (row.milestone, row.reached_at) == ("quit_date_set", w.noon(-5))
