"""ledger month indexes: a provider's month of ledger rows (a statement, a claim, the console's
month view) is found by provider and recorded time, and a reversal by the entry it reverses

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 12:00:00
"""

from __future__ import annotations

from alembic import op


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        'ix_ledger_provider_recorded',
        'ledger_entry',
        ['provider_id', 'recorded_at', 'id'],
        unique=False,
    )
    op.create_index('ix_ledger_reverses', 'ledger_entry', ['reverses_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_ledger_reverses', table_name='ledger_entry')
    op.drop_index('ix_ledger_provider_recorded', table_name='ledger_entry')
