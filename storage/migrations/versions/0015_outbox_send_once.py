"""outbox: claimed per channel in order, a planned message's due time, no whole-queue sort

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-08 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        'message', sa.Column('planned_at', storage.types.UTCDateTime(timezone=True), nullable=True)
    )
    op.drop_index('ix_message_outbox', table_name='message')
    op.create_index(
        'ix_message_queue',
        'message',
        ['channel', 'priority', 'next_attempt_at', 'id'],
        postgresql_where=sa.text("status = 'queued'"),
        sqlite_where=sa.text("status = 'queued'"),
    )
    op.create_index(
        'ix_message_inflight',
        'message',
        ['channel', 'next_attempt_at'],
        postgresql_where=sa.text("status IN ('sending', 'unsure')"),
        sqlite_where=sa.text("status IN ('sending', 'unsure')"),
    )
    op.create_index(
        'ix_message_unsent',
        'message',
        ['participant_id', 'id'],
        postgresql_where=sa.text("status IN ('queued', 'sending', 'unsure')"),
        sqlite_where=sa.text("status IN ('queued', 'sending', 'unsure')"),
    )


def downgrade() -> None:
    op.drop_index('ix_message_unsent', table_name='message')
    op.drop_index('ix_message_inflight', table_name='message')
    op.drop_index('ix_message_queue', table_name='message')
    op.create_index('ix_message_outbox', 'message', ['status', 'next_attempt_at'])
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.drop_column('planned_at')
