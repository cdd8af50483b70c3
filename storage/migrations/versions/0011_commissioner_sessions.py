"""commissioner sessions: commissioners sign in to the console (their own sessions), and the
audit log says which commissioner did or saw something

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('commissioner_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('commissioner_id', sa.Integer(), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ended_at', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('end_reason', sa.String(length=16), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['commissioner_id'], ['commissioner.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_index(
        op.f('ix_commissioner_session_commissioner_id'),
        'commissioner_session',
        ['commissioner_id'],
        unique=False,
    )
    # A new column only: the append-only triggers on audit_log refuse UPDATE and DELETE of
    # rows, not a change to the table's shape, and no existing row is touched.
    op.add_column('audit_log', sa.Column('commissioner_id', sa.Integer(), nullable=True))
    op.create_index(
        op.f('ix_audit_log_commissioner_id'), 'audit_log', ['commissioner_id'], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f('ix_audit_log_commissioner_id'), table_name='audit_log')
    op.drop_column('audit_log', 'commissioner_id')
    op.drop_index(
        op.f('ix_commissioner_session_commissioner_id'), table_name='commissioner_session'
    )
    op.drop_table('commissioner_session')
