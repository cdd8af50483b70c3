"""owners and handover: owner_change, conversation_note, clinical_record, canned_reply; who
holds a request and until when; the advisor who wrote a message; advisors' availability;
participants registered before providers existed are allocated (when there is one provider)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def _add_reference(table: str, column: str, target: str) -> None:
    """A nullable integer column referring to `target`.id, added in place (SQLite cannot copy
    a table others point at; it can add a nullable column with a reference)."""
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(f'ALTER TABLE {table} ADD COLUMN {column} INTEGER REFERENCES {target} (id)')
    else:
        op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
        op.create_foreign_key(f'{table}_{column}_fkey', table, target, [column], ['id'])


def upgrade() -> None:
    op.create_table('owner_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('before', sa.String(length=16), nullable=False),
    sa.Column('after', sa.String(length=16), nullable=False),
    sa.Column('advisor_id', sa.Integer(), nullable=True),
    sa.Column('by_advisor_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=32), nullable=True),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('why', sa.String(length=64), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['advisor_id'], ['advisor.id'], ),
    sa.ForeignKeyConstraint(['by_advisor_id'], ['advisor.id'], ),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_owner_change_participant_id'), 'owner_change', ['participant_id'], unique=False)
    op.create_table('conversation_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('advisor_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['advisor_id'], ['advisor.id'], ),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_conversation_note_participant_id'), 'conversation_note', ['participant_id'], unique=False)
    op.create_table('clinical_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('advisor_id', sa.Integer(), nullable=False),
    sa.Column('attempt', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('happened_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ppm', sa.Integer(), nullable=True),
    sa.Column('device', sa.String(length=80), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('recorded_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['advisor_id'], ['advisor.id'], ),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_clinical_record_participant_id'), 'clinical_record', ['participant_id'], unique=False)
    op.create_table('canned_reply',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('locale', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=80), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.Column('created_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['provider_id'], ['provider.id'], ),
    sa.ForeignKeyConstraint(['updated_by'], ['advisor.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_canned_reply_provider_id'), 'canned_reply', ['provider_id'], unique=False)

    op.add_column('advisor', sa.Column('online', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column('advisor', sa.Column('capacity', sa.Integer(), server_default='5', nullable=False))
    _add_reference('advisor_request', 'advisor_id', 'advisor')
    op.create_index(op.f('ix_advisor_request_advisor_id'), 'advisor_request', ['advisor_id'], unique=False)
    op.add_column('advisor_request', sa.Column('lease_until', storage.types.UTCDateTime(timezone=True), nullable=True))
    op.add_column('advisor_request', sa.Column('closed_at', storage.types.UTCDateTime(timezone=True), nullable=True))
    _add_reference('message', 'advisor_id', 'advisor')
    op.add_column('message', sa.Column('always_send', sa.Boolean(), server_default=sa.false(), nullable=False))

    # Nothing could hold a conversation before the console; a 'held' row with no advisor would
    # withhold the bot's messages for good (the send gate reads it), so it waits again.
    op.execute("UPDATE advisor_request SET status = 'open' WHERE status = 'held'")
    # People registered before providers existed: with exactly one provider, they are its
    # people. With several, `quitbot serve` allocates them by QUITBOT_ALLOCATION on start.
    op.execute(
        'UPDATE participant SET provider_id = (SELECT MIN(id) FROM provider) '
        'WHERE provider_id IS NULL AND (SELECT COUNT(*) FROM provider) = 1'
    )


def downgrade() -> None:
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.drop_column('always_send')
        batch_op.drop_column('advisor_id')
    op.drop_index(op.f('ix_advisor_request_advisor_id'), table_name='advisor_request')
    with op.batch_alter_table('advisor_request', schema=None) as batch_op:
        batch_op.drop_column('closed_at')
        batch_op.drop_column('lease_until')
        batch_op.drop_column('advisor_id')
    with op.batch_alter_table('advisor', schema=None) as batch_op:
        batch_op.drop_column('capacity')
        batch_op.drop_column('online')
    op.drop_index(op.f('ix_canned_reply_provider_id'), table_name='canned_reply')
    op.drop_table('canned_reply')
    op.drop_index(op.f('ix_clinical_record_participant_id'), table_name='clinical_record')
    op.drop_table('clinical_record')
    op.drop_index(op.f('ix_conversation_note_participant_id'), table_name='conversation_note')
    op.drop_table('conversation_note')
    op.drop_index(op.f('ix_owner_change_participant_id'), table_name='owner_change')
    op.drop_table('owner_change')
