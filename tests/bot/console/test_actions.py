"""The console's action routes, over a recording stand-in for `bot.handover.Handover`: what
the web layer owes every action (session, CSRF defences, the provider check before the service
is asked, input read in the advisor's zone, an audit entry whatever the outcome). What the
actions do to a conversation is tested with the handover service itself."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.handover import Acting, AdvisorState, CannedReply, Invalid, NotAllowed, NotFound
from tests.bot.console.world import HX, Browser, World


@dataclass
class RecordingHandover:
    """Answers like the service for the actions (remembering every call); reads go to the
    real service."""

    real: Any
    calls: list[tuple[str, Acting, tuple[Any, ...], dict[str, Any]]] = field(default_factory=list)
    refuse: Exception | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def _called(self, name: str, acting: Acting, *args: Any, **kwargs: Any) -> None:
        self.calls.append((name, acting, args, kwargs))
        if self.refuse is not None:
            raise self.refuse

    async def take_over(self, acting: Acting, participant_id: int) -> None:
        self._called("take_over", acting, participant_id)

    async def reply(
        self, acting: Acting, participant_id: int, text: str, *, key: str | None = None
    ) -> int:
        self._called("reply", acting, participant_id, text, key=key)
        return 1

    async def private_note(self, acting: Acting, participant_id: int, text: str) -> int:
        self._called("private_note", acting, participant_id, text)
        return 1

    async def hand_back(self, acting: Acting, participant_id: int, *, feedback: str = "") -> None:
        self._called("hand_back", acting, participant_id, feedback=feedback)

    async def handover_feedback(self, acting: Acting, participant_id: int, text: str) -> int:
        self._called("handover_feedback", acting, participant_id, text)
        return 1

    async def record_co_reading(self, acting: Acting, participant_id: int, **kwargs: Any) -> int:
        self._called("record_co_reading", acting, participant_id, **kwargs)
        return 1

    async def record_first_appointment(
        self, acting: Acting, participant_id: int, **kwargs: Any
    ) -> int:
        self._called("record_first_appointment", acting, participant_id, **kwargs)
        return 1

    async def set_availability(
        self, acting: Acting, *, online: bool, capacity: int | None = None
    ) -> AdvisorState:
        self._called("set_availability", acting, online=online, capacity=capacity)
        return AdvisorState(
            acting.advisor_id, acting.email, acting.role, online, 5, 0, chose_online=online
        )

    async def canned_replies(
        self, acting: Acting, *, locale: str | None = None
    ) -> list[CannedReply]:
        self.calls.append(("canned_replies", acting, (), {"locale": locale}))
        at = datetime(2026, 11, 1, tzinfo=UTC)
        return [CannedReply(7, "en_GB", "Ring back", "I will ring you back today.", at)]

    async def add_canned_reply(self, acting: Acting, **kwargs: Any) -> int:
        self._called("add_canned_reply", acting, **kwargs)
        return 8

    async def edit_canned_reply(self, acting: Acting, reply_id: int, **kwargs: Any) -> None:
        self._called("edit_canned_reply", acting, reply_id, **kwargs)


@pytest.fixture
def service(world: World) -> RecordingHandover:
    fake = RecordingHandover(world.services.handover)
    world.services.handover = fake  # type: ignore[assignment]
    return fake


@pytest.fixture
async def annie(world: World, service: RecordingHandover) -> AsyncIterator[Browser]:
    """North's advisor, signed in, with the handover service there."""
    browser = await world.client().signed_in_as("ann@north.nhs.uk")
    yield browser
    await browser.aclose()


ACTIONS = [
    ("take-over", {}, "take_over"),
    ("reply", {"text": "Hi, it's Ann from the stop-smoking team."}, "reply"),
    ("note", {"text": "Prefers a call after 6pm."}, "private_note"),
    ("hand-back", {"feedback": "Went well."}, "hand_back"),
    ("feedback", {"text": "Bot had already helped."}, "handover_feedback"),
    (
        "co-reading",
        {"ppm": "4", "taken_at": "2026-11-23T08:30", "device": "piCO"},
        "record_co_reading",
    ),
    ("first-appointment", {"at": "2026-11-23T08:00"}, "record_first_appointment"),
]


@pytest.mark.parametrize(("path", "form", "called"), ACTIONS)
async def test_each_action_calls_the_service_as_the_advisor_and_is_audited(
    world: World,
    annie: Browser,
    service: RecordingHandover,
    path: str,
    form: dict[str, str],
    called: str,
) -> None:
    pid = world.ids["north1"]
    response = await annie.post(f"/console/participants/{pid}/{path}", form)
    assert response.status_code == 200, response.text
    assert 'class="done"' in response.text
    [(name, acting, args, _kwargs)] = [c for c in service.calls if c[0] != "canned_replies"]
    assert name == called
    assert args[0] == pid
    assert (acting.advisor_id, acting.provider_id) == (
        world.ids["north_advisor"],
        world.ids["North"],
    )
    [entry] = world.audit(path.replace("-", "_"))
    assert (entry.participant_id, entry.detail, entry.advisor_id) == (
        pid,
        "ok",
        world.ids["north_advisor"],
    )


async def test_times_are_read_in_the_advisors_zone(
    world: World, annie: Browser, service: RecordingHandover
) -> None:
    pid = world.ids["north1"]
    form = {"ppm": "4", "taken_at": "2026-07-01T08:30", "device": "piCO"}
    await annie.post(f"/console/participants/{pid}/co-reading", form)
    kwargs = service.calls[-1][3]
    assert kwargs["taken_at"].astimezone(UTC) == datetime(2026, 7, 1, 7, 30, tzinfo=UTC)  # BST
    assert kwargs["ppm"] == 4


@pytest.mark.parametrize(
    ("path", "form", "says"),
    [
        ("reply", {"text": "   "}, "Write something first."),
        ("reply", {"text": "x" * 1601}, "too long"),
        (
            "co-reading",
            {"ppm": "101", "taken_at": "2026-11-23T08:30", "device": "piCO"},
            "0 to 100",
        ),
        (
            "co-reading",
            {"ppm": "-1", "taken_at": "2026-11-23T08:30", "device": "piCO"},
            "0 to 100",
        ),
        ("co-reading", {"ppm": "5", "taken_at": "yesterday", "device": "piCO"}, "date and time"),
        # Digits Python calls digits but int() refuses, and other scripts' digits: 422, not 500.
        ("co-reading", {"ppm": "²", "taken_at": "2026-11-23T08:30", "device": "piCO"}, "0 to 100"),
        (
            "co-reading",
            {"ppm": "１０", "taken_at": "2026-11-23T08:30", "device": "piCO"},
            "0 to 100",
        ),
        ("first-appointment", {"at": ""}, "date and time"),
    ],
)
async def test_unusable_input_is_a_422_with_the_reason_and_the_service_is_not_asked(
    world: World,
    annie: Browser,
    service: RecordingHandover,
    path: str,
    form: dict[str, str],
    says: str,
) -> None:
    response = await annie.post(f"/console/participants/{world.ids['north1']}/{path}", form)
    assert response.status_code == 422
    assert says in response.text
    assert [c for c in service.calls if c[0] != "canned_replies"] == []
    assert world.audit(path.replace("-", "_"))[0].detail.startswith("refused: ")


@pytest.mark.parametrize(
    ("error", "status", "says"),
    [
        (Invalid("The reading cannot be in the future."), 422, "cannot be in the future"),
        (NotAllowed("Another advisor holds this conversation."), 409, "Another advisor"),
        (NotFound(1), 404, "Not found"),
    ],
)
async def test_the_services_refusals_become_answers_not_errors(
    world: World,
    annie: Browser,
    service: RecordingHandover,
    error: Exception,
    status: int,
    says: str,
) -> None:
    service.refuse = error
    response = await annie.post(
        f"/console/participants/{world.ids['north1']}/reply", {"text": "hello"}
    )
    assert response.status_code == status
    assert says in response.text
    assert world.audit()[-1].participant_id == world.ids["north1"]


@pytest.mark.parametrize("path", [p for p, _, _ in ACTIONS])
async def test_another_providers_participant_is_never_passed_to_the_service(
    world: World, annie: Browser, service: RecordingHandover, path: str
) -> None:
    form = dict(next(f for p, f, _ in ACTIONS if p == path))
    for pid in (world.ids["south1"], 4242, 99999999999):
        response = await annie.post(f"/console/participants/{pid}/{path}", form)
        assert response.status_code == 404
        assert "Not found" in response.text
    assert [c for c in service.calls if c[0] != "canned_replies"] == []
    assert len(world.audit("denied")) == 3


@pytest.mark.parametrize("path", [p for p, _, _ in ACTIONS])
async def test_every_action_needs_the_csrf_defences(
    world: World, annie: Browser, service: RecordingHandover, path: str
) -> None:
    form = dict(next(f for p, f, _ in ACTIONS if p == path))
    pid = world.ids["north1"]
    no_htmx = await annie.post(
        f"/console/participants/{pid}/{path}", form, headers={"origin": "https://quitbot.example"}
    )
    foreign = await annie.post(
        f"/console/participants/{pid}/{path}",
        form,
        headers={**HX, "origin": "https://evil.example"},
    )
    annie.csrf = "0" * 64
    wrong_token = await annie.post(f"/console/participants/{pid}/{path}", form)
    assert [r.status_code for r in (no_htmx, foreign, wrong_token)] == [403, 403, 403]
    assert service.calls == [c for c in service.calls if c[0] == "canned_replies"]
    assert (await annie.http.get(f"/console/participants/{pid}/{path}")).status_code == 405


async def test_actions_need_a_session(world: World, service: RecordingHandover) -> None:
    browser = world.client()
    await browser.get("/console/login")
    response = await browser.post(f"/console/participants/{world.ids['north1']}/take-over")
    assert response.status_code == 401
    assert service.calls == []


async def test_the_participant_page_offers_the_actions_and_canned_replies(
    world: World, annie: Browser, service: RecordingHandover
) -> None:
    page = await annie.get(f"/console/participants/{world.ids['north1']}")
    assert "Take over from the bot" in page.text
    assert "Save private note" in page.text  # the bot holds it: the composer writes a note
    assert "Ring back" in page.text
    filled = await annie.get(
        f"/console/participants/{world.ids['north1']}/composer", params={"canned": "7"}
    )
    assert "I will ring you back today." in filled.text
    other = await annie.get(
        f"/console/participants/{world.ids['south1']}/composer", params={"canned": "7"}
    )
    assert other.status_code == 404


async def test_online_and_away(world: World, annie: Browser, service: RecordingHandover) -> None:
    away = await annie.post("/console/availability", {"online": "0"})
    assert "You are away." in away.text
    online = await annie.post("/console/availability", {"online": "1", "capacity": "4"})
    assert "You are online." in online.text
    assert [c[3] for c in service.calls if c[0] == "set_availability"] == [
        {"online": False, "capacity": None},
        {"online": True, "capacity": 4},
    ]
    assert [e.detail for e in world.audit("availability")] == ["ok", "ok"]


async def test_canned_replies_page_and_a_lead_adds_one(
    world: World, annie: Browser, service: RecordingHandover
) -> None:
    page = await annie.get("/console/canned")
    assert "I will ring you back today." in page.text
    assert "Add a canned reply" not in page.text  # advisors read them; leads change them
    lead = await world.client(address="10.0.0.3").signed_in_as("lee@north.nhs.uk")
    assert "Add a canned reply" in (await lead.get("/console/canned")).text
    added = await lead.post(
        "/console/canned",
        {"locale": "cy", "title": "Ffonio", "body": "Byddaf yn eich ffonio heddiw."},
    )
    assert added.status_code == 200
    assert service.calls[-1][0] == "add_canned_reply"
    assert service.calls[-1][3]["locale"] == "cy"
    odd = await lead.post("/console/canned", {"locale": "fr", "title": "x", "body": "y"})
    assert odd.status_code == 422
    edited = await lead.post("/console/canned/7", {"title": "Ring back", "body": "Ringing today."})
    assert edited.status_code == 200
    assert world.audit("canned_edit")[0].detail == "ok"
