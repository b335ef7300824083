"""Indicators measured as a ratio (numerator / denominator that are not part and whole, e.g.
"cases per prosecutor"): a fourth measure, beside the share ("percentage"), which keeps its
rule that the numerator is part of the denominator.

The downgrade refuses, with a clear error, while any indicator is a ratio: turning a ratio
into a share would make its stored figures (a numerator above its denominator, a value that is
not a percentage) break the share rule, and deleting them would lose reported data. Change
those indicators' measure (or delete them) first.

Revision ID: ratio_measure
Revises: report_highlight
Create Date: 2026-12-02 15:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "ratio_measure"
down_revision = "report_highlight"
branch_labels = None
depends_on = None

NAME = "ck_indicators_measure_valid"
WITH_RATIO = "measure IN ('number', 'percentage', 'qualitative', 'ratio')"
WITHOUT_RATIO = "measure IN ('number', 'percentage', 'qualitative')"
REFUSAL = (
    "Cannot downgrade below ratio_measure: {count} indicator(s) are measured as a ratio "
    "({codes}). Change their measure or delete them first."
)


def _replace_check(condition: str) -> None:
    with op.batch_alter_table("indicators") as batch:
        batch.drop_constraint(op.f(NAME), type_="check")
        batch.create_check_constraint(op.f(NAME), condition)


def upgrade() -> None:
    """Allow 'ratio' as an indicator's measure."""
    _replace_check(WITH_RATIO)


def downgrade() -> None:
    """Refuse while ratio indicators exist; otherwise restore the three-measure CHECK."""
    codes = (
        op.get_bind()
        .execute(sa.text("SELECT code FROM indicators WHERE measure = 'ratio' ORDER BY code"))
        .scalars()
        .all()
    )
    if codes:
        shown = ", ".join(codes[:10]) + (", ..." if len(codes) > 10 else "")
        raise RuntimeError(REFUSAL.format(count=len(codes), codes=shown))
    _replace_check(WITHOUT_RATIO)
