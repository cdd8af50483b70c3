from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import Engine

from bot.app import create_app
from bot.services import build_services
from bot.settings import Settings
from scheduler import ManualClock
from storage import make_engine
from tests.bot.helpers import messages, services_for


@pytest.fixture
async def browser(engine: Engine, clock: ManualClock) -> AsyncIterator[httpx.AsyncClient]:
    services, _ = services_for(engine, clock)
    app = create_app(services)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="https://quitbot.example"
    ) as client:
        assert (await client.get("/chat/")).status_code == 200  # sets the chat cookie
        yield client


async def texts(client: httpx.AsyncClient, after: int = 0) -> list[tuple[str, str]]:
    response = await client.get("/chat/api/messages", params={"after": after})
    return [(m["from"], m["text"]) for m in response.json()["messages"]]


async def test_a_person_registers_in_the_web_chat(browser: httpx.AsyncClient) -> None:
    for n, text in enumerate(["hello", "yes", "40"]):
        response = await browser.post("/chat/api/messages", json={"text": text, "id": str(n)})
        assert response.status_code == 202
    said = await texts(browser)
    assert said[0] == ("you", "hello")
    assert said[1][0] == "quitbot"
    assert said[-1] == (
        "quitbot",
        "Do you work for the NHS? Any role counts, including bank and agency. Reply YES or NO",
    )


async def test_a_double_submitted_message_is_taken_once(
    browser: httpx.AsyncClient, engine: Engine
) -> None:
    for _ in range(2):
        await browser.post("/chat/api/messages", json={"text": "hello", "id": "same"})
    assert sum(1 for m in messages(engine) if m.direction == "in") == 1


async def test_polling_returns_only_what_is_new(browser: httpx.AsyncClient) -> None:
    await browser.post("/chat/api/messages", json={"text": "hello"})
    first = (await browser.get("/chat/api/messages")).json()["messages"]
    later = (await browser.get("/chat/api/messages", params={"after": first[-1]["id"]})).json()
    assert later["messages"] == []


@pytest.mark.parametrize(
    ("body", "headers", "status"),
    [
        (b'{"text": "hi"', {"content-type": "application/json"}, 400),
        (b'["hi"]', {"content-type": "application/json"}, 400),
        (b'{"text": 5}', {"content-type": "application/json"}, 400),
        (b'{"text": "hi", "colour": "red"}', {"content-type": "application/json"}, 400),
        (b"text=hi", {"content-type": "application/x-www-form-urlencoded"}, 415),
        (b'{"text": "' + b"x" * 20000 + b'"}', {"content-type": "application/json"}, 413),
        (b"\xff\xfe\x00", {"content-type": "application/json"}, 400),
    ],
)
async def test_malformed_posts_get_a_4xx_and_store_nothing(
    browser: httpx.AsyncClient, engine: Engine, body: bytes, headers: dict[str, str], status: int
) -> None:
    response = await browser.post("/chat/api/messages", content=body, headers=headers)
    assert response.status_code == status
    assert messages(engine) == []


async def test_no_chat_cookie_is_a_400(engine: Engine, clock: ManualClock) -> None:
    services, _ = services_for(engine, clock)
    transport = httpx.ASGITransport(app=create_app(services))
    async with httpx.AsyncClient(
        transport=transport, base_url="https://quitbot.example"
    ) as client:
        response = await client.post("/chat/api/messages", json={"text": "hi"})
        assert response.status_code == 400
        assert (await client.get("/chat/api/messages?after=x")).status_code == 200


async def test_health_says_ok_when_the_database_answers(browser: httpx.AsyncClient) -> None:
    response = await browser.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["outbox_waiting"] == 0
    await browser.post("/chat/api/messages", json={"text": "hello"})  # no dispatcher running
    assert (await browser.get("/healthz")).json()["outbox_waiting"] == 2


async def test_health_says_503_when_the_database_does_not(clock: ManualClock) -> None:
    dead = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    settings = Settings.from_env({}, dotenv=None)
    services = build_services(settings, engine=dead, clock=clock, senders={})
    transport = httpx.ASGITransport(app=create_app(services))
    async with httpx.AsyncClient(
        transport=transport, base_url="https://quitbot.example"
    ) as client:
        response = await client.get("/healthz")
    assert response.status_code == 503


async def test_a_long_message_is_refused_not_cut(
    browser: httpx.AsyncClient, engine: Engine
) -> None:
    vent = "long night, no break, the reg shouted again. " * 180 + "I want to end my life."
    response = await browser.post("/chat/api/messages", json={"text": vent})
    assert response.status_code == 413
    assert "split" in response.json()["error"]
    assert messages(engine) == []  # nothing half-stored
    fits = "long night, no break, the reg shouted again. " * 150 + "I want to end my life."
    assert len(fits) < 8000 < len(vent)
    assert (await browser.post("/chat/api/messages", json={"text": fits})).status_code == 202
    stored = [m for m in messages(engine) if m.direction == "in"]
    assert stored[0].body == fits  # the whole of it, end included
    assert any("999" in m.body for m in messages(engine) if m.direction == "out")


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"text": ' + b"[" * 100_00 + b"]" * 100_00 + b"}", "JSON"),
        (b'{"text": "hi", "n": NaN}', "JSON"),
        (b'{"text": "hi", "id": "a\\u0000b"}', "id"),
        (b'{"text": "hi", "id": "\\ud800"}', "id"),
        (b'{"text": "hi", "id": "' + b"x" * 64 + b'"}', "id"),
        (b'{"text": "hi", "id": 5}', "id"),
    ],
)
async def test_odd_json_gets_a_clear_400_and_stores_nothing(
    browser: httpx.AsyncClient, engine: Engine, body: bytes, reason: str
) -> None:
    response = await browser.post(
        "/chat/api/messages", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert reason in response.json()["error"]
    assert messages(engine) == []


async def test_a_long_cookie_with_the_longest_id_is_taken(
    engine: Engine, clock: ManualClock
) -> None:
    services, _ = services_for(engine, clock)
    transport = httpx.ASGITransport(app=create_app(services))
    cookie = {"quitbot_chat": "c" * 64}
    async with httpx.AsyncClient(
        transport=transport, base_url="https://quitbot.example", cookies=cookie
    ) as client:
        response = await client.post("/chat/api/messages", json={"text": "hi", "id": "i" * 63})
        assert response.status_code == 202
        again = await client.post("/chat/api/messages", json={"text": "hi", "id": "i" * 63})
        assert again.status_code == 202
    assert [m.body for m in messages(engine) if m.direction == "in"] == ["hi"]


@pytest.mark.parametrize("after", ["2147483648", "99999999999999999999", "-1", "1e3", "٣"])
async def test_an_impossible_after_is_a_400(browser: httpx.AsyncClient, after: str) -> None:
    response = await browser.get("/chat/api/messages", params={"after": after})
    assert response.status_code == 400
    assert "after" in response.json()["error"]


async def test_the_largest_after_is_an_empty_page(browser: httpx.AsyncClient) -> None:
    await browser.post("/chat/api/messages", json={"text": "hello"})
    response = await browser.get("/chat/api/messages", params={"after": str(2**31 - 1)})
    assert response.status_code == 200
    assert response.json()["messages"] == []


@pytest.mark.parametrize(
    ("first", "label"), [("hello", "A person from the team"), ("CYMRAEG", "Rhywun o'r tîm")]
)
async def test_an_advisors_messages_are_told_apart_from_the_bots(
    engine: Engine, clock: ManualClock, first: str, label: str
) -> None:
    from messages import catalog as m
    from messages.render import translate
    from tests.bot.helpers import a_provider

    advisor = a_provider(engine, clock)
    services, _ = services_for(engine, clock)
    transport = httpx.ASGITransport(app=create_app(services))
    async with httpx.AsyncClient(transport=transport, base_url="https://quitbot.example") as chat:
        await chat.get("/chat/")
        await chat.post("/chat/api/messages", json={"text": first, "id": "1"})
        await chat.post("/chat/api/messages", json={"text": "I need a hand", "id": "2"})
        pid = messages(engine)[0].participant_id
        await services.handover.take_over(advisor, pid)
        await services.handover.reply(advisor, pid, "Hi, it's Sam from the team.")
        shown = (await chat.get("/chat/api/messages")).json()["messages"]
    locale = "cy" if first == "CYMRAEG" else "en_GB"
    # Told at once that a person is here, in their language; then the advisor's own words,
    # labelled as from a person, not from quitbot.
    assert [(s["from"], s["text"]) for s in shown[-2:]] == [
        ("quitbot", translate(m.ADVISOR_JOINED, locale)),
        ("advisor", "Hi, it's Sam from the team."),
    ]
    assert shown[-1]["label"] == label
    assert all("label" not in s for s in shown[:-1])


async def test_after_stop_the_reply_does_not_claim_there_is_none(
    browser: httpx.AsyncClient,
) -> None:
    for n, text in enumerate(["hello", "STOP", "are you there"]):
        await browser.post("/chat/api/messages", json={"text": text, "id": str(n)})
    said = await texts(browser)
    assert said[-2] == ("you", "are you there")
    who, reminder = said[-1]
    assert who == "quitbot"
    assert "won't reply" not in reminder
    assert "Text START to come back" in reminder


async def test_the_pages_own_words_follow_the_persons_language(
    browser: httpx.AsyncClient,
) -> None:
    await browser.post("/chat/api/messages", json={"text": "hello", "id": "1"})
    page = (await browser.get("/chat/api/messages")).json()["page"]
    assert (page["lang"], page["send"], page["privacy_href"]) == ("en-GB", "Send", "/privacy")
    await browser.post("/chat/api/messages", json={"text": "CYMRAEG", "id": "2"})
    page = (await browser.get("/chat/api/messages")).json()["page"]
    assert page["lang"] == "cy"
    assert page["send"] == "Anfon"
    assert page["placeholder"] == "Teipiwch neges"
    assert page["privacy_href"] == "/privacy?lang=cy"
    html = (await browser.get("/chat/")).text  # coming back later: Welsh from the start
    assert '<html lang="cy">' in html
    assert ">Anfon</button>" in html
    assert 'href="/privacy?lang=cy"' in html


async def test_the_privacy_notice_names_who_holds_the_data(
    engine: Engine, clock: ManualClock
) -> None:
    services, _ = services_for(
        engine,
        clock,
        QUITBOT_OPERATOR_NAME="South Wales Stop Smoking Service",
        QUITBOT_OPERATOR_CONTACT="dpo@example.nhs.uk or 029 2000 0000",
        QUITBOT_WEB_IDLE_HOURS="12",
    )
    transport = httpx.ASGITransport(app=create_app(services))
    async with httpx.AsyncClient(transport=transport, base_url="https://quitbot.example") as web:
        english = (await web.get("/privacy")).text
        welsh = (await web.get("/privacy", params={"lang": "cy"})).text
    for page in (english, welsh):
        assert "South Wales Stop Smoking Service" in page
        assert "dpo@example.nhs.uk or 029 2000 0000" in page
        assert "ico.org.uk" in page
    assert "<h1>How quitbot uses your information</h1>" in english
    assert "removed once the chat\nhas been quiet for 12 hours" in english
    assert "a person from the team was asked to look at it" in english
    assert "Safety records" in english and "Payment records" in english
    assert '<html lang="cy">' in welsh and "Cofnodion diogelwch" in welsh
    assert "Cofnodion talu" in welsh and "am 12 awr" in welsh


async def test_without_an_operator_the_notice_says_who_to_ask_truthfully(
    browser: httpx.AsyncClient,
) -> None:
    english = (await browser.get("/privacy")).text
    assert "It has not put its name on this page yet" in english
    assert "text ADVISOR and a person from the team will help" in english
    welsh = (await browser.get("/privacy?lang=cy")).text
    assert "tecstiwch CYNGHORYDD" in welsh
    unknown = await browser.get("/privacy?lang=fr")
    assert unknown.status_code == 200 and "It has not put its name" in unknown.text  # English


async def test_the_notice_language_is_read_in_any_case(browser: httpx.AsyncClient) -> None:
    assert '<html lang="cy">' in (await browser.get("/privacy?lang=CY")).text
    assert '<html lang="en-GB">' in (await browser.get("/privacy?lang=en-GB")).text


async def test_a_question_comes_with_its_answers_as_buttons(browser: httpx.AsyncClient) -> None:
    await browser.post("/chat/api/messages", json={"text": "hello", "id": "1"})
    shown = (await browser.get("/chat/api/messages")).json()["messages"]
    assert "choices" not in shown[1]  # the welcome asks nothing
    assert shown[2]["text"].endswith("Happy to go on? Reply YES or NO")
    assert shown[2]["choices"] == ["Yes", "No"]
    # A tap sends the label as the person's message: read as "yes" typed.
    await browser.post("/chat/api/messages", json={"text": "Yes", "id": "2"})
    after = shown[-1]["id"]
    new = (await browser.get("/chat/api/messages", params={"after": after})).json()["messages"]
    assert [(m["from"], m["text"]) for m in new] == [
        ("you", "Yes"),
        ("quitbot", "Thanks! How old are you? Reply with a number, e.g. 34"),
    ]
    assert new[1]["choices"] == []  # the buttons go: an age is typed
    page = (await browser.get("/chat/api/messages")).json()["page"]
    assert page["choices"] == "Quick replies"


async def test_a_welsh_speaker_gets_welsh_buttons(browser: httpx.AsyncClient) -> None:
    await browser.post("/chat/api/messages", json={"text": "CYMRAEG", "id": "1"})
    data = (await browser.get("/chat/api/messages")).json()
    consent = data["messages"][-1]
    assert consent["text"].endswith("Atebwch IE neu NA")
    assert consent["choices"] == ["Ie", "Na"]
    assert data["page"]["choices"] == "Atebion cyflym"
    await browser.post("/chat/api/messages", json={"text": "Ie", "id": "2"})
    new = (await browser.get("/chat/api/messages", params={"after": consent["id"]})).json()
    assert new["messages"][-1]["text"].startswith("Diolch! Faint yw eich oed chi?")
