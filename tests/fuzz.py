"""Fuzzing every route of the real app: strategies for requests, and a driver that sends them.

Used by the suite (`tests/bot/test_fuzz_routes.py`: a fixed seed, a few hundred requests per
database) and by the longer run in `bench/fuzz.py`. Requests are built to get past each
route's front door some of the time: Twilio webhooks carry a valid signature for the fuzzed
form, Telegram updates the right secret header, and the web chat a cookie of a chat that
exists; everything else (bodies, queries, headers, cookies) is fuzzed.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from hypothesis import strategies as st
from sqlalchemy import Engine
from twilio.request_validator import RequestValidator

from bot.app import create_app
from scheduler import ManualClock
from tests.bot.helpers import WEBHOOK_SECRET, every_route_services
from tests.fakes import twilio_fake

PUBLIC = "https://quitbot.example"
KNOWN_CHAT = "fuzz-known-chat-0001"  # a web chat that exists before fuzzing starts
PATHS = [
    "/",
    "/healthz",
    "/privacy",
    "/chat/",
    "/chat/api/messages",
    "/webhooks/telegram",
    "/webhooks/twilio/sms",
    "/webhooks/twilio/status",
    "/static/chat.js",
    "/static/../settings.py",
    "/static/%2e%2e/chat.py",
]
METHODS = ["GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH"]
CONTENT_TYPES = [
    "application/json",
    "application/json; charset=utf-8",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "text/plain",
    "",
]


@dataclass(frozen=True)
class Call:
    """One request."""

    method: str
    path: str
    content: bytes = b""
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    query: str = ""

    def route(self) -> str:
        """The route it was aimed at, for counting."""
        return f"{self.method} {self.path}"


# --- values ---------------------------------------------------------------------------------

# Any code point, lone surrogates and NUL included (JSON can carry them as escapes).
any_char = st.characters(codec=None, categories=None)
texts = st.text(any_char, max_size=40) | st.sampled_from(
    ["", "\x00", "hi", "yes", "STOP", "HELP", "\ud800", "x" * 9000, "I want to end my life"]
)
ids = st.uuids().map(str) | st.text(
    st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=70
)
form_texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
big_ints = st.integers(min_value=-(2**70), max_value=2**70) | st.sampled_from(
    [0, -1, 2**31 - 1, 2**31, 2**63 - 1, 2**63, 2**64]
)
numbers = big_ints | st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([1e20])
scalars = st.none() | st.booleans() | numbers | texts
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12,
)


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=True, allow_nan=True).encode()


nested = st.integers(min_value=1, max_value=5000).map(lambda n: b"[" * n + b"]" * n)
raw_bodies = st.binary(max_size=200) | nested | json_values.map(_dump)
header_bytes = st.binary(max_size=60).map(lambda b: b.replace(b"\r", b"").replace(b"\n", b""))
header_names = st.sampled_from(
    [b"content-type", b"content-length", b"cookie", b"x-forwarded-for", b"accept", b"x-any"]
)
extra_headers = st.lists(st.tuples(header_names, header_bytes), min_size=1, max_size=2)


def _extra(draw: st.DrawFn) -> list[tuple[bytes, bytes]]:
    """Now and then, a header or two more (a second Content-Type, a false length, ...)."""
    return draw(extra_headers) if not draw(st.integers(0, 4)) else []


queries = st.dictionaries(
    st.sampled_from(["after", "id", "x", ""]) | st.text(max_size=5),
    st.text(any_char.filter(lambda c: not 0xD800 <= ord(c) <= 0xDFFF), max_size=12)
    | big_ints.map(str),
    max_size=3,
).map(lambda d: str(httpx.QueryParams(d)))
cookies = st.one_of(
    st.just(f"quitbot_chat={KNOWN_CHAT}"),
    st.just(f"quitbot_chat={KNOWN_CHAT}"),
    st.text("abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=16, max_size=64).map(
        lambda v: f"quitbot_chat={v}"
    ),
    header_bytes.map(lambda b: b.decode("latin-1")),
    st.just("quitbot_chat=" + "c" * 64),
)


# --- requests for each route ----------------------------------------------------------------


@st.composite
def web_chat_calls(draw: st.DrawFn) -> Call:
    """The web chat's page and API, with a cookie, a query and a body."""
    method = draw(st.sampled_from(["GET", "POST", "POST", "POST"]))
    path = draw(st.sampled_from(["/chat/api/messages", "/chat/api/messages", "/chat/"]))
    message: Any = {"text": draw(texts), "id": draw(ids)}
    if not draw(st.integers(0, 2)):
        message = _broken(draw, message)
    content = _dump(message) if draw(st.integers(0, 7)) else draw(raw_bodies)
    kind = draw(st.sampled_from(["application/json"] * 6 + CONTENT_TYPES))
    headers = [(b"cookie", draw(cookies).encode("latin-1"))]
    if kind:
        headers.append((b"content-type", kind.encode()))
    return Call(method, path, content, headers + _extra(draw), draw(queries))


# Values a field should never hold, which Python and PTB may accept anyway.
ODD_NUMBERS = [1e20, -1e20, 1e300, float("inf"), float("nan"), 2**64, -(2**64), 2**31, -1, 0]
odd_scalars = st.sampled_from([*ODD_NUMBERS, 1.5, "", "\x00", "\ud800", "x" * 300, None, True])
odd_values = st.one_of(odd_scalars, odd_scalars, st.builds(list), st.builds(dict), json_values)


def _plausible_message(draw: st.DrawFn, depth: int = 0) -> dict[str, Any]:
    chat_id = draw(st.integers(1, 2**40) | st.sampled_from([42, 43]))
    message: dict[str, Any] = {
        "message_id": draw(st.integers(1, 10**6)),
        "date": draw(st.integers(1_700_000_000, 1_800_000_000)),
        "chat": {"id": chat_id, "type": draw(st.sampled_from(["private"] * 4 + ["group"]))},
        "from": {
            "id": chat_id,
            "is_bot": False,
            "first_name": draw(texts),
            "language_code": draw(st.sampled_from(["en", "cy", "cy-GB", "pl"])),
        },
        "text": draw(texts),
    }
    if draw(st.booleans()):
        message["entities"] = [{"type": "bold", "offset": 0, "length": draw(big_ints)}]
    if draw(st.booleans()):
        message["photo"] = [{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}]
        message["caption"] = draw(texts)
    if depth == 0 and draw(st.booleans()):
        message["reply_to_message"] = _plausible_message(draw, depth + 1)
    return message


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every field in `value`, nested ones too."""
    found = [path] if path else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _leaves(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _leaves(inner, (*path, index))
    return found


def _broken(draw: st.DrawFn, value: Any) -> Any:
    """`value` with up to three of its fields (at any depth) replaced, or removed."""
    for _ in range(draw(st.integers(1, 3))):
        paths = _leaves(value)
        if not paths:
            break
        *parents, last = draw(st.sampled_from(paths))
        holder = value
        for step in parents:
            holder = holder[step]
        if isinstance(holder, dict) and draw(st.integers(0, 4)) == 0:
            del holder[last]
        else:
            holder[last] = draw(odd_values)
    return value


# Fields of an update that one broken value is aimed at (then a few anywhere, sometimes).
TELEGRAM_FIELDS = [
    ("update_id",),
    ("message",),
    ("message", "date"),
    ("message", "message_id"),
    ("message", "chat"),
    ("message", "chat", "id"),
    ("message", "chat", "type"),
    ("message", "from"),
    ("message", "from", "id"),
    ("message", "from", "language_code"),
    ("message", "text"),
    ("message", "caption"),
    ("message", "photo"),
    ("message", "edit_date"),
    ("message", "forward_date"),
    ("message", "reply_to_message", "date"),
    ("message", "entities"),
]


def _aim(value: dict[str, Any], path: tuple[str, ...], odd: Any) -> None:
    holder: Any = value
    for step in path[:-1]:
        holder = holder.setdefault(step, {})
        if not isinstance(holder, dict):
            return
    holder[path[-1]] = odd


@st.composite
def telegram_calls(draw: st.DrawFn) -> Call:
    """Telegram updates with the right secret (mostly): real ones with a field or more broken."""
    update: dict[str, Any] = {
        "update_id": draw(st.integers(0, 2**40)),
        "message": _plausible_message(draw),
    }
    if draw(st.integers(0, 3)):
        _aim(update, draw(st.sampled_from(TELEGRAM_FIELDS)), draw(odd_scalars | odd_values))
    update = _broken(draw, update) if not draw(st.integers(0, 3)) else update
    if "message" in update and not draw(st.integers(0, 7)):
        update[draw(st.sampled_from(["edited_message", "channel_post"]))] = update.pop("message")
    content = _dump(update) if draw(st.integers(0, 7)) else draw(raw_bodies)
    secret = draw(st.sampled_from([WEBHOOK_SECRET.encode()] * 8 + [b"", b"wrong"]))
    kind_header = draw(st.sampled_from(["application/json"] * 6 + CONTENT_TYPES))
    headers = [(b"x-telegram-bot-api-secret-token", secret)]
    if kind_header:
        headers.append((b"content-type", kind_header.encode()))
    return Call("POST", "/webhooks/telegram", content, headers + _extra(draw))


TWILIO_FIELDS = [
    "MessageSid",
    "SmsSid",
    "From",
    "To",
    "Body",
    "NumMedia",
    "OptOutType",
    "MessageStatus",
    "ErrorCode",
    "AccountSid",
]


@st.composite
def twilio_calls(draw: st.DrawFn) -> Call:
    """Twilio webhooks, signed for the fuzzed form (mostly) so they reach the handlers."""
    path = draw(st.sampled_from(["/webhooks/twilio/sms", "/webhooks/twilio/status"]))
    plausible = {
        "MessageSid": st.text("SM0123456789abcdef", min_size=2, max_size=34),
        "From": st.sampled_from(["+447700900123", "+447700900456", " ", "whatsapp:+44"]),
        "Body": texts.map(lambda t: t.encode("utf-8", "replace").decode("utf-8")),
        "NumMedia": st.sampled_from(["0", "1", "-1", "1e999", "9" * 5000, "x"]),
        "MessageStatus": st.sampled_from(["sent", "delivered", "failed", "undelivered", "x"]),
        "ErrorCode": st.sampled_from(["21610", "30003", "", "\x00", "x" * 200]),
        "OptOutType": st.sampled_from(["STOP", "START", ""]),
    }
    form = {
        name: draw(st.one_of(strategy, strategy, strategy, form_texts))
        for name, strategy in plausible.items()
    }
    form = {k: v for k, v in form.items() if draw(st.integers(0, 9))}  # some left out
    if not draw(st.integers(0, 3)):
        more = st.dictionaries(st.sampled_from(TWILIO_FIELDS) | form_texts, form_texts, max_size=3)
        form.update(draw(more))
    query = draw(st.sampled_from(["", "", "x=1"]))
    url = PUBLIC + path + (f"?{query}" if query else "")
    signature = RequestValidator(twilio_fake.AUTH_TOKEN).compute_signature(url, form)
    signature = draw(st.sampled_from([signature] * 8 + ["", "bm9wZQ=="]))
    content = str(httpx.QueryParams(form)).encode()
    if not draw(st.integers(0, 9)):
        content = draw(raw_bodies)
    headers = [
        (b"content-type", b"application/x-www-form-urlencoded"),
        (b"x-twilio-signature", signature.encode()),
    ]
    return Call("POST", path, content, headers + _extra(draw), query)


@st.composite
def any_calls(draw: st.DrawFn) -> Call:
    """Any method on any route (and some that are not routes), with anything."""
    path = draw(st.sampled_from(PATHS) | st.text("/abc%.", min_size=1, max_size=12))
    if not path.startswith("/"):
        path = "/" + path
    kind = draw(st.sampled_from(CONTENT_TYPES))
    headers = [(b"content-type", kind.encode())] if kind else []
    headers.append((b"cookie", draw(cookies).encode("latin-1")))
    return Call(
        draw(st.sampled_from(METHODS)),
        path,
        draw(raw_bodies),
        headers + _extra(draw),
        draw(queries),
    )


every_call = st.one_of(web_chat_calls(), telegram_calls(), twilio_calls(), any_calls())


# --- sending --------------------------------------------------------------------------------


class Driver:
    """Sends calls to the real app (over ASGI, no network) from one event loop."""

    def __init__(self, app: Any, *, raise_errors: bool) -> None:
        self._runner = asyncio.Runner()
        transport = httpx.ASGITransport(
            app=app, raise_app_exceptions=raise_errors, client=("198.51.100.9", 40000)
        )
        self._client = httpx.AsyncClient(transport=transport, base_url=PUBLIC)

    def send(self, call: Call) -> int:
        """The status the app answered `call` with."""
        headers = [h for h in call.headers if h[0] != b"content-length"]
        declared = [h for h in call.headers if h[0] == b"content-length"]
        url = call.path + (f"?{call.query}" if call.query else "")

        async def go() -> int:
            request = self._client.build_request(
                call.method, url, content=call.content, headers=headers
            )
            for name, value in declared:  # a declared length that may not be true
                request.headers[name.decode()] = value.decode("latin-1")
            response = await self._client.send(request)
            return response.status_code

        return self._runner.run(go())

    def close(self) -> None:
        """Close the client and the loop."""
        self._runner.run(self._client.aclose())
        self._runner.close()


@contextmanager
def driving(engine: Engine, clock: ManualClock, *, raise_errors: bool) -> Iterator[Driver]:
    """A driver for the real app on `engine`, with a web chat that already exists."""
    services = every_route_services(
        engine,
        clock,
        QUITBOT_WEB_NEW_CHATS_PER_ADDRESS="100000",
        QUITBOT_WEB_NEW_CHATS_PER_MINUTE="1000000",
    )
    driver = Driver(create_app(services), raise_errors=raise_errors)
    try:
        known = Call(
            "POST",
            "/chat/api/messages",
            b'{"text": "hi"}',
            [
                (b"content-type", b"application/json"),
                (b"cookie", f"quitbot_chat={KNOWN_CHAT}".encode()),
            ],
        )
        assert driver.send(known) == 202
        yield driver
    finally:
        driver.close()
        for closer in services.closers:
            asyncio.run(closer.aclose())
