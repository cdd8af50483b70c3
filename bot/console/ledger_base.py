"""What the console's ledger, claims and report pages share: who is asking (a provider lead or a
commissioner, as a `Viewer`), the audit, the CSRF-guarded action wrapper, and the small
formatting helpers their templates use. The pages themselves are in bot.console.ledger_months,
claim_views, report_views and commissioner_views; bot.console.ledger_views puts them together.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from bot import spreadsheet
from bot.console import auth, commissioners, records
from bot.ledger import gbp, money, pounds
from storage import ledger
from storage.ledger_tables import Claim
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
    return bool(MONTH.fullmatch(text)) and ledger.a_month(text)


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
    """A statement's CSV as the page shows it: its rows, subtotals and total, unchanged (text
    as it was written, without the quote that keeps a spreadsheet from running it)."""
    lines = [
        {key: spreadsheet.text(value) for key, value in line.items()}
        for line in csv.DictReader(io.StringIO(text))
    ]
    rows = [line for line in lines if line["entry"] in (ledger.CLAIM, ledger.REVERSAL)]
    subtotals = [line for line in lines if line["entry"] == "subtotal"]
    total = next(line for line in lines if line["entry"] == "total")
    counted: dict[str, int] = {}
    for row in rows:
        if row["entry"] == ledger.CLAIM:
            counted[row["status"]] = counted.get(row["status"], 0) + 1
    return {"rows": rows, "subtotals": subtotals, "total": total, "statuses": counted}


class LedgerBase:
    """The plumbing every ledger page uses, around the console's (database, templates, audit,
    CSRF)."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.cookie = commissioners.cookie_name(console.https)
        self.login_cookie = commissioners.login_cookie_name(console.https)
        env = console.env
        env.globals.update(
            pounds=pounds,
            money=money,
            gbp=gbp,
            local=local,
            short=short,
            month_name=month_name,
            milestone=lambda m: MILESTONES.get(m, m),
        )

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
                    return say(str(error), 422)
                return said if isinstance(said, Response) else say(said, 200)

            return await self.console._db(run)

        return route


def say(text: str, status: int) -> HTMLResponse:
    """A short answer shown beside the form that asked (htmx swaps it in)."""
    kind = "done" if status < 400 else "error"
    return HTMLResponse(
        f'<p class="{kind}" role="status">{escape(text)}</p>', status_code=status, headers=NO_STORE
    )
