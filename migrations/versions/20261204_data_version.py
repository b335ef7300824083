"""The data version (``data_version``): one row whose number every committed write raises.

Pages that are costly to compute and the same for many readers (the readers' home) are kept
per process, keyed by this number: any write, in any process, makes them computed afresh.

Revision ID: data_version
Revises: api_tokens
Create Date: 2026-12-04 19:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "data_version"
down_revision = "api_tokens"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the one-row table, at 0."""
    table = op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_data_version_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
    )
    op.bulk_insert(table, [{"id": 1, "number": 0}])


def downgrade() -> None:
    """Drop the table (what it numbered is only a cache's key)."""
    op.drop_table("data_version")
