"""Database guards: audit events are append-only; frozen baselines and issued reports never change.

The application refuses these writes already (ORM guards); the triggers hold the line for anyone
who bypasses the application with SQL. Both dialects support column-specific row triggers, so a
project's deletion may still null the project_id of its audit events (ON DELETE SET NULL).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

AUDIT_COLUMNS = ("occurred_at, user_id, action, object_type, object_id, entity_id, before, "
                 "after, reason, remote_addr")
FROZEN_TABLES = ("baseline_projects", "baseline_needs", "baseline_links", "baseline_values",
                 "issued_reports")

# (trigger name, table, timing/event, condition or None, message)
GUARDS = [
    ("audit_events_no_update", "audit_events", f"BEFORE UPDATE OF {AUDIT_COLUMNS}", None,
     "audit events are append-only"),
    ("audit_events_no_delete", "audit_events", "BEFORE DELETE", None,
     "audit events are append-only"),
    ("baselines_frozen", "baselines", "BEFORE UPDATE", "OLD.content_hash <> 'pending'",
     "a frozen baseline never changes"),
    ("baselines_no_delete", "baselines", "BEFORE DELETE", None, "a frozen baseline never changes"),
] + [
    (f"{table}_frozen", table, "BEFORE UPDATE OR DELETE", None, f"{table} rows are frozen")
    for table in FROZEN_TABLES
]


def upgrade() -> None:
    """Create the guard triggers."""
    postgres = op.get_bind().dialect.name == "postgresql"
    for name, table, event, condition, message in GUARDS:
        if postgres:
            _postgres_guard(name, table, event, condition, message)
        else:
            for single in event.replace("BEFORE ", "").split(" OR "):
                _sqlite_guard(f"{name}_{single.split()[0].lower()}", table, f"BEFORE {single}",
                              condition, message)


def _postgres_guard(name: str, table: str, event: str, condition: str | None,
                    message: str) -> None:
    op.execute(f"""
        CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '{message}' USING ERRCODE = 'integrity_constraint_violation'; END
        $$""")
    when = f" WHEN ({condition})" if condition else ""
    op.execute(f"CREATE TRIGGER {name} {event} ON {table} FOR EACH ROW{when} "
               f"EXECUTE FUNCTION {name}()")


def _sqlite_guard(name: str, table: str, event: str, condition: str | None,
                  message: str) -> None:
    when = f" WHEN {condition}" if condition else ""
    op.execute(f"CREATE TRIGGER {name} {event} ON {table} FOR EACH ROW{when} "
               f"BEGIN SELECT RAISE(ABORT, '{message}'); END")


def downgrade() -> None:
    """Drop the guard triggers."""
    postgres = op.get_bind().dialect.name == "postgresql"
    for name, table, event, _condition, _message in reversed(GUARDS):
        if postgres:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            for single in event.replace("BEFORE ", "").split(" OR "):
                op.execute(f"DROP TRIGGER IF EXISTS {name}_{single.split()[0].lower()}")
