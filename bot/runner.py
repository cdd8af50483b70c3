"""The runner: every event takes the same path, in one transaction.

    load conversation (with version) -> flows.step(...) -> apply effects -> save (expected version)
    COMMIT -> wake the dispatcher, which sends what was queued

Events for one participant are applied one at a time (optimistic version check, retried on a
conflict); events for different participants run side by side.
"""

from __future__ import annotations

import logging
import time as wall
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

import anyio
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, col, select

from bot.channels.base import InboundMessage
from bot.linking import Inbound, Linker
from flows import (
    CancelWakes,
    Channel,
    Conversation,
    DeliveryRefused,
    Effect,
    Event,
    ForgetPersonalData,
    MessageReceived,
    RecordOutcome,
    RecordSafetyEvent,
    RecordSurvey,
    Reply,
    RequestAdvisor,
    ScheduleWakes,
    Step,
    TellNext,
    WakeDue,
    step,
)
from flows.effects import AskAgainLater, IssueLinkCode, RecordOwnerChange, TellWhenPerson
from flows.hours import BadHours, parse_hours
from flows.intent import Label
from flows.link import code_in
from flows.programme import FOLLOW_UP_GRACE_DAYS, Due, programme_day
from flows.safety import NetHint
from flows.safety_replies import held
from messages import catalog as m
from messages.render import Renderer, supported
from scheduler import Clock
from scheduler.planner import (
    DAILY_CAP,
    SILENT,
    SLEEP_AFTER_NIGHT_UNTIL,
    ask_again_at,
    schedule,
)
from storage import (
    advisors,
    conversations,
    journal,
    nudges,
    outbox,
    outcomes,
    owners,
    participants,
    providers,
    transcript,
)
from storage.conversations import StaleConversation
from storage.db import one_statement, unavailable
from storage.providers import Allocation
from storage.tables import Participant, Provider

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_TRIES = 8
# A wake-up this late (the server was down, say) is dropped, not sent: yesterday's check-in
# or preparation tip would only confuse. The next one in the plan will come as usual.
MAX_LATENESS = timedelta(hours=6)
FIRE_GROUP = 100  # wake-ups fed in one transaction
TAKE_BATCH = 200  # journal rows leased at once
TAKE_GROUP = 64  # journal rows applied in one transaction (one each person at a time)
JOURNAL_TRIES = 5  # a message that fails this often for a reason other than a conflict is
# set aside (status failed, logged) so the person's next messages are not held up for ever
# Inside the provider's hours, but closing sooner than this: the person is told when it opens.
CLOSING_SOON = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Received:
    """What became of an inbound message."""

    participant_id: int | None
    duplicate: bool = False
    queued: int = 0
    channel: str | None = None  # where its replies were queued (None: not known here)


# What a committed transaction changed, for the live views (bot.changes): each participant, their
# provider (None: not looked up) and whether their queue entry or messages in may have moved.
Touched = list[tuple[int, int | None, bool]]


@dataclass(frozen=True, slots=True)
class _Target:
    channel: str
    address: str
    priority: int = 0  # a reply to someone who just wrote; planned messages are 1
    flush: bool = True  # False: the row is written with the group's next statement
    # A group of inbound messages: who has buttons showing that this message answers (kept
    # up to date as replies are queued). None: the outbox looks it up.
    answering: set[int] | None = None
    planned_at: datetime | None = None  # a wake-up's due time: checked again if sent late


def _judged(judge: Callable[[str], T | None] | None, text: str, name: str) -> T | None:
    """A net's judgement of a message, before the transaction; if it fails, the fault is
    logged and the rules alone read the message (a net only ever adds to them)."""
    if judge is None or not text:
        return None
    try:
        return judge(storable(text))
    except Exception:
        log.exception("%s failed; the rules alone read this message", name)
        return None


class Runner:
    """Applies events to conversations and stores the outcome (never sends: see Dispatcher)."""

    def __init__(
        self,
        *,
        engine: Engine,
        clock: Clock,
        renderer: Renderer,
        newcomer: Conversation | None = None,
        after_commit: Callable[[], None] = lambda: None,
        daily_cap: int = DAILY_CAP,
        sleep_after_nights_until: time = SLEEP_AFTER_NIGHT_UNTIL,
        safety_net: Callable[[str], NetHint | None] | None = None,
        allocation: Allocation | None = None,
        intent_net: Callable[[str], Label | None] | None = None,
        on_change: Callable[[Touched], None] | None = None,
        link_key: str = "",
    ) -> None:
        self._engine = engine
        self._inbox = journal.inbox(engine)
        self._clock = clock
        self._renderer = renderer
        # A new person's conversation starts as this: the service's language, zone, pack price
        # and 12-week window, stamped at first contact (later setting changes are not retroactive).
        self._newcomer = newcomer or Conversation()
        self._after_commit = after_commit
        self._daily_cap = daily_cap
        self._sleep_until = sleep_after_nights_until
        self._safety_net = safety_net
        self._intent_net = intent_net
        self._allocation = allocation or Allocation()
        # LINK's codes are kept as an HMAC under this key (the service's secret key).
        self._linker = Linker(renderer=renderer, key=link_key)
        # Told after each commit which conversations changed (the console's live views wake).
        self._on_change = on_change

    def _told(self, touched: Touched) -> None:
        """Tell the live views what the transaction just committed changed (never fails the
        work: a view that misses a signal finds the change at its next slow poll)."""
        if touched and self._on_change is not None:
            try:
                self._on_change(list(touched))
            except Exception:
                log.exception("telling the live views about a change failed")

    async def receive(self, message: InboundMessage) -> Received:
        """Journal one inbound message and apply it (with any of the person's before it);
        safe to call again with the same one (then it is a duplicate)."""
        received = await anyio.to_thread.run_sync(self.receive_now, message)
        if received.queued:
            self._after_commit()
        return received

    async def refuse(self, participant_id: int, channel: Channel) -> None:
        """A channel refused delivery for good: record that the person has opted out."""
        await anyio.to_thread.run_sync(self.refuse_now, participant_id, channel)

    async def fire_due(self) -> int:
        """Feed every wake-up that is due to its conversation; returns how many were taken."""
        fired = await anyio.to_thread.run_sync(self.fire_due_now)
        if fired:
            self._after_commit()
        return fired

    def fire_due_now(self, limit: int = 500) -> int:
        """`fire_due`, in the calling thread.

        Claimed wake-ups are fed in groups, one transaction a group (a few statements for the
        whole group, not a few per wake-up). If anyone's conversation changed meanwhile, that
        group is rolled back and fed again one wake-up at a time, each retried on its own.
        """
        with Session(self._engine) as session, session.begin():
            due = nudges.claim_due(session=session, now=self._clock.now(), limit=limit)
        for start in range(0, len(due), FIRE_GROUP):
            group = due[start : start + FIRE_GROUP]
            touched: Touched = []
            try:
                with Session(self._engine, expire_on_commit=False) as session, session.begin():
                    self._wake_group(session, group, touched)
                self._told(touched)
            except Exception as trouble:  # a conflict, or one wake-up that cannot be fed
                log.info("group of wake-ups met %s; one at a time", type(trouble).__name__)
                for nudge in group:
                    self._wake_alone(nudge)
        return len(due)

    def _wake_alone(self, nudge: nudges.DueNudge) -> None:
        """Feed one wake-up; one that fails for a reason other than a conflict is dropped and
        logged, so it cannot hold back everyone else's."""
        touched: Touched = []
        try:
            self._retrying(lambda session: self._wake_group(session, [nudge], touched))
            self._told(touched)
        except Exception:
            log.exception("wake-up %d (%s) could not be fed; dropped", nudge.id, nudge.kind)
            with Session(self._engine) as session, session.begin():
                nudges.settle_many(
                    session=session,
                    nudge_ids=[nudge.id],
                    status=nudges.DROPPED,
                    now=self._clock.now(),
                )

    async def owner_event(
        self,
        participant_id: int,
        event: Event,
        *,
        check: Callable[[Session, Conversation], None] | None = None,
        then: Callable[[Session, Conversation, tuple[str, str] | None], T] | None = None,
        provider_id: int | None = None,
    ) -> T | None:
        """`owner_event_now` in a worker thread; the dispatcher is kicked after the commit."""
        result = await anyio.to_thread.run_sync(
            lambda: self.owner_event_now(
                participant_id, event, check=check, then=then, provider_id=provider_id
            )
        )
        self._after_commit()
        return result

    def owner_event_now(
        self,
        participant_id: int,
        event: Event,
        *,
        check: Callable[[Session, Conversation], None] | None = None,
        then: Callable[[Session, Conversation, tuple[str, str] | None], T] | None = None,
        provider_id: int | None = None,
    ) -> T | None:
        """Apply an owner event (take over, reply, hand back, lease ended) in one transaction:
        `check` may refuse it by raising (nothing is stored); `then` does more in the same
        transaction with the conversation after the event and where the person last wrote
        from (an advisor's reply is queued there). Replies go where they last wrote from.
        Raises LookupError for a participant with no conversation. `provider_id`: theirs, when
        `check` has made sure of it (else it is looked up for the change signal)."""

        touched: Touched = []

        def work(session: Session) -> T | None:
            touched.clear()
            loaded = conversations.load(session=session, participant_id=participant_id)
            if loaded is None:
                raise LookupError(participant_id)
            conversation, version = loaded
            if check is not None:
                check(session, conversation)
            where = transcript.last_addresses(
                session=session, participant_ids=[participant_id]
            ).get(participant_id)
            target = None if where is None else _Target(*where)
            after, _ = self._run(session, participant_id, conversation, event, target, None)
            result = then(session, after, where) if then is not None else None
            conversations.save(
                session=session,
                participant_id=participant_id,
                conversation=after,
                expected_version=version,
                now=self._clock.now(),
            )
            provider = provider_id or _provider_of(session, participant_id)
            touched.append((participant_id, provider, True))
            return result

        result = self._retrying(work)
        self._told(touched)
        return result

    def receive_now(self, message: InboundMessage) -> Received:
        """`receive`, in the calling thread."""
        written = self.journal_now([message])
        if written[0] is None:
            return Received(participant_id=None, duplicate=True)
        return self.await_now(written[0])

    def journal_now(
        self, messages: Sequence[InboundMessage], writer: journal.Writer | None = None
    ) -> list[int | None]:
        """Write `messages` to the ingress journal in one transaction (committed when this
        returns); each one's journal id, or None for a retried one (already journaled).
        `writer`: the webhooks' own connection (storage.journal.Writer)."""
        arrivals = [arrival(message) for message in messages]
        if writer is not None:
            ids = writer.write(arrivals, self._clock.now())
        else:
            with self._inbox.writer.begin() as connection:
                ids = journal.write(
                    connection=connection, arrivals=arrivals, now=self._clock.now()
                )
        # A key repeated within one batch is the same message: the first takes the id.
        given: list[int | None] = []
        seen: set[tuple[str, str]] = set()
        for message, item in zip(messages, arrivals, strict=True):
            key = (item.channel, item.key)
            given.append(None if key in seen else ids.get(key))
            seen.add(key)
            if given[-1] is None:
                # A web chat id holds the browser's session cookie: never written to the log.
                shown = "" if message.channel is Channel.WEB else f" {message.provider_id}"
                log.debug("duplicate %s message%s ignored", item.channel, shown)
        return given

    def await_now(self, entry_id: int, *, within: float = 30.0) -> Received:
        """Apply journal row `entry_id` (and whatever waits before it) in this thread, unless
        another processor has it; returns what became of it. A fault in applying it is raised
        (the row stays in the journal, to be tried again)."""
        deadline = wall.monotonic() + within
        while True:
            taken = self.take_journal_now(ids=None)
            if entry_id in taken:
                outcome = taken[entry_id]
                if isinstance(outcome, BaseException):
                    raise outcome
                return outcome
            with self._inbox.reader.connect() as connection:
                status = journal.state_of(connection=connection, ids=[entry_id]).get(entry_id)
            if status != journal.WAITING:
                return Received(participant_id=None)  # applied by another processor
            if wall.monotonic() > deadline:
                raise TimeoutError(f"journal row {entry_id} still waits")
            wall.sleep(0.005)  # another processor holds it, or the person's message before it

    def take_journal_now(
        self, *, limit: int = TAKE_BATCH, ids: Sequence[int] | None = None
    ) -> dict[int, Received | BaseException]:
        """Lease up to `limit` waiting journal rows and apply them, one transaction a group
        (each person's oldest waiting message in each group, so one person's are applied in
        turn; different people side by side). A group that meets a conflict is rolled back and
        applied one message at a time. Returns what became of each row applied here (a fault
        for one that failed)."""
        now = self._clock.now()
        entries = one_statement(  # one UPDATE ... RETURNING
            self._inbox.writer,
            lambda connection: journal.lease(connection=connection, now=now, limit=limit, ids=ids),
        )
        outcomes: dict[int, Received | BaseException | None] = {}
        pending = entries
        while pending:
            group: list[journal.Entry] = []
            later: list[journal.Entry] = []
            people: set[tuple[str, str]] = set()
            for entry in pending:
                person = (entry.channel, entry.address)
                if person in people or len(group) >= TAKE_GROUP:
                    later.append(entry)
                else:
                    people.add(person)
                    group.append(entry)
            if self._inbox.apart:
                group = self._first_in_line(group)
            # The nets judge before the transaction: no lock is held meanwhile.
            judged = {e.id: (self._net_hint(e.body), self._likely(e.body)) for e in group}
            try:
                with Session(self._engine, expire_on_commit=False) as session, session.begin():
                    applied = self._receive_group(session, group, judged)
            except Exception as trouble:
                if unavailable(trouble):
                    raise  # the rows stay leased, and are taken again when their lease ends
                log.info("group of messages met %s; one at a time", type(trouble).__name__)
                for entry in group:
                    outcomes[entry.id] = self._receive_alone(entry, judged[entry.id])
            else:
                self._settle_apart(applied)
                outcomes.update(applied)
                self._told_received(applied)
            pending = later
        return {key: value for key, value in outcomes.items() if value is not None}  # applied

    def _first_in_line(self, group: list[journal.Entry]) -> list[journal.Entry]:
        """Those of `group` that are their person's oldest waiting row; the rest are given back
        untouched (another processor has the older one), to be taken once it is done."""
        people = {(e.channel, e.address) for e in group}
        # A read, not a write: it never waits for the inbox's writer, nor holds up a webhook's
        # journal row. A row seen waiting can only have been applied since (ids only grow), so
        # a look that is a moment old gives back at worst a row that could have gone now.
        with self._inbox.reader.connect() as connection:
            first = journal.first_waiting(connection=connection, people=people)
        ready = [e for e in group if first.get((e.channel, e.address)) == e.id]
        if later := [e.id for e in group if e not in ready]:
            with self._inbox.writer.begin() as connection:
                journal.release(connection=connection, ids=later)
        return ready

    def _settle(self, session: Session, entries: Sequence[journal.Entry], now: datetime) -> None:
        """Mark applied rows done in the applying transaction; with the inbox apart, record
        their keys there instead (`_settle_apart` marks them done after the commit)."""
        if self._inbox.apart:
            journal.mark_applied(connection=session.connection(), entries=entries, now=now)
        else:
            journal.settle(connection=session.connection(), ids=[e.id for e in entries], now=now)

    def _settle_apart(self, applied: Mapping[int, object]) -> None:
        """With the inbox apart: mark rows done there, their transaction committed. One that
        cannot be marked now is found applied by the next group that leases it, and marked
        then, not applied again."""
        if not (self._inbox.apart and applied):
            return
        try:
            with self._inbox.writer.begin() as connection:
                journal.settle(connection=connection, ids=list(applied), now=self._clock.now())
        except Exception as error:
            log.warning("applied journal rows not yet marked done: %s", type(error).__name__)

    def _receive_alone(
        self, entry: journal.Entry, judged: tuple[NetHint | None, Label | None]
    ) -> Received | BaseException | None:
        """Apply one journal row on its own, retried on a conflict. One that still fails is
        left for another try (its lease runs out), and set aside after JOURNAL_TRIES."""
        try:
            done = self._retrying(
                lambda session: self._receive_group(session, [entry], {entry.id: judged})
            )
            self._told_received(done)
        except Exception as fault:
            if unavailable(fault):
                raise
            given_up = entry.attempts >= JOURNAL_TRIES
            log.exception(
                "inbound message %d could not be applied (try %d)%s",
                entry.id,
                entry.attempts,
                "; set aside" if given_up else "",
            )
            if given_up:
                with self._inbox.writer.begin() as connection:
                    journal.settle(
                        connection=connection,
                        ids=[entry.id],
                        now=self._clock.now(),
                        status=journal.FAILED,
                    )
            return fault
        self._settle_apart(done)
        return done.get(entry.id)

    def _receive_group(
        self,
        session: Session,
        group: list[journal.Entry],
        judged: dict[int, tuple[NetHint | None, Label | None]],
    ) -> dict[int, Received | None]:
        """Apply journal rows (at most one a person) in this transaction: a few statements
        for the whole group. A row whose person has an older one waiting (another processor
        has it) is given back untouched, to be taken once that one is done."""
        now = self._clock.now()
        people = {(e.channel, e.address) for e in group}
        outcomes: dict[int, Received | None] = {}
        if self._inbox.apart:
            # _first_in_line looked in the inbox before. A row applied already (by another
            # processor while this one was slow, or before a crash kept the inbox from being
            # told) is only marked done: this transaction holds the main file's write lock,
            # so the keys it reads are the last word. None: not applied here.
            done = journal.applied_among(connection=session.connection(), entries=group)
            outcomes.update(dict.fromkeys(done))
            ready = [e for e in group if e.id not in done]
        else:
            connection = session.connection()
            first = journal.first_waiting(connection=connection, people=people)
            ready = [e for e in group if first.get((e.channel, e.address)) == e.id]
            journal.release(connection=connection, ids=[e.id for e in group if e not in ready])
        if not ready:
            return outcomes
        known = conversations.load_by_addresses(session=session, addresses=people)
        codes: list[journal.Entry] = []
        for entry in [e for e in ready if code_in(e.body) is not None]:
            pid, _ = known.get((entry.channel, entry.address), (None, None))
            if (linked := self._linked(session, entry, pid)) is not None:
                # A LINK code from another channel: joined, or told why not.
                outcomes[entry.id] = linked
                codes.append(entry)
                ready.remove(entry)
        self._settle(session, codes, now)
        if not ready:
            return outcomes
        current: dict[int, Conversation] = {}
        versions: dict[int, int] = {}
        whose: dict[int, int] = {}
        for entry in ready:
            person = (entry.channel, entry.address)
            pid, loaded = known.get(person, (None, None))
            if pid is None:
                pid = participants.create(
                    session=session, channel=entry.channel, address=entry.address, now=now
                )
                providers.allocate(
                    session=session,
                    participant_id=pid,
                    allocation=self._allocation,
                    employer=None,
                )
                known[person] = (pid, None)
            if pid not in current:
                if loaded is None:
                    loaded = self._fresh(session, pid, entry.language_hint)
                current[pid], versions[pid] = loaded
            whose[entry.id] = pid
        message_ids = transcript.record_inbound_many(
            session=session,
            rows=[
                {
                    "participant_id": whose[e.id],
                    "channel": e.channel,
                    "address": e.address,
                    "body": e.body,
                    "has_media": e.has_media,
                    "provider_id": e.provider_id,
                }
                for e in ready
            ],
            now=now,
        )
        answering = outbox.buttons_showing(session=session, participant_ids=list(current))
        for entry, message_id in zip(ready, message_ids, strict=True):
            pid = whose[entry.id]
            hint, likely = judged[entry.id]
            event = MessageReceived(
                text=entry.body,
                channel=Channel(entry.channel),
                has_media=entry.has_media,
                carrier_opted_out=entry.carrier_opted_out,
                net=hint,
                likely=likely,
            )
            target = _Target(entry.channel, entry.address, flush=False, answering=answering)
            current[pid], queued = self._run(session, pid, current[pid], event, target, message_id)
            outcomes[entry.id] = Received(participant_id=pid, queued=queued, channel=entry.channel)
        transcript.write_pending(session=session)
        conversations.save_many(
            session=session,
            saves=[(pid, current[pid], versions[pid]) for pid in current],
            now=now,
        )
        self._settle(session, ready, now)
        return outcomes

    def _net_hint(self, text: str) -> NetHint | None:
        """The example net's verdict; a fault in it is logged and the rules screen alone."""
        return _judged(self._safety_net, text, "safety example net")

    def _likely(self, text: str) -> Label | None:
        """The intent net's guess; a fault in it is logged and the rules read alone."""
        return _judged(self._intent_net, text, "intent net")

    def refuse_now(self, participant_id: int, channel: Channel) -> None:
        """`refuse`, in the calling thread."""
        touched: Touched = [(participant_id, None, True)]
        self._retrying(lambda session: self._refuse(session, participant_id, channel))
        self._told(touched)

    def _told_received(self, applied: dict[int, Received | None]) -> None:
        """The live views hear of the people whose messages were just applied (their provider
        is not looked up: every provider's queue looks, once per group)."""
        people = {r.participant_id for r in applied.values() if r and r.participant_id}
        self._told([(pid, None, True) for pid in sorted(people)])

    def _retrying(self, work: Callable[[Session], T]) -> T:
        for attempt in range(1, MAX_TRIES + 1):
            try:
                with Session(self._engine, expire_on_commit=False) as session, session.begin():
                    return work(session)
            except (StaleConversation, IntegrityError, OperationalError) as conflict:
                if attempt == MAX_TRIES or unavailable(conflict):
                    raise  # a database that is down is not a conflict: say so at once
                log.debug("conflict (%s), trying again (%d)", type(conflict).__name__, attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _linked(
        self, session: Session, entry: journal.Entry, participant_id: int | None
    ) -> Received | None:
        """A message that is a LINK code (bot/linking.py): the address joins the person whose
        code it is, or is told why not without being registered. None: not a code."""
        now = self._clock.now()

        def stranger() -> int:  # someone who sent only a code: not registered, nothing asked
            created = participants.create(
                session=session, channel=entry.channel, address=entry.address, now=now
            )
            providers.allocate(
                session=session,
                participant_id=created,
                allocation=self._allocation,
                employer=None,
            )
            self._fresh(session, created, entry.language_hint)
            return created

        done = self._linker.receive(
            session=session,
            message=Inbound(
                channel=entry.channel,
                address=entry.address,
                text=entry.body,
                has_media=entry.has_media,
                provider_id=entry.provider_id,
            ),
            participant_id=participant_id,
            now=now,
            stranger=stranger,
        )
        return None if done is None else Received(done.participant_id, queued=done.queued)

    def _refuse(self, session: Session, participant_id: int, channel: Channel) -> Received:
        loaded = conversations.load(session=session, participant_id=participant_id)
        if loaded is not None:
            conversation, version = loaded
            self._apply(
                session,
                participant_id,
                conversation,
                version,
                DeliveryRefused(channel),
                None,
                None,
            )
        return Received(participant_id=participant_id)

    def _wake_group(
        self, session: Session, group: list[nudges.DueNudge], touched: Touched | None = None
    ) -> None:
        """Feed claimed wake-ups in this transaction (see `fire_due_now`): a few statements for
        the whole group. A stale one is dropped; one whose conversation an advisor holds is
        withheld."""
        now = self._clock.now()
        people = {nudge.participant_id for nudge in group}
        loaded = conversations.load_many(session=session, participant_ids=people)
        addresses = transcript.last_addresses(session=session, participant_ids=people)
        current = {pid: conversation for pid, (conversation, _) in loaded.items()}
        changed: set[int] = set()
        settled: dict[str, list[int]] = {
            nudges.FIRED: [],
            nudges.DROPPED: [],
            owners.WITHHELD: [],
        }
        for nudge in group:  # oldest first: one person's wake-ups apply in order
            pid = nudge.participant_id
            conversation, where = current.get(pid), addresses.get(pid)
            if conversation is not None and conversation.owner.held:
                settled[owners.WITHHELD].append(nudge.id)  # recorded, never sent late
                continue
            if conversation is None or where is None or self._stale(nudge, conversation, now):
                settled[nudges.DROPPED].append(nudge.id)
                continue
            event = WakeDue(Due(nudge.kind), nudge.day, nudge.plan)
            target = _Target(*where, priority=1, flush=False, planned_at=nudge.due_at)
            current[pid], _ = self._run(session, pid, conversation, event, target, None)
            changed.add(pid)
            settled[nudges.FIRED].append(nudge.id)
        transcript.write_pending(session=session)
        conversations.save_many(
            session=session,
            saves=[(pid, current[pid], loaded[pid][1]) for pid in changed],
            now=now,
        )
        for status, ids in settled.items():
            nudges.settle_many(session=session, nudge_ids=ids, status=status, now=now)
        if touched is not None:
            # Their threads moved; a queue only if an owner changed (a wake-up that asks for a
            # person), and then every provider's queue looks (rare: not worth a query here).
            touched[:] = [
                (pid, None, current[pid].owner != loaded[pid][0].owner) for pid in changed
            ]

    @staticmethod
    def _stale(nudge: nudges.DueNudge, conversation: Conversation, now: datetime) -> bool:
        """Planned for another plan, paused, opted out, held after an urgent safety event, or
        too late (see MAX_LATENESS)."""
        return (
            nudge.plan != conversation.plan
            or conversation.opted_out
            or conversation.paused
            or held(Due(nudge.kind), conversation, now)  # chatty ones, after an urgent event
            or now - nudge.due_at > MAX_LATENESS
        )

    def _fresh(
        self, session: Session, participant_id: int, language_hint: str | None
    ) -> tuple[Conversation, int]:
        """A new person's first conversation, stored (in Welsh if their app is)."""
        fresh = self._newcomer
        if language_hint and supported(language_hint) == "cy":
            fresh = replace(fresh, locale="cy")
        version = conversations.insert(
            session=session,
            participant_id=participant_id,
            conversation=fresh,
            now=self._clock.now(),
        )
        return fresh, version

    def _apply(
        self,
        session: Session,
        participant_id: int,
        conversation: Conversation,
        version: int,
        event: Event,
        target: _Target | None,
        message_id: int | None,
    ) -> int:
        after, queued = self._run(session, participant_id, conversation, event, target, message_id)
        conversations.save(
            session=session,
            participant_id=participant_id,
            conversation=after,
            expected_version=version,
            now=self._clock.now(),
        )
        return queued

    def _run(
        self,
        session: Session,
        participant_id: int,
        conversation: Conversation,
        event: Event,
        target: _Target | None,
        message_id: int | None,
    ) -> tuple[Conversation, int]:
        """Step the conversation and apply the effects; the caller saves it."""
        now = self._clock.now()
        result: Step = step(conversation, event, now=now)
        after = result.conversation
        before, owner = conversation.owner, after.owner
        if before.held and not owner.held:  # handed back: nothing missed is sent late
            owners.withhold_overdue_wakes(session=session, participant_id=participant_id, now=now)
        queued = 0
        for effect in result.effects:
            queued += self._effect(session, participant_id, after, effect, target, message_id)
        if after.attempt > conversation.attempt and after.quit_date is not None:
            # A quit date set: a new attempt, the evidence for the ledger's quit-date milestone.
            outcomes.record_quit_attempt(
                session=session,
                participant_id=participant_id,
                attempt=after.attempt,
                quit_date=after.quit_date,
                message_id=message_id,
                now=now,
            )
        if owner != before:
            owners.sync(session=session, participant_id=participant_id, owner=owner, now=now)
            if owner.held and not before.held:  # taken over: the bot's queued words wait
                transcript.write_pending(session=session)  # a group's replies among them
                owners.withhold_queued(session=session, participant_id=participant_id, now=now)
        if (
            self._allocation.kind == "employer"
            and after.profile.employer
            and after.profile.employer != conversation.profile.employer
        ):
            providers.allocate(
                session=session,
                participant_id=participant_id,
                allocation=self._allocation,
                employer=after.profile.employer,
            )
        return after, queued

    def _effect(
        self,
        session: Session,
        participant_id: int,
        conversation: Conversation,
        effect: Effect,
        target: _Target | None,
        message_id: int | None,
    ) -> int:
        now = self._clock.now()
        match effect:
            case Reply(message=message, params=params, locale=override):
                if target is None:
                    return 0
                locale = override or conversation.locale
                body = self._renderer.render(message, params, locale=locale)
                choices = self._renderer.labels(effect.offered(), params, locale=locale)
                answered = None
                if target.answering is not None:  # kept here for the group (see _Target)
                    answered = participant_id in target.answering
                    if choices:
                        target.answering.discard(participant_id)  # new ones, not answered
                    elif answered:
                        target.answering.discard(participant_id)  # these take them away
                outbox.enqueue(
                    session=session,
                    participant_id=participant_id,
                    channel=target.channel,
                    address=target.address,
                    body=body,
                    locale=locale,
                    sent_by="bot",
                    message_key=message.key,
                    now=now,
                    priority=target.priority,
                    flush=target.flush,
                    always_send=effect.always,
                    choices=choices,
                    answered=answered,
                    planned_at=target.planned_at,
                )
                return 1
            case TellWhenPerson():
                if target is None:
                    return 0
                provider = providers.provider_of(session=session, participant_id=participant_id)
                reply = when_person(provider, conversation, now)
                return self._effect(session, participant_id, conversation, reply, target, None)
            case RecordOwnerChange(before=before, after=after, why=why, by=by):
                owners.record_change(
                    session=session,
                    participant_id=participant_id,
                    before=before,
                    after=after,
                    why=why,
                    by=by,
                    now=now,
                )
            case RequestAdvisor(reason=reason, urgent=urgent, note=note):
                advisors.request_advisor(
                    session=session,
                    participant_id=participant_id,
                    reason=reason.value,
                    urgent=urgent,
                    message_id=message_id,
                    now=now,
                    note=note,
                )
            case RecordSafetyEvent(concern=concern, category=category):
                log.info(
                    "safety event %s (%s) for participant %d",
                    concern.value,
                    category,
                    participant_id,
                )
                advisors.record_safety_event(
                    session=session,
                    participant_id=participant_id,
                    concern=concern.value,
                    category=category,
                    message_id=message_id,
                    now=now,
                )
            case ForgetPersonalData():
                transcript.redact_inbound(session=session, participant_id=participant_id, now=now)
            case RecordOutcome() as outcome:
                outcomes.record_outcome(
                    session=session,
                    participant_id=participant_id,
                    attempt=outcome.attempt,
                    kind=outcome.follow_up.value,
                    result=outcome.result.value,
                    quit_date=outcome.quit_date,
                    day=outcome.day,
                    answer_message_id=message_id,
                    now=now,
                    smoked_days=conversation.smoked_days,
                )
            case RecordSurvey(survey=survey, attempt=attempt):
                outcomes.record_survey(
                    session=session,
                    participant_id=participant_id,
                    attempt=attempt,
                    answers=asdict(survey),
                    now=now,
                )
            case IssueLinkCode():
                if target is None:
                    return 0
                code = self._linker.issue(
                    session=session, participant_id=participant_id, channel=target.channel, now=now
                )
                return self._effect(session, participant_id, conversation, code, target, None)
            case TellNext():
                if target is None:
                    return 0
                zone = ZoneInfo(conversation.timezone)
                due = nudges.next_due(session=session, participant_id=participant_id)
                if due is not None and not conversation.paused:
                    local = due.astimezone(zone)
                    reply = Reply(
                        m.NEXT_PLANNED, {"date": local.date(), "time": local.strftime("%H:%M")}
                    )
                else:
                    reply = Reply(m.NOTHING_PLANNED)
                return self._effect(session, participant_id, conversation, reply, target, None)
            case CancelWakes():
                nudges.cancel_pending(session=session, participant_id=participant_id, now=now)
            case ScheduleWakes():
                self._schedule(session, participant_id, conversation, effect)
            case AskAgainLater(hours=hours):
                # One more wake-up row beside the plan (stamped with the current plan, so a
                # replan drops it); the flow asks again only if a question is still waiting.
                moment = ask_again_at(
                    now,
                    hours=hours,
                    roster=conversation.roster,
                    quiet=conversation.quiet_hours,
                    timezone=conversation.timezone,
                    sleep_until=self._sleep_until,
                )
                if moment is not None:
                    quit_date = conversation.quit_date
                    day = (
                        0
                        if quit_date is None
                        else programme_day(now, conversation.timezone, quit_date)
                    )
                    nudges.schedule_many(
                        session=session,
                        participant_id=participant_id,
                        plan=conversation.plan,
                        wakes=[(Due.ASK_AGAIN.value, day, moment)],
                        now=now,
                    )
        return 0

    def _schedule(
        self,
        session: Session,
        participant_id: int,
        conversation: Conversation,
        effect: ScheduleWakes,
    ) -> None:
        """Replace the pending wake-ups with a plan that fits the person's shifts.

        Something already sent for the same programme day on the same date (before a replan,
        say) is not planned again.
        """
        now = self._clock.now()
        nudges.cancel_pending(session=session, participant_id=participant_id, now=now)
        zone = ZoneInfo(conversation.timezone)
        fired = nudges.fired_since(
            session=session,
            participant_id=participant_id,
            since=now - timedelta(days=FOLLOW_UP_GRACE_DAYS + 2),
        )
        planned = schedule(
            effect.wakes,
            quit_date=effect.quit_date,
            roster=conversation.roster,
            quiet=conversation.quiet_hours,
            timezone=conversation.timezone,
            frequency=conversation.frequency,
            spread_key=str(participant_id),
            now=now,
            daily_cap=self._daily_cap,
            sleep_until=self._sleep_until,
            already=[due_at for kind, _, due_at in fired if Due(kind) not in SILENT],
        )
        wakes: list[tuple[str, int, datetime]] = []
        for item in planned:
            # Fired already for this programme day (a moved follow-up, a night's break after
            # midnight): the same quit date, so the same attempt. Not again.
            first = effect.quit_date + timedelta(days=item.wake.day)
            last = first + timedelta(days=FOLLOW_UP_GRACE_DAYS + 1)
            if any(
                kind == item.wake.due.value
                and day == item.wake.day
                and first <= due_at.astimezone(zone).date() <= last
                for kind, day, due_at in fired
            ):
                continue
            wakes.append((item.wake.due.value, item.wake.day, item.due_at))
        nudges.schedule_many(
            session=session, participant_id=participant_id, plan=effect.plan, wakes=wakes, now=now
        )


def when_person(provider: Provider | None, conversation: Conversation, now: datetime) -> Reply:
    """What to tell a person who asked for a person, honestly: soon (inside the provider's
    hours), or from when (outside them, with the crisis numbers)."""
    if provider is None:
        return Reply(m.ADVISOR_REQUESTED)
    try:
        hours = parse_hours(provider.hours, provider.timezone)
    except BadHours:
        log.warning("provider %d has hours quitbot cannot read", provider.id or 0)
        return Reply(m.ADVISOR_REQUESTED)
    closes = hours.closes(now)
    if closes is not None and closes - now >= CLOSING_SOON:
        return Reply(m.PERSON_SOON)
    opens = hours.next_open(closes or now)
    if opens is None or opens <= now:
        return Reply(m.ADVISOR_REQUESTED)
    local = opens.astimezone(ZoneInfo(conversation.timezone))
    return Reply(m.PERSON_LATER, {"date": local.date(), "time": local.strftime("%H:%M")})


def arrival(message: InboundMessage) -> journal.Arrival:
    """A converted inbound message as the journal keeps it. A message without a provider id
    gets a key of its own (it cannot be told from a retry, so it never is)."""
    key = message.provider_id if message.provider_id is not None else f"~{uuid.uuid4().hex}"
    return journal.Arrival(
        channel=message.channel.value,
        key=key,
        address=message.address,
        body=storable(message.text),
        provider_id=message.provider_id,
        has_media=message.has_media,
        carrier_opted_out=message.carrier_opted_out,
        language_hint=message.language_hint,
    )


def storable(text: str) -> str:
    """Text every database can keep: NUL removed, broken UTF-16 halves made U+FFFD."""
    text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def _provider_of(session: Session, participant_id: int) -> int | None:
    """The participant's provider, for the change signal (in the transaction that changed them)."""
    return session.exec(
        select(Participant.provider_id).where(col(Participant.id) == participant_id)
    ).first()
