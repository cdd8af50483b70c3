"""A planned message that leaves late is checked again at send time, in virtual time: a restart
that ends inside quiet hours, inside the sleep after a night shift, past the day's latest hour,
and a provider outage that outlasts the six-hour rule."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.channels.base import SendFailed
from flows import Channel
from scheduler import ManualClock
from scheduler.planner import LATEST, send_late_at
from storage.tables import MessageRow, Nudge
from tests.bot.helpers import conversation_of, services_for
from tests.bot.test_shifts import local, pending, register, say


def planned_rows(engine: Engine, nudge: Nudge) -> list[MessageRow]:
    """The outbox rows written for `nudge` (they carry its due time)."""
    with Session(engine) as session:
        return list(
            session.exec(
                select(MessageRow).where(
                    col(MessageRow.participant_id) == nudge.participant_id,
                    col(MessageRow.planned_at) == nudge.due_at,
                )
            )
        )


async def restart_at(engine: Engine, clock: ManualClock, moment: datetime):  # type: ignore[no-untyped-def]
    """The server was down until `moment`; a new process fires what came due and sends."""
    clock.set(moment)
    services, senders = services_for(engine, clock)
    fired = await services.runner.fire_due()
    await services.dispatcher.flush()
    return services, senders, fired


async def test_a_restart_that_ends_inside_quiet_hours_drops_the_late_check_in(
    engine: Engine, clock: ManualClock
) -> None:
    first, _ = await register(engine, clock, "quinn", "1", "earlies mon tue wed thu fri", "yes")
    await say(first, "quinn", "QUIET", "9pm-7am")
    check_ins = [r for r in pending(engine) if r.kind == "check_in"]
    # An after-work check-in (15:30 and a few minutes, after an early shift).
    (due,) = [r for r in check_ins if time(15, 30) <= local(r.due_at).time() < time(15, 50)][:1]
    late = due.due_at + timedelta(hours=5, minutes=43)  # back at 21:14 or so: quiet hours
    assert local(late).time() >= time(21, 0)
    _services, senders, fired = await restart_at(engine, clock, late)
    assert fired >= 1  # the wake-up was in time for the six-hour rule ...
    assert senders["web"].texts("quinn") == []  # ... but nothing is sent in quiet hours
    assert [m.status for m in planned_rows(engine, due)] == ["dropped"]
    # The next one in the plan comes as usual.
    (following,) = [r for r in pending(engine) if r.due_at > late][:1]
    _services, senders, _ = await restart_at(engine, clock, following.due_at)
    assert len(senders["web"].texts("quinn")) >= 1


async def test_a_restart_inside_the_sleep_after_a_night_drops_the_nights_tip(
    engine: Engine, clock: ManualClock
) -> None:
    await register(engine, clock, "nico", "2", "nights mon-wed", "yes")
    conversation, _ = conversation_of(engine, Channel.WEB, "nico")
    # A tip at the night's break (02:00 and a few minutes); the night ends at 08:00.
    tips = [r for r in pending(engine) if r.kind == "shift_tip"]
    tip = next(r for r in tips if local(r.due_at).time() >= time(2, 5))
    back = tip.due_at + timedelta(hours=5, minutes=58)  # after 08:00: they are asleep
    assert local(back).time() >= time(8, 0)
    _services, senders, fired = await restart_at(engine, clock, back)
    assert fired >= 1
    assert senders["web"].texts("nico") == []
    assert [m.status for m in planned_rows(engine, tip)] == ["dropped"]
    assert conversation.roster is not None


async def test_a_restart_while_still_at_work_on_nights_sends_the_late_tip(
    engine: Engine, clock: ManualClock
) -> None:
    await register(engine, clock, "nell", "2", "nights mon-wed", "yes")
    tip = next(r for r in pending(engine) if r.kind == "shift_tip")
    _services, senders, _ = await restart_at(engine, clock, tip.due_at + timedelta(hours=2))
    assert len(senders["web"].texts("nell")) == 1  # 04:00 or so, at work: a good moment
    assert [m.status for m in planned_rows(engine, tip)] == ["sent"]


async def test_a_planned_message_held_by_an_outage_is_dropped_once_six_hours_late(
    engine: Engine, clock: ManualClock
) -> None:
    await register(engine, clock, "olly", "6")
    due = next(r for r in pending(engine) if r.kind == "check_in")
    clock.set(due.due_at)
    services, senders = services_for(engine, clock)
    senders["web"].fail_next(*[SendFailed("provider down") for _ in range(100)])
    await services.runner.fire_due()
    for _ in range(14):  # seven hours of outage, tried every half hour
        await services.dispatcher.flush()
        clock.advance(timedelta(minutes=30))
    senders["web"].recover()
    await services.dispatcher.flush()
    assert senders["web"].texts("olly") == []
    assert [m.status for m in planned_rows(engine, due)] == ["dropped"]


# The rule itself (pure): a late message moves to the end of the window it would land in when
# that is still the same day, and before the day's latest hour.


def test_a_late_message_inside_quiet_hours_that_end_the_same_day_moves_to_their_end() -> None:
    from flows.roster import QuietHours

    quiet = QuietHours(start=time(12, 0), end=time(14, 0))
    due = datetime(2026, 12, 1, 11, 30, tzinfo=UTC)
    now = datetime(2026, 12, 1, 12, 10, tzinfo=UTC)
    moment = send_late_at(
        due, now, roster=None, quiet=quiet, timezone="UTC", max_lateness=timedelta(hours=6)
    )
    assert moment == datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
    assert (
        send_late_at(
            due, now, roster=None, quiet=None, timezone="UTC", max_lateness=timedelta(hours=6)
        )
        == now
    )
    evening = datetime.combine(now.date(), LATEST, tzinfo=UTC) + timedelta(minutes=5)
    assert (
        send_late_at(
            due, evening, roster=None, quiet=None, timezone="UTC", max_lateness=timedelta(hours=12)
        )
        is None
    )  # past 21:30 and not at work
    assert (
        send_late_at(
            due, now, roster=None, quiet=quiet, timezone="UTC", max_lateness=timedelta(hours=2)
        )
        is None
    )  # the move would make it more than the allowed lateness
