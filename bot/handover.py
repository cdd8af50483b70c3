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

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from enum import Enum, StrEnum
from typing import Any, TypeVar

import anyio
from sqlalchemy import Engine, Row, func
from sqlmodel import Session, col, select

from bot.changes import Changes
from bot.runner import Runner
from flows import Conversation
from flows.events import AdvisorReplied, AdvisorTookOver, Event, HandedBack, LeaseEnded
from flows.shifts import summary
from messages import catalog as m
from messages.render import LOCALES, format_param
from messages.sms import sms_cost
from scheduler import Clock
from storage import conversations, nudges, outbox, owners, participants, providers, transcript
from storage import queue as queue_rows
from storage.tables import (
    Advisor,
    AdvisorRequest,
    ConversationNote,
    MessageRow,
    OutcomeRow,
    OwnerChange,
    Participant,
    SafetyEvent,
)
from storage.tables import (
    CannedReply as CannedReplyRow,
)
from storage.tables import (
    ClinicalRecord as ClinicalRow,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_LEASE = timedelta(minutes=30)
REPLY_LIMIT = 1600  # ten SMS segments: an advisor's reply, at most
REPLY_KEY = re.compile(r"[\x21-\x7e]{1,64}")  # a composer form's own key (Handover.reply)
NOTE_LIMIT = 4000
LINK_CODE_HIDDEN = "[a LINK code for the person to join another phone or app; not shown]"
CO_PPM_MAX = 100
# A CO reading belongs to the attempt from two weeks before its quit date (a baseline at the
# first appointment) to the end of the longest programme (26 weeks).
ATTEMPT_BEFORE, ATTEMPT_AFTER = timedelta(days=14), timedelta(days=182)
FUTURE_SLACK = timedelta(minutes=5)  # clocks differ a little
# Replies after which the bot had not understood (the page's "unrecognised messages").
_NOT_READ = ("any.not_understood", "any.not_understood_again", "any.text_only")


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
    last_message_at: datetime | None  # their last message in (None if they never wrote)
    # Their first message in since an advisor last replied (and since this entry opened):
    # they are waiting for an answer from then. None when nothing they wrote is unanswered.
    unanswered_since: datetime | None = None
    last_reply_at: datetime | None = None  # an advisor's last reply to them (any advisor)
    last_text: str | None = None  # their last message in (None if they never wrote)
    last_safety: bool = False  # the safety screen fired on it: the queue never shows its words


@dataclass(frozen=True, slots=True)
class QueuePage:
    """One page of the queue and the whole queue's counts, read in one transaction."""

    entries: list[QueueEntry]
    waiting: int  # the provider's people waiting for a person (all of them, not the page's)
    unanswered: int  # conversations the advisor holds where the person waits for their reply
    in_view: int  # entries in this view altogether
    more: bool  # there are entries after this page


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
    key: str | None = None  # a bot message's catalog key ("any.not_understood")


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
    # Every channel they reach us on (LINK joins more), oldest first.
    channels: tuple[str, ...] = ()


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
    online: bool  # chose online, and a console page is open (see `PRESENT_FOR`)
    capacity: int  # conversations they can hold at once
    holding: int  # conversations they hold now
    chose_online: bool = False  # what they chose, whether or not a page is open


class _AlreadySent(Exception):
    """A reply with this form key was stored before: its message id."""

    def __init__(self, message_id: int | None) -> None:
        super().__init__(message_id)
        self.id = message_id or 0


class _Skip(Exception):
    """Nothing to do after all (a lease renewed meanwhile)."""


class Handover:
    """The console's service: every function is provider-scoped (see the module doc)."""

    def __init__(
        self,
        *,
        engine: Engine,
        clock: Clock,
        runner: Runner,
        lease: timedelta = DEFAULT_LEASE,
        reader: Engine | None = None,
        changes: Changes | None = None,
    ) -> None:
        self._engine = engine
        # Reads go through `reader` (on SQLite, connections that never take the write lock).
        self._reader = reader or engine
        self._changes = changes
        self._clock = clock
        self._runner = runner
        self._lease = lease

    # --- helpers ---------------------------------------------------------------------------

    async def _read(self, work: Callable[[Session], T]) -> T:
        def run() -> T:
            with Session(self._reader, expire_on_commit=False) as session, session.begin():
                return work(session)

        return await anyio.to_thread.run_sync(run)

    async def _write(self, work: Callable[[Session], T]) -> T:
        """`work` in one transaction on the writing engine, committed when it returns."""

        def run() -> T:
            with Session(self._engine, expire_on_commit=False) as session, session.begin():
                return work(session)

        return await anyio.to_thread.run_sync(run)

    def _changed(self, participant_id: int, acting: Acting) -> None:
        """A note or a record was committed: their page's live thread looks again."""
        if self._changes is not None:
            self._changes.changed(participant_id, acting.provider_id, queue=False)

    def _scope(self, session: Session, acting: Acting, participant_id: int) -> None:
        """NotFound unless the participant is this advisor's provider's; NotAllowed if the
        advisor has been disabled or moved since signing in."""
        # One statement for both: the advisor's standing and the participant's provider.
        found = session.exec(
            select(Advisor.active, Advisor.provider_id, Participant.provider_id)
            .select_from(Advisor)
            .outerjoin(Participant, col(Participant.id) == participant_id)
            .where(col(Advisor.id) == acting.advisor_id)
        ).first()
        if found is None or not found[0] or found[1] != acting.provider_id:
            raise NotAllowed("this advisor login is no longer active")
        if found[2] is None or found[2] != acting.provider_id:
            raise NotFound(participant_id)

    def _conversation(self, session: Session, participant_id: int) -> Conversation:
        loaded = conversations.load(session=session, participant_id=participant_id)
        if loaded is None:
            raise NotFound(participant_id)
        return loaded[0]

    async def _owner_event(
        self,
        acting: Acting,
        participant_id: int,
        event: Event,
        *,
        first: Callable[[Session], None] | None = None,
        check: Callable[[Conversation], None] | None = None,
        then: Callable[[Session, Conversation, tuple[str, str] | None], T] | None = None,
    ) -> T | None:
        """An owner event through the runner's one transaction, scoped to the provider there.
        `first` and `check` may refuse it by raising, before anything is stored."""

        def scoped(session: Session, conversation: Conversation) -> None:
            self._scope(session, acting, participant_id)
            if first is not None:
                first(session)
            if check is not None:
                check(conversation)

        try:
            return await self._runner.owner_event(
                participant_id, event, check=scoped, then=then, provider_id=acting.provider_id
            )
        except LookupError:
            raise NotFound(participant_id) from None

    # --- who -------------------------------------------------------------------------------

    async def advisor(self, advisor_id: int) -> Acting | None:
        """The active advisor with this id (None if unknown or disabled): for the session."""

        def work(session: Session) -> Acting | None:
            found = session.get(Advisor, advisor_id)
            if found is None or not found.active or found.id is None:
                return None
            return Acting(found.id, found.provider_id, found.email, found.role)

        return await self._read(work)

    # --- the queue -------------------------------------------------------------------------

    async def queue(
        self, acting: Acting, *, view: View = View.ALL, limit: int = 200
    ) -> list[QueueEntry]:
        """The provider's queue: urgent first, then the longest waiting first."""
        view = View(view)

        def work(session: Session) -> list[QueueEntry]:
            return _entries(
                queue_rows.page(
                    session,
                    provider_id=acting.provider_id,
                    advisor_id=acting.advisor_id,
                    view=view.value,
                    limit=limit,
                )
            )

        return await self._read(work)

    async def queue_page(
        self, acting: Acting, *, view: View = View.ALL, limit: int = 50, after: int | None = None
    ) -> QueuePage:
        """A page of the provider's queue (urgent first, then the longest waiting first), after
        the entry with id `after` if given, with the whole queue's counts, in one read. NotFound
        if `after` is not an entry of this provider's."""
        view = View(view)

        def work(session: Session) -> QueuePage:
            cursor = None
            if after is not None:
                cursor = queue_rows.cursor(
                    session, provider_id=acting.provider_id, request_id=after
                )
                if cursor is None:
                    raise NotFound(after)
            rows = queue_rows.page(
                session,
                provider_id=acting.provider_id,
                advisor_id=acting.advisor_id,
                view=view.value,
                limit=limit + 1,
                after=cursor,
            )
            counts = queue_rows.counts(
                session, provider_id=acting.provider_id, advisor_id=acting.advisor_id
            )
            return QueuePage(
                entries=_entries(rows[:limit]),
                waiting=counts.waiting,
                unanswered=counts.unanswered,
                in_view=counts.in_view(view.value),
                more=len(rows) > limit,
            )

        return await self._read(work)

    async def waiting_count(self, acting: Acting) -> int:
        """How many of the provider's people wait for a person (the page title's count)."""
        return (await self._counts(acting)).waiting

    async def unanswered_count(self, acting: Acting) -> int:
        """How many conversations this advisor holds where the person wrote since an advisor
        last replied (the page title's count, beside `waiting_count`)."""
        return (await self._counts(acting)).unanswered

    async def queue_counts(self, acting: Acting) -> queue_rows.Counts:
        """The provider's queue counted for this advisor, in one read: waiting, held, held by
        them, and held by them with a message that waits for an advisor's reply."""
        return await self._counts(acting)

    async def _counts(self, acting: Acting) -> queue_rows.Counts:
        def work(session: Session) -> queue_rows.Counts:
            return queue_rows.counts(
                session, provider_id=acting.provider_id, advisor_id=acting.advisor_id
            )

        return await self._read(work)

    async def stamp(self, acting: Acting) -> str:
        """A token that changes whenever anything the provider's console shows changes (a
        message in or out, an owner change, a note): the event stream polls it."""

        def work(session: Session) -> str:
            mine = select(Participant.id).where(col(Participant.provider_id) == acting.provider_id)
            parts = []
            for table, column in (
                (MessageRow, MessageRow.id),
                (OwnerChange, OwnerChange.id),
                (ConversationNote, ConversationNote.id),
                (AdvisorRequest, AdvisorRequest.id),
                (ClinicalRow, ClinicalRow.id),
            ):
                latest = session.exec(
                    select(func.max(column)).where(col(table.participant_id).in_(mine))
                ).one()
                parts.append(str(latest or 0))
            updated = session.exec(
                select(func.max(MessageRow.updated_at)).where(
                    col(MessageRow.participant_id).in_(mine)
                )
            ).one()
            parts.append(updated.isoformat() if updated else "-")
            return ".".join(parts)

        return await self._read(work)

    # --- a participant ---------------------------------------------------------------------

    async def participant(self, acting: Acting, participant_id: int) -> ParticipantView:
        """The participant page's data. NotFound for another provider's participant."""

        def work(session: Session) -> ParticipantView:
            self._scope(session, acting, participant_id)
            conversation = self._conversation(session, participant_id)
            thread = self._thread(session, acting, participant_id, after=None)
            where = transcript.last_addresses(session=session, participant_ids=[participant_id])
            outcome_rows = session.exec(
                select(OutcomeRow)
                .where(col(OutcomeRow.participant_id) == participant_id)
                .order_by(col(OutcomeRow.id))
            )
            safety_rows = session.exec(
                select(SafetyEvent, MessageRow.body)
                .outerjoin(MessageRow, col(MessageRow.id) == SafetyEvent.message_id)
                .where(col(SafetyEvent.participant_id) == participant_id)
                .order_by(col(SafetyEvent.id))
            ).all()
            quiet = conversation.quiet_hours
            return ParticipantView(
                participant_id=participant_id,
                owner=_owner(conversation),
                stage=conversation.stage.value,
                locale=conversation.locale,
                timezone=conversation.timezone,
                channel=where.get(participant_id, (None, None))[0],
                channels=participants.channels_of(session=session, participant_id=participant_id),
                opted_out=conversation.opted_out,
                paused=conversation.paused,
                profile={
                    f.name: _plain(getattr(conversation.profile, f.name))
                    for f in fields(conversation.profile)
                },
                roster=(
                    None
                    if conversation.roster is None
                    else format_param(summary(conversation.roster), "en_GB")
                ),
                quiet_hours=(
                    None
                    if quiet is None
                    else f"{quiet.start.strftime('%H:%M')}-{quiet.end.strftime('%H:%M')}"
                ),
                quit_date=conversation.quit_date,
                attempt=conversation.attempt,
                transcript=thread,
                outcomes=[
                    OutcomeRecord(o.attempt, o.kind, o.result, o.quit_date, o.recorded_at)
                    for o in outcome_rows
                ],
                clinical=_clinical(session, participant_id),
                upcoming=[
                    PlannedMessage(n.kind, n.day, n.due_at)
                    for n in nudges.upcoming(session=session, participant_id=participant_id)
                ],
                safety_events=[
                    SafetyRecord(e.concern, e.category, e.created_at, body)
                    for e, body in safety_rows
                ],
                unrecognised=_unrecognised(thread),
            )

        return await self._read(work)

    async def transcript(
        self, acting: Acting, participant_id: int, *, after: datetime | None = None
    ) -> list[TranscriptEntry]:
        """The thread (or what came after `after`), oldest first: for live updates."""

        def work(session: Session) -> list[TranscriptEntry]:
            self._scope(session, acting, participant_id)
            return self._thread(session, acting, participant_id, after=after)

        return await self._read(work)

    def _thread(
        self, session: Session, acting: Acting, participant_id: int, *, after: datetime | None
    ) -> list[TranscriptEntry]:
        """Messages, notes, owner changes and clinical records, merged in time order."""
        emails = dict(
            session.exec(
                select(Advisor.id, Advisor.email).where(
                    col(Advisor.provider_id) == acting.provider_id
                )
            ).all()
        )
        entries: list[TranscriptEntry] = []
        messages = select(MessageRow).where(col(MessageRow.participant_id) == participant_id)
        notes = select(ConversationNote).where(
            col(ConversationNote.participant_id) == participant_id
        )
        changes = select(OwnerChange).where(col(OwnerChange.participant_id) == participant_id)
        if after is not None:
            messages = messages.where(col(MessageRow.created_at) > after)
            notes = notes.where(col(ConversationNote.created_at) > after)
            changes = changes.where(col(OwnerChange.created_at) > after)
        for row in session.exec(messages.order_by(col(MessageRow.id))):
            if row.direction == "in":
                kind = "participant"
            else:
                kind = "bot" if row.sent_by == "bot" else "advisor"
            entries.append(
                TranscriptEntry(
                    id=f"m{row.id}",
                    kind=kind,
                    at=row.created_at,
                    # A LINK code is the person's to use, not the team's to see (bot/linking.py).
                    body=LINK_CODE_HIDDEN if row.message_key == m.LINK_CODE.key else row.body,
                    advisor_id=row.advisor_id,
                    advisor_email=emails.get(row.advisor_id) if row.advisor_id else None,
                    status=row.status if row.direction == "out" else None,
                    channel=row.channel,
                    segments=(
                        sms_cost(row.body).segments
                        if row.direction == "out" and row.channel == "sms"
                        else None
                    ),
                    key=row.message_key,
                )
            )
        for note in session.exec(notes.order_by(col(ConversationNote.id))):
            entries.append(
                TranscriptEntry(
                    id=f"n{note.id}",
                    kind="note",
                    at=note.created_at,
                    body=note.body if note.kind == "note" else f"Handover feedback: {note.body}",
                    advisor_id=note.advisor_id,
                    advisor_email=emails.get(note.advisor_id),
                )
            )
        for change in session.exec(changes.order_by(col(OwnerChange.id))):
            entries.append(
                TranscriptEntry(
                    id=f"o{change.id}",
                    kind="marker",
                    at=change.created_at,
                    body=_marker(change, emails),
                    advisor_id=change.by_advisor_id,
                    advisor_email=emails.get(change.by_advisor_id)
                    if change.by_advisor_id
                    else None,
                )
            )
        for record in _clinical(session, participant_id):
            if after is None or record.recorded_at > after:
                what = (
                    f"CO reading {record.ppm} ppm ({record.device})"
                    if record.kind == "co_reading"
                    else "First appointment"
                )
                entries.append(
                    TranscriptEntry(
                        id=f"c{record.id}",
                        kind="event",
                        at=record.recorded_at,
                        body=f"{what}, {record.at.isoformat(timespec='minutes')}",
                        advisor_id=record.advisor_id,
                        advisor_email=emails.get(record.advisor_id),
                    )
                )
        # Messages keep their own order (by id) at the same moment; then markers, notes.
        order = {"participant": 0, "bot": 0, "advisor": 0, "marker": 1, "note": 2, "event": 2}
        entries.sort(key=lambda e: (e.at, order[e.kind], int(e.id[1:])))
        return entries

    # --- owner changes ---------------------------------------------------------------------

    async def take_over(self, acting: Acting, participant_id: int) -> Owner:
        """Take the conversation from the bot (or from the queue): the bot goes quiet, planned
        messages are withheld while held. NotAllowed if another advisor holds it."""
        lease = self._clock.now() + self._lease

        def check(conversation: Conversation) -> None:
            _not_someone_elses(conversation, acting)

        def then(_session: Session, after: Conversation, _where: tuple[str, str] | None) -> Owner:
            return _owner(after)

        owner = await self._owner_event(
            acting,
            participant_id,
            AdvisorTookOver(acting.advisor_id, lease),
            check=check,
            then=then,
        )
        assert owner is not None
        log.info("advisor %d took over participant %d", acting.advisor_id, participant_id)
        return owner

    async def reply(
        self, acting: Acting, participant_id: int, text: str, *, key: str | None = None
    ) -> int:
        """Send `text` to the participant on their own channel, as this advisor (the outbox
        row's id). The first reply takes the conversation over; each reply renews the lease.
        Invalid for empty text; NotAllowed when they opted out (STOP) or another holds it.

        `key`: the composer form's own random id (1 to 64 printable ASCII characters). A
        second call with a key this advisor has used for this person stores and sends nothing
        more (the lease is not renewed either) and returns the first message's id, so a resend
        after a lost answer never reaches them twice. Invalid if the advisor used the key for
        someone else."""
        body = text.strip()
        if not body:
            raise Invalid("write something to send")
        if len(body) > REPLY_LIMIT:
            raise Invalid(f"a reply can be at most {REPLY_LIMIT} characters")
        if key is not None and not REPLY_KEY.fullmatch(key):
            raise Invalid("the form's key must be 1 to 64 printable ASCII characters")
        now = self._clock.now()

        def sent_before(session: Session) -> None:
            if key is None:
                return
            found = session.exec(
                select(MessageRow.id, MessageRow.participant_id).where(
                    col(MessageRow.advisor_id) == acting.advisor_id,
                    col(MessageRow.client_key) == key,
                )
            ).first()
            if found is not None:
                if found[1] != participant_id:
                    raise Invalid("that form was sent to someone else: reload the page")
                raise _AlreadySent(found[0])

        def check(conversation: Conversation) -> None:
            _not_someone_elses(conversation, acting)
            if conversation.opted_out:
                raise NotAllowed("they have stopped messages (STOP): nothing can be sent")

        def then(session: Session, after: Conversation, where: tuple[str, str] | None) -> int:
            if where is None:
                raise NotAllowed("there is no channel to reach them on")
            channel, address = where
            message_id = outbox.enqueue(
                session=session,
                participant_id=participant_id,
                channel=channel,
                address=address,
                body=body,
                locale=after.locale,
                sent_by=f"advisor:{acting.advisor_id}",
                message_key=None,
                now=now,
                priority=0,
                advisor_id=acting.advisor_id,
                client_key=key,
            )
            assert message_id is not None
            return message_id

        try:
            message_id = await self._owner_event(
                acting,
                participant_id,
                AdvisorReplied(acting.advisor_id, now + self._lease),
                first=sent_before,
                check=check,
                then=then,
            )
        except _AlreadySent as sent:
            log.info("advisor %d resent reply %d: not sent again", acting.advisor_id, sent.id)
            return sent.id
        assert message_id is not None
        return message_id

    async def hand_back(self, acting: Acting, participant_id: int, *, feedback: str = "") -> None:
        """Give the conversation back to the bot: a marker in the thread (and, if the advisor
        wrote to them, a short message to the person, then the question that was waiting), the
        flow carries on where it was, planned messages are planned again from now (nothing
        missed is sent late). `feedback`: the advisor's note on the handover, stored for reports.
        NotAllowed if this advisor does not hold it (a lead may hand back anyone's)."""
        feedback = feedback.strip()
        if len(feedback) > NOTE_LIMIT:
            raise Invalid(f"feedback can be at most {NOTE_LIMIT} characters")

        def check(conversation: Conversation) -> None:
            owner = conversation.owner
            if not owner.held:
                raise NotAllowed("nobody holds this conversation")
            if owner.advisor_id != acting.advisor_id and not acting.lead:
                raise NotAllowed("another advisor holds this conversation")

        def then(session: Session, _after: Conversation, _where: tuple[str, str] | None) -> None:
            if feedback:
                self._note(session, acting, participant_id, "feedback", feedback)

        spoke = await self._read(lambda session: _advisor_spoke(session, participant_id))
        await self._owner_event(
            acting, participant_id, HandedBack(acting.advisor_id, spoke), check=check, then=then
        )
        log.info("advisor %d handed participant %d back", acting.advisor_id, participant_id)

    async def end_idle_leases(self) -> int:
        """Conversations whose advisor has been idle past the lease go back to the queue (the
        ticker calls this); returns how many."""
        now = self._clock.now()

        def idle(session: Session) -> list[int]:
            return owners.idle_holds(session=session, now=now)

        ended = 0
        for participant_id in await self._read(idle):

            def check(_session: Session, conversation: Conversation) -> None:
                owner = conversation.owner
                if not owner.held or owner.lease_until is None or owner.lease_until > now:
                    raise _Skip

            try:
                await self._runner.owner_event(participant_id, LeaseEnded(), check=check)
            except (_Skip, LookupError):
                continue
            ended += 1
            log.info(
                "participant %d: the advisor's lease ended; back in the queue", participant_id
            )
        return ended

    # --- notes and records -----------------------------------------------------------------

    def _note(
        self, session: Session, acting: Acting, participant_id: int, kind: str, text: str
    ) -> int:
        note = ConversationNote(
            participant_id=participant_id,
            advisor_id=acting.advisor_id,
            kind=kind,
            body=text,
            created_at=self._clock.now(),
        )
        session.add(note)
        session.flush()
        assert note.id is not None
        return note.id

    async def _add_note(self, acting: Acting, participant_id: int, kind: str, text: str) -> int:
        body = text.strip()
        if not body:
            raise Invalid("write something first")
        if len(body) > NOTE_LIMIT:
            raise Invalid(f"a note can be at most {NOTE_LIMIT} characters")

        def work(session: Session) -> int:
            self._scope(session, acting, participant_id)
            return self._note(session, acting, participant_id, kind, body)

        note_id = await self._write(work)
        self._changed(participant_id, acting)
        return note_id

    async def private_note(self, acting: Acting, participant_id: int, text: str) -> int:
        """A note on the thread that the participant never sees."""
        return await self._add_note(acting, participant_id, "note", text)

    async def handover_feedback(self, acting: Acting, participant_id: int, text: str) -> int:
        """The advisor's own feedback on a handover, stored for reports."""
        return await self._add_note(acting, participant_id, "feedback", text)

    async def _record(
        self,
        acting: Acting,
        participant_id: int,
        *,
        kind: str,
        at: datetime,
        ppm: int | None,
        device: str,
        note: str,
    ) -> int:
        if at.tzinfo is None:
            raise Invalid("give the time with its zone")
        now = self._clock.now()
        if at > now + FUTURE_SLACK:
            raise Invalid("that is in the future")
        if len(note) > 500:
            raise Invalid("a note can be at most 500 characters")

        def work(session: Session) -> int:
            self._scope(session, acting, participant_id)
            conversation = self._conversation(session, participant_id)
            if kind == "co_reading":
                if conversation.attempt < 1 or conversation.quit_date is None:
                    raise Invalid("they have no quit attempt yet: set a quit date first")
                first = _midnight(conversation.quit_date, conversation.timezone) - ATTEMPT_BEFORE
                if not first <= at <= first + ATTEMPT_BEFORE + ATTEMPT_AFTER:
                    raise Invalid("that is outside their current quit attempt")
            else:
                joined = session.get(Participant, participant_id)
                if joined is not None and at < joined.created_at - timedelta(days=1):
                    raise Invalid("that is before they joined")
            record = ClinicalRow(
                participant_id=participant_id,
                advisor_id=acting.advisor_id,
                attempt=conversation.attempt,
                kind=kind,
                happened_at=at,
                ppm=ppm,
                device=device,
                note=note,
                recorded_at=now,
            )
            session.add(record)
            session.flush()
            assert record.id is not None
            return record.id

        record_id = await self._write(work)
        self._changed(participant_id, acting)
        return record_id

    async def record_first_appointment(
        self, acting: Acting, participant_id: int, *, at: datetime, note: str = ""
    ) -> int:
        """The first contact with a trained advisor (a payment milestone's evidence)."""
        return await self._record(
            acting,
            participant_id,
            kind="first_appointment",
            at=at,
            ppm=None,
            device="",
            note=note.strip(),
        )

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
        (from two weeks before its quit date). Invalid otherwise."""
        if isinstance(ppm, bool) or not isinstance(ppm, int) or not 0 <= ppm <= CO_PPM_MAX:
            raise Invalid(f"a CO reading is a whole number of ppm, 0 to {CO_PPM_MAX}")
        device = device.strip()
        if not device or len(device) > 80:
            raise Invalid("name the CO monitor (up to 80 characters)")
        return await self._record(
            acting,
            participant_id,
            kind="co_reading",
            at=taken_at,
            ppm=ppm,
            device=device,
            note=note.strip(),
        )

    # --- canned replies --------------------------------------------------------------------

    async def canned_replies(
        self, acting: Acting, *, locale: str | None = None
    ) -> list[CannedReply]:
        """The provider's canned replies (in one language, or all)."""

        def work(session: Session) -> list[CannedReply]:
            query = select(CannedReplyRow).where(
                col(CannedReplyRow.provider_id) == acting.provider_id
            )
            if locale is not None:
                query = query.where(col(CannedReplyRow.locale) == locale)
            return [
                CannedReply(r.id or 0, r.locale, r.title, r.body, r.updated_at)
                for r in session.exec(
                    query.order_by(col(CannedReplyRow.locale), col(CannedReplyRow.title))
                )
            ]

        return await self._read(work)

    async def add_canned_reply(self, acting: Acting, *, locale: str, title: str, body: str) -> int:
        """A new canned reply (leads only: NotAllowed otherwise)."""
        title, body = _canned(acting, locale, title, body)
        now = self._clock.now()

        def work(session: Session) -> int:
            row = CannedReplyRow(
                provider_id=acting.provider_id,
                locale=locale,
                title=title,
                body=body,
                updated_by=acting.advisor_id,
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            assert row.id is not None
            return row.id

        return await self._write(work)

    async def edit_canned_reply(
        self, acting: Acting, reply_id: int, *, title: str, body: str
    ) -> None:
        """Change a canned reply (leads only)."""

        def work(session: Session) -> None:
            row = session.get(CannedReplyRow, reply_id)
            if row is None or row.provider_id != acting.provider_id:
                raise NotFound(reply_id)
            row.title, row.body = _canned(acting, row.locale, title, body)
            row.updated_by, row.updated_at = acting.advisor_id, self._clock.now()
            session.add(row)

        await self._write(work)

    # --- availability ----------------------------------------------------------------------

    async def set_availability(
        self, acting: Acting, *, online: bool, capacity: int | None = None
    ) -> AdvisorState:
        """Online or away (and, optionally, how many conversations they can hold)."""
        if capacity is not None and not 1 <= capacity <= 50:
            raise Invalid("capacity is 1 to 50 conversations")

        def work(session: Session) -> AdvisorState:
            advisor = session.get(Advisor, acting.advisor_id)
            if advisor is None or not advisor.active:
                raise NotAllowed("this advisor login is no longer active")
            advisor.online = online
            if capacity is not None:
                advisor.capacity = capacity
            session.add(advisor)
            session.flush()
            return _states(session, [advisor], self._clock.now())[0]

        return await self._write(work)

    async def team(self, acting: Acting) -> list[AdvisorState]:
        """The provider's active advisors with their availability and load."""

        def work(session: Session) -> list[AdvisorState]:
            advisors = session.exec(
                select(Advisor)
                .where(col(Advisor.provider_id) == acting.provider_id, col(Advisor.active))
                .order_by(col(Advisor.email))
            ).all()
            return _states(session, list(advisors), self._clock.now())

        return await self._read(work)


def _entries(rows: Sequence[Row[Any]]) -> list[QueueEntry]:
    """Queue rows (storage.queue.page) as the console's entries."""
    return [
        QueueEntry(
            request_id=r.request_id,
            participant_id=r.participant_id,
            reason=r.reason,
            urgent=bool(r.urgent),
            status=r.status,
            waiting_since=r.created_at,
            held_by=r.advisor_id,
            held_by_email=r.held_by_email if r.advisor_id else None,
            lease_until=r.lease_until,
            channel=r.channel or "",
            locale=r.locale or "en_GB",
            note=r.note,
            last_message_at=r.last_in_at,
            unanswered_since=r.unanswered_since,
            last_reply_at=r.last_reply_at,
            last_text=r.last_in_body,
            last_safety=bool(r.last_in_safety),
        )
        for r in rows
    ]


def _advisor_spoke(session: Session, participant_id: int) -> bool:
    """Whether an advisor wrote to the person since the conversation was last taken over."""
    taken = session.exec(
        select(func.max(OwnerChange.created_at)).where(
            col(OwnerChange.participant_id) == participant_id,
            col(OwnerChange.after) == "advisor",
        )
    ).one()
    query = select(MessageRow.id).where(
        col(MessageRow.participant_id) == participant_id,
        col(MessageRow.advisor_id).is_not(None),
    )
    if taken is not None:
        query = query.where(col(MessageRow.created_at) >= taken)
    return session.exec(query.limit(1)).first() is not None


def _not_someone_elses(conversation: Conversation, acting: Acting) -> None:
    owner = conversation.owner
    if owner.held and owner.advisor_id != acting.advisor_id:
        raise NotAllowed("another advisor holds this conversation")


def _owner(conversation: Conversation) -> Owner:
    owner = conversation.owner
    return Owner(
        owner.kind.value,
        advisor_id=owner.advisor_id,
        reason=owner.reason,
        urgent=owner.urgent,
        since=owner.since,
        lease_until=owner.lease_until,
    )


def _plain(value: object) -> object:
    return value.value if isinstance(value, Enum) else value


def _midnight(day: date, zone: str) -> datetime:
    from zoneinfo import ZoneInfo

    return datetime.combine(day, datetime.min.time(), tzinfo=ZoneInfo(zone))


def _clinical(session: Session, participant_id: int) -> list[ClinicalRecord]:
    return [
        ClinicalRecord(
            r.id or 0,
            r.kind,
            r.attempt,
            r.happened_at,
            r.ppm,
            r.device,
            r.note,
            r.advisor_id,
            r.recorded_at,
        )
        for r in session.exec(
            select(ClinicalRow)
            .where(col(ClinicalRow.participant_id) == participant_id)
            .order_by(col(ClinicalRow.id))
        )
    ]


def _marker(change: OwnerChange, emails: dict[int | None, str]) -> str:
    who = emails.get(change.by_advisor_id) or emails.get(change.advisor_id) or "an advisor"
    reason = f" ({change.reason})" if change.reason else ""
    match change.after:
        case "advisor":
            return f"Taken over by {who}{reason}: the bot is quiet"
        case "bot":
            return f"Handed back to the bot by {who}"
        case _:
            urgent = "Urgent: w" if change.urgent else "W"
            if change.before == "advisor":
                return f"{urgent}aiting for a person again: {change.why}{reason}"
            return f"{urgent}aiting for a person{reason}"


def _unrecognised(thread: list[TranscriptEntry]) -> list[TranscriptEntry]:
    """Messages the bot did not understand: those its next reply said so about (sorry, not
    getting this; a question asked again; words only)."""
    found = []
    last_in: TranscriptEntry | None = None
    for entry in thread:
        if entry.kind == "participant":
            last_in = entry
        elif entry.kind == "bot" and last_in is not None:
            key = entry.key or ""
            if key in _NOT_READ or "reask" in key:
                found.append(last_in)
            last_in = None
    return found


def _canned(acting: Acting, locale: str, title: str, body: str) -> tuple[str, str]:
    if not acting.lead:
        raise NotAllowed("only a lead can change canned replies")
    if locale not in LOCALES:
        raise Invalid(f"language must be one of {', '.join(LOCALES)}")
    title, body = title.strip(), body.strip()
    if not title or len(title) > 80:
        raise Invalid("a title is 1 to 80 characters")
    if not body or len(body) > REPLY_LIMIT:
        raise Invalid(f"a reply is 1 to {REPLY_LIMIT} characters")
    return title, body


def _states(session: Session, advisors: list[Advisor], now: datetime) -> list[AdvisorState]:
    """Each advisor's availability: online only while they chose it and a console page of
    theirs is open (`storage.providers.at_console`), so an advisor who closed the browser
    counts for nothing."""
    ids = [a.id for a in advisors]
    present = providers.at_console(session=session, advisor_ids=ids, now=now)
    holding = dict(
        session.exec(
            select(AdvisorRequest.advisor_id, func.count())
            .where(
                col(AdvisorRequest.status) == owners.HELD,
                col(AdvisorRequest.advisor_id).in_(ids),
            )
            .group_by(col(AdvisorRequest.advisor_id))
        ).all()
    )
    return [
        AdvisorState(
            a.id or 0,
            a.email,
            a.role,
            a.online and a.id in present,
            a.capacity,
            int(holding.get(a.id, 0)),
            chose_online=a.online,
        )
        for a in advisors
    ]
