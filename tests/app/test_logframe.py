"""Logframe editing: change control, delete refusals, hostile input, locking, needs."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.models.logframe import Activity, Indicator, Output
from app.models.portfolio import Project
from app.models.progress import ActivityUpdate, ProgressReport
from tests.app.logframe_fixtures import (
    add_value,
    audit_count,
    entity_id,
    last_event,
)
from tests.app.test_permission_matrix import activity_data, indicator_data, project_data


def errors(response) -> str:
    return response.get_data(as_text=True)


def test_controlled_change_needs_a_reason_once_values_exist(world, as_role, db_session) -> None:
    add_value(db_session, world)
    client, events = as_role("owner"), audit_count(db_session)
    data = indicator_data(world, "IND-1") | {"life_target": "120"}
    refused = client.post(f"/indicators/{world.indicator.id}/edit", data=data)
    assert refused.status_code == 200
    assert "give a reason for changing life target" in errors(refused)
    assert 'value="120"' in errors(refused)  # the user's input is kept
    db_session.expire_all()
    assert world.indicator.life_target == Decimal(100) and audit_count(db_session) == events
    saved = client.post(
        f"/indicators/{world.indicator.id}/edit", data=data | {"reason": "Donor raised it"}
    )
    assert saved.status_code == 302
    event = last_event(db_session)
    assert event.reason == "Donor raised it" and event.action == "update"
    assert event.before["life_target"] == "100" and event.after["life_target"] == "120"
    assert audit_count(db_session) == events + 1


def test_target_table_change_is_controlled_and_kept(world, as_role, db_session) -> None:
    add_value(db_session, world)
    client = as_role("admin")
    data = indicator_data(world, "IND-1") | {
        "targets-1-period_key": "2019Q4",
        "targets-1-target": "20",
    }
    assert client.post(f"/indicators/{world.indicator.id}/edit", data=data).status_code == 200
    data["reason"] = "Extended"
    assert client.post(f"/indicators/{world.indicator.id}/edit", data=data).status_code == 302
    event = last_event(db_session)
    assert event.before["targets"] == {"2019Q3": "10"}
    assert event.after["targets"] == {"2019Q3": "10", "2019Q4": "20"}


def test_name_change_needs_no_reason_and_unchanged_save_writes_no_event(
    world, as_role, db_session
) -> None:
    add_value(db_session, world)
    client, events = as_role("owner"), audit_count(db_session)
    data = indicator_data(world, "IND-1") | {
        "name": "Officers trained",
        "cumulation": world.indicator.cumulation,
    }
    assert client.post(f"/indicators/{world.indicator.id}/edit", data=data).status_code == 302
    assert audit_count(db_session) == events
    data["name"] = "Border officers trained"
    assert client.post(f"/indicators/{world.indicator.id}/edit", data=data).status_code == 302
    assert audit_count(db_session) == events + 1


@pytest.mark.parametrize(
    ("path", "model"),
    [
        ("/indicators/{i}/delete", Indicator),
        ("/projects/{p}/delete", Project),
        ("/outputs/{o}/delete", Output),
    ],
)
def test_delete_with_values_is_refused(world, as_role, db_session, path, model) -> None:
    add_value(db_session, world)
    client, events = as_role("admin"), audit_count(db_session)
    target = path.format(i=world.indicator.id, p=world.project.id, o=world.output.id)
    response = client.post(target, follow_redirects=True)
    assert "cannot be deleted" in errors(response)
    assert db_session.scalar(select(func.count()).select_from(model)) == 1
    assert audit_count(db_session) == events


def test_delete_without_values_is_audited_with_before(world, as_role, db_session) -> None:
    response = as_role("owner").post(f"/indicators/{world.indicator.id}/delete")
    assert response.status_code == 302
    event = last_event(db_session)
    assert event.action == "delete" and event.before["code"] == "IND-1" and event.after is None
    assert db_session.scalar(select(func.count(Indicator.id))) == 0


HOSTILE = ["NaN", "sNaN", "Infinity", "-inf", "1e999999", str(10**30), "abc"]


@pytest.mark.parametrize("value", HOSTILE + ["-1", "101"])
def test_hostile_percent_complete_is_a_form_error(world, as_role, db_session, value) -> None:
    data = activity_data(world) | {"percent_complete": value}
    response = as_role("owner").post(f"/activities/{world.activity.id}/edit", data=data)
    assert response.status_code == 200
    assert 'class="error"' in errors(response)
    db_session.expire_all()
    assert world.activity.percent_complete == 0 and world.activity.title == "Workshop"


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("name", ["baseline_value", "life_target", "targets-0-target"])
def test_hostile_indicator_numbers_are_form_errors(world, as_role, db_session, name, value):
    data = indicator_data(world, "IND-1") | {name: value}
    response = as_role("owner").post(f"/indicators/{world.indicator.id}/edit", data=data)
    assert response.status_code == 200 and 'class="error"' in errors(response)
    db_session.expire_all()
    assert world.indicator.name == "Officers trained"


@pytest.mark.parametrize("value", ["NaN", "1e999999", str(10**30), "-5", "1.001"])
def test_hostile_budget_is_a_form_error(world, as_role, db_session, value) -> None:
    data = project_data(world) | {"budget_usd": value}
    response = as_role("owner").post(f"/projects/{world.project.id}/edit", data=data)
    assert response.status_code == 200 and 'class="error"' in errors(response)


def test_zero_percent_complete_is_accepted(world, as_role, db_session) -> None:
    data = activity_data(world) | {"percent_complete": "0", "title": "Zero"}
    assert (
        as_role("owner").post(f"/activities/{world.activity.id}/edit", data=data).status_code == 302
    )


def test_percentage_indicator_stays_within_100(world, as_role) -> None:
    data = indicator_data(world, "IND-1") | {"measure": "percentage", "life_target": "150"}
    response = as_role("owner").post(f"/indicators/{world.indicator.id}/edit", data=data)
    assert "A percentage lies between 0 and 100." in errors(response)


def test_text_with_nul_and_overlength_is_refused(world, as_role) -> None:
    client = as_role("owner")
    for title in ("bad\x00title", "x" * 1001, "\u202eevil"):
        data = activity_data(world) | {"title": title}
        response = client.post(f"/activities/{world.activity.id}/edit", data=data)
        assert response.status_code == 200 and 'class="error"' in errors(response)


def test_dates_must_be_ordered(world, as_role) -> None:
    data = activity_data(world) | {"start_date": "2020-05-01", "end_date": "2020-01-01"}
    response = as_role("owner").post(f"/activities/{world.activity.id}/edit", data=data)
    assert "The end date cannot come before the start date." in errors(response)


def test_stale_version_is_refused_with_who_and_what_and_input_kept(
    world, as_role, db_session, make_user, login
) -> None:
    stale = activity_data(world) | {"title": "My careful wording"}
    admin_client = as_role("admin")
    first = activity_data(world) | {"title": "Admin wording", "percent_complete": "40"}
    assert admin_client.post(f"/activities/{world.activity.id}/edit", data=first).status_code == 302
    login(world.user("owner"))
    response = admin_client.post(f"/activities/{world.activity.id}/edit", data=stale)
    page = errors(response)
    assert response.status_code == 200
    assert f"Changed by {world.user('admin').email}" in page
    assert "percent_complete: 0 → 40" in page and "My careful wording" in page
    db_session.expire_all()
    assert world.activity.title == "Admin wording"
    assert re.search(rf'name="version" type="hidden" value="{world.activity.version}"', page)


def test_missing_version_is_a_conflict_not_an_overwrite(world, as_role, db_session) -> None:
    data = activity_data(world)
    del data["version"]
    response = as_role("owner").post(f"/activities/{world.activity.id}/edit", data=data)
    assert response.status_code == 200 and "changed" in errors(response).lower()
    db_session.expire_all()
    assert world.activity.title == "Workshop"


def test_mass_assignment_of_entity_and_version_is_ignored(world, as_role, db_session) -> None:
    other = entity_id(db_session, "UNOCT")
    data = project_data(world) | {"entity_id": str(other), "id": "999", "created_at": "x"}
    response = as_role("owner").post(f"/projects/{world.project.id}/edit", data=data)
    assert response.status_code == 200 and "Not a valid choice" in errors(response)
    create = project_data(world) | {
        "code": "P-NEW",
        "entity_id": str(world.project.entity_id),
        "version": "77",
    }
    client = as_role("owner")
    assert client.post("/projects/new", data=create).status_code == 302
    project = db_session.scalars(select(Project).where(Project.code == "P-NEW")).one()
    assert project.entity_id == world.project.entity_id and project.version == 1


def test_focal_point_creates_only_for_own_entity(world, as_role, db_session) -> None:
    data = project_data(world) | {"code": "P-X", "entity_id": str(world.project.entity_id)}
    response = as_role("other_focal").post("/projects/new", data=data)
    assert response.status_code == 200 and "Not a valid choice" in errors(response)
    assert db_session.scalar(select(Project.id).where(Project.code == "P-X")) is None


def test_duplicate_code_is_shown_next_to_the_field(world, as_role) -> None:
    data = {"code": "O-1", "title": "Again", "outcome_id": str(world.outcome.id)}
    response = as_role("owner").post(f"/projects/{world.project.id}/outputs/new", data=data)
    assert "The code O-1 is already used." in errors(response)


def test_confidential_need_cannot_be_linked_by_focal_point(world, as_role, db_session) -> None:
    client = as_role("owner")
    events = audit_count(db_session)
    data = {"need_id": str(world.secret.id)}
    response = client.post(f"/projects/{world.project.id}/needs", data=data)
    assert response.status_code == 404 and "N-SECRET" not in errors(response)
    assert audit_count(db_session) == events and world.project.needs == []


def test_cted_links_confidential_need_and_focal_point_cannot_unlink_it(
    world, as_role, db_session, login
) -> None:
    world.project.needs.append(world.secret)
    db_session.commit()
    client = as_role("owner")
    page = client.get(f"/projects/{world.project.id}/logframe")
    assert "N-SECRET" not in errors(page) and "1 confidential need" in errors(page)
    refused = client.post(f"/projects/{world.project.id}/needs/{world.secret.id}/unlink")
    assert refused.status_code == 404
    login(world.user("admin"))
    done = client.post(f"/projects/{world.project.id}/needs/{world.secret.id}/unlink")
    assert done.status_code == 302 and last_event(db_session).action == "unlink_need"
    db_session.expire_all()
    assert world.project.needs == []


def test_outcome_with_outputs_cannot_be_deleted(world, as_role, db_session) -> None:
    response = as_role("admin").post(f"/outcomes/{world.outcome.id}/delete", follow_redirects=True)
    assert "still has 1 output(s)" in errors(response)
    assert as_role("owner").post(f"/outcomes/{world.outcome.id}/delete").status_code == 403


def test_project_page_shows_edit_links_only_to_editors(world, as_role, login) -> None:
    page = errors(as_role("owner").get(f"/projects/{world.project.id}"))
    assert "Edit the logframe" in page and "Audit trail" in page
    login(world.user("viewer"))
    page = errors(as_role("viewer").get(f"/projects/{world.project.id}"))
    assert "Edit the logframe" not in page and "Audit trail" not in page


def test_output_delete_removes_its_activities_and_indicators(world, as_role, db_session) -> None:
    assert as_role("owner").post(f"/outputs/{world.output.id}/delete").status_code == 302
    for model in (Output, Activity, Indicator):
        assert db_session.scalar(select(func.count()).select_from(model)) == 0


def test_output_whose_activity_has_updates_cannot_be_deleted(world, as_role, db_session) -> None:
    report = ProgressReport(project_id=world.project.id, period_id=world.period.id)
    update = ActivityUpdate(report=report, activity=world.activity, status="ongoing")
    update.percent_complete = 50
    db_session.add_all([report, update])
    db_session.commit()
    response = as_role("owner").post(f"/outputs/{world.output.id}/delete", follow_redirects=True)
    assert "1 activity update(s): it cannot be deleted" in errors(response)
    assert db_session.scalar(select(func.count()).select_from(Output)) == 1


def test_csrf_is_enforced_on_edit_forms(world, app, as_role, db_session) -> None:
    client = as_role("owner")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post(f"/activities/{world.activity.id}/edit", data=activity_data(world))
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code in (200, 400)
    db_session.expire_all()
    assert world.activity.title == "Workshop"
