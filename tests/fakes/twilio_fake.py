"""A fake Twilio REST API: just the Messages resource (create and list), with faults on cue.

Faults: `fail_next` (an error answer, with Retry-After if asked), `stall_next` (take the message,
then answer only after a delay longer than the client waits: "accepted, then a timeout") and
`hang_next` (answer nothing for a while, taking nothing).
"""

from __future__ import annotations

import asyncio
import base64
import secrets
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "test-auth-token"
FROM_NUMBER = "+447700900000"


# A 2xx whose body is not JSON (a proxy's page): the provider took the message, the caller
# cannot read that it has (both fakes' garble_next).
GARBLED = "<html><body>502 Bad Gateway (the answer was lost on its way)</body></html>"


@dataclass
class FakeTwilio:
    """Records every message create; `fail_next` queues (status, body) answers first."""

    sent: list[dict[str, str]] = field(default_factory=list)
    failures: list[tuple[int, dict[str, Any], dict[str, str]]] = field(default_factory=list)
    stalls: list[tuple[str, float]] = field(default_factory=list)  # ("accept"|"hang", seconds)
    creates: int = 0  # create calls answered or not
    lookups: int = 0  # list calls
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fail_next(
        self, status: int, code: int | None = None, times: int = 1, retry_after: int | None = None
    ) -> None:
        body = {"status": status, "code": code, "message": f"fake failure {code or status}"}
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        with self.lock:
            self.failures.extend([(status, body, headers)] * times)

    def stall_next(self, seconds: float, times: int = 1) -> None:
        """Take the next messages, then answer each only after `seconds`."""
        with self.lock:
            self.stalls.extend([("accept", seconds)] * times)

    def hang_next(self, seconds: float, times: int = 1) -> None:
        """Take nothing from the next calls and answer them only after `seconds` (with a 503)."""
        with self.lock:
            self.stalls.extend([("hang", seconds)] * times)

    def garble_next(self, times: int = 1) -> None:
        """Take the next messages and answer each 201 with a page that is not JSON (a proxy's,
        say): Twilio has them, the caller cannot read that it has."""
        with self.lock:
            self.stalls.extend([("garble", 0.0)] * times)

    def to(self, number: str) -> list[str]:
        """The bodies taken for `number`, in the order they came."""
        with self.lock:
            return [m["Body"] for m in self.sent if m.get("To") == number]

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
            if request.method == "GET":
                return self._list(request)
            form = dict((await request.form()).items())
            with self.lock:
                self.creates += 1
                stall = self.stalls.pop(0) if self.stalls else None
                if stall is not None and stall[0] == "hang":
                    record = {}
                elif self.failures:
                    status, body, headers = self.failures.pop(0)
                    return JSONResponse(body, status_code=status, headers=headers)
                else:
                    record = {str(k): str(v) for k, v in form.items()} | {
                        "Sid": "SM" + secrets.token_hex(16),
                        "DateCreated": format_datetime(datetime.now(UTC), usegmt=True),
                    }
                    self.sent.append(record)
            if stall is not None and stall[0] == "garble":
                return Response(GARBLED, status_code=201, media_type="text/html")
            if stall is not None:
                await asyncio.sleep(stall[1])
                if stall[0] == "hang":
                    return JSONResponse({"status": 503, "code": None}, status_code=503)
            return JSONResponse(_resource(record), status_code=201)

        return Starlette(
            routes=[
                Route("/2010-04-01/Accounts/{sid}/Messages.json", create, methods=["POST", "GET"])
            ]
        )

    def _list(self, request: Request) -> Response:
        """Messages sent, newest first, filtered by To and From as Twilio does."""
        to, sender = request.query_params.get("To"), request.query_params.get("From")
        size = int(request.query_params.get("PageSize") or 50)
        with self.lock:
            self.lookups += 1
            found = [
                _resource(m)
                for m in reversed(self.sent)
                if (to is None or m.get("To") == to)
                and (sender is None or m.get("From") == sender)
            ][:size]
        uri = f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"
        return JSONResponse(
            {
                "messages": found,
                "end": max(0, len(found) - 1),
                "first_page_uri": uri,
                "next_page_uri": None,
                "page": 0,
                "page_size": size,
                "previous_page_uri": None,
                "start": 0,
                "uri": uri,
            }
        )


def _resource(record: dict[str, str]) -> dict[str, Any]:
    return {
        "sid": record["Sid"],
        "account_sid": ACCOUNT_SID,
        "status": "queued",
        "to": record.get("To"),
        "from": record.get("From"),
        "body": record.get("Body"),
        "date_created": record["DateCreated"],
        "num_segments": "1",
        "direction": "outbound-api",
        "api_version": "2010-04-01",
    }
