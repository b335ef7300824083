"""The logframe's other columns: assumptions and risks, and means of verification, on each
outcome and output. Both are optional text (empty when not yet written).

Revision ID: outcome
Revises: ratio_measure
Create Date: 2026-12-03 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "outcome"
down_revision = "disagg"
branch_labels = None
depends_on = None

TABLES = ("outcomes", "outputs")
COLUMNS = ("assumptions", "means_of_verification")


def upgrade() -> None:
    """Add the two text columns to outcomes and outputs."""
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            for column in COLUMNS:
                batch.add_column(sa.Column(column, sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    """Drop the two text columns (their text is lost)."""
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            for column in COLUMNS:
                batch.drop_column(column)
