"""The load generator of the ingress benchmark: webhook requests as bytes, sent over loopback.

wrk is not on this machine, so this is an asyncio client that writes ready-made HTTP/1.1
requests on keep-alive connections and reads the answers. Times are `time.monotonic()`, the
clock the fake providers stamp replies with (bench/provider_fakes.py), so a reply's arrival
can be set against its webhook's sending.

Requests: signed Twilio SMS webhooks (a unique MessageSid each) and Telegram updates (a unique
update_id each, with the secret token header). Who says what:

* `lockstep`: request `n` comes from sender `n % senders` and says the `n // senders`-th
  thing that person says (`word`); everyone is at the same point of their conversation, so
  the work a message takes changes as a load goes on (the ceiling, the peer, the fault runs).
* `Cohorts`: a service's steady state. A new cohort of people starts (says "hi") at every
  step, and each person says `stay` things, one a step: after a ramp (`Cohorts.ramp`, the
  warm-up), every step has people at every point of registration and beyond in equal numbers,
  so any stretch of the load is the same mix of work (quitbot's timed loads).

Every message after a "hi" gets at least one reply from quitbot and exactly one from the peer.

Three ways to send them:

* `closed_loop`: each connection sends its next request as soon as the last is answered, for
  a time (acknowledgements a second, latency under full load). With `retry`, a request that
  was not acknowledged (an error answer, a dropped connection, no answer within Twilio's 15 s)
  is sent again, the same bytes, until it is, as Twilio and Telegram do.
* `open_loop`: requests at a fixed rate, request `i` due at `start + i / rate`; its times are
  counted from when it was due, so a late send counts against the server, not for it.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

from twilio.request_validator import RequestValidator

from tests.fakes import twilio_fake

SMS_PATH = "/webhooks/twilio/sms"
TELEGRAM_PATH = "/webhooks/telegram"
TELEGRAM_SECRET = "bench-Secret_token-1"
FIRST_CHAT = 7_000_000_000  # Telegram chat ids of the load: 64-bit, as real ones are
TWILIO_PATIENCE = 15.0  # Twilio gives up on a webhook after this long
RETRY_PAUSE = 0.2  # a retried webhook goes again after this
# What each person says, in turn: registration from "hi" (the warm-up) to a confirmed quit
# date (each answer takes quitbot to its next question), then questions about their progress
# and plans, round and round. quitbot answers every one (a few with two messages).
CONVERSATION = (
    "hi",
    "yes",
    "35",
    "yes",
    "yes",
    "no",
    "nurse",
    "Leeds Teaching Hospitals",
    "LS1 4AP",
    "woman",
    "office hours",
    "10",
    "within 5",
    "2",
    "4",
    "patches",
    "",  # a quit date a week ahead: filled in by `word`
    "yes",
)
ONGOING = ("how am I doing", "thanks", "next")


def word(position: int, today: date | None = None) -> str:
    """What a person says in their `position`-th message (0: the warm-up)."""
    if position < len(CONVERSATION):
        said = CONVERSATION[position]
        if not said:
            quit_on = (today or date.today()) + timedelta(days=7)  # noqa: DTZ011 - local date
            said = f"{quit_on.day} {quit_on:%B}"
        return said
    return ONGOING[(position - len(CONVERSATION)) % len(ONGOING)]


@dataclass(frozen=True, slots=True)
class Request:
    """One webhook request, ready to write: `key` is its provider id (MessageSid, update_id)
    and `sender` who sent it (phone number, chat id), as quitbot's transcript keeps them."""

    key: str
    sender: str
    raw: bytes


def phone(sender: int) -> str:
    return f"+447700{sender:06d}"


def chat(sender: int) -> int:
    return FIRST_CHAT + sender


Said = tuple[int, int, int]  # a request's number (its provider id), its sender, its position


def lockstep(start: int, count: int, senders: int) -> list[Said]:
    """Requests `start` to `start + count - 1`, everyone at the same point: `n` comes from
    sender `n % senders` and is their `n // senders`-th message."""
    return [(n, n % senders, n // senders) for n in range(start, start + count)]


RAMP = 50_000_000  # the warm-up's request numbers start here (the timed ones at 0)
STAY = len(CONVERSATION) * 2  # things a person of the load says: registration, then as many more


@dataclass(frozen=True, slots=True)
class Cohorts:
    """People who join `size` at a time, one cohort a step, and each say `stay` things, one a
    step (registration to a quit date, then `stay - len(CONVERSATION)` about their progress).
    Once the ramp is done, a step is `size * stay` messages: every cohort in the programme,
    each at its own point, the people of a step interleaved (a person's next message comes a
    whole step later)."""

    size: int
    stay: int = STAY

    @classmethod
    def of(cls, people: int) -> Cohorts:
        """About `people` in the programme at once (whole cohorts of the usual stay, one at
        least)."""
        return cls(max(1, people // STAY))

    @property
    def people(self) -> int:
        """How many are in the programme at once (after the ramp)."""
        return self.size * self.stay

    def ramp(self) -> list[list[Said]]:
        """The warm-up: the steps before the first full one (cohort 0 alone, then 0 and 1,
        ...), each to be acknowledged in full before the next is sent."""
        steps, k = [], RAMP
        for step in range(self.stay - 1):
            said = []
            for i in range(self.size):
                for cohort in range(step + 1):
                    said.append((k, cohort * self.size + i, step - cohort))
                    k += 1
            steps.append(said)
        return steps

    def timed(self, start: int, count: int) -> list[Said]:
        """Requests `start` to `start + count - 1` of the steady state after the ramp."""
        made = []
        for n in range(start, start + count):
            step, rest = divmod(n, self.people)
            i, j = divmod(rest, self.stay)
            made.append((n, (step + j) * self.size + i, self.stay - 1 - j))
        return made


def sms_requests(port: int, start: int, count: int, senders: int) -> list[Request]:
    """Signed Twilio webhooks `start` to `start + count - 1` in lockstep, signed for
    127.0.0.1:`port`."""
    return sms_for(port, lockstep(start, count, senders))


def sms_for(port: int, said: Sequence[Said]) -> list[Request]:
    """Signed Twilio webhooks, one for each (number, sender, position), signed for
    127.0.0.1:`port`."""
    validator = RequestValidator(twilio_fake.AUTH_TOKEN)
    url = f"http://127.0.0.1:{port}{SMS_PATH}"
    today = date.today()  # noqa: DTZ011 - the server's local date is near enough
    made = []
    for n, sender, position in said:
        form = {
            "MessageSid": f"SM{n:032d}",
            "AccountSid": twilio_fake.ACCOUNT_SID,
            "From": phone(sender),
            "To": twilio_fake.FROM_NUMBER,
            "Body": word(position, today),
            "NumMedia": "0",
        }
        body = urlencode(form).encode()
        head = (
            f"POST {SMS_PATH} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"X-Twilio-Signature: {validator.compute_signature(url, form)}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        made.append(Request(form["MessageSid"], form["From"], head + body))
    return made


def telegram_requests(
    port: int, start: int, count: int, senders: int, path: str = TELEGRAM_PATH
) -> list[Request]:
    """Telegram updates `start` to `start + count - 1` in lockstep."""
    return telegram_for(port, lockstep(start, count, senders), path)


def telegram_for(port: int, said: Sequence[Said], path: str = TELEGRAM_PATH) -> list[Request]:
    """Telegram updates, one for each (number, sender, position), update_id `number + 1`,
    each a text message in a private chat, with the secret token header."""
    today = date.today()  # noqa: DTZ011 - the server's local date is near enough
    now = int(time.time())
    made = []
    for n, sender, position in said:
        who = chat(sender)
        update = {
            "update_id": n + 1,
            "message": {
                "message_id": position + 1,
                "date": now,
                "chat": {"id": who, "type": "private", "first_name": "Sam"},
                "from": {"id": who, "is_bot": False, "first_name": "Sam", "language_code": "en"},
                "text": word(position, today),
            },
        }
        body = json.dumps(update, separators=(",", ":")).encode()
        head = (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Content-Type: application/json\r\n"
            f"X-Telegram-Bot-Api-Secret-Token: {TELEGRAM_SECRET}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        made.append(Request(str(n + 1), str(who), head + body))
    return made


@dataclass(frozen=True, slots=True)
class Acked:
    """A request the server acknowledged (a 2xx): when it was sent (or due) and how long the
    acknowledgement took from then."""

    key: str
    sender: str
    sent_at: float
    took: float


@dataclass
class Load:
    """What one load saw."""

    acked: list[Acked] = field(default_factory=list)
    other: int = 0  # answers other than 2xx (not retried)
    errors: int = 0  # connections that failed (not retried)
    retries: int = 0  # requests sent again (with `retry`)
    given_up: int = 0  # never acknowledged, however often retried (with `retry`)
    refusals: Counter[int] = field(default_factory=Counter)  # non-2xx statuses; 0: no answer
    taken: int = 0  # requests used from the list
    began: float = 0.0
    seconds: float = 0.0  # from the first request to the end of sending

    @property
    def latencies(self) -> list[float]:
        return [a.took for a in self.acked]


async def _exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, raw: bytes) -> int:
    """Write one request and read its answer (its body by Content-Length, or chunked); its
    status code. ValueError when the answer is not HTTP/1.1."""
    writer.write(raw)
    head = await reader.readuntil(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 "):
        raise ValueError(f"not an HTTP answer: {head[:40]!r}")
    length, chunked = 0, False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if chunked:
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")  # no trailers: the empty line after the last chunk
    elif length:
        await reader.readexactly(length)
    return int(head[9:12])


_BROKEN = (
    OSError,
    asyncio.IncompleteReadError,
    asyncio.LimitOverrunError,
    TimeoutError,
    ValueError,
)


async def closed_loop(
    port: int,
    requests: Sequence[Request],
    connections: int,
    seconds: float,
    *,
    retry: bool = False,
    give_up_after: float = 120.0,
) -> Load:
    """Send `requests` in turn on `connections` connections for `seconds` (or until none are
    left). Without `retry`, a connection that fails ends (a crash run: the server went away).
    With it, a request goes again until acknowledged, or until `give_up_after` seconds after
    the load's end."""
    seen = Load()
    nxt = iter(requests)
    seen.began = time.monotonic()
    stop = seen.began + seconds

    async def connection() -> None:
        reader: asyncio.StreamReader | None = None
        writer: asyncio.StreamWriter | None = None
        try:
            while time.monotonic() < stop:
                item = next(nxt, None)
                if item is None:
                    return
                seen.taken += 1
                began = time.monotonic()
                while True:
                    try:
                        if writer is None:
                            reader, writer = await asyncio.open_connection("127.0.0.1", port)
                        assert reader is not None
                        status = await asyncio.wait_for(
                            _exchange(reader, writer, item.raw),
                            TWILIO_PATIENCE if retry else None,
                        )
                    except _BROKEN:
                        if writer is not None:
                            writer.close()
                        reader = writer = None
                        if not retry:
                            seen.errors += 1
                            return
                        status = 0
                    if 200 <= status < 300:
                        seen.acked.append(
                            Acked(item.key, item.sender, began, time.monotonic() - began)
                        )
                        break
                    seen.refusals[status] += 1
                    if not retry:
                        seen.other += 1
                        break
                    if time.monotonic() > stop + give_up_after:
                        seen.given_up += 1
                        break
                    seen.retries += 1
                    await asyncio.sleep(RETRY_PAUSE)
        finally:
            if writer is not None:
                writer.close()

    await asyncio.gather(*(connection() for _ in range(connections)))
    seen.seconds = min(time.monotonic(), stop) - seen.began
    return seen


async def open_loop(
    port: int, requests: Sequence[Request], connections: int, rate: float, seconds: float
) -> Load:
    """Send `requests` at `rate` a second for `seconds`, request `i` due at start + i / rate,
    on `connections` connections (request `i` on connection `i % connections`)."""
    seen = Load()
    count = min(len(requests), max(1, round(rate * seconds)))
    seen.began = time.monotonic() + 0.05
    seen.taken = count

    async def connection(first: int) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for i in range(first, count, connections):
                due = seen.began + i / rate
                wait = due - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                item = requests[i]
                try:
                    status = await _exchange(reader, writer, item.raw)
                except _BROKEN:
                    seen.errors += 1
                    return
                if 200 <= status < 300:
                    seen.acked.append(Acked(item.key, item.sender, due, time.monotonic() - due))
                else:
                    seen.other += 1
        finally:
            writer.close()

    await asyncio.gather(*(connection(k) for k in range(min(connections, count))))
    seen.seconds = count / rate
    return seen
