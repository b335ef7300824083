"""Initial schema: reference data, portfolio, logframe, progress, baselines, audit.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-28 18:08:46.646310
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("acronym", sa.String(length=20), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entities")),
        sa.UniqueConstraint("acronym", name=op.f("uq_entities_acronym")),
    )
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("remote_addr", sa.String(length=64), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )
    op.create_index(op.f("ix_login_failures_email"), "login_failures", ["email"], unique=False)
    op.create_index(
        op.f("ix_login_failures_occurred_at"), "login_failures", ["occurred_at"], unique=False
    )
    op.create_index(
        op.f("ix_login_failures_remote_addr"), "login_failures", ["remote_addr"], unique=False
    )
    op.create_table(
        "pillars",
        sa.Column("code", sa.String(length=3), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title_en", sa.Text(), nullable=False),
        sa.Column("title_zh", sa.Text(), nullable=False),
        sa.CheckConstraint("code IN ('I', 'II', 'III', 'IV')", name=op.f("ck_pillars_code_valid")),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_pillars")),
        sa.UniqueConstraint("position", name=op.f("uq_pillars_position")),
    )
    op.create_table(
        "pve_areas",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.CheckConstraint("number BETWEEN 1 AND 7", name=op.f("ck_pve_areas_number_range")),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_pve_areas")),
    )
    op.create_table(
        "reporting_periods",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=6), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("entry_opens_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'locked')", name=op.f("ck_reporting_periods_status_valid")
        ),
        sa.CheckConstraint("ends_on >= starts_on", name=op.f("ck_reporting_periods_dates_ordered")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reporting_periods")),
        sa.UniqueConstraint("key", name=op.f("uq_reporting_periods_key")),
    )
    op.create_table(
        "cted_needs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("member_state", sa.String(length=3), nullable=False),
        sa.Column("assessment_date", sa.Date(), nullable=False),
        sa.Column("pillar_code", sa.String(length=3), nullable=False),
        sa.Column("thematic_area", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "length(member_state) = 3", name=op.f("ck_cted_needs_member_state_iso3")
        ),
        sa.ForeignKeyConstraint(
            ["pillar_code"], ["pillars.code"], name=op.f("fk_cted_needs_pillar_code_pillars")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cted_needs")),
        sa.UniqueConstraint("code", name=op.f("uq_cted_needs_code")),
    )
    op.create_index(
        op.f("ix_cted_needs_confidential"), "cted_needs", ["confidential"], unique=False
    )
    op.create_index(
        op.f("ix_cted_needs_member_state"), "cted_needs", ["member_state"], unique=False
    )
    op.create_table(
        "outcomes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("pillar_code", sa.String(length=3), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pillar_code"], ["pillars.code"], name=op.f("fk_outcomes_pillar_code_pillars")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcomes")),
        sa.UniqueConstraint("code", name=op.f("uq_outcomes_code")),
    )
    op.create_index(op.f("ix_outcomes_pillar_code"), "outcomes", ["pillar_code"], unique=False)
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("pillar_code", sa.String(length=3), nullable=False),
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("budget_usd", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("funded_usd", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("in_multi_year_appeal", sa.Boolean(), nullable=True),
        sa.Column("gender_marker", sa.Integer(), nullable=True),
        sa.Column("origin", sa.String(length=30), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "origin IN ('cted_need', 'member_state_request', 'entity_mandate')",
            name=op.f("ck_projects_origin_valid"),
        ),
        sa.CheckConstraint(
            "scope IN ('global', 'interregional', 'regional', 'national')",
            name=op.f("ck_projects_scope_valid"),
        ),
        sa.CheckConstraint(
            "status IN ('pipeline', 'ongoing', 'suspended', 'completed', 'cancelled')",
            name=op.f("ck_projects_status_valid"),
        ),
        sa.CheckConstraint("budget_usd >= 0", name=op.f("ck_projects_budget_non_negative")),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name=op.f("ck_projects_dates_ordered"),
        ),
        sa.CheckConstraint(
            "funded_usd <= budget_usd", name=op.f("ck_projects_funded_within_budget")
        ),
        sa.CheckConstraint("funded_usd >= 0", name=op.f("ck_projects_funded_non_negative")),
        sa.CheckConstraint(
            "gender_marker BETWEEN 0 AND 3", name=op.f("ck_projects_gender_marker_range")
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f("fk_projects_entity_id_entities")
        ),
        sa.ForeignKeyConstraint(
            ["pillar_code"], ["pillars.code"], name=op.f("fk_projects_pillar_code_pillars")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_projects")),
        sa.UniqueConstraint("code", name=op.f("uq_projects_code")),
    )
    op.create_index(op.f("ix_projects_entity_id"), "projects", ["entity_id"], unique=False)
    op.create_index(op.f("ix_projects_pillar_code"), "projects", ["pillar_code"], unique=False)
    op.create_index(op.f("ix_projects_status"), "projects", ["status"], unique=False)
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("session_epoch", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "role <> 'focal_point' OR entity_id IS NOT NULL",
            name=op.f("ck_users_focal_point_entity"),
        ),
        sa.CheckConstraint(
            "role IN ('admin', 'focal_point', 'reviewer', 'viewer', 'cted')",
            name=op.f("ck_users_role_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f("fk_users_entity_id_entities")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("object_type", sa.String(length=40), nullable=False),
        sa.Column("object_id", sa.String(length=64), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("remote_addr", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f("fk_audit_events_entity_id_entities")
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_audit_events_project_id_projects"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_audit_events_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    op.create_index(op.f("ix_audit_events_entity_id"), "audit_events", ["entity_id"], unique=False)
    op.create_index(
        op.f("ix_audit_events_occurred_at"), "audit_events", ["occurred_at"], unique=False
    )
    op.create_index(
        op.f("ix_audit_events_project_id"), "audit_events", ["project_id"], unique=False
    )
    op.create_table(
        "baselines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("content_hash", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_baselines_created_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_baselines")),
        sa.UniqueConstraint("label", name=op.f("uq_baselines_label")),
    )
    op.create_table(
        "outputs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("outcome_id", sa.Integer(), nullable=True),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outcome_id"], ["outcomes.id"], name=op.f("fk_outputs_outcome_id_outcomes")
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_outputs_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outputs")),
        sa.UniqueConstraint("project_id", "code", name=op.f("uq_outputs_project_id_code")),
    )
    op.create_index(op.f("ix_outputs_outcome_id"), "outputs", ["outcome_id"], unique=False)
    op.create_index(op.f("ix_outputs_project_id"), "outputs", ["project_id"], unique=False)
    op.create_table(
        "progress_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("narrative", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("submitted_by_id", sa.Integer(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewed_by_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("review_comment", sa.Text(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'submitted', 'approved', 'returned')",
            name=op.f("ck_progress_reports_status_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_progress_reports_author_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["reporting_periods.id"],
            name=op.f("fk_progress_reports_period_id_reporting_periods"),
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_progress_reports_project_id_projects")
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by_id"], ["users.id"], name=op.f("fk_progress_reports_reviewed_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by_id"],
            ["users.id"],
            name=op.f("fk_progress_reports_submitted_by_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["users.id"], name=op.f("fk_progress_reports_updated_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_reports")),
        sa.UniqueConstraint(
            "project_id", "period_id", name=op.f("uq_progress_reports_project_id_period_id")
        ),
    )
    op.create_index(
        op.f("ix_progress_reports_period_id"), "progress_reports", ["period_id"], unique=False
    )
    op.create_index(
        op.f("ix_progress_reports_project_id"), "progress_reports", ["project_id"], unique=False
    )
    op.create_index(
        op.f("ix_progress_reports_status"), "progress_reports", ["status"], unique=False
    )
    op.create_table(
        "project_countries",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("iso3", sa.String(length=3), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_project_countries_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("project_id", "iso3", name=op.f("pk_project_countries")),
    )
    op.create_table(
        "project_needs",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("need_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["need_id"],
            ["cted_needs.id"],
            name=op.f("fk_project_needs_need_id_cted_needs"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_project_needs_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("project_id", "need_id", name=op.f("pk_project_needs")),
    )
    op.create_index(op.f("ix_project_needs_need_id"), "project_needs", ["need_id"], unique=False)
    op.create_table(
        "project_pve_areas",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("area_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_number"],
            ["pve_areas.number"],
            name=op.f("fk_project_pve_areas_area_number_pve_areas"),
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_project_pve_areas_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("project_id", "area_number", name=op.f("pk_project_pve_areas")),
    )
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("output_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("percent_complete", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('planned', 'ongoing', 'completed', 'delayed', 'cancelled')",
            name=op.f("ck_activities_status_valid"),
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name=op.f("ck_activities_dates_ordered"),
        ),
        sa.CheckConstraint(
            "percent_complete BETWEEN 0 AND 100", name=op.f("ck_activities_percent_range")
        ),
        sa.ForeignKeyConstraint(
            ["output_id"],
            ["outputs.id"],
            name=op.f("fk_activities_output_id_outputs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
    )
    op.create_index(op.f("ix_activities_output_id"), "activities", ["output_id"], unique=False)
    op.create_table(
        "indicators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("outcome_id", sa.Integer(), nullable=True),
        sa.Column("output_id", sa.Integer(), nullable=True),
        sa.Column("unit", sa.String(length=60), nullable=False),
        sa.Column("measure", sa.String(length=20), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("cumulation", sa.String(length=20), nullable=False),
        sa.Column("baseline_value", sa.Numeric(precision=20, scale=4), nullable=True),
        sa.Column("baseline_period", sa.String(length=6), nullable=True),
        sa.Column("baseline_note", sa.Text(), nullable=False),
        sa.Column("life_target", sa.Numeric(precision=20, scale=4), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "cumulation IN ('non_cumulative', 'cumulative_sum', 'cumulative_latest')",
            name=op.f("ck_indicators_cumulation_valid"),
        ),
        sa.CheckConstraint(
            "direction IN ('increase', 'decrease')", name=op.f("ck_indicators_direction_valid")
        ),
        sa.CheckConstraint(
            "measure IN ('number', 'percentage', 'qualitative')",
            name=op.f("ck_indicators_measure_valid"),
        ),
        sa.CheckConstraint(
            "(outcome_id IS NULL) <> (output_id IS NULL)", name=op.f("ck_indicators_one_parent")
        ),
        sa.ForeignKeyConstraint(
            ["outcome_id"], ["outcomes.id"], name=op.f("fk_indicators_outcome_id_outcomes")
        ),
        sa.ForeignKeyConstraint(
            ["output_id"],
            ["outputs.id"],
            name=op.f("fk_indicators_output_id_outputs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicators")),
        sa.UniqueConstraint("code", name=op.f("uq_indicators_code")),
    )
    op.create_index(op.f("ix_indicators_outcome_id"), "indicators", ["outcome_id"], unique=False)
    op.create_index(op.f("ix_indicators_output_id"), "indicators", ["output_id"], unique=False)
    op.create_table(
        "issued_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_key", sa.String(length=6), nullable=False),
        sa.Column("scope", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("baseline_id", sa.Integer(), nullable=True),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=80), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["baseline_id"], ["baselines.id"], name=op.f("fk_issued_reports_baseline_id_baselines")
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f("fk_issued_reports_entity_id_entities")
        ),
        sa.ForeignKeyConstraint(
            ["issued_by_id"], ["users.id"], name=op.f("fk_issued_reports_issued_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issued_reports")),
        sa.UniqueConstraint("period_key", "scope", name=op.f("uq_issued_reports_period_key_scope")),
    )
    op.create_index(
        op.f("ix_issued_reports_period_key"), "issued_reports", ["period_key"], unique=False
    )
    op.create_table(
        "activity_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("percent_complete", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('planned', 'ongoing', 'completed', 'delayed', 'cancelled')",
            name=op.f("ck_activity_updates_status_valid"),
        ),
        sa.CheckConstraint(
            "percent_complete BETWEEN 0 AND 100", name=op.f("ck_activity_updates_percent_range")
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_updates_activity_id_activities"),
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["progress_reports.id"],
            name=op.f("fk_activity_updates_report_id_progress_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_updates")),
        sa.UniqueConstraint(
            "report_id", "activity_id", name=op.f("uq_activity_updates_report_id_activity_id")
        ),
    )
    op.create_index(
        op.f("ix_activity_updates_activity_id"), "activity_updates", ["activity_id"], unique=False
    )
    op.create_table(
        "indicator_targets",
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("period_key", sa.String(length=6), nullable=False),
        sa.Column("target", sa.Numeric(precision=20, scale=4), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_indicator_targets_indicator_id_indicators"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("indicator_id", "period_key", name=op.f("pk_indicator_targets")),
    )
    op.create_table(
        "indicator_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Numeric(precision=20, scale=4), nullable=True),
        sa.Column("numerator", sa.Numeric(precision=20, scale=4), nullable=True),
        sa.Column("denominator", sa.Numeric(precision=20, scale=4), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "denominator IS NULL OR denominator > 0",
            name=op.f("ck_indicator_values_denominator_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_indicator_values_indicator_id_indicators"),
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["progress_reports.id"],
            name=op.f("fk_indicator_values_report_id_progress_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_values")),
        sa.UniqueConstraint(
            "report_id", "indicator_id", name=op.f("uq_indicator_values_report_id_indicator_id")
        ),
    )
    op.create_index(
        op.f("ix_indicator_values_indicator_id"), "indicator_values", ["indicator_id"], unique=False
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index(op.f("ix_indicator_values_indicator_id"), table_name="indicator_values")
    op.drop_table("indicator_values")
    op.drop_table("indicator_targets")
    op.drop_index(op.f("ix_activity_updates_activity_id"), table_name="activity_updates")
    op.drop_table("activity_updates")
    op.drop_index(op.f("ix_issued_reports_period_key"), table_name="issued_reports")
    op.drop_table("issued_reports")
    op.drop_index(op.f("ix_indicators_output_id"), table_name="indicators")
    op.drop_index(op.f("ix_indicators_outcome_id"), table_name="indicators")
    op.drop_table("indicators")
    op.drop_index(op.f("ix_activities_output_id"), table_name="activities")
    op.drop_table("activities")
    op.drop_table("project_pve_areas")
    op.drop_index(op.f("ix_project_needs_need_id"), table_name="project_needs")
    op.drop_table("project_needs")
    op.drop_table("project_countries")
    op.drop_index(op.f("ix_progress_reports_status"), table_name="progress_reports")
    op.drop_index(op.f("ix_progress_reports_project_id"), table_name="progress_reports")
    op.drop_index(op.f("ix_progress_reports_period_id"), table_name="progress_reports")
    op.drop_table("progress_reports")
    op.drop_index(op.f("ix_outputs_project_id"), table_name="outputs")
    op.drop_index(op.f("ix_outputs_outcome_id"), table_name="outputs")
    op.drop_table("outputs")
    op.drop_table("baselines")
    op.drop_index(op.f("ix_audit_events_project_id"), table_name="audit_events")
    op.drop_index(op.f("ix_audit_events_occurred_at"), table_name="audit_events")
    op.drop_index(op.f("ix_audit_events_entity_id"), table_name="audit_events")
    op.drop_table("audit_events")
    op.drop_table("users")
    op.drop_index(op.f("ix_projects_status"), table_name="projects")
    op.drop_index(op.f("ix_projects_pillar_code"), table_name="projects")
    op.drop_index(op.f("ix_projects_entity_id"), table_name="projects")
    op.drop_table("projects")
    op.drop_index(op.f("ix_outcomes_pillar_code"), table_name="outcomes")
    op.drop_table("outcomes")
    op.drop_index(op.f("ix_cted_needs_member_state"), table_name="cted_needs")
    op.drop_index(op.f("ix_cted_needs_confidential"), table_name="cted_needs")
    op.drop_table("cted_needs")
    op.drop_table("reporting_periods")
    op.drop_table("pve_areas")
    op.drop_table("pillars")
    op.drop_index(op.f("ix_login_failures_remote_addr"), table_name="login_failures")
    op.drop_index(op.f("ix_login_failures_occurred_at"), table_name="login_failures")
    op.drop_index(op.f("ix_login_failures_email"), table_name="login_failures")
    op.drop_table("login_failures")
    op.drop_table("entities")
