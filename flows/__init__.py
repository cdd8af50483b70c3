"""The conversation as pure data and functions: `step(conversation, event, now=...)`.

Never import I/O, a clock, the database or a channel here: flows only decide.
"""

from flows.effects import (
    AdvisorReason,
    CancelWakes,
    Effect,
    ForgetPersonalData,
    Param,
    RecordOutcome,
    RecordSafetyEvent,
    RecordSurvey,
    Reply,
    RequestAdvisor,
    SafetyConcern,
    ScheduleWakes,
    TellNext,
)
from flows.engine import Step, step
from flows.events import DeliveryRefused, Event, MessageReceived, WakeDue
from flows.model import Channel, Conversation, Profile, Stage
from flows.serialize import conversation_from_dict, conversation_to_dict

__all__ = [
    "AdvisorReason",
    "CancelWakes",
    "Channel",
    "Conversation",
    "DeliveryRefused",
    "Effect",
    "Event",
    "ForgetPersonalData",
    "MessageReceived",
    "Param",
    "Profile",
    "RecordOutcome",
    "RecordSafetyEvent",
    "RecordSurvey",
    "Reply",
    "RequestAdvisor",
    "SafetyConcern",
    "ScheduleWakes",
    "Stage",
    "Step",
    "TellNext",
    "WakeDue",
    "conversation_from_dict",
    "conversation_to_dict",
    "step",
]
