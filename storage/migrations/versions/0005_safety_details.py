"""safety details: a note on advisor requests, a category on safety events

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('advisor_request', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False,
                      server_default='')
        )
    with op.batch_alter_table('safety_event', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False,
                      server_default='')
        )


def downgrade() -> None:
    with op.batch_alter_table('safety_event', schema=None) as batch_op:
        batch_op.drop_column('category')
    with op.batch_alter_table('advisor_request', schema=None) as batch_op:
        batch_op.drop_column('note')
