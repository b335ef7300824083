"""Quarterly entry: save a draft or submit a project's report for one period."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.audit.services import record
from app.auth.permissions import ensure_can_edit_project
from app.errors import Conflict, ValidationFailed
from app.mail.notices import notify_submitted
from app.models.auth import User
from app.models.logframe import Activity, Indicator, Output
from app.models.portfolio import Project
from app.models.progress import ActivityUpdate, IndicatorValue, ProgressReport, ReportingPeriod
from app.progress.audit_state import Change, changes_since, report_snapshot
from app.progress.parts import apply_parts, normalised_parts
from app.progress.plausibility import ensure_explained
from app.progress.workflow import DRAFT, ensure_period_open, flush_written, next_status, stamp
from indicators.shares import parts_problem, stored_parts_value
from indicators.types import PARTS_MEASURES, Measure


@dataclass(frozen=True)
class IndicatorInput:
    """What the focal point entered for one indicator."""

    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    text: str = ""
    # A disaggregated number's parts by category (indicators.disaggregation), and whether
    # they leave some of the total uncounted.
    parts: dict[str, Decimal] = field(default_factory=dict)
    parts_incomplete: bool = False
    # Why a warned figure is right; None keeps the stored explanation (the workbook has none).
    explanation: str | None = None

    def is_empty(self) -> bool:
        """Tell whether nothing was entered."""
        parts = (self.value, self.numerator, self.denominator)
        return all(p is None for p in parts) and not self.text and not self.parts


@dataclass(frozen=True)
class ActivityInput:
    """What the focal point entered for one activity."""

    status: str = ""
    percent: int | None = None
    explanation: str | None = None


@dataclass
class ReportInput:
    """A save: only the indicators and activities named here change (None: narrative kept)."""

    indicators: dict[int, IndicatorInput] = field(default_factory=dict)
    activities: dict[int, ActivityInput] = field(default_factory=dict)
    narrative: str | None = None


@dataclass
class ReportScope:
    """A project's period with the indicators and activities its report covers."""

    project: Project
    period: ReportingPeriod
    indicators: list[Indicator]
    activities: list[Activity]
    report: ProgressReport | None


class IncompleteReport(ValidationFailed):
    """A submission lacks values; `fields` maps form keys (ind-<id>, act-<id>) to messages."""

    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__(list(fields.values()))
        self.fields = fields


class StaleReport(Conflict):
    """Someone saved the report since the form was loaded; `changes` says what they changed."""

    def __init__(self, report: ProgressReport | None, changes: list[Change], who: str, when: str):
        super().__init__(_("This report was changed by %(who)s at %(when)s.", who=who, when=when))
        self.report, self.changes, self.who, self.when = report, changes, who, when


def load_scope(session: Session, project: Project, period: ReportingPeriod) -> ReportScope:
    """Load the project's output indicators, activities and existing report for the period."""
    outputs = select(Output.id).where(Output.project_id == project.id)
    indicators = session.scalars(
        select(Indicator)
        .where(Indicator.output_id.in_(outputs))
        .options(selectinload(Indicator.targets))
        .order_by(Indicator.code)
    ).all()
    activities = session.scalars(
        select(Activity).where(Activity.output_id.in_(outputs)).order_by(Activity.id)
    ).all()
    report = session.scalar(
        select(ProgressReport)
        .where(ProgressReport.project_id == project.id, ProgressReport.period_id == period.id)
        .options(selectinload(ProgressReport.values).selectinload(IndicatorValue.indicator))
        .options(selectinload(ProgressReport.values).selectinload(IndicatorValue.parts))
        .options(selectinload(ProgressReport.activity_updates))
    )
    return ReportScope(project, period, list(indicators), list(activities), report)


def save_draft(
    session: Session, user: User, scope: ReportScope, data: ReportInput, version: int
) -> ProgressReport:
    """Save what was entered, complete or not; a returned report goes back to draft."""
    return _write(session, user, scope, data, version, "save")


def submit(
    session: Session, user: User, scope: ReportScope, data: ReportInput, version: int
) -> ProgressReport:
    """Save and submit for review; refuse (IncompleteReport) unless every item has a value."""
    return _write(session, user, scope, data, version, "submit")


def _write(
    session: Session, user: User, scope: ReportScope, data: ReportInput, version: int, action: str
) -> ProgressReport:
    ensure_can_edit_project(user, scope.project)
    report = scope.report or _new_report(scope, user)
    ensure_period_open(session, report)
    target = next_status(report.status, action)
    _check_version(session, scope, version)
    values, activities = merged(scope, data)
    if action == "submit" and (gaps := missing(scope, values, activities)):
        raise IncompleteReport(gaps)
    if action == "submit":
        ensure_explained(session, scope, values, activities)
    before = report_snapshot(report) if scope.report else None
    _apply(scope, report, values, activities)
    report.narrative = data.narrative if data.narrative is not None else report.narrative
    stamp(report, user, target)
    flush_written(
        session,
        report,
        _("Someone changed this report at the same moment; reload it."),
        _("Someone started this report at the same moment; reload it."),  # unique project, period
    )
    scope.report = report
    record(
        session, user.id, action, "progress_report", report.id, before=before,
        after=report_snapshot(report), project_id=scope.project.id,
        entity_id=scope.project.entity_id,
    )  # fmt: skip
    session.flush()
    if action == "submit":
        notify_submitted(session, user, report)  # sent once the submission commits
    return report


def _new_report(scope: ReportScope, user: User) -> ProgressReport:
    return ProgressReport(
        project=scope.project, period=scope.period, status=DRAFT, author_id=user.id, narrative=""
    )


def _check_version(session: Session, scope: ReportScope, version: int) -> None:
    current = scope.report.version if scope.report else 0
    if version != current:
        changes, who, when = changes_since(session, scope.report, version)
        raise StaleReport(scope.report, changes, who, when)


def merged(
    scope: ReportScope, data: ReportInput
) -> tuple[dict[int, IndicatorInput], dict[int, ActivityInput]]:
    """Return the stored inputs overlaid with the new ones, for this project's items only."""
    values = {v.indicator_id: _stored_value(v) for v in scope.report.values} if scope.report else {}
    updates = scope.report.activity_updates if scope.report else []
    activities = {
        u.activity_id: ActivityInput(u.status, u.percent_complete, u.explanation) for u in updates
    }
    own_indicators = {i.id: i for i in scope.indicators}
    for key, given in data.indicators.items():
        if key in own_indicators:  # ids of other projects are ignored (mass assignment)
            kept = values[key].explanation if key in values else None
            new = normalised_input(own_indicators[key], given)
            values[key] = replace(new, explanation=_explanation(given.explanation, kept))
    own_activities = {a.id for a in scope.activities}
    for key, update in data.activities.items():
        if key in own_activities:
            kept = activities[key].explanation if key in activities else None
            activities[key] = replace(update, explanation=_explanation(update.explanation, kept))
    return values, activities


def _explanation(given: str | None, kept: str | None) -> str:
    return (given if given is not None else kept or "").strip()


def _stored_value(row: IndicatorValue) -> IndicatorInput:
    parts = {part.category: part.value for part in row.parts}
    return IndicatorInput(
        row.value, row.numerator, row.denominator, row.text, parts, row.parts_incomplete,
        row.explanation,
    )  # fmt: skip


def normalised_input(indicator: Indicator, given: IndicatorInput) -> IndicatorInput:
    """Return what is stored of an input under the indicator's measure, or raise
    ValidationFailed when its numerator and denominator do not fit."""
    if indicator.measure == Measure.QUALITATIVE.value:
        return IndicatorInput(text=given.text.strip())
    if indicator.measure in PARTS_MEASURES:
        num, den = given.numerator, given.denominator
        ratio = indicator.measure == Measure.RATIO.value
        if (problem := parts_problem(ratio, num, den)) is not None:
            said = _("%(code)s: %(problem)s", code=indicator.code, problem=problem)
            raise ValidationFailed([said])
        value = stored_parts_value(ratio, num, den)
        return IndicatorInput(value=value, numerator=num, denominator=den)
    if indicator.disaggregation:
        return normalised_parts(indicator, given)
    return IndicatorInput(value=given.value)


def missing(
    scope: ReportScope, values: dict[int, IndicatorInput], activities: dict[int, ActivityInput]
) -> dict[str, str]:
    """Return a message for each indicator without a value and activity without a status."""
    gaps = missing_values(scope.indicators, values)
    for activity in scope.activities:
        if not activities.get(activity.id, ActivityInput()).status:
            said = _("Activity “%(title)s”: choose a status.", title=activity.title)
            gaps[f"act-{activity.id}"] = said
    return gaps


def missing_values(
    indicators: list[Indicator], values: dict[int, IndicatorInput]
) -> dict[str, str]:
    """Return a message, keyed ind-<id>, for each indicator without a value to submit."""
    gaps: dict[str, str] = {}
    for indicator in indicators:
        given = values.get(indicator.id, IndicatorInput())
        if indicator.measure == Measure.QUALITATIVE.value and not given.text:
            gaps[f"ind-{indicator.id}"] = _(
                "%(code)s: describe the progress to submit.", code=indicator.code
            )
        elif indicator.measure in PARTS_MEASURES and given.value is None:
            gaps[f"ind-{indicator.id}"] = _(
                "%(code)s: enter numerator and denominator.", code=indicator.code
            )
        elif indicator.measure == Measure.NUMBER.value and given.value is None:
            gaps[f"ind-{indicator.id}"] = _(
                "%(code)s: enter a value to submit.", code=indicator.code
            )
    return gaps


def _apply(
    scope: ReportScope,
    report: ProgressReport,
    values: dict[int, IndicatorInput],
    activities: dict[int, ActivityInput],
) -> None:
    rows = {row.indicator_id: row for row in report.values}
    for indicator in scope.indicators:
        given, row = values.get(indicator.id, IndicatorInput()), rows.get(indicator.id)
        if given.is_empty():
            if row is not None:
                report.values.remove(row)
            continue
        if row is None:
            row = IndicatorValue(indicator=indicator)
            report.values.append(row)
        row.value, row.numerator, row.denominator = given.value, given.numerator, given.denominator
        row.text, row.explanation = given.text, given.explanation or ""
        apply_parts(row, given.parts, given.parts_incomplete)
    _apply_activities(scope, report, activities)


def _apply_activities(
    scope: ReportScope, report: ProgressReport, activities: dict[int, ActivityInput]
) -> None:
    rows = {row.activity_id: row for row in report.activity_updates}
    for activity in scope.activities:
        given, row = activities.get(activity.id, ActivityInput()), rows.get(activity.id)
        if not given.status:
            if row is not None:
                report.activity_updates.remove(row)
            continue
        if row is None:
            row = ActivityUpdate(activity=activity)
            report.activity_updates.append(row)
        row.status, row.explanation = given.status, given.explanation or ""
        percent = given.percent if given.percent is not None else activity.percent_complete
        row.percent_complete = percent
