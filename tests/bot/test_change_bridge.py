"""The change signal across processes: a message applied by one quitbot process (a worker, a
second server) wakes the console's live views in another on the same database at once, not
at their next slow poll; each process hears only the others' news; a garbled or lost signal
costs nothing but a look at the database."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlmodel import Session

from bot import change_bridge
from bot.change_bridge import (
    EVERYONE,
    FileBridge,
    bridge_for,
    decode,
    encode,
    origin_of,
    run_listener,
)
from bot.changes import Changes, participant
from bot.channels.base import InboundMessage
from flows import Channel
from scheduler import ManualClock
from storage import make_engine, participants
from tests.bot.helpers import services_for


async def _until(check, seconds: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds / 0.02)):
        if check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("not heard")


async def test_a_message_applied_in_one_process_wakes_the_live_views_of_another(
    engine, db_url: str, clock: ManualClock
) -> None:  # type: ignore[no-untyped-def]
    worker, _ = services_for(engine, clock)  # applies messages (another process in production)
    web_engine = make_engine(db_url)
    web, _ = services_for(web_engine, clock)  # serves the console
    assert worker.changes.bridge is not None and web.changes.bridge is not None
    web.changes.bridge.origin = "web-process"  # two processes (here, one: named apart)
    worker.runner.receive_now(InboundMessage(channel=Channel.WEB, address="a", text="hi"))
    with Session(engine) as session:
        pid = participants.find_by_address(session=session, channel="web", address="a")
    assert pid is not None

    listeners = [
        asyncio.create_task(run_listener(s.changes.bridge, s.changes.heard)) for s in (web, worker)
    ]
    try:
        # The web process's listener is ready once it hears news (it connects, or finds
        # the file's end, in the background).
        for _ in range(500):
            worker.changes.bridge.publish([(pid, None, False)])
            await asyncio.sleep(0.02)
            if web.changes.seen(participant(pid)) > 0:
                break
        await asyncio.sleep(0.2)  # the last pings heard too
        heard_before = web.changes.seen(participant(pid))
        told_before = worker.changes.seen(participant(pid))

        # The person writes again: the worker applies it; a view waiting in the web process
        # wakes (its slow poll would be 30 s away).
        waiting = asyncio.create_task(
            web.changes.wait(participant(pid), seen=heard_before, seconds=30)
        )
        await asyncio.sleep(0.05)
        worker.runner.receive_now(InboundMessage(channel=Channel.WEB, address="a", text="ADVISOR"))
        assert await asyncio.wait_for(waiting, 15) > heard_before

        # The worker is not told its own news twice (once in-process, never from the bridge).
        await asyncio.sleep(0.3)
        assert worker.changes.seen(participant(pid)) == told_before + 1
    finally:
        for task in listeners:
            task.cancel()
        await asyncio.gather(*listeners, return_exceptions=True)
        for s in (web, worker):
            if s.changes.bridge is not None:
                s.changes.bridge.close()
        web_engine.dispose()


async def test_an_emptied_changes_file_wakes_every_view_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(change_bridge, "FILE_LIMIT", 200)
    path = tmp_path / "quitbot.db-changes"
    writer, reader = FileBridge(path), FileBridge(path)
    reader.origin = "another-process"
    heard: list[list[tuple[int, int | None, bool]]] = []
    listening = asyncio.create_task(reader.listen(heard.append))
    try:
        await asyncio.sleep(0.1)
        writer.publish([(7, 2, True)])
        await _until(lambda: [(7, 2, True)] in heard)
        writer.publish([(n, 2, True) for n in range(40)])  # past the limit: the file empties
        writer.publish([(8, 2, False)])
        await _until(lambda: [EVERYONE] in heard)
        await _until(lambda: [(8, 2, False)] in heard)
    finally:
        listening.cancel()
        await asyncio.gather(listening, return_exceptions=True)


def test_the_signal_is_read_strictly() -> None:
    """A garbled line is skipped, never an error: the views' slow poll covers it."""
    text = "\n".join(
        [
            "x 12 3 1",
            "x 13  0",
            "other 14 3 1",
            "x 1e9 3 1",
            "x 15 3 2",
            "x",
            "x 16 -1 1",
            "",
            "x 17 4 0 extra",
        ]
    )
    assert decode(text, origin="other") == [(12, 3, True), (13, None, False)]
    payloads = encode("me", [(n, n % 3 or None, n % 2 == 0) for n in range(2000)])
    assert len(payloads) > 1 and all(len(p) < 8000 for p in payloads)
    assert sum(len(decode(p, "you")) for p in payloads) == 2000


def test_only_a_database_another_process_can_share_has_a_bridge(tmp_path: Path) -> None:
    assert bridge_for("sqlite://") is None
    assert bridge_for("sqlite:///:memory:") is None
    found = bridge_for(f"sqlite:///{tmp_path}/q.db")
    assert isinstance(found, FileBridge) and found.path == tmp_path / "q.db-changes"
    one = bridge_for("postgresql+psycopg://u:secret@db/quitbot?options=-csearch_path%3Da")
    two = bridge_for("postgresql+psycopg://u:secret@db/quitbot?options=-csearch_path%3Db")
    assert one is not None and two is not None
    assert one.channel != two.channel  # type: ignore[attr-defined]
    assert "secret" in one.dsn and one.dsn.startswith("postgresql://")  # type: ignore[attr-defined]
    assert Changes().bridge is None


async def test_serves_worker_speaks_for_its_web_process_on_the_bridge(tmp_path: Path) -> None:
    """`quitbot serve`'s web process hears its worker over their own link: the worker's lines
    on the bridge carry the web process's name, so that process skips them while another
    server still hears them."""
    path = tmp_path / "quitbot.db-changes"
    web, worker, other_server = FileBridge(path), FileBridge(path), FileBridge(path)
    web.origin, other_server.origin = origin_of(101), origin_of(202)  # three processes
    worker.origin = web.origin  # what bot/worker.py does (the web process is its parent)
    heard_by_web: list[list[tuple[int, int | None, bool]]] = []
    heard_elsewhere: list[list[tuple[int, int | None, bool]]] = []
    listening = [
        asyncio.create_task(web.listen(heard_by_web.append)),
        asyncio.create_task(other_server.listen(heard_elsewhere.append)),
    ]
    try:
        await asyncio.sleep(0.1)
        worker.publish([(5, 1, True)])
        await _until(lambda: [(5, 1, True)] in heard_elsewhere)
        await asyncio.sleep(0.2)
        assert [(5, 1, True)] not in heard_by_web
    finally:
        for task in listening:
            task.cancel()
        await asyncio.gather(*listening, return_exceptions=True)
