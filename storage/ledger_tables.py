"""The milestone ledger's tables: quit attempts, tariffs, the append-only ledger and its status
events, monthly claims, commissioners and the deprivation lookups.

Imported from the bottom of storage/tables.py so they are registered wherever the others are.
`ledger_entry` and `ledger_status` are append-only: the ORM refuses to flush a change or a
delete (storage/ledger.py) and the database refuses one too (triggers made by migration 0009).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


def _utc(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


class QuitAttempt(SQLModel, table=True):
    """A quit date set: a new attempt (episode) began. Written by the runner, in the same
    transaction as the step that set it; the evidence for the quit-date milestone."""

    __tablename__ = "quit_attempt"
    __table_args__ = (UniqueConstraint("participant_id", "attempt", name="uq_quit_attempt"),)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    attempt: int
    quit_date: date
    set_at: datetime = _utc()
    message_id: int | None = Field(default=None, foreign_key="message.id")  # the YES


class LedgerKey(SQLModel, table=True):
    """The key participant pseudonyms are made with (HMAC-SHA256), made once by migration 0009.
    A ledger export carries pseudonyms only; without this key they cannot be linked back."""

    __tablename__ = "ledger_key"

    id: int | None = Field(default=None, primary_key=True)
    secret: str = Field(max_length=128)


class TariffRow(SQLModel, table=True):
    """One version of a provider's tariff, as loaded from TOML (the text kept as evidence)."""

    __tablename__ = "tariff"
    __table_args__ = (UniqueConstraint("provider_id", "version", name="uq_tariff_version"),)

    id: int | None = Field(default=None, primary_key=True)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    version: str = Field(max_length=40)
    effective_from: date
    source: str = Field(sa_column=Column(Text, nullable=False))
    loaded_at: datetime = _utc()


class LedgerEntry(SQLModel, table=True):
    """A milestone reached (entry "claim") or the reversal of one (entry "reversal", with a
    negative amount, the reason and who). Never updated or deleted; unique per person,
    attempt, milestone and entry, so recording a milestone twice pays it once."""

    __tablename__ = "ledger_entry"
    __table_args__ = (
        UniqueConstraint(
            "pseudonym", "attempt", "milestone", "entry", name="uq_ledger_attempt_milestone"
        ),
        Index("ix_ledger_provider_reached", "provider_id", "reached_at"),
        # A month's statement and its statuses (index only), and "is this reversed?".
        Index("ix_ledger_provider_recorded", "provider_id", "recorded_at", "id"),
        Index("ix_ledger_reverses", "reverses_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    pseudonym: str = Field(max_length=64, index=True)  # HMAC of the participant id
    provider_id: int = Field(foreign_key="provider.id")
    attempt: int
    milestone: str = Field(max_length=32)
    entry: str = Field(default="claim", max_length=16)  # "claim" or "reversal"
    reached_at: datetime = _utc()
    recorded_at: datetime = _utc()
    tariff_version: str = Field(default="", max_length=40)  # "" when no tariff was in force
    base_pence: int = 0
    uplift_pence: int = 0
    amount_pence: int = 0
    uplift_reasons: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    definition: str = Field(default="", max_length=120)
    advisor_id: int | None = Field(default=None, foreign_key="advisor.id")
    co_ppm: int | None = None
    co_taken_at: datetime | None = _utc(nullable=True)
    message_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    evidence: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    reverses_id: int | None = Field(default=None, foreign_key="ledger_entry.id")
    reason: str = Field(default="", max_length=500)
    made_by: str = Field(default="ledger", max_length=254)  # "ledger" (derived) or who


class LedgerStatus(SQLModel, table=True):
    """A ledger entry's status moving on: approved (a claim was approved) or paid. Append-only;
    an entry with no status row is provisional, and one with a reversal is reversed."""

    __tablename__ = "ledger_status"
    __table_args__ = (UniqueConstraint("entry_id", "status", name="uq_ledger_status"),)

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="ledger_entry.id", index=True)
    status: str = Field(max_length=16)  # "approved" or "paid"
    claim_id: int | None = Field(default=None, foreign_key="claim.id")
    made_by: str = Field(max_length=254)
    at: datetime = _utc()


class Claim(SQLModel, table=True):
    """A provider's claim for one month's milestones: submitted by a lead, approved or
    rejected by a commissioner (never the same person), with the flags found at submission,
    then recorded as paid. One per provider and month: a rejected claim may be submitted again
    (the same claim, fresh flags), its rejected submission kept in `claim_rejection`."""

    __tablename__ = "claim"
    __table_args__ = (UniqueConstraint("provider_id", "month", name="uq_claim_month"),)

    id: int | None = Field(default=None, primary_key=True)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    month: str = Field(max_length=7)  # YYYY-MM
    # submitted -> approved -> paid, or submitted -> rejected (-> submitted again)
    status: str = Field(default="submitted", max_length=16)
    entries: int = 0
    total_pence: int = 0
    flags: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    submitted_by: str = Field(max_length=254)
    submitted_at: datetime = _utc()
    decided_by: str | None = Field(default=None, max_length=254)
    decided_at: datetime | None = _utc(nullable=True)
    decision_note: str = Field(default="", max_length=500)
    paid_by: str | None = Field(default=None, max_length=254)
    paid_at: datetime | None = _utc(nullable=True)


class ClaimRejection(SQLModel, table=True):
    """A claim's submission that a commissioner rejected, kept as it was when the lead
    submitted the month again (the claim then carries the new submission). Never changed."""

    __tablename__ = "claim_rejection"

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True)
    entries: int = 0
    total_pence: int = 0
    flags: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    submitted_by: str = Field(max_length=254)
    submitted_at: datetime = _utc()
    decided_by: str = Field(max_length=254)
    decided_at: datetime = _utc()
    decision_note: str = Field(default="", max_length=500)


class Commissioner(SQLModel, table=True):
    """A commissioner login: every provider's ledger, claims and reports, never a transcript.
    Its own table, so no advisor row (which always has a provider) can become one."""

    __tablename__ = "commissioner"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True)  # stored lower-case
    password_hash: str = Field(max_length=255)  # argon2id, see bot/passwords.py
    active: bool = True
    created_at: datetime = _utc()


class PostcodeArea(SQLModel, table=True):
    """A postcode's small areas (LSOA 2011 and 2021) from the ONS postcode directory."""

    __tablename__ = "postcode_area"

    postcode: str = Field(primary_key=True, max_length=8)  # upper case, no spaces
    lsoa11: str = Field(default="", max_length=9)
    lsoa21: str = Field(default="", max_length=9)
    terminated: bool = False
    edition: str = Field(max_length=60)  # e.g. "ONSPD_NOV_2025"


class AreaDeprivation(SQLModel, table=True):
    """A small area's IMD decile (1 = most deprived) in one nation's index, with its edition.
    `geography` is the LSOA vintage the index uses ("2011" for IoD2019 and WIMD 2019,
    "2021" for IoD2025)."""

    __tablename__ = "area_deprivation"

    lsoa: str = Field(primary_key=True, max_length=9)
    geography: str = Field(primary_key=True, max_length=4)
    decile: int
    nation: str = Field(max_length=8)  # "england" or "wales"
    edition: str = Field(max_length=60)  # e.g. "IoD2019", "WIMD2019"
