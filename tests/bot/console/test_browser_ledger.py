"""A lead and a commissioner in a real browser (Debian's Chromium, driven by Playwright), against
`quitbot serve`: the lead claims last month from the Claims page, the commissioner sees the
claim's flags with their evidence and approves it, and the lead's ledger then shows its rows
approved. No page breaks the content security policy."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from playwright.async_api import Page, async_playwright, expect
from sqlmodel import Session, col, select

from bot.passwords import hash_password
from storage import ledger, make_engine
from storage.ledger_tables import Commissioner
from storage.tables import Advisor, Provider
from tests.bot.console.test_browser import SHOTS, WATCH_CSP
from tests.bot.test_web_chat_browser import CHROMIUM, FLAGS
from tests.conftest import need
from tests.storage import ledger_world as w

pytestmark = pytest.mark.browser
PASSWORD = "a long passphrase for the browser"


def _last_month() -> tuple[str, datetime]:
    """Last month (by the real clock: `quitbot serve` runs on it) and a moment inside it."""
    first = datetime.now(UTC).date().replace(day=1)
    inside = first - timedelta(days=15)
    return f"{inside:%Y-%m}", datetime.combine(inside, datetime.min.time(), UTC).replace(hour=12)


def _setup(database: Path) -> str:
    """North (a lead and an advisor, a tariff, five four-week quitters whose CO readings are
    all 3 ppm, recorded in the ledger last month) and a commissioner. Returns the month."""
    month, recorded = _last_month()
    quit_date: date = (recorded - timedelta(days=35)).date()
    engine = make_engine(f"sqlite:///{database}")
    hashed = hash_password(PASSWORD)
    with Session(engine) as session:
        north = Provider(name="North", created_at=recorded - timedelta(days=90))
        session.add(north)
        session.flush()
        assert north.id is not None
        ledger.add_tariff(session=session, provider_id=north.id, source=w.TARIFF, now=recorded)
        for email, role in (("lee@north.nhs.uk", "lead"), ("ann@north.nhs.uk", "advisor")):
            session.add(
                Advisor(
                    provider_id=north.id,
                    email=email,
                    role=role,
                    password_hash=hashed,
                    created_at=recorded,
                )
            )
        session.add(
            Commissioner(email="cara@icb.nhs.uk", password_hash=hashed, created_at=recorded)
        )
        session.flush()
        ann = session.exec(select(Advisor).where(col(Advisor.email) == "ann@north.nhs.uk")).one()
        assert ann.id is not None
        for n in range(5):
            person = w.person(session, north.id, quit_date=quit_date)
            w.outcome(session, person, 28, quit_date=quit_date)
            w.reading(
                session,
                person,
                ann.id,
                29,
                3,
                quit_date=quit_date,
                at=w.noon(29, quit_date) + timedelta(minutes=5 * n),
            )
        ledger.derive(session=session, now=recorded)
        session.commit()
    engine.dispose()
    return month


async def _sign_in(page: Page, url: str, email: str) -> None:
    await page.add_init_script(WATCH_CSP)
    await page.goto(url)
    await page.get_by_label("Email").fill(email)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Sign in").click()


async def test_a_lead_claims_last_month_and_a_commissioner_approves_it(
    served: tuple[str, subprocess.Popen[str], list[str]], tmp_path: Path
) -> None:
    if not shutil.which("chromium"):
        need("Chromium is not installed (apt-get install chromium)")
    base, _process, _lines = served
    month = _setup(tmp_path / "var" / "quitbot.db")
    label = f"{date.fromisoformat(month + '-01'):%B %Y}"
    SHOTS.mkdir(parents=True, exist_ok=True)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        lee = await browser.new_page(viewport={"width": 1280, "height": 900})
        await _sign_in(lee, f"{base}/console/login", "lee@north.nhs.uk")
        await expect(lee.get_by_role("heading", name="Queue")).to_be_visible(timeout=10_000)

        # The lead's ledger for last month: five people's milestones, provisional.
        await lee.get_by_role("link", name="Ledger").click()
        await lee.get_by_role("link", name=f"← {label}").click()
        await expect(lee.locator("#ledger-total")).to_have_text("£900.00")
        await expect(lee.locator("table.ledger tbody tr").first).to_contain_text("provisional")

        # They claim it from the Claims page (last month is filled in).
        await lee.get_by_role("link", name="Claims").click()
        await expect(lee.get_by_label("Month")).to_have_value(month)
        await lee.get_by_role("button", name="Submit the claim").click()
        await expect(lee.get_by_role("heading", name=f"North, {label}")).to_be_visible(
            timeout=10_000
        )
        await expect(lee.locator("#claim-status")).to_have_text("submitted")
        await expect(lee.get_by_text("The same CO value many times")).to_be_visible()
        claim_url = lee.url
        claim_id = claim_url.rsplit("/", 1)[1]
        await lee.screenshot(path=str(SHOTS / "claim-lead.png"), full_page=True)

        # The commissioner signs in, finds it among every provider's claims and approves it.
        cara = await browser.new_page(viewport={"width": 1280, "height": 900})
        await _sign_in(cara, f"{base}/console/commissioner/login", "cara@icb.nhs.uk")
        await expect(cara.get_by_role("heading", name="Claims from every provider")).to_be_visible(
            timeout=10_000
        )
        await cara.get_by_role("link", name=claim_id, exact=True).click()
        flag = cara.locator("section.flag", has_text="The same CO value many times")
        await expect(flag).to_contain_text("5 of 5 CO readings were exactly 3 ppm")
        await expect(flag).to_contain_text("CO reading records")
        await expect(
            cara.locator("section.flag", has_text="Many CO readings by one advisor")
        ).to_be_visible()
        await cara.get_by_label("Note (optional)").fill("Readings checked against the device log")
        await cara.get_by_role("button", name="Approve").click()
        await expect(cara.locator("#claim-status")).to_have_text("approved", timeout=10_000)
        await expect(cara.get_by_text("Readings checked against the device log")).to_be_visible()
        await cara.screenshot(path=str(SHOTS / "claim-commissioner.png"), full_page=True)

        # The lead sees it approved, and the month's rows approved.
        await lee.reload()
        await expect(lee.locator("#claim-status")).to_have_text("approved")
        await lee.get_by_role("link", name="the month's ledger").click()
        await expect(lee.locator("table.ledger tbody tr").first).to_contain_text("approved")
        await lee.screenshot(path=str(SHOTS / "ledger-lead.png"), full_page=True)

        # The commissioner opens the report for every provider.
        await cara.get_by_role("link", name="Report").click()
        await cara.get_by_role("button", name="Open the report").click()
        await expect(cara.get_by_role("heading", name="How to read this report")).to_be_visible(
            timeout=30_000
        )
        await cara.go_back()
        for page in (lee, cara):
            await expect(page.locator("body")).to_be_visible()
            assert await page.evaluate("window.__violations") == []
        await browser.close()
