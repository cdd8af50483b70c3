"""The milestone ledger in the world: the ticker job that keeps it derived, statements as CSV,
and loading a provider's tariff file.

The ledger is derived by a job, not in the runner: `storage.ledger.derive` reads the evidence
the runner and the console already commit (quit attempts, outcomes, owner changes, advisors'
replies, clinical records) and appends what is missing, idempotently. So a milestone whose
evidence arrives later (a CO reading typed in a week after the answer) is found the same way,
and a second ticker or a CLI run at the same time cannot pay anything twice (the unique
constraint refuses the second row, and that run is simply retried next time).
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import anyio
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot import spreadsheet
from flows.milestones import Definition, Milestone
from flows.tariff import BadTariff
from scheduler import Clock
from storage import ledger
from storage.tables import Provider

log = logging.getLogger(__name__)

EVERY = timedelta(minutes=10)
FULL_EVERY = timedelta(hours=24)  # a full pass; the runs between look at recent evidence only
OVERLAP = timedelta(hours=1)  # evidence stamped this long before a run may commit after it
COLUMNS = (
    "entry_id",
    "entry",
    "status",
    "pseudonym",
    "attempt",
    "milestone",
    "reached_at",
    "recorded_at",
    "tariff_version",
    "base_gbp",
    "uplift_gbp",
    "amount_gbp",
    "uplift_reasons",
    "definition",
    "advisor_id",
    "co_ppm",
    "co_taken_at",
    "message_ids",
    "reverses_entry",
    "reason",
    "made_by",
)


class LedgerJob:
    """Derives the ledger on the ticker, at most once every `every`."""

    def __init__(
        self,
        *,
        engine: Engine,
        clock: Clock,
        definition: Definition,
        zone: str,
        every: timedelta = EVERY,
    ) -> None:
        self._engine = engine
        self._clock = clock
        self._definition = definition
        self._zone = zone
        self._every = every
        self._last: datetime | None = None
        self._last_full: datetime | None = None
        self._done: datetime | None = None  # when the last successful run began

    async def tick(self) -> int:
        now = self._clock.now()
        if self._last is not None and now - self._last < self._every:
            return 0
        self._last = now
        return await anyio.to_thread.run_sync(self.derive_now)

    def derive_now(self) -> int:
        """Append the milestones not yet in the ledger, in one transaction: everyone once a
        day (and at start), otherwise only people with evidence stored since the last run."""
        now = self._clock.now()
        full = self._last_full is None or now - self._last_full >= FULL_EVERY
        since = None if full or self._done is None else self._done - OVERLAP
        try:
            with Session(self._engine) as session, session.begin():
                added = ledger.derive(
                    session=session,
                    now=now,
                    definition=self._definition,
                    zone=self._zone,
                    changed_since=since,
                )
        except IntegrityError:  # another process recorded the same milestone first
            log.debug("ledger: another process was deriving; trying again next tick")
            return 0
        self._done = now
        if full:
            self._last_full = now
        if added:
            log.info("ledger: %d milestone(s) recorded", added)
        return added


def pounds(pence: int) -> str:
    """Pence as pounds with two decimals ("-12.50")."""
    sign = "-" if pence < 0 else ""
    return f"{sign}{abs(pence) // 100}.{abs(pence) % 100:02d}"


def money(pence: int) -> str:
    """Pence as people read money: "£12.50", "-£20.00" (the sign before the pound sign)."""
    return f"{'-' if pence < 0 else ''}£{pounds(abs(pence))}"


def gbp(amount: str) -> str:
    """A statement's amount ("-20.00") as people read money ("-£20.00")."""
    return f"-£{amount[1:]}" if amount.startswith("-") else f"£{amount}"


def statement(session: Session, provider: Provider, month: str) -> str:
    """`provider`'s statement for `month` as CSV: one row per ledger row recorded that month,
    a subtotal per milestone and a total, which add up to the rows. Text that a spreadsheet
    would take for a formula (a reversal's reason, say) is quoted (bot.spreadsheet)."""
    assert provider.id is not None
    rows, status = ledger.month_rows(
        session=session, provider_id=provider.id, month=month, zone=provider.timezone
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(spreadsheet.row(line) for line in _lines(rows, status))
    totals = ledger.month_totals(
        session=session, provider_id=provider.id, month=month, zone=provider.timezone
    )
    order = [m.value for m in Milestone]
    for milestone in sorted(totals, key=order.index):
        writer.writerow(_summary("subtotal", milestone, totals[milestone]))
    writer.writerow(
        _summary("total", "", tuple(sum(t[n] for t in totals.values()) for n in range(4)))
    )
    return out.getvalue()


def _lines(rows: list[Any], status: dict[int, str]) -> Iterator[list[object]]:
    """The statement's rows. Amounts and times repeat (a run of the ledger records many rows
    at one moment, a tariff has a few prices), so each is formatted once."""
    money: dict[int, str] = {}
    times: dict[datetime, str] = {}

    def gbp(pence: int) -> str:
        text = money.get(pence)
        if text is None:
            text = money[pence] = pounds(pence)
        return text

    def when(at: datetime | None) -> str:
        if at is None:
            return ""
        text = times.get(at)
        if text is None:
            text = times[at] = at.isoformat()
        return text

    claim = ledger.CLAIM
    for row in rows:
        yield [
            row.id,
            row.entry,
            status.get(row.id, "") if row.entry == claim else "",
            row.pseudonym,
            row.attempt,
            row.milestone,
            when(row.reached_at),
            when(row.recorded_at),
            row.tariff_version,
            gbp(row.base_pence),
            gbp(row.uplift_pence),
            gbp(row.amount_pence),
            "; ".join(row.uplift_reasons),
            row.definition,
            row.advisor_id if row.advisor_id is not None else "",
            row.co_ppm if row.co_ppm is not None else "",
            when(row.co_taken_at),
            " ".join(str(i) for i in row.message_ids),
            row.reverses_id or "",
            row.reason,
            row.made_by,
        ]


def _summary(kind: str, milestone: str, sums: tuple[int, ...]) -> list[object]:
    """A subtotal or total line: (rows, base, uplift, amount pence) as the database summed
    them; the reconciliation test adds the rows up itself."""
    count, base, uplift, amount = sums
    line: list[object] = [""] * len(COLUMNS)
    line[COLUMNS.index("entry")] = kind
    line[COLUMNS.index("milestone")] = milestone
    line[COLUMNS.index("attempt")] = count  # how many rows it adds up
    line[COLUMNS.index("base_gbp")] = pounds(base)
    line[COLUMNS.index("uplift_gbp")] = pounds(uplift)
    line[COLUMNS.index("amount_gbp")] = pounds(amount)
    return line


def read_tariff(path: Path) -> str:
    """A tariff file's text; BadTariff (one line) when it cannot be read or used."""
    from flows.tariff import parse

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BadTariff(f"{path}: cannot read it ({error.__class__.__name__})") from None
    try:
        parse(text)
    except BadTariff as error:
        raise BadTariff(f"{path}: {error}") from None
    return text
