"""The tables. Every timestamp is aware UTC and comes from the caller's clock, not the database."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint, text
from sqlalchemy import false as sa_false
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


def _utc(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


class Participant(SQLModel, table=True):
    """A person using quitbot (on any number of channels)."""

    __tablename__ = "participant"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = _utc()
    # The provider whose advisors look after them (allocated at registration; see the console).
    provider_id: int | None = Field(default=None, foreign_key="provider.id", index=True)


class ChannelAddress(SQLModel, table=True):
    """Where a participant can be reached: a phone number, a Telegram chat, a web chat session."""

    __tablename__ = "channel_address"
    __table_args__ = (UniqueConstraint("channel", "address", name="uq_channel_address"),)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    channel: str = Field(max_length=16)
    address: str = Field(max_length=128)
    created_at: datetime = _utc()


class ConversationRow(SQLModel, table=True):
    """A participant's conversation state, with a version for optimistic concurrency."""

    __tablename__ = "conversation"

    participant_id: int = Field(foreign_key="participant.id", primary_key=True)
    stage: str = Field(max_length=32, index=True)
    locale: str = Field(max_length=16)
    opted_out: bool = False
    state: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    version: int = 1
    updated_at: datetime = _utc()


class MessageRow(SQLModel, table=True):
    """The transcript: every message in and out. Outbound rows are also the outbox.

    Outbound status: queued -> sending -> sent -> delivered, or failed (refused, or no
    channel would take it for a day), or undelivered (the carrier said so later); unsure: the
    provider may have taken it (a timeout after the request went), checked before any resend;
    dropped: a planned message too late, or that would now land in the person's quiet hours
    or sleep (see bot/dispatcher.py).
    """

    __tablename__ = "message"
    __table_args__ = (
        # The dispatcher's claim, in the order it takes messages (one channel, replies before
        # planned messages, then due time): only unsent rows are in these indexes.
        Index(
            "ix_message_queue",
            "channel",
            "priority",
            "next_attempt_at",
            "id",
            postgresql_where=text("status = 'queued'"),
            sqlite_where=text("status = 'queued'"),
        ),
        Index(
            "ix_message_inflight",
            "channel",
            "next_attempt_at",
            postgresql_where=text("status IN ('sending', 'unsure')"),
            sqlite_where=text("status IN ('sending', 'unsure')"),
        ),
        # A person's unsent messages, for the claim's "nothing earlier of theirs is unsent".
        Index(
            "ix_message_unsent",
            "participant_id",
            "id",
            postgresql_where=text("status IN ('queued', 'sending', 'unsure')"),
            sqlite_where=text("status IN ('queued', 'sending', 'unsure')"),
        ),
        Index("ix_message_participant", "participant_id", "id"),
        # An advisor's resend of the same composer form is stored once (Handover.reply).
        Index("ux_message_advisor_key", "advisor_id", "client_key", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id")
    channel: str = Field(max_length=16)
    address: str = Field(max_length=128)
    direction: str = Field(max_length=3)  # "in" or "out"
    body: str = Field(sa_column=Column(Text, nullable=False))
    sent_by: str = Field(max_length=64)  # "participant", "bot" or "advisor:<id>"
    message_key: str | None = Field(default=None, max_length=64)
    locale: str | None = Field(default=None, max_length=16)
    has_media: bool = False
    status: str = Field(max_length=16)
    priority: int = 1  # 0: a reply to someone who just wrote; 1: a planned (bulk) message
    # A planned message: the moment its wake-up was due (checked again when it is sent late).
    planned_at: datetime | None = _utc(nullable=True)
    attempts: int = 0
    next_attempt_at: datetime | None = _utc(nullable=True)
    provider_id: str | None = Field(default=None, max_length=128, index=True)
    error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime = _utc()
    updated_at: datetime = _utc()
    # The advisor who wrote an outbound message (sent_by is then "advisor:<id>").
    advisor_id: int | None = Field(default=None, foreign_key="advisor.id")
    # A bot message sent whoever owns the conversation (STOP, START, safety replies); any
    # other bot message is withheld (status "withheld") while an advisor holds it.
    always_send: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})
    # An advisor's message: the key their composer form carried (unique per advisor), so a
    # resent form is stored and sent once.
    client_key: str | None = Field(default=None, max_length=64)
    # A bot question's quick replies as a JSON list of labels, as shown (Telegram's keyboard,
    # the web chat's buttons; never on SMS). "[]": the buttons shown before go away with this
    # message. NULL: it leaves them as they are.
    choices: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class InboundKey(SQLModel, table=True):
    """A provider's id for an inbound event we have already taken (Twilio MessageSid, Telegram
    update_id), so a retried webhook is answered once."""

    __tablename__ = "inbound_key"
    __table_args__ = (UniqueConstraint("channel", "provider_id", name="uq_inbound_key"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    provider_id: str = Field(max_length=128)
    received_at: datetime = _utc()


class JournalEntry(SQLModel, table=True):
    """An inbound message as its webhook took it, before the flows have seen it (the ingress
    journal). Written, committed and only then acknowledged; processors take waiting rows in
    order of `id`, one person's strictly in turn. `key` is the provider's id for the event
    (MessageSid, update_id; a generated one when the channel has none), unique per channel, so
    a retried webhook is a no-op. Once processed the row keeps only its key, its address and
    its outcome: the words are in the transcript (and erased there when they must be)."""

    __tablename__ = "inbound_journal"
    __table_args__ = (
        UniqueConstraint("channel", "key", name="uq_inbound_journal_key"),
        Index("ix_inbound_journal_waiting", "status", "id"),
        Index("ix_inbound_journal_person", "channel", "address", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    key: str = Field(max_length=160)
    provider_id: str | None = Field(default=None, max_length=128)  # as the transcript keeps it
    address: str = Field(max_length=128)
    body: str = Field(sa_column=Column(Text, nullable=False))
    has_media: bool = False
    carrier_opted_out: bool = False
    language_hint: str | None = Field(default=None, max_length=16)
    status: str = Field(max_length=8)  # waiting -> done, or failed (a fault, after retries)
    attempts: int = 0
    leased_until: datetime | None = _utc(nullable=True)
    received_at: datetime = _utc()
    processed_at: datetime | None = _utc(nullable=True)


class AdvisorRequest(SQLModel, table=True):
    """A participant waiting for a human advisor (the console's queue).

    Status: open (waiting) -> held (an advisor holds the conversation) -> closed (handed
    back); a held one whose lease ran out is open again. At most one open or held a person.
    """

    __tablename__ = "advisor_request"
    __table_args__ = (
        # The console's queue: its filter (status) and its order (urgent first, then the
        # longest waiting, then id), with the person it is about (storage/queue.py).
        Index(
            "ix_advisor_request_queue", "status", "urgent", "created_at", "id", "participant_id"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    reason: str = Field(max_length=32)
    urgent: bool = False
    status: str = Field(default="open", max_length=16, index=True)
    message_id: int | None = Field(default=None, foreign_key="message.id")
    # What the advisor must know before contacting them ("phone them: SMS is blocked").
    note: str = Field(default="", max_length=500, sa_column_kwargs={"server_default": ""})
    created_at: datetime = _utc()
    advisor_id: int | None = Field(default=None, foreign_key="advisor.id", index=True)
    lease_until: datetime | None = _utc(nullable=True)
    closed_at: datetime | None = _utc(nullable=True)


class SafetyEvent(SQLModel, table=True):
    """A safety screen that fired, with the message that fired it (the hazard log's evidence)."""

    __tablename__ = "safety_event"

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    concern: str = Field(max_length=32)
    # The kind of words that raised it ("act_taken", "phone_monitored"), for review.
    category: str = Field(default="", max_length=40, sa_column_kwargs={"server_default": ""})
    message_id: int | None = Field(default=None, foreign_key="message.id")
    created_at: datetime = _utc()


class Nudge(SQLModel, table=True):
    """A planned wake-up: a row, not an in-memory job. Stamped with the plan it belongs to, so a
    wake-up from an older plan is dropped when it comes due.

    Status: pending -> firing (leased) -> fired, dropped (stale) or cancelled.
    """

    __tablename__ = "nudge"
    __table_args__ = (
        Index("ix_nudge_due", "status", "due_at"),
        # One person's wake-ups by status, soonest first (NEXT, cancelling, re-planning): a
        # look down this index, never along every pending wake-up of everyone.
        Index("ix_nudge_person", "participant_id", "status", "due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id")
    kind: str = Field(max_length=32)
    day: int
    plan: int
    due_at: datetime = _utc()
    status: str = Field(default="pending", max_length=16)
    created_at: datetime = _utc()
    updated_at: datetime = _utc()


class OutcomeRow(SQLModel, table=True):
    """A follow-up outcome of one quit attempt, with its evidence. The milestone ledger reads
    these; one per attempt and kind, never updated (a correction is a new reversing record)."""

    __tablename__ = "outcome"
    __table_args__ = (
        UniqueConstraint("participant_id", "attempt", "kind", name="uq_outcome_attempt_kind"),
    )

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    attempt: int
    kind: str = Field(max_length=16)  # "4_week" or "12_week"
    result: str = Field(max_length=24)  # "quit", "not_quit" or "lost_to_follow_up"
    quit_date: date
    day: int  # programme day it was recorded on
    evidence: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    recorded_at: datetime = _utc()


class ExitSurvey(SQLModel, table=True):
    """A participant's answers to the exit survey (any may be skipped)."""

    __tablename__ = "exit_survey"

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    attempt: int
    ease: int | None = None
    helpful: int | None = None
    recommend: bool | None = None
    improve: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    recorded_at: datetime = _utc()


class Provider(SQLModel, table=True):
    """A stop-smoking service that employs advisors; every participant belongs to one."""

    __tablename__ = "provider"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120, unique=True)
    # When a person answers, e.g. "Mon-Fri 08:00-20:00, Sat 09:00-13:00", in `timezone`.
    hours: str = Field(default="Mon-Fri 09:00-17:00", max_length=200)
    timezone: str = Field(default="Europe/London", max_length=64)
    created_at: datetime = _utc()


class Advisor(SQLModel, table=True):
    """A provider's trained advisor (or lead), who signs in to the console."""

    __tablename__ = "advisor"

    id: int | None = Field(default=None, primary_key=True)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    email: str = Field(max_length=254, unique=True)  # stored lower-case
    role: str = Field(default="advisor", max_length=16)  # "advisor" or "lead"
    password_hash: str = Field(max_length=255)  # argon2id, see bot/passwords.py
    active: bool = True
    created_at: datetime = _utc()
    online: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})
    capacity: int = Field(default=5, sa_column_kwargs={"server_default": "5"})


class OwnerChange(SQLModel, table=True):
    """Who owned a conversation from when, and why (append-only): bot, waiting, advisor."""

    __tablename__ = "owner_change"

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    before: str = Field(max_length=16)
    after: str = Field(max_length=16)
    advisor_id: int | None = Field(default=None, foreign_key="advisor.id")  # owner after
    by_advisor_id: int | None = Field(default=None, foreign_key="advisor.id")  # who did it
    reason: str | None = Field(default=None, max_length=32)  # why a person is needed
    urgent: bool = False
    why: str = Field(max_length=64)  # "taken over", "handed back", "a person asked for", ...
    created_at: datetime = _utc()


class ConversationNote(SQLModel, table=True):
    """An advisor's private note on a thread, or their feedback on a handover (never sent)."""

    __tablename__ = "conversation_note"

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    advisor_id: int = Field(foreign_key="advisor.id")
    kind: str = Field(max_length=16)  # "note" or "feedback"
    body: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = _utc()


class ClinicalRecord(SQLModel, table=True):
    """A first appointment or a CO reading an advisor recorded: evidence the milestone ledger
    reads. Never updated (a correction is a new record)."""

    __tablename__ = "clinical_record"

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    advisor_id: int = Field(foreign_key="advisor.id")
    attempt: int
    kind: str = Field(max_length=24)  # "first_appointment" or "co_reading"
    happened_at: datetime = _utc()
    ppm: int | None = None
    device: str = Field(default="", max_length=80)
    note: str = Field(default="", max_length=500)
    recorded_at: datetime = _utc()


class CannedReply(SQLModel, table=True):
    """A provider's ready-written reply, in one language (edited by a lead)."""

    __tablename__ = "canned_reply"

    id: int | None = Field(default=None, primary_key=True)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    locale: str = Field(max_length=16)
    title: str = Field(max_length=80)
    body: str = Field(sa_column=Column(Text, nullable=False))
    updated_by: int | None = Field(default=None, foreign_key="advisor.id")
    created_at: datetime = _utc()
    updated_at: datetime = _utc()


# The advisor console's tables (sessions, login attempts, audit log) live in their own module.
from storage.console_tables import (  # noqa: E402, F401
    AuditEntry,
    CommissionerSession,
    ConsoleDraft,
    ConsoleSession,
    LoginAttempt,
)

# The milestone ledger's tables (attempts, tariffs, ledger, claims, commissioners, IMD lookups).
from storage.ledger_tables import (  # noqa: E402, F401
    AreaDeprivation,
    Claim,
    ClaimRejection,
    Commissioner,
    LedgerEntry,
    LedgerKey,
    LedgerStatus,
    PostcodeArea,
    QuitAttempt,
    TariffRow,
)

# LINK's tables (one-time codes, failed tries).
from storage.link_tables import LinkAttempt, LinkCode  # noqa: E402, F401
