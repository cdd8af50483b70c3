"""providers and advisors

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('provider',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('hours', sa.String(length=200), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('advisor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['provider_id'], ['provider.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('email')
    )
    with op.batch_alter_table('advisor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_advisor_provider_id'), ['provider_id'], unique=False)
    # A plain ADD COLUMN (SQLite can add a nullable column with a reference in place; a batch
    # copy of the table would fail, since other tables point at participant).
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE participant ADD COLUMN provider_id INTEGER REFERENCES provider (id)')
    else:
        op.add_column('participant', sa.Column('provider_id', sa.Integer(), nullable=True))
        op.create_foreign_key(
            'participant_provider_id_fkey', 'participant', 'provider', ['provider_id'], ['id'])
    op.create_index(op.f('ix_participant_provider_id'), 'participant', ['provider_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_participant_provider_id'), table_name='participant')
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_column('provider_id')
    with op.batch_alter_table('advisor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_advisor_provider_id'))
    op.drop_table('advisor')
    op.drop_table('provider')
