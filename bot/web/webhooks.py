"""Provider webhooks (placeholder until the Twilio and Telegram channels land)."""

from __future__ import annotations

from starlette.routing import BaseRoute

from bot.services import Services


def routes(services: Services) -> list[BaseRoute]:
    """The webhook routes for the channels that are on."""
    return []
