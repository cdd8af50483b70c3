"""Persistence: SQLModel tables, migrations and keyword-only repository functions.

Repository functions never commit: the runner owns the transaction.
"""

from storage.db import make_engine, ping
from storage.migrate import upgrade

__all__ = ["make_engine", "ping", "upgrade"]
