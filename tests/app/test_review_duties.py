"""Segregation of duties in review (issue 13, F3 and F19): nobody who changed a figure of a
report approves it, and a reviewer never reviews their own entity's reports."""

from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import Result
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from app.auth.services import create_user
from app.errors import PermissionDenied, ValidationFailed
from app.models.auth import User
from app.models.reference import Entity
from app.progress import services as entry
from app.progress import workflow
from tests.app.progress_data import report_of, world
from tests.app.test_progress_workflow import complete, scope_of, submitted
from tests.conftest import PASSWORD


def _one_more_save(session, w, user, number: str) -> None:
    report = report_of(session, w)
    data = entry.ReportInput(indicators={w.number.id: entry.IndicatorInput(value=Decimal(number))})
    entry.save_draft(session, user, scope_of(session, w), data, report.version)


@pytest.mark.parametrize("action", ["approve", "return"])
def test_anyone_who_saved_a_figure_cannot_review(db_session, make_user, action) -> None:
    w = world(db_session)
    focal, admin = make_user("focal_point", "UNODC"), make_user("admin")
    entry.save_draft(db_session, focal, scope_of(db_session, w), complete(w), 0)
    _one_more_save(db_session, w, admin, "99")  # the admin typed a figure in the draft
    _one_more_save(db_session, w, focal, "12")  # then the focal point saved again, and submits
    report = report_of(db_session, w)
    entry.submit(db_session, focal, scope_of(db_session, w), complete(w), report.version)
    report = report_of(db_session, w)
    assert admin.id not in {report.author_id, report.submitted_by_id, report.updated_by_id}
    with pytest.raises(PermissionDenied, match="figures you changed"):
        if action == "approve":
            workflow.approve(db_session, admin, report, report.version)
        else:
            workflow.return_report(db_session, admin, report, report.version, "Check it.")
    assert report_of(db_session, w).status == "submitted"
    reviewer = make_user("reviewer")
    workflow.approve(db_session, reviewer, report, report.version)
    assert report_of(db_session, w).status == "approved"


def test_the_review_page_offers_no_decision_to_an_editor(client, db_session, make_user, login):
    w = world(db_session)
    focal, admin = make_user("focal_point", "UNODC"), make_user("admin")
    entry.save_draft(db_session, focal, scope_of(db_session, w), complete(w), 0)
    _one_more_save(db_session, w, admin, "99")
    report = report_of(db_session, w)
    entry.submit(db_session, focal, scope_of(db_session, w), complete(w), report.version)
    db_session.commit()
    login(admin)
    page = client.get(f"/reports/{report.id}/review").get_data(as_text=True)
    assert "You entered, saved or submitted figures of this report" in page
    assert "action='approve'" not in page and "/approve" not in page
    response = client.post(f"/reports/{report.id}/approve", data={"version": report.version})
    assert response.status_code == 403
    assert report_of(db_session, w).status == "submitted"


def _bound_reviewer(session, acronym: str) -> User:
    """A reviewer bound to an entity, as accounts made before the rule may be."""
    entity_id = session.scalar(select(Entity.id).where(Entity.acronym == acronym))
    user = User(
        email=f"bound-{acronym.lower()}@example.org", role="reviewer", entity_id=entity_id,
        password_hash=generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000"),
    )  # fmt: skip
    session.add(user)
    session.flush()
    return user


@pytest.mark.parametrize("role", ["reviewer", "admin"])
def test_a_reviewer_never_reviews_their_own_entitys_report(db_session, make_user, role) -> None:
    w = world(db_session)
    report = submitted(db_session, w, make_user("focal_point", "UNODC"))
    bound = _bound_reviewer(db_session, "UNODC")
    bound.role = role
    db_session.flush()
    for decide in (
        lambda: workflow.approve(db_session, bound, report, report.version),
        lambda: workflow.return_report(db_session, bound, report, report.version, "No."),
    ):
        with pytest.raises(PermissionDenied, match="your own entity"):
            decide()
    assert report_of(db_session, w).status == "submitted"
    other = _bound_reviewer(db_session, "UNOCT")  # bound elsewhere: may review UNODC's
    workflow.approve(db_session, other, report, report.version)
    report = report_of(db_session, w)
    with pytest.raises(PermissionDenied, match="your own entity"):
        workflow.reopen(db_session, bound, report, report.version, "Recheck the figures.")
    assert report_of(db_session, w).status == "approved"


def test_create_user_refuses_a_reviewer_bound_to_an_entity(db_session) -> None:
    with pytest.raises(ValidationFailed, match="a reviewer reviews every entity"):
        create_user(db_session, "rev@example.org", PASSWORD, "reviewer", "UNODC")
    assert create_user(db_session, "rev@example.org", PASSWORD, "reviewer").entity_id is None


def test_create_user_command_says_so_in_one_line(app) -> None:
    runner = app.test_cli_runner()
    result: Result = runner.invoke(
        args=["create-user", "rev2@example.org", "--role", "reviewer", "--entity", "UNODC",
              "--password-stdin"],
        input=PASSWORD + "\n",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "a reviewer reviews every entity's reports" in result.output
    assert "Traceback" not in result.output


def test_a_bound_reviewer_is_refused_on_the_web_too(client, db_session, make_user, login) -> None:
    w = world(db_session)
    report = submitted(db_session, w, make_user("focal_point", "UNODC"))
    bound = _bound_reviewer(db_session, "UNODC")
    db_session.commit()
    login(bound)
    page = client.get(f"/reports/{report.id}/review").get_data(as_text=True)
    assert "You belong to the entity that wrote this report" in page and "/approve" not in page
    for action in ("approve", "return"):
        body = {"version": str(report.version), "comment": "Looks fine."}
        response = client.post(f"/reports/{report.id}/{action}", data=body)
        assert response.status_code == 403, action
    assert report_of(db_session, w).status == "submitted"
