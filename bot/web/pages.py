"""Static pages: the privacy notice that the consent question links to."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from bot.services import Services

PRIVACY = Path(__file__).parent / "static" / "privacy.html"


def routes(_services: Services) -> list[BaseRoute]:
    """The privacy notice."""

    async def privacy(_request: Request) -> Response:
        return HTMLResponse(PRIVACY.read_text(encoding="utf-8"))

    return [Route("/privacy", privacy, methods=["GET"])]
