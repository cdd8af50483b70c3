"""inbound journal: webhooks store the message and answer; processors apply it in order

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'inbound_journal',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('channel', sa.String(length=16), nullable=False),
        sa.Column('key', sa.String(length=160), nullable=False),
        sa.Column('provider_id', sa.String(length=128), nullable=True),
        sa.Column('address', sa.String(length=128), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('has_media', sa.Boolean(), nullable=False),
        sa.Column('carrier_opted_out', sa.Boolean(), nullable=False),
        sa.Column('language_hint', sa.String(length=16), nullable=True),
        sa.Column('status', sa.String(length=8), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('leased_until', storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column('received_at', storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column('processed_at', storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('channel', 'key', name='uq_inbound_journal_key'),
    )
    op.create_index('ix_inbound_journal_waiting', 'inbound_journal', ['status', 'id'])
    op.create_index(
        'ix_inbound_journal_person', 'inbound_journal', ['channel', 'address', 'status']
    )
    # The keys already taken stay taken: a webhook retried across the upgrade is still a no-op.
    op.execute(
        "INSERT INTO inbound_journal (channel, key, provider_id, address, body, has_media,"
        " carrier_opted_out, status, attempts, received_at, processed_at)"
        " SELECT channel, provider_id, provider_id, '', '', false, false, 'done', 0,"
        " received_at, received_at FROM inbound_key"
    )


def downgrade() -> None:
    op.drop_index('ix_inbound_journal_person', table_name='inbound_journal')
    op.drop_index('ix_inbound_journal_waiting', table_name='inbound_journal')
    op.drop_table('inbound_journal')
