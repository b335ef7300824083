"""The audit trail: append-only guard, pages, pagination, redaction, failing closed."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, update

from app.audit.guard import AuditTampering
from app.audit.services import record
from app.models.audit import AuditEvent
from tests.app.logframe_fixtures import audit_count, last_event


def _event(db_session) -> AuditEvent:
    event = record(db_session, None, "update", "project", 1, before={"a": 1}, after={"a": 2})
    db_session.flush()
    return event


def test_orm_update_of_an_event_is_refused(app, db_session) -> None:
    event = _event(db_session)
    event.reason = "rewritten"
    with pytest.raises(AuditTampering):
        db_session.flush()
    db_session.rollback()


def test_orm_delete_of_an_event_is_refused(app, db_session) -> None:
    event = _event(db_session)
    db_session.delete(event)
    with pytest.raises(AuditTampering):
        db_session.flush()
    db_session.rollback()


@pytest.mark.parametrize(
    "statement",
    [
        update(AuditEvent).values(reason="x"),
        delete(AuditEvent),
        update(AuditEvent.__table__).values(reason="x"),
        delete(AuditEvent.__table__),
    ],
)
def test_bulk_statements_on_events_are_refused(app, db_session, statement) -> None:
    _event(db_session)
    count = audit_count(db_session)
    with pytest.raises(AuditTampering):
        db_session.execute(statement)
    assert audit_count(db_session) == count


def test_adding_events_still_works(app, db_session) -> None:
    count = audit_count(db_session)
    _event(db_session)
    assert audit_count(db_session) == count + 1


def test_project_audit_lists_newest_first_with_before_after_and_reason(world, as_role) -> None:
    client = as_role("owner")
    data = {"title": "First", "status": "planned", "percent_complete": "10", "version": "1"}
    client.post(f"/activities/{world.activity.id}/edit", data=data)
    client.post(
        f"/activities/{world.activity.id}/edit", data=data | {"title": "Second", "version": "2"}
    )
    page = client.get(f"/projects/{world.project.id}/audit").get_data(as_text=True)
    assert page.index("Second") < page.index("Workshop") and world.user("owner").email in page


def test_audit_pages_paginate(world, as_role, db_session) -> None:
    for n in range(55):
        record(
            db_session,
            None,
            "update",
            "project",
            world.project.id,
            after={"n": n},
            project_id=world.project.id,
            entity_id=world.project.entity_id,
        )
    db_session.commit()
    client = as_role("reviewer")
    first = client.get(f"/projects/{world.project.id}/audit").get_data(as_text=True)
    second = client.get(f"/projects/{world.project.id}/audit?page=2").get_data(as_text=True)
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    assert "<dd>54</dd>" in first and "<dd>0</dd>" in second


def test_confidential_need_is_redacted_in_audit_for_focal_points(world, as_role, login) -> None:
    client = as_role("admin")
    client.post(f"/projects/{world.project.id}/needs", data={"need_id": str(world.secret.id)})
    assert "N-SECRET" in client.get("/entities/UNODC/audit").get_data(as_text=True)
    login(world.user("owner"))
    page = client.get("/entities/UNODC/audit").get_data(as_text=True)
    assert "N-SECRET" not in page and "a confidential CTED need" in page


def test_entity_audit_is_closed_to_other_entities(world, as_role) -> None:
    assert as_role("other_focal").get("/entities/UNODC/audit").status_code == 403
    assert as_role("admin").get("/entities/NOPE/audit").status_code == 404


def test_failing_permission_helper_denies(world, as_role, monkeypatch, db_session) -> None:
    def broken(*_args):
        raise ValueError("no entity")

    monkeypatch.setattr("app.audit.views.ensure_can_read_entity_audit", broken)
    monkeypatch.setattr("app.ui.pages.ensure_can_edit_project", broken)
    client = as_role("owner")
    for path in (f"/projects/{world.project.id}/audit", f"/projects/{world.project.id}/edit"):
        response = client.get(path)
        assert response.status_code == 500 and "Border project" not in response.get_data(
            as_text=True
        )


def test_every_write_has_who_when_and_where(world, as_role, db_session) -> None:
    as_role("owner").post(f"/outputs/{world.output.id}/delete")
    event = last_event(db_session)
    assert event.user_id == world.user("owner").id and event.occurred_at is not None
    assert event.remote_addr and event.entity_id == world.project.entity_id
