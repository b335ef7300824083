"""Mass assignment (RELIABILITY T03) and failing closed (T09)."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from sqlalchemy import select

from app.models.auth import User
from app.models.logframe import Indicator, Output
from app.models.portfolio import Project
from app.models.progress import ProgressReport
from tests.security import authz_matrix
from tests.security.conftest import MARKER, entity_id
from tests.security.fingerprint import changed, fingerprint

EXTRA = {
    "id": "999",
    "entity_id": "__other__",
    "status": "approved",
    "version": "77",
    "approved_by_id": "1",
    "approved_by": "1",
    "reviewed_by_id": "1",
    "reviewed_at": "2019-01-01",
    "author_id": "1",
    "submitted_by_id": "1",
    "created_at": "2000-01-01",
    "content_hash": "sha256:forged",
    "project_id": "999",
    "output_id": "999",
    "role": "admin",
    "confidential": "y",
}


def _extra(session: Any, form: dict[str, str]) -> dict[str, str]:
    """Return the form with every extra field added that the form does not already hold."""
    data = dict(EXTRA, entity_id=str(entity_id(session, "UNOCT")))
    return {**data, **form}


def test_project_edit_ignores_fields_the_form_does_not_own(as_role, ds, db_session) -> None:
    client = as_role("owner")
    ids = ds.ids()
    body = _extra(db_session, authz_matrix.project_form(ids))
    body["entity_id"] = str(entity_id(db_session, "UNOCT"))
    response = client.post(f"/projects/{ids['project_id']}/edit", data=body)
    db_session.expire_all()
    project = db_session.get(Project, ids["project_id"])
    # The owner may not move the project to another entity: the choice is refused.
    assert response.status_code == 200 and "Not a valid choice" in response.get_data(as_text=True)
    assert project.entity_id == entity_id(db_session, "UNODC") and project.title == "Border project"
    # With the entity untouched, the other extra fields are ignored and the edit goes through.
    body["entity_id"] = str(ids["entity_id"])
    assert client.post(f"/projects/{ids['project_id']}/edit", data=body).status_code == 302
    db_session.expire_all()
    project = db_session.get(Project, ids["project_id"])
    assert project.id == ids["project_id"] and project.entity_id == ids["entity_id"]
    assert project.status == "ongoing" and project.version == ids["project_version"] + 1
    assert project.title == "Renamed project"


def test_indicator_edit_cannot_move_the_indicator(as_role, ds, db_session) -> None:
    ids = ds.ids()
    body = _extra(db_session, authz_matrix.form_for("logframe.edit_indicator", "", ids))
    response = as_role("owner").post(f"/indicators/{ids['indicator_id']}/edit", data=body)
    assert response.status_code == 302
    db_session.expire_all()
    indicator = db_session.get(Indicator, ids["indicator_id"])
    assert indicator.output_id == ids["output_id"] and indicator.name == "Changed name"
    assert db_session.get(Output, ids["output_id"]).project_id == ids["project_id"]


def test_report_entry_cannot_approve_itself(as_role, ds, db_session) -> None:
    ids = ds.ids()
    body = _extra(db_session, authz_matrix.form_for("progress.report", "", ids))
    response = as_role("owner").post(f"/projects/{ids['project_id']}/reports/2019Q3", data=body)
    assert response.status_code == 302
    db_session.expire_all()
    saved = db_session.scalar(
        select(ProgressReport).where(
            ProgressReport.project_id == ids["project_id"],
            ProgressReport.period_id == ids["period_id"],
        )
    )
    assert saved.status == "draft" and saved.reviewed_by_id is None and saved.reviewed_at is None
    assert saved.author_id == ds.user("owner").id
    assert db_session.get(User, ds.user("owner").id).role == "focal_point"


# --- T09: a permission helper that fails refuses, it never lets through ----------------------


def _patch_everywhere(monkeypatch: Any, name: str, replacement: Any) -> int:
    patched = 0
    for module_name, module in list(sys.modules.items()):
        if module_name.startswith("app.") and hasattr(module, name):
            monkeypatch.setattr(module, name, replacement)
            patched += 1
    return patched


def _boom(*_args: Any, **_kwargs: Any) -> Any:
    raise RuntimeError("permission store unavailable")


FAIL_CLOSED = [
    ("can_edit_project", "admin", "GET", "/projects/{project_id}/edit"),
    ("can_edit_project", "owner", "GET", "/projects/{project_id}/reports/{period_key}"),
    ("ensure_can_edit_project", "owner", "GET", "/projects/{project_id}/edit"),
    ("ensure_can_edit_project", "owner", "POST", "/projects/{project_id}/edit"),
    ("ensure_can_edit_project", "admin", "POST", "/projects/{project_id}/delete"),
    ("can_edit_project", "owner", "POST", "/projects/{project_id}/reports/{period_key}"),
    ("can_review", "reviewer", "GET", "/reports/{report_id}/review"),
    ("can_review", "reviewer", "POST", "/reports/{report_id}/approve"),
    ("ensure_can_review", "reviewer", "POST", "/reports/{report_id}/approve"),
    ("can_use_entity_sheet", "owner", "GET", "/entities/UNODC/reports.xlsx"),
    ("can_read_entity_audit", "owner", "GET", "/entities/UNODC/audit"),
    ("ensure_can_read_entity_audit", "owner", "GET", "/projects/{project_id}/audit"),
    ("ensure_admin", "admin", "GET", "/periods"),
    ("ensure_admin", "admin", "POST", "/periods/new"),
    ("ensure_admin", "admin", "GET", "/needs/{need_id}/edit"),
    ("ensure_admin", "admin", "POST", "/needs/{open_need_id}/edit"),
]


@pytest.mark.parametrize(("helper", "role", "method", "path"), FAIL_CLOSED)
def test_a_failing_permission_helper_fails_closed(
    monkeypatch, as_role, ds, connection, helper, role, method, path
) -> None:
    client = as_role(role)
    ids = ds.ids()
    assert _patch_everywhere(monkeypatch, helper, _boom) >= 1
    before = fingerprint(connection)
    url = path.format(**ids)
    data = None
    if method == "POST":
        endpoint = next(e for e, m, p, *_ in authz_matrix.MATRIX if m == method and p == path)
        data = authz_matrix.form_for(endpoint, path, ids)
    response = client.open(url, method=method, data=data)
    body = response.get_data().decode("utf-8", "replace")
    assert response.status_code not in (200, 302) and response.status_code >= 400
    assert "Border project" not in body and "Submitted narrative" not in body
    assert "Traceback" not in body and "permission store" not in body
    assert changed(before, fingerprint(connection)) == []


def test_a_failing_clearance_check_hides_confidential_needs(monkeypatch, as_role, ds) -> None:
    client = as_role("cted")
    monkeypatch.setattr(User, "sees_confidential", property(_boom))
    pages = ("/needs", "/member-states", "/member-states/QZJ", "/needs?member_state=QZJ")
    for path in (*pages, f"/projects/{ds.world.project.id}", "/api/v1/projects", "/compare"):
        response = client.get(path)
        assert response.status_code >= 500 or MARKER not in response.get_data(as_text=True), path
        assert response.status_code != 200 or MARKER not in response.get_data(as_text=True)
