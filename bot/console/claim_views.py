"""Monthly claims in the console: a lead submits their provider's month, a commissioner approves,
rejects (with a reason) or records it paid, never one they submitted; each claim's flags with
their evidence.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlmodel import Session, col, select
from starlette.requests import Request
from starlette.responses import Response

from bot.console.ledger_base import (
    LedgerBase,
    Refused,
    Viewer,
    a_month,
    flag_view,
    month_name,
    month_of,
    say,
    shift_month,
)
from bot.ledger import money
from bot.ledger_commands import definition
from storage import claims, ledger
from storage.ledger_tables import Claim
from storage.tables import Provider

log = logging.getLogger(__name__)


class ClaimPages(LedgerBase):
    """Claims: the list, one claim with its flags, submitting and deciding."""

    # --- claims -----------------------------------------------------------------------------

    async def claims_page(self, request: Request, viewer: Viewer) -> Response:
        def work(session: Session) -> dict[str, Any]:
            query = select(Claim).order_by(col(Claim.id).desc())
            if viewer.lead:
                query = query.where(col(Claim.provider_id) == viewer.provider_id)
            found = list(session.exec(query))
            names = {p.id: p.name for p in session.exec(select(Provider))}
            if viewer.lead:
                names = {viewer.provider_id: viewer.provider_name}
            self._audit(session, request, viewer, "view_claims", detail=f"{len(found)} shown")
            return {"claims": found, "names": names}

        found = await self.console._db(work)
        zone = viewer.timezone
        last_month = shift_month(month_of(self.console.clock.now(), zone), -1)
        return self.console._render(
            "claims.html", last_month=last_month, **found, **await self._context(viewer)
        )

    async def claim_page(self, request: Request, viewer: Viewer) -> Response:
        cid = int(request.path_params["cid"])

        def work(session: Session) -> Response | dict[str, Any]:
            claim = self._claim(session, viewer, cid)
            if claim is None:
                return self._denied(session, request, viewer)
            provider = session.get(Provider, claim.provider_id)
            assert provider is not None
            assert provider.id is not None
            names = {p.id: p.name for p in session.exec(select(Provider)) if p.id is not None}
            status = ledger.month_statuses(
                session=session, provider_id=provider.id, month=claim.month, zone=provider.timezone
            )
            statuses: dict[str, int] = {}
            for value in status.values():
                statuses[value] = statuses.get(value, 0) + 1
            undone, undone_pence = claims.reversed_since(session=session, claim=claim)
            self._audit(
                session,
                request,
                viewer,
                "view_claim",
                provider_id=provider.id,
                detail=f"claim {cid}",
            )
            rejections = [
                {
                    "submitted_at": r.submitted_at,
                    "submitted_by": r.submitted_by,
                    "decided_at": r.decided_at,
                    "decided_by": r.decided_by,
                    "decision_note": r.decision_note,
                    "entries": r.entries,
                    "total_pence": r.total_pence,
                    "flags": [
                        flag_view(f, names=names, lead=viewer.lead, zone=viewer.timezone)
                        for f in r.flags
                    ],
                }
                for r in claims.rejections(session=session, claim_id=cid)
            ]
            return {
                "claim": claim,
                "provider": provider,
                "rejections": rejections,
                "statuses": statuses,
                "reversed_rows": undone,
                "reversed_pence": undone_pence,
                "flags": [
                    flag_view(f, names=names, lead=viewer.lead, zone=viewer.timezone)
                    for f in claim.flags
                ],
            }

        found = await self.console._db(work)
        if isinstance(found, Response):
            return found
        return self.console._render("claims_detail.html", **found, **await self._context(viewer))

    def submit(
        self, session: Session, request: Request, viewer: Viewer, form: dict[str, str], action: str
    ) -> Response | str:
        """A lead claims a month for their own provider (the only provider it can be: the
        session says which; a provider in the form is not read)."""
        month = form.get("month", "").strip()
        if not a_month(month):
            raise Refused("Give a month like 2026-11.")
        provider = session.get(Provider, viewer.provider_id)
        assert provider is not None
        assert viewer.staff is not None
        try:
            claim = claims.submit(
                session=session,
                provider=provider,
                month=month,
                lead_email=viewer.email,
                now=self.console.clock.now(),
                definition=definition(self.console.settings),
            )
        except claims.ClaimRefused as error:
            raise Refused(str(error)) from None
        self._audit(session, request, viewer, action, detail=f"ok: claim {claim.id} {month}")
        log.info("console: lead %s submitted claim %s", viewer.staff.advisor_id, claim.id)
        again = (
            "submitted again"
            if claims.rejections(session=session, claim_id=claim.id or 0)
            else "submitted"
        )
        response = say(
            f"Claim {claim.id} for {month_name(month)} {again}: {claim.entries} ledger rows, "
            f"{money(claim.total_pence)}, {len(claim.flags)} flag(s).",
            200,
        )
        response.headers["hx-redirect"] = f"/console/claims/{claim.id}"
        return response

    def decide(
        self, session: Session, request: Request, viewer: Viewer, form: dict[str, str], action: str
    ) -> Response | str:
        """A commissioner approves, rejects (with a reason) or records as paid a claim; the
        domain refuses one they submitted themselves."""
        cid = int(request.path_params["cid"])
        claim = self._claim(session, viewer, cid)
        if claim is None:
            return self._denied(session, request, viewer)
        note = form.get("note", "").strip()
        if len(note) > 500:
            raise Refused("That is too long: 500 characters at most.")
        seen = form.get("submitted", "")
        if seen and seen != claim.submitted_at.isoformat():  # the page showed an earlier one
            raise Refused(
                f"Claim {cid} was submitted again since this page was opened: reload it to see "
                "the new submission and its flags."
            )
        now = self.console.clock.now()
        try:
            if action == "claim_paid":
                count = claims.paid(
                    session=session, claim_id=cid, commissioner_email=viewer.email, now=now
                )
                text = f"Claim {cid} recorded as paid: {count} ledger rows marked paid."
            else:
                if action == "claim_reject" and not note:
                    raise Refused("Say why the claim is rejected.")
                decided = claims.decide(
                    session=session,
                    claim_id=cid,
                    commissioner_email=viewer.email,
                    approve=action == "claim_approve",
                    note=note,
                    now=now,
                )
                text = f"Claim {cid} {decided.status}."
        except claims.ClaimRefused as error:
            raise Refused(str(error)) from None
        self._audit(
            session,
            request,
            viewer,
            action,
            provider_id=claim.provider_id,
            detail=f"ok: claim {cid}",
        )
        response = say(text, 200)
        response.headers["hx-refresh"] = "true"
        return response
