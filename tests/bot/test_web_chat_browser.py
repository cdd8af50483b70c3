"""A person tries quitbot in a real browser (Debian's Chromium, driven by Playwright)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from playwright.async_api import Page, async_playwright, expect

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
            ("in 3 days", "Is that right? Reply YES or NO"),
            ("yes", "Reply HELP any time"),
        ]:
            await say(page, text, reply)
        bubbles = await page.locator(".msg.quitbot").all_inner_texts()
        assert any(b.startswith("Great, your quit date is ") for b in bubbles)
        # The page ran entirely under its Content-Security-Policy: nothing was blocked.
        assert await page.evaluate("window.__violations") == []
        assert not [line for line in console if "Content Security Policy" in line]
        await page.screenshot(path="test-results/web-chat.png", full_page=False)
        await browser.close()
