"""Vocabulary shared by the model, the rules and the reports."""

from __future__ import annotations

from enum import StrEnum


class Pillar(StrEnum):
    """The four pillars of the UN Global Counter-Terrorism Strategy."""

    I = "I"  # noqa: E741 - the Strategy's own numbering
    II = "II"
    III = "III"
    IV = "IV"


class Scope(StrEnum):
    """Geographic scope of a project."""

    GLOBAL = "global"
    INTERREGIONAL = "interregional"
    REGIONAL = "regional"
    NATIONAL = "national"


class ProjectStatus(StrEnum):
    """Life-cycle status of a project; cancelled projects leave the portfolio."""

    PIPELINE = "pipeline"
    ONGOING = "ongoing"
    SUSPENDED = "suspended"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


ACTIVE_STATUSES = frozenset(
    {ProjectStatus.PIPELINE, ProjectStatus.ONGOING, ProjectStatus.SUSPENDED}
)


class Measure(StrEnum):
    """How an indicator is measured."""

    NUMBER = "number"
    PERCENTAGE = "percentage"
    QUALITATIVE = "qualitative"


class Cumulation(StrEnum):
    """How period values combine into a life-of-project actual."""

    NON_CUMULATIVE = "non_cumulative"
    CUMULATIVE_SUM = "cumulative_sum"
    CUMULATIVE_LATEST = "cumulative_latest"


class ReportStatus(StrEnum):
    """Workflow state of a quarterly progress report."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"


class AchievementStatus(StrEnum):
    """Traffic-light reading of an achievement ratio."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NOT_ASSESSED = "not_assessed"
