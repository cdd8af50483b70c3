"""The `quitbot` command line.

Exit status: 0 on success, 2 for a mistake in the arguments or settings (one line on stderr,
no traceback), 1 when something outside (the database) is not there.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import socket
import sys
from collections.abc import Sequence
from typing import NoReturn

from sqlalchemy.exc import SQLAlchemyError

from bot.settings import Settings, SettingsError

log = logging.getLogger("quitbot")


class UsageError(Exception):
    """A mistake in how quitbot was called (exit 2)."""


class PortBusy(Exception):
    """The port to serve on is taken, or the host is not this machine's (exit 1)."""


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
    commands = top.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )

    serve = commands.add_parser("serve", help="run webhooks, web chat, ticker and dispatcher")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=_port, default=8000)

    db = commands.add_parser("db", help="database tasks")
    db_commands = db.add_subparsers(
        dest="db_command", required=True, metavar="TASK", parser_class=_Parser
    )
    db_commands.add_parser("upgrade", help="apply database migrations")

    chat = commands.add_parser("chat", help="talk to quitbot in this terminal")
    chat.add_argument("--locale", choices=("en_GB", "cy"), default=None)
    chat.add_argument(
        "--as", dest="who", default="terminal", help="who you are (default: terminal)"
    )
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    try:
        args = parser().parse_args(argv)
        logging.basicConfig(
            level=logging.INFO if args.command == "serve" else logging.WARNING,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
        logging.getLogger("alembic").setLevel(logging.WARNING)
        settings = Settings.from_env()
        match args.command:
            case "serve":
                return _serve(settings, args.host, args.port)
            case "db":
                return _db_upgrade(settings)
            case "chat":
                return _chat(settings, args.locale, args.who)
    except (UsageError, SettingsError) as error:
        print(f"quitbot: {error}", file=sys.stderr)
        return 2
    except PortBusy as error:
        print(f"quitbot: {error} (is quitbot already running? try --port)", file=sys.stderr)
        return 1
    except SQLAlchemyError as error:
        print(
            f"quitbot: database error: {error.__class__.__name__}: {str(error).splitlines()[0]}",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        return 130
    return 2


def _engine(settings: Settings):  # type: ignore[no-untyped-def]
    from storage import make_engine, upgrade

    engine = make_engine(settings.database_url)
    upgrade(engine)
    return engine


def _db_upgrade(settings: Settings) -> int:
    from storage.migrate import current

    engine = _engine(settings)
    where = engine.url.render_as_string(hide_password=True)
    print(f"database {where} is at revision {current(engine)}")
    return 0


def _serve(settings: Settings, host: str, port: int) -> int:
    import uvicorn

    from bot.app import create_app
    from bot.services import build_services

    _check_port_free(host, port)
    settings = settings.with_secret_key()
    engine = _engine(settings)
    services = build_services(settings, engine=engine)
    base = f"http://{host}:{port}"
    _, sms_why = settings.twilio_status()
    _, tg_why = settings.telegram_status()
    banner = [
        "quitbot is starting",
        f"  database:  {engine.url.render_as_string(hide_password=True)} (migrations applied)",
        f"  web chat:  {base}/chat/   <- open this in a browser to try quitbot",
        f"  health:    {base}/healthz",
        f"  SMS:       {sms_why}",
        f"  Telegram:  {tg_why}",
        "  console:   the advisor console arrives in a later release",
    ]
    print("\n".join(banner), flush=True)
    config = uvicorn.Config(
        create_app(services), host=host, port=port, log_level="info", proxy_headers=False
    )
    uvicorn.Server(config).run()
    return 0


def _check_port_free(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            raise PortBusy(f"cannot listen on {host}:{port}: {error.strerror}") from None


def _chat(settings: Settings, locale: str | None, who: str) -> int:
    from bot.channels.base import InboundMessage
    from bot.channels.local import TerminalSender
    from bot.services import build_services
    from flows import Channel

    engine = _engine(settings)
    services = build_services(
        settings, engine=engine, senders={Channel.LOCAL.value: TerminalSender()}
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
