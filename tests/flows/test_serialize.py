import json
from datetime import UTC, date, datetime, time

from flows import Conversation, Stage, conversation_from_dict, conversation_to_dict
from flows.model import (
    Asking,
    FirstCigarette,
    FollowUp,
    Frequency,
    Gender,
    IneligibleReason,
    Profile,
    QuitAid,
    Survey,
    WorkPattern,
)
from flows.roster import QuietHours, Roster, ShiftKind, cycle


def test_a_conversation_survives_a_round_trip_through_json() -> None:
    conversation = Conversation(
        stage=Stage.PREPARING,
        locale="cy",
        quit_date=date(2026, 12, 1),
        profile=Profile(
            age=40,
            gender=Gender.WOMAN,
            work_pattern=WorkPattern.NIGHTS,
            first_cigarette=FirstCigarette.WITHIN_5,
            quit_aid=QuitAid.VAPE,
            postcode="CF10 3AT",
        ),
        ineligible_reason=IneligibleReason.CLOZAPINE,
        misunderstood=2,
        followed_up=(FollowUp.FOUR_WEEK,),
        survey=Survey(ease=4, recommend=True),
        smoked_days=(3, 5),
        asking=Asking.MOOD,
        frequency=Frequency.LESS,
        craving_times=(datetime(2026, 12, 1, 3, 0, tzinfo=UTC),),
        recent_tips=("journey.crave_breathe", "journey.crave_road"),
        cravings_offered_at=datetime(2026, 12, 1, 3, 5, tzinfo=UTC),
        roster=Roster(
            weekly={0: ShiftKind.NIGHT, 2: ShiftKind.LONG_DAY},
            changes={date(2026, 12, 3): None, date(2026, 12, 4): ShiftKind.EARLY},
        ),
        proposed_roster=cycle(ShiftKind.LONG_DAY, 4, 4, anchor=date(2026, 11, 30)),
        quiet_hours=QuietHours(time(22, 30), time(7, 0)),
    )
    data = json.loads(json.dumps(conversation_to_dict(conversation)))
    assert conversation_from_dict(data) == conversation


def test_unknown_keys_from_a_newer_version_are_ignored() -> None:
    data = conversation_to_dict(Conversation())
    data["something_new"] = 1
    data["profile"]["also_new"] = "x"
    assert conversation_from_dict(data) == Conversation()


def test_a_state_stored_before_tips_were_remembered_still_loads() -> None:
    old = {"stage": "quitting", "craving_times": ["2026-12-01T03:00:00+00:00"]}
    loaded = conversation_from_dict(old)
    assert (loaded.recent_tips, loaded.cravings_offered_at) == ((), None)
    assert loaded.craving_times == (datetime(2026, 12, 1, 3, 0, tzinfo=UTC),)
