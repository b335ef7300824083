"""Indexes added for reports at scale (migrations 0004 and 0005), declared on the shared tables."""

from __future__ import annotations

from sqlalchemy import Index

from app.baselines.models import BaselineLink, BaselineValue
from app.progress.models import IndicatorValue, ProgressReport

INDEXES = (
    # An indicator's values with their report: the quarterly figures' bulk value query.
    Index(
        "ix_indicator_values_indicator_report",
        IndicatorValue.indicator_id,
        IndicatorValue.report_id,
    ),
    # A period's reports by status: pending values, entry and review lists.
    Index("ix_progress_reports_period_status", ProgressReport.period_id, ProgressReport.status),
    # Whether a frozen need is linked: the baseline need coverage EXISTS.
    Index("ix_baseline_links_need", BaselineLink.baseline_id, BaselineLink.need_code),
    # One page of indicators' frozen values: the comparison page (0005).
    Index("ix_baseline_values_indicator", BaselineValue.baseline_id, BaselineValue.indicator_code),
)
