"""The ledger on SQLite and PostgreSQL: derived once per attempt and milestone, priced by the
tariff in force with its uplifts, and append-only (the ORM and the database both refuse)."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import Session, col, select

from flows.model import WorkPattern
from storage.ledger import (
    AppendOnly,
    derive,
    mark,
    pseudonym,
    pseudonym_key,
    reverse,
    statuses,
)
from storage.tables import LedgerEntry, LedgerStatus
from tests.storage import ledger_world as w


def _rows(session: Session) -> list[LedgerEntry]:
    return list(session.exec(select(LedgerEntry).order_by(col(LedgerEntry.id))))


def test_milestones_are_recorded_once_with_tariff_uplift_and_evidence(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        provider, advisor = w.provider(session, "North")
        night = w.person(session, provider, age=25, work=WorkPattern.NIGHTS)
        w.appointment(session, night, advisor, -2)
        w.outcome(session, night, 28)
        w.reading(session, night, advisor, 29, 4)
        day_worker = w.person(session, provider)
        w.outcome(session, day_worker, 43, "lost_to_follow_up")
        assert derive(session=session, now=w.noon(50)) == 6
    with Session(engine, expire_on_commit=False) as session, session.begin():
        assert derive(session=session, now=w.noon(51)) == 0  # recording twice pays once
        rows = _rows(session)
        key = pseudonym_key(session=session)
    got = {(r.pseudonym, r.milestone): r for r in rows}
    assert len(rows) == 6
    name = pseudonym(key, night)
    assert name in {r.pseudonym for r in rows} and len(name) == 64
    # keyed: not the plain hash of the id, and another database's key gives another name
    assert name != hashlib.sha256(f"participant:{night}".encode()).hexdigest()
    assert pseudonym(b"another key", night) != name
    engaged = got[(name, "engaged")]
    assert (engaged.amount_pence, engaged.advisor_id, engaged.tariff_version) == (
        2000,
        advisor,
        "v1",
    )
    co = got[(name, "4_week_co_verified")]
    # 120.00 + night workers 15% + aged 18-34 10% (this tariff applies it to CO-verified only)
    assert (co.base_pence, co.uplift_pence, co.amount_pence) == (12000, 3000, 15000)
    assert co.uplift_reasons == [
        "night_workers +15%: works nights",
        "age_18_34 +10%: aged 25",
    ]
    assert (co.co_ppm, co.co_taken_at) == (4, w.noon(29))
    self_report = got[(name, "4_week_self_reported")]
    assert self_report.amount_pence == 4000 + 600
    lost = got[(pseudonym(key, day_worker), "lost_to_follow_up")]
    assert lost.amount_pence == 0  # recorded, never paid


def test_a_reading_of_10_ppm_or_outside_the_window_verifies_nothing(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        provider, advisor = w.provider(session, "North")
        high = w.person(session, provider)
        w.outcome(session, high, 28)
        w.reading(session, high, advisor, 29, 10)
        late = w.person(session, provider)
        w.outcome(session, late, 28)
        w.reading(session, late, advisor, 43, 2)
        derive(session=session, now=w.noon(50))
        milestones = [r.milestone for r in _rows(session)]
    assert "4_week_co_verified" not in milestones
    assert milestones.count("4_week_self_reported") == 2


def test_the_database_refuses_a_second_claim_for_the_same_milestone(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        provider, _ = w.provider(session, "North")
        w.person(session, provider)
        derive(session=session, now=w.noon(1))
        first = _rows(session)[0]
    with pytest.raises(IntegrityError), Session(engine) as session, session.begin():
        session.add(
            LedgerEntry(
                pseudonym=first.pseudonym,
                provider_id=first.provider_id,
                attempt=first.attempt,
                milestone=first.milestone,
                reached_at=first.reached_at,
                recorded_at=first.recorded_at,
            )
        )


def _seeded(engine: Engine) -> int:
    with Session(engine) as session, session.begin():
        provider, advisor = w.provider(session, "North")
        someone = w.person(session, provider)
        w.appointment(session, someone, advisor, 1)
        derive(session=session, now=w.noon(2))
        entry = next(r for r in _rows(session) if r.milestone == "engaged")
        assert entry.id is not None
        mark(
            session=session, entry_ids=[entry.id], status="approved", made_by="c@x", now=w.noon(3)
        )
        return entry.id


def test_no_code_path_changes_or_removes_a_ledger_row(engine: Engine) -> None:
    entry_id = _seeded(engine)
    with Session(engine) as session:
        row = session.get(LedgerEntry, entry_id)
        assert row is not None
        row.amount_pence = 1
        with pytest.raises(AppendOnly):
            session.flush()
    with Session(engine) as session:
        session.delete(session.get(LedgerEntry, entry_id))
        with pytest.raises(AppendOnly):
            session.flush()
    with Session(engine) as session:
        status = session.exec(select(LedgerStatus)).one()
        status.status = "paid"
        with pytest.raises(AppendOnly):
            session.flush()
    with Session(engine) as session:
        assert session.get(LedgerEntry, entry_id).amount_pence == 2000  # type: ignore[union-attr]
        assert len(_rows(session)) == 2


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE ledger_entry SET amount_pence = 1",
        "DELETE FROM ledger_entry",
        "UPDATE ledger_status SET status = 'paid'",
        "DELETE FROM ledger_status",
    ],
)
def test_the_database_itself_refuses_to_change_a_ledger_row(
    engine: Engine, statement: str
) -> None:
    _seeded(engine)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
        connection.execute(text(statement))
    with Session(engine) as session:
        assert [r.amount_pence for r in _rows(session)] == [0, 2000]
        assert len(list(session.exec(select(LedgerStatus)))) == 1


def test_a_correction_is_a_reversal_row_with_reason_and_who(engine: Engine) -> None:
    entry_id = _seeded(engine)
    with Session(engine) as session, session.begin():
        reversal = reverse(
            session=session,
            entry_id=entry_id,
            reason="appointment was a wrong number",
            made_by="lead@north.example",
            now=w.noon(5),
        )
        assert (reversal.amount_pence, reversal.reverses_id) == (-2000, entry_id)
        with pytest.raises(ValueError, match="already reversed"):
            reverse(session=session, entry_id=entry_id, reason="again", made_by="x", now=w.noon(6))
        assert statuses(session=session, entry_ids=[entry_id]) == {entry_id: "reversed"}
        assert sum(r.amount_pence for r in _rows(session)) == 0  # quit date set pays 0 here
        assert derive(session=session, now=w.noon(7)) == 0  # a reversed milestone stays reversed


def test_the_deprivation_uplift_names_the_decile_and_its_edition(engine: Engine) -> None:
    from pathlib import Path

    from storage.deprivation import load_file

    samples = Path(__file__).parent.parent / "data" / "imd"
    tariff = w.TARIFF + "[uplifts.imd_1_2]\npercent = 25\n"
    with Session(engine, expire_on_commit=False) as session, session.begin():
        for name in ("onspd_sample.csv", "iod2019_file7_sample.csv"):
            load_file(session=session, path=samples / name)
        provider, _ = w.provider(session, "North", tariff=tariff)
        deprived = w.person(session, provider, postcode="LS9 6AB")
        w.outcome(session, deprived, 28)
        terminated = w.person(session, provider, postcode="SW1A 1AA")
        w.outcome(session, terminated, 28)
        derive(session=session, now=w.noon(30))
        key = pseudonym_key(session=session)
        quits = {r.pseudonym: r for r in _rows(session) if r.milestone == "4_week_self_reported"}
    uplifted = quits[pseudonym(key, deprived)]
    assert (uplifted.amount_pence, uplifted.uplift_reasons) == (
        5000,
        ["imd_1_2 +25%: IMD decile 1 (IoD2019)"],
    )
    assert quits[pseudonym(key, terminated)].amount_pence == 4000  # unknown: no uplift


def _engaged(session: Session) -> dict[str, LedgerEntry]:
    return {r.pseudonym: r for r in _rows(session) if r.milestone == "engaged"}


def test_taking_over_alone_pays_nothing_and_a_reply_sent_or_a_reading_engages(
    engine: Engine,
) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        provider, advisor = w.provider(session, "North")
        key = pseudonym_key(session=session)
        opened = w.person(session, provider)  # taken over, nothing ever sent
        w.takeover(session, opened, advisor, 1)
        waiting = w.person(session, provider)  # a reply written but never sent
        w.takeover(session, waiting, advisor, 1)
        w.reply(session, waiting, advisor, 1, status="failed")
        w.reply(session, waiting, advisor, 2, status="queued")
        answered = w.person(session, provider)
        w.takeover(session, answered, advisor, 1)
        reply_id = w.reply(session, answered, advisor, 2, status="delivered")
        measured = w.person(session, provider)  # seen in person: a CO reading
        w.reading(session, measured, advisor, 3, 12)
        derive(session=session, now=w.noon(4))
        engaged = _engaged(session)
    assert set(engaged) == {pseudonym(key, answered), pseudonym(key, measured)}
    row = engaged[pseudonym(key, answered)]
    assert (row.reached_at, row.evidence, row.amount_pence) == (
        w.noon(2),
        {"contact": "replied", "ref": reply_id},
        2000,
    )
    assert engaged[pseudonym(key, measured)].evidence["contact"] == "co_reading"


def test_an_engaged_row_already_written_from_a_takeover_stays_as_written(engine: Engine) -> None:
    """Append-only: a row the old rule wrote is not removed by the new one (an operator
    reverses it, docs/operations.md); new derivations follow the new rule."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        provider, advisor = w.provider(session, "North")
        someone = w.person(session, provider)
        w.takeover(session, someone, advisor, 1)
        name = pseudonym(pseudonym_key(session=session), someone)
        session.add(
            LedgerEntry(
                pseudonym=name,
                provider_id=provider,
                attempt=1,
                milestone="engaged",
                reached_at=w.noon(1),
                recorded_at=w.noon(1),
                amount_pence=2000,
                base_pence=2000,
                advisor_id=advisor,
                evidence={"contact": "took_over", "ref": 1},
            )
        )
        session.flush()
        assert derive(session=session, now=w.noon(2)) == 1  # the quit date only
        engaged = _engaged(session)
    assert [r.evidence["contact"] for r in engaged.values()] == ["took_over"]
