"""A fake Telegram Bot API: getMe, setWebhook, sendMessage, with failures on demand.

Each sendMessage is kept as the request carried it: `chat_id`, `text`, and `reply_markup` when
there was one (a reply keyboard, or its removal), decoded from the JSON the client sent.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.twilio_fake import GARBLED

TOKEN = "123456:TEST-token"
BOT = {"id": 123456, "is_bot": True, "first_name": "quitbot", "username": "quitbot_test_bot"}


@dataclass
class FakeTelegram:
    """Records sendMessage calls; `fail_next` queues error answers first."""

    sent: list[dict[str, Any]] = field(default_factory=list)
    failures: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    stalls: list[tuple[str, float]] = field(default_factory=list)  # ("accept"|"hang", seconds)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def stall_next(self, seconds: float, times: int = 1) -> None:
        """Take the next sendMessage calls, then answer each only after `seconds`."""
        with self.lock:
            self.stalls.extend([("accept", seconds)] * times)

    def hang_next(self, seconds: float, times: int = 1) -> None:
        """Take nothing from the next sendMessage calls; answer only after `seconds` (a 502)."""
        with self.lock:
            self.stalls.extend([("hang", seconds)] * times)

    def garble_next(self, times: int = 1) -> None:
        """Take the next sendMessage calls and answer each 200 with a page that is not JSON."""
        with self.lock:
            self.stalls.extend([("garble", 0.0)] * times)

    def fail_next(self, status: int, description: str, times: int = 1, **extra: Any) -> None:
        body = {"ok": False, "error_code": status, "description": description, **extra}
        with self.lock:
            self.failures.extend([(status, body)] * times)

    def texts(self, chat_id: int | None = None) -> list[str]:
        with self.lock:
            return [m["text"] for m in self.sent if chat_id is None or m["chat_id"] == chat_id]

    def markups(self, chat_id: int | None = None) -> list[dict[str, Any] | None]:
        """Each sent message's reply_markup (None when it had none), in order."""
        with self.lock:
            return [
                m.get("reply_markup")
                for m in self.sent
                if chat_id is None or m["chat_id"] == chat_id
            ]

    def app(self) -> Starlette:
        async def method(request: Request) -> Response:
            if request.path_params["token"] != TOKEN:
                return JSONResponse(
                    {"ok": False, "error_code": 401, "description": "Unauthorized"},
                    status_code=401,
                )
            name = request.path_params["method"]
            params = await _params(request)
            stall = None
            with self.lock:
                self.calls.append(name)
                if name == "sendMessage" and self.stalls:
                    stall = self.stalls.pop(0)
            if stall is not None and stall[0] == "hang":
                await asyncio.sleep(stall[1])
                return JSONResponse(
                    {"ok": False, "error_code": 502, "description": "Bad Gateway"},
                    status_code=502,
                )
            answer = self._answer(name, params)
            if stall is not None and stall[0] == "garble":  # taken; the answer unreadable
                return Response(GARBLED, status_code=200, media_type="text/html")
            if stall is not None:  # taken; the answer comes late
                await asyncio.sleep(stall[1])
            return answer

        return Starlette(routes=[Route("/bot{token}/{method}", method, methods=["POST", "GET"])])

    def _answer(self, name: str, params: dict[str, Any]) -> Response:
        with self.lock:
            if name == "sendMessage" and self.failures:
                status, body = self.failures.pop(0)
                return JSONResponse(body, status_code=status)
            if name == "getMe":
                return JSONResponse({"ok": True, "result": BOT})
            if name in ("setWebhook", "deleteWebhook"):
                return JSONResponse({"ok": True, "result": True})
            if name == "sendMessage":
                chat_id = int(params["chat_id"])
                sent = {"chat_id": chat_id, "text": params["text"]}
                if "reply_markup" in params:
                    sent["reply_markup"] = params["reply_markup"]
                self.sent.append(sent)
                return JSONResponse(
                    {
                        "ok": True,
                        "result": {
                            "message_id": len(self.sent),
                            "date": int(time.time()),
                            "chat": {"id": chat_id, "type": "private"},
                            "text": params["text"],
                            "from": BOT,
                        },
                    }
                )
        return JSONResponse(
            {"ok": False, "error_code": 404, "description": "Not Found"}, status_code=404
        )


async def _params(request: Request) -> dict[str, Any]:
    if request.headers.get("content-type", "").startswith("application/json"):
        data = await request.json()
        return dict(data) if isinstance(data, dict) else {}
    form = await request.form()
    values: dict[str, Any] = {}
    for key, value in form.items():
        text = str(value)
        try:
            values[key] = json.loads(text) if key != "text" else text
        except ValueError:
            values[key] = text
    return values
