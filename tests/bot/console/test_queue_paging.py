"""A long queue: the first 50 rows, "show more" for the next (with htmx or without), the title
counting everyone; the next rows of one provider's queue are nobody else's business; the live
views wake when this process commits a change; console reads do not wait for SQLite's write
lock."""

from __future__ import annotations

import asyncio
import re
import threading
import time
from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from bot.console import StreamTiming
from bot.handover import Acting, View
from storage import participants
from storage.tables import AdvisorRequest, Participant
from tests.bot.console.world import Browser, World, events

EXTRA = 55  # North's people who ask after north1 and north2: 57 wait altogether
ROW = re.compile(r'<tr class="[^"]*" id="request-(\d+)">')
MORE = re.compile(r'hx-get="/console/queue/more\?show=(\w+)&amp;after=(\d+)"')
PLAIN_MORE = re.compile(r'href="/console/\?show=(\w+)&amp;after=(\d+)"')
# A stream that would look only every 30 s, open for 1.5 s: what it shows in between came from
# the change signal, not from polling.
SLOW_POLL = StreamTiming(poll_seconds=30.0, lifetime_seconds=1.5, refresh_seconds=600)


def many_ask(world: World, provider: str = "North", count: int = EXTRA) -> list[int]:
    """`count` more of this provider's people ask for a person, ten seconds apart; their ids."""
    addresses = [f"{provider.lower()}-extra-{n}" for n in range(count)]
    for address in addresses:
        world.clock.advance(timedelta(seconds=10))
        world.texts(address, "ADVISOR")
    ids = []
    with Session(world.engine) as session:
        for address in addresses:
            pid = participants.find_by_address(session=session, channel="web", address=address)
            row = session.get(Participant, pid)
            assert row is not None and pid is not None
            row.provider_id = world.ids[provider]
            session.add(row)
            ids.append(pid)
        session.commit()
    return ids


def request_ids(world: World, participant_ids: list[int]) -> list[int]:
    with Session(world.engine) as session:
        found = dict(
            session.exec(
                select(AdvisorRequest.participant_id, AdvisorRequest.id).where(
                    col(AdvisorRequest.participant_id).in_(participant_ids)
                )
            ).all()
        )
    return [found[pid] or 0 for pid in participant_ids]


async def test_a_long_queue_shows_fifty_then_the_next_rows_and_the_title_counts_everyone(
    world: World, ann: Browser
) -> None:
    extra = many_ask(world)
    north = [world.ids["north2"], world.ids["north1"], *extra]  # urgent first, then oldest
    order = request_ids(world, north)
    page = await ann.get("/console/?show=waiting")
    assert page.status_code == 200
    shown = [int(r) for r in ROW.findall(page.text)]
    assert shown == order[:50]
    assert "<title>(57) Queue" in page.text  # everyone waiting, not the 50 on the page
    assert "57 waiting for a person" in page.text
    assert "(57 in this list)" in page.text
    [(show, after)] = MORE.findall(page.text)
    assert (show, int(after)) == ("waiting", order[49])
    # With htmx: the next rows alone, to put in place of the link.
    more = await ann.get(f"/console/queue/more?show=waiting&after={after}")
    assert more.status_code == 200
    assert "<html" not in more.text and "<title>" not in more.text
    assert [int(r) for r in ROW.findall(more.text)] == order[50:]
    assert "Show 50 more" not in more.text  # nothing after these
    # Without JavaScript: the link is a page of its own with the same next rows.
    [(_, plain_after)] = PLAIN_MORE.findall(page.text)
    later = await ann.get(f"/console/?show=waiting&after={plain_after}")
    assert later.status_code == 200
    assert [int(r) for r in ROW.findall(later.text)] == order[50:]
    assert "<title>(57) Queue" in later.text
    assert "back to the top" in later.text
    assert [e.detail for e in world.audit("view_queue")][-2:] == [
        f"waiting after {after}",
        f"waiting after {after}",
    ]


async def test_the_all_view_pages_too_and_a_short_queue_has_no_link(
    world: World, ann: Browser, sam: Browser
) -> None:
    many_ask(world)
    page = await ann.get("/console/?show=all")
    assert len(ROW.findall(page.text)) == 50
    assert MORE.findall(page.text)
    south = await sam.get("/console/?show=all")  # one person waits at South
    assert len(ROW.findall(south.text)) == 1
    assert "Show 50 more" not in south.text


@pytest.mark.parametrize("whose", ["north", "nobody", "huge"])
async def test_another_providers_queue_entry_as_the_place_to_start_is_a_plain_404(
    world: World, sam: Browser, whose: str
) -> None:
    extra = many_ask(world, count=3)
    north_request = request_ids(world, extra)[0]
    after = {"north": north_request, "nobody": 987654, "huge": 2**31 - 1}[whose]
    baseline = await sam.get("/console/participants/4243")
    for path in (
        f"/console/queue/more?show=all&after={after}",
        f"/console/?show=all&after={after}",
    ):
        answer = await sam.get(path)
        assert answer.status_code == 404
        assert answer.text == baseline.text  # nothing says whether it exists, or whose it is
        assert "Participant" not in answer.text
    assert [e.advisor_id for e in world.audit("denied")][-1] == world.ids["south_advisor"]
    # Sam's own first page never shows North's people either.
    page = await sam.get("/console/?show=all")
    for pid in extra:
        assert f"Participant {pid}<" not in page.text


async def test_odd_places_to_start_are_400s_and_signed_out_is_a_redirect(
    world: World, ann: Browser
) -> None:
    for path in (
        "/console/queue/more?show=all",
        "/console/queue/more?show=all&after=x",
        "/console/queue/more?show=all&after=-1",
        "/console/queue/more?show=all&after=99999999999",
        "/console/?show=all&after=1e3",
    ):
        assert (await ann.get(path)).status_code == 400, path
    stranger = world.client(address="10.0.0.9")
    answer = await stranger.get(f"/console/queue/more?show=all&after={1}")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/console/login"
    await stranger.aclose()


async def test_a_new_message_wakes_the_open_queue_stream_without_waiting_for_a_poll(
    world: World, ann: Browser
) -> None:
    slow = world.client(SLOW_POLL)
    slow.http.cookies = ann.http.cookies

    async def north1_writes() -> None:
        await asyncio.sleep(0.4)
        world.texts("north1", "still here, please ring me after my shift")

    writing = asyncio.create_task(north1_writes())
    response = await slow.get("/console/stream?show=waiting")
    await writing
    queues = [data for name, data in events(response.text) if name == "queue"]
    assert "still here" not in queues[0]
    assert "still here, please ring me" in queues[-1]
    await slow.aclose()


async def test_the_stream_a_page_opens_sends_nothing_until_the_queue_moves_from_the_page(
    world: World, ann: Browser
) -> None:
    """The page hands its stream the queue as it showed it: the stream does not swap in the same
    list just after the page loads (under the hand of an advisor reaching for "Show more"), and
    wakes as soon as the queue moves."""
    # As SLOW_POLL, and no refresh period ends between the page and its streams.
    slow = world.client(StreamTiming(poll_seconds=30.0, lifetime_seconds=1.5, refresh_seconds=1e9))
    slow.http.cookies = ann.http.cookies
    page = await slow.get("/console/?show=waiting")
    found = re.search(
        r'sse-connect="(/console/stream\?show=waiting&amp;since=(\w+)\.(\d+))"', page.text
    )
    assert found is not None
    stream = found.group(1).replace("&amp;", "&")

    quiet = await slow.get(stream)
    assert [name for name, _ in events(quiet.text) if name == "queue"] == []
    # A page's token counts only while the page is new: a stream opened with it a minute on
    # sends the list as it is.
    old = f"/console/stream?show=waiting&since={found.group(2)}.{int(time.monotonic()) - 60}"
    assert [name for name, _ in events((await slow.get(old)).text)] == ["hello", "queue"]

    async def north1_writes() -> None:
        await asyncio.sleep(0.4)
        world.texts("north1", "still here, please ring me after my shift")

    writing = asyncio.create_task(north1_writes())
    moved = await slow.get(stream)
    await writing
    queues = [data for name, data in events(moved.text) if name == "queue"]
    assert len(queues) == 1 and "still here, please ring me" in queues[0]
    # Each list sent carries its token as the event's id: a reconnect (the browser sends the
    # last id it had) gets nothing while the queue stands as that list showed it, and the
    # list at once if it does not (a reconnect from a browser still showing the page's own).
    ids = re.findall(r"^id: ?(\S+)", moved.text, flags=re.MULTILINE)
    assert ids and ids[-1] != found.group(2)
    again = await slow.get(stream, headers={"Last-Event-ID": ids[-1]})
    assert [name for name, _ in events(again.text)] == ["hello"]
    behind = await slow.get(stream, headers={"Last-Event-ID": found.group(2)})
    assert [name for name, _ in events(behind.text)] == ["hello", "queue"]

    # A page that showed the queue as it was before that message: its stream sends the list
    # at once, as does a stream opened with no page's print.
    for stale in (stream, "/console/stream?show=waiting"):
        first = await slow.get(stale)
        queues = [data for name, data in events(first.text) if name == "queue"]
        assert queues and "still here, please ring me" in queues[0]
    # A token that is not one (typed, cut short, from elsewhere) is no page's: the list.
    for odd in ("", ".", found.group(2), f"{found.group(2)}.²", f"{found.group(2)}.-1", "x" * 900):
        answer = await slow.get("/console/stream", params={"show": "waiting", "since": odd})
        assert answer.status_code == 200, odd
        assert [name for name, _ in events(answer.text)] == ["hello", "queue"], odd
    garbled = await slow.get(stream, headers={"Last-Event-ID": "not a token"})
    assert [name for name, _ in events(garbled.text)] == ["hello", "queue"]
    await slow.aclose()


async def test_a_change_at_another_provider_does_not_reach_the_queue_stream(
    world: World, ann: Browser
) -> None:
    slow = world.client(SLOW_POLL)
    slow.http.cookies = ann.http.cookies

    async def south1_writes() -> None:
        await asyncio.sleep(0.4)
        world.texts("south1", "south words")

    writing = asyncio.create_task(south1_writes())
    response = await slow.get("/console/stream?show=all")
    await writing
    queues = [data for name, data in events(response.text) if name == "queue"]
    assert len(queues) == 1  # the first look only: nothing of North's queue changed
    assert all("south words" not in q for q in queues)
    await slow.aclose()


async def test_a_new_message_wakes_the_participant_stream_without_waiting_for_a_poll(
    world: World, ann: Browser
) -> None:
    pid = world.ids["north1"]
    page = await ann.get(f"/console/participants/{pid}")
    since = int(page.text.split("stream?since=")[1].split('"')[0])
    slow = world.client(SLOW_POLL)
    slow.http.cookies = ann.http.cookies

    async def north1_writes() -> None:
        await asyncio.sleep(0.4)
        world.clock.advance(timedelta(minutes=1))
        world.texts("north1", "are you there")

    writing = asyncio.create_task(north1_writes())
    response = await slow.get(f"/console/participants/{pid}/stream?since={since}")
    await writing
    batches = [data for name, data in events(response.text) if name == "message"]
    assert any("are you there" in b for b in batches)
    await slow.aclose()


async def test_a_note_wakes_the_participant_stream(world: World, ann: Browser) -> None:
    pid = world.ids["north1"]
    page = await ann.get(f"/console/participants/{pid}")
    since = int(page.text.split("stream?since=")[1].split('"')[0])
    slow = world.client(SLOW_POLL)
    slow.http.cookies = ann.http.cookies
    acting = Acting(world.ids["north_advisor"], world.ids["North"], "ann@north.nhs.uk", "advisor")

    async def ann_notes() -> None:
        await asyncio.sleep(0.4)
        world.clock.advance(timedelta(minutes=1))
        await world.services.handover.private_note(acting, pid, "rang, no answer")

    noting = asyncio.create_task(ann_notes())
    response = await slow.get(f"/console/participants/{pid}/stream?since={since}")
    await noting
    batches = [data for name, data in events(response.text) if name == "message"]
    assert any("rang, no answer" in b for b in batches)
    await slow.aclose()


async def test_the_queue_reads_while_another_connection_is_writing(
    world: World, backend: str
) -> None:
    acting = Acting(world.ids["north_advisor"], world.ids["North"], "ann@north.nhs.uk", "advisor")
    holding, release = threading.Event(), threading.Event()

    def writer() -> None:
        with world.engine.connect() as connection:
            # A writer in the middle of a transaction: it holds SQLite's write lock (the
            # engine begins with BEGIN IMMEDIATE), and on PostgreSQL the queue's rows.
            connection.exec_driver_sql("UPDATE advisor_request SET note = note")
            holding.set()
            release.wait(30)
            connection.rollback()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert await asyncio.to_thread(holding.wait, 10)
        found = await asyncio.wait_for(
            world.services.handover.queue_page(acting, view=View.WAITING), 10
        )
    finally:
        release.set()
        thread.join()
    assert [e.participant_id for e in found.entries] == [
        world.ids["north2"],
        world.ids["north1"],
    ]
    assert found.waiting == 2
