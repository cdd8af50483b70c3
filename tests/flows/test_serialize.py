import json
from datetime import date

from flows import Conversation, Stage, conversation_from_dict, conversation_to_dict
from flows.model import FirstCigarette, Gender, IneligibleReason, Profile, QuitAid, WorkPattern


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
    )
    data = json.loads(json.dumps(conversation_to_dict(conversation)))
    assert conversation_from_dict(data) == conversation


def test_unknown_keys_from_a_newer_version_are_ignored() -> None:
    data = conversation_to_dict(Conversation())
    data["something_new"] = 1
    data["profile"]["also_new"] = "x"
    assert conversation_from_dict(data) == Conversation()
