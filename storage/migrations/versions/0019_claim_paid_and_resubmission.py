"""claims: paid is a status (with who and when), and a rejected claim may be submitted again,
its rejected submission kept in claim_rejection

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01 06:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

from storage.types import UTCDateTime


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch rebuild: ledger_status rows refer to claim rows, and SQLite
    # cannot drop a table others refer to while foreign keys are enforced).
    op.add_column(
        'claim', sa.Column('paid_by', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True)
    )
    op.add_column('claim', sa.Column('paid_at', UTCDateTime(), nullable=True))
    op.create_table(
        'claim_rejection',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('claim_id', sa.Integer(), nullable=False),
        sa.Column('entries', sa.Integer(), nullable=False),
        sa.Column('total_pence', sa.Integer(), nullable=False),
        sa.Column('flags', sa.JSON(), nullable=False),
        sa.Column('submitted_by', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column('submitted_at', UTCDateTime(), nullable=False),
        sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column('decided_at', UTCDateTime(), nullable=False),
        sa.Column('decision_note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.ForeignKeyConstraint(['claim_id'], ['claim.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_claim_rejection_claim_id', 'claim_rejection', ['claim_id'], unique=False)
    # Claims already recorded as paid (their rows have a "paid" status row for the claim) say so.
    paid = (
        "FROM ledger_status s WHERE s.claim_id = claim.id AND s.status = 'paid'"
    )
    op.execute(
        f"UPDATE claim SET status = 'paid', "
        f"paid_by = (SELECT s.made_by {paid} ORDER BY s.id LIMIT 1), "
        f"paid_at = (SELECT s.at {paid} ORDER BY s.id LIMIT 1) "
        f"WHERE status = 'approved' AND EXISTS (SELECT 1 {paid})"
    )


def downgrade() -> None:
    op.execute("UPDATE claim SET status = 'approved' WHERE status = 'paid'")
    op.drop_index('ix_claim_rejection_claim_id', table_name='claim_rejection')
    op.drop_table('claim_rejection')
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.drop_column('paid_at')
        batch_op.drop_column('paid_by')
