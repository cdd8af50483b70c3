"""Keeping the server log quiet at the default level.

The libraries quitbot runs log their routine at INFO: APScheduler two lines every tick (every
5 seconds), uvicorn a line for every request (the web chat polls every 1.5 seconds) and its own
start-up steps. At INFO an operator would see nothing else. `RoutineAtDebug` moves those lines
to DEBUG, where `QUITBOT_LOG_LEVEL=DEBUG` still shows them; their warnings and errors are
untouched.
"""

from __future__ import annotations

import logging

# Loggers whose INFO lines are routine.
ROUTINE = ("apscheduler", "uvicorn.access", "uvicorn.error")


class RoutineAtDebug(logging.Filter):
    """A handler filter: INFO lines from the `ROUTINE` loggers count as DEBUG, and lines below
    `level` are dropped."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def filter(self, record: logging.LogRecord) -> bool:
        """Whether to write `record` (demoted first if it is routine)."""
        if record.levelno == logging.INFO and _routine(record.name):
            record.levelno = logging.DEBUG
            record.levelname = logging.getLevelName(logging.DEBUG)
        return record.levelno >= self.level


def _routine(name: str) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in ROUTINE)
