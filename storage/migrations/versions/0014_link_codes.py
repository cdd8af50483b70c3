"""link codes: LINK's one-time codes (kept only as a keyed hash) that join another channel to a
person, and the wrong codes each address has sent (to throttle guessing)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('link_code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used_at', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('used_channel', sa.String(length=16), nullable=True),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code_hash')
    )
    op.create_index(
        op.f('ix_link_code_participant_id'), 'link_code', ['participant_id'], unique=False
    )
    op.create_index(op.f('ix_link_code_expires_at'), 'link_code', ['expires_at'], unique=False)
    op.create_table('link_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('address', sa.String(length=128), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('first_failed_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('locked_until', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('channel', 'address', name='uq_link_attempt_address')
    )


def downgrade() -> None:
    op.drop_table('link_attempt')
    op.drop_index(op.f('ix_link_code_expires_at'), table_name='link_code')
    op.drop_index(op.f('ix_link_code_participant_id'), table_name='link_code')
    op.drop_table('link_code')
