"""What a flow asks the host to do (named as commands). Flows never do these things themselves."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from flows.model import FollowUp, OutcomeResult, Survey
from flows.owner import Owner
from flows.programme import Wake
from messages.catalog import Message, Money, ShiftList

Param = str | int | date | Money | ShiftList | Message


@dataclass(frozen=True, slots=True)
class Reply:
    """Send the person this message, rendered in their language."""

    message: Message
    params: Mapping[str, Param] = field(default_factory=dict)
    locale: str | None = None  # a safety reply in Welsh to a message clearly in Welsh
    # Sent whoever owns the conversation (STOP, START, the safety screen's replies); any other
    # bot message is withheld while an advisor holds it (the dispatcher's send gate).
    always: bool = False
    # Quick replies where the channel has buttons; None: the message's own (`Message.choices`).
    choices: tuple[Message, ...] | None = None

    def offered(self) -> tuple[Message, ...]:
        """The answers offered as buttons with this reply (none for most messages)."""
        return self.message.choices if self.choices is None else self.choices


class AdvisorReason(StrEnum):
    """Why a human is needed."""

    ASKED = "asked"
    NOT_UNDERSTOOD = "not_understood"
    CRISIS = "crisis"
    MEDICAL = "medical"
    SAFEGUARDING = "safeguarding"
    PREGNANCY = "pregnancy"
    SAFETY = "safety"  # medication with low mood
    DISTRESS = "distress"  # not urgent: distress with a "not", a mood of 1
    CRAVINGS = "cravings"  # several cravings close together
    RELAPSE = "relapse"  # back to smoking
    NO_REPLY = "no_reply"  # planned check-ins unanswered for days
    CO_READING = "co_reading"  # a 4-week quit that needs a CO reading
    ADVISOR_STARTED = "advisor_started"  # an advisor took over unasked


@dataclass(frozen=True, slots=True)
class RequestAdvisor:
    """Put this person in the advisors' queue."""

    reason: AdvisorReason
    urgent: bool = False
    note: str = ""  # what the advisor must know before contacting them (plain English)


class SafetyConcern(StrEnum):
    """A safety screen that fired."""

    CRISIS = "crisis"
    MEDICAL = "medical"
    SAFEGUARDING = "safeguarding"
    VARENICLINE_LOW_MOOD = "varenicline_low_mood"
    PREGNANCY = "pregnancy"
    DISTRESS = "distress"


@dataclass(frozen=True, slots=True)
class RecordSafetyEvent:
    """Log a safety screen firing, for the clinical safety officer's review."""

    concern: SafetyConcern
    category: str = ""  # the kind of words that raised it (e.g. "act_taken"), for review


@dataclass(frozen=True, slots=True)
class ForgetPersonalData:
    """The person said no to consent: keep nothing beyond what honouring that needs."""


@dataclass(frozen=True, slots=True)
class ScheduleWakes:
    """Replace every pending wake-up with these, in programme days from `quit_date`."""

    wakes: tuple[Wake, ...]
    quit_date: date
    plan: int


@dataclass(frozen=True, slots=True)
class CancelWakes:
    """Drop every pending wake-up (opted out, discharged, or a new plan follows)."""


@dataclass(frozen=True, slots=True)
class AskAgainLater:
    """The person said "later" or "not now" to a question: ask it again after about `hours`,
    at the first moment the planner allows (never in quiet hours or sleep after nights)."""

    hours: int


@dataclass(frozen=True, slots=True)
class TellNext:
    """Tell the person when their next planned message is (the host knows the plan's rows)."""


@dataclass(frozen=True, slots=True)
class IssueLinkCode:
    """LINK: make a one-time code that joins another channel to this person, keep it (hashed)
    and send it to them (the host makes it: flows have no randomness; bot/linking.py)."""


@dataclass(frozen=True, slots=True)
class RecordOutcome:
    """Record a follow-up's outcome for the current attempt (the answer is the evidence)."""

    follow_up: FollowUp
    result: OutcomeResult
    attempt: int
    quit_date: date
    day: int


@dataclass(frozen=True, slots=True)
class RecordSurvey:
    """Store the exit survey's answers."""

    survey: Survey
    attempt: int


@dataclass(frozen=True, slots=True)
class TellWhenPerson:
    """Tell the person honestly when a person will answer (the host knows the provider's
    hours): soon, inside them; outside them, when, with the crisis numbers."""


@dataclass(frozen=True, slots=True)
class RecordOwnerChange:
    """The conversation's owner changed: record who, when and why (`by`: the advisor)."""

    before: Owner
    after: Owner
    why: str
    by: int | None = None


Effect = (
    Reply
    | RequestAdvisor
    | RecordSafetyEvent
    | ForgetPersonalData
    | ScheduleWakes
    | CancelWakes
    | AskAgainLater
    | RecordOutcome
    | RecordSurvey
    | TellNext
    | TellWhenPerson
    | IssueLinkCode
    | RecordOwnerChange
)
