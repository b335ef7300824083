"""Indexes for reports at scale: indicator values by indicator, reports by period and status,
frozen links by need.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 18:45:00
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_indicator_values_indicator_report", "indicator_values", ["indicator_id", "report_id"]),
    ("ix_progress_reports_period_status", "progress_reports", ["period_id", "status"]),
    ("ix_baseline_links_need", "baseline_links", ["baseline_id", "need_code"]),
)


def upgrade() -> None:
    """Apply this revision."""
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    """Revert this revision."""
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
