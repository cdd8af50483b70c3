"""A fake Twilio REST API: just the Messages resource, with failures on demand."""

from __future__ import annotations

import base64
import secrets
import threading
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "test-auth-token"
FROM_NUMBER = "+447700900000"


@dataclass
class FakeTwilio:
    """Records every message create; `fail_next` queues (status, body) answers first."""

    sent: list[dict[str, str]] = field(default_factory=list)
    failures: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fail_next(self, status: int, code: int | None = None, times: int = 1) -> None:
        body = {"status": status, "code": code, "message": f"fake failure {code or status}"}
        with self.lock:
            self.failures.extend([(status, body)] * times)

    def bodies(self) -> list[str]:
        with self.lock:
            return [m["Body"] for m in self.sent]

    def app(self) -> Starlette:
        async def create(request: Request) -> Response:
            expected = base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
            if request.headers.get("authorization") != f"Basic {expected}":
                return JSONResponse({"status": 401, "code": 20003}, status_code=401)
            if request.path_params["sid"] != ACCOUNT_SID:
                return JSONResponse({"status": 404, "code": 20404}, status_code=404)
            form = dict((await request.form()).items())
            with self.lock:
                if self.failures:
                    status, body = self.failures.pop(0)
                    return JSONResponse(body, status_code=status)
                sid = "SM" + secrets.token_hex(16)
                record = {str(k): str(v) for k, v in form.items()} | {"Sid": sid}
                self.sent.append(record)
            return JSONResponse(
                {
                    "sid": sid,
                    "account_sid": ACCOUNT_SID,
                    "status": "queued",
                    "to": form.get("To"),
                    "from": form.get("From"),
                    "body": form.get("Body"),
                    "num_segments": "1",
                    "direction": "outbound-api",
                    "api_version": "2010-04-01",
                },
                status_code=201,
            )

        return Starlette(
            routes=[Route("/2010-04-01/Accounts/{sid}/Messages.json", create, methods=["POST"])]
        )
