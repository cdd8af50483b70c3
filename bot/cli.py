"""The `quitbot` command line.

Exit status: 0 on success, 2 for a mistake in the arguments or settings (one line on stderr,
no traceback), 1 when something outside (the database) is not there.
"""

from __future__ import annotations

import argparse
import asyncio
import errno
import logging
import os
import socket
import sys
from collections.abc import Sequence
from importlib import metadata
from typing import NoReturn

from sqlalchemy.exc import SQLAlchemyError

from bot import ledger_commands, staff
from bot.logsafe import Redactor, install
from bot.routine_logs import RoutineAtDebug
from bot.settings import Settings, SettingsError

log = logging.getLogger("quitbot")

BACKLOG = 2048  # as uvicorn


class UsageError(Exception):
    """A mistake in how quitbot was called (exit 2)."""


class PortBusy(Exception):
    """The port to serve on is taken by another program (exit 1)."""


class BadHost(Exception):
    """`--host` is not a name or address quitbot can listen on here (exit 2, with a hint)."""


HOST_HINT = "--host takes this machine's name or one of its addresses, e.g. 127.0.0.1 or 0.0.0.0"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 1-65535, not {port}")
    return port


def parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    top = _Parser(prog="quitbot", description="Quit-smoking support for NHS shift workers.")
    top.add_argument("--version", action="version", version=f"quitbot {version()}")
    commands = top.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )

    serve = commands.add_parser("serve", help="run webhooks, web chat, ticker and dispatcher")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default: 127.0.0.1, this computer only; "
        "0.0.0.0 for every network)",
    )
    serve.add_argument(
        "--port", type=_port, default=8000, help="the port to listen on (default: 8000)"
    )
    # `serve` starts its worker process as `serve --worker --link-fd N` (bot/worker.py).
    serve.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    serve.add_argument("--link-fd", type=int, default=None, help=argparse.SUPPRESS)

    db = commands.add_parser("db", help="database tasks")
    db_commands = db.add_subparsers(
        dest="db_command", required=True, metavar="TASK", parser_class=_Parser
    )
    db_commands.add_parser("upgrade", help="apply database migrations")

    chat = commands.add_parser("chat", help="talk to quitbot in this terminal")
    chat.add_argument(
        "--locale",
        choices=("en_GB", "cy"),
        default=None,
        help="start in this language: cy for Welsh (default: QUITBOT_DEFAULT_LOCALE)",
    )
    chat.add_argument(
        "--as", dest="who", default="terminal", help="who you are (default: terminal)"
    )
    staff.add_commands(commands, _Parser)
    ledger_commands.add_commands(commands, _Parser)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    os.umask(0o077)  # whatever quitbot creates (database, key, journals) is its own alone
    redact = Redactor()
    try:
        args = parser().parse_args(argv)
        settings = Settings.from_env()
        redact = Redactor.for_settings(settings)
        _configure_logging(settings.log_level if args.command == "serve" else "WARNING", redact)
        match args.command:
            case "serve" if args.worker:
                return _work(settings, args.link_fd)
            case "serve":
                return _serve(settings, args.host, args.port)
            case "db":
                return _db_upgrade(settings)
            case "chat":
                return _chat(settings, args.locale, args.who)
            case "provider" | "advisor":
                return staff.run(args, settings, _engine)
            case "commissioner" | "ledger" | "claim" | "imd" | "report":
                return ledger_commands.run(args, settings, _engine)
    except (UsageError, SettingsError, staff.StaffError, ledger_commands.LedgerError) as error:
        print(f"quitbot: {error}", file=sys.stderr)
        return 2
    except BadHost as error:
        print(f"quitbot: {error} ({HOST_HINT})", file=sys.stderr)
        return 2
    except PortBusy as error:
        print(f"quitbot: {error} (is quitbot already running? try --port)", file=sys.stderr)
        return 1
    except SQLAlchemyError as error:
        first = redact(str(error).splitlines()[0])
        print(f"quitbot: database error: {error.__class__.__name__}: {first}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 2


def version() -> str:
    """quitbot's version, as installed."""
    try:
        return metadata.version("quitbot")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def _configure_logging(level: str, redact: Redactor) -> None:
    """Log lines on stderr at `level`, with every secret redacted (see bot/logsafe.py), and
    the routine lines of libraries quitbot runs (each tick, each request) at DEBUG."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    routine = RoutineAtDebug(logging.getLevelName(level))
    for handler in logging.getLogger().handlers:
        handler.addFilter(routine)
    install(redact)


def _engine(settings: Settings):  # type: ignore[no-untyped-def]
    from storage import make_engine, upgrade
    from storage.db import PRIVATE_FOLDER, make_private

    make_private(settings.data_dir, PRIVATE_FOLDER)  # if an older quitbot left it open
    engine = make_engine(settings.database_url)
    upgrade(engine)
    return engine


def _db_upgrade(settings: Settings) -> int:
    from storage.migrate import current

    engine = _engine(settings)
    where = engine.url.render_as_string(hide_password=True)
    print(f"database {where} is at revision {current(engine)}")
    return 0


def _work(settings: Settings, link_fd: int | None) -> int:
    """`serve --worker`: the journal, the outbox and the ticker for the `serve` that started
    this process (bot/worker.py); not for people to run."""
    if link_fd is None:
        raise UsageError("--worker is started by quitbot serve itself")
    from bot import worker
    from bot.services import build_services
    from storage import make_engine

    settings = settings.with_secret_key()
    install(Redactor.for_settings(settings))
    # Serve applied the migrations before. No ping before each use of a pooled connection
    # (a round trip each time): the worker's work is retried after a fault, and the first
    # fault after a database restart makes the pool let all its old connections go.
    engine = make_engine(settings.database_url, pool_pre_ping=False)
    return worker.run(build_services(settings, engine=engine, quiet=True), link_fd)


def _serve(settings: Settings, host: str, port: int) -> int:
    import gc

    import uvicorn

    # Threads (journal writes; with QUITBOT_WORKERS=0 also the journal's processor and the
    # dispatcher) work beside the event loop that answers webhooks: hand the interpreter back
    # to it every 0.5 ms, not every 5, so an answer does not wait behind them.
    sys.setswitchinterval(0.0005)

    class _ServingSays(uvicorn.Server):
        """uvicorn's server, printing `ready` once it has started: the last start-up line."""

        def __init__(self, config: uvicorn.Config, ready: str) -> None:
            super().__init__(config)
            self.ready = ready

        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            if not self.should_exit:
                # What start-up made lives as long as the process: the collector skips it.
                gc.freeze()
                print(self.ready, flush=True)

    from bot.app import create_app
    from bot.demo import create_demo
    from bot.services import Worker, build_services
    from bot.worker import Workers, command

    # Bind first: a port that is really taken fails at once, before any migration.
    sockets = _listen(host, port)
    workers = None
    try:
        settings = settings.with_secret_key()
        redact = Redactor.for_settings(settings)  # now with the secret key
        install(redact)
        engine = _engine(settings)
        # The journal's processor, the dispatcher and the ticker run in worker processes
        # (bot/worker.py), unless QUITBOT_WORKERS=0 keeps them here. They start now (the
        # migrations are applied), and load while this process gets ready.
        workers = Workers(command(), settings.workers) if settings.workers else None
        if workers is not None:
            workers.spawn()
        services = build_services(
            settings,
            engine=engine,
            worker=None if workers is None else Worker(workers.journaled, workers.queued),
            own_journal_connection=True,
        )
        if workers is not None:  # what a worker changed, the console's live views hear at once
            workers.on_changes = services.changes.heard  # (the worker tells other servers)
        demo = create_demo(settings, engine, services.clock)
        _allocate(settings, engine)
        base = f"http://{_browsable(host)}:{port}"
        _, sms_why = settings.twilio_status()
        _, tg_why = settings.telegram_status()
        privacy = settings.privacy_url
        if settings.own_privacy_notice and not (
            settings.operator_name and settings.operator_contact
        ):
            privacy += (
                " (set QUITBOT_OPERATOR_NAME and QUITBOT_OPERATOR_CONTACT: who holds the data)"
            )
        banner = [
            "quitbot is starting",
            f"  database:  {engine.url.render_as_string(hide_password=True)} (migrations applied)",
            f"  health:    {base}/healthz",
            f"  SMS:       {sms_why}",
            f"  Telegram:  {tg_why}",
            f"  privacy:   {privacy}",
            f"  console:   {base}/console/   <- advisors sign in here",
        ]
        if demo is not None:  # once: the first start on the embedded default
            banner += [
                f"  demo advisor login (shown once): {demo.email}  password: {demo.password}",
                "             chat as a participant in one tab, text ADVISOR, and take over "
                "in the console in another",
            ]
        print("\n".join(banner), flush=True)
        config = uvicorn.Config(
            create_app(services, worker=workers),
            host=host,
            port=port,
            log_level=settings.log_level.lower(),
            log_config=None,  # uvicorn's lines go through our handler: redacted, routine at DEBUG
            # A line a request is work for nothing unless someone reads them (DEBUG: routine).
            access_log=settings.log_level == "DEBUG",
            proxy_headers=False,
        )
        # The last start-up line, once it is really serving: where to go.
        ready = f"  web chat:  {base}/chat/   <- open this in a browser to try quitbot"
        _ServingSays(config, ready).run(sockets=sockets)
    finally:
        if workers is not None:
            workers.discard()
        for sock in sockets:
            sock.close()
    return 0


def _browsable(host: str) -> str:
    """`host` as a browser on this machine can open it: a wildcard is this machine itself."""
    if host in ("", "0.0.0.0"):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


def _allocate(settings: Settings, engine) -> None:  # type: ignore[no-untyped-def]
    """People registered before a provider existed get one (QUITBOT_ALLOCATION)."""
    from sqlmodel import Session

    from storage.providers import allocate_unallocated

    with Session(engine) as session, session.begin():
        done = allocate_unallocated(session=session, allocation=settings.allocation)
    if done:
        log.info("%d participant(s) without a provider allocated", done)


def _listen(host: str, port: int) -> list[socket.socket]:
    """Listening sockets for `host`:`port` (one per address it resolves to), for uvicorn.

    They are bound with SO_REUSEADDR, as servers bind: connections of a stopped or killed
    quitbot that linger in the kernel (TIME_WAIT) do not hold the port, but a program that is
    listening on it does, and that is PortBusy. A host that is not a name or address of this
    machine is BadHost: a mistake in the command, not something running.
    """
    where = f"{host}:{port}"
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as error:
        why = error.strerror if isinstance(error, socket.gaierror) else "not a host name"
        raise BadHost(f"cannot listen on {where}: {why}") from None
    sockets: list[socket.socket] = []
    try:
        for family, kind, proto, _name, address in dict.fromkeys(found):
            sock = socket.socket(family, kind, proto)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            sock.bind(address)
            sock.listen(BACKLOG)
    except OSError as error:
        for sock in sockets:
            sock.close()
        if error.errno == errno.EADDRNOTAVAIL:  # an address, but not one of this machine's
            raise BadHost(f"cannot listen on {where}: {error.strerror}") from None
        if error.errno == errno.EACCES:
            raise UsageError(
                f"cannot listen on {where}: {error.strerror} "
                "(ports below 1024 need extra rights; try --port 8000)"
            ) from None
        raise PortBusy(f"cannot listen on {where}: {error.strerror}") from None
    return sockets


def _chat(settings: Settings, locale: str | None, who: str) -> int:
    from bot.channels.base import InboundMessage
    from bot.channels.local import TerminalSender
    from bot.services import build_services
    from flows import Channel

    engine = _engine(settings)
    services = build_services(  # the secret key too: LINK codes are kept under it
        settings.with_secret_key(), engine=engine, senders={Channel.LOCAL.value: TerminalSender()}
    )

    async def talk() -> None:
        print("Talking to quitbot as a participant. Type a message; Ctrl-D or /exit to leave.")
        if locale == "cy":
            await services.runner.receive(InboundMessage(Channel.LOCAL, who, "CYMRAEG"))
            await services.dispatcher.flush()
        while True:
            try:
                line = await asyncio.to_thread(input, "you> ")
            except EOFError:
                print()
                return
            if line.strip() in ("/exit", "/quit"):
                return
            await services.runner.receive(InboundMessage(Channel.LOCAL, who, line))
            await services.dispatcher.flush()

    asyncio.run(talk())
    return 0
