"""The Working Group's outcome values: save, submit, approve or return a period's outcome
report, under the project reports' transition table, number rules, plausibility checks,
period lock and segregation of duties."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.audit.services import jsonable, record
from app.auth.permissions import ensure_admin, ensure_can_review
from app.db import utcnow
from app.errors import Conflict
from app.models.auth import User
from app.models.outcome_values import OutcomeReport, OutcomeValue
from app.progress.audit_state import plain, report_editors
from app.progress.outcome_queries import OutcomeScope, last_approved_outcomes, outcome_history
from app.progress.plausibility import UnexplainedWarnings, Warnings, figure_of, unexplained
from app.progress.services import IncompleteReport, IndicatorInput, missing_values, normalised_input
from app.progress.workflow import (
    DRAFT,
    conditional_update,
    ensure_period_open,
    flush_written,
    next_status,
    required_text,
    stamp,
)
from indicators.plausibility import figure_warnings

OBJECT = "outcome_report"
Inputs = dict[int, IndicatorInput]


def save_outcomes(
    session: Session, user: User, scope: OutcomeScope, data: Inputs, version: int
) -> OutcomeReport:
    """Save the outcome values entered, complete or not; a returned report goes back to draft."""
    return _write(session, user, scope, data, version, "save")


def submit_outcomes(
    session: Session, user: User, scope: OutcomeScope, data: Inputs, version: int
) -> OutcomeReport:
    """Save and submit for review; refuse unless every outcome indicator has an explained value."""
    return _write(session, user, scope, data, version, "submit")


def _write(
    session: Session, user: User, scope: OutcomeScope, data: Inputs, version: int, action: str
) -> OutcomeReport:
    ensure_admin(user)
    report = scope.report or OutcomeReport(period=scope.period, status=DRAFT, author_id=user.id)
    ensure_period_open(session, report)
    target = next_status(report.status, action)
    current = scope.report.version if scope.report else 0
    if version != current:
        raise Conflict(_("Someone saved these outcome values since you opened them; reload them."))
    values = merged_outcomes(scope, data)
    if action == "submit":
        _ensure_complete(session, scope, values)
    before = outcome_snapshot(report) if scope.report else None
    _apply(scope, report, values)
    stamp(report, user, target)
    flush_written(
        session,
        report,
        _("Someone changed these outcome values at the same moment; reload."),
        _("Someone started this period's outcome values at the same moment."),
    )
    scope.report = report
    record(
        session, user.id, action, OBJECT, report.id, before=before, after=outcome_snapshot(report)
    )
    session.flush()
    return report


def _ensure_complete(session: Session, scope: OutcomeScope, values: Inputs) -> None:
    if gaps := missing_values(scope.indicators, values):
        raise IncompleteReport(gaps)
    warnings = outcome_warnings(session, scope, values)
    if needed := unexplained(warnings, values, {}):
        raise UnexplainedWarnings(needed, warnings)


def merged_outcomes(scope: OutcomeScope, data: Inputs) -> Inputs:
    """Return the stored values overlaid with the new ones, for outcome indicators only."""
    rows = scope.report.values if scope.report else []
    values = {
        r.indicator_id: IndicatorInput(
            r.value, r.numerator, r.denominator, r.text, explanation=r.explanation
        )
        for r in rows
    }
    own = {i.id: i for i in scope.indicators}
    for key, given in data.items():
        if key in own:  # an output indicator's id is ignored: projects report those
            new = normalised_input(own[key], given)
            kept = values[key].explanation if key in values else None
            explanation = given.explanation if given.explanation is not None else kept
            values[key] = IndicatorInput(
                new.value, new.numerator, new.denominator, new.text,
                explanation=(explanation or "").strip(),
            )  # fmt: skip
    return values


def outcome_warnings(session: Session, scope: OutcomeScope, values: Inputs) -> Warnings:
    """Return the plausibility warnings of the values, keyed ind-<id>."""
    ids, key = [i.id for i in scope.indicators], scope.period.key
    last, history = last_approved_outcomes(session, ids, key), outcome_history(session, ids, key)
    found: Warnings = {}
    for indicator in scope.indicators:
        if (given := values.get(indicator.id)) is None or given.is_empty():
            continue
        figure = figure_of(indicator, given, last.get(indicator.id), history.get(indicator.id, []))
        if warnings := figure_warnings(figure):
            found[figure.field] = warnings
    return found


def _apply(scope: OutcomeScope, report: OutcomeReport, values: Inputs) -> None:
    rows = {row.indicator_id: row for row in report.values}
    for indicator in scope.indicators:
        given, row = values.get(indicator.id, IndicatorInput()), rows.get(indicator.id)
        if given.is_empty():
            if row is not None:
                report.values.remove(row)
            continue
        if row is None:
            row = OutcomeValue(indicator=indicator)
            report.values.append(row)
        row.value, row.numerator, row.denominator = given.value, given.numerator, given.denominator
        row.text, row.explanation = given.text, given.explanation or ""


def approve_outcomes(
    session: Session, user: User, report: OutcomeReport, version: int, comment: str = ""
) -> None:
    """Approve submitted outcome values; refuse whoever saved or submitted them."""
    comment = required_text(comment, "comment") if (comment or "").strip() else ""
    _review(session, user, report, "approve", version, comment)


def return_outcomes(
    session: Session, user: User, report: OutcomeReport, version: int, comment: str
) -> None:
    """Return submitted outcome values to the Working Group with a required comment."""
    _review(session, user, report, "return", version, required_text(comment, "comment"))


def reopen_outcomes(
    session: Session, user: User, report: OutcomeReport, version: int, reason: str
) -> None:
    """Reopen approved outcome values (back to returned) with a required, audited reason; they
    stop counting until approved again."""
    _review(session, user, report, "reopen", version, required_text(reason, "reason"), set())


def _review(
    session: Session,
    user: User,
    report: OutcomeReport,
    action: str,
    version: int,
    comment: str,
    editors: set[int | None] | None = None,
) -> None:
    ensure_can_review(user, report_editors(session, report) if editors is None else editors)
    ensure_period_open(session, report)
    target = next_status(report.status, action)
    before = outcome_snapshot(report)
    fields = {"review_comment": comment, "reviewed_by_id": user.id, "reviewed_at": utcnow()}
    conditional_update(session, report, version, target, fields)
    after = outcome_snapshot(report)
    record(session, user.id, action, OBJECT, report.id, before=before, after=after, reason=comment)
    session.flush()


def outcome_snapshot(report: OutcomeReport) -> dict[str, Any]:
    """Return the report's status, comment, version and every value, keyed by readable labels."""
    picture: dict[str, Any] = {
        name: jsonable(getattr(report, name)) for name in ("status", "review_comment", "version")
    }
    for value in report.values:
        code = value.indicator.code
        picture[f"{code} value"] = plain(value.value)
        if value.numerator is not None or value.denominator is not None:
            picture[f"{code} numerator"] = plain(value.numerator)
            picture[f"{code} denominator"] = plain(value.denominator)
        if value.text:
            picture[f"{code} text"] = value.text
        if value.explanation:
            picture[f"{code} explanation"] = value.explanation
    return picture
