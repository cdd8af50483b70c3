"""The milestone ledger: derived from what is stored, append-only, priced by the tariff in force.

`derive` reads the stored evidence (quit attempts, follow-up outcomes, advisors' contacts and
CO readings), asks `flows.milestones` what each attempt has reached, and appends the
milestones not yet in the ledger. It is idempotent (each person, attempt and milestone once;
the database's unique constraint backs that up) and runs on the ticker and before a statement
or claim is made. A correction is `reverse`: a new row with a negative amount, the reason and
who; nothing ever changes or removes a row (see `storage.ledger_tables`).
"""

from __future__ import annotations

import gc
import hashlib
import hmac
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    JSON,
    Select,
    Text,
    TypeDecorator,
    cast,
    column,
    event,
    func,
    true,
    type_coerce,
)
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from flows.milestones import (
    PAYABLE,
    AdvisorContact,
    Attempt,
    COReading,
    Definition,
    FollowUpAnswer,
    Milestone,
    Reached,
    attempt_of,
    reached,
)
from flows.tariff import Person, Tariff, parse, price
from storage.deprivation import deciles_for
from storage.ledger_tables import LedgerEntry, LedgerKey, LedgerStatus, QuitAttempt, TariffRow
from storage.tables import (
    ClinicalRecord,
    ConversationRow,
    MessageRow,
    OutcomeRow,
    Participant,
)

CLAIM, REVERSAL = "claim", "reversal"
ANALYZE_AFTER = 10_000  # rows appended at once after which PostgreSQL's statistics are renewed
DEFINITION = Definition()
PROVISIONAL, APPROVED, PAID, REVERSED = "provisional", "approved", "paid", "reversed"
SENT = ("sent", "delivered")  # an advisor's reply that reached the person's channel


class AppendOnly(Exception):
    """Something tried to change or remove a ledger row."""


@event.listens_for(LedgerEntry, "before_update")
@event.listens_for(LedgerEntry, "before_delete")
@event.listens_for(LedgerStatus, "before_update")
@event.listens_for(LedgerStatus, "before_delete")
def _refuse(_mapper: object, _connection: object, target: object) -> None:
    raise AppendOnly(f"{type(target).__name__} rows are append-only: reverse, never change")


def pseudonym_key(*, session: Session) -> bytes:
    """The key pseudonyms are made with (made by migration 0009)."""
    row = session.get(LedgerKey, 1)
    assert row is not None, "migration 0009 makes the ledger key"
    return bytes.fromhex(row.secret)


def pseudonym(key: bytes, participant_id: int) -> str:
    """A participant's pseudonym in the ledger: HMAC-SHA256 of their id (hex, 64)."""
    return hmac.new(key, f"participant:{participant_id}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class LoadedTariff:
    row: TariffRow
    tariff: Tariff


def add_tariff(*, session: Session, provider_id: int, source: str, now: datetime) -> Tariff:
    """Store a new tariff version (parse first: BadTariff for a bad one). ValueError when the
    provider already has this version."""
    tariff = parse(source)
    exists = session.exec(
        select(TariffRow.id).where(
            col(TariffRow.provider_id) == provider_id, col(TariffRow.version) == tariff.version
        )
    ).first()
    if exists is not None:
        raise ValueError(f"this provider already has a tariff version {tariff.version!r}")
    session.add(
        TariffRow(
            provider_id=provider_id,
            version=tariff.version,
            effective_from=tariff.effective_from,
            source=source,
            loaded_at=now,
        )
    )
    session.flush()
    return tariff


def tariffs(*, session: Session) -> dict[int, list[LoadedTariff]]:
    """Every provider's tariffs, oldest first."""
    found: dict[int, list[LoadedTariff]] = defaultdict(list)
    rows = session.exec(
        select(TariffRow).order_by(col(TariffRow.effective_from), col(TariffRow.id))
    )
    for row in rows:
        found[row.provider_id].append(LoadedTariff(row, parse(row.source)))
    return found


def in_force(loaded: list[LoadedTariff], day: date) -> LoadedTariff | None:
    """The tariff in force on `day`: the latest to take effect by then (latest loaded wins)."""
    current = None
    for item in loaded:
        if item.tariff.effective_from <= day:
            current = item
    return current


def derive(
    *,
    session: Session,
    now: datetime,
    definition: Definition = DEFINITION,
    zone: str = "Europe/London",
    participant_ids: Iterable[int] | None = None,
    changed_since: datetime | None = None,
) -> int:
    """Append every milestone reached and not yet in the ledger; returns how many.

    `changed_since` looks only at people with evidence stored since then (the ticker's
    incremental runs); `participant_ids` at those people only."""
    with without_cycle_collection():
        return _derive(
            session=session,
            now=now,
            definition=definition,
            zone=zone,
            participant_ids=participant_ids,
            changed_since=changed_since,
        )


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Hold Python's cycle collector off while a whole service's evidence is read: it builds
    millions of small objects that live to the end, and each collection walks all of them
    (a third of a full pass's time). Reference counting still frees everything; the collector
    runs again afterwards. Nested use leaves it to the outermost."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _derive(
    *,
    session: Session,
    now: datetime,
    definition: Definition,
    zone: str,
    participant_ids: Iterable[int] | None,
    changed_since: datetime | None,
) -> int:
    key = pseudonym_key(session=session)
    if participant_ids is None and changed_since is not None:
        participant_ids = changed(session=session, since=changed_since)
    people = _participants(session, participant_ids)
    if not people:
        return 0
    ids = list(people)
    evidence = Evidence.load(session, None if participant_ids is None else ids)
    priced = tariffs(session=session)
    names = {p: pseudonym(key, p) for p in ids}
    recorded = _recorded(session, None if participant_ids is None else list(names.values()))
    place = ZoneInfo(zone)
    new: list[dict[str, object]] = []
    for participant_id, provider_id in people.items():
        name = names[participant_id]
        state = evidence.states.get(participant_id)
        timezone = (state.get("timezone") if state else None) or zone
        person: Person | None = None
        for attempt in evidence.attempts(participant_id, timezone):
            for milestone in reached(attempt, definition):
                if (name, milestone.attempt, milestone.milestone.value) in recorded:
                    continue
                person = person or evidence.person(participant_id)
                new.append(
                    _entry(
                        milestone,
                        pseudonym=name,
                        provider_id=provider_id,
                        tariff=in_force(
                            priced.get(provider_id, []),
                            milestone.reached_at.astimezone(place).date(),
                        ),
                        person=person,
                        now=now,
                    )
                )
                recorded.add((name, milestone.attempt, milestone.milestone.value))
    append(session, new)
    if len(new) >= ANALYZE_AFTER and session.get_bind().dialect.name == "postgresql":
        # Fresh statistics for what reads the ledger next (a statement, a claim's checks):
        # autovacuum may not come round for minutes, and plans made for an empty table crawl.
        session.connection().exec_driver_sql("ANALYZE ledger_entry")
    return len(new)


def append(session: Session, rows: list[dict[str, object]]) -> None:
    """Insert ledger rows in bulk, in pseudonym order so the indexes grow in order: each
    value turned into what the driver takes here (once for a repeated timestamp or an empty
    list), then COPY on PostgreSQL and the driver's executemany in batches elsewhere.
    SQLAlchemy's per-row parameter handling, or a statement per row, costs more than the
    database's insert for a year's ledger. In the session's transaction either way."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    table = _table(LedgerEntry)
    names = list(rows[0])
    ordered = sorted(range(len(rows)), key=lambda n: (rows[n]["pseudonym"], n))
    if dialect.name == "postgresql":  # COPY: one stream, not a statement per row
        converters = [_converter(table.c[name].type, dialect, text_json=True) for name in names]
        quote = dialect.identifier_preparer.quote
        driver = connection.connection.driver_connection
        assert driver is not None
        with driver.cursor() as cursor:
            copy_sql = (
                f"COPY {quote(table.name)} ({', '.join(quote(n) for n in names)}) FROM STDIN"
            )
            with cursor.copy(copy_sql) as copy:
                for n in ordered:
                    values = [rows[n][k] for k in names]
                    copy.write_row(
                        [
                            value if convert is None or value is None else convert(value)
                            for convert, value in zip(converters, values, strict=True)
                        ]
                    )
        return
    if dialect.name == "sqlite":  # the indexes of a year's ledger outgrow the 2 MB default
        connection.exec_driver_sql("PRAGMA cache_size=-65536")
    converters = [_converter(table.c[name].type, dialect) for name in names]
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
        f"VALUES ({', '.join([mark] * len(names))})"
    )
    for start in range(0, len(ordered), 5000):
        batch = []
        for n in ordered[start : start + 5000]:
            row = rows[n]
            batch.append(
                tuple(
                    value if convert is None or value is None else convert(value)
                    for convert, value in zip(converters, [row[k] for k in names], strict=True)
                )
            )
        connection.exec_driver_sql(sql, batch)


def _converter(kind: Any, dialect: Any, text_json: bool = False) -> Callable[[Any], Any] | None:
    """A column type's bind processor, remembering what it made of values that repeat
    (`text_json`: JSON as its text, for COPY)."""
    if text_json and isinstance(kind, JSON):
        return lambda value: "[]" if value == [] else json.dumps(value)
    processor = kind.dialect_impl(dialect).bind_processor(dialect)
    if processor is None:
        return None
    if isinstance(kind, JSON):
        empty = processor([])
        return lambda value: empty if value == [] else processor(value)
    made: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        found = made.get(value)
        if found is None:
            found = made[value] = processor(value)
        return found

    return convert


def _entry(
    milestone: Reached,
    *,
    pseudonym: str,
    provider_id: int,
    tariff: LoadedTariff | None,
    person: Person,
    now: datetime,
) -> dict[str, object]:
    if tariff is not None and milestone.milestone in PAYABLE:
        cost = price(tariff.tariff, milestone.milestone, person)
        base, uplift, reasons = cost.base_pence, cost.uplift_pence, list(cost.reasons)
        version = tariff.tariff.version
    else:
        base, uplift, reasons = 0, 0, []
        version = tariff.tariff.version if tariff is not None else ""
    return {
        "pseudonym": pseudonym,
        "provider_id": provider_id,
        "attempt": milestone.attempt,
        "milestone": milestone.milestone.value,
        "entry": CLAIM,
        "reached_at": milestone.reached_at,
        "recorded_at": now,
        "tariff_version": version,
        "base_pence": base,
        "uplift_pence": uplift,
        "amount_pence": base + uplift,
        "uplift_reasons": reasons,
        "definition": milestone.definition,
        "advisor_id": milestone.advisor_id,
        "co_ppm": milestone.co_ppm,
        "co_taken_at": milestone.co_taken_at,
        "message_ids": list(milestone.message_ids),
        "evidence": dict(milestone.evidence),
        "reverses_id": None,
        "reason": "",
        "made_by": "ledger",
    }


def reverse(
    *, session: Session, entry_id: int, reason: str, made_by: str, now: datetime
) -> LedgerEntry:
    """Reverse a claim: a new row with the negative amount, the reason and who. ValueError
    for an unknown entry, a reversal, one already reversed, or no reason."""
    reason = " ".join(reason.split())
    if not reason:
        raise ValueError("give a reason for the reversal")
    original = session.get(LedgerEntry, entry_id)
    if original is None or original.entry != CLAIM:
        raise ValueError(f"no ledger claim {entry_id}")
    if (
        session.exec(
            select(LedgerEntry.id).where(col(LedgerEntry.reverses_id) == entry_id)
        ).first()
        is not None
    ):
        raise ValueError(f"ledger entry {entry_id} is already reversed")
    row = LedgerEntry(
        pseudonym=original.pseudonym,
        provider_id=original.provider_id,
        attempt=original.attempt,
        milestone=original.milestone,
        entry=REVERSAL,
        reached_at=original.reached_at,
        recorded_at=now,
        tariff_version=original.tariff_version,
        base_pence=-original.base_pence,
        uplift_pence=-original.uplift_pence,
        amount_pence=-original.amount_pence,
        uplift_reasons=list(original.uplift_reasons),
        definition=original.definition,
        advisor_id=original.advisor_id,
        co_ppm=original.co_ppm,
        co_taken_at=original.co_taken_at,
        message_ids=list(original.message_ids),
        evidence={"reverses": entry_id},
        reverses_id=entry_id,
        reason=reason[:500],
        made_by=made_by,
    )
    session.add(row)
    session.flush()
    return row


def mark(
    *,
    session: Session,
    entry_ids: Iterable[int],
    status: str,
    made_by: str,
    now: datetime,
    claim_id: int | None = None,
) -> int:
    """Move entries on to `status` (approved or paid): one new status row each, skipping
    those already there."""
    assert status in (APPROVED, PAID)
    ids = list(entry_ids)
    done = set(
        session.exec(
            select(LedgerStatus.entry_id).where(
                col(LedgerStatus.entry_id).in_(ids), col(LedgerStatus.status) == status
            )
        )
    )
    added = 0
    for entry_id in ids:
        if entry_id not in done:
            session.add(
                LedgerStatus(
                    entry_id=entry_id, status=status, claim_id=claim_id, made_by=made_by, at=now
                )
            )
            added += 1
    session.flush()
    return added


def statuses(*, session: Session, entry_ids: Iterable[int]) -> dict[int, str]:
    """Each entry's current status: reversed, paid, approved or provisional."""
    ids = list(entry_ids)
    found = dict.fromkeys(ids, PROVISIONAL)
    rank = {PROVISIONAL: 0, APPROVED: 1, PAID: 2}
    for entry_id, status in session.exec(
        select(LedgerStatus.entry_id, LedgerStatus.status).where(
            col(LedgerStatus.entry_id).in_(ids)
        )
    ):
        if rank[status] > rank[found[entry_id]]:
            found[entry_id] = status
    for reversed_id in session.exec(
        select(LedgerEntry.reverses_id).where(col(LedgerEntry.reverses_id).in_(ids))
    ):
        if reversed_id is not None:
            found[reversed_id] = REVERSED
    return found


def month_entries(
    *, session: Session, provider_id: int, month: str, zone: str = "Europe/London"
) -> list[LedgerEntry]:
    """A provider's ledger rows recorded in `month` (YYYY-MM, in `zone`), oldest first.
    A row belongs to the month it was recorded in, so a closed month never changes."""
    start, end = month_bounds(month, zone)
    return list(
        session.exec(
            select(LedgerEntry)
            .where(
                col(LedgerEntry.provider_id) == provider_id,
                col(LedgerEntry.recorded_at) >= start,
                col(LedgerEntry.recorded_at) < end,
            )
            .order_by(col(LedgerEntry.id))
        )
    )


STATEMENT_COLUMNS = (
    "id",
    "entry",
    "pseudonym",
    "attempt",
    "milestone",
    "reached_at",
    "recorded_at",
    "tariff_version",
    "base_pence",
    "uplift_pence",
    "amount_pence",
    "uplift_reasons",
    "definition",
    "advisor_id",
    "co_ppm",
    "co_taken_at",
    "message_ids",
    "reverses_id",
    "reason",
    "made_by",
)


class _Listed(TypeDecorator[list[Any]]):
    """A JSON list read for a statement: most are empty, so "[]" is not decoded at all."""

    impl = Text
    cache_ok = True

    def process_result_value(self, value: Any, dialect: Any) -> list[Any]:
        if value is None or value == "[]":
            return []
        return json.loads(value) if isinstance(value, str) else list(value)


class _Instant(TypeDecorator[datetime]):
    """A UTC timestamp read for a statement, each distinct stored value converted once (a
    ledger run records thousands of rows at one moment)."""

    impl = Text
    cache_ok = False  # it remembers what it read

    def __init__(self) -> None:
        super().__init__()
        self._seen: dict[Any, datetime] = {}

    def process_result_value(self, value: Any, dialect: Any) -> datetime | None:
        if value is None:
            return None
        found = self._seen.get(value)
        if found is None:
            if isinstance(value, datetime):  # PostgreSQL: aware already
                found = value.astimezone(UTC)
            else:  # SQLite: naive UTC text, as storage.types.UTCDateTime writes it
                found = datetime.fromisoformat(value).replace(tzinfo=UTC)
            self._seen[value] = found
        return found


def month_rows(
    *, session: Session, provider_id: int, month: str, zone: str = "Europe/London"
) -> tuple[list[Any], dict[int, str]]:
    """`month_entries` as plain rows (fast for a statement of many thousand rows: the two
    lists are read as text and decoded only when not empty), with each claim's current
    status. The index on (provider, recorded_at) finds the month (migration 0016)."""
    table = _table(LedgerEntry)
    instant = _Instant()
    columns = [
        type_coerce(table.c[name], _Listed()).label(name)
        if name in ("uplift_reasons", "message_ids")
        else type_coerce(table.c[name], instant).label(name)
        if name in ("reached_at", "recorded_at", "co_taken_at")
        else table.c[name]
        for name in STATEMENT_COLUMNS
    ]
    query = select(*columns).where(*_month(provider_id, month, zone)).order_by(table.c.id)
    rows = list(session.connection().execute(query))  # Core: no ORM loading layer
    return rows, month_statuses(
        session=session, provider_id=provider_id, month=month, zone=zone, ids=[r.id for r in rows]
    )


def month_statuses(
    *,
    session: Session,
    provider_id: int,
    month: str,
    zone: str = "Europe/London",
    ids: list[int] | None = None,
) -> dict[int, str]:
    """Each of a provider's month's entries with its current status: reversed, paid, approved
    or provisional (`ids`: the entries, when the caller has read them already)."""
    if ids is None:
        query = select(LedgerEntry.id).where(*_month(provider_id, month, zone))
        ids = [entry_id for entry_id in session.exec(query) if entry_id is not None]
    found = dict.fromkeys(ids, PROVISIONAL)
    if not ids:
        return found
    # By the range of the month's ids, kept to the month's own in Python: one index range scan
    # each, whatever the planner's statistics say (a subquery joined row by row took seconds
    # on PostgreSQL right after a year's rows were written).
    low, high = min(ids), max(ids)
    rank = {PROVISIONAL: 0, APPROVED: 1, PAID: 2}
    connection = session.connection()
    for entry_id, status in connection.execute(
        select(LedgerStatus.entry_id, LedgerStatus.status).where(
            col(LedgerStatus.entry_id).between(low, high)
        )
    ):
        if entry_id in found and rank[status] > rank[found[entry_id]]:
            found[entry_id] = status
    for (reversed_id,) in connection.execute(
        select(LedgerEntry.reverses_id).where(col(LedgerEntry.reverses_id).between(low, high))
    ):
        if reversed_id in found:
            found[reversed_id] = REVERSED
    return found


def month_totals(
    *, session: Session, provider_id: int, month: str, zone: str = "Europe/London"
) -> dict[str, tuple[int, int, int, int]]:
    """Per milestone, the month's (rows, base, uplift, amount) in pence, summed by the
    database: claims and reversals alike, so they add up to the statement's rows."""
    table = _table(LedgerEntry)
    query = (
        core_select(
            table.c.milestone,
            func.count(),
            func.sum(table.c.base_pence),
            func.sum(table.c.uplift_pence),
            func.sum(table.c.amount_pence),
        )
        .where(*_month(provider_id, month, zone))
        .group_by(table.c.milestone)
    )
    return {
        milestone: (int(count), int(base or 0), int(uplift or 0), int(amount or 0))
        for milestone, count, base, uplift, amount in session.connection().execute(query)
    }


def _month(provider_id: int, month: str, zone: str) -> tuple[Any, ...]:
    start, end = month_bounds(month, zone)
    return (
        col(LedgerEntry.provider_id) == provider_id,
        col(LedgerEntry.recorded_at) >= start,
        col(LedgerEntry.recorded_at) < end,
    )


FIRST_YEAR, LAST_YEAR = 2000, 2999  # the years a ledger month may be in


def a_month(text: str) -> bool:
    """`text` is a month the ledger knows: YYYY-MM in FIRST_YEAR to LAST_YEAR."""
    if not (len(text) == 7 and text[4] == "-" and text.replace("-", "", 1).isdigit()):
        return False
    year, number = int(text[:4]), int(text[5:])
    return text.isascii() and 1 <= number <= 12 and FIRST_YEAR <= year <= LAST_YEAR


def month_bounds(month: str, zone: str) -> tuple[datetime, datetime]:
    """The first instant of `month` and of the next one, in `zone`. ValueError if not YYYY-MM
    in the ledger's years (a_month)."""
    if not a_month(month):
        raise ValueError(month)
    year, number = int(month[:4]), int(month[5:])
    place = ZoneInfo(zone)
    start = datetime(year, number, 1, tzinfo=place)
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=place)
    return start, end


# --- gathering the evidence --------------------------------------------------------------


def changed(*, session: Session, since: datetime) -> set[int]:
    """People with ledger evidence stored at or after `since`."""
    found: set[int] = set()
    sources = (
        (QuitAttempt.participant_id, QuitAttempt.set_at),
        (OutcomeRow.participant_id, OutcomeRow.recorded_at),
        (ClinicalRecord.participant_id, ClinicalRecord.recorded_at),
    )
    for who, when in sources:
        found.update(session.exec(select(who).where(col(when) >= since).distinct()))
    found.update(  # an advisor's reply counts once sent: its status changes after it is made
        session.exec(
            select(MessageRow.participant_id)
            .where(col(MessageRow.updated_at) >= since, col(MessageRow.advisor_id).is_not(None))
            .distinct()
        )
    )
    return found  # someone allocated to a provider late is found by the next full pass


def _participants(session: Session, only: Iterable[int] | None) -> dict[int, int]:
    query = select(Participant.id, Participant.provider_id).where(
        col(Participant.provider_id).is_not(None)
    )
    if only is not None:
        query = query.where(col(Participant.id).in_(list(only)))
    return {pid: provider for pid, provider in session.exec(query) if pid and provider}


def _recorded(session: Session, names: list[str] | None) -> set[tuple[str, int, str]]:
    """The (pseudonym, attempt, milestone) claims already in the ledger: of `names`, or all."""
    if names is None:  # a full pass: one scan beats thousands of IN lists
        query = select(LedgerEntry.pseudonym, LedgerEntry.attempt, LedgerEntry.milestone)
        return {
            (name, attempt, milestone)
            for name, attempt, milestone in session.execute(
                query.where(col(LedgerEntry.entry) == CLAIM)
            )
        }
    found: set[tuple[str, int, str]] = set()
    for start in range(0, len(names), 500):
        chunk = names[start : start + 500]
        found.update(
            session.exec(
                select(LedgerEntry.pseudonym, LedgerEntry.attempt, LedgerEntry.milestone).where(
                    col(LedgerEntry.pseudonym).in_(chunk), col(LedgerEntry.entry) == CLAIM
                )
            )
        )
    return found


@dataclass
class Evidence:
    states: dict[int, dict]  # type: ignore[type-arg]
    # Plain rows (column tuples with attribute access), not ORM objects: this reads everyone.
    starts: dict[int, list[Any]]
    outcomes: dict[int, list[Any]]
    contacts: dict[int, list[AdvisorContact]]
    readings: dict[int, list[Any]]
    deciles: dict[str, tuple[int, str]]

    @classmethod
    def load(cls, session: Session, who: list[int] | Select[Any] | None) -> Evidence:
        """The evidence of `who`: a list of participant ids (read in chunks), a query giving
        their ids (one pass, the database joins), or None for everyone (whole tables, no
        filter: what a full pass and the whole-service report read)."""
        states: dict[int, dict] = {}  # type: ignore[type-arg]
        starts: dict[int, list[Any]] = defaultdict(list)
        outcomes: dict[int, list[Any]] = defaultdict(list)
        contacts: dict[int, list[AdvisorContact]] = defaultdict(list)
        readings: dict[int, list[Any]] = defaultdict(list)
        dialect = session.get_bind().dialect.name
        for only in _filters(who):
            for pid, text in session.execute(
                _state_summaries(dialect, only(col(ConversationRow.participant_id)))
            ):
                states[pid] = dict(zip(STATE_KEYS, json.loads(text), strict=True))
            for attempt in session.execute(
                select(_table(QuitAttempt)).where(*only(col(QuitAttempt.participant_id)))
            ):
                starts[attempt.participant_id].append(attempt)
            for outcome in session.execute(
                select(_table(OutcomeRow)).where(*only(col(OutcomeRow.participant_id)))
            ):
                outcomes[outcome.participant_id].append(outcome)
            # An advisor's contact is a reply sent to the person (a takeover alone, or a
            # reply still queued, refused or withheld, engages nobody: flows.milestones).
            for mid, pid, at, advisor_id in session.execute(
                select(
                    MessageRow.id,
                    MessageRow.participant_id,
                    MessageRow.created_at,
                    MessageRow.advisor_id,
                ).where(
                    *only(col(MessageRow.participant_id)),
                    col(MessageRow.direction) == "out",
                    col(MessageRow.advisor_id).is_not(None),
                    col(MessageRow.status).in_(SENT),
                )
            ):
                contacts[pid].append(AdvisorContact(at, advisor_id, "replied", mid))
            for record in session.execute(
                select(_table(ClinicalRecord)).where(*only(col(ClinicalRecord.participant_id)))
            ):
                if record.kind == "first_appointment":
                    contacts[record.participant_id].append(
                        AdvisorContact(
                            record.happened_at, record.advisor_id, "first_appointment", record.id
                        )
                    )
                else:
                    readings[record.participant_id].append(record)
        postcodes = {(state.get("profile") or {}).get("postcode") for state in states.values()}
        deciles = deciles_for(session=session, postcodes=[p for p in postcodes if p])
        return cls(states, starts, outcomes, contacts, readings, deciles)

    def attempts(self, participant_id: int, timezone: str) -> list[Attempt]:
        starts = sorted(self.starts.get(participant_id, []), key=lambda a: a.attempt)
        by_attempt: dict[int, Attempt] = {
            a.attempt: Attempt(
                attempt=a.attempt,
                timezone=timezone,
                quit_date=a.quit_date,
                quit_date_set_at=a.set_at,
                quit_date_message_id=a.message_id,
            )
            for a in starts
        }
        for outcome in self.outcomes.get(participant_id, []):
            if outcome.attempt not in by_attempt:  # an attempt from before quit_attempt rows
                by_attempt[outcome.attempt] = Attempt(
                    outcome.attempt, timezone, quit_date=outcome.quit_date
                )
        begun = [(a.attempt, a.set_at) for a in starts]
        grouped_contacts: dict[int, list[AdvisorContact]] = defaultdict(list)
        for contact in self.contacts.get(participant_id, []):
            grouped_contacts[attempt_of(contact.at, begun)].append(contact)
        for number in grouped_contacts:
            by_attempt.setdefault(number, Attempt(number, timezone))
        result = []
        for number, attempt in sorted(by_attempt.items()):
            answers = tuple(
                _answer(o) for o in self.outcomes.get(participant_id, []) if o.attempt == number
            )
            reads = tuple(
                COReading(r.happened_at, r.ppm, r.advisor_id, r.id)
                for r in self.readings.get(participant_id, [])
                if r.attempt == number and r.ppm is not None and r.id is not None
            )
            result.append(
                Attempt(
                    attempt=number,
                    timezone=timezone,
                    quit_date=attempt.quit_date,
                    quit_date_set_at=attempt.quit_date_set_at,
                    quit_date_message_id=attempt.quit_date_message_id,
                    contacts=tuple(grouped_contacts.get(number, ())),
                    follow_ups=answers,
                    readings=reads,
                )
            )
        return result

    def person(self, participant_id: int) -> Person:
        state = self.states.get(participant_id)
        if state is None:
            return Person()
        profile = state.get("profile") or {}  # as flows.serialize writes it
        decile = self.deciles.get((profile.get("postcode") or "").replace(" ", "").upper())
        return Person(
            age=profile.get("age"),
            role=profile.get("role"),
            work_pattern=profile.get("work_pattern"),
            imd_decile=decile[0] if decile else None,
            imd_edition=decile[1] if decile else None,
        )


def _answer(outcome: Any) -> FollowUpAnswer:
    evidence = outcome.evidence or {}
    ids = [a["message_id"] for a in evidence.get("asked", []) if "message_id" in a]
    if evidence.get("answer_message_id") is not None:
        ids.append(evidence["answer_message_id"])
    return FollowUpAnswer(
        kind=outcome.kind,
        result=outcome.result,
        answered_at=outcome.recorded_at,
        smoked_days=tuple(evidence.get("smoked_days", ())),
        message_ids=tuple(ids),
        outcome_id=outcome.id,
    )


def _table(model: type) -> Any:
    """A model's Core table: selecting it gives plain rows, not ORM objects."""
    return model.__table__  # type: ignore[attr-defined]


STATE_KEYS = ("timezone", "stage", "locale", "pregnancy_noted", "profile")


def _state_summaries(dialect: str, conditions: list[Any]) -> Any:
    """(participant, the parts of their conversation's state the ledger and the report read,
    as one JSON array text) made by the database: a state is over a kilobyte, and decoding all
    of it for a whole service costs more than everything else the report reads."""
    state = col(ConversationRow.state)
    if dialect == "sqlite":  # several paths: one parse, a JSON array of the values
        extracted = func.json_extract(state, *(f"$.{key}" for key in STATE_KEYS), type_=Text)
        return select(ConversationRow.participant_id, extracted).where(*conditions)
    # PostgreSQL: the JSON text is parsed once for all the keys (json_to_record), not once
    # for each of them.
    parts = (
        func.json_to_record(state)
        .table_valued(*(column(k, JSON) for k in STATE_KEYS))
        .render_derived(name="parts", with_types=True)
        .lateral()
    )
    summary = cast(func.json_build_array(*(parts.c[k] for k in STATE_KEYS)), Text)
    return (
        select(ConversationRow.participant_id, summary)
        .select_from(ConversationRow)
        .join(parts, true())
        .where(*conditions)
    )


def _filters(who: list[int] | Select[Any] | None) -> Iterable[Callable[[Any], list[Any]]]:
    """For each pass over the evidence, the conditions that keep it to `who`'s rows."""
    if who is None:
        yield lambda column: []
    elif isinstance(who, Select):
        query = who
        yield lambda column: [column.in_(query)]
    else:
        for start in range(0, len(who), 500):
            chunk = who[start : start + 500]
            yield lambda column, chunk=chunk: [column.in_(chunk)]  # type: ignore[misc]


def milestone_names() -> list[str]:
    """Every milestone, in the order a statement lists them."""
    return [m.value for m in Milestone]
