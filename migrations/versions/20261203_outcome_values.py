"""Outcome values: the Working Group enters the Compact-level outcome indicators' values per
period in one report a period (``outcome_reports``, reviewed like a project's progress report),
one value per outcome indicator (``outcome_values``).

The downgrade refuses while any outcome report is stored: dropping the tables would lose
reported data. Delete the reports (their values go with them) first.

Revision ID: outcome_values
Revises: plausibility
Create Date: 2026-12-03 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "outcome_values"
down_revision = "plausibility"
branch_labels = None
depends_on = None

REFUSAL = (
    "Cannot downgrade below outcome_values: {count} outcome report(s) are stored. "
    "Delete them first."
)
STATUSES = "status IN ('draft', 'submitted', 'approved', 'returned')"
QUANTITY = sa.Numeric(precision=20, scale=4)
WHEN = sa.DateTime(timezone=True)


def _user(column: str) -> list[sa.SchemaItem]:
    name = op.f(f"fk_outcome_reports_{column}_users")
    return [
        sa.Column(column, sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint([column], ["users.id"], name=name),
    ]


def upgrade() -> None:
    """Create the outcome reports and their values."""
    op.create_table(
        "outcome_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("submitted_at", WHEN, nullable=True),
        sa.Column("reviewed_at", WHEN, nullable=True),
        sa.Column("review_comment", sa.Text(), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        *_user("author_id"), *_user("submitted_by_id"), *_user("reviewed_by_id"),
        *_user("updated_by_id"),
        sa.CheckConstraint(STATUSES, name=op.f("ck_outcome_reports_status_valid")),
        sa.ForeignKeyConstraint(
            ["period_id"], ["reporting_periods.id"],
            name=op.f("fk_outcome_reports_period_id_reporting_periods"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcome_reports")),
        sa.UniqueConstraint("period_id", name=op.f("uq_outcome_reports_period_id")),
    )  # fmt: skip
    op.create_index(op.f("ix_outcome_reports_status"), "outcome_reports", ["status"])
    op.create_table(
        "outcome_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("value", QUANTITY, nullable=True),
        sa.Column("numerator", QUANTITY, nullable=True),
        sa.Column("denominator", QUANTITY, nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("explanation", sa.Text(), server_default="", nullable=False),
        sa.CheckConstraint(
            "denominator IS NULL OR denominator > 0",
            name=op.f("ck_outcome_values_denominator_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"], ["indicators.id"],
            name=op.f("fk_outcome_values_indicator_id_indicators"),
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["outcome_reports.id"],
            name=op.f("fk_outcome_values_report_id_outcome_reports"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcome_values")),
        sa.UniqueConstraint(
            "report_id", "indicator_id", name=op.f("uq_outcome_values_report_id_indicator_id")
        ),
    )  # fmt: skip
    op.create_index(op.f("ix_outcome_values_indicator_id"), "outcome_values", ["indicator_id"])


def downgrade() -> None:
    """Refuse while outcome reports are stored; otherwise drop both tables."""
    count = op.get_bind().execute(sa.text("SELECT COUNT(*) FROM outcome_reports")).scalar_one()
    if count:
        raise RuntimeError(REFUSAL.format(count=count))
    op.drop_index(op.f("ix_outcome_values_indicator_id"), table_name="outcome_values")
    op.drop_table("outcome_values")
    op.drop_index(op.f("ix_outcome_reports_status"), table_name="outcome_reports")
    op.drop_table("outcome_reports")
