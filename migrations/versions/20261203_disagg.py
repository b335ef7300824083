"""Disaggregated values: an indicator may be broken down by sex, age group or Member State,
and its values carry one part per category (``value_parts``) and whether the parts are
incomplete (``indicator_values.parts_incomplete``).

One dimension per indicator: the Compact's reports ask for one breakdown of a figure (people
trained by sex; States reached by country), so a part names its category only.

The downgrade refuses while any part is stored: dropping the table would lose reported data.
Delete the parts (or the values) first.

Revision ID: disagg
Revises: ratio_measure
Create Date: 2026-12-03 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "disagg"
down_revision = "ratio_measure"
branch_labels = None
depends_on = None

DIMENSIONS = "disaggregation IN ('sex', 'age', 'member_state')"
REFUSAL = (
    "Cannot downgrade below disagg: {count} disaggregated part(s) are stored. Delete them first."
)


def upgrade() -> None:
    """Add the indicator's dimension, the values' incomplete flag and the parts table."""
    with op.batch_alter_table("indicators") as batch:
        batch.add_column(sa.Column("disaggregation", sa.String(length=20), nullable=True))
        batch.create_check_constraint(op.f("ck_indicators_disaggregation_valid"), DIMENSIONS)
    with op.batch_alter_table("indicator_values") as batch:
        batch.add_column(
            sa.Column("parts_incomplete", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.create_table(
        "value_parts",
        sa.Column("value_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Numeric(precision=20, scale=4), nullable=False),
        sa.CheckConstraint("value >= 0", name=op.f("ck_value_parts_value_not_negative")),
        sa.ForeignKeyConstraint(
            ["value_id"],
            ["indicator_values.id"],
            name=op.f("fk_value_parts_value_id_indicator_values"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("value_id", "category", name=op.f("pk_value_parts")),
    )


def downgrade() -> None:
    """Refuse while parts are stored; otherwise remove the table and the two columns."""
    count = op.get_bind().execute(sa.text("SELECT COUNT(*) FROM value_parts")).scalar_one()
    if count:
        raise RuntimeError(REFUSAL.format(count=count))
    op.drop_table("value_parts")
    with op.batch_alter_table("indicator_values") as batch:
        batch.drop_column("parts_incomplete")
    with op.batch_alter_table("indicators") as batch:
        batch.drop_constraint(op.f("ck_indicators_disaggregation_valid"), type_="check")
        batch.drop_column("disaggregation")
