"""The outcome and equity report: CSV tables and one self-contained HTML file with SVG charts.

`build` gathers everything (storage.reports), makes the tables with disclosure control
(bot.reports.tables), draws the charts (bot.reports.charts) and writes them all to a folder.
"""

from __future__ import annotations

import csv
import html
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from bot import spreadsheet
from bot.reports import charts
from bot.reports.tables import (
    Rate,
    Table,
    cost,
    funnel,
    imd_quintile,
    quarterly_return,
    rate_table,
    rates_by,
    reach,
    survey_table,
)
from flows.claim_checks import funnel_limits
from flows.milestones import Definition
from storage import reports
from storage.tables import Provider

__all__ = ["Report", "build"]

DISCLOSURE = (
    "Small-number disclosure control: every count below national level is published as NHS "
    "England publishes sub-national figures: 1 to 7 is shown as *, any other count is rounded to "
    "the nearest 5 (0 stays 0), and percentages are worked out from the rounded figures. "
    "Confidence intervals (Wilson score, 95%) are worked out from the true counts and shown only "
    "where neither count is suppressed; charts draw only such rates. Free text people typed is "
    "never published: an employer or trust is a group of its own only where at least 10 people "
    "gave the same one (spaces and case aside); every other answer, and none, is counted under "
    '"Other or not given".'
)


@dataclass(frozen=True, slots=True)
class Report:
    """What was written."""

    folder: Path
    files: tuple[str, ...]
    people: int


def build(
    *,
    engine: Engine,
    start: datetime,
    end: datetime,
    now: datetime,
    definition: Definition,
    out: Path,
    provider_id: int | None = None,
    reference: dict[str, float] | None = None,
    title: str = "quitbot outcome and equity report",
) -> Report:
    """Write the report for quit dates set in [start, end) to `out`."""
    with Session(engine) as session:
        people = reports.people(
            session=session,
            start=start,
            end=end,
            now=now,
            definition=definition,
            provider_id=provider_id,
        )
        names = {p.id: p.name for p in session.exec(select(Provider)) if p.id is not None}
        money = reports.ledger_money(session=session, start=start, end=end)
        if provider_id is not None:
            money = {k: v for k, v in money.items() if k == provider_id}
        survey = reports.surveys(session=session, start=start, end=end, provider_id=provider_id)
    tables: list[Table] = quarterly_return(people)
    funnel_table, stages = funnel(people)
    by_provider = rates_by(people, lambda p: p.provider)
    gradient = [r for r in rates_by(people, imd_quintile) if r.label != "unknown"] + [
        r for r in rates_by(people, imd_quintile) if r.label == "unknown"
    ]
    pooled = Rate("all", sum(r.successes for r in by_provider), sum(r.trials for r in by_provider))
    tables += [
        funnel_table,
        rate_table(
            "quit_rates_by_provider",
            "4-week quit rates by provider",
            by_provider,
            f"Funnel plot limits around the service's rate {100 * pooled.value:.1f}%: "
            "95% and 99.8%.",
        ),
        rate_table(
            "deprivation_gradient",
            "The deprivation gradient: 4-week quit rate by IMD quintile",
            gradient,
            "Quintile 1 is the most deprived fifth of areas in the person's nation's index; "
            "the editions and sources are in docs/deprivation.md.",
        ),
        reach(people, reference or {}),
        cost(money, names),
        survey_table(survey),
    ]
    svgs = {
        "The funnel": charts.funnel_chart(stages),
        "Funnel plot: providers' 4-week quit rates": charts.funnel_plot(
            [r for r in by_provider if r.publishable], pooled.value, funnel_limits
        ),
        "Deprivation gradient": charts.rate_chart(
            [r for r in gradient if r.publishable], "4-week quit rate by IMD quintile"
        ),
    }
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = out / f"{table.name}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(spreadsheet.row(table.header))
            writer.writerows(spreadsheet.row(r) for r in table.rows)
        written.append(path.name)
    period = f"quit dates set from {start.date()} to before {end.date()}"
    page = _html(title, period, definition, tables, svgs)
    (out / "report.html").write_text(page, encoding="utf-8")
    written.append("report.html")
    return Report(out, tuple(written), len(people))


def _html(
    title: str, period: str, definition: Definition, tables: list[Table], svgs: dict[str, str]
) -> str:
    e = html.escape
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{e(title)}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;"
        "padding:0 1rem;color:#212b32}table{border-collapse:collapse;margin:.5rem 0 1.5rem}"
        "th,td{border:1px solid #aeb7bd;padding:.25rem .5rem;text-align:right}"
        "th:first-child,td:first-child{text-align:left}.note{color:#4c6272;max-width:60rem}"
        "figure{margin:1rem 0}</style></head><body>",
        f"<h1>{e(title)}</h1><p>{e(period)}.</p>",
        "<h2>How to read this report</h2>",
        f"<p class='note' id='disclosure'>{e(DISCLOSURE)}</p>",
        "<p class='note'>4-week quit: NHS definition, follow-up counted from day 25 to day 42 "
        "after the quit date, not a puff since day 15; CO-validated when an advisor recorded a "
        "reading under 10 ppm in that window. 12-week quit: there is no national definition; "
        f"quitbot's is <code>{e(definition.twelve_week_version)}</code>.</p>",
        "<h2>Charts</h2>",
    ]
    for caption, svg in svgs.items():
        parts.append(f"<figure>{svg}<figcaption>{e(caption)}</figcaption></figure>")
    parts.append("<h2>Tables</h2>")
    for table in tables:
        parts.append(f"<h3 id='{e(table.name)}'>{e(table.title)}</h3>")
        parts.append("<table><thead><tr>")
        parts += [f"<th>{e(h)}</th>" for h in table.header]
        parts.append("</tr></thead><tbody>")
        for row in table.rows:
            parts.append("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in row) + "</tr>")
        parts.append("</tbody></table>")
        if table.note:
            parts.append(f"<p class='note'>{e(table.note)}</p>")
    parts.append("</body></html>\n")
    return "".join(parts)
