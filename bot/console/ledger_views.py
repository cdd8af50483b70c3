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

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.console.claim_views import ClaimPages
from bot.console.commissioner_views import CommissionerSignIn
from bot.console.ledger_base import LedgerBase, Refused, Viewer
from bot.console.ledger_months import MonthPages
from bot.console.report_views import ReportPages

__all__ = ["LedgerBase", "LedgerPages", "Refused", "Viewer"]


class LedgerPages(MonthPages, ClaimPages, ReportPages, CommissionerSignIn):
    """The ledger, claims and report routes, for leads and commissioners, around the console's
    plumbing (database, templates, audit, CSRF). Each group of pages is a module of its own:
    bot.console.ledger_months, claim_views, report_views and commissioner_views."""

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
