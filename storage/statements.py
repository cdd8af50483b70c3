"""Pieces for statements built once and run many times, with their values bound at execution.

A hot path (the dispatcher's claim, marking sends) that builds its SQLAlchemy statement afresh
for every call spends more on building it (ORM aliases, column adaptation, a new IN list each
time) than the database spends running it. Statements made of these are built once per dialect
and keep one SQL text whatever the number of values they are given.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import (
    JSON,
    ColumnElement,
    Insert,
    Integer,
    Table,
    Text,
    any_,
    bindparam,
    cast,
    column,
    func,
    insert,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql.selectable import TableValuedAlias
from sqlalchemy.types import TypeEngine


def one_of(column: Any, name: str, *, postgres: bool, item: Any = Integer) -> ColumnElement[bool]:
    """`column` is one of the values given at execution as `name` (a list; integers unless
    `item` says another type): `= ANY(array)` on PostgreSQL, one parameter whatever the list's
    length; an expanding IN on SQLite."""
    if postgres:
        found: ColumnElement[bool] = column == any_(bindparam(name, type_=ARRAY(item)))
        return found
    return column.in_(bindparam(name, expanding=True))  # type: ignore[no-any-return]


def json_recordset(
    parameter: str, columns: Sequence[tuple[str, TypeEngine[Any]]], *, name: str
) -> TableValuedAlias:
    """PostgreSQL: rows given at execution as one JSON text (`parameter`, made by `json_rows`),
    read back as a table `name` with these typed columns (json_to_recordset). One parameter
    whatever the number of rows: the driver dumps one string, not a Python list a column."""
    return (
        func.json_to_recordset(cast(bindparam(parameter, type_=Text), JSON))
        .table_valued(*(column(key, type_) for key, type_ in columns))
        .render_derived(name=name, with_types=True)
    )


def json_insert(table: Table, names: Sequence[str], *, numbered: bool = False) -> Insert:
    """PostgreSQL: INSERT INTO `table` (`names`) the rows given at execution as one JSON text
    (`rows`, made by `json_rows`). `numbered`: each row also carries its place as `n`, and they
    go in that order (so a sequence numbers them as given)."""
    columns = [(name, table.c[name].type) for name in names]
    if numbered:
        columns.append(("n", Integer()))
    source = json_recordset("rows", columns, name="source")
    rows = select(*(source.c[name] for name in names))
    return insert(table).from_select(list(names), rows.order_by(source.c.n) if numbered else rows)


def json_rows(rows: Sequence[dict[str, Any]]) -> str:
    """Rows as the JSON text `json_recordset` reads: a datetime (always aware) as ISO 8601.

    orjson writes it (a group's rows took the worker 5-10 times longer with the standard
    library, most of it calling back for each datetime); what orjson refuses (a string that is
    not valid Unicode) is written as before."""
    for row in rows:
        for value in row.values():
            if isinstance(value, datetime) and value.tzinfo is None:
                raise ValueError("naive datetime given to a UTC column")
    try:
        return orjson.dumps(rows, option=orjson.OPT_NON_STR_KEYS).decode()
    except orjson.JSONEncodeError:
        return json.dumps(rows, default=_json_value, separators=(",", ":"))


def _json_value(value: object) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a column value")


__all__ = ["json_insert", "json_recordset", "json_rows", "one_of"]
