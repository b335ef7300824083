"""Vocabulary shared by the model, the rules and the reports."""

from __future__ import annotations

from enum import StrEnum

from indicators.i18n import N_


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
    RATIO = "ratio"


#: Measures entered as a numerator and a denominator: a share (part of a whole, at most 100 %)
#: or a ratio (two counts that are not part and whole, e.g. "cases per prosecutor").
PARTS_MEASURES = frozenset({Measure.PERCENTAGE, Measure.RATIO})

#: What each measure means, as the indicator's definition states it.
MEASURE_DEFINITIONS = {
    Measure.NUMBER: N_("Number (a count or amount)"),
    Measure.PERCENTAGE: N_("Share (numerator is part of the denominator; at most 100 %)"),
    Measure.QUALITATIVE: N_("Qualitative (described in words, never summed)"),
    Measure.RATIO: N_("Ratio (numerator / denominator; not a share)"),
}


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
