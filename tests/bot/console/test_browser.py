"""An advisor in a real browser (Debian's Chromium, driven by Playwright): a participant's new
request appears in the queue without a reload, their messages appear live, and an advisor of
another provider sees nothing of them. Screenshots go to test-results/ (or the folder in
QUITBOT_SCREENSHOTS, e.g. docs/console)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, Page, async_playwright, expect
from sqlmodel import Session, col, select

from bot.passwords import hash_password
from storage import make_engine
from storage.tables import Advisor, Participant, Provider
from tests.bot.test_web_chat_browser import CHROMIUM, FLAGS
from tests.conftest import need

pytestmark = pytest.mark.browser
PASSWORD = "a long passphrase for the browser"
SHOTS = Path(os.environ.get("QUITBOT_SCREENSHOTS", "test-results"))
WATCH_CSP = (
    "window.__violations = [];"
    "document.addEventListener('securitypolicyviolation', e =>"
    " window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
)


def _setup(database: Path) -> None:
    engine = make_engine(f"sqlite:///{database}")
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    with Session(engine) as session:
        for name, email in (("North", "ann@north.nhs.uk"), ("South", "sam@south.nhs.uk")):
            provider = Provider(name=name, created_at=now)
            session.add(provider)
            session.flush()
            assert provider.id is not None
            session.add(
                Advisor(
                    provider_id=provider.id,
                    email=email,
                    password_hash=hash_password(PASSWORD),
                    created_at=now,
                )
            )
        session.commit()
    engine.dispose()


def _move_everyone_to(database: Path, provider: str) -> list[int]:
    """Give every participant to `provider`, whatever the allocation rule chose for them."""
    engine = make_engine(f"sqlite:///{database}")
    with Session(engine) as session:
        provider_id = session.exec(select(Provider.id).where(col(Provider.name) == provider)).one()
        found = []
        for participant in session.exec(select(Participant)):
            participant.provider_id = provider_id
            session.add(participant)
            found.append(participant.id or 0)
        session.commit()
    engine.dispose()
    return found


async def _sign_in(browser: Browser, base: str, email: str, shot: str | None = None) -> Page:
    page = await browser.new_page(viewport={"width": 1280, "height": 800})
    await page.add_init_script(WATCH_CSP)
    await page.goto(f"{base}/console/")
    await expect(page).to_have_url(f"{base}/console/login")
    await page.get_by_label("Email").fill(email)
    await page.get_by_label("Password").fill(PASSWORD)
    if shot:
        await page.screenshot(path=str(SHOTS / shot))
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_role("heading", name="Queue")).to_be_visible(timeout=10_000)
    return page


async def _live(page: Page) -> None:
    """Until htmx has taken up the page and its live stream is open (a link clicked before that
    is a plain link)."""
    await page.wait_for_function(
        """() => {
            const live = document.querySelector("[sse-connect]");
            const data = live && live["htmx-internal-data"];
            return !!(data && data.sseEventSource && data.sseEventSource.readyState === 1);
        }""",
        timeout=10_000,
    )


async def test_an_advisor_sees_a_new_request_arrive_live_and_another_provider_does_not(
    served: tuple[str, subprocess.Popen[str], list[str]], tmp_path: Path
) -> None:
    if not shutil.which("chromium"):
        need("Chromium is not installed (apt-get install chromium)")
    base, _process, _lines = served
    database = tmp_path / "var" / "quitbot.db"
    _setup(database)
    SHOTS.mkdir(parents=True, exist_ok=True)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        ann = await _sign_in(browser, base, "ann@north.nhs.uk", shot="login.png")
        await expect(ann.get_by_text("Nobody is waiting.")).to_be_visible()
        await ann.evaluate("window.__still_this_page = true")
        # A participant asks for a person in the web chat.
        async with httpx.AsyncClient(base_url=base) as person:
            await person.get("/chat/")
            sent = await person.post("/chat/api/messages", json={"text": "ADVISOR", "id": "1"})
            assert sent.status_code == 202
            [pid] = _move_everyone_to(database, "North")
            row = ann.locator("table.queue tr", has_text=f"Participant {pid}")
            await expect(row).to_be_visible(timeout=10_000)
            await expect(row).to_contain_text("Asked for a person")
            await expect(row).to_contain_text("Web chat")
            await expect(ann).to_have_title("(1) Queue · quitbot console")
            assert await ann.evaluate("window.__still_this_page") is True  # no reload
            await ann.screenshot(path=str(SHOTS / "queue.png"))

            # Another provider's advisor sees nothing of them, in the queue or by address.
            sam = await browser.new_page(viewport={"width": 1280, "height": 800})
            await sam.add_init_script(WATCH_CSP)
            await sam.goto(f"{base}/console/login")
            await sam.get_by_label("Email").fill("sam@south.nhs.uk")
            await sam.get_by_label("Password").fill("not the password at all")
            await sam.get_by_role("button", name="Sign in").click()
            await expect(sam.get_by_role("alert")).to_have_text(
                "That email and password did not match."
            )
            await sam.close()
            sam = await _sign_in(browser, base, "sam@south.nhs.uk")
            await sam.goto(f"{base}/console/?show=all")
            await expect(sam.get_by_text("Nobody is waiting.")).to_be_visible()
            assert f"Participant {pid}" not in await sam.content()
            response = await sam.goto(f"{base}/console/participants/{pid}")
            assert response is not None
            assert response.status == 404
            assert "ADVISOR" not in await sam.content()

            # The participant's page updates live as they write.
            await ann.get_by_role("link", name=f"Participant {pid}").click()
            await expect(ann.get_by_role("heading", name=f"Participant {pid}")).to_be_visible()
            await ann.evaluate("window.__still_this_page = true")
            await person.post(
                "/chat/api/messages",
                json={"text": "Night shift again, really struggling", "id": "2"},
            )
            line = ann.locator("#transcript li.msg.participant", has_text="really struggling")
            await expect(line).to_be_visible(timeout=10_000)
            assert await ann.evaluate("window.__still_this_page") is True
            await expect(ann.locator("#transcript li.msg.bot").first).to_be_visible()

            # Take over, reply, see the answer live, hand back: the bot carries on.
            await ann.get_by_role("button", name="Take over from the bot").click()
            await expect(ann.locator("#owner")).to_contain_text("You hold this conversation")
            await ann.get_by_label("Message").fill("Hi, it's Ann from the stop-smoking team.")
            await ann.get_by_role("button", name="Send to participant").click()
            await expect(
                ann.locator("#transcript li.msg.advisor", has_text="Ann from the stop-smoking")
            ).to_be_visible(timeout=10_000)
            await expect(ann.get_by_label("Message")).to_have_value("")  # ready for the next
            said = (await person.get("/chat/api/messages")).json()["messages"]
            assert said[-1]["text"] == "Hi, it's Ann from the stop-smoking team."
            await person.post("/chat/api/messages", json={"text": "thanks Ann", "id": "3"})
            await expect(
                ann.locator("#transcript li.msg.participant", has_text="thanks Ann")
            ).to_be_visible(timeout=10_000)
            await ann.get_by_label("Message").fill("Rang them; will call again Friday.")
            await ann.get_by_role("button", name="Save as private note").click()
            await expect(
                ann.locator("#transcript li.msg.note", has_text="call again Friday")
            ).to_be_visible(timeout=10_000)
            said = (await person.get("/chat/api/messages")).json()["messages"]
            assert all("Friday" not in m["text"] for m in said)  # a note is never sent
            await ann.screenshot(path=str(SHOTS / "participant.png"), full_page=True)
            await ann.get_by_label("How did the handover go?").fill("Bot had set the scene well.")
            await ann.get_by_role("button", name="Hand back to the bot").click()
            await expect(ann.locator("#owner")).to_contain_text("The bot holds this conversation")
            before = len((await person.get("/chat/api/messages")).json()["messages"])
            await person.post("/chat/api/messages", json={"text": "hi", "id": "4"})
            after = (await person.get("/chat/api/messages")).json()["messages"]
            assert len(after) > before + 1
            assert after[-1]["from"] == "quitbot"  # the bot answers again

        for page in (ann, sam):
            assert await page.evaluate("window.__violations") == []
        # Signing out ends the session: the console is behind the login again.
        await ann.get_by_role("button", name="Sign out").click()
        await expect(ann).to_have_url(f"{base}/console/login")
        await ann.goto(f"{base}/console/")
        await expect(ann).to_have_url(f"{base}/console/login")
        await browser.close()


async def test_a_live_update_keeps_the_rows_an_advisor_has_shown_more_of(
    served: tuple[str, subprocess.Popen[str], list[str]], tmp_path: Path
) -> None:
    """Reading further down a long queue, the list does not jump back to its first 50 rows
    when someone new asks: the title keeps count, and a line offers the latest list."""
    if not shutil.which("chromium"):
        need("Chromium is not installed (apt-get install chromium)")
    base, _process, _lines = served
    database = tmp_path / "var" / "quitbot.db"
    _setup(database)

    def ask(first: int, count: int) -> None:
        """`count` people ask for a person in the web chat (written by a second quitbot on the
        same database, as a second server would: the web chat limits new chats per address)."""
        from datetime import UTC, datetime

        from bot.channels.base import InboundMessage
        from flows import Channel
        from scheduler import ManualClock
        from tests.bot.helpers import services_for

        engine = make_engine(f"sqlite:///{database}")
        services, _ = services_for(engine, ManualClock(datetime.now(UTC)))
        for n in range(first, first + count):
            services.runner.receive_now(
                InboundMessage(channel=Channel.WEB, address=f"visitor-{n}", text="ADVISOR")
            )
        engine.dispose()

    ask(0, 52)
    _move_everyone_to(database, "North")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        ann = await _sign_in(browser, base, "ann@north.nhs.uk")
        rows = ann.locator("table.queue tbody tr:not(.more)")
        await expect(ann).to_have_title("(52) Queue · quitbot console", timeout=10_000)
        await expect(rows).to_have_count(50)
        await _live(ann)
        await ann.get_by_role("link", name="Show 50 more").click()
        await expect(rows).to_have_count(52)

        ask(52, 1)
        _move_everyone_to(database, "North")
        await expect(ann).to_have_title("(53) Queue · quitbot console", timeout=10_000)
        await expect(
            ann.get_by_text("The queue has changed since you showed more.")
        ).to_be_visible()
        await expect(rows).to_have_count(52)  # still where they were reading
        await expect(ann.locator("p.summary")).to_contain_text("53 waiting for a person")

        await ann.get_by_role("button", name="Show the latest").click()
        await expect(rows).to_have_count(50)
        await expect(ann.get_by_role("link", name="Show 50 more")).to_be_visible()
        assert await ann.evaluate("window.__violations") == []
        await browser.close()
