"""Alembic environment: migrations run against the engine handed in by storage.migrate."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine, create_engine
from sqlmodel import SQLModel

from storage import tables  # noqa: F401 - registers every table on the metadata

config = context.config
target_metadata = SQLModel.metadata


def run_migrations() -> None:
    """Run migrations online, on the given engine (SQLite ALTERs go through batch mode)."""
    engine: Engine | None = config.attributes.get("engine")
    if engine is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        context.run_migrations()


run_migrations()
