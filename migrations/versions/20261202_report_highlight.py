"""Progress reports a reviewer marked as a highlight when approving them: the quarterly report
shows the marked narratives (a bounded number per pillar), not every approved one.

Revision ID: report_highlight
Revises: frozen_integrity
Create Date: 2026-12-02 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "report_highlight"
down_revision = "frozen_integrity"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the highlight mark, false for every existing report."""
    with op.batch_alter_table("progress_reports") as batch:
        batch.add_column(
            sa.Column("is_highlight", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    """Drop the highlight mark."""
    with op.batch_alter_table("progress_reports") as batch:
        batch.drop_column("is_highlight")
