"""The conversation as typed data: where a person is, and what they have told us.

Pure: stdlib only. Never import I/O, a clock, the database or a channel here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from flows.owner import BOT, Owner
from flows.roster import QuietHours, Roster


class Channel(StrEnum):
    """How a person reaches quitbot."""

    SMS = "sms"
    TELEGRAM = "telegram"
    WEB = "web"
    LOCAL = "local"


class Stage(StrEnum):
    """Where a conversation stands. Registration runs top to bottom."""

    NEW = "new"
    CONSENT = "consent"
    AGE = "age"
    NHS_STAFF = "nhs_staff"
    SMOKES = "smokes"
    CLOZAPINE = "clozapine"
    ROLE = "role"
    EMPLOYER = "employer"
    POSTCODE = "postcode"
    GENDER = "gender"
    WORK_PATTERN = "work_pattern"
    ROSTER = "roster"
    CONFIRM_ROSTER = "confirm_roster"
    CIGARETTES = "cigarettes"
    FIRST_CIGARETTE = "first_cigarette"
    PAST_ATTEMPTS = "past_attempts"
    MOTIVATION = "motivation"
    QUIT_AID = "quit_aid"
    QUIT_DATE = "quit_date"
    CONFIRM_QUIT_DATE = "confirm_quit_date"
    PREPARING = "preparing"
    QUITTING = "quitting"
    RELAPSED = "relapsed"
    EXIT_SURVEY = "exit_survey"
    DISCHARGED = "discharged"
    DECLINED = "declined"
    INELIGIBLE = "ineligible"


class Asking(StrEnum):
    """The check-in question waiting for an answer, while quitting."""

    SMOKED = "smoked"
    HOW_MANY = "how_many"
    CRAVING = "craving"
    MOOD = "mood"
    SLIP_KIND = "slip_kind"
    REASONS = "reasons"
    TRIGGERS = "triggers"
    FOLLOW_UP_4W = "follow_up_4w"
    FOLLOW_UP_12W = "follow_up_12w"
    SURVEY_EASE = "survey_ease"
    SURVEY_HELPFUL = "survey_helpful"
    SURVEY_RECOMMEND = "survey_recommend"
    SURVEY_IMPROVE = "survey_improve"
    ROSTER = "roster"
    CONFIRM_ROSTER = "confirm_roster"
    QUIET_HOURS = "quiet_hours"


class FollowUp(StrEnum):
    """The follow-ups an attempt is measured by."""

    FOUR_WEEK = "4_week"
    TWELVE_WEEK = "12_week"


class OutcomeResult(StrEnum):
    """What a follow-up found."""

    QUIT = "quit"
    NOT_QUIT = "not_quit"
    LOST = "lost_to_follow_up"


class Frequency(StrEnum):
    """How many messages a person wants (LESS and MORE); the planner uses it."""

    LESS = "less"
    NORMAL = "normal"
    MORE = "more"


class IneligibleReason(StrEnum):
    """Why someone cannot use quitbot (each gets its own signposting)."""

    UNDER_18 = "under_18"
    NOT_NHS_STAFF = "not_nhs_staff"
    DOES_NOT_SMOKE = "does_not_smoke"
    CLOZAPINE = "clozapine"


class Gender(StrEnum):
    """How a person describes their gender (for equity reporting)."""

    WOMAN = "woman"
    MAN = "man"
    ANOTHER_WAY = "another_way"
    PREFER_NOT_TO_SAY = "prefer_not_to_say"


class WorkPattern(StrEnum):
    """The broad shape of a person's work; the detailed roster comes later."""

    DAYS = "days"
    NIGHTS = "nights"
    ROTATING = "rotating"
    LONG_DAYS = "long_days"
    OFFICE_HOURS = "office_hours"
    OTHER = "other"


class FirstCigarette(StrEnum):
    """Minutes from waking to the first cigarette (part of the Heaviness of Smoking Index)."""

    WITHIN_5 = "within_5"
    FROM_6_TO_30 = "6_to_30"
    FROM_31_TO_60 = "31_to_60"
    AFTER_60 = "after_60"


class QuitAid(StrEnum):
    """What a person has chosen to help them stop."""

    NRT = "nrt"
    VARENICLINE = "varenicline"
    VAPE = "vape"
    NOT_SURE = "not_sure"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Profile:
    """What a person told us at registration. Every answer may be skipped (None)."""

    age: int | None = None
    nhs_staff: bool | None = None
    smokes: bool | None = None
    clozapine: bool | None = None
    role: str | None = None
    employer: str | None = None
    postcode: str | None = None
    gender: Gender | None = None
    work_pattern: WorkPattern | None = None
    cigarettes_per_day: int | None = None
    first_cigarette: FirstCigarette | None = None
    past_attempts: int | None = None
    motivation: int | None = None
    quit_aid: QuitAid | None = None


@dataclass(frozen=True, slots=True)
class Survey:
    """Exit survey answers so far (each may be skipped)."""

    ease: int | None = None
    helpful: int | None = None
    recommend: bool | None = None
    improve: str | None = None


@dataclass(frozen=True, slots=True)
class Conversation:
    """One person's conversation with quitbot: everything the flows need to decide a reply."""

    stage: Stage = Stage.NEW
    locale: str = "en_GB"
    timezone: str = "Europe/London"
    profile: Profile = field(default_factory=Profile)
    quit_date: date | None = None
    proposed_quit_date: date | None = None
    misunderstood: int = 0
    opted_out: bool = False
    ineligible_reason: IneligibleReason | None = None
    advisor_requested: bool = False
    attempt: int = 0  # quit attempts (episodes) so far; each quit date starts a new one
    plan: int = 0  # wake-ups stamped with an older plan are stale and dropped
    asking: Asking | None = None
    check_in_day: int | None = None
    smoked_days: tuple[int, ...] = ()  # programme days on which smoking was reported
    cigarettes_smoked: int = 0  # reported since the quit date, this attempt
    craving_times: tuple[datetime, ...] = ()  # recent CRAVE requests (the last few)
    recent_tips: tuple[str, ...] = ()  # the last ten craving tips given (keys), newest last
    cravings_offered_at: datetime | None = None  # a person last offered for many cravings
    pack_price_pence: int = 1600  # a pack of 20; the service setting at registration
    twelve_week_window: tuple[int, int] = (81, 98)  # the service setting at registration
    paused: bool = False  # PAUSE: planned messages are held back until RESUME
    frequency: Frequency = Frequency.NORMAL
    pregnancy_noted: bool = False
    safety_question: int = 0  # times "are you safe right now?" was asked and not yet answered
    safety_hold_since: datetime | None = None  # an urgent safety event: planned messages wait
    reasons: str | None = None  # their own words: why they want to stop
    triggers: str | None = None  # their own words: when they most want to smoke on shift
    followed_up: tuple[FollowUp, ...] = ()  # follow-ups settled (answered or closed) this attempt
    survey: Survey = field(default_factory=Survey)
    roster: Roster | None = None  # how they work, in shifts (SHIFT); None when unknown
    proposed_roster: Roster | None = None  # read back, waiting for YES
    quiet_hours: QuietHours | None = None  # their own no-message window (QUIET)
    owner: Owner = BOT  # the bot, waiting for a person, or an advisor (flows/owner.py)
    last_heard: datetime | None = None  # when they last wrote (unanswered check-ins)
    silence_flagged: bool = False  # a person was asked for after days without an answer
    # One-off things done in this attempt, so they are neither missed nor repeated: milestones
    # given ("milestone:7"), questions asked ("asked:triggers"), their triggers quoted on a
    # programme day ("triggers:3").
    told: tuple[str, ...] = ()
