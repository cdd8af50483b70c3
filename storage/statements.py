"""Pieces for statements built once and run many times, with their values bound at execution.

A hot path (the dispatcher's claim, marking sends) that builds its SQLAlchemy statement afresh
for every call spends more on building it (ORM aliases, column adaptation, a new IN list each
time) than the database spends running it. Statements made of these are built once per dialect
and keep one SQL text whatever the number of values they are given.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Integer, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY


def one_of(column: Any, name: str, *, postgres: bool) -> ColumnElement[bool]:
    """`column` is one of the integers given at execution as `name` (a list): `= ANY(array)`
    on PostgreSQL, one parameter whatever the list's length; an expanding IN on SQLite."""
    if postgres:
        found: ColumnElement[bool] = column == any_(bindparam(name, type_=ARRAY(Integer)))
        return found
    return column.in_(bindparam(name, expanding=True))  # type: ignore[no-any-return]


__all__ = ["one_of"]
