"""What the outcome and equity report reads: one row per person and per quit attempt, with
the milestones the rules find (the same rules as the ledger), the ledger's money, surveys."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, func, select

from flows.milestones import Definition, FollowUpAnswer, Milestone, reached
from flows.model import Stage
from storage.ledger import CLAIM, Evidence, without_cycle_collection
from storage.ledger_tables import LedgerEntry
from storage.tables import (
    ChannelAddress,
    ConversationNote,
    ExitSurvey,
    Participant,
    Provider,
)

NOT_YET_REGISTERED = {
    Stage.NEW,
    Stage.CONSENT,
    Stage.AGE,
    Stage.NHS_STAFF,
    Stage.SMOKES,
    Stage.CLOZAPINE,
    Stage.ROLE,
    Stage.EMPLOYER,
    Stage.POSTCODE,
    Stage.GENDER,
    Stage.WORK_PATTERN,
    Stage.ROSTER,
    Stage.CONFIRM_ROSTER,
    Stage.CIGARETTES,
    Stage.FIRST_CIGARETTE,
    Stage.PAST_ATTEMPTS,
    Stage.MOTIVATION,
    Stage.QUIT_AID,
    Stage.DECLINED,
    Stage.INELIGIBLE,
}


@dataclass(frozen=True, slots=True)
class AttemptRow:
    """One quit attempt and how it came out at 4 and 12 weeks."""

    attempt: int
    quit_date: date
    four_week: str  # "quit", "not_quit", "lost_to_follow_up" or "pending"
    co_verified: bool
    twelve_week: bool


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One person who wrote to quitbot, with what the report breaks figures down by."""

    participant_id: int
    provider: str
    registered: bool
    channel: str
    locale: str
    age: int | None
    gender: str | None
    pregnant: bool
    quit_aid: str | None
    role: str | None
    work_pattern: str | None
    employer: str | None
    imd_decile: int | None
    imd_edition: str | None
    attempts: tuple[AttemptRow, ...] = ()


@dataclass(frozen=True, slots=True)
class Surveys:
    """Exit surveys and advisors' feedback in the period."""

    answered: int
    ease: list[int] = field(default_factory=list)
    helpful: list[int] = field(default_factory=list)
    recommend_yes: int = 0
    recommend_no: int = 0
    feedback_notes: int = 0


def people(
    *,
    session: Session,
    start: datetime,
    end: datetime,
    now: datetime,
    definition: Definition,
    provider_id: int | None = None,
) -> list[PersonRow]:
    """Everyone who first wrote before `end`; attempts are those with a quit date set in
    [start, end)."""
    with without_cycle_collection():
        return _people(
            session=session,
            start=start,
            end=end,
            now=now,
            definition=definition,
            provider_id=provider_id,
        )


def _people(
    *,
    session: Session,
    start: datetime,
    end: datetime,
    now: datetime,
    definition: Definition,
    provider_id: int | None,
) -> list[PersonRow]:
    query = select(Participant.id, Participant.provider_id).where(
        col(Participant.created_at) < end
    )
    if provider_id is not None:
        query = query.where(col(Participant.provider_id) == provider_id)
    found = {pid: prov for pid, prov in session.exec(query) if pid is not None}
    names = {p.id: p.name for p in session.exec(select(Provider))}
    channels: dict[int, str] = {}
    for pid, channel in session.exec(
        select(ChannelAddress.participant_id, ChannelAddress.channel).order_by(
            col(ChannelAddress.id)
        )
    ):
        channels.setdefault(pid, channel)
    who = None  # the whole service: whole tables (people who wrote after `end` are not used)
    if provider_id is not None:
        who = select(Participant.id).where(
            col(Participant.created_at) < end, col(Participant.provider_id) == provider_id
        )
    evidence = Evidence.load(session, who)
    rows = []
    registered_stages = {s.value for s in Stage} - {s.value for s in NOT_YET_REGISTERED}
    for pid, prov in sorted(found.items()):
        state = evidence.states.get(pid) or {}  # read as flows.serialize writes it
        profile = state.get("profile") or {}
        timezone = state.get("timezone") or "Europe/London"
        person = evidence.person(pid)
        attempts = []
        for facts in evidence.attempts(pid, timezone):
            if facts.quit_date is None or facts.quit_date_set_at is None:
                continue
            if not start <= facts.quit_date_set_at < end:
                continue
            got = {r.milestone for r in reached(facts, definition)}
            attempts.append(
                AttemptRow(
                    attempt=facts.attempt,
                    quit_date=facts.quit_date,
                    four_week=_four_week(got, facts.follow_ups, facts.quit_date, now, definition),
                    co_verified=Milestone.FOUR_WEEK_CO_VERIFIED in got,
                    twelve_week=Milestone.TWELVE_WEEK_QUIT in got,
                )
            )
        rows.append(
            PersonRow(
                participant_id=pid,
                provider=names.get(prov, "none") if prov else "none",
                registered=state.get("stage") in registered_stages,
                channel=channels.get(pid, "unknown"),
                locale=state.get("locale") or "unknown",
                age=profile.get("age"),
                gender=profile.get("gender"),
                pregnant=bool(state.get("pregnancy_noted")),
                quit_aid=profile.get("quit_aid"),
                role=profile.get("role"),
                work_pattern=profile.get("work_pattern"),
                employer=profile.get("employer"),
                imd_decile=person.imd_decile,
                imd_edition=person.imd_edition,
                attempts=tuple(attempts),
            )
        )
    return rows


def _four_week(
    got: set[Milestone],
    answers: tuple[FollowUpAnswer, ...],
    quit_date: date,
    now: datetime,
    definition: Definition,
) -> str:
    if Milestone.FOUR_WEEK_SELF_REPORTED in got:
        return "quit"
    results = {a.result for a in answers if a.kind == "4_week"}
    if "not_quit" in results:
        return "not_quit"
    closes = quit_date + timedelta(days=definition.four_week_window[1] + 1)
    if not results and now.date() < closes:
        return "pending"
    return "lost_to_follow_up"  # asked and not answered in the window, or never reached


def surveys(
    *, session: Session, start: datetime, end: datetime, provider_id: int | None = None
) -> Surveys:
    """Exit survey answers and advisors' handover feedback recorded in the period."""
    query = select(ExitSurvey).where(
        col(ExitSurvey.recorded_at) >= start, col(ExitSurvey.recorded_at) < end
    )
    notes = (
        select(func.count())
        .select_from(ConversationNote)
        .where(
            col(ConversationNote.kind) == "feedback",
            col(ConversationNote.created_at) >= start,
            col(ConversationNote.created_at) < end,
        )
    )
    if provider_id is not None:
        query = query.join(Participant, col(Participant.id) == col(ExitSurvey.participant_id))
        query = query.where(col(Participant.provider_id) == provider_id)
        notes = notes.join(
            Participant, col(Participant.id) == col(ConversationNote.participant_id)
        ).where(col(Participant.provider_id) == provider_id)
    rows = list(session.exec(query))
    return Surveys(
        answered=len(rows),
        ease=[r.ease for r in rows if r.ease is not None],
        helpful=[r.helpful for r in rows if r.helpful is not None],
        recommend_yes=sum(1 for r in rows if r.recommend is True),
        recommend_no=sum(1 for r in rows if r.recommend is False),
        feedback_notes=int(session.exec(notes).one()),
    )


def ledger_money(*, session: Session, start: datetime, end: datetime) -> dict[int, dict[str, int]]:
    """Per provider: pence recorded in the period (claims and reversals) and the CO-verified and
    self-reported quitters claimed (not reversed)."""
    reversed_ids = set(
        session.exec(
            select(LedgerEntry.reverses_id).where(col(LedgerEntry.reverses_id).is_not(None))
        )
    )
    money: dict[int, dict[str, int]] = defaultdict(
        lambda: {"pence": 0, "co_verified": 0, "self_reported": 0}
    )
    for row in session.exec(
        select(LedgerEntry).where(
            col(LedgerEntry.recorded_at) >= start, col(LedgerEntry.recorded_at) < end
        )
    ):
        money[row.provider_id]["pence"] += row.amount_pence
        if row.entry == CLAIM and row.id not in reversed_ids:
            if row.milestone == Milestone.FOUR_WEEK_CO_VERIFIED.value:
                money[row.provider_id]["co_verified"] += 1
            if row.milestone == Milestone.FOUR_WEEK_SELF_REPORTED.value:
                money[row.provider_id]["self_reported"] += 1
    return dict(money)
