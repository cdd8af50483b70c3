"""advisor reply keys: message.client_key, unique per advisor, so a resent composer form is
stored and sent once

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('message', sa.Column('client_key', sa.String(length=64), nullable=True))
    op.create_index(
        'ux_message_advisor_key', 'message', ['advisor_id', 'client_key'], unique=True
    )


def downgrade() -> None:
    op.drop_index('ux_message_advisor_key', table_name='message')
    op.drop_column('message', 'client_key')
