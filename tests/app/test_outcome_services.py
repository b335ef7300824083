"""The Working Group's outcome values: saved, submitted, approved by someone else, refused when
the period is locked or the numbers do not fit, and audited."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.errors import Conflict, DomainError, PermissionDenied, ValidationFailed
from app.models.audit import AuditEvent
from app.progress import outcome_services as svc
from app.progress.plausibility import UnexplainedWarnings
from app.progress.services import IncompleteReport, IndicatorInput
from tests.app.outcome_data import outcomes, report_of, scope_of


def submitted(session, o, admin):
    svc.submit_outcomes(session, admin, scope_of(session, o), o.complete(), 0)
    return report_of(session, o)


def test_an_admin_saves_a_draft_and_submits_it(db_session, make_user):
    o, admin = outcomes(db_session), make_user("admin")
    first = {o.number.id: IndicatorInput(value=Decimal(25))}
    svc.save_outcomes(db_session, admin, scope_of(db_session, o), first, 0)
    report = report_of(db_session, o)
    assert report.status == "draft" and [v.value for v in report.values] == [Decimal(25)]
    svc.submit_outcomes(db_session, admin, scope_of(db_session, o), o.complete(), report.version)
    report = report_of(db_session, o)
    assert report.status == "submitted" and report.submitted_by_id == admin.id
    assert {v.indicator_id: v.value for v in report.values}[o.percent.id] == Decimal(75)
    actions = db_session.scalars(
        select(AuditEvent.action).where(AuditEvent.object_type == "outcome_report")
    ).all()
    assert actions == ["save", "submit"]


def test_only_admins_enter_outcome_values(db_session, make_user):
    o = outcomes(db_session)
    for user in (make_user("reviewer"), make_user("focal_point", "UNODC"), make_user("viewer")):
        with pytest.raises(PermissionDenied):
            svc.save_outcomes(db_session, user, scope_of(db_session, o), o.complete(), 0)
    assert report_of(db_session, o) is None


def test_someone_else_approves_never_whoever_entered(db_session, make_user):
    o, admin, other = outcomes(db_session), make_user("admin"), make_user("admin")
    report = submitted(db_session, o, admin)
    with pytest.raises(PermissionDenied, match="wrote or submitted"):
        svc.approve_outcomes(db_session, admin, report, report.version)
    with pytest.raises(PermissionDenied):
        svc.approve_outcomes(db_session, make_user("focal_point", "UNODC"), report, report.version)
    svc.approve_outcomes(db_session, other, report, report.version)
    report = report_of(db_session, o)
    assert report.status == "approved" and report.reviewed_by_id == other.id


def test_a_saver_who_did_not_submit_may_not_approve(db_session, make_user):
    o, saver, submitter = outcomes(db_session), make_user("admin"), make_user("admin")
    svc.save_outcomes(db_session, saver, scope_of(db_session, o), o.complete("31"), 0)
    svc.submit_outcomes(db_session, submitter, scope_of(db_session, o), o.complete(), 1)
    report = report_of(db_session, o)
    with pytest.raises(PermissionDenied):
        svc.approve_outcomes(db_session, saver, report, report.version)
    svc.return_outcomes(db_session, make_user("reviewer"), report, report.version, "Source?")
    assert report_of(db_session, o).status == "returned"


def test_return_needs_a_comment(db_session, make_user):
    o = outcomes(db_session)
    report = submitted(db_session, o, make_user("admin"))
    with pytest.raises(ValidationFailed, match="comment is required"):
        svc.return_outcomes(db_session, make_user("reviewer"), report, report.version, "  ")
    assert report_of(db_session, o).status == "submitted"


def test_a_locked_period_refuses_saves_and_reviews(db_session, make_user):
    o, admin, reviewer = outcomes(db_session), make_user("admin"), make_user("reviewer")
    report = submitted(db_session, o, admin)
    o.period.status = "locked"
    db_session.flush()
    with pytest.raises(DomainError, match="locked"):
        svc.approve_outcomes(db_session, reviewer, report, report.version)
    with pytest.raises(DomainError, match="locked"):
        svc.save_outcomes(db_session, admin, scope_of(db_session, o), o.complete(), 1)
    assert report_of(db_session, o).status == "submitted"


def test_bad_numbers_and_gaps_are_refused_and_nothing_is_written(db_session, make_user):
    o, admin = outcomes(db_session), make_user("admin")
    bad = {o.percent.id: IndicatorInput(numerator=Decimal(5), denominator=Decimal(4))}
    with pytest.raises(ValidationFailed, match="OC-T1-PER"):
        svc.save_outcomes(db_session, admin, scope_of(db_session, o), bad, 0)
    half = {o.number.id: IndicatorInput(numerator=Decimal(5))}
    with pytest.raises(ValidationFailed):
        svc.save_outcomes(db_session, admin, scope_of(db_session, o), half | bad, 0)
    gaps = {o.number.id: IndicatorInput(value=Decimal(20))}
    with pytest.raises(IncompleteReport) as refused:
        svc.submit_outcomes(db_session, admin, scope_of(db_session, o), gaps, 0)
    assert set(refused.value.fields) == {f"ind-{o.percent.id}", f"ind-{o.text.id}"}
    assert report_of(db_session, o) is None


def test_a_stale_version_is_refused(db_session, make_user):
    o, admin = outcomes(db_session), make_user("admin")
    svc.save_outcomes(db_session, admin, scope_of(db_session, o), o.complete(), 0)
    with pytest.raises(Conflict):
        svc.save_outcomes(db_session, admin, scope_of(db_session, o), o.complete("40"), 0)
    assert report_of(db_session, o).values[0].value in (Decimal(30), Decimal(75))


def test_a_warned_figure_needs_an_explanation_to_submit(db_session, make_user):
    o, admin = outcomes(db_session), make_user("admin")
    values = o.complete() | {o.number.id: IndicatorInput(value=Decimal(900))}
    with pytest.raises(UnexplainedWarnings) as refused:
        svc.submit_outcomes(db_session, admin, scope_of(db_session, o), values, 0)
    assert f"ind-{o.number.id}" in refused.value.fields
    values[o.number.id] = IndicatorInput(value=Decimal(900), explanation="A regional treaty")
    svc.submit_outcomes(db_session, admin, scope_of(db_session, o), values, 0)
    assert report_of(db_session, o).status == "submitted"


def test_output_indicators_ids_are_ignored(db_session, make_user):
    from tests.app.progress_data import world

    w, o, admin = world(db_session), outcomes(db_session), make_user("admin")
    data = o.complete() | {w.number.id: IndicatorInput(value=Decimal(7))}
    svc.save_outcomes(db_session, admin, scope_of(db_session, o), data, 0)
    assert w.number.id not in {v.indicator_id for v in report_of(db_session, o).values}
