"""Claims on SQLite and PostgreSQL: a lead submits, a commissioner (never the same person)
approves, the entries move on to approved and paid, and anything odd is flagged with evidence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from storage import claims, ledger
from storage.ledger_tables import Claim
from storage.tables import Advisor, Commissioner, LedgerEntry, Participant, Provider
from tests.storage import ledger_world as w

AFTER_DECEMBER = datetime(2027, 1, 2, 9, tzinfo=UTC)


def _lead(session: Session, provider_id: int, name: str) -> None:
    session.add(
        Advisor(
            provider_id=provider_id,
            email=f"lead@{name}.example",
            role="lead",
            password_hash="x",
            created_at=w.noon(-30),
        )
    )


def _staff(session: Session, provider_id: int, name: str) -> None:
    _lead(session, provider_id, name)
    session.add(Commissioner(email="cara@icb.example", password_hash="x", created_at=w.noon(-30)))
    session.flush()


def _submit(
    session: Session,
    provider: Provider,
    lead: str = "lead@north.example",
    now: datetime = AFTER_DECEMBER,
) -> Claim:
    """The lead claims December."""
    return claims.submit(
        session=session, provider=provider, month="2026-12", lead_email=lead, now=now
    )


def _decide(
    session: Session,
    claim: Claim,
    commissioner: str = "cara@icb.example",
    *,
    approve: bool = True,
    note: str = "",
) -> Claim:
    return claims.decide(
        session=session,
        claim_id=claim.id or 0,
        commissioner_email=commissioner,
        approve=approve,
        note=note,
        now=AFTER_DECEMBER,
    )


def _north(session: Session) -> tuple[Provider, list[int]]:
    """North: five quitters whose CO readings are all 3 ppm, taken by one advisor in 20 minutes."""
    provider_id, advisor = w.provider(session, "North")
    _staff(session, provider_id, "north")
    people = []
    for n in range(5):
        person = w.person(session, provider_id)
        w.outcome(session, person, 28)
        w.reading(session, person, advisor, 29, 3, at=w.noon(29) + timedelta(minutes=5 * n))
        people.append(person)
    ledger.derive(session=session, now=w.noon(30))  # recorded in December
    provider = session.get(Provider, provider_id)
    assert provider is not None
    return provider, people


def test_a_claim_is_submitted_flagged_approved_and_paid(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        north, _ = _north(session)
        with pytest.raises(claims.ClaimRefused, match="has not ended"):
            _submit(session, north, now=w.noon(30))
        claim = _submit(session, north, "Lead@North.example")
    kinds = {f["kind"]: f for f in claim.flags}
    assert kinds["same_co_value"]["evidence"]["ppm"] == 3
    assert len(kinds["same_co_value"]["evidence"]["record_ids"]) == 5
    assert kinds["reading_burst"]["evidence"]["advisor_id"] is not None
    assert "claimed_by_two_providers" not in kinds
    # 5 x (engaged by the reading 20 + quit date 0 + self-reported 40 + CO-verified 120)
    assert (claim.entries, claim.total_pence) == (20, 5 * 18000)
    with Session(engine) as session, session.begin():
        with pytest.raises(claims.ClaimRefused, match="already claimed"):
            _submit(session, north)
        with pytest.raises(claims.ClaimRefused, match="not an active commissioner"):
            _decide(session, claim, "lead@north.example")
        decided = _decide(session, claim, note="flags checked with the provider")
        assert decided.status == "approved"
        ids = [r.id or 0 for r in session.exec(select(LedgerEntry))]
        assert set(ledger.statuses(session=session, entry_ids=ids).values()) == {"approved"}
        assert (
            claims.paid(
                session=session,
                claim_id=claim.id or 0,
                commissioner_email="cara@icb.example",
                now=AFTER_DECEMBER,
            )
            == 20
        )
        assert set(ledger.statuses(session=session, entry_ids=ids).values()) == {"paid"}
        paid = session.get(Claim, claim.id)
        assert paid is not None
        assert (paid.status, paid.paid_by, paid.paid_at) == (
            "paid",
            "cara@icb.example",
            AFTER_DECEMBER,
        )


def test_a_claim_is_recorded_as_paid_once(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        north, _ = _north(session)
        claim = _submit(session, north)
        with pytest.raises(claims.ClaimRefused, match="only an approved claim is paid"):
            claims.paid(
                session=session,
                claim_id=claim.id or 0,
                commissioner_email="cara@icb.example",
                now=AFTER_DECEMBER,
            )
        _decide(session, claim)
        pay = {
            "session": session,
            "claim_id": claim.id or 0,
            "commissioner_email": "cara@icb.example",
            "now": AFTER_DECEMBER,
        }
        assert claims.paid(**pay) == 20  # type: ignore[arg-type]
        with pytest.raises(
            claims.ClaimRefused,
            match=r"already recorded as paid \(2027-01-02 09:00 UTC by cara@icb.example\)",
        ):
            claims.paid(**pay)  # type: ignore[arg-type]
        with pytest.raises(claims.ClaimRefused, match="already paid"):
            _decide(session, claim)


def test_a_rejected_month_is_submitted_again_with_fresh_flags_and_the_rejection_kept(
    engine: Engine,
) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        north, _ = _north(session)
        first = _submit(session, north)
        assert "same_co_value" in {f["kind"] for f in first.flags}
        _decide(session, first, approve=False, note="CO readings look copied")
    with Session(engine, expire_on_commit=False) as session, session.begin():
        # The lead reverses a suspect row after the rejection; the month is claimed again.
        provider = session.get(Provider, north.id)
        assert provider is not None
        row = session.exec(
            select(LedgerEntry).where(col(LedgerEntry.milestone) == "4_week_co_verified")
        ).first()
        assert row is not None and row.id is not None
        ledger.reverse(
            session=session,
            entry_id=row.id,
            reason="reading not taken",
            made_by="lead@north.example",
            now=AFTER_DECEMBER,
        )
        again = _submit(session, provider, now=AFTER_DECEMBER + timedelta(days=1))
        assert (again.id, again.status, again.decided_by, again.decision_note) == (
            first.id,
            "submitted",
            None,
            "",
        )
        assert again.submitted_at == AFTER_DECEMBER + timedelta(days=1)
        (kept,) = claims.rejections(session=session, claim_id=again.id or 0)
        assert (kept.decided_by, kept.decision_note, kept.entries) == (
            "cara@icb.example",
            "CO readings look copied",
            20,
        )
        assert "same_co_value" in {f["kind"] for f in kept.flags}
        with pytest.raises(claims.ClaimRefused, match="already claimed 2026-12"):
            _submit(session, provider)  # one live claim per provider and month
        assert _decide(session, again).status == "approved"
        assert len(list(session.exec(select(Claim)))) == 1


def test_whoever_submits_a_claim_cannot_approve_it(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        north, _ = _north(session)
        session.add(
            Commissioner(email="lead@north.example", password_hash="x", created_at=w.noon(0))
        )
        claim = _submit(session, north)
        with pytest.raises(claims.ClaimRefused, match="cannot decide"):
            _decide(session, claim, "lead@north.example")
        with pytest.raises(claims.ClaimRefused, match="say why"):
            _decide(session, claim, approve=False, note=" ")


def test_a_person_claimed_by_two_providers_is_flagged(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        north, people = _north(session)
        south_id, _ = w.provider(session, "South")
        _lead(session, south_id, "south")
        moved = session.get(Participant, people[0])
        assert moved is not None
        moved.provider_id = south_id  # re-allocated; South records their 12-week quit
        session.add(moved)
        w.outcome(session, people[0], 84, kind="12_week")
        ledger.derive(session=session, now=w.noon(30) + timedelta(hours=1))
        south = session.get(Provider, south_id)
        assert south is not None
        claim = _submit(session, south, "lead@south.example")
        theirs = list(
            session.exec(select(LedgerEntry).where(col(LedgerEntry.provider_id) == south_id))
        )
    (flag,) = [f for f in claim.flags if f["kind"] == "claimed_by_two_providers"]
    assert flag["evidence"]["other_provider_ids"] == [north.id]
    assert flag["evidence"]["pseudonym"] == theirs[0].pseudonym


def test_a_statement_shows_each_rows_status_after_approval(engine: Engine) -> None:
    import csv
    import io

    from bot.ledger import statement

    with Session(engine, expire_on_commit=False) as session, session.begin():
        north, _ = _north(session)
        claim = _submit(session, north)
        _decide(session, claim)
        first = session.exec(select(LedgerEntry).order_by(col(LedgerEntry.id))).first()
        assert first is not None and first.id is not None
        ledger.reverse(
            session=session,
            entry_id=first.id,
            reason="duplicate person",
            made_by="cara",
            now=w.noon(30) + timedelta(hours=2),
        )
        rows = list(csv.DictReader(io.StringIO(statement(session, north, "2026-12"))))
    statuses = [r["status"] for r in rows if r["entry"] == "claim"]
    assert statuses.count("approved") == 19 and statuses.count("reversed") == 1
    total = next(r for r in rows if r["entry"] == "total")
    assert total["amount_gbp"] == f"{(5 * 18000 - first.amount_pence) / 100:.2f}"
