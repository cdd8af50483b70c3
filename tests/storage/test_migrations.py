from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

from storage import make_engine, upgrade
from storage import tables as _tables  # noqa: F401 - registers the tables
from storage.migrate import current, head


def test_migrations_build_exactly_the_schema_the_code_expects(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_upgrade_is_idempotent_and_reports_the_revision(engine: Engine) -> None:
    upgrade(engine)
    assert current(engine) == head()
    names = set(inspect(engine).get_table_names())
    assert {
        "participant",
        "conversation",
        "message",
        "inbound_key",
        "channel_address",
        "nudge",
    } <= names


def test_a_fresh_sqlite_file_is_created_in_wal_mode(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{tmp_path / 'nested' / 'q.db'}")
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()
