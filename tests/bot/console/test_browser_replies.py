"""An advisor and a participant in a real browser (Debian's Chromium, driven by Playwright), on
a real `quitbot serve`: the web chat is told when a person joins and shows the advisor's words
as from a person; a reply whose answer is lost says so, keeps the text, and pressing Send again
(or a double click) reaches the chat once; the page titles count who waits for a reply, live."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from playwright.async_api import Page, Route, async_playwright, expect
from sqlmodel import Session, col, select

from storage import make_engine
from storage.tables import MessageRow
from tests.bot.console.test_browser import WATCH_CSP, _move_everyone_to, _setup, _sign_in
from tests.bot.test_web_chat_browser import CHROMIUM, FLAGS
from tests.conftest import need

pytestmark = pytest.mark.browser


def _advisor_messages(database: Path, text: str) -> int:
    engine = make_engine(f"sqlite:///{database}")
    with Session(engine) as session:
        found = session.exec(
            select(MessageRow.id).where(
                col(MessageRow.advisor_id).is_not(None), col(MessageRow.body) == text
            )
        ).all()
    engine.dispose()
    return len(found)


async def _chat_says(chat: Page, text: str) -> None:
    await chat.get_by_label("Your message").fill(text)
    await chat.get_by_role("button", name="Send").click()
    await expect(chat.locator(".msg.you", has_text=text)).to_be_visible(timeout=10_000)


async def test_a_reply_sent_twice_reaches_the_web_chat_once_from_a_person_and_titles_follow(
    served: tuple[str, subprocess.Popen[str], list[str]], tmp_path: Path
) -> None:
    if not shutil.which("chromium"):
        need("Chromium is not installed (apt-get install chromium)")
    base, _process, _lines = served
    database = tmp_path / "var" / "quitbot.db"
    _setup(database)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        chat = await browser.new_page(viewport={"width": 390, "height": 844})
        await chat.add_init_script(WATCH_CSP)
        await chat.goto(f"{base}/chat/")
        await _chat_says(chat, "ADVISOR")
        [pid] = _move_everyone_to(database, "North")

        ann = await _sign_in(browser, base, "ann@north.nhs.uk")
        await expect(ann).to_have_title("(1) Queue · quitbot console", timeout=10_000)
        await ann.get_by_role("link", name=f"Participant {pid}").click()
        await ann.get_by_role("button", name="Take over from the bot").click()
        await expect(ann.locator("#owner")).to_contain_text("You hold this conversation")
        # Their request now waits for Ann's own reply: still one in the title.
        await expect(ann).to_have_title(f"(1) Participant {pid} · quitbot console")
        # The web chat is told at once that a person has joined.
        await expect(
            chat.locator(".msg.quitbot", has_text="A person from the team is here now")
        ).to_be_visible(timeout=10_000)

        # The first answer is lost on the way back (the request reached the server).
        posted: list[dict[str, list[str]]] = []

        async def lose_the_first_answer(route: Route) -> None:
            posted.append(parse_qs(route.request.post_data or ""))
            answer = await route.fetch()
            if len(posted) == 1:
                await route.abort("connectionreset")
            else:
                await route.fulfill(response=answer)

        await ann.route("**/console/participants/*/reply", lose_the_first_answer)
        hello = "Hi, it's Ann from the stop-smoking team."
        await ann.get_by_label("Message").fill(hello)
        await ann.get_by_role("button", name="Send to participant").click()
        await expect(ann.get_by_role("alert")).to_have_text(
            "Not sent — check your connection and press Send again. It will reach them only once."
        )
        await expect(ann.get_by_label("Message")).to_have_value(hello)  # nothing typed is lost
        await ann.get_by_role("button", name="Send to participant").click()
        await expect(ann.locator("#composer-result")).to_have_text("Sent.")
        await expect(ann.get_by_label("Message")).to_have_value("")
        assert len(posted) == 2 and posted[0]["key"] == posted[1]["key"]  # the same form twice
        assert posted[0]["text"] == [hello]

        # A double click on a new reply.
        second = "Are you on nights this week?"
        await ann.get_by_label("Message").fill(second)
        await ann.get_by_role("button", name="Send to participant").dblclick()
        await expect(ann.locator("#composer-result")).to_have_text("Sent.")
        assert posted[-1]["key"] != posted[0]["key"]  # a new message, a new key

        # The chat shows each reply once, labelled as from a person, not from quitbot.
        for text in (hello, second):
            bubble = chat.locator(".msg.advisor", has_text=text)
            await expect(bubble).to_have_count(1, timeout=10_000)
            await expect(bubble.locator(".who")).to_have_text("A person from the team")
        await chat.wait_for_timeout(3_200)  # two more polls: still once
        for text in (hello, second):
            await expect(chat.locator(".msg.advisor", has_text=text)).to_have_count(1)
            assert _advisor_messages(database, text) == 1
        await expect(ann.locator("#transcript li.msg.advisor", has_text=hello)).to_have_count(1)
        await expect(ann).to_have_title(f"Participant {pid} · quitbot console")

        # They answer: the advisor's title counts it without a reload, and a reply clears it.
        await ann.evaluate("window.__still_this_page = true")
        await _chat_says(chat, "yes, three nights in a row")
        await expect(ann).to_have_title(f"(1) Participant {pid} · quitbot console", timeout=10_000)
        await expect(ann.locator("#attention")).to_have_text("1")
        await ann.get_by_label("Message").fill("Then let's plan your breaks.")
        await ann.get_by_role("button", name="Send to participant").click()
        await expect(ann).to_have_title(f"Participant {pid} · quitbot console", timeout=10_000)
        assert await ann.evaluate("window.__still_this_page") is True

        # On the queue (Mine), their next message shows on the row and in the title, live.
        await ann.get_by_role("link", name="Queue").click()
        await ann.get_by_role("link", name="Mine").click()
        await expect(ann).to_have_title("Queue · quitbot console")
        await ann.evaluate("window.__still_this_page = true")
        await _chat_says(chat, "ok <b>thanks</b>")
        row = ann.locator("table.queue tr", has_text=f"Participant {pid}")
        await expect(row).to_contain_text("waiting for your reply · just now", timeout=10_000)
        await expect(row).to_contain_text("ok <b>thanks</b>")  # as text, never as markup
        await expect(ann).to_have_title("(1) Queue · quitbot console")
        assert await ann.evaluate("window.__still_this_page") is True

        for page in (ann, chat):
            assert await page.evaluate("window.__violations") == []
        await browser.close()


def _idle_for(database: Path, minutes: int) -> None:
    """The advisor's console session was last used `minutes` ago (as if she had been away)."""
    from datetime import timedelta

    from storage.console_tables import ConsoleSession

    engine = make_engine(f"sqlite:///{database}")
    with Session(engine) as session:
        for row in session.exec(
            select(ConsoleSession).where(col(ConsoleSession.ended_at).is_(None))
        ):
            row.last_seen_at -= timedelta(minutes=minutes)
            row.created_at -= timedelta(minutes=minutes)
            session.add(row)
        session.commit()
    engine.dispose()


async def test_a_reply_typed_as_the_session_ran_out_is_back_in_the_box_after_signing_in(
    served: tuple[str, subprocess.Popen[str], list[str]], tmp_path: Path
) -> None:
    if not shutil.which("chromium"):
        need("Chromium is not installed (apt-get install chromium)")
    base, _process, _lines = served
    database = tmp_path / "var" / "quitbot.db"
    _setup(database)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        chat = await browser.new_page(viewport={"width": 390, "height": 844})
        await chat.goto(f"{base}/chat/")
        await _chat_says(chat, "ADVISOR")
        [pid] = _move_everyone_to(database, "North")

        ann = await _sign_in(browser, base, "ann@north.nhs.uk")
        await ann.goto(f"{base}/console/participants/{pid}")
        await ann.get_by_role("button", name="Take over from the bot").click()
        await expect(ann.locator("#owner")).to_contain_text("You hold this conversation")
        text = "Sorry for the wait. Shall we plan for the cravings on your break?"
        await ann.get_by_label("Message").fill(text)

        # Ann is called away for 31 minutes before pressing Send: her session has run out.
        _idle_for(database, 31)
        await ann.get_by_role("button", name="Send to participant").click()
        await expect(ann).to_have_url(f"{base}/console/login?kept=1", timeout=10_000)
        await expect(ann.get_by_text("Nothing was sent: what you wrote is kept")).to_be_visible()
        assert _advisor_messages(database, text) == 0

        await ann.get_by_label("Email").fill("ann@north.nhs.uk")
        await ann.get_by_label("Password").fill("a long passphrase for the browser")
        await ann.get_by_role("button", name="Sign in").click()
        await expect(ann).to_have_url(f"{base}/console/participants/{pid}", timeout=10_000)
        await expect(ann.get_by_label("Message")).to_have_value(text)
        await expect(ann.get_by_text("this reply was not sent")).to_be_visible()
        await ann.get_by_role("button", name="Send to participant").click()
        await expect(chat.locator(".msg", has_text="plan for the cravings")).to_be_visible(
            timeout=10_000
        )
        assert _advisor_messages(database, text) == 1
        await browser.close()
