"""The privacy notice, in English and Welsh, that the consent question and the web chat link to.

`/privacy` is in the service's default language; `?lang=cy` or `?lang=en` choose one. It names
who holds the data from the settings (`QUITBOT_OPERATOR_NAME`, `QUITBOT_OPERATOR_CONTACT`) and
states the retention rules the code keeps (`storage/retention.py`, `transcript.redact_inbound`,
the ledger's triggers): when one of those changes, this notice changes with it.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from bot.services import Services
from messages.render import supported

TEMPLATES = Path(__file__).parent / "templates"
NOTICES = {"en_GB": "privacy_en.html", "cy": "privacy_cy.html"}


def templates() -> Environment:
    """The web pages' templates (the privacy notice, the web chat), HTML-escaped."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def routes(services: Services) -> list[BaseRoute]:
    """The privacy notice."""
    settings = services.settings
    env = templates()
    facts = {
        "operator_name": settings.operator_name,
        "operator_contact": settings.operator_contact,
        "idle_hours": settings.web_idle_hours,
    }

    async def privacy(request: Request) -> Response:
        # "cy", "CY", "en-GB": a language we have; anything else, the service's own.
        asked = request.query_params.get("lang", "").replace("-", "_").split("_")[0].lower()
        locale = supported(asked if asked in ("en", "cy") else settings.default_locale)
        return HTMLResponse(env.get_template(NOTICES[locale]).render(**facts))

    return [Route("/privacy", privacy, methods=["GET"])]
