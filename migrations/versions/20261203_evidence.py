"""Evidence (means of verification): files and links attached to a progress report or to one of
its indicator values. Files are stored in the database (bytea / BLOB) with their SHA-256, so every
application server sharing the database sees them and a database backup holds them.

The downgrade refuses while any evidence is stored: dropping the table would lose the files.

Revision ID: evidence
Revises: outcome
Create Date: 2026-12-03 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "evidence"
down_revision = "outcome"
branch_labels = None
depends_on = None

REFUSAL = "Cannot downgrade below evidence: {count} evidence item(s) are stored. Delete them first."
FILE_OR_LINK = (
    "(kind = 'file' AND content IS NOT NULL AND length(sha256) = 64) "
    "OR (kind = 'link' AND content IS NULL AND url <> '')"
)


def upgrade() -> None:
    """Create the evidence table."""
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=4), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('file', 'link')", name=op.f("ck_evidence_kind_valid")),
        sa.CheckConstraint(FILE_OR_LINK, name=op.f("ck_evidence_file_or_link")),
        sa.CheckConstraint("size >= 0", name=op.f("ck_evidence_size_not_negative")),
        sa.ForeignKeyConstraint(
            ["report_id"], ["progress_reports.id"],
            name=op.f("fk_evidence_report_id_progress_reports"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"], ["indicators.id"],
            name=op.f("fk_evidence_indicator_id_indicators"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["added_by_id"], ["users.id"],
            name=op.f("fk_evidence_added_by_id_users"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )  # fmt: skip
    op.create_index(op.f("ix_evidence_report_id"), "evidence", ["report_id"])


def downgrade() -> None:
    """Refuse while evidence is stored; otherwise drop the table."""
    count = op.get_bind().execute(sa.text("SELECT COUNT(*) FROM evidence")).scalar_one()
    if count:
        raise RuntimeError(REFUSAL.format(count=count))
    op.drop_index(op.f("ix_evidence_report_id"), table_name="evidence")
    op.drop_table("evidence")
