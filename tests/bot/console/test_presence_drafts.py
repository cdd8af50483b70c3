"""Two things an advisor notices when they step away: closing the browser takes them out of
the team's "online" count (they chose online, but nobody is there), and a reply or note
written as their session ran out is kept for them, never sent, and back in the box once they
have signed in again."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlmodel import Session, col, select

from storage.console_tables import ConsoleDraft, ConsoleSession
from storage.tables import Advisor, MessageRow
from tests.bot.console.world import HX, Browser, World, events
from tests.live import quitbot


def _team_line(page: str, who: str) -> str:
    line = next(li for li in page.split("<li>") if li.startswith(who))
    return unescape(line.split("</li>")[0])


def _stored(world: World, text: str) -> list[MessageRow]:
    with Session(world.engine) as session:
        return list(session.exec(select(MessageRow).where(col(MessageRow.body) == text)))


def _drafts(world: World) -> list[ConsoleDraft]:
    with Session(world.engine) as session:
        return list(session.exec(select(ConsoleDraft)))


def _composer(page: str) -> str:
    return unescape(page.split('id="composer-text"')[1].split(">", 1)[1].split("</textarea>")[0])


# --- online means someone is there -----------------------------------------------------------


async def test_closing_the_console_takes_an_advisor_out_of_the_online_count(
    world: World, ann: Browser, lee: Browser
) -> None:
    queue = (await lee.get("/console/")).text
    assert "ann@north.nhs.uk: <strong>online</strong>" in queue
    assert "2 of 2 online" in queue

    # Ann keeps a live page open (its stream marks her present): she stays online.
    world.clock.advance(timedelta(minutes=2))
    assert (await ann.get("/console/stream")).status_code == 200
    world.clock.advance(timedelta(minutes=2))
    assert "ann@north.nhs.uk: <strong>online</strong>" in (await lee.get("/console/")).text

    # She closes the browser (no page, no stream): three minutes on she counts for nothing,
    # though she never pressed Away and her session has not run out.
    world.clock.advance(timedelta(minutes=3, seconds=1))
    queue = (await lee.get("/console/")).text
    assert _team_line(queue, "ann@north.nhs.uk") == (
        "ann@north.nhs.uk: away (no console open), holding 0 of 5"
    )
    assert "1 of 2 online" in queue

    # Back at the console: online again, without pressing anything.
    assert (await ann.get("/console/stream")).status_code == 200
    assert "ann@north.nhs.uk: <strong>online</strong>" in (await lee.get("/console/")).text


async def test_a_page_with_no_live_view_of_its_own_keeps_the_advisor_counted(
    world: World, ann: Browser, lee: Browser
) -> None:
    """Reading the canned replies (or the ledger) for ten minutes is being at the console."""
    canned = (await ann.get("/console/canned")).text
    assert 'sse-connect="/console/presence"' in canned
    queue = (await ann.get("/console/")).text
    assert 'sse-connect="/console/presence"' not in queue  # its own stream counts already
    for _ in range(5):
        world.clock.advance(timedelta(minutes=2))
        presence = await ann.get("/console/presence")  # the page's stream, reconnecting
        assert presence.status_code == 200
        assert "ann@north.nhs.uk: <strong>online</strong>" in (await lee.get("/console/")).text
    assert world.audit("view_canned") and not world.audit("presence")
    world.clock.advance(timedelta(minutes=31))
    assert (await ann.get("/console/presence")).status_code == 401  # signed out: no presence


async def test_an_advisor_who_chose_away_stays_away_with_the_console_open(
    world: World, ann: Browser, lee: Browser
) -> None:
    assert "You are away." in (await ann.post("/console/availability", {"online": "0"})).text
    assert (await ann.get("/console/stream")).status_code == 200
    assert _team_line((await lee.get("/console/")).text, "ann@north.nhs.uk").startswith(
        "ann@north.nhs.uk: away, holding"
    )


def test_the_advisor_list_says_who_is_online_with_no_console_open(
    world: World, db_url: str, tmp_path: Path
) -> None:
    """The operator's list at 3 a.m.: "online" only for an advisor with a console page open
    (the command reads the real clock, so the sessions are stamped with it here)."""
    now = datetime.now(UTC)
    with Session(world.engine) as session:
        for who, present in (("north_advisor", now), ("north_lead", now - timedelta(minutes=10))):
            session.add(
                ConsoleSession(
                    token_hash=f"{who:x<64}"[:64],
                    advisor_id=world.ids[who],
                    created_at=now - timedelta(minutes=20),
                    last_seen_at=now - timedelta(minutes=10),
                    present_at=present,
                )
            )
        session.exec(update(Advisor).values(online=True))  # both chose online
        session.commit()
    listed = quitbot(
        "advisor",
        "list",
        "--provider",
        "North",
        cwd=tmp_path,
        env={"QUITBOT_DATABASE_URL": db_url},
    )
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        "ann@north.nhs.uk\tNorth\tadvisor\tonline",
        "lee@north.nhs.uk\tNorth\tlead\tonline, no console open",
    ]


# --- what they were writing is kept ----------------------------------------------------------


async def test_a_reply_written_as_the_session_ran_out_is_kept_not_sent_and_back_after_sign_in(
    world: World, ann: Browser
) -> None:
    pid = world.ids["north1"]
    await ann.get(f"/console/participants/{pid}")
    assert (await ann.post(f"/console/participants/{pid}/take-over")).status_code == 200
    page = await ann.get(f"/console/participants/{pid}")
    assert "You hold this conversation" in page.text

    # Ann writes a long reply; 31 minutes pass before she presses Send.
    text = "Sorry for the wait. Nights are hard: shall we plan your break-time cravings?"
    world.clock.advance(timedelta(minutes=31))
    sent = await ann.post(f"/console/participants/{pid}/reply", {"text": text})
    assert sent.status_code == 401
    assert sent.headers["hx-redirect"] == "/console/login?kept=1"
    assert _stored(world, text) == []  # nothing went to the participant
    assert [(d.kind, d.body) for d in _drafts(world)] == [("reply", text)]
    assert world.audit("draft_kept")[-1].participant_id == pid

    login = await ann.get("/console/login?kept=1")
    assert "Nothing was sent: what you wrote is kept" in login.text
    signed_in = await ann.post(
        "/console/login", {"email": "ann@north.nhs.uk", "password": "a long passphrase for tests"}
    )
    assert signed_in.status_code == 204
    assert signed_in.headers["hx-redirect"] == f"/console/participants/{pid}"  # back to them

    page = await ann.get(f"/console/participants/{pid}")
    assert _composer(page.text) == text
    assert "this reply was not sent" in page.text
    # Looking is not sending: a reload (or taking over first) still has it in the box.
    assert _composer((await ann.get(f"/console/participants/{pid}")).text) == text

    # Sending it now sends it, once, and the kept copy has served.
    sent = await ann.post(f"/console/participants/{pid}/reply", {"text": text})
    assert sent.status_code == 200
    assert len(_stored(world, text)) == 1
    assert _drafts(world) == []
    assert _composer((await ann.get(f"/console/participants/{pid}")).text) == ""


async def test_a_kept_reply_survives_taking_the_conversation_back_first(
    world: World, ann: Browser
) -> None:
    """The hold usually runs out with the session (both 30 idle minutes): back at the page the
    bot holds the conversation, the composer is a note, and the banner says which button
    sends the kept reply; taking over first (the page reloads) keeps it."""
    pid = world.ids["north1"]
    await ann.get(f"/console/participants/{pid}")
    await ann.post(f"/console/participants/{pid}/take-over")
    world.clock.advance(timedelta(minutes=31))
    await world.services.handover.end_idle_leases()  # the hold has run out too
    text = "Are you on shift tonight? Let's plan your first break."
    await ann.post(f"/console/participants/{pid}/reply", {"text": text})
    await ann.login("ann@north.nhs.uk")
    page = (await ann.get(f"/console/participants/{pid}")).text
    assert "holds this conversation" in page and "You hold" not in page
    assert "“Send to participant (takes over)”" in unescape(page)
    assert (await ann.post(f"/console/participants/{pid}/take-over")).status_code == 200
    page = (await ann.get(f"/console/participants/{pid}")).text
    assert _composer(page) == text
    assert "“Send to participant”" in unescape(page)


async def test_a_note_is_kept_after_twelve_hours_too(world: World, ann: Browser) -> None:
    pid = world.ids["north2"]
    await ann.get(f"/console/participants/{pid}")
    for _ in range(36):  # busy all shift: every 20 minutes for 12 hours
        world.clock.advance(timedelta(minutes=20))
        await ann.get("/console/")
    note = await ann.post(f"/console/participants/{pid}/note", {"text": "Called GP surgery."})
    assert note.headers.get("hx-redirect") == "/console/login?kept=1"
    assert [(d.kind, d.body) for d in _drafts(world)] == [("note", "Called GP surgery.")]


async def test_nothing_is_kept_for_a_forged_form_a_signed_out_session_or_another_providers_person(
    world: World, ann: Browser, sam: Browser
) -> None:
    north1, south1 = world.ids["north1"], world.ids["south1"]
    await ann.get(f"/console/participants/{north1}")
    await sam.get(f"/console/participants/{south1}")
    assert (await sam.post("/console/logout")).status_code in (200, 204, 303)
    world.clock.advance(timedelta(minutes=31))

    # A form without the page's token, or from another site, keeps nothing.
    forged = await ann.post(f"/console/participants/{north1}/note", {"text": "x", "csrf": "wrong"})
    assert forged.headers.get("hx-redirect") == "/console/login"
    other_site = await ann.post(
        f"/console/participants/{north1}/note",
        {"text": "x"},
        headers={**HX, "origin": "https://elsewhere.example"},
    )
    assert other_site.headers.get("hx-redirect") == "/console/login"
    # Another provider's person: nothing kept, and the answer says nothing of them.
    other = await ann.post(f"/console/participants/{south1}/note", {"text": "x"})
    assert other.headers.get("hx-redirect") == "/console/login"
    assert _drafts(world) == []

    # A session its advisor signed out of keeps nothing either.
    late = await sam.post(f"/console/participants/{south1}/note", {"text": "after logout"})
    assert late.headers.get("hx-redirect") == "/console/login"
    assert _drafts(world) == []


async def test_a_kept_draft_is_only_ever_its_own_advisors(
    world: World, ann: Browser, lee: Browser
) -> None:
    pid = world.ids["north1"]
    await ann.get(f"/console/participants/{pid}")
    world.clock.advance(timedelta(minutes=31))
    await lee.get("/console/")  # Lee stays active
    await ann.post(f"/console/participants/{pid}/note", {"text": "Ann's half-written note"})
    assert len(_drafts(world)) == 1
    page = await lee.get(f"/console/participants/{pid}")
    assert "Ann's half-written note" not in unescape(page.text)
    assert len(_drafts(world)) == 1  # still waiting for Ann


# --- odd input from outside gets a clear answer, never a 500 ------------------------------------


async def test_a_nul_character_in_a_form_is_dropped_not_a_server_error(
    world: World, ann: Browser
) -> None:
    stranger = world.client(address="10.0.9.9")
    await stranger.get("/console/login")
    refused = await stranger.post(
        "/console/login", {"email": "ann@north.nhs.uk\x00", "password": "wrong\x00"}
    )
    assert refused.status_code == 401  # PostgreSQL refuses NUL in text: never a 500
    pid = world.ids["north1"]
    await ann.get(f"/console/participants/{pid}")
    saved = await ann.post(f"/console/participants/{pid}/note", {"text": "rang\x00 her"})
    assert saved.status_code == 200
    assert "rang her" in (await ann.get(f"/console/participants/{pid}")).text


async def test_a_transcript_cursor_from_the_future_is_read_as_now_not_a_crash(
    world: World, ann: Browser, caplog: pytest.LogCaptureFixture
) -> None:
    pid = world.ids["north1"]
    with caplog.at_level(logging.WARNING):
        for since in ("99999999999999999999", str(10**19)):
            response = await ann.get(f"/console/participants/{pid}/stream?since={since}")
            assert response.status_code == 200
            assert [name for name, _ in events(response.text)][:2] == ["hello", "title"]
        response = await ann.get(
            f"/console/participants/{pid}/stream", headers={"last-event-id": "9" * 20}
        )
        assert response.status_code == 200
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
