"""An advisor holding many conversations: the title counts who waits and who waits for their
reply, each row says who waits for a reply and since when, with the person's last words (short,
escaped, never a safety message's), a resent composer form reaches the person once, and
signing in is coming online. Another provider's advisor sees none of it."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime, timedelta
from html import unescape

import httpx
from sqlalchemy import Engine
from sqlmodel import Session

from bot.app import create_app
from bot.console import StreamTiming
from scheduler import ManualClock
from storage import queue as queue_rows
from storage.tables import Advisor
from tests.bot.console.world import PUBLIC, Browser, World, build_world, events
from tests.conftest import START

LIVE = StreamTiming(poll_seconds=0.02, lifetime_seconds=2.5)  # room for a busy machine


async def _held_and_answered(world: World, ann: Browser, who: str = "north1") -> int:
    """Ann takes `who` over and answers them: nothing of theirs waits for her reply."""
    pid = world.ids[who]
    await ann.get(f"/console/participants/{pid}")
    assert (await ann.post(f"/console/participants/{pid}/take-over")).status_code == 200
    answered = await ann.post(f"/console/participants/{pid}/reply", {"text": "Hi, it's Ann."})
    assert answered.status_code == 200
    return pid


def _live(world: World, browser: Browser) -> Browser:
    """A second connection of the same browser, for a longer-lived event stream."""
    slow = world.client(LIVE)
    slow.http.cookies = browser.http.cookies
    return slow


def _sent(world: World) -> list[str]:
    return [m.body for m in world.services.senders["web"].sent]  # type: ignore[attr-defined]


async def test_the_title_counts_who_waits_and_who_waits_for_your_reply(
    world: World, ann: Browser, lee: Browser
) -> None:
    north1 = world.ids["north1"]
    page = await ann.get("/console/")
    assert "<title>(2) Queue · quitbot console</title>" in page.text  # north1 and north2 wait
    await ann.get(f"/console/participants/{north1}")
    await ann.post(f"/console/participants/{north1}/take-over")
    # Taking over is not answering: their request now waits for Ann's reply (since 09:00).
    mine = await ann.get("/console/?show=mine")
    assert "<title>(2) Queue · quitbot console</title>" in mine.text
    assert "waiting for your reply · 15 min" in mine.text
    assert 'class="count" title="Waiting for a person, or for your reply">2<' in mine.text

    await ann.post(f"/console/participants/{north1}/reply", {"text": "Hi, it's Ann."})
    mine = await ann.get("/console/?show=mine")
    assert "<title>(1) Queue · quitbot console</title>" in mine.text
    assert "waiting for your reply ·" not in mine.text

    world.clock.advance(timedelta(minutes=3))
    world.texts("north1", "are you still there?")
    world.clock.advance(timedelta(minutes=12))
    mine = await ann.get("/console/?show=mine")
    assert "<title>(2) Queue · quitbot console</title>" in mine.text
    assert "1 waiting for a person · <strong>1 waiting for your reply</strong>" in mine.text
    assert "waiting for your reply · 12 min" in mine.text
    assert "12 min ago" in mine.text  # their last message
    page = await ann.get(f"/console/participants/{north1}")
    assert f"<title>(2) Participant {north1} · quitbot console</title>" in page.text
    assert (
        "<title>(2) Canned replies · quitbot console</title>"
        in (await ann.get("/console/canned")).text
    )

    # Lee holds nothing: his title counts only who waits; Ann's row says a reply is owed.
    everyone = await lee.get("/console/?show=all")
    assert "<title>(1) Queue · quitbot console</title>" in everyone.text
    assert "With ann@north.nhs.uk<br>" in everyone.text
    assert "waiting for a reply · 12 min" in everyone.text
    assert "waiting for your reply" not in everyone.text


async def test_the_live_queue_keeps_each_advisors_own_count(
    world: World, ann: Browser, lee: Browser
) -> None:
    await _held_and_answered(world, ann)
    # One server for both advisors' streams: what it renders once for several advisors must
    # never carry one advisor's count or "your reply" to another.
    app = create_app(world.services, console_timing=LIVE)

    def stream_of(browser: Browser) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=app, client=("10.0.0.1", 51000))
        return httpx.AsyncClient(
            transport=transport, base_url=PUBLIC, cookies=browser.http.cookies
        )

    async def they_write() -> None:
        await asyncio.sleep(0.3)
        world.texts("north1", "are you still there?")

    async with stream_of(ann) as ann_live, stream_of(lee) as lee_live:
        ann_said, _ = await asyncio.gather(ann_live.get("/console/stream?show=all"), they_write())
        lee_said = await lee_live.get("/console/stream?show=all")
        ann_again = await ann_live.get("/console/stream?show=all")
    ann_queues = [data for name, data in events(ann_said.text) if name == "queue"]
    assert "<title>(1) Queue · quitbot console</title>" in ann_queues[0]
    assert "waiting for your reply ·" not in ann_queues[0]
    assert "<title>(2) Queue · quitbot console</title>" in ann_queues[-1]  # without a reload
    assert "waiting for your reply · just now" in ann_queues[-1]
    assert 'id="attention"' in ann_queues[-1]  # the header's count, swapped in too
    assert "<q>are you still there?</q>" in ann_queues[-1]
    lee_queues = [data for name, data in events(lee_said.text) if name == "queue"]
    assert lee_queues
    assert all("<title>(1) Queue · quitbot console</title>" in q for q in lee_queues)
    assert all("waiting for your reply" not in q for q in lee_queues)
    assert "waiting for a reply · just now" in lee_queues[-1]
    again = [data for name, data in events(ann_again.text) if name == "queue"]
    assert "<title>(2) Queue · quitbot console</title>" in again[-1]


async def test_the_participant_pages_title_follows_the_counts_live(
    world: World, ann: Browser
) -> None:
    await _held_and_answered(world, ann)
    north2 = world.ids["north2"]
    page = await ann.get(f"/console/participants/{north2}")  # Ann reads someone else's page
    assert f"<title>(1) Participant {north2} · quitbot console</title>" in page.text
    assert '<div sse-swap="title" hidden></div>' in page.text

    async def they_write() -> None:
        await asyncio.sleep(0.3)
        world.texts("north1", "hello? anyone?")

    response, _ = await asyncio.gather(
        _live(world, ann).get(f"/console/participants/{north2}/stream"), they_write()
    )
    titles = [data for name, data in events(response.text) if name == "title"]
    assert f"<title>(1) Participant {north2} · quitbot console</title>" in titles[0]
    assert f"<title>(2) Participant {north2} · quitbot console</title>" in titles[-1]
    assert 'hx-swap-oob="true">2</span>' in titles[-1]


async def test_each_row_shows_their_last_words_short_escaped_and_never_a_safety_message(
    world: World, ann: Browser
) -> None:
    await _held_and_answered(world, ann)
    world.clock.advance(timedelta(minutes=2))
    world.texts(
        "north1",
        "On nights all week <b>and</b> the 3am cravings are the worst, then I buy crisps "
        "from the vending machine again",
    )
    world.clock.advance(timedelta(minutes=12))
    stream = events((await ann.get("/console/stream?show=all")).text)
    for page in (
        (await ann.get("/console/?show=all")).text,
        next(d for n, d in stream if n == "queue"),
    ):
        assert "<q>On nights all week &lt;b&gt;and&lt;/b&gt; the 3am cravings" in page
        assert "<b>and</b>" not in page
        assert "vending machine" not in page  # cut short, at a word
        assert "…</q>" in page
        assert "12 min ago" in page
        # north2's crisis message is never shown in the queue: the row says to open the page.
        assert "kill myself" not in page
        assert "Safety message: open their page to read it" in page
    # The participant page still shows the whole message, as the transcript does.
    crisis = await ann.get(f"/console/participants/{world.ids['north2']}")
    assert "I want to kill myself" in crisis.text


async def test_another_providers_advisor_never_sees_these_counts_or_words(
    world: World, ann: Browser, sam: Browser
) -> None:
    await _held_and_answered(world, ann)
    world.texts("north1", "north words nobody else should read")
    for page in (
        (await sam.get("/console/?show=all")).text,
        *[d for n, d in events((await sam.get("/console/stream?show=all")).text) if n == "queue"],
        (await sam.get("/console/canned")).text,
    ):
        assert "(1) " in page  # south1 waits; nothing of North's counts
        assert "(2) " not in page and "(3) " not in page
        assert "north words" not in page
        assert "Safety message" not in page
        assert "waiting for your reply ·" not in page
        assert "waiting for a reply ·" not in page
    south1 = world.ids["south1"]
    titles = [
        d
        for n, d in events((await sam.get(f"/console/participants/{south1}/stream")).text)
        if n == "title"
    ]
    assert titles == [
        f"<title>(1) Participant {south1} · quitbot console</title>\n"
        '<span id="attention" class="count" title="Waiting for a person, or for your reply"'
        ' hx-swap-oob="true">1</span>'
    ]
    # The query itself keeps to the provider: South's queue has none of North's people, and
    # nothing of what they wrote; North's has both.
    with Session(world.engine) as session:
        north = {world.ids["north1"], world.ids["north2"]}
        for view in queue_rows.VIEWS:
            south_rows = queue_rows.page(
                session,
                provider_id=world.ids["South"],
                advisor_id=world.ids["south_advisor"],
                view=view,
                limit=50,
            )
            assert not north & {r.participant_id for r in south_rows}
            assert all("north" not in (r.last_in_body or "") for r in south_rows)
        north_rows = queue_rows.page(
            session,
            provider_id=world.ids["North"],
            advisor_id=world.ids["north_advisor"],
            view="all",
            limit=50,
        )
        assert {r.participant_id for r in north_rows} == north


async def test_a_resent_reply_form_reaches_the_person_once(world: World, ann: Browser) -> None:
    pid = world.ids["north1"]
    form = re.compile(r'id="composer-key" name="key" value="([^"]+)"')
    page = await ann.get(f"/console/participants/{pid}")
    key = form.findall(page.text)[0]
    assert form.findall((await ann.get(f"/console/participants/{pid}")).text)[0] != key
    await world.services.dispatcher.flush()
    mark = len(_sent(world))

    # A double click, or a retry after the answer was lost: the same form twice.
    first = await ann.post(
        f"/console/participants/{pid}/reply", {"text": "Hi, it's Ann.", "key": key}
    )
    again = await ann.post(
        f"/console/participants/{pid}/reply", {"text": "Hi, it's Ann.", "key": key}
    )
    assert (first.status_code, again.status_code) == (200, 200)
    assert "Sent." in first.text and "Sent." in again.text
    await world.services.dispatcher.flush()
    assert _sent(world)[mark:] == ["Hi, it's Ann."]
    assert [e.detail for e in world.audit("reply")] == ["ok", "resent: sent once"]

    # Each answer brings the form a new key, so the next reply is a new message.
    fresh = re.findall(r'name="key" value="([^"]+)" hx-swap-oob="true"', first.text)
    assert len(fresh) == 1 and fresh[0] != key
    # The text changed before the retry: the first text went, this one did not, and she is told.
    changed = await ann.post(
        f"/console/participants/{pid}/reply", {"text": "Hi, it's Ann from the team.", "key": key}
    )
    assert changed.status_code == 409
    assert "Your earlier message had already gone (“Hi, it's Ann.”)" in unescape(changed.text)
    assert "This text was not sent" in changed.text
    newer = re.findall(r'name="key" value="([^"]+)" hx-swap-oob="true"', changed.text)[0]
    sent = await ann.post(
        f"/console/participants/{pid}/reply", {"text": "Hi, it's Ann from the team.", "key": newer}
    )
    assert sent.status_code == 200
    await world.services.dispatcher.flush()
    assert _sent(world)[mark:] == ["Hi, it's Ann.", "Hi, it's Ann from the team."]

    odd = await ann.post(f"/console/participants/{pid}/reply", {"text": "Hello", "key": "a key"})
    assert odd.status_code == 422
    assert "reload" in odd.text
    await world.services.dispatcher.flush()
    assert len(_sent(world)) == mark + 2


async def test_signing_in_is_coming_online_and_the_last_sign_out_is_going_away(
    world: World,
) -> None:
    def online(who: str) -> bool:
        with Session(world.engine) as session:
            advisor = session.get(Advisor, world.ids[who])
            assert advisor is not None
            return advisor.online

    assert not online("north_advisor")
    desk = await world.client().signed_in_as("ann@north.nhs.uk")
    assert online("north_advisor")
    assert "You are online." in (await desk.get("/console/")).text
    phone = await world.client(address="10.0.0.9").signed_in_as("ann@north.nhs.uk")
    assert (await phone.post("/console/logout")).status_code == 204
    assert online("north_advisor")  # still signed in at her desk
    assert (await desk.post("/console/logout")).status_code == 204
    assert not online("north_advisor")

    # Only advisors who are online count towards the team's room for more conversations.
    lee = await world.client(address="10.0.0.3").signed_in_as("lee@north.nhs.uk")
    ann = await world.client().signed_in_as("ann@north.nhs.uk")
    await _held_and_answered(world, ann)
    await lee.post("/console/availability", {"online": "0"})
    team = (await lee.get("/console/")).text
    assert "1 of 2 online, with room for 4 more conversations between them" in team
    for browser in (desk, phone, lee, ann):
        await browser.aclose()


class _MovingClock(ManualClock):
    """Like a real clock, a little later at every reading (the runner reads it more than once
    while it takes a message in)."""

    def now(self) -> datetime:
        return self.advance(timedelta(microseconds=1))


async def test_with_a_real_clock_the_request_that_brought_them_waits_for_your_reply(
    engine: Engine,
) -> None:
    world = build_world(engine, _MovingClock(START))
    ann = await world.client().signed_in_as("ann@north.nhs.uk")
    pid = world.ids["north1"]
    await ann.get(f"/console/participants/{pid}")
    await ann.post(f"/console/participants/{pid}/take-over")
    mine = await ann.get("/console/?show=mine")
    assert "waiting for your reply ·" in mine.text  # their ADVISOR has had no answer yet
    assert "<title>(2) Queue · quitbot console</title>" in mine.text
    await ann.aclose()
