"""Golden transcripts: a whole conversation as a text file, run through the real runner.

Format (one line each):
    # a comment               kept as is
    channel: sms              the channel for what follows (sms, telegram, web, local)
    + 2h30m                   move the clock forward, then fire any wake-ups that came due
    > what the person types   an input (a lone ">" sends an empty message)
    < what quitbot replies    the expected replies, regenerated from the run
    ! effect                  other things that happened (advisor requests, safety events)
    @ take over               an advisor of the participant's provider acts (a file with any
    @ reply TEXT              "@" line runs with one provider, open 24/7, and one advisor):
    @ hand back               take over, reply (sent through the participant's channel),
    @ lease                   hand back, or let the lease run out (the ticker's check)
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.channels.base import InboundMessage
from bot.channels.recording import RecordingSender
from bot.services import Services, build_services
from bot.settings import Settings
from flows import Channel
from scheduler import ManualClock
from storage.tables import ExitSurvey, MessageRow, Nudge, OutcomeRow, OwnerChange, SafetyEvent

_DURATION = re.compile(r"(\d+)([dhm])")


@dataclass
class Script:
    """The parsed steps of a transcript file."""

    steps: list[tuple[str, str]] = field(default_factory=list)


def parse(path: Path) -> Script:
    """The inputs, comments and clock moves of a transcript (expected output is ignored)."""
    script = Script()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("<", "!")):
            continue
        if line.startswith(">"):
            script.steps.append((">", line[2:] if line.startswith("> ") else line[1:]))
        elif line.startswith("+"):
            script.steps.append(("+", line[1:].strip()))
        elif line.startswith("@"):
            script.steps.append(("@", line[1:].strip()))
        elif line.startswith("channel:"):
            script.steps.append(("channel", line.split(":", 1)[1].strip()))
        else:
            script.steps.append(("#", line))
    return script


def _duration(text: str) -> timedelta:
    units = {"d": "days", "h": "hours", "m": "minutes"}
    return sum((timedelta(**{units[u]: int(n)}) for n, u in _DURATION.findall(text)), timedelta())


async def run(path: Path, *, engine: Engine, clock: ManualClock) -> str:
    """Run a transcript's inputs and return the transcript as it actually went."""
    settings = Settings.from_env({"QUITBOT_PUBLIC_URL": "https://quitbot.example"}, dotenv=None)
    senders = {c.value: RecordingSender() for c in Channel}
    services = build_services(settings, engine=engine, clock=clock, senders=senders)
    channel = Channel.SMS
    address = "+447700900123"
    out: list[str] = []
    seen_effects: Counter[str] = Counter()

    def new_effects() -> list[str]:
        """Effects not shown yet (by what they say: one recorded at the same moment as an
        earlier one may sort before it)."""
        left = seen_effects.copy()
        fresh = []
        for effect in _effects(services):
            if left[effect] > 0:
                left[effect] -= 1
            else:
                fresh.append(effect)
                seen_effects[effect] += 1
        return fresh

    sent: list[str] = []

    def new_replies() -> list[str]:
        everything = [m for sender in senders.values() for m in sender.sent]
        fresh = sorted((m for m in everything if m.body is not None), key=lambda m: m.id)
        bodies = [m.body for m in fresh]
        added = bodies[len(sent) :]
        sent.extend(added)
        return added

    script = parse(path)
    acting = None
    if any(kind == "@" for kind, _ in script.steps):
        from tests.bot.helpers import a_provider

        acting = a_provider(engine, clock, "Transcript Team", email="sam@team.example")

    async def advisor_does(what: str) -> None:
        from storage import participants

        assert acting is not None
        with Session(engine) as session:
            pid = participants.find_by_address(
                session=session, channel=channel.value, address=address
            )
        assert pid is not None
        handover = services.handover
        if what == "take over":
            await handover.take_over(acting, pid)
        elif what.startswith("reply "):
            await handover.reply(acting, pid, what.removeprefix("reply "))
        elif what == "hand back":
            await handover.hand_back(acting, pid)
        elif what == "lease":
            await handover.end_idle_leases()
        else:
            raise ValueError(f"unknown advisor step {what!r}")

    for kind, value in script.steps:
        if kind == "@":
            out.append(f"@ {value}")
            await advisor_does(value)
            await services.dispatcher.flush()
            out.extend(f"< {body}" for body in new_replies())
            out.extend(f"! {e}" for e in new_effects())
        elif kind == "#":
            out.append(value)
        elif kind == "channel":
            channel = Channel(value)
            out.append(f"channel: {value}")
        elif kind == "+":
            clock.advance(_duration(value))
            out.append(f"+ {value}")
            await services.runner.fire_due()
            await services.dispatcher.flush()
            out.extend(f"< {body}" for body in new_replies())
            out.extend(f"! {e}" for e in new_effects())
        else:
            out.append(f"> {value}" if value else ">")
            await services.runner.receive(InboundMessage(channel, address, value))
            await services.dispatcher.flush()
            out.extend(f"< {body}" for body in new_replies())
            out.extend(f"! {e}" for e in new_effects())
    return "\n".join(out) + "\n"


def _effects(services: Services) -> list[str]:
    with Session(services.engine) as session:
        changes = session.exec(select(OwnerChange).order_by(col(OwnerChange.id))).all()
        events = session.exec(select(SafetyEvent).order_by(col(SafetyEvent.id))).all()
        results = session.exec(select(OutcomeRow).order_by(col(OutcomeRow.id))).all()
        surveys = session.exec(select(ExitSurvey).order_by(col(ExitSurvey.id))).all()
        # Owner changes are append-only: a request that joins one already waiting shows only
        # when it makes it urgent (requests never stack).
        found = [
            (
                c.created_at,
                f"advisor requested: {c.reason}{' (urgent)' if c.urgent else ''}"
                if (c.before, c.after) == ("bot", "waiting")
                else f"owner: {c.before} -> {c.after} ({c.reason}"
                f"{', urgent' if c.urgent else ''}): {c.why}",
            )
            for c in changes
        ] + [(e.created_at, f"safety event: {e.concern}") for e in events]
        held = session.exec(
            select(MessageRow)
            .where(col(MessageRow.status) == "withheld")
            .order_by(col(MessageRow.id))
        ).all()
        found += [(m.updated_at, f"withheld, not sent: {m.message_key}") for m in held]
        wakes = session.exec(
            select(Nudge).where(col(Nudge.status) == "withheld").order_by(col(Nudge.id))
        ).all()
        found += [(n.updated_at, f"wake-up withheld: {n.kind} day {n.day}") for n in wakes]
        found += [
            (o.recorded_at, f"outcome: attempt {o.attempt} {o.kind} {o.result} on day {o.day}")
            for o in results
        ]
        found += [
            (
                s.recorded_at,
                f"exit survey: ease {s.ease}, helpful {s.helpful}, "
                f"recommend {s.recommend}, improve {s.improve!r}",
            )
            for s in surveys
        ]
    return [text for _, text in sorted(found, key=lambda pair: pair[0])]
