"""The console's pages and event streams: what an advisor sees, and what they never see."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlmodel import Session

from bot.console import StreamTiming, records
from tests.bot.console.world import Browser, World, events


async def test_the_queue_shows_the_providers_people_urgent_first_then_oldest(
    world: World, ann: Browser
) -> None:
    page = await ann.get("/console/?show=all")
    assert page.status_code == 200
    text = page.text
    north1, north2 = world.ids["north1"], world.ids["north2"]
    crisis = text.index(f"Participant {north2}<")
    asked = text.index(f"Participant {north1}<")
    assert crisis < asked  # urgent first, though it came later
    assert "Urgent" in text
    assert "Crisis" in text
    assert "Asked for a person" in text
    assert "15 min" in text  # north1 has waited 15 minutes
    assert "Web chat" in text
    assert "English" in text
    assert "<title>(2) Queue" in text  # two of North's people are waiting
    assert f"Participant {world.ids['south1']}<" not in text


async def test_the_queue_filters(world: World, ann: Browser) -> None:
    waiting = await ann.get("/console/?show=waiting")
    assert f"Participant {world.ids['north1']}<" in waiting.text
    mine = await ann.get("/console/?show=mine")
    assert "You hold no conversations." in mine.text
    assert f"Participant {world.ids['north1']}<" not in mine.text
    odd = await ann.get("/console/?show=everyone")  # an unknown filter is the default
    assert f"Participant {world.ids['north1']}<" in odd.text
    assert [e.detail for e in world.audit("view_queue")][-3:] == ["waiting", "mine", "waiting"]


async def test_another_providers_advisor_sees_only_their_own_people(
    world: World, sam: Browser
) -> None:
    page = await sam.get("/console/?show=all")
    assert f"Participant {world.ids['south1']}<" in page.text
    for north in ("north1", "north2"):
        assert f"Participant {world.ids[north]}<" not in page.text
    assert "Crisis" not in page.text
    assert "<title>(1) Queue" in page.text


async def test_the_participant_page_tells_the_speakers_apart_in_the_advisors_zone(
    world: World, ann: Browser
) -> None:
    pid = world.ids["north1"]
    page = await ann.get(f"/console/participants/{pid}")
    assert page.status_code == 200
    assert '<li id="m' in page.text
    assert 'class="msg participant"' in page.text
    assert 'class="msg bot"' in page.text
    assert "<p>ADVISOR</p>" in page.text
    assert "Mon 23 Nov 09:00" in page.text  # 09:00 UTC is 09:00 in London in November
    assert "Asked for a person" in page.text
    for heading in (
        "Profile",
        "Shifts",
        "Quit attempts",
        "Outcomes",
        "Planned messages",
        "Safety events",
    ):
        assert f"<h2>{heading}</h2>" in page.text
    [view] = world.audit("view_participant")
    assert (view.advisor_id, view.participant_id, view.address) == (
        world.ids["north_advisor"],
        pid,
        "10.0.0.1",
    )


async def test_a_crisis_shows_its_safety_event(world: World, ann: Browser) -> None:
    page = await ann.get(f"/console/participants/{world.ids['north2']}")
    assert 'class="urgent"' in page.text
    assert "kill myself" in page.text


async def test_times_follow_the_providers_zone(world: World, ann: Browser) -> None:
    from storage.tables import Provider

    with Session(world.engine) as session:
        provider = session.get(Provider, world.ids["North"])
        assert provider is not None
        provider.timezone = "Asia/Kolkata"
        session.add(provider)
        session.commit()
    page = await ann.get(f"/console/participants/{world.ids['north1']}")
    assert "Mon 23 Nov 14:30" in page.text  # 09:00 UTC


@pytest.mark.parametrize("who", ["south1", "nobody", "huge"])
async def test_another_providers_or_a_guessed_participant_is_a_plain_404(
    world: World, ann: Browser, who: str
) -> None:
    pid = {"south1": world.ids["south1"], "nobody": 4242, "huge": 99999999999}[who]
    page = await ann.get(f"/console/participants/{pid}")
    assert page.status_code == 404
    baseline = await ann.get("/console/participants/4243")
    assert page.text == baseline.text  # the same page: nothing says whether they exist
    assert "ADVISOR" not in page.text
    assert "South" not in page.text
    stream = await ann.get(f"/console/participants/{pid}/stream")
    assert stream.status_code == 404
    assert stream.text == baseline.text
    denied = world.audit("denied")
    assert denied[0].advisor_id == world.ids["north_advisor"]
    assert str(pid) in denied[0].detail
    assert not [e for e in world.audit("view_participant") if e.participant_id == pid]


async def test_odd_participant_urls_are_404s_not_errors(ann: Browser) -> None:
    for path in (
        "/console/participants/abc",
        "/console/participants/-1",
        "/console/participants/1.5",
    ):
        assert (await ann.get(path)).status_code == 404
    assert (await ann.get("/console/participants/1/stream?since=x")).status_code == 400


async def test_the_queue_stream_sends_the_providers_queue_and_nothing_else(
    world: World, ann: Browser, sam: Browser
) -> None:
    response = await ann.get("/console/stream?show=all")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    [queue] = [data for name, data in events(response.text) if name == "queue"]
    assert f"Participant {world.ids['north1']}<" in queue
    assert f"Participant {world.ids['south1']}<" not in queue
    assert "<title>(2) Queue" in queue
    south = await sam.get("/console/stream?show=all")
    [south_queue] = [data for name, data in events(south.text) if name == "queue"]
    assert f"Participant {world.ids['north1']}<" not in south_queue
    assert "Crisis" not in south_queue
    assert world.audit("stream_queue")


async def test_a_new_request_reaches_the_open_queue_stream(world: World, ann: Browser) -> None:
    slow = world.client(StreamTiming(poll_seconds=0.02, lifetime_seconds=1.0))
    slow.http.cookies = ann.http.cookies

    async def someone_asks() -> None:
        await asyncio.sleep(0.3)
        world.texts("south2", "ADVISOR")  # South's: must not show
        world.texts("north3", "ADVISOR")
        from storage import participants
        from storage.tables import Participant

        with Session(world.engine) as session:
            for address, provider in (("north3", "North"), ("south2", "South")):
                pid = participants.find_by_address(session=session, channel="web", address=address)
                row = session.get(Participant, pid)
                assert row is not None
                row.provider_id = world.ids[provider]
                session.add(row)
                world.ids[address] = pid or 0
            session.commit()

    asking = asyncio.create_task(someone_asks())
    response = await slow.get("/console/stream?show=waiting")
    await asking
    queues = [data for name, data in events(response.text) if name == "queue"]
    assert f"Participant {world.ids['north3']}<" not in queues[0]
    assert f"Participant {world.ids['north3']}<" in queues[-1]
    assert "<title>(3) Queue" in queues[-1]
    assert all(f"Participant {world.ids['south2']}<" not in q for q in queues)


async def test_the_participant_stream_sends_what_is_new_since_the_page(
    world: World, ann: Browser
) -> None:
    pid = world.ids["north1"]
    page = await ann.get(f"/console/participants/{pid}")
    since = int(page.text.split("stream?since=")[1].split('"')[0])
    world.clock.advance(timedelta(minutes=2))
    world.texts("north1", "is anyone there")
    response = await ann.get(f"/console/participants/{pid}/stream?since={since}")
    batches = [data for name, data in events(response.text) if name == "message"]
    assert len(batches) == 1
    assert "is anyone there" in batches[0]
    assert 'class="msg participant"' in batches[0]
    assert "<p>ADVISOR</p>" not in batches[0]  # from before the page: not sent again
    assert "id: " in response.text  # the browser can resume from the last line it saw
    later = int(response.text.split("id: ")[-1].split()[0])
    resumed = await ann.http.get(
        f"/console/participants/{pid}/stream", headers={"last-event-id": str(later + 2_000_000)}
    )
    assert [n for n, _ in events(resumed.text) if n == "message"] == []


async def test_a_stream_says_so_when_the_session_ends_under_it(world: World, ann: Browser) -> None:
    slow = world.client(StreamTiming(poll_seconds=0.02, lifetime_seconds=2.0))
    slow.http.cookies = ann.http.cookies

    async def lead_ends_it() -> None:
        await asyncio.sleep(0.2)
        with Session(world.engine) as session:
            records.end_sessions_of(
                session,
                advisor_id=world.ids["north_advisor"],
                now=world.clock.now(),
                reason="ended_by_lead",
            )
            session.commit()

    ending = asyncio.create_task(lead_ends_it())
    response = await slow.get("/console/stream")
    await ending
    names = [name for name, _ in events(response.text)]
    assert names[-1] == "signed-out"
    assert "Sign in again" in events(response.text)[-1][1]


async def test_an_idle_session_cannot_open_a_stream(world: World, ann: Browser) -> None:
    world.clock.advance(timedelta(minutes=31))
    assert (await ann.get("/console/stream")).status_code == 401
    assert (
        await ann.get(f"/console/participants/{world.ids['north1']}/stream")
    ).status_code == 401


async def test_streams_do_not_keep_a_session_alive(world: World, ann: Browser) -> None:
    for _ in range(2):
        world.clock.advance(timedelta(minutes=10))
        assert (await ann.get("/console/stream")).status_code == 200
    world.clock.advance(timedelta(minutes=11))
    assert (await ann.get("/console/")).status_code == 303  # 31 minutes without doing anything
