"""The outcome and equity report in the console: the form, and the report `quitbot report` writes
for the viewer's scope, served as a sandboxed document of its own (no script).
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime, time, timedelta
from html import escape
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import anyio
from sqlmodel import Session, col, select
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from bot.console.ledger_base import (
    NO_STORE,
    REPORT_DAYS,
    REPORT_POLICY,
    LedgerBase,
    Refused,
    Viewer,
)
from bot.ledger_commands import definition
from storage.tables import Provider


class ReportPages(LedgerBase):
    """The report's form and the report itself."""

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
