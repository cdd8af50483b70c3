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


def test_0019_marks_claims_already_paid_as_paid(db_url: str) -> None:
    """A claim recorded paid before 0019 (its rows have "paid" status rows for it) says paid,
    with who and when; the upgrade works with status rows referring to the claims."""
    from datetime import UTC, datetime

    from sqlalchemy import text

    engine = make_engine(db_url)
    upgrade(engine, "0018")
    at = datetime(2027, 1, 5, 10, tzinfo=UTC)
    with engine.begin() as connection:
        run = connection.execute
        run(
            text(
                "INSERT INTO provider (id, name, hours, timezone, created_at) "
                "VALUES (1, 'North', 'Mon-Fri 09:00-17:00', 'Europe/London', :at)"
            ),
            {"at": at},
        )
        for cid, status in ((1, "approved"), (2, "approved"), (3, "rejected")):
            run(
                text(
                    "INSERT INTO claim (id, provider_id, month, status, entries, total_pence, "
                    "flags, submitted_by, submitted_at, decision_note) VALUES "
                    f"({cid}, 1, '2026-1{cid - 1}', '{status}', 1, 100, '[]', 'l@n', :at, '')"
                ),
                {"at": at},
            )
        run(
            text(
                "INSERT INTO ledger_entry (id, pseudonym, provider_id, attempt, milestone, "
                "entry, reached_at, recorded_at, tariff_version, base_pence, uplift_pence, "
                "amount_pence, uplift_reasons, definition, message_ids, evidence, reason, "
                "made_by) VALUES (1, 'p', 1, 1, 'engaged', 'claim', :at, :at, '', 100, 0, 100, "
                "'[]', '', '[]', '{}', '', 'ledger')"
            ),
            {"at": at},
        )
        for sid, status in ((1, "approved"), (2, "paid")):
            run(
                text(
                    "INSERT INTO ledger_status (id, entry_id, status, claim_id, made_by, at) "
                    f"VALUES ({sid}, 1, '{status}', 1, 'cara@icb', :at)"
                ),
                {"at": at},
            )
    upgrade(engine)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, status, paid_by FROM claim ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [
        (1, "paid", "cara@icb"),
        (2, "approved", None),
        (3, "rejected", None),
    ]
    engine.dispose()
