"""The advisor console's own tables: server-side sessions (advisors' and commissioners'), login
attempts (the throttle) and the append-only audit log. Imported from the bottom of
storage/tables.py so they are registered wherever the other tables are."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


def _utc(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


class ConsoleSession(SQLModel, table=True):
    """A signed-in advisor. The browser holds a random id; only its SHA-256 is stored here.

    A session ends (ended_at set, with why) at logout, after 30 idle minutes, 12 hours after it
    began, or when a lead or the CLI ends it. An ended session is never resumed.
    """

    __tablename__ = "console_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    advisor_id: int = Field(foreign_key="advisor.id", index=True)
    created_at: datetime = _utc()
    last_seen_at: datetime = _utc()
    ended_at: datetime | None = _utc(nullable=True)
    end_reason: str = Field(default="", max_length=16)  # logout, idle, expired, ended_by, login
    address: str = Field(default="", max_length=64)
    # When a console page of this session last had its live connection open (each event
    # stream marks it every minute): an advisor whose pages are all closed is not counted as
    # online, whatever they chose, until a page is open again.
    present_at: datetime | None = _utc(nullable=True)


class ConsoleDraft(SQLModel, table=True):
    """What an advisor was writing to a participant (a reply or a private note) when their
    session ended under them (30 idle minutes, 12 hours): kept for that advisor alone, put
    back in the composer once they have signed in again, then deleted. One per advisor and
    participant; never sent by itself."""

    __tablename__ = "console_draft"
    __table_args__ = (
        UniqueConstraint("advisor_id", "participant_id", name="uq_console_draft_owner"),
    )

    id: int | None = Field(default=None, primary_key=True)
    advisor_id: int = Field(foreign_key="advisor.id")
    participant_id: int  # no foreign key: removed with the person (storage/retention.py)
    kind: str = Field(max_length=8)  # reply or note
    body: str = Field(max_length=1600)
    saved_at: datetime = _utc()


class CommissionerSession(SQLModel, table=True):
    """A signed-in commissioner, kept apart from advisors' sessions (as their logins are): an
    advisor's cookie never signs a commissioner in, nor the other way round. Same rules: only
    the SHA-256 of the browser's random id, 30 idle minutes, 12 hours, never resumed."""

    __tablename__ = "commissioner_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    commissioner_id: int = Field(foreign_key="commissioner.id", index=True)
    created_at: datetime = _utc()
    last_seen_at: datetime = _utc()
    ended_at: datetime | None = _utc(nullable=True)
    end_reason: str = Field(default="", max_length=16)  # logout, idle, expired, inactive, login
    address: str = Field(default="", max_length=64)


class LoginAttempt(SQLModel, table=True):
    """One try at signing in to the console, kept for throttling (shared by every process).

    `account` is the email as typed, lower-cased (whether or not such an advisor exists);
    `address` is the client address it came from (an IPv6 client by its /64).
    """

    __tablename__ = "login_attempt"
    __table_args__ = (
        Index("ix_login_attempt_account", "account", "at"),
        Index("ix_login_attempt_address", "address", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    account: str = Field(max_length=254)
    address: str = Field(max_length=64)
    succeeded: bool
    at: datetime = _utc()


class AuditEntry(SQLModel, table=True):
    """Who (an advisor or a commissioner) did or saw what, about which participant or
    provider, when and from where. Append-only: the database refuses to change or delete a
    row (triggers made by migration 0008)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_participant", "participant_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _utc(index=True)
    advisor_id: int | None = Field(default=None, index=True)  # None: nobody, or a commissioner
    commissioner_id: int | None = Field(default=None, index=True)  # a commissioner's entries
    provider_id: int | None = None
    action: str = Field(max_length=40)  # e.g. login, login_failed, view_queue, view_participant
    participant_id: int | None = None  # no foreign key: the record outlives what it is about
    detail: str = Field(default="", max_length=200)
    address: str = Field(default="", max_length=64)
