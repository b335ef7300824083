"""Index frozen indicator values by baseline and indicator: the comparison page reads one page
of indicators at a time.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 22:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

NAME = "ix_baseline_values_indicator"


def upgrade() -> None:
    """Apply this revision."""
    op.create_index(NAME, "baseline_values", ["baseline_id", "indicator_code"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index(NAME, table_name="baseline_values")
