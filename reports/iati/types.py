"""The plain records an IATI export is written from (loaded by app/iati/queries.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Evidence:
    """A document supporting a project's approved figures: its download address and name."""

    url: str
    title: str
    format: str
    added_on: dt.date | None = None


@dataclass(frozen=True)
class Actual:
    """One approved figure of an indicator in one period (a number, or a text)."""

    period_key: str
    value: Decimal | None
    text: str = ""


@dataclass(frozen=True)
class IndicatorRecord:
    """An output indicator with its baseline, targets and approved actuals."""

    code: str
    name: str
    measure: str
    direction: str
    baseline_value: Decimal | None
    baseline_period: str | None
    baseline_note: str
    targets: dict[str, Decimal] = field(default_factory=dict)
    actuals: tuple[Actual, ...] = ()


@dataclass(frozen=True)
class ResultRecord:
    """A project output (an IATI output result) and its indicators."""

    code: str
    title: str
    indicators: tuple[IndicatorRecord, ...] = ()


@dataclass(frozen=True)
class ProjectRecord:
    """A project as the export needs it: live, or as a frozen baseline holds it."""

    code: str
    title: str
    entity_acronym: str
    entity_name: str
    pillar: str
    pillar_title: str
    scope: str
    status: str
    start_date: dt.date | None
    end_date: dt.date | None
    budget_usd: Decimal
    gender_marker: int | None
    # When the project was recorded: the planned start given when it has no start date.
    recorded_on: dt.date | None = None
    countries: tuple[str, ...] = ()
    thematic_areas: tuple[str, ...] = ()
    results: tuple[ResultRecord, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Publisher:
    """Who reports: the reporting organisation's IATI reference and name, and the file's date."""

    org_ref: str
    org_name: str
    generated: dt.datetime
    as_of: dt.date
