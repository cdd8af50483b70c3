"""What the advisor console calls: the queue, a participant's page, take over, reply, hand back.

Every function takes the acting advisor (`Acting`) and is scoped to that advisor's provider: a
participant, request or canned reply of another provider (or one that does not exist) raises
`NotFound`, the same either way, so nothing about other providers leaks. No web code here: the
console writes routes, sessions, CSRF and the audit log, and calls these.

Owner changes (take over, reply, hand back, lease ending) are events that go through the
runner's one transaction (see bot/runner.py and flows/owner.py); what an advisor writes to a
participant leaves through the outbox like every other message (same retries, segment counter
and STOP rules), recorded with the advisor's id.

Mutating functions are async (they kick the dispatcher after the commit); reads are async too,
so the console can call everything the same way (they run in a worker thread).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class NotFound(Exception):
    """No such participant, request or canned reply for this advisor's provider (404)."""


class NotAllowed(Exception):
    """The advisor may not do this (not a lead; another advisor holds the conversation; the
    advisor is disabled; the participant has opted out of messages) (403/409)."""


class Invalid(ValueError):
    """The input cannot be used (empty text, a CO reading out of range, a future date); the
    message says why, in words an advisor understands (422)."""


class View(StrEnum):
    """Which queue entries to list."""

    MINE = "mine"  # conversations I hold
    WAITING = "waiting"  # waiting for a person (nobody holds them yet)
    ALL = "all"  # waiting and held, of my provider


@dataclass(frozen=True, slots=True)
class Acting:
    """The advisor doing something (the console builds it from the session)."""

    advisor_id: int
    provider_id: int
    email: str
    role: str  # "advisor" or "lead"

    @property
    def lead(self) -> bool:
        return self.role == "lead"


@dataclass(frozen=True, slots=True)
class QueueEntry:
    """One participant waiting for, or held by, a person."""

    request_id: int
    participant_id: int
    reason: str  # flows.AdvisorReason value ("asked", "crisis", "cravings", ...)
    urgent: bool
    status: str  # "open" (waiting) or "held"
    waiting_since: datetime  # aware UTC
    held_by: int | None  # advisor id
    held_by_email: str | None
    lease_until: datetime | None
    channel: str  # where they last wrote from ("sms", "telegram", "web", "local")
    locale: str  # "en_GB" or "cy"
    note: str  # what the advisor must know first ("phone them: SMS is blocked")
    last_message_at: datetime | None


@dataclass(frozen=True, slots=True)
class TranscriptEntry:
    """One line of a participant's thread, told apart by `kind`.

    kind: "participant" (they wrote), "bot", "advisor" (a reply; `advisor_id` set), "note" (a
    private note, never sent), "marker" (an owner change: taken over, handed back, lease ended;
    `body` says which in plain English), "event" (first appointment, CO reading).
    """

    id: str  # unique across kinds, e.g. "m123", "n5", "o7", "c2"
    kind: str
    at: datetime  # aware UTC; the console shows it in the advisor's zone
    body: str
    advisor_id: int | None = None
    advisor_email: str | None = None
    status: str | None = None  # outbound: queued, sending, sent, delivered, failed, withheld
    channel: str | None = None
    segments: int | None = None  # SMS segments of an outbound SMS


@dataclass(frozen=True, slots=True)
class Owner:
    """Who owns a conversation now."""

    kind: str  # "bot", "waiting" or "advisor"
    advisor_id: int | None = None
    reason: str | None = None  # why a person is needed (waiting/advisor)
    urgent: bool = False
    since: datetime | None = None
    lease_until: datetime | None = None


@dataclass(frozen=True, slots=True)
class PlannedMessage:
    """A planned wake-up still to come."""

    kind: str  # flows.programme.Due value ("check_in", "quit_day", ...)
    day: int  # programme day
    due_at: datetime


@dataclass(frozen=True, slots=True)
class SafetyRecord:
    """A safety screen that fired."""

    concern: str
    category: str
    at: datetime
    message: str | None  # the words that raised it


@dataclass(frozen=True, slots=True)
class OutcomeRecord:
    """A follow-up outcome of one attempt."""

    attempt: int
    kind: str  # "4_week" or "12_week"
    result: str
    quit_date: date
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class ClinicalRecord:
    """A first appointment or a CO reading an advisor recorded."""

    id: int
    kind: str  # "first_appointment" or "co_reading"
    attempt: int
    at: datetime  # when it happened
    ppm: int | None
    device: str
    note: str
    advisor_id: int
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class ParticipantView:
    """Everything the participant page shows."""

    participant_id: int
    owner: Owner
    stage: str
    locale: str
    timezone: str
    channel: str | None  # where they last wrote from
    opted_out: bool
    paused: bool
    profile: dict[str, object]  # flows.Profile as plain values (None for skipped answers)
    roster: str | None  # read back in plain English
    quiet_hours: str | None
    quit_date: date | None
    attempt: int
    transcript: list[TranscriptEntry]
    outcomes: list[OutcomeRecord]
    clinical: list[ClinicalRecord]
    upcoming: list[PlannedMessage]
    safety_events: list[SafetyRecord]
    unrecognised: list[TranscriptEntry]  # messages the bot could not read


@dataclass(frozen=True, slots=True)
class CannedReply:
    """A provider's ready-written reply, in one language."""

    id: int
    locale: str
    title: str
    body: str
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class AdvisorState:
    """An advisor's availability, for the queue page."""

    advisor_id: int
    email: str
    role: str
    online: bool
    capacity: int  # conversations they can hold at once
    holding: int  # conversations they hold now


class Handover:
    """The console's service: every function is provider-scoped (see the module doc)."""

    async def advisor(self, advisor_id: int) -> Acting | None:
        """The active advisor with this id (None if unknown or disabled): for the session."""
        raise NotImplementedError

    async def queue(
        self, acting: Acting, *, view: View = View.ALL, limit: int = 200
    ) -> list[QueueEntry]:
        """The provider's queue: urgent first, then the longest waiting first."""
        raise NotImplementedError

    async def waiting_count(self, acting: Acting) -> int:
        """How many of the provider's people wait for a person (the page title's count)."""
        raise NotImplementedError

    async def participant(self, acting: Acting, participant_id: int) -> ParticipantView:
        """The participant page's data. NotFound for another provider's participant."""
        raise NotImplementedError

    async def transcript(
        self, acting: Acting, participant_id: int, *, after: datetime | None = None
    ) -> list[TranscriptEntry]:
        """The thread (or what came after `after`), oldest first: for live updates."""
        raise NotImplementedError

    async def stamp(self, acting: Acting) -> str:
        """A token that changes whenever anything the provider's console shows changes (a
        message in or out, an owner change, a note): the event stream polls it."""
        raise NotImplementedError

    async def take_over(self, acting: Acting, participant_id: int) -> Owner:
        """Take the conversation from the bot (or from the queue): the bot goes quiet, planned
        messages are withheld while held. NotAllowed if another advisor holds it."""
        raise NotImplementedError

    async def reply(self, acting: Acting, participant_id: int, text: str) -> int:
        """Send `text` to the participant on their own channel, as this advisor (the outbox
        row's id). The first reply takes the conversation over; each reply renews the lease.
        Invalid for empty text; NotAllowed when they opted out (STOP) or another holds it."""
        raise NotImplementedError

    async def private_note(self, acting: Acting, participant_id: int, text: str) -> int:
        """A note on the thread that the participant never sees."""
        raise NotImplementedError

    async def hand_back(self, acting: Acting, participant_id: int, *, feedback: str = "") -> None:
        """Give the conversation back to the bot: a marker in the thread, the flow carries on
        where it was, planned messages are planned again from now (nothing missed is sent
        late). `feedback`: the advisor's note on the handover, stored for reports.
        NotAllowed if this advisor does not hold it."""
        raise NotImplementedError

    async def record_first_appointment(
        self, acting: Acting, participant_id: int, *, at: datetime, note: str = ""
    ) -> int:
        """The first contact with a trained advisor (a payment milestone's evidence)."""
        raise NotImplementedError

    async def record_co_reading(
        self,
        acting: Acting,
        participant_id: int,
        *,
        ppm: int,
        taken_at: datetime,
        device: str,
        note: str = "",
    ) -> int:
        """A carbon monoxide reading: 0-100 ppm, not in the future, within the current attempt
        (on or after its quit date's preparation start). Invalid otherwise."""
        raise NotImplementedError

    async def canned_replies(
        self, acting: Acting, *, locale: str | None = None
    ) -> list[CannedReply]:
        """The provider's canned replies (in one language, or all)."""
        raise NotImplementedError

    async def add_canned_reply(self, acting: Acting, *, locale: str, title: str, body: str) -> int:
        """A new canned reply (leads only: NotAllowed otherwise)."""
        raise NotImplementedError

    async def edit_canned_reply(
        self, acting: Acting, reply_id: int, *, title: str, body: str
    ) -> None:
        """Change a canned reply (leads only)."""
        raise NotImplementedError

    async def handover_feedback(self, acting: Acting, participant_id: int, text: str) -> int:
        """The advisor's own feedback on a handover, stored for reports."""
        raise NotImplementedError

    async def set_availability(
        self, acting: Acting, *, online: bool, capacity: int | None = None
    ) -> AdvisorState:
        """Online or away (and, optionally, how many conversations they can hold)."""
        raise NotImplementedError

    async def team(self, acting: Acting) -> list[AdvisorState]:
        """The provider's active advisors with their availability and load."""
        raise NotImplementedError

    async def end_idle_leases(self) -> int:
        """Conversations whose advisor has been idle past the lease go back to the queue (the
        ticker calls this); returns how many."""
        raise NotImplementedError
