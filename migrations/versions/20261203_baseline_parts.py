"""A baseline freezes the parts of its disaggregated values too (``baseline_value_parts``).

One row per part of a frozen value: the value's key (project code, indicator code, period) and
the category, its figure, and whether the value's parts were marked incomplete. The rows are
guarded like the other baseline rows (0003 and frozen_integrity): no UPDATE or DELETE, no
INSERT once the baseline is sealed, no TRUNCATE on PostgreSQL.

The downgrade refuses while any frozen part is stored: dropping them would leave those
baselines unable to verify against their hash. (There is no deleting a baseline.)

Revision ID: baseline_parts
Revises: user_language
Create Date: 2026-12-03 13:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "baseline_parts"
down_revision = "user_language"
branch_labels = None
depends_on = None

TABLE = "baseline_value_parts"
FROZEN_MESSAGE = f"{TABLE} rows are frozen"
SEALED_MESSAGE = "rows cannot be added to a frozen baseline"
REFUSAL = (
    "Cannot downgrade below baseline_parts: {count} frozen part(s) are stored and their "
    "baselines' hashes cover them."
)


def upgrade() -> None:
    """Create the table and its guards."""
    op.create_table(
        TABLE,
        sa.Column("baseline_id", sa.Integer(), nullable=False),
        sa.Column("project_code", sa.String(length=64), nullable=False),
        sa.Column("indicator_code", sa.String(length=64), nullable=False),
        sa.Column("period_key", sa.String(length=6), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Numeric(precision=20, scale=4), nullable=False),
        sa.Column("parts_incomplete", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["baseline_id"], ["baselines.id"],
            name=op.f("fk_baseline_value_parts_baseline_id_baselines"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "baseline_id", "project_code", "indicator_code", "period_key", "category",
            name=op.f("pk_baseline_value_parts"),
        ),
    )  # fmt: skip
    if op.get_bind().dialect.name == "postgresql":
        _postgres_guards()
    else:
        _sqlite_guards()


def _raise(message: str) -> str:
    return f"RAISE EXCEPTION '{message}' USING ERRCODE = 'integrity_constraint_violation';"


def _postgres_guards() -> None:
    op.execute(f"""
        CREATE FUNCTION {TABLE}_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN {_raise(FROZEN_MESSAGE)} END $$""")
    op.execute(f"CREATE TRIGGER {TABLE}_frozen BEFORE UPDATE OR DELETE ON {TABLE} "
               f"FOR EACH ROW EXECUTE FUNCTION {TABLE}_frozen()")  # fmt: skip
    # The functions of frozen_integrity: sealed baselines take no rows, TRUNCATE is refused.
    op.execute(f"CREATE TRIGGER {TABLE}_sealed AFTER INSERT ON {TABLE} "
               "REFERENCING NEW TABLE AS added FOR EACH STATEMENT "
               "EXECUTE FUNCTION baseline_rows_sealed()")  # fmt: skip
    op.execute(f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE} "
               "FOR EACH STATEMENT EXECUTE FUNCTION frozen_no_truncate()")  # fmt: skip


def _sqlite_guards() -> None:
    for event in ("update", "delete"):
        op.execute(f"CREATE TRIGGER {TABLE}_frozen_{event} BEFORE {event.upper()} ON {TABLE} "
                   f"FOR EACH ROW BEGIN SELECT RAISE(ABORT, '{FROZEN_MESSAGE}'); END")  # fmt: skip
    op.execute(f"CREATE TRIGGER {TABLE}_sealed BEFORE INSERT ON {TABLE} FOR EACH ROW "
               "WHEN (SELECT content_hash FROM baselines WHERE id = NEW.baseline_id) "
               f"<> 'pending' BEGIN SELECT RAISE(ABORT, '{SEALED_MESSAGE}'); END")  # fmt: skip


def downgrade() -> None:
    """Refuse while frozen parts are stored; otherwise drop the guards and the table."""
    bind = op.get_bind()
    count = bind.execute(sa.text(f"SELECT COUNT(*) FROM {TABLE}")).scalar_one()
    if count:
        raise RuntimeError(REFUSAL.format(count=count))
    if bind.dialect.name == "postgresql":
        for name in ("no_truncate", "sealed", "frozen"):
            op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{name} ON {TABLE}")
        op.execute(f"DROP FUNCTION IF EXISTS {TABLE}_frozen()")
    else:
        for name in ("sealed", "frozen_delete", "frozen_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{name}")
    op.drop_table(TABLE)
