"""Who owns a conversation: the bot; waiting for a person; or an advisor, with a lease (pure).

    bot --RequestAdvisor--> waiting --AdvisorTookOver--> advisor --HandedBack--> bot
    bot/waiting --AdvisorTookOver--> advisor            advisor --LeaseEnded--> waiting

While an advisor holds the conversation the flow answers nothing but STOP, START and the safety
screen: the participant's words go to the advisor. Every change is a `RecordOwnerChange`
effect, applied in the runner's transaction (who, when, why).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class OwnerKind(StrEnum):
    """Who answers the participant now."""

    BOT = "bot"
    WAITING = "waiting"  # the bot still answers; a person has been asked for
    ADVISOR = "advisor"


@dataclass(frozen=True, slots=True)
class Owner:
    """The conversation's owner. `reason`, `urgent` and `since` say why and since when a
    person is needed (waiting or advisor); `lease_until` when an idle advisor's hold ends."""

    kind: OwnerKind = OwnerKind.BOT
    advisor_id: int | None = None
    reason: str | None = None
    urgent: bool = False
    since: datetime | None = None
    lease_until: datetime | None = None

    @property
    def held(self) -> bool:
        return self.kind is OwnerKind.ADVISOR


BOT = Owner()


def waiting(before: Owner, reason: str, *, urgent: bool, now: datetime) -> Owner:
    """A person has been asked for (again): the queue entry's owner. An advisor who holds the
    conversation keeps it (made urgent if need be); a second request never stacks."""
    if before.kind is OwnerKind.BOT:
        return Owner(OwnerKind.WAITING, reason=reason, urgent=urgent, since=now)
    if urgent and not before.urgent:
        return Owner(
            before.kind,
            advisor_id=before.advisor_id,
            reason=reason,
            urgent=True,
            since=before.since,
            lease_until=before.lease_until,
        )
    return before


def held_by(before: Owner, advisor_id: int, *, lease_until: datetime, now: datetime) -> Owner:
    """An advisor takes the conversation (from the bot or the queue); the reason it waited for
    is kept, or "advisor_started" when nobody had asked."""
    return Owner(
        OwnerKind.ADVISOR,
        advisor_id=advisor_id,
        reason=before.reason or "advisor_started",
        urgent=before.urgent,
        since=now,
        lease_until=lease_until,
    )


def released(before: Owner) -> Owner:
    """The advisor's lease ran out: back in the queue, with the reason and urgency it had."""
    return Owner(OwnerKind.WAITING, reason=before.reason, urgent=before.urgent, since=before.since)


def owner_to_dict(owner: Owner) -> dict[str, object]:
    """JSON-safe data for an owner."""
    return {
        "kind": owner.kind.value,
        "advisor_id": owner.advisor_id,
        "reason": owner.reason,
        "urgent": owner.urgent,
        "since": None if owner.since is None else owner.since.isoformat(),
        "lease_until": None if owner.lease_until is None else owner.lease_until.isoformat(),
    }


def owner_from_dict(data: dict[str, object] | None) -> Owner:
    """The owner saved by `owner_to_dict` (the bot when there is none)."""
    if not data:
        return BOT

    def moment(name: str) -> datetime | None:
        value = data.get(name)
        return None if value is None else datetime.fromisoformat(str(value))

    advisor = data.get("advisor_id")
    reason = data.get("reason")
    return Owner(
        OwnerKind(str(data.get("kind", OwnerKind.BOT.value))),
        advisor_id=None if advisor is None else int(str(advisor)),
        reason=None if reason is None else str(reason),
        urgent=bool(data.get("urgent")),
        since=moment("since"),
        lease_until=moment("lease_until"),
    )
