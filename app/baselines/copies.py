"""The INSERT ... SELECT statements a freeze runs: needs, links, approved values and their parts.

Each copies the live rows into the baseline inside the database, in one statement whatever the
size of the portfolio.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import insert, literal, select

from app.models.baselines import (
    COMPACT_LEVEL,
    BaselineLink,
    BaselineNeed,
    BaselineValue,
    BaselineValuePart,
)
from app.models.logframe import Indicator
from app.models.outcome_values import OutcomeReport, OutcomeValue
from app.models.portfolio import CtedNeed, Project, project_needs
from app.models.progress import IndicatorValue, ProgressReport, ReportingPeriod, ValuePart
from indicators.types import ReportStatus


def copy_statements(baseline_id: int, as_of: dt.date) -> list[Any]:
    """Return the statements that fill a baseline's needs, links, values and parts."""
    return [
        _copy_needs(baseline_id),
        _copy_links(baseline_id),
        _copy_values(baseline_id, as_of),
        _copy_outcome_values(baseline_id, as_of),
        _copy_parts(baseline_id, as_of),
    ]


def _copy_needs(baseline_id: int) -> Any:
    columns = (
        "code",
        "member_state",
        "assessment_date",
        "thematic_area",
        "description",
        "confidential",
    )
    source = select(
        literal(baseline_id), *(getattr(CtedNeed, c) for c in columns), CtedNeed.pillar_code
    )
    return insert(BaselineNeed).from_select(("baseline_id", *columns, "pillar"), source)


def _copy_links(baseline_id: int) -> Any:
    source = (
        select(literal(baseline_id), Project.code, CtedNeed.code)
        .join(project_needs, project_needs.c.project_id == Project.id)
        .join(CtedNeed, CtedNeed.id == project_needs.c.need_id)
    )
    return insert(BaselineLink).from_select(("baseline_id", "project_code", "need_code"), source)


def _copy_values(baseline_id: int, as_of: dt.date) -> Any:
    source = (
        select(
            literal(baseline_id),
            Project.code,
            Indicator.code,
            ReportingPeriod.key,
            IndicatorValue.value,
            IndicatorValue.numerator,
            IndicatorValue.denominator,
            IndicatorValue.text,
        )
        .join(ProgressReport, ProgressReport.id == IndicatorValue.report_id)
        .join(ReportingPeriod, ReportingPeriod.id == ProgressReport.period_id)
        .join(Project, Project.id == ProgressReport.project_id)
        .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
        .where(
            ProgressReport.status == ReportStatus.APPROVED.value, ReportingPeriod.ends_on <= as_of
        )
    )
    return insert(BaselineValue).from_select(VALUE_TARGETS, source)


def _copy_parts(baseline_id: int, as_of: dt.date) -> Any:
    """Freeze the parts of the approved values _copy_values freezes, with their flag."""
    source = (
        select(
            literal(baseline_id),
            Project.code,
            Indicator.code,
            ReportingPeriod.key,
            ValuePart.category,
            ValuePart.value,
            IndicatorValue.parts_incomplete,
        )
        .join(IndicatorValue, IndicatorValue.id == ValuePart.value_id)
        .join(ProgressReport, ProgressReport.id == IndicatorValue.report_id)
        .join(ReportingPeriod, ReportingPeriod.id == ProgressReport.period_id)
        .join(Project, Project.id == ProgressReport.project_id)
        .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
        .where(
            ProgressReport.status == ReportStatus.APPROVED.value, ReportingPeriod.ends_on <= as_of
        )
    )
    targets = (*VALUE_TARGETS[:4], "category", "value", "parts_incomplete")
    return insert(BaselineValuePart).from_select(targets, source)


def _copy_outcome_values(baseline_id: int, as_of: dt.date) -> Any:
    """Freeze the approved outcome values, under the Compact-level project code."""
    v = OutcomeValue
    source = (
        select(
            literal(baseline_id),
            literal(COMPACT_LEVEL),
            Indicator.code,
            ReportingPeriod.key,
            v.value,
            v.numerator,
            v.denominator,
            v.text,
        )  # fmt: skip
        .join(OutcomeReport, OutcomeReport.id == v.report_id)
        .join(ReportingPeriod, ReportingPeriod.id == OutcomeReport.period_id)
        .join(Indicator, Indicator.id == v.indicator_id)
        .where(
            OutcomeReport.status == ReportStatus.APPROVED.value, ReportingPeriod.ends_on <= as_of
        )
    )
    return insert(BaselineValue).from_select(VALUE_TARGETS, source)


VALUE_TARGETS = (
    "baseline_id",
    "project_code",
    "indicator_code",
    "period_key",
    "value",
    "numerator",
    "denominator",
    "text",
)
