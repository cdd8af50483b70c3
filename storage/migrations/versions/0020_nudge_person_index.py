"""nudge person index: one person's wake-ups by (participant_id, status, due_at)

NEXT ("when is my next message?") asked for a person's soonest pending wake-up; SQLite walked
ix_nudge_due along every pending wake-up of everyone until it met theirs, so each NEXT cost
more as people set quit dates. The new index answers it with one look, and serves every
look by person that ix_nudge_participant_id did.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02 06:00:00
"""

from __future__ import annotations

from alembic import op


revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        'ix_nudge_person', 'nudge', ['participant_id', 'status', 'due_at'], unique=False
    )
    op.drop_index('ix_nudge_participant_id', table_name='nudge')


def downgrade() -> None:
    op.create_index('ix_nudge_participant_id', 'nudge', ['participant_id'], unique=False)
    op.drop_index('ix_nudge_person', table_name='nudge')
