"""Monthly claims: what a lead submits and a commissioner approves, with the automatic flags.

Segregation of duties: the submitter is an active lead of the provider; the approver is an
active commissioner, and never the submitter. Approving a claim marks its entries approved
(a status row each); paying marks them paid and the claim paid, once. Nothing in the ledger
itself changes.

One claim per provider and month: a rejected one may be submitted again. The claim then
carries the new submission (fresh flags and totals, decided afresh); the rejected submission,
with its reason and flags, is kept in `claim_rejection`.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, func, select

from flows.claim_checks import Claimed, Rates, Reading, check
from flows.milestones import Definition, Milestone
from storage import ledger
from storage.ledger_tables import Claim, ClaimRejection, Commissioner, LedgerEntry
from storage.tables import Advisor, ClinicalRecord, Participant, Provider

COMPARE_OVER = timedelta(days=365)


class ClaimRefused(Exception):
    """A claim cannot be submitted, approved or paid as asked (the reason, one line)."""


def submit(
    *,
    session: Session,
    provider: Provider,
    month: str,
    lead_email: str,
    now: datetime,
    definition: Definition = ledger.DEFINITION,
) -> Claim:
    """Submit `provider`'s claim for `month` (after the month has ended), with its flags; or
    submit again a month whose claim was rejected (the rejected submission is kept)."""
    assert provider.id is not None
    lead = session.exec(
        select(Advisor).where(col(Advisor.email) == lead_email.strip().lower())
    ).first()
    if lead is None or not lead.active or lead.role != "lead" or lead.provider_id != provider.id:
        raise ClaimRefused(f"{lead_email} is not an active lead of {provider.name!r}")
    start, end = ledger.month_bounds(month, provider.timezone)
    if now < end:
        raise ClaimRefused(f"{month} has not ended yet: claim it from {end.date().isoformat()}")
    earlier = for_month(session=session, provider_id=provider.id, month=month)
    if earlier is not None and earlier.status != "rejected":
        raise ClaimRefused(
            f"{provider.name!r} has already claimed {month} (claim {earlier.id}, {earlier.status})"
        )
    ledger.derive(session=session, now=now, zone=provider.timezone, definition=definition)
    rows = ledger.month_entries(
        session=session, provider_id=provider.id, month=month, zone=provider.timezone
    )
    flags = flags_for(session=session, provider_id=provider.id, rows=rows, start=start, end=end)
    fresh: dict[str, Any] = {
        "status": "submitted",
        "entries": len(rows),
        "total_pence": sum(r.amount_pence for r in rows),
        "flags": [asdict(f) for f in flags],
        "submitted_by": lead.email,
        "submitted_at": now,
        "decided_by": None,
        "decided_at": None,
        "decision_note": "",
    }
    if earlier is None:
        claim = Claim(provider_id=provider.id, month=month, **fresh)
        session.add(claim)
        session.flush()
        return claim
    assert earlier.id is not None
    assert earlier.decided_by
    assert earlier.decided_at
    kept = ClaimRejection(  # the rejected submission, as it was (read before the update)
        claim_id=earlier.id,
        entries=earlier.entries,
        total_pence=earlier.total_pence,
        flags=list(earlier.flags),
        submitted_by=earlier.submitted_by,
        submitted_at=earlier.submitted_at,
        decided_by=earlier.decided_by,
        decided_at=earlier.decided_at,
        decision_note=earlier.decision_note,
    )
    # Only while it is still rejected: two leads submitting it again at once make one claim.
    # Refused before the claim or its history changes.
    moved = session.execute(
        update(Claim)
        .where(col(Claim.id) == earlier.id, col(Claim.status) == "rejected")
        .values(**fresh)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        raise ClaimRefused(f"{provider.name!r} has already claimed {month} (claim {earlier.id})")
    session.add(kept)
    session.flush()
    session.refresh(earlier)
    return earlier


def for_month(*, session: Session, provider_id: int, month: str) -> Claim | None:
    """The provider's claim for `month`, if one was made (there is at most one)."""
    return session.exec(
        select(Claim).where(col(Claim.provider_id) == provider_id, col(Claim.month) == month)
    ).first()


def rejections(*, session: Session, claim_id: int) -> list[ClaimRejection]:
    """A claim's earlier submissions that were rejected, oldest first."""
    return list(
        session.exec(
            select(ClaimRejection)
            .where(col(ClaimRejection.claim_id) == claim_id)
            .order_by(col(ClaimRejection.id))
        )
    )


def decide(
    *,
    session: Session,
    claim_id: int,
    commissioner_email: str,
    approve: bool,
    note: str,
    now: datetime,
) -> Claim:
    """A commissioner approves (entries approved) or rejects a submitted claim."""
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise ClaimRefused(f"no claim {claim_id}")
    who = _commissioner(session, commissioner_email)
    if who.email == claim.submitted_by:
        raise ClaimRefused("the person who submitted a claim cannot decide it")
    if claim.status != "submitted":
        raise ClaimRefused(f"claim {claim_id} is already {claim.status}")
    if not approve and not note.strip():
        raise ClaimRefused("say why the claim is rejected (--note)")
    claim.status = "approved" if approve else "rejected"
    claim.decided_by, claim.decided_at, claim.decision_note = who.email, now, note.strip()[:500]
    session.add(claim)
    if approve:
        ledger.mark(
            session=session,
            entry_ids=_entry_ids(session, claim),
            status=ledger.APPROVED,
            made_by=who.email,
            now=now,
            claim_id=claim.id,
        )
    session.flush()
    return claim


def paid(*, session: Session, claim_id: int, commissioner_email: str, now: datetime) -> int:
    """An approved claim was paid: the claim is paid and its entries are marked paid. Once:
    a claim already paid is refused, saying when and by whom."""
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise ClaimRefused(f"no claim {claim_id}")
    if claim.status == "paid":
        when = f"{claim.paid_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC" if claim.paid_at else "before"
        raise ClaimRefused(
            f"claim {claim_id} was already recorded as paid ({when} by {claim.paid_by})"
        )
    if claim.status != "approved":
        raise ClaimRefused(f"claim {claim_id} is {claim.status}: only an approved claim is paid")
    who = _commissioner(session, commissioner_email)
    # Only while it is still approved: a second request at the same moment pays nothing.
    moved = session.execute(
        update(Claim)
        .where(col(Claim.id) == claim_id, col(Claim.status) == "approved")
        .values(status="paid", paid_by=who.email, paid_at=now)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        raise ClaimRefused(f"claim {claim_id} was already recorded as paid")
    session.refresh(claim)
    return ledger.mark(
        session=session,
        entry_ids=_entry_ids(session, claim),
        status=ledger.PAID,
        made_by=who.email,
        now=now,
        claim_id=claim.id,
    )


def reversed_since(*, session: Session, claim: Claim) -> tuple[int, int]:
    """How many of a claim's rows were reversed after its month, and the pence those
    reversals take off (negative; each is in the statement of the month it was made in).
    A reversal made within the month is in the claim's own total already."""
    provider = session.get(Provider, claim.provider_id)
    assert provider is not None
    start, end = ledger.month_bounds(claim.month, provider.timezone)
    claimed = select(LedgerEntry.id).where(
        col(LedgerEntry.provider_id) == claim.provider_id,
        col(LedgerEntry.recorded_at) >= start,
        col(LedgerEntry.recorded_at) < end,
        col(LedgerEntry.entry) == ledger.CLAIM,
    )
    count, pence = session.exec(
        select(func.count(), func.coalesce(func.sum(LedgerEntry.amount_pence), 0)).where(
            col(LedgerEntry.reverses_id).in_(claimed), col(LedgerEntry.recorded_at) >= end
        )
    ).one()
    return int(count), int(pence)


def _commissioner(session: Session, email: str) -> Commissioner:
    who = session.exec(
        select(Commissioner).where(col(Commissioner.email) == email.strip().lower())
    ).first()
    if who is None or not who.active:
        raise ClaimRefused(f"{email} is not an active commissioner")
    return who


def _entry_ids(session: Session, claim: Claim) -> list[int]:
    provider = session.get(Provider, claim.provider_id)
    assert provider is not None
    rows = ledger.month_entries(
        session=session, provider_id=claim.provider_id, month=claim.month, zone=provider.timezone
    )
    return [r.id for r in rows if r.id is not None and r.entry == ledger.CLAIM]


def flags_for(
    *, session: Session, provider_id: int, rows: list[LedgerEntry], start: datetime, end: datetime
) -> list:  # type: ignore[type-arg]
    """The automatic checks on a month's rows."""
    readings = [
        Reading(r.id, r.advisor_id, r.ppm, r.happened_at)
        for r in session.exec(
            select(ClinicalRecord)
            .join(Participant, col(Participant.id) == col(ClinicalRecord.participant_id))
            .where(
                col(Participant.provider_id) == provider_id,
                col(ClinicalRecord.kind) == "co_reading",
                col(ClinicalRecord.happened_at) >= start,
                col(ClinicalRecord.happened_at) < end,
            )
        )
        if r.id is not None and r.ppm is not None
    ]
    claimed = [_claimed(r) for r in rows if r.entry == ledger.CLAIM]
    names = sorted({c.pseudonym for c in claimed})
    history: list[Claimed] = []
    others: list[Claimed] = []
    for chunk_start in range(0, len(names), 500):
        chunk = names[chunk_start : chunk_start + 500]
        for row in session.exec(
            select(LedgerEntry).where(
                col(LedgerEntry.pseudonym).in_(chunk), col(LedgerEntry.entry) == ledger.CLAIM
            )
        ):
            (history if row.provider_id == provider_id else others).append(_claimed(row))
    return check(
        provider_id=provider_id,
        readings=readings,
        claimed=claimed,
        history=history,
        others=others,
        rates=rates(session=session, since=end - COMPARE_OVER, until=end),
    )


def rates(*, session: Session, since: datetime, until: datetime) -> list[Rates]:
    """Every provider's quit dates, self-reported and CO-verified quits reached in a period
    (reversed ones left out)."""
    wanted = (
        Milestone.QUIT_DATE_SET.value,
        Milestone.FOUR_WEEK_SELF_REPORTED.value,
        Milestone.FOUR_WEEK_CO_VERIFIED.value,
    )
    reversed_ids = set(
        session.exec(
            select(LedgerEntry.reverses_id).where(col(LedgerEntry.reverses_id).is_not(None))
        )
    )
    counts: dict[int, dict[str, int]] = {}
    for entry_id, provider_id, milestone in session.exec(
        select(LedgerEntry.id, LedgerEntry.provider_id, LedgerEntry.milestone).where(
            col(LedgerEntry.entry) == ledger.CLAIM,
            col(LedgerEntry.milestone).in_(wanted),
            col(LedgerEntry.reached_at) >= since,
            col(LedgerEntry.reached_at) < until,
        )
    ):
        if entry_id in reversed_ids:
            continue
        counts.setdefault(provider_id, dict.fromkeys(wanted, 0))[milestone] += 1
    return [Rates(p, c[wanted[0]], c[wanted[1]], c[wanted[2]]) for p, c in sorted(counts.items())]


def _claimed(row: LedgerEntry) -> Claimed:
    assert row.id is not None
    return Claimed(
        row.id, row.pseudonym, row.attempt, row.milestone, row.reached_at, row.provider_id
    )
