"""The edge of the web app, as a browser, a provider or an attacker meets it: body limits,
security headers, the chat cookie, limits on new web chats and a database outage."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine
from twilio.request_validator import RequestValidator

from bot.app import create_app
from bot.services import Services
from bot.web.body_limit import MAX_BODY
from scheduler import ManualClock
from storage import make_engine
from tests.bot.helpers import every_route_services, messages, services_for
from tests.fakes import twilio_fake

PUBLIC = "https://quitbot.example"


def _client(app: Any, *, host: str = "203.0.113.7") -> httpx.AsyncClient:
    """A client of `app` (one app: one set of counts) from `host`."""
    transport = httpx.ASGITransport(app=app, client=(host, 50000))
    return httpx.AsyncClient(transport=transport, base_url=PUBLIC)


# --- request bodies are refused by size before they are read --------------------------------


class _Body:
    """An ASGI `receive` that hands out a body in chunks and counts what was taken."""

    def __init__(self, chunks: int, size: int = 16 * 1024) -> None:
        self.left, self.size, self.taken = chunks, size, 0

    async def __call__(self) -> dict[str, Any]:
        if self.left == 0:
            return {"type": "http.disconnect"}
        self.left -= 1
        self.taken += self.size
        return {"type": "http.request", "body": b"x" * self.size, "more_body": self.left > 0}


async def _call(
    app: Any, path: str, body: _Body, headers: list[tuple[bytes, bytes]]
) -> tuple[int, dict[str, str]]:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "https",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"quitbot.example"), *headers],
        "client": ("203.0.113.7", 50000),
        "server": ("quitbot.example", 443),
    }
    await app(scope, body, send)
    start = sent[0]
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}


@pytest.mark.parametrize(
    "path", ["/chat/api/messages", "/webhooks/telegram", "/webhooks/twilio/sms", "/nowhere"]
)
async def test_a_declared_50_mb_body_is_refused_before_a_byte_is_read(
    provider_app: Any, path: str
) -> None:
    body = _Body(chunks=3200)  # 50 MB, if anyone read it
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(50 * 1024 * 1024).encode()),
        (b"cookie", b"quitbot_chat=" + b"c" * 24),
    ]
    status, response_headers = await _call(provider_app, path, body, headers)
    assert status == 413
    assert body.taken == 0
    assert response_headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "path", ["/chat/api/messages", "/webhooks/telegram", "/webhooks/twilio/sms"]
)
async def test_a_streamed_body_is_cut_off_once_it_passes_the_limit(
    provider_app: Any, path: str
) -> None:
    body = _Body(chunks=3200)  # chunked, no Content-Length: 50 MB if read to the end
    kind = b"application/x-www-form-urlencoded" if "twilio" in path else b"application/json"
    headers = [
        (b"content-type", kind),
        (b"cookie", b"quitbot_chat=" + b"c" * 24),
        (b"x-telegram-bot-api-secret-token", b"s3cret-Token_1"),
    ]
    status, _ = await _call(provider_app, path, body, headers)
    assert status == 413
    assert body.taken <= MAX_BODY + body.size  # stopped at the first chunk past the limit


@pytest.mark.parametrize("declared", [b"\xb2", b"1\xb9", b"12x", b"-1"])
async def test_a_content_length_that_is_not_ascii_digits_is_a_400(
    provider_app: Any, declared: bytes
) -> None:
    # "\xb2" is a superscript two in latin-1: str.isdigit() says yes, int() says no (was a 500)
    body = _Body(chunks=1)
    headers = [(b"content-type", b"application/json"), (b"content-length", declared)]
    status, _ = await _call(provider_app, "/chat/api/messages", body, headers)
    assert status == 400
    assert body.taken == 0


async def test_a_body_just_under_the_limit_is_read(browser: httpx.AsyncClient) -> None:
    text = "a" * 7900
    body = '{"text": "' + text + '"' + " " * (MAX_BODY - 8000) + "}"  # padded with JSON spaces
    assert MAX_BODY - 200 < len(body) < MAX_BODY
    response = await browser.post(
        "/chat/api/messages", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 202


# --- security headers and the chat cookie -----------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/"),
        ("GET", "/chat/"),
        ("GET", "/privacy"),
        ("GET", "/healthz"),
        ("GET", "/static/chat.js"),
        ("GET", "/chat/api/messages"),
        ("POST", "/chat/api/messages"),
        ("POST", "/webhooks/telegram"),
        ("POST", "/webhooks/twilio/sms"),
        ("GET", "/no-such-page"),
    ],
)
async def test_every_response_carries_the_security_headers(
    browser: httpx.AsyncClient, method: str, path: str
) -> None:
    response = await browser.request(method, path)
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["strict-transport-security"].startswith("max-age=")


@pytest.mark.parametrize("page", ["/chat/", "/privacy", "/privacy?lang=cy"])
async def test_pages_have_no_inline_script_or_style(browser: httpx.AsyncClient, page: str) -> None:
    html = (await browser.get(page)).text
    assert "<style" not in html and " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # every script is a file
    assert not re.search(r"<[^>]*\son\w+\s*=", html)  # no onclick= and the like
    for asset in ("/static/chat.js", "/static/chat.css", "/static/page.css"):
        if asset in html:
            assert (await browser.get(asset)).status_code == 200


async def test_the_chat_cookie_is_secure_when_the_public_url_is_https(
    engine: Engine, clock: ManualClock
) -> None:
    services, _ = services_for(engine, clock)
    transport = httpx.ASGITransport(app=create_app(services))
    # Behind a TLS proxy the app itself is spoken to in plain http.
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        cookie = (await client.get("/chat/")).headers["set-cookie"].lower()
    assert "quitbot_chat=" in cookie
    assert "; secure" in cookie and "; httponly" in cookie and "samesite=lax" in cookie


async def test_the_chat_cookie_works_on_plain_http_for_a_local_try(
    engine: Engine, clock: ManualClock
) -> None:
    services, _ = services_for(engine, clock, QUITBOT_PUBLIC_URL="http://127.0.0.1:8000")
    transport = httpx.ASGITransport(app=create_app(services))
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as client:
        cookie = (await client.get("/chat/")).headers["set-cookie"].lower()
        assert "; secure" not in cookie and "; httponly" in cookie
        response = await client.post("/chat/api/messages", json={"text": "hi"})
    assert response.status_code == 202


# --- new web chats are limited; existing chats are not ----------------------------------------


async def _new_visitor(client: httpx.AsyncClient, n: int) -> httpx.Response:
    invented = f"invented-visitor-{n:08d}"
    return await client.post(
        "/chat/api/messages", json={"text": "hi"}, headers={"cookie": f"quitbot_chat={invented}"}
    )


async def test_a_flood_of_invented_visitors_is_turned_away_without_hurting_real_ones(
    engine: Engine, clock: ManualClock
) -> None:
    services, _ = services_for(engine, clock, QUITBOT_WEB_NEW_CHATS_PER_ADDRESS="5")
    app = create_app(services)
    async with _client(app, host="198.51.100.20") as real, _client(app) as flood:
        assert (await real.get("/chat/")).status_code == 200
        assert (await real.post("/chat/api/messages", json={"text": "hi"})).status_code == 202
        answers = [(await _new_visitor(flood, n)).status_code for n in range(40)]
        assert answers == [202] * 5 + [429] * 35
        refused = await _new_visitor(flood, 99)
        assert refused.headers["content-type"] == "application/json"
        assert "try again in a minute" in refused.json()["error"]
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        page = await flood.get("/chat/")  # a browser from that address gets a page saying so
        assert page.status_code == 429
        assert page.headers["content-type"].startswith("text/html")
        assert "try again in a minute" in page.text
        assert "quitbot_chat" not in page.headers.get("set-cookie", "")
        # The person already chatting, and another new one elsewhere, carry on.
        assert (await real.post("/chat/api/messages", json={"text": "yes"})).status_code == 202
        elsewhere = _client(app, host="192.0.2.55")
        async with elsewhere:
            assert (await _new_visitor(elsewhere, 1000)).status_code == 202
        clock.advance(timedelta(seconds=61))
        assert (await _new_visitor(flood, 2000)).status_code == 202
    web_people = {m.address for m in messages(engine) if m.direction == "in"}
    assert len(web_people) == 1 + 5 + 1 + 1
    assert not any(m.address == "invented-visitor-00000099" for m in messages(engine))


async def test_new_chats_are_limited_overall_too(engine: Engine, clock: ManualClock) -> None:
    app = create_app(services_for(engine, clock, QUITBOT_WEB_NEW_CHATS_PER_MINUTE="3")[0])
    answers = []
    for n in range(5):
        async with _client(app, host=f"2001:db8:{n}::1") as client:
            answers.append((await _new_visitor(client, n)).status_code)
    assert answers == [202, 202, 202, 429, 429]


async def test_one_ipv6_network_counts_as_one_address(engine: Engine, clock: ManualClock) -> None:
    app = create_app(services_for(engine, clock, QUITBOT_WEB_NEW_CHATS_PER_ADDRESS="2")[0])
    answers = []
    for n in range(4):
        async with _client(app, host=f"2001:db8:1:2::{n + 1}") as client:
            answers.append((await _new_visitor(client, n)).status_code)
    assert answers == [202, 202, 429, 429]


async def test_a_trusted_proxy_names_the_client(engine: Engine, clock: ManualClock) -> None:
    services, _ = services_for(
        engine,
        clock,
        QUITBOT_WEB_NEW_CHATS_PER_ADDRESS="1",
        QUITBOT_TRUSTED_PROXIES="127.0.0.1",
    )
    answers = []
    async with _client(create_app(services), host="127.0.0.1") as proxy:
        for n, client in enumerate(["198.51.100.1", "198.51.100.2", "198.51.100.1"]):
            response = await proxy.post(
                "/chat/api/messages",
                json={"text": "hi"},
                headers={
                    "cookie": f"quitbot_chat=visitor-behind-proxy-{n}",
                    "x-forwarded-for": client,
                    "x-forwarded-proto": "https",
                },
            )
            answers.append(response.status_code)
    assert answers == [202, 202, 429]


# --- a database that is down ------------------------------------------------------------------


@pytest.fixture
def dead_services(clock: ManualClock) -> Services:
    refusing = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")  # nothing listens
    return every_route_services(refusing, clock)


async def _post_each_webhook(client: httpx.AsyncClient) -> list[httpx.Response]:
    update = {
        "update_id": 1,
        "message": {
            "message_id": 1,
            "date": 1_795_000_000,
            "chat": {"id": 42, "type": "private"},
            "text": "hi",
        },
    }
    form = {"MessageSid": "SM1", "From": "+447700900123", "Body": "hi"}
    url = f"{PUBLIC}/webhooks/twilio/sms"
    signature = RequestValidator(twilio_fake.AUTH_TOKEN).compute_signature(url, form)
    return [
        await client.post(
            "/webhooks/telegram",
            json=update,
            headers={"x-telegram-bot-api-secret-token": "s3cret-Token_1"},
        ),
        await client.post(
            "/webhooks/twilio/sms", data=form, headers={"x-twilio-signature": signature}
        ),
        await client.post(
            "/chat/api/messages",
            json={"text": "hi"},
            headers={"cookie": "quitbot_chat=" + "c" * 24},
        ),
        await client.get("/chat/api/messages", headers={"cookie": "quitbot_chat=" + "c" * 24}),
        await client.get("/healthz"),
    ]


async def test_a_database_that_is_down_answers_503_with_one_log_line_each(
    dead_services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with _client(create_app(dead_services)) as client:
        responses = await _post_each_webhook(client)
    assert [r.status_code for r in responses] == [503] * 5
    assert all(r.headers["retry-after"] == "30" for r in responses)
    server_side = [r for r in caplog.records if r.name != "httpx"]  # httpx is the client here
    assert len(server_side) == 4  # one line per failed request; /healthz says so in its answer
    for record in server_side:
        assert record.exc_info is None
        assert "database unavailable" in record.getMessage()
        assert "Connection refused" in record.getMessage()  # the reason, on the same line
    assert "Traceback" not in caplog.text


@pytest.fixture
async def browser(engine: Engine, clock: ManualClock) -> AsyncIterator[httpx.AsyncClient]:
    services, _ = services_for(engine, clock)
    async with _client(create_app(services)) as client:
        assert (await client.get("/chat/")).status_code == 200
        yield client


@pytest.fixture
def provider_app(engine: Engine, clock: ManualClock) -> Any:
    return create_app(every_route_services(engine, clock))


async def test_the_ticker_and_dispatcher_say_the_database_is_down_in_one_line(
    dead_services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(dead_services, tick_seconds=0.05)
    async with app.router.lifespan_context(app):
        await asyncio.sleep(0.3)
    ours = [r for r in caplog.records if r.name.startswith(("bot.", "scheduler."))]
    down = [r for r in ours if "the database is unavailable" in r.getMessage()]
    assert len(down) >= 3  # the dispatcher's first flush, then every tick
    assert all(r.exc_info is None for r in ours)
