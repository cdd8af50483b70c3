"""The quit attempt: preparation, quit day, daily check-ins and cravings.

    PREPARING --quit day--> QUITTING
    QUITTING: a check-in asks SMOKED -> (HOW_MANY) -> CRAVING -> MOOD -> progress

Wake-ups say *which programme day* something is due; the scheduler decides the moment.
A slip is counted against the day it happened, never as a reset of the attempt.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flows import answers, cravings, follow_up, safety_replies, shifts
from flows import progress as check_ins
from flows.cravings import Whereabouts
from flows.effects import (
    AdvisorReason,
    AskAgainLater,
    Effect,
    RecordOutcome,
    RecordSafetyEvent,
    Reply,
    RequestAdvisor,
    SafetyConcern,
    ScheduleWakes,
    TellWhenPerson,
)
from flows.events import WakeDue
from flows.intent import Label, intent_of, many, quantity, smoke_free, tidy
from flows.model import (
    Asking,
    Conversation,
    FollowUp,
    OutcomeResult,
    QuitAid,
    Stage,
    WorkPattern,
)
from flows.outcome import Answered, NotUnderstood, Outcome, scale_not_understood
from flows.programme import (
    FOLLOW_UP_GRACE_DAYS,
    SHORT_NOTICE_DAYS,
    Due,
    Wake,
    plan,
    programme_day,
)
from flows.roster import PRESETS, ShiftKind
from flows.roster_text import RosterReading
from flows.safety import Concern, screen
from flows.text import words
from messages import catalog as m
from messages.catalog import Money

FOLLOW_UP_ASKING = (
    Asking.FOLLOW_UP_4W,
    Asking.FOLLOW_UP_12W,
    Asking.SURVEY_EASE,
    Asking.SURVEY_HELPFUL,
    Asking.SURVEY_RECOMMEND,
    Asking.SURVEY_IMPROVE,
)
RELAPSE_DISCHARGE_AFTER = 14  # days in RELAPSED without a new date before the exit survey
SHIFT_TIPS = (m.SHIFT_TIP_BREAK, m.SHIFT_TIP_PASSES, m.SHIFT_TIP_COLLEAGUE)
# This many CRAVE texts within the window, and a person is offered.
CRAVINGS_BEFORE_OFFER, CRAVING_WINDOW = 3, timedelta(hours=1)
CIGARETTES_PER_PACK = 20
# Their triggers are quoted in an on-shift tip at most this often, and this many times.
TRIGGERS_EVERY_DAYS, TRIGGERS_AT_MOST = 4, 3
# A shift starting this soon counts as "on shift" for the quit day's shift message.
SHIFT_SOON = timedelta(minutes=90)
# Wake-ups the scheduler may move a few days later: a replan keeps them a while after their day.
_GRACE = (
    Due.FOLLOW_UP_4W,
    Due.FOLLOW_UP_4W_AGAIN,
    Due.FOLLOW_UP_12W,
    Due.FOLLOW_UP_12W_AGAIN,
    Due.DISCHARGE,
)


def start_plan(conversation: Conversation, quit_date: date, *, today: date) -> Answered:
    """A quit date was set: a new attempt, and the programme's wake-ups from now on."""
    planned = replace(
        conversation,
        attempt=conversation.attempt + 1,
        plan=conversation.plan + 1,
        smoked_days=(),
        cigarettes_smoked=0,
        asking=None,
        check_in_day=None,
        followed_up=(),
        craving_times=(),
        told=(),
    )
    days_to_quit_date = (quit_date - today).days
    wakes = tuple(
        plan(
            days_to_quit_date=days_to_quit_date,
            twelve_week_window=conversation.twelve_week_window,
        )
    )
    effects: tuple[Effect, ...] = (ScheduleWakes(wakes, quit_date, planned.plan),)
    if days_to_quit_date <= SHORT_NOTICE_DAYS:
        # No days to prepare in: reasons and triggers now, while they are here.
        asked = _ask_own_words(planned)
        if asked is not None:
            planned, question = asked
            effects += (question,)
    return Answered(planned, effects)


def needs_preparing(conversation: Conversation) -> bool:
    """Their reasons or their triggers are still to be asked for (a short quit date asks them
    as soon as it is set)."""
    return conversation.reasons is None or conversation.triggers is None


def _ask_own_words(conversation: Conversation) -> tuple[Conversation, Reply] | None:
    """The next of reasons and triggers not yet known nor asked in this attempt, as a question."""
    told = conversation.told
    if conversation.reasons is None and "asked:reasons" not in told:
        asking = replace(conversation, asking=Asking.REASONS, told=(*told, "asked:reasons"))
        return asking, Reply(m.ASK_REASONS_NOW)
    if conversation.triggers is None and "asked:triggers" not in told:
        asking = replace(conversation, asking=Asking.TRIGGERS, told=(*told, "asked:triggers"))
        return asking, Reply(m.ASK_TRIGGERS)
    return None


def wake(conversation: Conversation, event: WakeDue, *, now: datetime) -> Answered:
    """A planned wake-up came due for this conversation's current plan."""
    if event.due is Due.ASK_AGAIN:
        # "Later": the question still waiting, if one is (and not during a safety hold).
        if conversation.asking is None or safety_replies.holding(conversation, now):
            return Answered(conversation, ())
        return Answered(conversation, ask(conversation))
    quit_date = conversation.quit_date
    active = (Stage.PREPARING, Stage.QUITTING, Stage.RELAPSED)
    if quit_date is None or conversation.stage not in active:
        return Answered(conversation, ())
    if event.day >= 0 and conversation.stage is Stage.PREPARING:
        # The quit day has come even if its own message was dropped (an outage, PAUSE).
        conversation = replace(conversation, stage=Stage.QUITTING)
    if event.due not in (Due.PREPARE, Due.QUIT_DAY, Due.CHECK_IN, Due.SHIFT_TIP, *_SUPPORT):
        return follow_up.wake(conversation, event.due, event.day)
    if conversation.stage is Stage.RELAPSED:
        return Answered(conversation, ())
    if event.due in _SUPPORT:
        # Held during a safety hold, as check-ins and tips are.
        if safety_replies.holding(conversation, now):
            return Answered(conversation, ())
        if event.due is Due.LEARN:
            return _learn(conversation, event.day)
        return _quit_day_support(conversation, event.due, now=now)
    match event.due:
        case Due.SHIFT_TIP:
            return _shift_tip(conversation, quit_date, event.day)
        case Due.PREPARE:
            told = conversation.told
            if event.day == -2 and conversation.reasons is None and "asked:reasons" not in told:
                asking = replace(
                    conversation, asking=Asking.REASONS, told=(*told, "asked:reasons")
                )
                return Answered(asking, (Reply(m.ASK_REASONS, {"date": quit_date}),))
            if event.day == -3 and conversation.triggers is None and "asked:triggers" not in told:
                asking = replace(
                    conversation, asking=Asking.TRIGGERS, told=(*told, "asked:triggers")
                )
                return Answered(asking, (Reply(m.ASK_TRIGGERS),))
            tip = (
                m.PREPARE_TOMORROW
                if event.day == -1
                else (m.PREPARE_REASONS if event.day % 2 else m.PREPARE_TRIGGERS)
            )
            return Answered(conversation, (Reply(tip, {"date": quit_date}),))
        case Due.QUIT_DAY:
            return Answered(replace(conversation, stage=Stage.QUITTING), (Reply(m.QUIT_DAY),))
        case Due.CHECK_IN:
            if conversation.asking in FOLLOW_UP_ASKING:
                return Answered(conversation, ())  # the follow-up question comes first
            asking = replace(
                conversation, stage=Stage.QUITTING, asking=Asking.SMOKED, check_in_day=event.day
            )
            return Answered(asking, ask(asking))
    return Answered(conversation, ())


def _shift_tip(conversation: Conversation, quit_date: date, day: int) -> Answered:
    """A tip for a working day (a different one each time), or for a day off. Now and then on
    a working day, their own triggers, quoted back if today's screen finds nothing in them:
    at most every few days and a few times in all, never in every message."""
    roster = conversation.roster
    if roster is None or roster.kind_on(quit_date + timedelta(days=day)) is None:
        return Answered(conversation, (Reply(m.DAY_OFF_TIP),))
    quoted = [int(k.split(":")[1]) for k in conversation.told if k.startswith("triggers:")]
    triggers = conversation.triggers
    if (
        triggers
        and len(quoted) < TRIGGERS_AT_MOST
        and all(day - d >= TRIGGERS_EVERY_DAYS for d in quoted)
        and _fit_to_quote(triggers)
    ):
        told = replace(conversation, told=(*conversation.told, f"triggers:{day}"))
        return Answered(told, (Reply(m.SHIFT_TIP_TRIGGERS, {"triggers": triggers}),))
    return Answered(conversation, (Reply(SHIFT_TIPS[day % len(SHIFT_TIPS)]),))


_SUPPORT = (Due.QUIT_DAY_SHIFT, Due.QUIT_DAY_END, Due.LEARN)


def _quit_day_support(conversation: Conversation, due: Due, *, now: datetime) -> Answered:
    """Quit day, through the day: at (or just before) the shift, or the afternoon of a day
    off, with their triggers if they gave them; then the day's end, after the shift or in the
    evening (or late in a night shift)."""
    where = cravings.whereabouts(conversation, now=now)
    if due is Due.QUIT_DAY_END:
        if where is Whereabouts.AT_WORK:
            return Answered(conversation, (Reply(m.QUIT_DAY_SHIFT_END),))
        if where is Whereabouts.GOING_HOME:
            return Answered(conversation, (Reply(m.QUIT_DAY_AFTER_SHIFT),))
        return Answered(conversation, (Reply(m.QUIT_DAY_END),))
    on_shift = where is Whereabouts.AT_WORK or _shift_soon(conversation, now)
    triggers = conversation.triggers
    if triggers and _fit_to_quote(triggers):
        message = m.QUIT_DAY_SHIFT_TRIGGERS if on_shift else m.QUIT_DAY_AFTERNOON_TRIGGERS
        told = replace(conversation, told=(*conversation.told, "triggers:0"))
        return Answered(told, (Reply(message, {"triggers": triggers}),))
    return Answered(conversation, (Reply(m.QUIT_DAY_SHIFT if on_shift else m.QUIT_DAY_AFTERNOON),))


def _shift_soon(conversation: Conversation, now: datetime) -> bool:
    """A rostered shift starts within SHIFT_SOON of `now`."""
    roster = conversation.roster
    if roster is None:
        return False
    local = now.astimezone(ZoneInfo(conversation.timezone)).replace(tzinfo=None)
    kind = roster.kind_on(local.date())
    if kind is None:
        return False
    starts = datetime.combine(local.date(), PRESETS[kind][0])
    return starts - SHIFT_SOON <= local < starts


# What to expect, by programme day (programme.LEARN_DAYS); sources in docs/withdrawal.md.
_LEARN = {
    2: m.LEARN_WITHDRAWAL,
    3: m.LEARN_CAFFEINE,
    5: m.LEARN_SLEEP,
    6: m.LEARN_CONCENTRATION,
    8: m.LEARN_APPETITE,
    10: m.LEARN_WITHDRAWAL_PEAK,
    11: m.LEARN_SLEEP_PATCH,
    12: m.LEARN_COUGH,
    15: m.LEARN_MOOD,
    18: m.LEARN_HABIT,
    24: m.LEARN_FOUR_WEEKS,
    38: m.LEARN_SOCIAL,
    52: m.LEARN_TREAT,
    66: m.LEARN_NOT_ONE,
    73: m.LEARN_STRESS,
}


def learn_message(conversation: Conversation, day: int) -> m.Message | None:
    """The "what to expect" message for programme day `day`, made for this person: sleep
    after nights for night workers, patches only for NRT, the varenicline warning with mood."""
    message = _LEARN.get(day)
    aid = conversation.profile.quit_aid
    if message is m.LEARN_SLEEP and works_nights(conversation):
        return m.LEARN_SLEEP_NIGHTS
    if message is m.LEARN_SLEEP_PATCH and aid is not QuitAid.NRT:
        return None
    if message is m.LEARN_MOOD and aid is QuitAid.VARENICLINE:
        return m.LEARN_MOOD_VARENICLINE
    return message


def _learn(conversation: Conversation, day: int) -> Answered:
    """What to expect on `day`; the habits one names their own triggers, if they may be
    quoted (and were not quoted in the last few days)."""
    message = learn_message(conversation, day)
    if message is None:
        return Answered(conversation, ())
    triggers = conversation.triggers
    quoted = [int(k.split(":")[1]) for k in conversation.told if k.startswith("triggers:")]
    if (
        message is m.LEARN_HABIT
        and triggers
        and all(day - d >= TRIGGERS_EVERY_DAYS for d in quoted)
        and _fit_to_quote(triggers)
    ):
        told = replace(conversation, told=(*conversation.told, f"triggers:{day}"))
        return Answered(told, (Reply(m.LEARN_HABIT_TRIGGERS, {"triggers": triggers}),))
    return Answered(conversation, (Reply(message),))


def works_nights(conversation: Conversation) -> bool:
    """Nights are part of how they work, by their roster or the pattern they gave."""
    roster = conversation.roster
    if roster is not None and not roster.empty:
        kinds = {*roster.weekly.values(), *roster.cycle, *roster.changes.values()}
        return ShiftKind.NIGHT in kinds
    return conversation.profile.work_pattern in (WorkPattern.NIGHTS, WorkPattern.ROTATING)


def replan(conversation: Conversation, *, now: datetime) -> Answered:
    """Shifts, quiet hours or LESS/MORE changed: plan what is left of the programme again.

    Only a conversation preparing or quitting has a programme to plan; the rest keep theirs.
    Follow-ups already settled are not planned again.
    """
    quit_date = conversation.quit_date
    if quit_date is None or conversation.stage not in (Stage.PREPARING, Stage.QUITTING):
        return Answered(conversation, ())
    today = _today(conversation, now)
    grace = FOLLOW_UP_GRACE_DAYS  # a follow-up asked late is still waiting to be asked
    wakes = tuple(
        wake
        for wake in plan(
            days_to_quit_date=max(-today, 0),
            twelve_week_window=conversation.twelve_week_window,
        )
        if (wake.day >= today or (wake.due in _GRACE and wake.day >= today - grace))
        and follow_up.FOLLOW_UP_OF.get(wake.due) not in conversation.followed_up
    )
    replanned = replace(conversation, plan=conversation.plan + 1)
    return Answered(replanned, (ScheduleWakes(wakes, quit_date, replanned.plan),))


def may_change_shifts(conversation: Conversation) -> bool:
    """SHIFT and QUIET work while preparing, quitting or relapsed, unless a follow-up question
    is waiting for its answer."""
    active = (Stage.PREPARING, Stage.QUITTING, Stage.RELAPSED)
    return conversation.stage in active and conversation.asking not in FOLLOW_UP_ASKING


def ask_shifts(conversation: Conversation) -> Answered:
    """SHIFT: ask how they work now."""
    return Answered(replace(conversation, asking=Asking.ROSTER), (Reply(m.ASK_ROSTER),))


def ask_quiet_hours(conversation: Conversation) -> Answered:
    """QUIET: ask for their own quiet hours."""
    asking = replace(conversation, asking=Asking.QUIET_HOURS)
    return Answered(asking, (Reply(m.ASK_QUIET_HOURS),))


def _roster(conversation: Conversation, text: str, *, now: datetime) -> Outcome:
    """An answer to SHIFT, or to the read-back of their shifts."""
    today = now.astimezone(ZoneInfo(conversation.timezone)).date()
    if conversation.asking is Asking.ROSTER:
        if answers.is_skip(text):
            return Answered(replace(conversation, asking=None), (Reply(m.ROSTER_LATER),))
        read = shifts.answer_roster(conversation, text, today=today)
        if isinstance(read, Answered):
            return Answered(replace(read.conversation, asking=Asking.CONFIRM_ROSTER), read.effects)
        return read
    said = shifts.answer_confirm(conversation, text, today=today)
    if isinstance(said, Answered | NotUnderstood):
        return said
    if not said or conversation.proposed_roster is None:
        again = replace(conversation, asking=Asking.ROSTER, proposed_roster=None)
        return Answered(again, (Reply(m.ROSTER_AGAIN),))
    kept = replace(
        conversation,
        roster=conversation.proposed_roster,
        proposed_roster=None,
        asking=None,
        misunderstood=0,
    )
    replanned = replan(kept, now=now)
    return Answered(replanned.conversation, (Reply(m.ROSTER_SAVED), *replanned.effects))


def _quiet_hours(conversation: Conversation, text: str, *, now: datetime) -> Outcome:
    read = shifts.answer_quiet_hours(conversation, text)
    if not isinstance(read, Answered):
        return read
    replanned = replan(replace(read.conversation, asking=None), now=now)
    return Answered(replanned.conversation, (*read.effects, *replanned.effects))


def _unprompted(conversation: Conversation, text: str, *, now: datetime) -> Outcome:
    """Nothing was asked: words about shifts ("off till monday") are read back; else idle."""
    today = now.astimezone(ZoneInfo(conversation.timezone)).date()
    reading = shifts.read(conversation, text, today=today)
    if isinstance(reading, RosterReading):
        proposed = shifts.propose(conversation, reading.roster, today=today, unsure=reading.unsure)
        asking = replace(proposed.conversation, asking=Asking.CONFIRM_ROSTER)
        return Answered(asking, proposed.effects)
    # Nothing we could read: it counts towards offering a person (hazard H6), as anywhere else.
    return NotUnderstood(ask(conversation))


def ask(conversation: Conversation) -> tuple[Reply, ...]:
    """The check-in question waiting for an answer, if any."""
    if conversation.asking in FOLLOW_UP_ASKING or conversation.stage is Stage.DISCHARGED:
        return follow_up.ask(conversation)
    match conversation.asking:
        case Asking.SMOKED:
            return (check_ins.smoked_question(conversation.check_in_day or 0),)
        case Asking.HOW_MANY:
            return (Reply(m.CHECK_IN_HOW_MANY),)
        case Asking.CRAVING:
            return (check_ins.craving_question(conversation.check_in_day or 0),)
        case Asking.MOOD:
            return (check_ins.mood_question(conversation.check_in_day or 0),)
        case Asking.SLIP_KIND:
            return (Reply(m.SLIP_ASK),)
        case Asking.REASONS:
            return (Reply(m.ASK_REASONS, {"date": conversation.quit_date or date.min}),)
        case Asking.TRIGGERS:
            return (Reply(m.ASK_TRIGGERS),)
        case Asking.ROSTER:
            return (Reply(m.ASK_ROSTER),)
        case Asking.CONFIRM_ROSTER if conversation.proposed_roster is not None:
            return (shifts.confirm_question(conversation.proposed_roster),)
        case Asking.QUIET_HOURS:
            return (Reply(m.ASK_QUIET_HOURS),)
    if conversation.stage is Stage.PREPARING and conversation.quit_date is not None:
        return (Reply(m.PREPARING, {"date": conversation.quit_date}),)
    if conversation.stage is Stage.RELAPSED:
        return (Reply(m.RELAPSED_IDLE),)
    return (Reply(m.QUITTING_IDLE),)


def answer(conversation: Conversation, text: str, *, now: datetime) -> Outcome:
    """Read a reply while quitting: an answer to the check-in question, if one is waiting."""
    if conversation.asking in FOLLOW_UP_ASKING or conversation.stage is Stage.DISCHARGED:
        return _four_weeks(follow_up.answer(conversation, text, now=now), now=now)
    match conversation.asking:
        case Asking.SMOKED:
            return _smoked(conversation, text, now=now)
        case Asking.HOW_MANY:
            if answers.is_skip(text):  # smoked, number unknown: the day still counts
                return _record_smoking(conversation, 1, now=now)
            count = answers.number(text)
            count = count if count is not None else quantity(text)
            if count is None or not 0 <= count <= 200:
                return NotUnderstood((Reply(m.HOW_MANY_REASK),))
            return _record_smoking(conversation, count, now=now)
        case Asking.CRAVING:
            return _craving(conversation, text)
        case Asking.MOOD:
            return _mood(conversation, text, now=now)
        case Asking.SLIP_KIND:
            return _slip_kind(conversation, text, now=now)
        case Asking.REASONS | Asking.TRIGGERS:
            return _own_words(conversation, text, now=now)
        case Asking.ROSTER | Asking.CONFIRM_ROSTER:
            return _roster(conversation, text, now=now)
        case Asking.QUIET_HOURS:
            return _quiet_hours(conversation, text, now=now)
        case None:
            return _unprompted(conversation, text, now=now)
    return Answered(conversation, ask(conversation))


def crave(conversation: Conversation, *, now: datetime) -> Answered:
    """CRAVE: something to do right now that suits where they probably are, and none of the
    last ten tips again; a person after several in an hour (offered at most once an hour)."""
    recent = tuple(t for t in conversation.craving_times if now - t < CRAVING_WINDOW)
    times = (*recent, now)[-CRAVINGS_BEFORE_OFFER:]
    where = cravings.whereabouts(conversation, now=now)
    # Their own words, quoted back only if today's safety screen finds nothing in them; and
    # then as soon as the turn of a tip for anywhere comes.
    reasons = conversation.reasons
    own = reasons if reasons and _fit_to_quote(reasons) else None
    tip = cravings.next_tip(
        where,
        conversation.recent_tips,
        conversation.profile.quit_aid,
        favourite=m.CRAVE_REASONS if own else None,
    )
    effects: tuple[Effect, ...] = (Reply(tip.message),)
    if tip.message is m.CRAVE_REASONS and own:
        effects = (Reply(m.CRAVE_OWN_REASONS, {"reasons": own}),)
    given = replace(
        conversation,
        craving_times=times,
        recent_tips=cravings.remember(conversation.recent_tips, tip),
    )
    offered = conversation.cravings_offered_at
    if (
        len(times) >= CRAVINGS_BEFORE_OFFER
        and not conversation.advisor_requested
        and (offered is None or now - offered >= CRAVING_WINDOW)
    ):
        # Several close together: a person is asked for, and told when they will answer.
        effects += (RequestAdvisor(AdvisorReason.CRAVINGS), TellWhenPerson())
        given = replace(given, cravings_offered_at=now)
    return Answered(given, effects)


def _fit_to_quote(words_of_theirs: str) -> bool:
    """Their own words may be quoted back only if today's screen finds no distress in them
    ("for my baby" is a fine reason; "nobody would miss me" is not)."""
    return screen(words_of_theirs).concerns <= {Concern.PREGNANCY}


def _today(conversation: Conversation, now: datetime) -> int:
    assert conversation.quit_date is not None
    return programme_day(now, conversation.timezone, conversation.quit_date)


# Labels of the check-in scales, as the questions word them (English and Welsh).
CRAVING_LABELS = {
    "none": 0,
    "no cravings": 0,
    "not at all": 0,
    "dim": 0,
    "dim o gwbl": 0,
    "very strong": 5,
    "really strong": 5,
    "cryf iawn": 5,
}
MOOD_LABELS = {
    "very low": 1,
    "really low": 1,
    "isel iawn": 1,
    "very good": 5,
    "really good": 5,
    "da iawn": 5,
}


# To "have you smoked today?": "not today", "nope not today thanks", "ddim heddiw".
_NOT_TODAY = re.compile(
    r"^(?:no |nope |nah |na )?(?:not|ddim|dim) (?:today|tonight|heddiw|heno|once|one)\b"
)


def not_today_answers(conversation: Conversation, text: str) -> bool:
    """Whether "not today" answers the question waiting (to "have you smoked today?" it is a
    no); elsewhere it asks to be asked another time."""
    return conversation.asking is Asking.SMOKED and _NOT_TODAY.match(tidy(text)) is not None


def _smoked(conversation: Conversation, text: str, *, now: datetime) -> Outcome:
    if intent_of(text, conversation.locale).label is Label.CRAVING:
        # "really want one", "dying for one": a craving now, not one smoked. Not an answer: the
        # craving is helped, and the question waits.
        return NotUnderstood((Reply(m.YES_NO_REASK),))
    if smoke_free(text) or _NOT_TODAY.match(tidy(text)):
        # "3 days clean", "nothing for 4 days", "not today": a no, whatever the number
        return _next(replace(conversation, asking=Asking.CRAVING), ())
    count = answers.number(text)
    said = answers.yes_or_no(text)
    if count is None and said is None:
        # "i smoked", "had 2 fags", "a couple", "loads": an answer about smoking, in words.
        told = intent_of(text, conversation.locale)
        count = told.count if told.label is Label.SLIP else None
        count = count if count is not None else quantity(text)
        if count is None and (told.label is Label.SLIP or many(text)):
            said = True  # smoked, how many not said: asked next
    if count is not None and count > 0 and said is not False:
        return _record_smoking(conversation, count, now=now)
    if said is False or count == 0:
        return _next(replace(conversation, asking=Asking.CRAVING), ())
    if said is True:
        return _next(replace(conversation, asking=Asking.HOW_MANY), ())
    return NotUnderstood((Reply(m.YES_NO_REASK),))


def _record_smoking(conversation: Conversation, count: int, *, now: datetime) -> Outcome:
    day = max(0, _today(conversation, now))
    smoked = replace(
        conversation,
        smoked_days=tuple(sorted({*conversation.smoked_days, day}))
        if count
        else (conversation.smoked_days),
        cigarettes_smoked=conversation.cigarettes_smoked + count,
        asking=Asking.CRAVING,
    )
    before = (Reply(m.SLIPPED, {"days": smoke_free_days(smoked, now=now)}),) if count else ()
    return _next(smoked, before)


def _craving(conversation: Conversation, text: str) -> Outcome:
    """How strong the cravings were, from 0 to 5 (or the scale's words); then the mood."""
    if answers.scale(text, 0, 5, CRAVING_LABELS) is None:
        return scale_not_understood(0, 5)
    return _next(replace(conversation, asking=Asking.MOOD), ())


def _mood(conversation: Conversation, text: str, *, now: datetime) -> Outcome:
    mood = answers.scale(text, 1, 5, MOOD_LABELS)
    if mood is None:
        return scale_not_understood(1, 5)
    done, line = _progress_line(replace(conversation, asking=None, misunderstood=0), now=now)
    effects: tuple[Effect, ...] = (line,)
    if mood == 1:
        if conversation.profile.quit_aid is QuitAid.VARENICLINE:
            effects += (
                Reply(m.LOW_MOOD_VARENICLINE),
                RecordSafetyEvent(SafetyConcern.VARENICLINE_LOW_MOOD),
                RequestAdvisor(AdvisorReason.SAFETY, urgent=True),
            )
            done = replace(done, advisor_requested=True)
        else:
            # A mood of 1 is worth a person's look, not urgently, and a way to get help now.
            effects += (
                Reply(m.LOW_MOOD),
                Reply(m.SAFETY_NET),
                RequestAdvisor(AdvisorReason.DISTRESS),
                RecordSafetyEvent(SafetyConcern.DISTRESS, "mood_1"),
            )
            done = replace(done, advisor_requested=True)
    return Answered(done, effects)


def _progress_line(conversation: Conversation, *, now: datetime) -> tuple[Conversation, Reply]:
    """The end of a check-in: smoke-free days and money not spent, worded for the day; a
    milestone (days 1, 7 and 14, or the first check-in answered after one) with not a puff
    reported since the quit date."""
    days, money = smoke_free_days(conversation, now=now), money_not_spent(conversation, now=now)
    return check_ins.progress_line(conversation, days=days, money=money)


def _four_weeks(outcome: Outcome, *, now: datetime) -> Outcome:
    """A 4-week quit is a milestone: its days and money in place of the plain thanks."""
    quit_at_four_weeks = isinstance(outcome, Answered) and any(
        isinstance(e, RecordOutcome)
        and e.follow_up is FollowUp.FOUR_WEEK
        and e.result is OutcomeResult.QUIT
        for e in outcome.effects
    )
    if not isinstance(outcome, Answered) or not quit_at_four_weeks:
        return outcome
    after = outcome.conversation
    money = money_not_spent(after, now=now)
    if money.pence == 0:  # no cigarettes a day to count the money by: the thanks stays
        return outcome
    milestone = Reply(
        m.MILESTONE_FOUR_WEEKS, {"days": smoke_free_days(after, now=now), "money": money}
    )
    return Answered(
        after,
        tuple(
            milestone if isinstance(e, Reply) and e.message is m.FOLLOW_UP_QUIT else e
            for e in outcome.effects
        ),
    )


def _next(conversation: Conversation, before: tuple[Reply, ...]) -> Answered:
    moved = replace(conversation, misunderstood=0)
    return Answered(moved, (*before, *ask(moved)))


def smoke_free_days(conversation: Conversation, *, now: datetime) -> int:
    """Whole shift-days since the quit date without reported smoking (today not counted)."""
    if conversation.quit_date is None:
        return 0
    elapsed = max(0, _today(conversation, now))
    return max(0, elapsed - len([d for d in conversation.smoked_days if d < elapsed]))


def money_not_spent(conversation: Conversation, *, now: datetime) -> Money:
    """What the cigarettes not smoked would have cost, at the person's usual rate."""
    per_day = conversation.profile.cigarettes_per_day or 0
    if conversation.quit_date is None or per_day == 0:
        return Money(0)
    elapsed = max(0, _today(conversation, now))
    not_smoked = max(0, per_day * elapsed - conversation.cigarettes_smoked)
    return Money(not_smoked * conversation.pack_price_pence // CIGARETTES_PER_PACK)


def slip(conversation: Conversation) -> Answered:
    """SLIP: ask whether it was a one-off or a return to smoking."""
    if conversation.stage is not Stage.QUITTING or conversation.quit_date is None:
        return Answered(conversation, (Reply(m.SLIP_BEFORE_QUIT_DAY),))
    asking = replace(conversation, asking=Asking.SLIP_KIND)
    return Answered(asking, (Reply(m.SLIP_ASK),))


def _slip_kind(conversation: Conversation, text: str, *, now: datetime) -> Outcome:
    said = answers.number(text, strict=False)
    tidy = text.lower()
    if said == 1 or "one" in tidy or "once" in tidy or "unwaith" in tidy:
        day = max(0, _today(conversation, now))
        counted = day in conversation.smoked_days  # "i had 2 fags": counted when they said it
        slipped = replace(
            conversation,
            asking=None,
            misunderstood=0,
            smoked_days=tuple(sorted({*conversation.smoked_days, day})),
            cigarettes_smoked=conversation.cigarettes_smoked + (0 if counted else 1),
        )
        return Answered(slipped, (Reply(m.SLIP_ONE_OFF),))
    if said == 2 or "again" in tidy or "eto" in tidy:
        assert conversation.quit_date is not None
        relapsed = replace(
            conversation,
            stage=Stage.RELAPSED,
            asking=None,
            misunderstood=0,
            plan=conversation.plan + 1,
        )
        day = max(0, _today(conversation, now)) + RELAPSE_DISCHARGE_AFTER
        schedule = ScheduleWakes(
            (Wake(Due.DISCHARGE, day),), conversation.quit_date, relapsed.plan
        )
        return Answered(relapsed, (schedule, Reply(m.SLIP_RELAPSE)))
    return NotUnderstood((Reply(m.CHOICE_REASK, choices=m.SLIP_ASK.choices),))


OWN_WORDS_LIMIT = 100


def _own_words(conversation: Conversation, text: str, *, now: datetime) -> Outcome:
    """Reasons or triggers, in the person's own words (SKIP to leave them out). With a quit
    date close (or here), the triggers are asked for straight after the reasons."""
    tidy = " ".join(text[: OWN_WORDS_LIMIT * 3].split())[:OWN_WORDS_LIMIT].rstrip(" .")
    if not answers.is_skip(text) and not words(tidy):
        return NotUnderstood(())
    value = None if answers.is_skip(text) else tidy
    if conversation.asking is Asking.REASONS:
        noted = replace(conversation, reasons=value, asking=None, misunderstood=0)
        soon = conversation.quit_date is not None and _today(conversation, now) >= (
            -SHORT_NOTICE_DAYS
        )
        then = _ask_own_words(noted) if soon else None
        if then is not None:
            asking, question = then
            noted_first = (Reply(m.REASONS_NOTED),) if value else ()
            return Answered(asking, (*noted_first, question))
        return Answered(noted, (Reply(m.REASONS_NOTED),) if value else ask(noted))
    noted = replace(conversation, triggers=value, asking=None, misunderstood=0)
    return Answered(noted, (Reply(m.TRIGGERS_NOTED),) if value else ask(noted))


# How long "later" is: a few hours, then the planner finds a moment that suits (flows only
# say how long; quiet hours and sleep after nights are the scheduler's).
SNOOZE_HOURS = 3
# Replies to a thank-you or an OK, in turn (people notice the same words every time).
THANKS_REPLIES = (m.THANKS_REPLY, m.THANKS_REPLY_AGAIN, m.THANKS_REPLY_THIRD)
AID_ANSWERS = {
    Label.ASK_NRT: m.ANSWER_NRT,
    Label.ASK_VAPE: m.ANSWER_VAPE,
    Label.ASK_VARENICLINE: m.ANSWER_VARENICLINE,
}


def snooze(conversation: Conversation) -> Answered:
    """ "Later", "not now", "busy": a waiting question is asked again in a few hours."""
    if conversation.asking is None:
        return Answered(conversation, (Reply(m.SNOOZE_NOTHING_WAITING),))
    return Answered(
        replace(conversation, misunderstood=0),
        (Reply(m.SNOOZED), AskAgainLater(SNOOZE_HOURS)),
    )


def thanks(conversation: Conversation, *, now: datetime) -> Answered:
    """A thank-you or an OK: a short warm word, never the idle menu."""
    local = now.astimezone(ZoneInfo(conversation.timezone))
    reply = THANKS_REPLIES[(local.toordinal() + local.hour) % len(THANKS_REPLIES)]
    return Answered(replace(conversation, misunderstood=0), (Reply(reply),))


def aid_answer(conversation: Conversation, label: Label) -> Answered:
    """A question about NRT, vapes or stop smoking tablets: a short, safe answer (NHS
    wording, never a dose) and the offer of a person who can advise."""
    return Answered(
        replace(conversation, misunderstood=0),
        (Reply(AID_ANSWERS[label]), Reply(m.AID_ADVICE_OFFER)),
    )


def progress(conversation: Conversation, *, now: datetime) -> Answered:
    """ "How am I doing?": smoke-free days and money not spent, or when counting starts."""
    if conversation.stage is Stage.QUITTING and conversation.quit_date is not None:
        days, money = (
            smoke_free_days(conversation, now=now),
            money_not_spent(conversation, now=now),
        )
        return Answered(conversation, (check_ins.progress_asked(days=days, money=money),))
    if conversation.stage is Stage.PREPARING and conversation.quit_date is not None:
        return Answered(
            conversation, (Reply(m.PROGRESS_BEFORE_QUIT_DAY, {"date": conversation.quit_date}),)
        )
    return Answered(conversation, ask(conversation))


def slip_told(conversation: Conversation, count: int | None, *, now: datetime) -> Answered:
    """ "I had 2 fags": recorded as SLIP would be, with the number if they gave one, then the
    same question (a one-off, or smoking again?)."""
    if conversation.stage is Stage.RELAPSED:
        return Answered(conversation, (Reply(m.RELAPSED_IDLE),))
    asked = slip(conversation)
    if count is None or conversation.stage is not Stage.QUITTING:
        return asked
    day = max(0, _today(conversation, now))
    counted = replace(
        asked.conversation,
        smoked_days=tuple(sorted({*conversation.smoked_days, day})),
        cigarettes_smoked=conversation.cigarettes_smoked + count,
    )
    return Answered(counted, asked.effects)


def finish(conversation: Conversation) -> Answered | None:
    """FINISH: end the programme now, with the exit survey."""
    if conversation.stage not in (Stage.PREPARING, Stage.QUITTING, Stage.RELAPSED):
        return None
    return follow_up.start_survey(conversation)


# Low mood in words strong enough to be the side effect varenicline warns of.
_MARKED_LOW = re.compile(
    r"\b(?:really|very|so|extremely|proper|awfully) (?:low|down|depressed)\b|\bdepress\w*\b|"
    r"\bdark\b|\bhopeless\b|\bcant cope\b|\bnot coping\b|\bcrying (?:all|every)\b|"
    r"\bnot (?:myself|me)\b|\bisel iawn\b|\biselder\b|\bdigalon iawn\b"
)


def mood(conversation: Conversation, *, told: str | None = None) -> Answered:
    """MOOD or STRESS: support, a person on offer, and the varenicline warning if it applies.

    `told`: low mood in the person's own words ("fed up today") rather than the keyword. On
    varenicline, mild words get the question whether their mood has changed since they
    started it, and no urgent person: a grumble about the rota is not a side effect. Marked
    low mood ("really low", "depressed") is treated as MOOD is, and so are a check-in mood of
    1 and the medicine named beside low mood ("champix is making me depressed", the screen)."""
    effects: tuple[Effect, ...] = (Reply(m.MOOD_SUPPORT), Reply(m.SAFETY_NET))
    mild = told is not None and not _MARKED_LOW.search(tidy(told))
    if mild and conversation.profile.quit_aid is QuitAid.VARENICLINE:
        return Answered(conversation, (*effects, Reply(m.LOW_MOOD_VARENICLINE_ASK)))
    if conversation.profile.quit_aid is QuitAid.VARENICLINE:
        effects += (
            Reply(m.LOW_MOOD_VARENICLINE),
            RecordSafetyEvent(SafetyConcern.VARENICLINE_LOW_MOOD),
            RequestAdvisor(AdvisorReason.SAFETY, urgent=True),
        )
        conversation = replace(conversation, advisor_requested=True)
    return Answered(conversation, effects)


def new_date(conversation: Conversation) -> Answered | None:
    """DATE: start again with a new quit date (a new attempt; the history stays)."""
    allowed = (
        Stage.PREPARING,
        Stage.QUITTING,
        Stage.RELAPSED,
        Stage.EXIT_SURVEY,
        Stage.DISCHARGED,
    )
    if conversation.stage not in allowed:
        return None
    choosing = replace(
        conversation,
        stage=Stage.QUIT_DATE,
        proposed_quit_date=None,
        asking=None,
        misunderstood=0,
    )
    return Answered(choosing, (Reply(m.ASK_NEW_DATE),))


__all__ = [
    "answer",
    "ask",
    "crave",
    "finish",
    "mood",
    "new_date",
    "replan",
    "slip",
    "start_plan",
    "wake",
]
