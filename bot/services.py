"""The services one quitbot process runs, built once from settings (the composition root)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from typing import Any

from sqlalchemy import Engine

from bot.change_bridge import bridge_for
from bot.changes import Changes
from bot.channels.base import Sender
from bot.channels.web import WebSender
from bot.dispatcher import Dispatcher
from bot.example_net import shared_example_net
from bot.handover import Handover
from bot.ingress import Ingress
from bot.intent_net import shared_intent_net
from bot.pacing import Pacer
from bot.runner import Runner
from bot.settings import Settings
from flows import Channel, Conversation
from flows.intent import Label
from flows.safety import NetHint
from messages.render import Renderer
from scheduler import Clock, SystemClock
from storage import make_engine, make_reader

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Worker:
    """How to tell the process that applies the journal and sends the outbox."""

    journaled: Callable[[], None]  # something was journaled
    queued: Callable[[Collection[str] | None], None]  # something was queued (on these channels)


@dataclass
class Services:
    """Everything the web app, the ticker and the CLI share."""

    settings: Settings
    engine: Engine
    clock: Clock
    renderer: Renderer
    runner: Runner
    dispatcher: Dispatcher
    senders: dict[str, Sender]
    handover: Handover
    ingress: Ingress
    # Reads that never wait behind writes (SQLite: no write lock; PostgreSQL: `engine` itself).
    reader: Engine | None = None
    # The in-process change signal the console's live views wait on (bot/changes.py).
    changes: Changes = field(default_factory=Changes)
    telegram: Any = None  # telegram.ext.Application when Telegram is on
    closers: list[Any] = field(default_factory=list)


def build_services(
    settings: Settings,
    *,
    engine: Engine | None = None,
    clock: Clock | None = None,
    senders: Mapping[str, Sender] | None = None,
    worker: Worker | None = None,
    own_journal_connection: bool = False,
    quiet: bool = False,
) -> Services:
    """Wire runner, dispatcher and senders. `senders` replaces the real ones (tests, chat).

    `worker`: the journal is applied and the outbox sent by another process (`quitbot serve`'s
    worker, bot/worker.py), told through these; this process's runner then does only what the
    console and the status webhook ask, so the safety screen's nets are not loaded here.
    `own_journal_connection`: webhooks journal through a connection of their own (`serve`).
    `quiet`: no warnings about settings (the worker: the web process said them)."""
    engine = engine or make_engine(settings.database_url)
    if not settings.safety_net and not quiet:
        log.warning("safety example net OFF (QUITBOT_SAFETY_NET=off): the rules alone screen")
    reader = make_reader(engine)
    changes = Changes(bridge_for(engine.url.render_as_string(hide_password=False)))
    clock = clock or SystemClock()
    renderer = Renderer({"privacy_url": settings.privacy_url})
    telegram_app = None
    closers: list[Any] = []
    real_senders = senders is None
    if senders is None:
        built: dict[str, Sender] = {Channel.WEB.value: WebSender()}
        if settings.twilio_status()[0]:
            from bot.channels.sms import TwilioSender

            twilio_sender = TwilioSender.from_settings(settings)
            built[Channel.SMS.value] = twilio_sender
            closers.append(twilio_sender)
        if settings.telegram_status()[0]:
            from bot.channels.telegram_bot import TelegramSender, build_application

            telegram_app = build_application(
                token=settings.telegram_bot_token or "", api_base=settings.telegram_api_base
            )
            built[Channel.TELEGRAM.value] = TelegramSender(telegram_app.bot)
        senders = built
    # Provider limits apply to the real providers; injected senders (tests, chat) are not paced.
    rates = {Channel.TELEGRAM.value: settings.telegram_rate, Channel.SMS.value: settings.sms_rate}
    pacer = Pacer(rates if real_senders else {})
    dispatcher = Dispatcher(
        engine=engine,
        clock=clock,
        senders=senders,
        pacer=pacer,
        sleep_until=settings.night_sleep_until,
        reader=reader,
    )
    # Who is told that replies were queued (on which channels, where that is known).
    queued = dispatcher.kick if worker is None else worker.queued
    runner = Runner(
        engine=engine,
        clock=clock,
        renderer=renderer,
        newcomer=Conversation(
            locale=settings.default_locale,
            timezone=settings.timezone,
            pack_price_pence=settings.pack_price_pence,
            twelve_week_window=settings.twelve_week_window,
        ),
        after_commit=partial(queued, None),
        daily_cap=settings.daily_cap,
        sleep_after_nights_until=settings.night_sleep_until,
        safety_net=_safety_net(settings) if worker is None else None,
        allocation=settings.allocation,
        intent_net=_intent_net(settings) if worker is None else None,
        link_key=settings.secret_key,
        on_change=changes.changed_many,
    )
    handover = Handover(
        engine=engine,
        clock=clock,
        runner=runner,
        lease=timedelta(minutes=settings.advisor_lease_minutes),
        reader=reader,
        changes=changes,
    )
    dispatcher.set_refused_handler(runner.refuse)
    ingress = Ingress(
        engine=engine,
        runner=runner,
        after_commit=queued,
        elsewhere=None if worker is None else worker.journaled,
        own_connection=own_journal_connection,
    )
    return Services(
        settings=settings,
        engine=engine,
        clock=clock,
        renderer=renderer,
        runner=runner,
        dispatcher=dispatcher,
        senders=dict(senders),
        handover=handover,
        ingress=ingress,
        reader=reader,
        changes=changes,
        telegram=telegram_app,
        closers=closers,
    )


def _intent_net(settings: Settings) -> Callable[[str], Label | None] | None:
    """The intent net's guess, sharing the safety net's model (off when that is off)."""
    if not settings.safety_net:
        return None
    net = shared_intent_net()
    return net.guess if net is not None else None


def _safety_net(settings: Settings) -> Callable[[str], NetHint | None] | None:
    """The example net's judge, loaded once a process (it holds some 100 MB), or None."""
    if not settings.safety_net:
        return None
    net = shared_example_net()
    return net.judge if net is not None else None
