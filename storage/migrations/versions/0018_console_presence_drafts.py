"""console presence and drafts: when a session last had a console page open (so an advisor who
closed the browser is not counted as online), and what an advisor was writing when their
session ended (kept for them, shown again after they sign in)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('console_session') as batch:
        batch.add_column(sa.Column('present_at', UTCDateTime(), nullable=True))
    op.create_table(
        'console_draft',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('advisor_id', sa.Integer(), nullable=False),
        sa.Column('participant_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('body', sa.String(length=1600), nullable=False),
        sa.Column('saved_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['advisor_id'], ['advisor.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('advisor_id', 'participant_id', name='uq_console_draft_owner'),
    )


def downgrade() -> None:
    op.drop_table('console_draft')
    with op.batch_alter_table('console_session') as batch:
        batch.drop_column('present_at')
