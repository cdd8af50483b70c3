"""The console with the real handover service: take over, reply, note, hand back, as an advisor
sees them (queue filters, holder, the live thread, what the participant receives)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from storage.tables import MessageRow
from tests.bot.console.world import Browser, World, events


def _sent_to(world: World, pid: int) -> list[MessageRow]:
    with Session(world.engine) as session:
        return list(
            session.exec(
                select(MessageRow)
                .where(col(MessageRow.participant_id) == pid, col(MessageRow.direction) == "out")
                .order_by(col(MessageRow.id))
            )
        )


async def test_taking_over_moves_them_to_mine_and_shows_who_holds_them(
    world: World, ann: Browser, lee: Browser, sam: Browser
) -> None:
    pid = world.ids["north1"]
    await ann.get(f"/console/participants/{pid}")
    response = await ann.post(f"/console/participants/{pid}/take-over")
    assert response.status_code == 200
    assert response.headers["hx-refresh"] == "true"
    mine = await ann.get("/console/?show=mine")
    assert f"Participant {pid}<" in mine.text
    assert "With you" in mine.text
    waiting = await ann.get("/console/?show=waiting")
    assert f"Participant {pid}<" not in waiting.text
    # north2 still waits for a person, and north1's request is now Ann's to answer.
    assert "<title>(2) Queue" in waiting.text
    assert "1 waiting for a person · <strong>1 waiting for your reply</strong>" in waiting.text
    everyone = await lee.get("/console/?show=all")
    assert "With ann@north.nhs.uk" in everyone.text
    assert "You hold no conversations." in (await lee.get("/console/?show=mine")).text
    assert "ann@north" not in (await sam.get("/console/?show=all")).text
    page = await ann.get(f"/console/participants/{pid}")
    assert "You hold this conversation" in page.text
    assert "Send to participant" in page.text
    # Another advisor cannot take it while Ann holds it.
    await lee.get(f"/console/participants/{pid}")
    taken = await lee.post(f"/console/participants/{pid}/take-over")
    assert taken.status_code == 409


async def test_a_reply_goes_to_the_participant_and_a_note_does_not(
    world: World, ann: Browser
) -> None:
    pid = world.ids["north1"]
    await ann.get(f"/console/participants/{pid}")
    assert (
        await ann.post(f"/console/participants/{pid}/reply", {"text": "Hello from Ann"})
    ).status_code == 200
    assert (
        await ann.post(f"/console/participants/{pid}/note", {"text": "Call on Friday"})
    ).status_code == 200
    sent = _sent_to(world, pid)
    assert sent[-1].body == "Hello from Ann"
    assert sent[-1].sent_by == f"advisor:{world.ids['north_advisor']}"
    assert all("Friday" not in m.body for m in sent)
    page = await ann.get(f"/console/participants/{pid}")
    assert 'class="msg advisor"' in page.text
    assert 'class="msg note"' in page.text
    assert "Call on Friday" in page.text
    stream = await ann.get(f"/console/participants/{pid}/stream?since=0")
    lines = "".join(data for name, data in events(stream.text) if name == "message")
    assert "Hello from Ann" in lines
    assert "Call on Friday" in lines
    assert [e.detail for e in world.audit("reply")] == ["ok"]


async def test_hand_back_returns_the_thread_to_the_bot(world: World, ann: Browser) -> None:
    pid = world.ids["north1"]
    await ann.get(f"/console/participants/{pid}")
    await ann.post(f"/console/participants/{pid}/take-over")
    await ann.get(f"/console/participants/{pid}")
    response = await ann.post(
        f"/console/participants/{pid}/hand-back", {"feedback": "Needed reassurance."}
    )
    assert response.status_code == 200
    page = await ann.get(f"/console/participants/{pid}")
    assert "The bot holds this conversation." in page.text
    assert "Take over from the bot" in page.text
    assert "Handed back to the bot" in page.text  # the marker in the thread
    assert f"Participant {pid}<" not in (await ann.get("/console/?show=all")).text
    again = await ann.post(f"/console/participants/{pid}/hand-back")
    assert again.status_code == 409  # she no longer holds it


async def test_a_co_reading_out_of_range_or_in_the_future_is_refused(
    world: World, ann: Browser
) -> None:
    pid = world.ids["north1"]
    await ann.get(f"/console/participants/{pid}")
    high = await ann.post(
        f"/console/participants/{pid}/co-reading",
        {"ppm": "150", "taken_at": "2026-11-23T08:00", "device": "piCO"},
    )
    assert high.status_code == 422
    future = await ann.post(
        f"/console/participants/{pid}/co-reading",
        {"ppm": "3", "taken_at": "2027-01-01T08:00", "device": "piCO"},
    )
    assert future.status_code == 422
    assert "future" in future.text


async def test_online_and_away_show_in_the_header_and_the_team(
    world: World, ann: Browser, lee: Browser
) -> None:
    page = await ann.get("/console/")
    assert "You are online." in page.text  # signing in is coming on shift
    response = await ann.post("/console/availability", {"online": "0"})
    assert "You are away." in response.text
    page = await ann.get("/console/")
    assert "You are away." in page.text
    assert "You: away, holding 0 of 5" in page.text
    team = (await lee.get("/console/")).text
    assert "ann@north.nhs.uk: away" in team
    assert "sam@south" not in team
    response = await ann.post("/console/availability", {"online": "1"})
    assert "You are online." in response.text
    team = (await lee.get("/console/")).text
    assert "ann@north.nhs.uk: <strong>online</strong>" in team
