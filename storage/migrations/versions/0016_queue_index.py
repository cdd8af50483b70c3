"""queue index: the console's queue read by its filter and order (status, urgent, created_at, id)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 10:00:00
"""

from __future__ import annotations

from alembic import op


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        'ix_advisor_request_queue',
        'advisor_request',
        ['status', 'urgent', 'created_at', 'id', 'participant_id'],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index('ix_advisor_request_queue', table_name='advisor_request')
