"""The review workflow: transition table, segregation of duties, locks, audit, approval race."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import update

from app.errors import Conflict, DomainError, PermissionDenied, ValidationFailed
from app.models.progress import ProgressReport
from app.progress import services as entry
from app.progress import workflow
from app.progress.queries import approved_values, last_approved_value, pending_values
from tests.app.progress_data import audit_events, report_of, world

STATUSES = {"draft", "submitted", "approved", "returned"}


def complete(w, number: str = "12", explanation: str | None = None) -> entry.ReportInput:
    """Return a complete input for the world's report (the number explained, if asked)."""
    return entry.ReportInput(
        indicators={
            w.number.id: entry.IndicatorInput(value=Decimal(number), explanation=explanation),
            w.percent.id: entry.IndicatorInput(numerator=Decimal(1), denominator=Decimal(4)),
            w.text.id: entry.IndicatorInput(text="Law drafted"),
        },
        activities={w.activity.id: entry.ActivityInput("ongoing", 30)},
        narrative="On course.",
    )


def scope_of(session, w) -> entry.ReportScope:
    session.expire_all()
    return entry.load_scope(session, w.project, w.period)


def submitted(session, w, focal) -> ProgressReport:
    entry.submit(session, focal, scope_of(session, w), complete(w), 0)
    return report_of(session, w)


def test_transition_table_is_the_only_way(db_session):
    assert workflow.next_status("submitted", "approve") == "approved"
    assert workflow.next_status("returned", "save") == "draft"
    for status, action in itertools.product(STATUSES, ["save", "submit", "approve", "return"]):
        if (status, action) not in workflow.TRANSITIONS:
            with pytest.raises(DomainError):
                workflow.next_status(status, action)
    assert set(workflow.TRANSITIONS.values()) <= STATUSES


def test_submitter_and_author_cannot_review_their_own_report(db_session, make_user):
    w = world(db_session)
    admin, reviewer = make_user("admin"), make_user("reviewer")
    report = submitted(db_session, w, admin)  # the admin wrote and submitted it
    with pytest.raises(PermissionDenied, match="wrote or submitted"):
        workflow.approve(db_session, admin, report, report.version)
    with pytest.raises(PermissionDenied):
        workflow.return_report(db_session, admin, report, report.version, "no")
    assert report_of(db_session, w).status == "submitted"
    workflow.approve(db_session, reviewer, report, report.version)
    assert report_of(db_session, w).status == "approved"


def test_focal_points_and_viewers_cannot_review(db_session, make_user):
    w = world(db_session)
    report = submitted(db_session, w, make_user("focal_point", "UNODC"))
    for role in ("focal_point", "viewer", "cted"):
        user = make_user(role, "UNODC" if role == "focal_point" else None)
        with pytest.raises(PermissionDenied):
            workflow.approve(db_session, user, report, report.version)
    assert report_of(db_session, w).status == "submitted"


def test_locked_period_refuses_every_write(db_session, make_user):
    w = world(db_session)
    focal, reviewer = make_user("focal_point", "UNODC"), make_user("reviewer")
    report = submitted(db_session, w, focal)
    w.period.status = "locked"
    db_session.flush()
    calls = [
        lambda: entry.save_draft(db_session, focal, scope_of(db_session, w), complete(w), 2),
        lambda: workflow.approve(db_session, reviewer, report, report.version),
        lambda: workflow.return_report(db_session, reviewer, report, report.version, "x"),
    ]
    for call in calls:
        with pytest.raises(DomainError, match="locked"):
            call()
    assert report_of(db_session, w).status == "submitted"
    assert len(audit_events(db_session)) == 1


def test_return_and_reopen_need_a_comment_and_approval_is_final(db_session, make_user):
    w = world(db_session)
    focal, reviewer = make_user("focal_point", "UNODC"), make_user("reviewer")
    report = submitted(db_session, w, focal)
    with pytest.raises(ValidationFailed, match="comment is required"):
        workflow.return_report(db_session, reviewer, report, report.version, "   ")
    workflow.approve(db_session, reviewer, report, report.version)
    with pytest.raises(DomainError, match="approved report cannot be changed"):
        entry.save_draft(db_session, focal, scope_of(db_session, w), complete(w, "99"), 3)
    with pytest.raises(ValidationFailed, match="reason is required"):
        workflow.reopen(db_session, reviewer, report, report.version, "")
    assert report_of(db_session, w).values[0].value == Decimal(12)
    workflow.reopen(db_session, reviewer, report, report.version, "Typo in count")
    assert report_of(db_session, w).status == "returned"


def test_every_write_records_one_event_with_before_and_after(db_session, make_user):
    w = world(db_session)
    focal, reviewer = make_user("focal_point", "UNODC"), make_user("reviewer")
    entry.save_draft(db_session, focal, scope_of(db_session, w), complete(w, "5"), 0)
    report = submitted_after_save(db_session, w, focal)
    workflow.return_report(db_session, reviewer, report, report.version, "Check it")
    entry.submit(db_session, focal, scope_of(db_session, w), complete(w, "7"), 3)
    report = report_of(db_session, w)
    workflow.approve(db_session, reviewer, report, report.version)
    workflow.reopen(db_session, reviewer, report, report.version, "Wrong quarter")
    events = audit_events(db_session)
    actions = [e.action for e in events]
    assert actions == ["save", "submit", "return", "submit", "approve", "reopen"]
    assert events[0].before is None and events[0].after["P-1-NUM value"] == "5"
    assert events[1].before["P-1-NUM value"] == "5" and events[1].after["P-1-NUM value"] == "12"
    assert events[3].after["P-1-NUM value"] == "7" and events[3].after["status"] == "submitted"
    assert events[5].reason == "Wrong quarter" and events[5].before["status"] == "approved"
    versions = [(e.before or {}).get("version", 0) + 1 == e.after["version"] for e in events]
    assert all(versions)


def submitted_after_save(session, w, focal) -> ProgressReport:
    entry.submit(session, focal, scope_of(session, w), complete(w), 1)
    return report_of(session, w)


def test_approval_loses_a_race_with_a_concurrent_change(db_session, make_user):
    w = world(db_session)
    report = submitted(db_session, w, make_user("focal_point", "UNODC"))
    seen = report.version
    # Another transaction bumps the row between the page load and the click.
    db_session.execute(
        update(ProgressReport.__table__)
        .where(ProgressReport.__table__.c.id == report.id)
        .values(version=seen + 1)
    )
    with pytest.raises(Conflict, match="changed or reviewed this report first"):
        workflow.approve(db_session, make_user("reviewer"), report, seen)
    assert report_of(db_session, w).status == "submitted"
    assert [e.action for e in audit_events(db_session)] == ["submit"]


def test_only_approved_values_count(db_session, make_user):
    w = world(db_session)
    report = submitted(db_session, w, make_user("focal_point", "UNODC"))
    assert approved_values(db_session, project_ids=[w.project.id]) == []
    pending = pending_values(db_session, indicator_ids=[w.number.id])
    assert [p.label for p in pending] == ["submitted, not yet approved"]
    workflow.approve(db_session, make_user("reviewer"), report, report.version)
    counted = approved_values(db_session, indicator_ids=[w.number.id, w.percent.id])
    assert {v.indicator_id: v.value for v in counted}[w.percent.id] == Decimal(25)
    assert last_approved_value(db_session, w.number.id).value == Decimal(12)
    assert last_approved_value(db_session, w.number.id, before_key="2019Q3") is None


class Workflow(RuleBasedStateMachine):
    """Random sequences of saves, submissions and reviews against the rules."""

    session = None
    users = None
    counter = itertools.count()

    def __init__(self) -> None:
        super().__init__()
        self.w = world(self.session, "UNODC", f"SM-{next(self.counter)}")
        self.focal, self.reviewer = self.users
        self.status, self.approved_values, self.events = "draft", None, 0

    def _report(self):
        return report_of(self.session, self.w)

    def _version(self) -> int:
        found = self._report()
        return found.version if found else 0

    def _attempt(self, allowed: bool, call) -> None:
        try:
            call()
        except DomainError:
            assert not allowed, "an allowed transition was refused"
            return
        assert allowed, "a forbidden transition happened"
        self.events += 1

    @rule(number=st.integers(0, 1000), complete_it=st.booleans())
    def save(self, number: int, complete_it: bool) -> None:
        # Any number may be submitted: one far beyond the target comes with its explanation.
        data = complete(self.w, str(number), "Counted from the attendance sheets.")
        if not complete_it:
            data.activities.clear()
        scope, version = scope_of(self.session, self.w), self._version()
        allowed = self.status in ("draft", "returned")
        self._attempt(
            allowed, lambda: entry.save_draft(self.session, self.focal, scope, data, version)
        )
        if allowed:
            self.status = "draft"

    @rule(number=st.integers(0, 1000))
    def submit(self, number: int) -> None:
        scope, version = scope_of(self.session, self.w), self._version()
        allowed = self.status in ("draft", "returned")
        # Any number may be submitted: one far beyond the target comes with its explanation.
        data = complete(self.w, str(number), "Counted from the attendance sheets.")
        self._attempt(allowed, lambda: entry.submit(self.session, self.focal, scope, data, version))
        self.status = "submitted" if allowed else self.status

    @rule(action=st.sampled_from(["approve", "return", "reopen"]), stale=st.booleans())
    def review(self, action: str, stale: bool) -> None:
        found = self._report()
        if found is None:
            return
        version = found.version - 1 if stale else found.version
        allowed = (self.status, action) in workflow.TRANSITIONS and not stale
        call = {
            "approve": lambda: workflow.approve(self.session, self.reviewer, found, version),
            "return": lambda: workflow.return_report(
                self.session, self.reviewer, found, version, "c"
            ),
            "reopen": lambda: workflow.reopen(self.session, self.reviewer, found, version, "r"),
        }[action]
        self._attempt(allowed, call)
        if allowed:
            self.status = workflow.TRANSITIONS[(self.status, action)]
            self.approved_values = self._values() if action == "approve" else None

    def _values(self):
        return sorted((v.indicator_id, v.value, v.text) for v in self._report().values)

    @invariant()
    def status_matches_the_model(self) -> None:
        found = self._report()
        assert (found.status if found else "draft") == self.status
        assert self.status in STATUSES

    @invariant()
    def approved_values_never_change_without_reopen(self) -> None:
        if self.status == "approved":
            assert self._values() == self.approved_values

    @invariant()
    def one_audit_event_per_write(self) -> None:
        events = [e for e in audit_events(self.session) if e.project_id == self.w.project.id]
        assert len(events) == self.events


def test_workflow_state_machine(db_session, make_user):
    Workflow.session = db_session
    Workflow.users = (make_user("focal_point", "UNODC"), make_user("reviewer"))
    run_state_machine_as_test(
        Workflow, settings=settings(max_examples=25, stateful_step_count=12, deadline=None)
    )
