"""A person tries quitbot in a real browser (Debian's Chromium, driven by Playwright)."""

from __future__ import annotations

import asyncio
import itertools
import shutil
import subprocess

import pytest
from playwright.async_api import Page, Route, async_playwright, expect

from tests.conftest import need

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


async def say(page: Page, text: str, expect_reply: str) -> None:
    await page.get_by_label("Your message").fill(text)
    await page.get_by_role("button", name="Send").click()
    await expect(page.locator(".msg.quitbot").last).to_contain_text(expect_reply, timeout=10_000)


async def test_a_newcomer_registers_and_sets_a_quit_date_in_the_browser(
    served: tuple[str, subprocess.Popen[str], list[str]],
) -> None:
    if not shutil.which("chromium"):
        need("Chromium is not installed (apt-get install chromium)")
    base, _process, _lines = served
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = await browser.new_page(viewport={"width": 390, "height": 844})  # a phone
        console: list[str] = []
        page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        await page.add_init_script(
            "window.__violations = [];"
            "document.addEventListener('securitypolicyviolation', e =>"
            " window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        response = await page.goto(f"{base}/chat/")
        assert response is not None
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
        await say(page, "hi", "Happy to go on? Reply YES or NO")
        for text, reply in [
            ("yes", "How old are you?"),
            ("29", "Do you work for the NHS?"),
            ("yes", "Do you smoke tobacco"),
            ("yes", "clozapine"),
            ("no", "What is your job?"),
            ("porter", "Which NHS trust"),
            ("SKIP", "postcode"),
            ("skip", "gender"),
            ("2", "How do you mostly work?"),
            ("4", "Which shifts do you work?"),
            ("long days tue thu sat", "So you work: long days Tue, Thu, Sat. Is that right?"),
            ("yes", "how many cigarettes"),
            ("20", "How soon after waking"),
            ("1", "tried to stop"),
            ("0", "How much do you want to stop"),
            ("5", "What would you like to help you stop?"),
            ("3", "Now pick a quit date"),
            # Two calendar days are two or three shift-days away (a shift-day runs 05:00 to
            # 05:00: before 5 a.m. it is still yesterday's), short notice at any hour.
            ("in 2 days", "Is that right? Reply YES or NO"),
            # Short notice: the preparation that matters comes at once.
            ("yes", "top reasons to stop"),
            # Their reason is thanked, then the triggers question comes at once too.
            ("for my kids", "When do you most want to smoke on shift?"),
        ]:
            await say(page, text, reply)
        bubbles = await page.locator(".msg.quitbot").all_inner_texts()
        assert any(b.startswith("Great, your quit date is ") for b in bubbles)
        assert any("I'll remind you of that" in b for b in bubbles)
        # The page ran entirely under its Content-Security-Policy: nothing was blocked.
        assert await page.evaluate("window.__violations") == []
        assert not [line for line in console if "Content Security Policy" in line]
        await page.screenshot(path="test-results/web-chat.png", full_page=False)
        await browser.close()


async def launch(playwright):  # type: ignore[no-untyped-def]
    if not shutil.which("chromium"):
        need("Chromium is not installed (apt-get install chromium)")
    return await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)


async def say_in(page: Page, text: str, expect_reply: str, *, box: str, send: str) -> None:
    await page.get_by_label(box).fill(text)
    await page.get_by_role("button", name=send).click()
    await expect(page.locator(".msg.quitbot").last).to_contain_text(expect_reply, timeout=15_000)


async def shown_ids(page: Page) -> list[str]:
    return await page.locator(".msg").evaluate_all("els => els.map(e => e.dataset.id)")


async def test_overlapping_polls_never_show_a_message_twice(
    served: tuple[str, subprocess.Popen[str], list[str]],
) -> None:
    base, _process, _lines = served
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        page = await browser.new_page(viewport={"width": 390, "height": 844})
        # Every poll is held back a different while, so polls overlap and come back out of
        # order: an older poll (a smaller `after`) answers after a newer one.
        out = 0
        most = 0
        delays = itertools.cycle([0.1, 2.2, 0.6, 1.7, 0.3, 2.8, 1.1])

        long_poll_out = asyncio.Event()  # a poll is held back 1.5 s or more, from now

        async def slow_poll(route: Route) -> None:
            nonlocal out, most
            out += 1
            most = max(most, out)
            delay = next(delays)
            try:
                response = await route.fetch()
                if delay >= 1.5:
                    long_poll_out.set()
                await asyncio.sleep(delay)
                await route.fulfill(response=response)
            finally:
                if delay >= 1.5:
                    long_poll_out.clear()
                out -= 1

        async def a_timed_poll_held_long() -> None:
            # Sending now makes the page poll while that one is still out (on a busy machine
            # the turns of the conversation alone may never overlap one).
            long_poll_out.clear()
            async with asyncio.timeout(30):
                await long_poll_out.wait()

        await page.route("**/chat/api/messages?*", slow_poll)
        await page.goto(f"{base}/chat/")
        seen_twice: list[list[str]] = []

        async def watch() -> None:  # looks at the page all the time, not only between steps
            while True:
                ids = await shown_ids(page)
                if len(ids) != len(set(ids)):
                    seen_twice.append(ids)
                await asyncio.sleep(0.05)

        watcher = asyncio.create_task(watch())
        try:
            for turn, (text, reply) in enumerate(
                [
                    ("hi", "Happy to go on? Reply YES or NO"),
                    ("yes", "How old are you?"),
                    ("29", "Do you work for the NHS?"),
                    ("yes", "Do you smoke tobacco"),
                    ("yes", "clozapine"),
                ]
            ):
                if turn == 1:
                    await a_timed_poll_held_long()
                await say(page, text, reply)
            await asyncio.sleep(3.5)  # the slowest polls still out come back
        finally:
            watcher.cancel()
        assert most >= 2, "the polls were meant to overlap"
        assert seen_twice == []
        # What the page shows is the transcript: each message once, in order.
        stored = (await (await page.request.get(f"{base}/chat/api/messages")).json())["messages"]
        assert await shown_ids(page) == [str(m["id"]) for m in stored]
        bubbles = await page.locator(".msg").all_inner_texts()
        assert bubbles == [m["text"] for m in stored]
        assert bubbles.count("yes") == 3  # the person's own messages too, once each
        await browser.close()


async def test_the_page_follows_cymraeg_and_links_the_privacy_notice(
    served: tuple[str, subprocess.Popen[str], list[str]],
) -> None:
    base, _process, _lines = served
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        page = await browser.new_page(viewport={"width": 390, "height": 844})
        await page.goto(f"{base}/chat/")
        await say(page, "hi", "Happy to go on? Reply YES or NO")
        # The privacy address in the consent question is a link.
        link = page.locator(".msg.quitbot a", has_text="/privacy")
        assert (await link.get_attribute("href") or "").endswith("/privacy")

        await say(page, "CYMRAEG", "Ydych chi'n hapus i barhau? Atebwch IE neu NA")
        await expect(page.locator(".msg.quitbot", has_text="Cymraeg o hyn ymlaen")).to_be_visible()
        html = page.locator("html")
        await expect(html).to_have_attribute("lang", "cy")
        await expect(page.locator("header")).to_contain_text("Cymorth am ddim gan y GIG")
        await expect(page.locator(".hint")).to_have_text(
            "Dywedwch helo i ddechrau. Tecstiwch CYMORTH unrhyw bryd. For English, type ENGLISH."
        )
        box = page.get_by_label("Eich neges")
        await expect(box).to_have_attribute("placeholder", "Teipiwch neges")
        await expect(page.get_by_role("button", name="Anfon")).to_be_visible()
        privacy = page.get_by_role("link", name="Sut rydyn ni'n defnyddio eich gwybodaeth")
        await expect(privacy).to_be_visible()
        assert await page.title() == "quitbot - rhowch gynnig ar y sgwrs"

        # Coming back to the page later, it is in Welsh from the start.
        await page.reload()
        await expect(html).to_have_attribute("lang", "cy")
        await expect(page.get_by_role("button", name="Anfon")).to_be_visible()

        # The privacy link opens the notice, in Welsh, beside the chat.
        async with page.expect_popup() as opened:
            await privacy.click()
        notice = await opened.value
        await expect(notice.locator("h1")).to_have_text(
            "Sut mae quitbot yn defnyddio eich gwybodaeth"
        )
        await expect(notice.locator("body")).to_contain_text("Cofnodion diogelwch")
        await notice.close()

        # "yes" is a small bubble on the right, not a bar across the page.
        await say_in(page, "ie", "Faint yw eich oed", box="Eich neges", send="Anfon")
        bubble = page.locator(".msg.you", has_text="ie").last
        mine = await bubble.bounding_box()
        log = await page.locator("#log").bounding_box()
        assert mine is not None and log is not None
        assert mine["width"] < 0.25 * log["width"]
        assert mine["x"] + mine["width"] > log["x"] + 0.8 * log["width"]
        await page.screenshot(path="test-results/web-chat-cy.png", full_page=False)

        await say_in(page, "ENGLISH", "How old are you?", box="Eich neges", send="Anfon")
        await expect(html).to_have_attribute("lang", "en-GB")
        await expect(page.get_by_role("button", name="Send")).to_be_visible()
        await expect(page.get_by_label("Your message")).to_have_attribute(
            "placeholder", "Type a message"
        )
        await expect(page.get_by_role("link", name="How we use your information")).to_be_visible()
        await browser.close()


async def test_a_question_has_buttons_that_answer_it_once(
    served: tuple[str, subprocess.Popen[str], list[str]],
) -> None:
    base, _process, _lines = served
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        page = await browser.new_page(viewport={"width": 390, "height": 844})
        await page.goto(f"{base}/chat/")
        await say(page, "hi", "Happy to go on? Reply YES or NO")
        answers = page.get_by_role("group", name="Quick replies")
        await expect(answers.get_by_role("button")).to_have_text(["Yes", "No"])
        # Under the last message: the buttons follow every bubble.
        assert await page.locator("#log > :last-child").get_attribute("id") == "choices"
        await page.reload()  # coming back while the question still waits: still there
        await expect(answers.get_by_role("button")).to_have_text(["Yes", "No"])

        await answers.get_by_role("button", name="Yes", exact=True).click()
        await expect(page.locator(".msg.quitbot").last).to_contain_text(
            "How old are you?", timeout=10_000
        )
        await expect(answers).to_have_count(0)  # answered: the buttons are gone
        await asyncio.sleep(3.5)  # a few more polls
        await expect(page.locator(".msg.quitbot", has_text="How old are you?")).to_have_count(1)
        await expect(page.locator(".msg.you")).to_have_text(["hi", "Yes"])
        await expect(answers).to_have_count(0)

        # From the keyboard: the buttons are just before the message box.
        await say(page, "34", "Do you work for the NHS?")
        await page.get_by_label("Your message").focus()
        await page.keyboard.press("Shift+Tab")
        await expect(answers.get_by_role("button", name="No", exact=True)).to_be_focused()
        await page.keyboard.press("Shift+Tab")
        await expect(answers.get_by_role("button", name="Yes", exact=True)).to_be_focused()
        await page.keyboard.press("Enter")
        await expect(page.locator(".msg.quitbot").last).to_contain_text(
            "Do you smoke tobacco", timeout=10_000
        )
        await expect(page.get_by_label("Your message")).to_be_focused()  # typing can go on

        # In Welsh, the buttons are Welsh too.
        await say(page, "CYMRAEG", "Atebwch IE neu NA")
        welsh = page.get_by_role("group", name="Atebion cyflym")
        await expect(welsh.get_by_role("button")).to_have_text(["Ie", "Na"])
        await page.screenshot(path="test-results/web-chat-buttons.png", full_page=False)
        await welsh.get_by_role("button", name="Ie", exact=True).click()
        await expect(page.locator(".msg.quitbot").last).to_contain_text(
            "clozapine", timeout=10_000
        )
        await expect(page.locator(".msg.you").last).to_have_text("Ie")
        await browser.close()
