"""The milestone ledger, claims and reports in the console, for provider leads and commissioners.

- A lead (an advisor whose role is lead) sees their own provider's ledger by month, its
  claims, submits a month's claim and opens the report for their provider, at /console/ledger,
  /console/claims and /console/report. Any other provider, in a URL or a form, is "Not found".
- A commissioner signs in at /console/commissioner/login (their own sessions, see
  bot.console.commissioners) and sees every provider's ledger, claims with their flags and
  evidence, and reports, at /console/commissioner/...; they approve or reject a claim (never
  one they submitted) and record it paid. Never a transcript or a name: the ledger holds
  pseudonyms only, and a commissioner's session opens no participant page.
- A plain advisor gets "Not found" for all of it.

The work is done by the domain: `bot.ledger.statement` (the page shows the very CSV a lead
downloads, so its totals are the statement's), `storage.claims` (submit, decide, paid, with
segregation of duties), `bot.reports.build` (the report `quitbot report` writes). Every page
view and action is audited; every state change passes the CSRF defences (`auth.forgery`).
"""

from __future__ import annotations

import csv
import io
import logging
import re
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import anyio
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from bot.console import auth, commissioners, records
from bot.ledger import pounds, statement
from bot.ledger_commands import definition
from bot.web.limits import client_key
from storage import claims, ledger
from storage.ledger_tables import Claim, LedgerEntry
from storage.tables import Provider

if TYPE_CHECKING:
    from bot.console.views import Console

log = logging.getLogger(__name__)

NO_STORE = {"cache-control": "no-store"}
MAX_ID = 2**31 - 1
MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
SHOW_ROWS = 2000  # ledger rows a page lists at most; the totals and the CSV have them all
REPORT_DAYS = 366 * 5  # the longest period a report is built for from the console
# The report is a document of its own (inline styles and SVG, no script at all): sandboxed.
REPORT_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'; sandbox"
)
FLAGS = {
    "same_co_value": "The same CO value many times",
    "reading_burst": "Many CO readings by one advisor in a short time",
    "out_of_order": "Milestones out of order",
    "claimed_by_two_providers": "A person claimed by two providers",
    "quit_rate_outlier": "4-week quit rate outside its peers' limits",
    "co_share_outlier": "CO-verified share of quits outside its peers' limits",
}
LABELS = {
    "ppm": "CO value (ppm)",
    "count": "Readings with it",
    "of": "Readings that month",
    "attempt": "Quit attempt",
    "numerator": "Counted",
    "denominator": "Out of",
}
MILESTONES = {
    "engaged": "Engaged",
    "quit_date_set": "Quit date set",
    "4_week_self_reported": "4-week quit (self-reported)",
    "4_week_co_verified": "4-week quit (CO-verified)",
    "12_week_quit": "12-week quit",
    "lost_to_follow_up": "Lost to follow-up",
}


class Refused(Exception):
    """What was asked cannot be done (the reason, shown beside the form)."""


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who looks at the ledger pages: a provider lead (their provider only) or a commissioner
    (every provider)."""

    kind: str  # "lead" or "commissioner"
    email: str
    csrf: str
    timezone: str
    provider_id: int | None = None  # a lead's provider; None for a commissioner
    provider_name: str = ""
    staff: auth.Staff | None = None
    commissioner: commissioners.SignedIn | None = None

    @property
    def lead(self) -> bool:
        return self.kind == "lead"

    @property
    def base(self) -> str:
        """Where this viewer's pages are."""
        return "/console" if self.lead else "/console/commissioner"


def a_month(text: str) -> bool:
    """YYYY-MM, in the years the ledger knows (storage.ledger.month_bounds)."""
    return bool(MONTH.fullmatch(text)) and 2000 <= int(text[:4]) <= 2999


def month_of(moment: datetime, zone: str) -> str:
    return f"{moment.astimezone(ZoneInfo(zone)):%Y-%m}"


def shift_month(month: str, by: int) -> str:
    year, number = (int(part) for part in month.split("-"))
    index = year * 12 + number - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_name(month: str) -> str:
    year, number = (int(part) for part in month.split("-"))
    return f"{date(year, number, 1):%B %Y}"


def local(iso: str, zone: str) -> str:
    """An ISO time from a statement as "30 Nov 2026 14:05" in `zone` ("" stays "")."""
    if not iso:
        return ""
    moment = datetime.fromisoformat(iso).astimezone(ZoneInfo(zone))
    return f"{moment.day} {moment:%b %Y %H:%M}"


def short(pseudonym: str) -> str:
    """The start of a pseudonym, as the flags quote it."""
    return f"{pseudonym[:12]}…" if len(pseudonym) > 12 else pseudonym


def flag_view(
    flag: dict[str, Any], *, names: dict[int, str], lead: bool, zone: str
) -> dict[str, Any]:
    """A flag as the page shows it: a title, the summary and its evidence as (label, value)
    lines. A lead sees their own claim's flags without other providers' names or ids."""
    kind = str(flag.get("kind", ""))
    evidence = flag.get("evidence") or {}
    summary = str(flag.get("summary", ""))
    if lead and kind == "claimed_by_two_providers":
        summary = (
            f"{short(str(evidence.get('pseudonym', '')))} is also claimed by another provider"
        )
    lines: list[tuple[str, str]] = []
    for key, value in evidence.items():
        if key == "pseudonym":
            lines.append(("Person (pseudonym)", str(value)))
        elif key == "other_provider_ids":
            if not lead:
                lines.append(
                    (
                        "Also claimed by",
                        ", ".join(names.get(int(p), f"provider {p}") for p in value),
                    )
                )
        elif key == "entry_ids":
            lines.append(("Ledger rows", ", ".join(str(i) for i in value)))
        elif key == "record_ids":
            lines.append(("CO reading records", ", ".join(str(i) for i in value)))
        elif key == "advisor_id":
            lines.append(("Advisor", f"advisor {value}"))
        elif key in ("from", "to"):
            lines.append((key.capitalize(), local(str(value), zone)))
        elif key in ("rate", "peer_rate"):
            lines.append(
                ("Rate" if key == "rate" else "Peers' rate", f"{100 * float(value):.1f}%")
            )
        elif key == "limits":
            low, high = value
            lines.append(("Limits (99.8%)", f"{100 * low:.1f}% to {100 * high:.1f}%"))
        else:
            lines.append((LABELS.get(key, key.replace("_", " ").capitalize()), str(value)))
    return {"kind": kind, "title": FLAGS.get(kind, kind), "summary": summary, "lines": lines}


def read_statement(text: str) -> dict[str, Any]:
    """A statement's CSV as the page shows it: its rows, subtotals and total, unchanged."""
    lines = list(csv.DictReader(io.StringIO(text)))
    rows = [line for line in lines if line["entry"] in (ledger.CLAIM, ledger.REVERSAL)]
    subtotals = [line for line in lines if line["entry"] == "subtotal"]
    total = next(line for line in lines if line["entry"] == "total")
    counted: dict[str, int] = {}
    for row in rows:
        if row["entry"] == ledger.CLAIM:
            counted[row["status"]] = counted.get(row["status"], 0) + 1
    return {"rows": rows, "subtotals": subtotals, "total": total, "statuses": counted}


class LedgerPages:
    """The ledger, claims and report routes, for leads and commissioners, around the console's
    plumbing (database, templates, audit, CSRF)."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.cookie = commissioners.cookie_name(console.https)
        self.login_cookie = commissioners.login_cookie_name(console.https)
        env = console.env
        env.globals.update(
            pounds=pounds,
            local=local,
            short=short,
            month_name=month_name,
            milestone=lambda m: MILESTONES.get(m, m),
        )

    def routes(self) -> list[BaseRoute]:
        pages: dict[str, Callable[[Request, Viewer], Awaitable[Response]]] = {
            "/ledger": self.ledger_page,
            "/ledger/statement.csv": self.statement_csv,
            "/claims": self.claims_page,
            "/claims/{cid:int}": self.claim_page,
            "/report": self.report_page,
            "/report/view": self.report_view,
        }
        found: list[BaseRoute] = []
        for kind, prefix in (("lead", ""), ("commissioner", "/commissioner")):
            for path, page in pages.items():
                found.append(Route(prefix + path, self._page(kind, page), methods=["GET"]))
        found += [
            Route("/claims", self._action("lead", "claim_submit", self.submit), methods=["POST"]),
            Route("/commissioner/", self._page("commissioner", self.claims_page), methods=["GET"]),
            Route("/commissioner/login", self.login_page, methods=["GET"]),
            Route("/commissioner/login", self.login, methods=["POST"]),
            Route("/commissioner/logout", self.logout, methods=["POST"]),
        ]
        for kind, prefix in (("lead", ""), ("commissioner", "/commissioner")):
            found.append(
                Route(
                    prefix + "/ledger/entries/{eid:int}/reverse",
                    self._action(kind, "ledger_reverse", self.reverse),
                    methods=["POST"],
                )
            )
        for verb in ("approve", "reject", "paid"):
            found.append(
                Route(
                    f"/commissioner/claims/{{cid:int}}/{verb}",
                    self._action("commissioner", f"claim_{verb}", self.decide),
                    methods=["POST"],
                )
            )
        return found

    # --- who is asking ----------------------------------------------------------------------

    def _commissioner(self, session: Session, request: Request) -> commissioners.SignedIn | None:
        return commissioners.signed_in(
            session,
            request.cookies.get(self.cookie),
            secret_key=self.console.secret,
            now=self.console.clock.now(),
        )

    def _viewer(self, session: Session, request: Request, kind: str) -> Viewer | Response:
        """The lead or commissioner asking, or the response for anyone else: signed out goes
        to the right sign-in page; a plain advisor gets "Not found" (and a `denied` entry)."""
        console = self.console
        if kind == "lead":
            staff = console._staff(session, request)
            if staff is None:
                return console._signed_out(request)
            if not staff.lead:
                console._audit(session, request, staff, "denied", detail=request.url.path)
                return console._not_found()
            return Viewer(
                kind="lead",
                email=staff.email,
                csrf=staff.csrf,
                timezone=staff.timezone,
                provider_id=staff.provider_id,
                provider_name=staff.provider_name,
                staff=staff,
            )
        signed = self._commissioner(session, request)
        if signed is None:
            if request.headers.get("hx-request") == "true":
                return Response(
                    status_code=401, headers={"hx-redirect": "/console/commissioner/login"}
                )
            return RedirectResponse("/console/commissioner/login", status_code=303)
        return Viewer(
            kind="commissioner",
            email=signed.email,
            csrf=signed.csrf,
            timezone=console.settings.timezone,
            commissioner=signed,
        )

    def _audit(
        self,
        session: Session,
        request: Request,
        viewer: Viewer,
        action: str,
        *,
        provider_id: int | None = None,
        detail: str = "",
    ) -> None:
        records.audit(
            session,
            now=self.console.clock.now(),
            action=action,
            address=self.console._address(request),
            advisor_id=viewer.staff.advisor_id if viewer.staff else None,
            commissioner_id=(viewer.commissioner.commissioner_id if viewer.commissioner else None),
            provider_id=provider_id if provider_id is not None else viewer.provider_id,
            detail=detail,
        )

    def _denied(self, session: Session, request: Request, viewer: Viewer) -> Response:
        self._audit(session, request, viewer, "denied", detail=request.url.path)
        return self.console._not_found()

    def _provider(
        self, session: Session, viewer: Viewer, wanted: str | None
    ) -> Provider | bool | None:
        """The provider a request is about: a lead's own (asking for any other is False, to be
        refused); for a commissioner the one asked for (False when there is no such provider),
        or None when none was asked for (every provider)."""
        if viewer.lead:
            if wanted not in (None, "", str(viewer.provider_id)):
                return False
            return session.get(Provider, viewer.provider_id)
        if not wanted:
            return None
        if not (wanted.isascii() and wanted.isdigit()) or int(wanted) > MAX_ID:
            return False
        return session.get(Provider, int(wanted)) or False

    def _claim(self, session: Session, viewer: Viewer, cid: int) -> Claim | None:
        """A claim this viewer may see: any for a commissioner, their provider's for a lead."""
        if cid > MAX_ID:
            return None
        found = session.get(Claim, cid)
        if found is None or (viewer.lead and found.provider_id != viewer.provider_id):
            return None
        return found

    async def _context(self, viewer: Viewer) -> dict[str, Any]:
        """What base.html needs for this viewer's header."""
        counts = await self.console.counts(viewer.staff) if viewer.staff is not None else None
        return {
            "viewer": viewer,
            "staff": viewer.staff,
            "commissioner": viewer.commissioner,
            "counts": counts,
        }

    def _page(
        self, kind: str, page: Callable[[Request, Viewer], Awaitable[Response]]
    ) -> Callable[[Request], Awaitable[Response]]:
        async def route(request: Request) -> Response:
            def who(session: Session) -> Viewer | Response:
                return self._viewer(session, request, kind)

            viewer = await self.console._db(who)
            if isinstance(viewer, Response):
                return viewer
            return await page(request, viewer)

        return route

    # --- the ledger -------------------------------------------------------------------------

    def _month(self, request: Request, zone: str) -> tuple[str, str]:
        """The month asked for (or this one), and what was wrong with what was asked."""
        wanted = request.query_params.get("month", "")
        this = month_of(self.console.clock.now(), zone)
        if not wanted:
            return this, ""
        if not a_month(wanted):
            return this, f"“{wanted[:20]}” is not a month like {this}: showing {month_name(this)}."
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
                    {ledger.PROVISIONAL}
                    if found["claim"] is None or found["claim"].status == "rejected"
                    else set()
                ) if viewer.lead else {ledger.PROVISIONAL, ledger.APPROVED, ledger.PAID}
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
        response = _say(
            f"Row {eid} reversed: row {row.id} takes £{pounds(-row.amount_pence)} off "
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
            return {
                "claim": claim,
                "provider": provider,
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

    def _action(
        self,
        kind: str,
        action: str,
        work: Callable[[Session, Request, Viewer, dict[str, str], str], Response | str],
    ) -> Callable[[Request], Awaitable[Response]]:
        """A state change: the viewer, the CSRF defences, then `work` in one transaction with
        its audit entry (whatever the outcome). `work` answers with a Response, or the text to
        show; Refused is shown beside the form (422) and audited as refused."""

        async def route(request: Request) -> Response:
            form = await self.console._form(request)

            def run(session: Session) -> Response:
                viewer = self._viewer(session, request, kind)
                if isinstance(viewer, Response):
                    return viewer
                why = auth.forgery(
                    request,
                    public_url=self.console.settings.public_url,
                    expected=viewer.csrf,
                    given=form.get("csrf", ""),
                )
                if why:
                    log.warning(
                        "console: refused %s %s: %s", request.method, request.url.path, why
                    )
                    self._audit(
                        session, request, viewer, "refused", detail=f"{request.url.path}: {why}"
                    )
                    return HTMLResponse(
                        "This request was refused. Reload the page and try again.",
                        status_code=403,
                        headers=NO_STORE,
                    )
                try:  # the domain refuses before it writes anything
                    said = work(session, request, viewer, form, action)
                except Refused as error:
                    self._audit(session, request, viewer, action, detail=f"refused: {error}")
                    return _say(str(error), 422)
                return said if isinstance(said, Response) else _say(said, 200)

            return await self.console._db(run)

        return route

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
        response = _say(
            f"Claim {claim.id} for {month_name(month)} submitted: {claim.entries} ledger rows, "
            f"£{pounds(claim.total_pence)}, {len(claim.flags)} flag(s).",
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
        response = _say(text, 200)
        response.headers["hx-refresh"] = "true"
        return response

    # --- reports ----------------------------------------------------------------------------

    def _period(self, request: Request, zone: str) -> tuple[date, date]:
        """The report's period: from and to (days, inclusive), by default the last year."""
        today = self.console.clock.now().astimezone(ZoneInfo(zone)).date()
        try:
            last = date.fromisoformat(request.query_params.get("to") or today.isoformat())
            first = date.fromisoformat(
                request.query_params.get("from") or (last - timedelta(days=365)).isoformat()
            )
        except ValueError:
            raise Refused("Give dates like 2026-04-01.") from None
        if not (first.year >= 2000 and last.year <= 2999):
            raise Refused("Give dates from 2000 to 2999.")
        if first > last:
            raise Refused("The first day is after the last.")
        if (last - first).days > REPORT_DAYS:
            raise Refused("Ask for five years at most.")
        return first, last

    async def report_page(self, request: Request, viewer: Viewer) -> Response:
        def work(session: Session) -> dict[str, Any]:
            self._audit(session, request, viewer, "view_report_form")
            return {"providers": list(session.exec(select(Provider).order_by(col(Provider.name))))}

        found = await self.console._db(work)
        today = self.console.clock.now().astimezone(ZoneInfo(viewer.timezone)).date()
        return self.console._render(
            "report.html",
            first=(today - timedelta(days=365)).isoformat(),
            last=today.isoformat(),
            providers=found["providers"] if not viewer.lead else [],
            **await self._context(viewer),
        )

    async def report_view(self, request: Request, viewer: Viewer) -> Response:
        """The report `quitbot report` writes, for this viewer's scope, as its own document."""
        console = self.console

        def work(session: Session) -> Response | tuple[Provider | None, date, date]:
            provider = self._provider(session, viewer, request.query_params.get("provider"))
            if provider is False:
                return self._denied(session, request, viewer)
            zone = provider.timezone if isinstance(provider, Provider) else viewer.timezone
            try:
                first, last = self._period(request, zone)
            except Refused as error:
                return HTMLResponse(escape(str(error)), status_code=400, headers=NO_STORE)
            chosen = provider if isinstance(provider, Provider) else None
            self._audit(
                session,
                request,
                viewer,
                "view_report",
                provider_id=chosen.id if chosen else None,
                detail=f"{first} to {last}" + ("" if chosen else " all"),
            )
            return chosen, first, last

        found = await console._db(work)
        if isinstance(found, Response):
            return found
        provider, first, last = found
        zone = ZoneInfo(provider.timezone if provider else viewer.timezone)
        name = provider.name if provider else "every provider"

        def build() -> str:
            from bot.reports import build as build_report

            with tempfile.TemporaryDirectory(prefix="quitbot-report-") as folder:
                build_report(
                    engine=console.engine,
                    start=datetime.combine(first, time(), zone),
                    end=datetime.combine(last + timedelta(days=1), time(), zone),
                    now=console.clock.now(),
                    definition=definition(console.settings),
                    out=Path(folder),
                    provider_id=provider.id if provider else None,
                    reference=dict(console.settings.reach_reference),
                    title=f"quitbot outcome and equity report: {name}",
                )
                return (Path(folder) / "report.html").read_text(encoding="utf-8")

        page = await anyio.to_thread.run_sync(build)
        headers = {**NO_STORE, "content-security-policy": REPORT_POLICY}
        if request.query_params.get("download") == "1":
            headers["content-disposition"] = (
                f'attachment; filename="report-{provider.id if provider else "all"}-'
                f'{first}-{last}.html"'
            )
        return HTMLResponse(page, headers=headers)

    # --- commissioners signing in and out --------------------------------------------------

    async def login_page(self, request: Request) -> Response:
        console = self.console

        def work(session: Session) -> Response:
            if self._commissioner(session, request) is not None:
                return RedirectResponse("/console/commissioner/", status_code=303)
            nonce = auth.new_token()
            response = console._render(
                "commissioner_login.html",
                staff=None,
                csrf=auth.login_csrf_token(console.secret, commissioners.login_nonce(nonce)),
            )
            response.set_cookie(
                self.login_cookie,
                nonce,
                max_age=3600,
                path="/",
                secure=console.https,
                httponly=True,
                samesite="strict",
            )
            return response

        return await console._db(work)

    async def login(self, request: Request) -> Response:
        """As the advisors' sign-in (views.Console.login): the same CSRF defences, throttle,
        generic failure, decoy hash and audit entries, to a commissioner's own session."""
        console = self.console
        form = await console._form(request)
        email = form.get("email", "").strip().lower()[:254]
        account = auth.account_tag(email)
        password = form.get("password", "")[:1024]
        nonce = commissioners.login_nonce(request.cookies.get(self.login_cookie, "")[:100])
        address = console._address(request)
        now = console.clock.now()

        def check(session: Session) -> tuple[Response | None, Any]:
            refused = console.login_refused(
                session, request, form, nonce=nonce, account=account, address=address, now=now
            )
            return refused, None if refused else commissioners.by_email(session, email)

        refused, who = await console._db(check)
        if refused is not None:
            return refused
        ok, fresh_hash = await console.password_checked(who, email, password)
        token = auth.new_token()

        def finish(session: Session) -> Response:
            records.login_attempt(
                session, account=account, address=client_key(address), succeeded=ok, now=now
            )
            if not ok:
                log.info("console commissioner sign-in failed: account %s", account)
                records.audit(
                    session,
                    now=now,
                    action="login_failed",
                    address=address,
                    commissioner_id=who.id if who is not None else None,
                    detail="commissioner",
                )
                return console._login_error("That email and password did not match.", 401)
            assert who is not None
            assert who.id is not None
            old = request.cookies.get(self.cookie)
            if old:  # a new id at login: whatever this browser held before is over
                found = commissioners.live_session(session, auth.token_hash(old))
                if found is not None:
                    commissioners.end_session(session, found[0], now=now, reason="login")
            if fresh_hash is not None:
                live = commissioners.by_email(session, email)
                if live is not None:
                    live.password_hash = fresh_hash
                    session.add(live)
            commissioners.start_session(
                session,
                commissioner_id=who.id,
                token_hash=auth.token_hash(token),
                now=now,
                address=address,
            )
            records.audit(
                session,
                now=now,
                action="login",
                address=address,
                commissioner_id=who.id,
                detail="commissioner" + (", password rehashed" if fresh_hash else ""),
            )
            log.info("console sign-in: commissioner %s", who.id)
            response = Response(
                status_code=204, headers={"hx-redirect": "/console/commissioner/", **NO_STORE}
            )
            response.set_cookie(
                self.cookie,
                token,
                path="/",
                secure=console.https,
                httponly=True,
                samesite="strict",
            )
            response.delete_cookie(self.login_cookie, path="/", secure=console.https)
            return response

        return await console._db(finish)

    async def logout(self, request: Request) -> Response:
        console = self.console
        form = await console._form(request)

        def work(session: Session) -> Response:
            viewer = self._viewer(session, request, "commissioner")
            if isinstance(viewer, Response):
                return viewer
            why = auth.forgery(
                request,
                public_url=console.settings.public_url,
                expected=viewer.csrf,
                given=form.get("csrf", ""),
            )
            if why:
                self._audit(
                    session, request, viewer, "refused", detail=f"{request.url.path}: {why}"
                )
                return HTMLResponse(
                    "This request was refused. Reload the page and try again.",
                    status_code=403,
                    headers=NO_STORE,
                )
            found = commissioners.live_session(
                session, auth.token_hash(request.cookies.get(self.cookie, ""))
            )
            if found is not None:
                commissioners.end_session(
                    session, found[0], now=console.clock.now(), reason="logout"
                )
            self._audit(session, request, viewer, "logout")
            response = Response(
                status_code=204,
                headers={"hx-redirect": "/console/commissioner/login", **NO_STORE},
            )
            response.delete_cookie(self.cookie, path="/", secure=console.https, httponly=True)
            return response

        return await console._db(work)


def _say(text: str, status: int) -> HTMLResponse:
    """A short answer shown beside the form that asked (htmx swaps it in)."""
    kind = "done" if status < 400 else "error"
    return HTMLResponse(
        f'<p class="{kind}" role="status">{escape(text)}</p>', status_code=status, headers=NO_STORE
    )
