"""The worker: the background half of `quitbot serve`, in a process of its own.

    quitbot serve (web process)                      quitbot serve --worker (its child)
    ─ checks signatures, journals, answers   ─j──►   ─ applies the journal (the flows)
    ─ web chat, console, health              ─d──►   ─ sends the outbox (the dispatcher)
    ─ restarts the worker if it dies         ◄─c──   ─ the ticker: wake-ups, leases, ledger

The web process answers a webhook once its message is in the journal; everything that costs
CPU after that happens here, at a lower priority (`nice`), so acknowledgements win the CPU.
The two talk over a socket pair, one letter a line: `j` something was journaled, `d` something
was queued to send (both only wake the loops sooner: the journal and the outbox are in the
database, and the loops look there every half second anyway), and `c` lines back with the
conversations the worker changed, so the console's live views in the web process update at once.

Nothing is lost when either dies: a webhook is answered only after its journal row is
committed, and the worker's work is transactions on the database. A worker that dies is started
again by the web process; the web process that dies takes its worker with it (the worker sees
its link close, and the kernel ends it if the web process was killed).

`QUITBOT_WORKERS=0` keeps everything in one process (`background` inside the web process).
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import gc
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable, Collection, Iterable
from datetime import timedelta

from bot.change_bridge import origin_of
from bot.housekeeping import IdleWebChats
from bot.ledger import LedgerJob
from bot.services import Services
from flows.milestones import Definition
from scheduler.ticker import Ticker
from storage import unavailable

log = logging.getLogger(__name__)

TICK_SECONDS = 5.0
NICE = 10  # the worker's niceness: webhooks are answered first
# With several workers each is at this niceness: side by side at 10 they took the web process's
# CPU (acknowledgements fell from 53% of the bare ceiling to 46%; at 19, 46-52%: bench/README.md).
NICE_SHARED = 19
RESTART_AFTER = (0.5, 1.0, 2.0, 5.0, 10.0)  # seconds before a restart, growing while it dies
STEADY = 30.0  # a worker that ran this long had no start-up fault: the next restart is quick
STOP_WITHIN = 10.0  # seconds a stopping worker has to finish what it holds
JOURNALED, QUEUED, CHANGED, READY = b"j", b"d", b"c", b"r"
READY_WITHIN = 120.0  # seconds serve waits at start for its worker to be ready
PR_SET_PDEATHSIG = 1


# -- the background work, in whichever process runs it ------------------------------------------


@contextlib.asynccontextmanager
async def background(
    services: Services, *, tick_seconds: float = TICK_SECONDS
) -> AsyncIterator[None]:
    """Run the journal's processor, the dispatcher and the ticker while inside."""
    dispatch = asyncio.create_task(services.dispatcher.run(), name="dispatcher")
    # Messages journaled and not yet applied (a previous run died) are applied first.
    ingress = asyncio.create_task(services.ingress.run(), name="inbound journal")
    idle_chats = IdleWebChats(
        engine=services.engine,
        clock=services.clock,
        idle=timedelta(hours=services.settings.web_idle_hours),
    )
    ledger_job = LedgerJob(
        engine=services.engine,
        clock=services.clock,
        definition=Definition(twelve_week_window=services.settings.twelve_week_window),
        zone=services.settings.timezone,
    )
    ticker = Ticker(_tick(services, idle_chats, ledger_job), seconds=tick_seconds)
    ticker.start()
    await asyncio.sleep(0)
    services.dispatcher.kick()  # anything left queued by a previous run goes now
    try:
        yield
    finally:
        ticker.stop()
        for task in (ingress, dispatch):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


def _tick(services: Services, idle_chats: IdleWebChats, ledger_job: LedgerJob):  # type: ignore[no-untyped-def]
    async def tick() -> None:
        try:
            await services.runner.fire_due()  # wake-ups that came due become replies ...
            await services.handover.end_idle_leases()  # idle advisors' holds go back
            services.dispatcher.kick()  # ... and replies (new, or due a retry) are sent
            await idle_chats.tick()  # every few minutes: forget web visitors who never consented
            await ledger_job.tick()  # every few minutes: milestones reached go in the ledger
        except Exception as error:
            if not unavailable(error):
                raise  # the ticker logs it in full
            log.warning("tick skipped: the database is unavailable (%s)", type(error).__name__)

    return tick


# -- the web process's side: start, watch and restart the worker ----------------------------


class WorkerLink:
    """The web process's end: starts the worker, restarts it when it dies, tells it when
    something was journaled or queued, and hears which conversations it changed."""

    def __init__(
        self,
        command: list[str],
        *,
        on_changes: Callable[[list[tuple[int, int | None, bool]]], None] | None = None,
    ) -> None:
        self._command = command
        self.on_changes = on_changes
        self._loop: asyncio.AbstractEventLoop | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._pending: set[bytes] = set()
        self._supervisor: asyncio.Task[None] | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._early: tuple[subprocess.Popen[bytes], socket.socket] | None = None
        self._stopping = False
        self._ready = asyncio.Event()
        self.starts = 0  # how many times a worker was started (the first included)

    @property
    def pid(self) -> int | None:
        """The running worker's process id."""
        process = self._process
        return process.pid if process is not None and process.poll() is None else None

    def journaled(self) -> None:
        """Something was journaled: the worker's processor looks now."""
        self._say(JOURNALED)

    def queued(self, channels: Collection[str] | None = None) -> None:
        """Something was queued to send (on `channels`): the worker's dispatcher looks now
        (every channel's loop: the link says no more)."""
        self._say(QUEUED)

    def _say(self, what: bytes) -> None:
        loop = self._loop
        if loop is None:
            return
        if threading.get_ident() != getattr(self, "_loop_thread", None):
            with contextlib.suppress(RuntimeError):  # a loop that closed: nobody to tell
                loop.call_soon_threadsafe(self._say, what)
            return
        if not self._pending:
            loop.call_soon(self._send)  # one write for every kick of this turn of the loop
        self._pending.add(what)

    def _send(self) -> None:
        said, self._pending = self._pending, set()
        writer = self._writer
        if writer is None or writer.is_closing():
            return  # no worker now: the next one looks at the database when it starts
        writer.write(b"".join(what + b"\n" for what in sorted(said)))

    async def start(self) -> None:
        """Start the worker and keep it running (call inside the running loop); returns once
        it is ready (its nets loaded, its loops running), so that a server that says it is
        ready answers the web chat at once (READY_WITHIN at most)."""
        self._loop = asyncio.get_running_loop()
        self._loop_thread = threading.get_ident()
        self._ready = asyncio.Event()
        self._supervisor = asyncio.create_task(self._supervise(), name="worker supervisor")
        try:
            await asyncio.wait_for(self._ready.wait(), READY_WITHIN)
        except TimeoutError:
            log.warning("the worker is not ready after %g s; serving anyway", READY_WITHIN)

    async def stop(self) -> None:
        """Stop the worker: its link closes and it is asked to stop, killed if it lingers."""
        self._stopping = True
        process = self._process
        if self._writer is not None:
            self._writer.close()
        if process is not None and process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(asyncio.to_thread(process.wait), STOP_WITHIN)
            except TimeoutError:
                log.warning("worker %d did not stop within %g s; killed", process.pid, STOP_WITHIN)
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                await asyncio.to_thread(process.wait)
        if self._supervisor is not None:
            self._supervisor.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._supervisor

    def spawn(self) -> None:
        """Start the worker process now, before the event loop runs: it loads (the safety
        screen's nets take seconds) while this process makes its own start."""
        if self._early is None:
            self._early = self._popen()

    def discard(self) -> None:
        """End a worker spawned early that was never taken on (the server did not start)."""
        if self._early is not None:
            process, ours = self._early
            self._early = None
            ours.close()
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            process.wait()

    def _popen(self) -> tuple[subprocess.Popen[bytes], socket.socket]:
        ours, theirs = socket.socketpair()
        try:
            process = subprocess.Popen(
                [*self._command, "--link-fd", str(theirs.fileno())],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
            )
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        return process, ours

    async def _supervise(self) -> None:
        failures = 0
        while not self._stopping:
            began = time.monotonic()
            try:
                code = await self._run_once()
            except OSError as error:  # could not start it at all
                log.error("could not start the worker: %s", error)
                code = None
            if self._stopping:
                return
            if time.monotonic() - began > STEADY:
                failures = 0
            pause = RESTART_AFTER[min(failures, len(RESTART_AFTER) - 1)]
            failures += 1
            log.warning(
                "the worker stopped (exit %s); starting it again in %g s "
                "(webhooks are still answered; their messages wait in the journal)",
                code,
                pause,
            )
            await asyncio.sleep(pause)

    async def _run_once(self) -> int | None:
        process, ours = self._early or self._popen()
        self._early = None
        self._process = process
        self.starts += 1
        reader, self._writer = await asyncio.open_unix_connection(sock=ours)
        self._writer.write(JOURNALED + b"\n" + QUEUED + b"\n")  # whatever waits, now
        listening = asyncio.create_task(self._listen(reader), name="worker link")
        try:
            return await asyncio.to_thread(process.wait)
        finally:
            listening.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await listening
            self._writer.close()
            self._writer = None

    async def _listen(self, reader: asyncio.StreamReader) -> None:
        try:
            while line := await reader.readline():
                if line.startswith(READY):
                    self._ready.set()
                elif line.startswith(CHANGED) and self.on_changes is not None:
                    try:
                        self.on_changes(list(_changes_from(line[1:])))
                    except Exception:
                        log.exception("passing on the worker's changes failed")
        except (OSError, ValueError):  # the worker died (its exit is what says why)
            return


class Workers:
    """`count` workers (each a WorkerLink), started, told and stopped together."""

    def __init__(self, command: list[str], count: int = 1) -> None:
        self.links = [WorkerLink(command) for _ in range(count)]

    @property
    def on_changes(self) -> Callable[[list[tuple[int, int | None, bool]]], None] | None:
        return self.links[0].on_changes if self.links else None

    @on_changes.setter
    def on_changes(self, hear: Callable[[list[tuple[int, int | None, bool]]], None]) -> None:
        for link in self.links:
            link.on_changes = hear

    @property
    def pids(self) -> list[int]:
        """The running workers' process ids."""
        return [pid for link in self.links if (pid := link.pid) is not None]

    def journaled(self) -> None:
        for link in self.links:
            link.journaled()

    def queued(self, channels: Collection[str] | None = None) -> None:
        for link in self.links:
            link.queued()

    def spawn(self) -> None:
        for link in self.links:
            link.spawn()

    def discard(self) -> None:
        for link in self.links:
            link.discard()

    async def start(self) -> None:
        await asyncio.gather(*(link.start() for link in self.links))

    async def stop(self) -> None:
        await asyncio.gather(*(link.stop() for link in self.links))


def _changes_to(changes: Iterable[tuple[int, int | None, bool]]) -> bytes:
    parts = [
        f"{pid}:{'' if provider is None else provider}:{int(queue)}"
        for pid, provider, queue in changes
    ]
    return CHANGED + " ".join(parts).encode() + b"\n"


def _changes_from(text: bytes) -> Iterable[tuple[int, int | None, bool]]:
    for part in text.decode().split():
        pid, provider, queue = part.split(":")
        yield int(pid), int(provider) if provider else None, queue == "1"


def command() -> list[str]:
    """How the web process starts a worker: this interpreter, `quitbot serve --worker`."""
    return [sys.executable, "-m", "bot", "serve", "--worker"]


# -- the worker process ---------------------------------------------------------------------


def run(services: Services, link_fd: int) -> int:
    """The worker's main: background work until the web process closes the link (or a
    SIGTERM); returns the exit status."""
    _die_with_parent()
    # Its threads (a group being applied, a claim, sends being recorded) and the event loop
    # (the sends) take turns with the interpreter: every 0.5 ms, not every 5, so a thread
    # back from a database round trip does not wait behind another's Python for long (at
    # half load a claim of a few replies took 7-20 ms, most of it waiting for its turn).
    sys.setswitchinterval(0.0005)
    return asyncio.run(_work(services, link_fd))


async def _work(services: Services, link_fd: int) -> int:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    link = socket.socket(fileno=link_fd)
    reader, writer = await asyncio.open_unix_connection(sock=link)

    def tell(changes: list[tuple[int, int | None, bool]]) -> None:
        if changes:
            loop.call_soon_threadsafe(_write, writer, _changes_to(changes))

    services.changes.relay = tell
    if services.changes.bridge is not None:  # the web process hears this worker through `tell`
        services.changes.bridge.origin = origin_of(os.getppid())
    if services.telegram is not None:
        try:
            await services.telegram.initialize()
        except Exception as error:
            log.warning("Telegram: could not reach the Bot API at start (%s)", error)

    async def listen() -> None:
        try:
            while line := await reader.readline():
                if line.startswith(JOURNALED):
                    services.ingress.kick()
                elif line.startswith(QUEUED):
                    services.dispatcher.kick()
        except (OSError, ValueError):
            pass
        stop.set()  # the web process has gone: so does its worker

    async with background(services):
        gc.freeze()  # what start-up made lives as long as the process: the collector skips it
        # Started at full speed; from now on webhooks' answers come first.
        _lower_priority(NICE if services.settings.workers <= 1 else NICE_SHARED)
        writer.write(READY + b"\n")
        listening = asyncio.create_task(listen(), name="link")
        await stop.wait()
        listening.cancel()
    writer.close()
    for closer in services.closers:
        with contextlib.suppress(Exception):
            await closer.aclose()
    if services.telegram is not None:
        with contextlib.suppress(Exception):
            await services.telegram.shutdown()
    return 0


def _write(writer: asyncio.StreamWriter, data: bytes) -> None:
    if not writer.is_closing():
        writer.write(data)


def _lower_priority(niceness: int) -> None:
    """Every thread of this process at `niceness` (Linux keeps one a thread; new threads take
    their creator's)."""
    try:
        threads = [int(tid) for tid in os.listdir("/proc/self/task")]
    except OSError:
        threads = [0]
    for tid in threads:
        with contextlib.suppress(OSError):
            now = os.getpriority(os.PRIO_PROCESS, tid)
            os.setpriority(os.PRIO_PROCESS, tid, max(now, niceness))


def _die_with_parent() -> None:
    """Have the kernel end this process when the web process dies, even by kill -9."""
    parent = os.getppid()
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # it died before we asked
        os.kill(os.getpid(), signal.SIGTERM)


__all__ = ["WorkerLink", "Workers", "background", "command", "run"]
