"""The fake Twilio and the fake Telegram Bot API of the tests, in a process of their own.

`python -m bench.provider_fakes PORT` serves both on 127.0.0.1:PORT (uvicorn, its defaults):
Twilio's Messages resource at `/2010-04-01/Accounts/...` and Telegram's `/bot<token>/...`, so
one base URL serves as QUITBOT_TWILIO_API_BASE and QUITBOT_TELEGRAM_API_BASE, and as the peer
bot's Bot API. Each message taken is stamped with `time.monotonic()` as it arrives (the same
clock as the load generator's, in another process: CLOCK_MONOTONIC is machine-wide on Linux).

A process of their own, so that taking replies does not share an interpreter lock with the
load generator (the stamps would wait behind it) and the server's figures are its own.

For the benchmark: `GET /bench/counts` (messages taken so far, a channel each), and
`GET /bench/sms?since=N` and `GET /bench/telegram?since=N` (the messages taken from the N-th
on: SMS as [to, body, sid, at], Telegram as [chat_id, text, message_id, at]).
`Fakes` is the benchmark's side: it starts the process and reads those.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]


class Stamped(list[dict[str, Any]]):
    """The fakes' list of messages taken: each one stamped with its arrival (`at`)."""

    def append(self, item: dict[str, Any]) -> None:
        item["at"] = time.monotonic()
        super().append(item)


def app() -> Any:
    """Both fakes and the benchmark's read-outs, as one Starlette app."""
    from starlette.applications import Starlette
    from starlette.requests import ClientDisconnect, Request
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route

    from tests.fakes import telegram_fake, twilio_fake

    twilio = twilio_fake.FakeTwilio(sent=Stamped())
    telegram = telegram_fake.FakeTelegram(sent=Stamped())

    async def counts(_request: Request) -> Response:
        return JSONResponse({"sms": len(twilio.sent), "telegram": len(telegram.sent)})

    async def sms(request: Request) -> Response:
        since = int(request.query_params.get("since", "0"))
        with twilio.lock:
            taken = [[m.get("To"), m.get("Body"), m["Sid"], m["at"]] for m in twilio.sent[since:]]
        return JSONResponse(taken)

    async def telegram_sent(request: Request) -> Response:
        since = int(request.query_params.get("since", "0"))
        with telegram.lock:
            taken = [
                [m["chat_id"], m["text"], since + i + 1, m["at"]]
                for i, m in enumerate(telegram.sent[since:])
            ]
        return JSONResponse(taken)

    both = Starlette(
        routes=[
            *twilio.app().routes,
            *telegram.app().routes,
            Route("/bench/counts", counts),
            Route("/bench/sms", sms),
            Route("/bench/telegram", telegram_sent),
        ]
    )

    async def quiet(scope: Any, receive: Any, send: Any) -> None:
        # A sender killed mid-request (the crash run): nothing to answer, nothing to say.
        with contextlib.suppress(ClientDisconnect):
            await both(scope, receive, send)

    return quiet


@dataclass(frozen=True)
class SmsTaken:
    to: str
    body: str
    sid: str
    at: float


@dataclass(frozen=True)
class TelegramTaken:
    chat_id: int
    text: str
    message_id: int
    at: float


class Fakes:
    """The fakes' process, seen from the benchmark."""

    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.provider_fakes", str(port)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        self._http = httpx.Client(base_url=self.base, timeout=60)
        deadline = time.monotonic() + 30
        while True:
            try:
                self.counts()
                return
            except httpx.HTTPError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("the fake providers did not start") from None
                time.sleep(0.1)

    def counts(self) -> dict[str, int]:
        counted: dict[str, int] = self._http.get("/bench/counts").json()
        return counted

    def sms(self, since: int = 0) -> list[SmsTaken]:
        return [SmsTaken(*row) for row in self._http.get(f"/bench/sms?since={since}").json()]

    def telegram(self, since: int = 0) -> list[TelegramTaken]:
        rows = self._http.get(f"/bench/telegram?since={since}").json()
        return [TelegramTaken(*row) for row in rows]

    def close(self) -> None:
        self._http.close()
        self.process.terminate()
        self.process.wait(timeout=20)


def main() -> None:
    import uvicorn

    uvicorn.run(app(), host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")


if __name__ == "__main__":
    main()
