"""`quitbot commissioner ...`, `quitbot ledger ...`, `quitbot claim ...` and `quitbot imd ...`.

Every mistake is a one-line LedgerError, which the command line turns into exit status 2.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.passwords import hash_password, weakness
from bot.settings import Settings
from flows.milestones import Definition
from flows.tariff import BadTariff
from scheduler import SystemClock
from storage import claims, ledger, providers
from storage.deprivation import BadLookupFile, load_file
from storage.ledger_tables import Claim, Commissioner
from storage.tables import Provider

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
COMMANDS = ("commissioner", "ledger", "claim", "imd", "report")


class LedgerError(Exception):
    """A mistake in a ledger, claim, commissioner or lookup command (exit 2, one line)."""


def add_commands(commands: argparse._SubParsersAction, parser_class: type) -> None:  # type: ignore[type-arg]
    """The `commissioner`, `ledger`, `claim` and `imd` commands."""
    commissioner = commands.add_parser("commissioner", help="commissioner logins")
    tasks = commissioner.add_subparsers(
        dest="task", required=True, metavar="TASK", parser_class=parser_class
    )
    add = tasks.add_parser("add", help="add a commissioner (every provider's ledger and claims)")
    add.add_argument("--email", required=True, help="their email: what they sign in with")
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )

    for name, help_text in (
        ("end-sessions", "sign a commissioner out of the console everywhere"),
        ("disable", "stop a commissioner signing in (and end their sessions)"),
    ):
        ending = tasks.add_parser(name, help=help_text)
        ending.add_argument("--email", required=True, help="the commissioner's email")

    ledger_parser = commands.add_parser("ledger", help="the milestone ledger")
    tasks = ledger_parser.add_subparsers(
        dest="task", required=True, metavar="TASK", parser_class=parser_class
    )
    tasks.add_parser("derive", help="record the milestones reached since the last run")
    export = tasks.add_parser("export", help="a provider's monthly statement as CSV")
    export.add_argument("--provider", required=True, help="the provider")
    export.add_argument("--month", required=True, help="YYYY-MM")
    export.add_argument("--out", type=Path, help="file to write (default: standard output)")
    reverse = tasks.add_parser("reverse", help="reverse a ledger entry (a correction)")
    reverse.add_argument("entry", type=int, help="the ledger entry's number")
    reverse.add_argument("--reason", required=True, help="why, in words an auditor will read")
    reverse.add_argument("--by", required=True, help="the email of who decided it")

    claim = commands.add_parser("claim", help="monthly claims: submit, approve, reject, pay")
    tasks = claim.add_subparsers(
        dest="task", required=True, metavar="TASK", parser_class=parser_class
    )
    submit = tasks.add_parser("submit", help="a provider lead submits a month's claim")
    submit.add_argument("--provider", required=True, help="the provider")
    submit.add_argument("--month", required=True, help="YYYY-MM")
    submit.add_argument("--by", required=True, help="the lead's email")
    for name in ("approve", "reject"):
        decide = tasks.add_parser(name, help=f"a commissioner {name}s a claim")
        decide.add_argument("claim", type=int, help="the claim's number")
        decide.add_argument("--by", required=True, help="the commissioner's email")
        decide.add_argument("--note", default="", help="why (required to reject)")
    pay = tasks.add_parser("paid", help="record that an approved claim was paid")
    pay.add_argument("claim", type=int, help="the claim's number")
    pay.add_argument("--by", required=True, help="the commissioner's email")
    show = tasks.add_parser("show", help="a claim with its flags and their evidence")
    show.add_argument("claim", type=int, help="the claim's number")
    tasks.add_parser("list", help="every claim")

    report = commands.add_parser("report", help="outcome and equity report (tables and charts)")
    report.add_argument("--from", dest="start", help="first day, YYYY-MM-DD (default: a year ago)")
    report.add_argument("--to", dest="end", help="last day, YYYY-MM-DD (default: today)")
    report.add_argument("--provider", help="one provider only")
    report.add_argument(
        "--out", type=Path, default=Path("report"), help="folder (default: report)"
    )

    imd = commands.add_parser("imd", help="postcode and deprivation lookups")
    tasks = imd.add_subparsers(
        dest="task", required=True, metavar="TASK", parser_class=parser_class
    )
    load = tasks.add_parser("load", help="load ONS postcode directory, IoD file 7 or WIMD CSVs")
    load.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help="the CSV files to load, any order"
    )
    load.add_argument("--edition", help="the postcode directory's edition (default: file name)")


def run(
    args: argparse.Namespace,
    settings: Settings,
    engine: Callable[[Settings], Engine],
    *,
    out: TextIO = sys.stdout,
    read_password: Callable[[], str] | None = None,
) -> int:
    """Run one of these commands."""
    match args.command, getattr(args, "task", None):
        case "commissioner", "add":
            password = (read_password or _password(args.password_stdin))()
            return _commissioner_add(args.email, password, engine(settings), out)
        case "commissioner", ("end-sessions" | "disable") as verb:
            return _commissioner_end(args.email, verb == "disable", engine(settings), out)
        case "ledger", "derive":
            return _derive(settings, engine(settings), out)
        case "ledger", "export":
            return _export(args, settings, engine(settings), out)
        case "ledger", "reverse":
            return _reverse(args, engine(settings), out)
        case "claim", "submit":
            return _submit(args, settings, engine(settings), out)
        case "claim", ("approve" | "reject") as verb:
            return _decide(args, verb == "approve", engine(settings), out)
        case "claim", "paid":
            return _paid(args, engine(settings), out)
        case "claim", "show":
            return _show(args.claim, engine(settings), out)
        case "claim", "list":
            return _list(engine(settings), out)
        case "imd", "load":
            return _imd_load(args, engine(settings), out)
        case "report", _:
            return _report(args, settings, engine(settings), out)
    raise LedgerError(f"unknown command {args.command} {args.task}")  # pragma: no cover


def definition(settings: Settings) -> Definition:
    """The milestone definitions in force (the 12-week window is a setting)."""
    return Definition(twelve_week_window=settings.twelve_week_window)


def _password(from_stdin: bool) -> Callable[[], str]:
    from bot.staff import _password as staff_password

    return staff_password(from_stdin)


def _commissioner_add(email: str, password: str, engine: Engine, out: TextIO) -> int:
    email = email.strip().lower()
    if not _EMAIL.match(email) or len(email) > 254:
        raise LedgerError(f"{email!r} is not an email address")
    weak = weakness(password)
    if weak is not None:
        raise LedgerError(weak)
    with Session(engine) as session, session.begin():
        if providers.advisor_by_email(session=session, email=email) is not None:
            raise LedgerError(f"{email} is an advisor: a commissioner needs an email of their own")
        if session.exec(select(Commissioner.id).where(col(Commissioner.email) == email)).first():
            raise LedgerError(f"a commissioner with the email {email} already exists")
        session.add(
            Commissioner(
                email=email, password_hash=hash_password(password), created_at=SystemClock().now()
            )
        )
    print(f"commissioner {email} added", file=out)
    return 0


def _commissioner_end(email: str, disable: bool, engine: Engine, out: TextIO) -> int:
    """Sign a commissioner out everywhere; with `disable`, for good."""
    from bot.console.commissioners import UnknownCommissioner, end_sessions

    try:
        ended = end_sessions(engine, email=email, now=SystemClock().now(), disable=disable)
    except UnknownCommissioner as error:
        raise LedgerError(str(error)) from None
    sessions = f"{ended} console session{'s' if ended != 1 else ''}"
    if disable:
        print(f"{email} can no longer sign in; {sessions} ended", file=out)
    else:
        print(f"ended {sessions} of {email}", file=out)
    return 0


def _derive(settings: Settings, engine: Engine, out: TextIO) -> int:
    with Session(engine) as session, session.begin():
        added = ledger.derive(
            session=session,
            now=SystemClock().now(),
            definition=definition(settings),
            zone=settings.timezone,
        )
    print(f"{added} milestone(s) recorded", file=out)
    return 0


def _provider(session: Session, name: str) -> Provider:
    found = providers.by_name(session=session, name=name)
    if found is None or found.id is None:
        raise LedgerError(f"no provider called {name!r} (quitbot provider list)")
    return found


def _month(text: str) -> str:
    if not _MONTH.match(text):
        raise LedgerError(f"--month: {text!r} is not a month like 2026-11")
    if not ledger.a_month(text):
        raise LedgerError(
            f"--month: {text} is outside the ledger's years "
            f"({ledger.FIRST_YEAR}-01 to {ledger.LAST_YEAR}-12)"
        )
    return text


def _export(args: argparse.Namespace, settings: Settings, engine: Engine, out: TextIO) -> int:
    from bot.ledger import statement

    month = _month(args.month)
    with Session(engine, expire_on_commit=False) as session, session.begin():
        provider = _provider(session, args.provider)
        ledger.derive(
            session=session,
            now=SystemClock().now(),
            definition=definition(settings),
            zone=settings.timezone,
        )
        text = statement(session, provider, month)
    if args.out is None:
        out.write(text)
        return 0
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as error:
        raise LedgerError(f"--out: cannot write {args.out} ({error.strerror})") from None
    rows = text.count("\n") - 1
    print(
        f"statement for {provider.name!r} {month} written to {args.out} ({rows} lines)", file=out
    )
    return 0


def _reverse(args: argparse.Namespace, engine: Engine, out: TextIO) -> int:
    with Session(engine) as session, session.begin():
        try:
            row = ledger.reverse(
                session=session,
                entry_id=args.entry,
                reason=args.reason,
                made_by=args.by.strip().lower(),
                now=SystemClock().now(),
            )
        except ValueError as error:
            raise LedgerError(str(error)) from None
        print(f"entry {args.entry} reversed by entry {row.id}", file=out)
    return 0


def _submit(args: argparse.Namespace, settings: Settings, engine: Engine, out: TextIO) -> int:
    month = _month(args.month)
    with Session(engine) as session, session.begin():
        provider = _provider(session, args.provider)
        try:
            claim = claims.submit(
                session=session,
                provider=provider,
                month=month,
                lead_email=args.by,
                now=SystemClock().now(),
                definition=definition(settings),
            )
        except claims.ClaimRefused as error:
            raise LedgerError(str(error)) from None
        _print_claim(claim, provider.name, out)
    return 0


def _decide(args: argparse.Namespace, approve: bool, engine: Engine, out: TextIO) -> int:
    with Session(engine) as session, session.begin():
        try:
            claim = claims.decide(
                session=session,
                claim_id=args.claim,
                commissioner_email=args.by,
                approve=approve,
                note=args.note,
                now=SystemClock().now(),
            )
        except claims.ClaimRefused as error:
            raise LedgerError(str(error)) from None
        print(f"claim {claim.id} {claim.status} by {claim.decided_by}", file=out)
    return 0


def _paid(args: argparse.Namespace, engine: Engine, out: TextIO) -> int:
    with Session(engine) as session, session.begin():
        try:
            count = claims.paid(
                session=session,
                claim_id=args.claim,
                commissioner_email=args.by,
                now=SystemClock().now(),
            )
        except claims.ClaimRefused as error:
            raise LedgerError(str(error)) from None
    print(f"claim {args.claim}: {count} entr{'y' if count == 1 else 'ies'} marked paid", file=out)
    return 0


def _show(claim_id: int, engine: Engine, out: TextIO) -> int:
    with Session(engine) as session:
        claim = session.get(Claim, claim_id)
        if claim is None:
            raise LedgerError(f"no claim {claim_id}")
        provider = session.get(Provider, claim.provider_id)
        _print_claim(claim, provider.name if provider else "?", out)
        for flag in claim.flags:
            print(f"  evidence ({flag['kind']}): {flag['evidence']}", file=out)
        if claim.status == "paid":
            print(f"  paid: recorded {claim.paid_at} by {claim.paid_by}", file=out)
        for earlier in claims.rejections(session=session, claim_id=claim_id):
            print(
                f"  rejected earlier: submitted {earlier.submitted_at} by {earlier.submitted_by}, "
                f"{earlier.entries} row(s), {_money(earlier.total_pence)}, "
                f"{len(earlier.flags)} flag(s); rejected {earlier.decided_at} by "
                f"{earlier.decided_by}: {earlier.decision_note}",
                file=out,
            )
    return 0


def _list(engine: Engine, out: TextIO) -> int:
    with Session(engine) as session:
        rows = list(session.exec(select(Claim).order_by(col(Claim.id))))
        names = {p.id: p.name for p, _, _ in providers.list_providers(session=session)}
    if not rows:
        print(
            "no claims yet: quitbot claim submit --provider NAME --month YYYY-MM --by LEAD",
            file=out,
        )
    for claim in rows:
        print(
            f"{claim.id}\t{names.get(claim.provider_id)}\t{claim.month}\t{claim.status}\t"
            f"{_money(claim.total_pence)}\t{len(claim.flags)} flag(s)",
            file=out,
        )
    return 0


def _print_claim(claim: Claim, provider: str, out: TextIO) -> None:
    print(
        f"claim {claim.id}: {provider!r} {claim.month}, {claim.entries} ledger row(s), "
        f"{_money(claim.total_pence)}, {claim.status} (submitted by {claim.submitted_by})",
        file=out,
    )
    if not claim.flags:
        print("  no flags", file=out)
    for flag in claim.flags:
        print(f"  FLAG {flag['kind']}: {flag['summary']}", file=out)


def _money(pence: int) -> str:
    from bot.ledger import money

    return money(pence)


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise LedgerError(f"{option}: {text!r} is not a date like 2026-04-01") from None


def _report(args: argparse.Namespace, settings: Settings, engine: Engine, out: TextIO) -> int:
    from bot.reports import build

    zone = ZoneInfo(settings.timezone)
    now = SystemClock().now()
    last = _day(args.end, "--to") if args.end else now.astimezone(zone).date()
    first = _day(args.start, "--from") if args.start else last - timedelta(days=365)
    if first > last:
        raise LedgerError("--from is after --to")
    provider_id = None
    if args.provider:
        with Session(engine) as session:
            provider_id = _provider(session, args.provider).id
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LedgerError(f"--out: cannot make {args.out} ({error.strerror})") from None
    made = build(
        engine=engine,
        start=datetime.combine(first, time(), zone),
        end=datetime.combine(last + timedelta(days=1), time(), zone),
        now=now,
        definition=definition(settings),
        out=args.out,
        provider_id=provider_id,
        reference=dict(settings.reach_reference),
    )
    print(
        f"report for {first} to {last} ({made.people} people) written to "
        f"{args.out / 'report.html'} with {len(made.files) - 1} CSV tables",
        file=out,
    )
    return 0


def _imd_load(args: argparse.Namespace, engine: Engine, out: TextIO) -> int:
    for path in args.files:
        if not path.is_file():
            raise LedgerError(f"{path}: no such file")
    for path in args.files:
        size = max(1, path.stat().st_size)
        bar = Bar(path.name, size)
        with Session(engine) as session, session.begin():
            try:
                loaded = load_file(session=session, path=path, edition=args.edition, progress=bar)
            except BadLookupFile as error:
                bar.done()
                raise LedgerError(
                    f"{path.name}: {error}" if path.name not in str(error) else str(error)
                ) from None
        bar.done()
        print(f"{path.name}: {loaded.rows} {loaded.kind} row(s) loaded", file=out)
    return 0


class Bar:
    """A progress bar on standard error, "ONSPD.csv [#######.....]  58%", when that is a
    terminal (redirected, the output stays free of it: errors stay one line)."""

    WIDTH = 30

    def __init__(self, name: str, size: int, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stderr
        self._name, self._size = name, size
        self._live = stream is not None or self._stream.isatty()
        self._shown = -1

    def __call__(self, done: int) -> None:
        if not self._live:
            return
        percent = min(100, done * 100 // self._size)
        if percent == self._shown:
            return
        self._shown = percent
        filled = percent * self.WIDTH // 100
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self._stream.write(f"\r{self._name} [{bar}] {percent:3d}%")
        self._stream.flush()

    def done(self) -> None:
        if not self._live or self._shown < 0:
            return
        self._shown = -1
        self._stream.write("\n")
        self._stream.flush()


__all__ = ["COMMANDS", "BadTariff", "LedgerError", "add_commands", "run"]
