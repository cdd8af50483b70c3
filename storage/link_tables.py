"""The tables of LINK: one-time codes that join another channel to a person, and failed tries."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


def _utc(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


class LinkCode(SQLModel, table=True):
    """A code a person asked for with LINK: only its keyed hash is kept, never the code.

    Live until `expires_at` and used at most once (`used_at`); a newer code for the same
    person replaces an unused older one.
    """

    __tablename__ = "link_code"

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    code_hash: str = Field(max_length=64, unique=True)  # HMAC-SHA256, hex
    channel: str = Field(max_length=16)  # where it was asked for
    created_at: datetime = _utc()
    expires_at: datetime = _utc(index=True)
    used_at: datetime | None = _utc(nullable=True)
    used_channel: str | None = Field(default=None, max_length=16)


class LinkAttempt(SQLModel, table=True):
    """Wrong codes sent from one address: after a few, codes from it are refused for a while."""

    __tablename__ = "link_attempt"
    __table_args__ = (UniqueConstraint("channel", "address", name="uq_link_attempt_address"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    address: str = Field(max_length=128)
    failures: int = 0
    first_failed_at: datetime = _utc()
    locked_until: datetime | None = _utc(nullable=True)
