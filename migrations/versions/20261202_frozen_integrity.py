"""Frozen data stays frozen under direct SQL too.

- Rows are added to a baseline only while it is being frozen: its `content_hash` is 'pending'
  until the last step of the freeze, and a sealed baseline (any other hash; 0003 refuses to
  change it back) refuses INSERTs into its project, need, link and value rows.
- PostgreSQL's TRUNCATE does not fire row triggers: statement-level guards refuse it on the
  audit trail, the baseline tables and the issued reports (SQLite has no TRUNCATE; its
  DELETE without WHERE fires the row triggers of 0003).
- An audit event changes in no column: the one update let through is the foreign key's own
  ON DELETE SET NULL, when the project it names has been deleted (replaces 0003's guard,
  which watched every column but id and project_id).
- Audit events are found by object (an issued report's hash is checked against its event).

Revision ID: frozen_integrity
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "frozen_integrity"
down_revision = "seed_funding"
branch_labels = None
depends_on = None

BASELINE_ROWS = ("baseline_projects", "baseline_needs", "baseline_links", "baseline_values")
TRUNCATE_GUARDED = ("audit_events", "baselines", *BASELINE_ROWS, "issued_reports")
AUDIT_KEPT = ("id", "occurred_at", "user_id", "action", "object_type", "object_id",
              "entity_id", "before", "after", "reason", "remote_addr")
SEALED_MESSAGE = "rows cannot be added to a frozen baseline"
AUDIT_MESSAGE = "audit events are append-only"
# 0003's audit update guard, restored by the downgrade.
OLD_AUDIT_COLUMNS = ("occurred_at, user_id, action, object_type, object_id, entity_id, before, "
                     "after, reason, remote_addr")
INDEX = "ix_audit_events_object"
# Only the foreign key's SET NULL of a deleted project: everything else stays as it was.
DETACHED = ("NEW.project_id IS NULL AND OLD.project_id IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM projects WHERE id = OLD.project_id)")


def upgrade() -> None:
    """Create the insert, truncate and audit guards and the audit object index."""
    op.create_index(INDEX, "audit_events", ["object_type", "object_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        _postgres_upgrade()
    else:
        _sqlite_upgrade()


def _raise(message: str) -> str:
    return f"RAISE EXCEPTION '{message}' USING ERRCODE = 'integrity_constraint_violation';"


def _postgres_upgrade() -> None:
    op.execute(f"""
        CREATE FUNCTION baseline_rows_sealed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM added JOIN baselines b ON b.id = added.baseline_id
                     WHERE b.content_hash <> 'pending') THEN {_raise(SEALED_MESSAGE)} END IF;
          RETURN NULL;
        END $$""")
    for table in BASELINE_ROWS:
        op.execute(f"CREATE TRIGGER {table}_sealed AFTER INSERT ON {table} "
                   "REFERENCING NEW TABLE AS added FOR EACH STATEMENT "
                   "EXECUTE FUNCTION baseline_rows_sealed()")
    op.execute("""
        CREATE FUNCTION frozen_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% rows are frozen: TRUNCATE refused', TG_TABLE_NAME
              USING ERRCODE = 'integrity_constraint_violation'; END $$""")
    for table in TRUNCATE_GUARDED:
        op.execute(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                   "FOR EACH STATEMENT EXECUTE FUNCTION frozen_no_truncate()")
    op.execute("DROP TRIGGER audit_events_no_update ON audit_events")
    op.execute("DROP FUNCTION audit_events_no_update()")
    op.execute(f"""
        CREATE FUNCTION audit_events_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF {DETACHED} AND (to_jsonb(NEW) - 'project_id') = (to_jsonb(OLD) - 'project_id')
          THEN RETURN NEW; END IF;
          {_raise(AUDIT_MESSAGE)}
        END $$""")
    op.execute("CREATE TRIGGER audit_events_unchanged BEFORE UPDATE ON audit_events "
               "FOR EACH ROW EXECUTE FUNCTION audit_events_unchanged()")


def _sqlite_upgrade() -> None:
    for table in BASELINE_ROWS:
        op.execute(f"CREATE TRIGGER {table}_sealed BEFORE INSERT ON {table} FOR EACH ROW "
                   "WHEN (SELECT content_hash FROM baselines WHERE id = NEW.baseline_id) "
                   f"<> 'pending' BEGIN SELECT RAISE(ABORT, '{SEALED_MESSAGE}'); END")
    op.execute("DROP TRIGGER audit_events_no_update_update")
    same = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in AUDIT_KEPT)
    op.execute(f"CREATE TRIGGER audit_events_unchanged BEFORE UPDATE ON audit_events "
               f"FOR EACH ROW WHEN NOT ({DETACHED} AND {same}) "
               f"BEGIN SELECT RAISE(ABORT, '{AUDIT_MESSAGE}'); END")


def downgrade() -> None:
    """Drop the guards and the index; put back 0003's audit update guard."""
    if op.get_bind().dialect.name == "postgresql":
        _postgres_downgrade()
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_events_unchanged")
        op.execute(f"CREATE TRIGGER audit_events_no_update_update BEFORE UPDATE OF "
                   f"{OLD_AUDIT_COLUMNS} ON audit_events FOR EACH ROW "
                   f"BEGIN SELECT RAISE(ABORT, '{AUDIT_MESSAGE}'); END")
        for table in BASELINE_ROWS:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_sealed")
    op.drop_index(INDEX, table_name="audit_events")


def _postgres_downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS audit_events_unchanged ON audit_events")
    op.execute("DROP FUNCTION IF EXISTS audit_events_unchanged()")
    op.execute(f"""
        CREATE FUNCTION audit_events_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN {_raise(AUDIT_MESSAGE)} END $$""")
    op.execute(f"CREATE TRIGGER audit_events_no_update BEFORE UPDATE OF {OLD_AUDIT_COLUMNS} "
               "ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_no_update()")
    for table in reversed(TRUNCATE_GUARDED):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
    op.execute("DROP FUNCTION IF EXISTS frozen_no_truncate()")
    for table in BASELINE_ROWS:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_sealed ON {table}")
    op.execute("DROP FUNCTION IF EXISTS baseline_rows_sealed()")
