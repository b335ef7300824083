"""Plausibility explanations: the focal point's note on a figure or an activity that a
plausibility check warned about (``indicators.plausibility``), required to submit it and shown
to the reviewer beside the warning. Empty when nothing needed explaining.

The downgrade drops the two columns in place (ALTER TABLE ... DROP COLUMN), never by copying
the tables, so that no value, part or activity update is lost; the explanations are.

Revision ID: plausibility
Revises: evidence
Create Date: 2026-12-03 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "plausibility"
down_revision = "evidence"
branch_labels = None
depends_on = None

TABLES = ("indicator_values", "activity_updates")


def upgrade() -> None:
    """Add an explanation (text, empty by default) to indicator values and activity updates."""
    for table in TABLES:
        op.add_column(table, sa.Column("explanation", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    """Drop the two explanation columns (their text is lost; the rows stay)."""
    for table in TABLES:
        op.drop_column(table, "explanation")
