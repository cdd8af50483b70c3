"""Providers, their advisors, and which provider each participant belongs to.

Allocation rules (the QUITBOT_ALLOCATION setting, read by `parse_allocation`):
- "one:NAME": everyone to that provider;
- "round-robin": to the provider with the fewest participants (ties: the oldest provider);
- "employer:St Elsewhere=North Team;Royal Infirmary=South Team;*=North Team": by the employer
  a person names at registration (a case-insensitive part of it), else the "*" provider, else
  round-robin. Until the employer is known, a person gets the fallback.
Unset: the only provider if there is one, else round-robin.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from flows import conversation_from_dict
from storage.console_tables import ConsoleSession
from storage.tables import Advisor, ConversationRow, Participant, Provider

# An advisor counts as at the console while a page of theirs marked its live connection this
# recently (each open page's event stream marks it every minute).
PRESENT_FOR = timedelta(minutes=3)


class BadAllocation(ValueError):
    """An allocation rule that cannot be read; the message says why."""


@dataclass(frozen=True, slots=True)
class Allocation:
    """How new participants are given a provider."""

    kind: str = "default"  # "default", "one", "round-robin" or "employer"
    provider: str | None = None  # "one": the provider's name; "employer": the fallback
    by_employer: tuple[tuple[str, str], ...] = ()  # (part of an employer's name, provider)


def parse_allocation(text: str | None) -> Allocation:
    """Read an allocation rule (see the module doc); raises BadAllocation."""
    spec = (text or "").strip()
    if not spec:
        return Allocation()
    kind, _, rest = spec.partition(":")
    kind, rest = kind.strip().lower(), rest.strip()
    if kind in ("round-robin", "roundrobin") and not rest:
        return Allocation("round-robin")
    if kind == "one" and rest:
        return Allocation("one", provider=rest)
    if kind == "employer" and rest:
        pairs: list[tuple[str, str]] = []
        fallback = None
        for part in (p.strip() for p in rest.split(";") if p.strip()):
            employer, sep, provider = (x.strip() for x in part.partition("="))
            if not sep or not employer or not provider:
                raise BadAllocation(f"{part!r} is not EMPLOYER=PROVIDER")
            if employer == "*":
                fallback = provider
            else:
                pairs.append((employer.lower(), provider))
        if not pairs:
            raise BadAllocation("name at least one EMPLOYER=PROVIDER")
        return Allocation("employer", provider=fallback, by_employer=tuple(pairs))
    raise BadAllocation(
        f"{spec!r}: use one:NAME, round-robin, or employer:EMPLOYER=PROVIDER;...;*=PROVIDER"
    )


def provider_names(allocation: Allocation) -> set[str]:
    """Every provider an allocation rule names."""
    names = {provider for _, provider in allocation.by_employer}
    if allocation.provider:
        names.add(allocation.provider)
    return names


def by_name(*, session: Session, name: str) -> Provider | None:
    """The provider called `name` (case-insensitive)."""
    return session.exec(
        select(Provider).where(func.lower(Provider.name) == name.strip().lower())
    ).first()


def add_provider(*, session: Session, name: str, hours: str, timezone: str, now: datetime) -> int:
    """A new provider (the caller checks the name is free and the hours are valid)."""
    provider = Provider(name=name.strip(), hours=hours, timezone=timezone, created_at=now)
    session.add(provider)
    session.flush()
    assert provider.id is not None
    return provider.id


def list_providers(*, session: Session) -> list[tuple[Provider, int, int]]:
    """Every provider with its number of active advisors and of participants."""
    advisors = dict(
        session.exec(
            select(Advisor.provider_id, func.count())
            .where(col(Advisor.active))
            .group_by(col(Advisor.provider_id))
        ).all()
    )
    people = dict(
        session.exec(
            select(Participant.provider_id, func.count())
            .where(col(Participant.provider_id).is_not(None))
            .group_by(col(Participant.provider_id))
        ).all()
    )
    return [
        (p, advisors.get(p.id or 0, 0), people.get(p.id or 0, 0))
        for p in session.exec(select(Provider).order_by(col(Provider.name)))
    ]


def advisor_by_email(*, session: Session, email: str) -> Advisor | None:
    """The advisor with this email (stored lower-case)."""
    return session.exec(select(Advisor).where(Advisor.email == email.strip().lower())).first()


def add_advisor(
    *,
    session: Session,
    provider_id: int,
    email: str,
    role: str,
    password_hash: str,
    now: datetime,
) -> int:
    """A new advisor login (the caller checks the email is free and the password strong)."""
    advisor = Advisor(
        provider_id=provider_id,
        email=email.strip().lower(),
        role=role,
        password_hash=password_hash,
        created_at=now,
    )
    session.add(advisor)
    session.flush()
    assert advisor.id is not None
    return advisor.id


def list_advisors(*, session: Session, provider_id: int | None = None) -> list[Advisor]:
    """Advisors (of one provider, or all), by provider then email."""
    query = select(Advisor).order_by(col(Advisor.provider_id), col(Advisor.email))
    if provider_id is not None:
        query = query.where(col(Advisor.provider_id) == provider_id)
    return list(session.exec(query))


def at_console(*, session: Session, advisor_ids: Iterable[int | None], now: datetime) -> set[int]:
    """Which of these advisors have a console page open: a live session of theirs marked its
    live connection within `PRESENT_FOR`. An advisor who closed the browser is not there,
    whatever they chose (online or away)."""
    ids = [i for i in advisor_ids if i is not None]
    if not ids:
        return set()
    return set(
        session.exec(
            select(ConsoleSession.advisor_id).where(
                col(ConsoleSession.advisor_id).in_(ids),
                col(ConsoleSession.ended_at).is_(None),
                col(ConsoleSession.present_at) >= now - PRESENT_FOR,
            )
        ).all()
    )


def _round_robin(session: Session) -> int | None:
    counts = (
        select(Participant.provider_id, func.count().label("n"))
        .where(col(Participant.provider_id).is_not(None))
        .group_by(col(Participant.provider_id))
        .subquery()
    )
    row = session.exec(
        select(Provider.id)
        .outerjoin(counts, counts.c.provider_id == Provider.id)
        .order_by(func.coalesce(counts.c.n, 0), col(Provider.id))
        .limit(1)
    ).first()
    return row


def choose(*, session: Session, allocation: Allocation, employer: str | None) -> int | None:
    """The provider a participant belongs to under `allocation` (None: there is none yet)."""
    if allocation.kind == "employer" and employer:
        said = employer.lower()
        for part, name in allocation.by_employer:
            if part in said:
                found = by_name(session=session, name=name)
                if found is not None:
                    return found.id
    if allocation.provider:  # "one", or the employer rule's fallback
        found = by_name(session=session, name=allocation.provider)
        if found is not None:
            return found.id
        if allocation.kind == "one":
            return None  # not there yet: allocated when it is added
    if allocation.kind == "default":
        only = session.exec(select(Provider.id).limit(2)).all()
        if len(only) == 1:
            return only[0]
    return _round_robin(session)


def allocate(
    *, session: Session, participant_id: int, allocation: Allocation, employer: str | None
) -> int | None:
    """Give a participant their provider by the rule (again, once their employer is known)."""
    provider_id = choose(session=session, allocation=allocation, employer=employer)
    if provider_id is not None:
        session.execute(
            update(Participant)
            .where(col(Participant.id) == participant_id)
            .values(provider_id=provider_id)
        )
    return provider_id


def allocate_unallocated(*, session: Session, allocation: Allocation) -> int:
    """Everyone without a provider gets one by the rule (people registered before providers
    existed); returns how many."""
    if session.exec(select(Provider.id)).first() is None:
        return 0  # nobody to allocate to yet
    rows = session.exec(
        select(Participant.id, ConversationRow.state)
        .outerjoin(ConversationRow, col(ConversationRow.participant_id) == Participant.id)
        .where(col(Participant.provider_id).is_(None))
        .order_by(col(Participant.id))
    ).all()
    done = 0
    for participant_id, state in rows:
        assert participant_id is not None
        employer = conversation_from_dict(dict(state)).profile.employer if state else None
        if allocate(
            session=session,
            participant_id=participant_id,
            allocation=allocation,
            employer=employer,
        ):
            done += 1
    return done


def provider_of(*, session: Session, participant_id: int) -> Provider | None:
    """The provider a participant belongs to, if any."""
    return session.exec(
        select(Provider)
        .join(Participant, col(Participant.provider_id) == Provider.id)
        .where(col(Participant.id) == participant_id)
    ).first()
