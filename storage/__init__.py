"""Persistence: SQLModel tables, migrations and keyword-only repository functions.

Repository functions never commit: the runner owns the transaction.
"""

from storage.db import conflict, make_engine, make_reader, one_statement, ping, unavailable
from storage.migrate import upgrade

__all__ = [
    "conflict",
    "make_engine",
    "make_reader",
    "one_statement",
    "ping",
    "unavailable",
    "upgrade",
]
