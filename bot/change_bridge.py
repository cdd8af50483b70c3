"""The change signal across processes: what one quitbot process commits (a worker applying
messages, a second web process, the command line) wakes the console's live views in another
at once, instead of at their next slow poll.

`Changes` (bot/changes.py) tells its bridge what it was told; the bridge carries it to the
other processes on the same database, whose `listen` task hands it to their own `Changes`.
Each process hears only others' news (its own is already told in-process).

- PostgreSQL: NOTIFY on a channel (sent from a thread of its own, so a runner never waits on
  it), LISTEN in each web process; the listener reconnects by itself.
- A SQLite file: lines appended to a file beside the database (`<db>-changes`), read from
  where the listener left off every 50 ms; past 1 MB a writer moves it aside and starts a new
  one (a listener that finds a new file wakes every view once, as news may have been lost).
- SQLite in memory: no other process can share it; no bridge.

A lost message is never a lost change: the live views still look at the database every few
seconds (`bot.console.StreamTiming.poll_seconds`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import queue
import socket
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)

Change = tuple[int, int | None, bool]  # (participant, provider or None, queue moved)
Deliver = Callable[[list[Change]], None]

CHANNEL = "quitbot_changes"
FILE_LIMIT = 1_000_000  # bytes; the changes file is emptied past this
FILE_POLL = 0.05  # seconds between looks at the changes file
IDLE_CLOSE = 5.0  # seconds; a NOTIFY connection with nothing to send closes
PAYLOAD_LIMIT = 7000  # bytes; PostgreSQL refuses a NOTIFY payload of 8000 or more
EVERYONE: Change = (0, None, True)  # news was lost: every view looks again


def encode(origin: str, changes: Iterable[Change]) -> list[str]:
    """Lines of "origin participant provider queue", in payloads small enough to NOTIFY."""
    payloads: list[str] = []
    lines: list[str] = []
    size = 0
    for participant, provider, moved in changes:
        line = f"{origin} {participant} {'' if provider is None else provider} {int(moved)}"
        if lines and size + len(line) + 1 > PAYLOAD_LIMIT:
            payloads.append("\n".join(lines))
            lines, size = [], 0
        lines.append(line)
        size += len(line) + 1
    if lines:
        payloads.append("\n".join(lines))
    return payloads


def decode(text: str, origin: str) -> list[Change]:
    """The changes in `text` told by processes other than `origin` (bad lines are skipped)."""
    found: list[Change] = []
    for line in text.splitlines():
        parts = line.split(" ")
        if len(parts) != 4 or parts[0] == origin:
            continue
        who, provider, moved = parts[1], parts[2], parts[3]
        if not who.isdigit() or (provider and not provider.isdigit()) or moved not in ("0", "1"):
            continue
        found.append((int(who), int(provider) if provider else None, moved == "1"))
    return found


def origin_of(pid: int) -> str:
    """The name a process's lines carry: its host and process id (two servers may share a
    PostgreSQL database from two machines)."""
    return f"{''.join(socket.gethostname().split()) or 'host'}.{pid}"


class Bridge:
    """Carries changes between processes (see the module's docstring)."""

    def __init__(self) -> None:
        # `quitbot serve`'s worker takes its web process's name (bot/worker.py): that process
        # hears the worker over their own link, so it skips the worker's lines too.
        self.origin = origin_of(os.getpid())

    def publish(self, changes: list[Change]) -> None:
        """Tell the other processes (never blocks on the network)."""

    async def listen(self, deliver: Deliver) -> None:
        """Hand the other processes' changes to `deliver`, until cancelled."""
        await asyncio.Event().wait()

    def close(self) -> None:
        """Stop sending."""


class FileBridge(Bridge):
    """Between processes on one SQLite file: a file of lines beside it."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def publish(self, changes: list[Change]) -> None:
        data = "".join(p + "\n" for p in encode(self.origin, changes)).encode()
        if not data:
            return
        try:
            handle = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(handle, data)  # one append: lines from two processes never mix
                full = os.fstat(handle).st_size > FILE_LIMIT
            finally:
                os.close(handle)
            if full:  # start a new file; listeners see another file and look again at all
                os.replace(self.path, self.path.with_name(self.path.name + ".old"))
        except OSError as error:  # the views' slow poll will find it
            log.warning("change signal: could not write %s (%s)", self.path, error)

    async def listen(self, deliver: Deliver) -> None:
        file, offset = self._look()
        partial = b""
        while True:
            await asyncio.sleep(FILE_POLL)
            now_file, size = self._look()
            if now_file != file:  # a new file: what went to the old one since may be lost
                file, offset, partial = now_file, 0, b""
                deliver([EVERYONE])
            if size <= offset:
                continue
            try:
                with self.path.open("rb") as handle:
                    if os.fstat(handle.fileno()).st_ino != file:
                        continue  # replaced meanwhile: the next look starts the new one
                    handle.seek(offset)
                    chunk = handle.read(size - offset)
            except OSError:
                continue
            offset += len(chunk)
            data = partial + chunk
            cut = data.rfind(b"\n") + 1
            data, partial = data[:cut], data[cut:]
            found = decode(data.decode(errors="replace"), self.origin)
            if found:
                deliver(found)

    def _look(self) -> tuple[int, int]:
        """(the file's inode, its size); (0, 0) while there is none."""
        try:
            found = self.path.stat()
        except OSError:
            return 0, 0
        return found.st_ino, found.st_size


class PostgresBridge(Bridge):
    """Between processes on one PostgreSQL database: NOTIFY and LISTEN. Processes whose URL
    sets other connection options (another schema on its search path) use another channel:
    their participants are other people."""

    def __init__(self, dsn: str, options: str = "") -> None:
        super().__init__()
        self.dsn = dsn
        suffix = hashlib.sha256(options.encode()).hexdigest()[:12] if options else ""
        self.channel = f"{CHANNEL}_{suffix}" if suffix else CHANNEL
        self._outbox: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._sender: threading.Thread | None = None
        self._lock = threading.Lock()

    def publish(self, changes: list[Change]) -> None:
        for payload in encode(self.origin, changes):
            self._outbox.put(payload)
        with self._lock:
            if self._sender is None or not self._sender.is_alive():
                self._sender = threading.Thread(
                    target=self._send, name="change-notify", daemon=True
                )
                self._sender.start()

    def close(self) -> None:
        self._outbox.put(None)

    def _send(self) -> None:
        """Send what is queued; after `IDLE_CLOSE` seconds with nothing to send, close the
        connection and end (the next `publish` starts another)."""
        import psycopg

        connection: psycopg.Connection[object] | None = None
        try:
            while True:
                try:
                    payload = self._outbox.get(timeout=IDLE_CLOSE)
                except queue.Empty:
                    with self._lock:
                        if self._outbox.empty():
                            self._sender = None
                            return
                    continue
                if payload is None:
                    return
                try:
                    if connection is None or connection.closed:
                        connection = psycopg.connect(self.dsn, autocommit=True)
                    connection.execute("SELECT pg_notify(%s, %s)", (self.channel, payload))
                except Exception as error:  # the views' slow poll will find it
                    log.warning("change signal: NOTIFY failed (%s)", type(error).__name__)
                    connection = None
        finally:
            if connection is not None:
                connection.close()

    async def listen(self, deliver: Deliver) -> None:
        import psycopg

        pause = 0.5
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(
                    self.dsn, autocommit=True
                ) as connection:
                    await connection.execute(f"LISTEN {self.channel}")
                    deliver([EVERYONE])  # (re)connected: anything meanwhile is unknown
                    pause = 0.5
                    async for note in connection.notifies():
                        found = decode(note.payload, self.origin)
                        if found:
                            deliver(found)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.warning("change signal: LISTEN lost (%s); again shortly", type(error).__name__)
            await asyncio.sleep(pause)
            pause = min(pause * 2, 10.0)


def bridge_for(database_url: str) -> Bridge | None:
    """The bridge for this database, or None where no other process can share it."""
    url = make_url(database_url)
    backend = url.get_backend_name()
    if backend == "postgresql":
        dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
        return PostgresBridge(dsn, str(url.query.get("options", "")))
    if backend == "sqlite":
        database = url.database or ""
        if not database or database == ":memory:" or database.startswith("file:"):
            return None
        return FileBridge(Path(f"{database}-changes"))
    return None


async def run_listener(bridge: Bridge | None, deliver: Deliver) -> None:
    """The listener task (nothing to do without a bridge)."""
    if bridge is None:
        return
    with contextlib.suppress(asyncio.CancelledError):
        await bridge.listen(deliver)
