"""A provider's ledger by month in the console: the statement's rows and totals (for a lead, their
own provider; for a commissioner, any or all), its CSV, and reversing a row with a reason.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from bot.console.ledger_base import (
    MAX_ID,
    MONTH,
    NO_STORE,
    SHOW_ROWS,
    LedgerBase,
    Refused,
    Viewer,
    a_month,
    month_name,
    month_of,
    read_statement,
    say,
    shift_month,
)
from bot.ledger import money, statement
from storage import ledger
from storage.ledger_tables import Claim, LedgerEntry
from storage.tables import Provider

log = logging.getLogger(__name__)


class MonthPages(LedgerBase):
    """The ledger by month, its statement, and reversals."""

    # --- the ledger -------------------------------------------------------------------------

    def _month(self, request: Request, zone: str) -> tuple[str, str]:
        """The month asked for (or this one), and what was wrong with what was asked."""
        wanted = request.query_params.get("month", "")
        this = month_of(self.console.clock.now(), zone)
        if not wanted:
            return this, ""
        if MONTH.fullmatch(wanted) and not a_month(wanted):
            return this, (
                f"There is no ledger for {wanted}: it keeps months from "
                f"{ledger.FIRST_YEAR}-01 to {ledger.LAST_YEAR}-12. "
                f"Showing {month_name(this)} instead."
            )
        if not a_month(wanted):
            return this, (
                f"“{wanted[:20]}” is not a month like {this}. Showing {month_name(this)} instead."
            )
        return wanted, ""

    async def ledger_page(self, request: Request, viewer: Viewer) -> Response:
        def work(session: Session) -> Response | dict[str, Any]:
            provider = self._provider(session, viewer, request.query_params.get("provider"))
            if provider is False:
                return self._denied(session, request, viewer)
            zone = provider.timezone if isinstance(provider, Provider) else viewer.timezone
            month, problem = self._month(request, zone)
            found: dict[str, Any] = {"month": month, "problem": problem, "provider": provider}
            if not viewer.lead:
                found["providers"] = list(
                    session.exec(select(Provider).order_by(col(Provider.name)))
                )
            if isinstance(provider, Provider):
                found["statement"] = read_statement(statement(session, provider, month))
                found["claim"] = session.exec(
                    select(Claim).where(
                        col(Claim.provider_id) == provider.id, col(Claim.month) == month
                    )
                ).first()
                # Which rows this viewer may reverse (the rule `reverse` enforces).
                found["reversible"] = (
                    (
                        {ledger.PROVISIONAL}
                        if found["claim"] is None or found["claim"].status == "rejected"
                        else set()
                    )
                    if viewer.lead
                    else {ledger.PROVISIONAL, ledger.APPROVED, ledger.PAID}
                )
                self._audit(
                    session, request, viewer, "view_ledger", provider_id=provider.id, detail=month
                )
            else:  # a commissioner's overview: every provider's month, as their statements
                overview = []
                for each in session.exec(select(Provider).order_by(col(Provider.name))):
                    read = read_statement(statement(session, each, month))
                    claim = session.exec(
                        select(Claim).where(
                            col(Claim.provider_id) == each.id, col(Claim.month) == month
                        )
                    ).first()
                    overview.append((each, read, claim))
                found["overview"] = overview
                self._audit(session, request, viewer, "view_ledger", detail=f"{month} all")
            return found

        found = await self.console._db(work)
        if isinstance(found, Response):
            return found
        return self.console._render(
            "ledger.html",
            show_rows=SHOW_ROWS,
            previous=shift_month(found["month"], -1),
            following=shift_month(found["month"], 1),
            **found,
            **await self._context(viewer),
        )

    async def statement_csv(self, request: Request, viewer: Viewer) -> Response:
        def work(session: Session) -> Response:
            provider = self._provider(session, viewer, request.query_params.get("provider"))
            if not isinstance(provider, Provider):
                return self._denied(session, request, viewer)
            month = request.query_params.get("month", "")
            if not a_month(month):
                return HTMLResponse(
                    "Give a month like 2026-11.", status_code=400, headers=NO_STORE
                )
            text = statement(session, provider, month)
            self._audit(
                session,
                request,
                viewer,
                "download_statement",
                provider_id=provider.id,
                detail=month,
            )
            return Response(
                text,
                media_type="text/csv; charset=utf-8",
                headers={
                    **NO_STORE,
                    "content-disposition": (
                        f'attachment; filename="statement-{provider.id}-{month}.csv"'
                    ),
                },
            )

        return await self.console._db(work)

    def reverse(
        self, session: Session, request: Request, viewer: Viewer, form: dict[str, str], action: str
    ) -> Response | str:
        """Reverse a ledger row with a reason: a new row with the negative amount, who and why
        (the ledger stays append-only). Segregation of duties: a lead corrects only their own
        provider's provisional rows in a month not claimed (or whose claim was rejected); once
        a claim is in, or a row approved or paid, only a commissioner can reverse it."""
        eid = int(request.path_params["eid"])
        entry = session.get(LedgerEntry, eid) if eid <= MAX_ID else None
        if entry is None or (viewer.lead and entry.provider_id != viewer.provider_id):
            return self._denied(session, request, viewer)
        assert entry.id is not None
        reason = " ".join(form.get("reason", "").split())
        if not reason:
            raise Refused("Say why this row is reversed.")
        if len(reason) > 500:
            raise Refused("That is too long: 500 characters at most.")
        if entry.entry != ledger.CLAIM:
            raise Refused(f"Row {eid} is a reversal itself: it cannot be reversed.")
        status = ledger.statuses(session=session, entry_ids=[entry.id])[entry.id]
        if status == ledger.REVERSED:
            raise Refused(f"Row {eid} is already reversed.")
        if viewer.lead:
            if status != ledger.PROVISIONAL:
                raise Refused(f"Row {eid} is {status}: only a commissioner can reverse it now.")
            claim = self._claim_for(session, entry)
            if claim is not None and claim.status != "rejected":
                raise Refused(
                    f"Row {eid} is in claim {claim.id} ({claim.status}): "
                    "only a commissioner can reverse it now."
                )
        try:
            with session.begin_nested():  # another tab reversing it at the same moment
                row = ledger.reverse(
                    session=session,
                    entry_id=entry.id,
                    reason=reason,
                    made_by=viewer.email,
                    now=self.console.clock.now(),
                )
        except (IntegrityError, ValueError):
            raise Refused(f"Row {eid} is already reversed.") from None
        self._audit(
            session,
            request,
            viewer,
            action,
            provider_id=entry.provider_id,
            detail=f"ok: row {eid} reversed by row {row.id}",
        )
        log.info("console: %s reversed ledger row %s", viewer.kind, eid)
        response = say(
            f"Row {eid} reversed: row {row.id} takes {money(-row.amount_pence)} off "
            f"{month_name(month_of(row.recorded_at, self._zone(session, entry)))}.",
            200,
        )
        response.headers["hx-refresh"] = "true"
        return response

    def _zone(self, session: Session, entry: LedgerEntry) -> str:
        provider = session.get(Provider, entry.provider_id)
        return provider.timezone if provider is not None else self.console.settings.timezone

    def _claim_for(self, session: Session, entry: LedgerEntry) -> Claim | None:
        """The claim for the month an entry was recorded in, if one was made."""
        month = month_of(entry.recorded_at, self._zone(session, entry))
        return session.exec(
            select(Claim).where(
                col(Claim.provider_id) == entry.provider_id, col(Claim.month) == month
            )
        ).first()
