"""Issued reports say which language they were issued in (``issued_reports.language``).

Every report issued before this revision was drawn in English, the only language the PDFs had,
so existing rows read "en". The column is added in place (no table rebuild), so the guard
triggers that keep issued rows frozen stay as they are.

Revision ID: issued_language
Revises: baseline_parts
Create Date: 2026-12-03 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "issued_language"
down_revision = "baseline_parts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the language code of each issued report; earlier ones are English."""
    op.add_column(
        "issued_reports",
        sa.Column("language", sa.String(8), nullable=False, server_default="en"),
    )


def downgrade() -> None:
    """Drop the column (every issued report's bytes and hash stay as issued)."""
    op.drop_column("issued_reports", "language")
