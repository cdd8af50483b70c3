"""`quitbot provider ...` and `quitbot advisor ...`: the people who take conversations over.

Every mistake (a duplicate, a weak password, an unknown provider, hours that cannot be read)
is a one-line UsageError, which the command line turns into exit status 2.
"""

from __future__ import annotations

import argparse
import getpass
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.passwords import hash_password, weakness
from bot.settings import Settings
from flows.events import LeaseEnded
from flows.hours import BadHours, parse_hours
from flows.tariff import BadTariff
from scheduler import SystemClock
from storage import ledger, providers
from storage.ledger_tables import Commissioner
from storage.owners import HELD
from storage.tables import AdvisorRequest

ROLES = ("advisor", "lead")
DEFAULT_HOURS = "Mon-Fri 09:00-17:00"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class StaffError(Exception):
    """A mistake in a provider or advisor command (exit 2, one line)."""


def add_commands(commands: argparse._SubParsersAction, parser_class: type) -> None:  # type: ignore[type-arg]
    """The `provider` and `advisor` commands."""
    provider = commands.add_parser("provider", help="stop-smoking providers")
    provider_commands = provider.add_subparsers(
        dest="provider_command", required=True, metavar="TASK", parser_class=parser_class
    )
    add = provider_commands.add_parser("add", help="add a provider")
    add.add_argument("name", help="the provider's name, as people and reports will see it")
    add.add_argument(
        "--hours",
        default=DEFAULT_HOURS,
        help='when a person answers, e.g. "Mon-Fri 08:00-20:00, Sat 09:00-13:00" or "24/7"',
    )
    add.add_argument(
        "--timezone",
        default="Europe/London",
        help="the time zone its hours are in (default: Europe/London)",
    )
    add.add_argument("--tariff", type=Path, help="the provider's tariff (TOML, see docs/)")
    tariff = provider_commands.add_parser("tariff", help="load a new tariff version (TOML)")
    tariff.add_argument("name", help="the provider")
    tariff.add_argument(
        "file", type=Path, help="the tariff (TOML; docs/tariff.example.toml shows every key)"
    )
    provider_commands.add_parser("list", help="list providers")

    advisor = commands.add_parser("advisor", help="advisor logins")
    advisor_commands = advisor.add_subparsers(
        dest="advisor_command", required=True, metavar="TASK", parser_class=parser_class
    )
    add = advisor_commands.add_parser("add", help="add an advisor (or a provider lead)")
    add.add_argument("--provider", required=True, help="the provider they work for")
    add.add_argument("--email", required=True, help="their email: what they sign in with")
    add.add_argument(
        "--role",
        choices=ROLES,
        default="advisor",
        help="advisor, or lead (also sees the provider's ledger and claims); default advisor",
    )
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    listing = advisor_commands.add_parser("list", help="list advisors")
    listing.add_argument("--provider", help="only this provider's advisors")
    disable = advisor_commands.add_parser("disable", help="stop an advisor signing in")
    disable.add_argument("--email", required=True, help="the advisor's email")
    end_sessions = advisor_commands.add_parser(
        "end-sessions", help="sign an advisor out of the console everywhere"
    )
    end_sessions.add_argument("--email", required=True, help="the advisor's email")


def run(
    args: argparse.Namespace,
    settings: Settings,
    engine: Callable[[Settings], Engine],
    *,
    out: TextIO = sys.stdout,
    read_password: Callable[[], str] | None = None,
) -> int:
    """Run a `provider` or `advisor` command."""
    if args.command == "provider":
        if args.provider_command == "add":
            return _provider_add(args, settings, engine(settings), out)
        if args.provider_command == "tariff":
            return _provider_tariff(args.name, args.file, engine(settings), out)
        return _provider_list(engine(settings), out)
    match args.advisor_command:
        case "add":
            password = (read_password or _password(args.password_stdin))()
            return _advisor_add(args, password, engine(settings), out)
        case "list":
            return _advisor_list(args, engine(settings), out)
        case "end-sessions":
            return _advisor_end_sessions(args, engine(settings), out)
    return _advisor_disable(args, settings, engine(settings), out)


def _advisor_end_sessions(args: argparse.Namespace, engine: Engine, out: TextIO) -> int:
    """Sign an advisor out of the console everywhere (their sessions end on the server)."""
    from bot.console.commands import UnknownAdvisor, end_sessions

    try:
        ended = end_sessions(engine, email=args.email, now=SystemClock().now())
    except UnknownAdvisor as error:
        raise StaffError(str(error)) from None
    print(f"ended {ended} console session{'s' if ended != 1 else ''} of {args.email}", file=out)
    return 0


def _provider_add(
    args: argparse.Namespace, settings: Settings, engine: Engine, out: TextIO
) -> int:
    name = " ".join(args.name.split())
    if not name or len(name) > 120:
        raise StaffError("a provider's name is 1 to 120 characters")
    try:
        parse_hours(args.hours, args.timezone)
    except BadHours as error:
        raise StaffError(f"--hours/--timezone: {error}") from None
    tariff = _tariff_text(args.tariff) if args.tariff is not None else None
    now = SystemClock().now()
    with Session(engine, expire_on_commit=False) as session, session.begin():
        if providers.by_name(session=session, name=name) is not None:
            raise StaffError(f"a provider called {name!r} already exists")
        provider_id = providers.add_provider(
            session=session, name=name, hours=args.hours.strip(), timezone=args.timezone, now=now
        )
        if tariff is not None:
            ledger.add_tariff(session=session, provider_id=provider_id, source=tariff, now=now)
        allocated = providers.allocate_unallocated(session=session, allocation=settings.allocation)
    print(f"provider {name!r} added: {args.hours.strip()} ({args.timezone})", file=out)
    if allocated:
        print(f"{allocated} participant(s) without a provider allocated", file=out)
    return 0


def _tariff_text(path: Path) -> str:
    from bot.ledger import read_tariff

    try:
        return read_tariff(path)
    except BadTariff as error:
        raise StaffError(str(error)) from None


def _provider_tariff(name: str, path: Path, engine: Engine, out: TextIO) -> int:
    """A new tariff version for a provider, in force from the date it names."""
    text = _tariff_text(path)
    with Session(engine) as session, session.begin():
        provider = providers.by_name(session=session, name=name)
        if provider is None or provider.id is None:
            raise StaffError(f"no provider called {name!r} (quitbot provider list)")
        try:
            tariff = ledger.add_tariff(
                session=session, provider_id=provider.id, source=text, now=SystemClock().now()
            )
        except ValueError as error:
            raise StaffError(f"{path}: {error}") from None
    print(
        f"tariff {tariff.version!r} for {name!r} in force from {tariff.effective_from}", file=out
    )
    return 0


def _provider_list(engine: Engine, out: TextIO) -> int:
    with Session(engine) as session:
        rows = providers.list_providers(session=session)
    if not rows:
        print("no providers yet: quitbot provider add NAME", file=out)
    for provider, advisors, people in rows:
        print(
            f"{provider.name}\t{provider.hours} ({provider.timezone})\t"
            f"{advisors} advisor(s)\t{people} participant(s)",
            file=out,
        )
    return 0


def _password(from_stdin: bool) -> Callable[[], str]:
    def read() -> str:
        if from_stdin:
            return sys.stdin.readline().rstrip("\r\n")
        if not _terminal():
            raise StaffError("no terminal to ask for the password on: use --password-stdin")
        first = getpass.getpass("Password: ")
        if getpass.getpass("Same password again: ") != first:
            raise StaffError("the two passwords differ")
        return first

    return read


def _terminal() -> bool:
    """Whether a password can be asked for without echoing it."""
    try:
        with open("/dev/tty"):
            return True
    except OSError:
        return sys.stdin.isatty()


def _advisor_add(args: argparse.Namespace, password: str, engine: Engine, out: TextIO) -> int:
    email = args.email.strip().lower()
    if not _EMAIL.match(email) or len(email) > 254:
        raise StaffError(f"{args.email!r} is not an email address")
    weak = weakness(password)
    if weak is not None:
        raise StaffError(weak)
    now = SystemClock().now()
    with Session(engine, expire_on_commit=False) as session, session.begin():
        provider = providers.by_name(session=session, name=args.provider)
        if provider is None or provider.id is None:
            raise StaffError(f"no provider called {args.provider!r} (quitbot provider list)")
        if providers.advisor_by_email(session=session, email=email) is not None:
            raise StaffError(f"an advisor with the email {email} already exists")
        if session.exec(select(Commissioner.id).where(col(Commissioner.email) == email)).first():
            raise StaffError(f"{email} is a commissioner: an advisor needs an email of their own")
        providers.add_advisor(
            session=session,
            provider_id=provider.id,
            email=email,
            role=args.role,
            password_hash=hash_password(password),
            now=now,
        )
    print(f"{args.role} {email} added to {provider.name!r}", file=out)
    return 0


def _advisor_list(args: argparse.Namespace, engine: Engine, out: TextIO) -> int:
    with Session(engine) as session:
        provider_id = None
        if args.provider:
            provider = providers.by_name(session=session, name=args.provider)
            if provider is None:
                raise StaffError(f"no provider called {args.provider!r} (quitbot provider list)")
            provider_id = provider.id
        names = {p.id: p.name for p, _, _ in providers.list_providers(session=session)}
        advisors = providers.list_advisors(session=session, provider_id=provider_id)
        here = providers.at_console(
            session=session, advisor_ids=[a.id for a in advisors], now=SystemClock().now()
        )
    if not advisors:
        print("no advisors yet: quitbot advisor add --provider NAME --email EMAIL", file=out)
    for advisor in advisors:
        if not advisor.active:
            state = "disabled"
        elif not advisor.online:
            state = "away"
        else:  # they chose online: are they at the console?
            state = "online" if advisor.id in here else "online, no console open"
        print(
            f"{advisor.email}\t{names.get(advisor.provider_id)}\t{advisor.role}\t{state}", file=out
        )
    return 0


def _advisor_disable(
    args: argparse.Namespace, settings: Settings, engine: Engine, out: TextIO
) -> int:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        advisor = providers.advisor_by_email(session=session, email=args.email)
        if advisor is None:
            raise StaffError(f"no advisor with the email {args.email.strip().lower()}")
        advisor.active, advisor.online = False, False
        session.add(advisor)
        held = list(
            session.exec(
                select(AdvisorRequest.participant_id).where(
                    col(AdvisorRequest.advisor_id) == advisor.id,
                    col(AdvisorRequest.status) == HELD,
                )
            )
        )
    if held:  # their conversations go back to the queue at once
        from bot.services import build_services

        services = build_services(settings, engine=engine, senders={})
        for participant_id in held:
            services.runner.owner_event_now(participant_id, LeaseEnded())
    print(
        f"{advisor.email} can no longer sign in"
        + (f"; {len(held)} conversation(s) back in the queue" if held else ""),
        file=out,
    )
    return 0
