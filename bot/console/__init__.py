"""The advisor console at /console/: sign-in, the queue, participant pages, live updates."""

from bot.console.views import StreamTiming, routes

__all__ = ["StreamTiming", "routes"]
