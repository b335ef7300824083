"""Baseline snapshot tables: frozen projects, needs, links and approved values.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 18:13:24.908315
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "baseline_links",
        sa.Column("baseline_id", sa.Integer(), nullable=False),
        sa.Column("project_code", sa.String(length=64), nullable=False),
        sa.Column("need_code", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["baseline_id"],
            ["baselines.id"],
            name=op.f("fk_baseline_links_baseline_id_baselines"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "baseline_id", "project_code", "need_code", name=op.f("pk_baseline_links")
        ),
    )
    op.create_table(
        "baseline_needs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("baseline_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("member_state", sa.String(length=3), nullable=False),
        sa.Column("assessment_date", sa.Date(), nullable=False),
        sa.Column("pillar", sa.String(length=3), nullable=False),
        sa.Column("thematic_area", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["baseline_id"],
            ["baselines.id"],
            name=op.f("fk_baseline_needs_baseline_id_baselines"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_baseline_needs")),
        sa.UniqueConstraint("baseline_id", "code", name=op.f("uq_baseline_needs_baseline_id_code")),
    )
    op.create_index("ix_baseline_needs_baseline", "baseline_needs", ["baseline_id"], unique=False)
    op.create_table(
        "baseline_projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("baseline_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("entity", sa.String(length=20), nullable=False),
        sa.Column("pillar", sa.String(length=3), nullable=False),
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("budget_usd", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("funded_usd", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("in_multi_year_appeal", sa.Boolean(), nullable=True),
        sa.Column("gender_marker", sa.Integer(), nullable=True),
        sa.Column("origin", sa.String(length=30), nullable=True),
        sa.Column("countries", sa.Text(), nullable=False),
        sa.Column("pve_areas", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["baseline_id"],
            ["baselines.id"],
            name=op.f("fk_baseline_projects_baseline_id_baselines"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_baseline_projects")),
        sa.UniqueConstraint(
            "baseline_id", "code", name=op.f("uq_baseline_projects_baseline_id_code")
        ),
    )
    op.create_index(
        "ix_baseline_projects_baseline_status",
        "baseline_projects",
        ["baseline_id", "status"],
        unique=False,
    )
    op.create_table(
        "baseline_values",
        sa.Column("baseline_id", sa.Integer(), nullable=False),
        sa.Column("project_code", sa.String(length=64), nullable=False),
        sa.Column("indicator_code", sa.String(length=64), nullable=False),
        sa.Column("period_key", sa.String(length=6), nullable=False),
        sa.Column("value", sa.Numeric(precision=20, scale=4), nullable=True),
        sa.Column("numerator", sa.Numeric(precision=20, scale=4), nullable=True),
        sa.Column("denominator", sa.Numeric(precision=20, scale=4), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["baseline_id"],
            ["baselines.id"],
            name=op.f("fk_baseline_values_baseline_id_baselines"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "baseline_id",
            "project_code",
            "indicator_code",
            "period_key",
            name=op.f("pk_baseline_values"),
        ),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("baseline_values")
    op.drop_index("ix_baseline_projects_baseline_status", table_name="baseline_projects")
    op.drop_table("baseline_projects")
    op.drop_index("ix_baseline_needs_baseline", table_name="baseline_needs")
    op.drop_table("baseline_needs")
    op.drop_table("baseline_links")
