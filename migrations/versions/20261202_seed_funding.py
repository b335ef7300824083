"""Seed funding from the Trust Fund: the projects funded each year and their cost.

Revision ID: seed_funding
Revises: 0005
Create Date: 2026-12-02 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "seed_funding"
down_revision = "0005"
branch_labels = None
depends_on = None

TABLE = "seed_funding_projects"


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("cost_usd", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("year BETWEEN 2000 AND 2099", name=op.f(f"ck_{TABLE}_year_range")),
        sa.CheckConstraint("cost_usd > 0", name=op.f(f"ck_{TABLE}_cost_positive")),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f(f"fk_{TABLE}_entity_id_entities")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{TABLE}")),
        sa.UniqueConstraint("year", "title", name=op.f(f"uq_{TABLE}_year_title")),
    )
    op.create_index(op.f(f"ix_{TABLE}_entity_id"), TABLE, ["entity_id"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index(op.f(f"ix_{TABLE}_entity_id"), table_name=TABLE)
    op.drop_table(TABLE)
