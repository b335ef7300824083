"""What was e-mailed: ``mail_log``, one row per person, kind and day (reminders at most daily).

Revision ID: mail_log
Revises: issued_language
Create Date: 2026-12-03 14:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "mail_log"
down_revision = "issued_language"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the table of sent messages."""
    op.create_table(
        "mail_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_mail_log_user_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_mail_log"),
        sa.UniqueConstraint("user_id", "kind", "sent_on", name="uq_mail_log_user_id_kind_sent_on"),
    )
    op.create_index("ix_mail_log_user_id", "mail_log", ["user_id"])


def downgrade() -> None:
    """Drop the table (what was sent is forgotten; the next run may remind again)."""
    op.drop_index("ix_mail_log_user_id", table_name="mail_log")
    op.drop_table("mail_log")
