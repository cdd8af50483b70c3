"""console sessions, login attempts and the audit log

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

APPEND_ONLY = "audit_log is append-only"


def upgrade() -> None:
    op.create_table('console_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('advisor_id', sa.Integer(), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ended_at', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('end_reason', sa.String(length=16), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['advisor_id'], ['advisor.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_index(op.f('ix_console_session_advisor_id'), 'console_session', ['advisor_id'], unique=False)
    op.create_table('login_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account', sa.String(length=254), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('succeeded', sa.Boolean(), nullable=False),
    sa.Column('at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_login_attempt_account', 'login_attempt', ['account', 'at'], unique=False)
    op.create_index('ix_login_attempt_address', 'login_attempt', ['address', 'at'], unique=False)
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('advisor_id', sa.Integer(), nullable=True),
    sa.Column('provider_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=True),
    sa.Column('detail', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_audit_log_at'), 'audit_log', ['at'], unique=False)
    op.create_index(op.f('ix_audit_log_advisor_id'), 'audit_log', ['advisor_id'], unique=False)
    op.create_index('ix_audit_log_participant', 'audit_log', ['participant_id', 'at'], unique=False)
    # The database itself refuses to change or remove an audit row.
    if op.get_bind().dialect.name == 'sqlite':
        for verb in ('UPDATE', 'DELETE'):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
            "ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('DROP TRIGGER IF EXISTS audit_log_no_update')
        op.execute('DROP TRIGGER IF EXISTS audit_log_no_delete')
    else:
        op.execute('DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log')
        op.execute('DROP FUNCTION IF EXISTS audit_log_append_only()')
    op.drop_index('ix_audit_log_participant', table_name='audit_log')
    op.drop_index(op.f('ix_audit_log_advisor_id'), table_name='audit_log')
    op.drop_index(op.f('ix_audit_log_at'), table_name='audit_log')
    op.drop_table('audit_log')
    op.drop_index('ix_login_attempt_address', table_name='login_attempt')
    op.drop_index('ix_login_attempt_account', table_name='login_attempt')
    op.drop_table('login_attempt')
    op.drop_index(op.f('ix_console_session_advisor_id'), table_name='console_session')
    op.drop_table('console_session')
