"""Saved language: the language a user chose with the switcher (one of the six official
languages of the United Nations), kept on the account so that every later sign-in, on any
browser, is served in it. Empty (NULL) until the user chooses: the page then follows the
switcher's cookie or the browser's Accept-Language.

The column is added in place with its CHECK (ALTER TABLE ... ADD COLUMN, never by copying the
table); the downgrade drops it in place, keeping every account (their choices are lost).

Revision ID: user_language
Revises: outcome_values
Create Date: 2026-12-03 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "user_language"
down_revision = "outcome_values"
branch_labels = None
depends_on = None

CODES = "language IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')"


def upgrade() -> None:
    """Add the nullable language of users, limited to the six codes."""
    check = sa.CheckConstraint(CODES, name=op.f("ck_users_language_valid"))
    op.add_column("users", sa.Column("language", sa.String(length=8), check, nullable=True))


def downgrade() -> None:
    """Drop the language column (the accounts stay)."""
    op.drop_column("users", "language")
