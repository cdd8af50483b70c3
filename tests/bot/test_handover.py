"""Advisors take over and hand back, end to end on a real database: the queue, the send gate,
replies through the participant's own channel, isolation between providers, records."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.channels.base import InboundMessage
from bot.channels.recording import RecordingSender
from bot.handover import Acting, Invalid, NotAllowed, NotFound, QueueEntry, View
from bot.services import Services
from flows import Channel
from messages import catalog as m
from scheduler import ManualClock
from storage import outbox
from storage.tables import MessageRow, Nudge, OwnerChange
from tests.bot.helpers import a_provider, services_for

REGISTER = [
    *("hi", "yes", "35", "yes", "yes", "no", "nurse", "skip", "skip", "skip", "6"),
    *("20", "1", "2", "4", "1", "thursday", "yes"),  # quit Thursday 26 November
]


async def say(services: Services, address: str, *texts: str) -> None:
    for text in texts:
        await services.runner.receive(InboundMessage(Channel.WEB, address, text))
    await services.dispatcher.flush()


def pid_of(engine: Engine, address: str) -> int:
    with Session(engine) as session:
        row = session.exec(select(MessageRow).where(col(MessageRow.address) == address)).first()
        assert row is not None
        return row.participant_id


async def registered(
    engine: Engine, clock: ManualClock, address: str = "ada", **env: str
) -> tuple[Services, RecordingSender, int]:
    services, senders = services_for(engine, clock, **env)
    await say(services, address, *REGISTER)
    return services, senders["web"], pid_of(engine, address)


def since(sender: RecordingSender, mark: int) -> list[str]:
    return [message.body for message in sender.sent[mark:]]


async def test_the_whole_loop_ask_take_over_reply_hold_hand_back(
    engine: Engine, clock: ManualClock
) -> None:
    advisor = a_provider(engine, clock)
    services, web, pid = await registered(engine, clock)
    handover = services.handover

    mark = len(web.sent)
    await say(services, "ada", "ADVISOR")
    # Inside the provider's hours (24/7 here): told a person answers soon.
    assert since(web, mark) == [m.PERSON_SOON.text]
    (entry,) = await handover.queue(advisor, view=View.WAITING)
    assert (entry.participant_id, entry.reason, entry.channel, entry.locale) == (
        pid,
        "asked",
        "web",
        "en_GB",
    )
    assert await handover.waiting_count(advisor) == 1

    mark = len(web.sent)
    owner = await handover.take_over(advisor, pid)
    assert (owner.kind, owner.advisor_id) == ("advisor", advisor.advisor_id)
    assert owner.lease_until == clock.now() + timedelta(minutes=30)
    # The person is told at once that a person is here (through the send gate).
    await services.dispatcher.flush()
    assert since(web, mark) == [m.ADVISOR_JOINED.text]
    assert await handover.queue(advisor, view=View.WAITING) == []
    assert [e.participant_id for e in await handover.queue(advisor, view=View.MINE)] == [pid]

    # The participant's words go to the advisor; the bot says nothing.
    mark = len(web.sent)
    await say(services, "ada", "hi, I'm struggling on nights")
    assert since(web, mark) == []

    message_id = await handover.reply(advisor, pid, "Hi Ada, it's Sam from the team.")
    await services.dispatcher.flush()
    assert since(web, mark) == ["Hi Ada, it's Sam from the team."]
    with Session(engine) as session:
        row = session.get(MessageRow, message_id)
        assert row is not None
        assert (row.advisor_id, row.sent_by, row.status) == (
            advisor.advisor_id,
            f"advisor:{advisor.advisor_id}",
            "sent",
        )

    # A planned message due during the hold is withheld, not sent late.
    clock.set(datetime(2026, 11, 24, 10, 30, tzinfo=UTC))  # the day -2 preparation tip
    assert await services.runner.fire_due() == 1
    await services.dispatcher.flush()
    assert since(web, mark) == ["Hi Ada, it's Sam from the team."]

    await handover.hand_back(advisor, pid, feedback="Went well; wants evening texts")
    await services.dispatcher.flush()
    # A clear marker for the person, then the flow where it was (their quit date, here).
    assert since(web, mark)[1:] == [
        m.HANDED_BACK.text,
        # The question waiting when the advisor took over: a close quit date asks at once.
        "Your quit date is Thursday 26 November. What are your top reasons to stop? Reply in a "
        "few words and I'll remind you when it's hard.",
    ]
    with Session(engine) as session:
        statuses = {
            n.status for n in session.exec(select(Nudge).where(col(Nudge.participant_id) == pid))
        }
        pending = session.exec(
            select(Nudge).where(col(Nudge.participant_id) == pid, col(Nudge.status) == "pending")
        ).all()
    assert "withheld" in statuses
    assert pending and all(n.due_at > clock.now() for n in pending)  # planned from now

    mark = len(web.sent)
    await say(services, "ada", "CRAVE")
    assert since(web, mark)  # the bot answers again

    view = await handover.participant(advisor, pid)
    kinds = [e.kind for e in view.transcript]
    assert {"participant", "bot", "advisor", "marker", "note"} <= set(kinds)
    advisor_line = next(e for e in view.transcript if e.kind == "advisor")
    assert advisor_line.advisor_email == advisor.email
    markers = [e.body for e in view.transcript if e.kind == "marker"]
    assert markers[-1] == f"Handed back to the bot by {advisor.email}"
    assert any(e.body.startswith("Handover feedback: Went well") for e in view.transcript)
    assert view.owner.kind == "bot" and view.upcoming
    assert view.profile["age"] == 35
    with Session(engine) as session:
        log = [
            (c.before, c.after, c.why)
            for c in session.exec(select(OwnerChange).order_by(col(OwnerChange.id)))
        ]
    assert log == [
        ("bot", "waiting", "a person asked for"),
        ("waiting", "advisor", "taken over"),
        ("advisor", "bot", "handed back"),
    ]


async def test_a_bot_message_queued_before_a_takeover_is_withheld_and_safety_still_goes(
    engine: Engine, clock: ManualClock
) -> None:
    advisor = a_provider(engine, clock)
    services, web, pid = await registered(engine, clock)
    clock.set(datetime(2026, 11, 24, 10, 30, tzinfo=UTC))
    assert await services.runner.fire_due() == 1  # a tip is queued, not yet sent ...
    await services.handover.take_over(advisor, pid)  # ... and an advisor takes over
    mark = len(web.sent)
    await services.dispatcher.flush()
    assert since(web, mark) == [m.ADVISOR_JOINED.text]  # the tip is not sent
    mark = len(web.sent)
    with Session(engine) as session:
        (tip,) = session.exec(
            select(MessageRow).where(
                col(MessageRow.created_at) == clock.now(),
                col(MessageRow.message_key) != m.ADVISOR_JOINED.key,
            )
        ).all()
        assert (tip.sent_by, tip.status) == ("bot", "withheld")
        # Re-checked when claimed, too: a bot message that slipped into the queue during the
        # hold is withheld by the dispatcher itself; one marked to always go is sent.
        for key, always in (("journey.shift_tip", False), ("any.crisis", True)):
            outbox.enqueue(
                session=session,
                participant_id=pid,
                channel="web",
                address="ada",
                body=key,
                locale="en_GB",
                sent_by="bot",
                message_key=key,
                now=clock.now(),
                always_send=always,
            )
        session.commit()
    await services.dispatcher.flush()
    assert since(web, mark) == ["any.crisis"]

    await say(services, "ada", "I want to end it all")
    # The safety screen's replies go out at once, numbers unchanged; the closing line says
    # the advisor who holds the thread has been alerted (not "I've asked a person").
    assert since(web, mark)[1:] == [m.CRISIS.text, m.CRISIS_FOLLOW_UP_HELD.text]
    (entry,) = await services.handover.queue(advisor, view=View.MINE)
    assert entry.urgent  # still the advisor's, now urgent

    await say(services, "ada", "STOP")
    assert since(web, mark)[-1].startswith("You won't get any more messages")
    with pytest.raises(NotAllowed, match="STOP"):
        await services.handover.reply(advisor, pid, "Are you OK?")


async def test_the_first_reply_takes_over_and_another_advisor_is_refused(
    engine: Engine, clock: ManualClock
) -> None:
    sam = a_provider(engine, clock)
    kim = a_provider(engine, clock)
    lead = a_provider(engine, clock, role="lead")
    services, web, pid = await registered(engine, clock)
    await services.handover.reply(sam, pid, "Hello from Sam")
    await services.dispatcher.flush()
    (entry,) = await services.handover.queue(sam, view=View.MINE)
    assert entry.reason == "advisor_started"  # nobody had asked: the advisor started it
    with pytest.raises(NotAllowed):
        await services.handover.take_over(kim, pid)
    with pytest.raises(NotAllowed):
        await services.handover.reply(kim, pid, "Hi from Kim")
    with pytest.raises(NotAllowed):
        await services.handover.hand_back(kim, pid)
    mark = len(web.sent)
    await services.handover.hand_back(lead, pid)  # a lead may hand back anyone's
    await services.dispatcher.flush()
    assert since(web, mark)[0] == m.HANDED_BACK.text  # Sam wrote to them: they are told
    assert (await services.handover.participant(sam, pid)).owner.kind == "bot"
    with pytest.raises(Invalid):
        await services.handover.reply(sam, pid, "   ")


async def test_another_providers_advisor_sees_and_touches_nothing(
    engine: Engine, clock: ManualClock
) -> None:
    ours = a_provider(engine, clock, "North Team")
    services, _web, pid = await registered(engine, clock, QUITBOT_ALLOCATION="one:North Team")
    theirs = a_provider(engine, clock, "South Team")
    await say(services, "ada", "ADVISOR")
    assert await services.handover.queue(theirs, view=View.ALL) == []
    assert await services.handover.waiting_count(theirs) == 0
    calls = [
        services.handover.participant(theirs, pid),
        services.handover.transcript(theirs, pid),
        services.handover.take_over(theirs, pid),
        services.handover.reply(theirs, pid, "hi"),
        services.handover.hand_back(theirs, pid),
        services.handover.private_note(theirs, pid, "x"),
        services.handover.handover_feedback(theirs, pid, "x"),
        services.handover.record_first_appointment(theirs, pid, at=clock.now()),
        services.handover.record_co_reading(
            theirs, pid, ppm=3, taken_at=clock.now(), device="piCO"
        ),
        services.handover.participant(theirs, pid + 1000),  # a guessed id
        services.handover.participant(ours, pid + 1000),
    ]
    for call in calls:
        with pytest.raises(NotFound):
            await call
    assert (await services.handover.participant(ours, pid)).owner.kind == "waiting"
    before = await services.handover.stamp(theirs)
    await say(services, "ada", "hello?")
    assert await services.handover.stamp(theirs) == before  # their stream hears nothing
    assert await services.handover.stamp(ours) != before


async def test_outside_the_providers_hours_the_person_is_told_when_with_crisis_numbers(
    engine: Engine, clock: ManualClock
) -> None:
    a_provider(engine, clock, hours="Mon-Fri 08:00-20:00")
    services, web, _pid = await registered(engine, clock)
    clock.set(datetime(2026, 11, 28, 22, 0, tzinfo=UTC))  # Saturday night
    mark = len(web.sent)
    await say(services, "ada", "can I speak to someone")
    (told,) = since(web, mark)
    assert "Monday 30 November, 08:00" in told and "Samaritans 116 123" in told


async def test_closing_within_the_hour_counts_as_closed(
    engine: Engine, clock: ManualClock
) -> None:
    a_provider(engine, clock, hours="Mon-Fri 08:00-20:00")
    services, web, _pid = await registered(engine, clock)
    clock.set(datetime(2026, 11, 24, 19, 30, tzinfo=UTC))  # Tuesday, 30 minutes to close
    mark = len(web.sent)
    await say(services, "ada", "ADVISOR")
    assert "Wednesday 25 November, 08:00" in since(web, mark)[0]


async def test_an_idle_advisors_lease_ends_and_the_person_waits_again(
    engine: Engine, clock: ManualClock
) -> None:
    advisor = a_provider(engine, clock)
    services, web, pid = await registered(engine, clock, QUITBOT_ADVISOR_LEASE_MINUTES="10")
    await say(services, "ada", "ADVISOR")
    await services.handover.take_over(advisor, pid)
    clock.advance(timedelta(minutes=9))
    await services.handover.reply(advisor, pid, "Still here")  # renews the lease
    clock.advance(timedelta(minutes=9))
    assert await services.handover.end_idle_leases() == 0
    clock.advance(timedelta(minutes=2))
    assert await services.handover.end_idle_leases() == 1
    (entry,) = await services.handover.queue(advisor, view=View.WAITING)
    assert entry.reason == "asked" and entry.held_by is None
    mark = len(web.sent)
    await say(services, "ada", "CRAVE")
    assert since(web, mark)  # the bot answers meanwhile


async def test_co_readings_and_first_appointments_are_validated_and_recorded(
    engine: Engine, clock: ManualClock
) -> None:
    advisor = a_provider(engine, clock)
    services, _web, pid = await registered(engine, clock)
    handover = services.handover
    now = clock.now()
    for ppm in (-1, 101):
        with pytest.raises(Invalid, match="0 to 100"):
            await handover.record_co_reading(advisor, pid, ppm=ppm, taken_at=now, device="piCO")
    with pytest.raises(Invalid, match="future"):
        await handover.record_co_reading(
            advisor, pid, ppm=4, taken_at=now + timedelta(hours=1), device="piCO"
        )
    with pytest.raises(Invalid, match="outside"):
        await handover.record_co_reading(
            advisor, pid, ppm=4, taken_at=now - timedelta(days=30), device="piCO"
        )
    with pytest.raises(Invalid, match="monitor"):
        await handover.record_co_reading(advisor, pid, ppm=4, taken_at=now, device=" ")
    await handover.record_first_appointment(advisor, pid, at=now - timedelta(hours=1))
    await handover.record_co_reading(advisor, pid, ppm=4, taken_at=now, device="piCO Smokerlyzer")
    view = await handover.participant(advisor, pid)
    assert [(r.kind, r.ppm, r.attempt) for r in view.clinical] == [
        ("first_appointment", None, 1),
        ("co_reading", 4, 1),
    ]
    assert any("CO reading 4 ppm (piCO Smokerlyzer)" in e.body for e in view.transcript)


async def test_canned_replies_are_per_provider_and_edited_by_leads(
    engine: Engine, clock: ManualClock
) -> None:
    advisor = a_provider(engine, clock)
    lead = a_provider(engine, clock, role="lead")
    other_lead = a_provider(engine, clock, "South Team", role="lead")
    services, _senders = services_for(engine, clock)
    handover = services.handover
    with pytest.raises(NotAllowed):
        await handover.add_canned_reply(advisor, locale="en_GB", title="Hi", body="Hello")
    with pytest.raises(Invalid):
        await handover.add_canned_reply(lead, locale="fr", title="Hi", body="Bonjour")
    reply_id = await handover.add_canned_reply(
        lead, locale="cy", title="Helo", body="Shwmae, Sam sydd yma."
    )
    await handover.add_canned_reply(lead, locale="en_GB", title="Hello", body="Hi, it's Sam.")
    assert [r.title for r in await handover.canned_replies(advisor, locale="cy")] == ["Helo"]
    assert len(await handover.canned_replies(advisor)) == 2
    assert await handover.canned_replies(other_lead) == []
    with pytest.raises(NotFound):
        await handover.edit_canned_reply(other_lead, reply_id, title="x", body="y")
    await handover.edit_canned_reply(lead, reply_id, title="Helo", body="Shwmae!")
    assert [r.body for r in await handover.canned_replies(advisor, locale="cy")] == ["Shwmae!"]


async def test_a_hold_without_a_reply_is_handed_back_with_an_honest_word(
    engine: Engine, clock: ManualClock
) -> None:
    advisor = a_provider(engine, clock)
    services, web, pid = await registered(engine, clock)
    await say(services, "ada", "ADVISOR")
    await services.handover.take_over(advisor, pid)  # e.g. phoned them instead
    await services.dispatcher.flush()  # (told a person is here)
    mark = len(web.sent)
    await services.handover.hand_back(advisor, pid, feedback="Phoned: all fine")
    await services.dispatcher.flush()
    # They were told a person would reply shortly: they are not left waiting for it.
    told = since(web, mark)
    assert told[0].startswith("Sorry, nobody from the team could reply this time.")
    assert await services.handover.queue(advisor) == []


async def test_availability_capacity_and_load(engine: Engine, clock: ManualClock) -> None:
    advisor = a_provider(engine, clock)
    services, _web, pid = await registered(engine, clock)
    state = await services.handover.set_availability(advisor, online=True, capacity=3)
    # Chose online, but no console page is open (no session here): counts as away.
    assert (state.chose_online, state.online, state.capacity, state.holding) == (
        True,
        False,
        3,
        0,
    )
    await services.handover.take_over(advisor, pid)
    (team,) = await services.handover.team(advisor)
    assert (team.email, team.chose_online, team.holding) == (advisor.email, True, 1)
    with pytest.raises(Invalid):
        await services.handover.set_availability(advisor, online=True, capacity=0)
    assert await services.handover.advisor(advisor.advisor_id) == advisor
    assert await services.handover.advisor(advisor.advisor_id + 99) is None


async def test_the_queue_is_urgent_first_then_oldest(engine: Engine, clock: ManualClock) -> None:
    advisor = a_provider(engine, clock)
    services, _senders = services_for(engine, clock)
    for name, text in (("first", "ADVISOR"), ("second", "ADVISOR"), ("third", "kms")):
        await say(services, name, "hi")
        await say(services, name, text)
        clock.advance(timedelta(minutes=1))
    queue = await services.handover.queue(advisor)
    assert [(pid_of(engine, n), n == "third") for n in ("third", "first", "second")] == [
        (e.participant_id, e.urgent) for e in queue
    ]


def test_acting_knows_a_lead() -> None:
    assert Acting(1, 1, "a@b.example", "lead").lead
    assert not Acting(1, 1, "a@b.example", "advisor").lead


def provider_of(engine: Engine, pid: int) -> str | None:
    from storage import providers

    with Session(engine) as session:
        found = providers.provider_of(session=session, participant_id=pid)
        return None if found is None else found.name


async def test_allocation_by_employer_with_a_fallback(engine: Engine, clock: ManualClock) -> None:
    a_provider(engine, clock, "North Team")
    a_provider(engine, clock, "South Team")
    services, _senders = services_for(
        engine, clock, QUITBOT_ALLOCATION="employer:royal=South Team;*=North Team"
    )
    await say(services, "ada", *REGISTER[:7])
    pid = pid_of(engine, "ada")
    assert provider_of(engine, pid) == "North Team"  # employer not known yet: the fallback
    await say(services, "ada", "Royal Infirmary")  # the employer question's answer
    assert provider_of(engine, pid) == "South Team"
    await say(services, "bob", *REGISTER[:7], "St Elsewhere")
    assert provider_of(engine, pid_of(engine, "bob")) == "North Team"


async def test_round_robin_allocation_balances_providers(
    engine: Engine, clock: ManualClock
) -> None:
    a_provider(engine, clock, "North Team")
    a_provider(engine, clock, "South Team")
    services, _senders = services_for(engine, clock, QUITBOT_ALLOCATION="round-robin")
    for name in ("a", "b", "c", "d"):
        await say(services, name, "hi")
    names = sorted(provider_of(engine, pid_of(engine, n)) or "" for n in ("a", "b", "c", "d"))
    assert names == ["North Team", "North Team", "South Team", "South Team"]


async def test_a_welsh_speaker_is_told_in_welsh_with_the_samaritans_number(
    engine: Engine, clock: ManualClock
) -> None:
    a_provider(engine, clock, hours="Mon-Fri 08:00-20:00")
    services, senders = services_for(engine, clock)
    clock.set(datetime(2026, 11, 28, 22, 0, tzinfo=UTC))  # Saturday night
    await say(services, "dai", "CYMRAEG")
    mark = len(senders["web"].sent)
    await say(services, "dai", "ga i siarad â rhywun")
    (told,) = since(senders["web"], mark)
    assert "dydd Llun 30 Tachwedd, 08:00" in told
    # Samaritans' free 24-hour number: its Welsh-language line answers only in the evenings.
    assert "116 123" in told


async def test_the_page_lists_messages_the_bot_could_not_read_and_safety_events(
    engine: Engine, clock: ManualClock
) -> None:
    advisor = a_provider(engine, clock)
    services, _senders = services_for(engine, clock)
    await say(services, "ada", "hi", "yes", "banana", "34", "honestly I want to end it all")
    view = await services.handover.participant(advisor, pid_of(engine, "ada"))
    assert [e.body for e in view.unrecognised] == ["banana"]
    (event,) = view.safety_events
    assert (event.concern, event.message) == ("crisis", "honestly I want to end it all")
    assert view.owner.kind == "waiting" and view.owner.urgent


async def test_an_advisors_sms_reply_uses_the_same_outbox_retries_and_segment_count(
    engine: Engine, clock: ManualClock
) -> None:
    from bot.channels.base import SendFailed

    advisor = a_provider(engine, clock)
    services, senders = services_for(engine, clock)
    phone = "+447700900123"
    for text in ("hi", "ADVISOR"):
        await services.runner.receive(InboundMessage(Channel.SMS, phone, text))
    await services.dispatcher.flush()
    with Session(engine) as session:
        pid = session.exec(select(MessageRow.participant_id)).first()
    assert pid is not None
    sms = senders["sms"]
    sms.fail_next(SendFailed("carrier busy"))
    long_reply = "Thanks for getting in touch. " * 7  # two GSM-7 segments
    message_id = await services.handover.reply(advisor, pid, long_reply)
    await services.dispatcher.flush()
    with Session(engine) as session:
        row = session.get(MessageRow, message_id)
        assert row is not None and (row.status, row.attempts) == ("queued", 1)
    clock.advance(timedelta(seconds=31))  # the first back-off
    await services.dispatcher.flush()
    assert sms.sent[-1].body == long_reply.strip() and sms.sent[-1].address == phone
    (line,) = [e for e in await services.handover.transcript(advisor, pid) if e.kind == "advisor"]
    assert (line.status, line.channel, line.segments) == ("sent", "sms", 2)


async def test_the_web_chat_never_shows_a_withheld_message(
    engine: Engine, clock: ManualClock
) -> None:
    from storage import transcript

    advisor = a_provider(engine, clock)
    services, _web, pid = await registered(engine, clock)
    clock.set(datetime(2026, 11, 24, 10, 30, tzinfo=UTC))
    assert await services.runner.fire_due() == 1  # a tip queued ...
    await services.handover.take_over(advisor, pid)  # ... and withheld by the takeover
    with Session(engine) as session:
        shown = transcript.history(session=session, participant_id=pid)
        withheld = session.exec(
            select(MessageRow).where(col(MessageRow.status) == "withheld")
        ).one()
    assert withheld.id not in {row.id for row in shown}
    assert shown  # the rest of the conversation is there


async def test_the_queue_shows_who_wrote_since_the_advisors_last_reply(
    engine: Engine, clock: ManualClock
) -> None:
    from sqlalchemy import event

    sam = a_provider(engine, clock)
    kim = a_provider(engine, clock)  # a colleague in the same team
    services, _web, pid = await registered(engine, clock)
    handover = services.handover

    def row() -> QueueEntry:
        return next(e for e in entries if e.participant_id == pid)

    asked_at = clock.advance(timedelta(minutes=5))
    await say(services, "ada", "ADVISOR")
    (entry,) = entries = await handover.queue(sam)
    # Waiting: they have written (asked) and nobody has answered yet.
    assert (entry.last_message_at, entry.unanswered_since, entry.last_reply_at) == (
        asked_at,
        asked_at,
        None,
    )
    await handover.take_over(sam, pid)
    assert await handover.unanswered_count(sam) == 1  # the request itself is unanswered
    assert await handover.unanswered_count(kim) == 0  # not Kim's

    replied_at = clock.advance(timedelta(minutes=2))
    await handover.reply(sam, pid, "Hi Ada, it's Sam.")
    entries = await handover.queue(sam, view=View.MINE)
    assert (row().unanswered_since, row().last_reply_at) == (None, replied_at)
    assert await handover.unanswered_count(sam) == 0

    wrote_at = clock.advance(timedelta(minutes=3))
    await say(services, "ada", "are you still there?")
    clock.advance(timedelta(minutes=1))
    again_at = clock.now()
    await say(services, "ada", "I really need to talk")
    entries = await handover.queue(sam, view=View.MINE)
    assert (row().last_message_at, row().unanswered_since) == (again_at, wrote_at)
    assert await handover.unanswered_count(sam) == 1

    # A fixed number of queries whoever is in the queue (no query per row).
    statements: list[str] = []

    def counted(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", counted)
    try:
        await handover.queue(sam)
        one = len(statements)
        await say(services, "bob", "hi", "ADVISOR")
        await say(services, "cat", "hi", "ADVISOR")
        statements.clear()
        entries = await handover.queue(sam)
        assert len(entries) == 3 and len(statements) == one
    finally:
        event.remove(engine, "before_cursor_execute", counted)

    await handover.reply(sam, pid, "Yes, I'm here.")
    assert await handover.unanswered_count(sam) == 0


async def test_a_resent_reply_with_the_same_key_reaches_the_person_once(
    engine: Engine, clock: ManualClock
) -> None:
    import anyio

    sam = a_provider(engine, clock)
    kim = a_provider(engine, clock)
    services, web, pid = await registered(engine, clock)
    await say(services, "bob", "hi")
    bob = pid_of(engine, "bob")
    handover = services.handover
    await handover.take_over(sam, pid)
    await services.dispatcher.flush()
    mark = len(web.sent)

    first = await handover.reply(sam, pid, "Hi Ada, it's Sam.", key="form-1")
    # The answer was lost; Sam presses Send again (twice, at once): nothing more is stored.
    again: list[int] = []

    async def resend() -> None:
        again.append(await handover.reply(sam, pid, "Hi Ada, it's Sam.", key="form-1"))

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(resend)
        tasks.start_soon(resend)
    assert again == [first, first]
    await services.dispatcher.flush()
    assert since(web, mark) == ["Hi Ada, it's Sam."]
    with Session(engine) as session:
        rows = session.exec(select(MessageRow).where(col(MessageRow.client_key) == "form-1")).all()
    assert [(r.id, r.advisor_id, r.participant_id) for r in rows] == [(first, sam.advisor_id, pid)]

    # A new form (a new key) is a new message; keys are per advisor.
    second = await handover.reply(sam, pid, "Still there?", key="form-2")
    assert second != first
    with pytest.raises(NotAllowed):  # Sam holds it: Kim's reply is refused, key or not
        await handover.reply(kim, pid, "Hello", key="form-1")
    with pytest.raises(Invalid, match="someone else"):
        await handover.reply(sam, bob, "Hi Bob", key="form-1")
    for bad in ("", "x" * 65, "has space", "caf\u00e9"):
        with pytest.raises(Invalid, match="key"):
            await handover.reply(sam, pid, "Hello", key=bad)
    await services.dispatcher.flush()
    assert since(web, mark) == ["Hi Ada, it's Sam.", "Still there?"]
