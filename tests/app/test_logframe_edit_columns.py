"""Issue 14, point 5: the outcome and output forms edit assumptions and risks and means of
verification, saved through the services with the version check and kept in the audit trail."""

from __future__ import annotations

from typing import Any

import pytest

from app.models.logframe import Outcome, Output
from tests.app.logframe_fixtures import audit_count, last_event

RISKS = "Ministries nominate trainees on time"
MEANS = "Training attendance lists; pre- and post-test scores"


def output_form(output: Output, **extra: str) -> dict[str, str]:
    """Return an output's edit form as the page would post it."""
    base = {
        "code": output.code,
        "title": output.title,
        "outcome_id": str(output.outcome_id),
        "version": str(output.version),
    }
    return base | extra


def outcome_form(outcome: Outcome, **extra: str) -> dict[str, str]:
    """Return an outcome's edit form as the page would post it."""
    base = {
        "code": outcome.code,
        "pillar_code": outcome.pillar_code,
        "statement": outcome.statement,
        "version": str(outcome.version),
    }
    return base | extra


def _targets(world: Any) -> list[tuple[str, Any, Any]]:
    """Return (edit url, record, form builder) for the output and the outcome."""
    return [
        (f"/outputs/{world.output.id}/edit", world.output, output_form),
        (f"/outcomes/{world.outcome.id}/edit", world.outcome, outcome_form),
    ]


@pytest.mark.parametrize("which", [0, 1], ids=["output", "outcome"])
def test_the_two_columns_are_saved_and_audited_before_and_after(
    world, as_role, db_session, which
) -> None:
    url, record, build = _targets(world)[which]
    client = as_role("admin")
    page = client.get(url).get_data(as_text=True)
    assert 'name="assumptions"' in page and 'name="means_of_verification"' in page
    data = build(record, assumptions=RISKS, means_of_verification=MEANS)
    assert client.post(url, data=data).status_code == 302
    db_session.expire_all()
    assert (record.assumptions, record.means_of_verification) == (RISKS, MEANS)
    event = last_event(db_session)
    assert event.action == "update"
    assert event.before["assumptions"] == "" and event.after["assumptions"] == RISKS
    assert event.before["means_of_verification"] == ""
    assert event.after["means_of_verification"] == MEANS


@pytest.mark.parametrize("which", [0, 1], ids=["output", "outcome"])
def test_too_long_a_text_is_refused_beside_its_field(world, as_role, db_session, which) -> None:
    url, record, build = _targets(world)[which]
    client, events = as_role("admin"), audit_count(db_session)
    data = build(record, assumptions="x" * 2001, means_of_verification=MEANS)
    refused = client.post(url, data=data)
    assert refused.status_code == 200
    page = refused.get_data(as_text=True)
    assert "at most 2,000 characters (this one has 2,001)" in page
    db_session.expire_all()
    assert record.means_of_verification == "" and audit_count(db_session) == events


@pytest.mark.parametrize("which", [0, 1], ids=["output", "outcome"])
def test_a_stale_version_is_refused_and_writes_nothing(world, as_role, db_session, which) -> None:
    url, record, build = _targets(world)[which]
    client = as_role("admin")
    stale = build(record, assumptions="First edit")
    assert client.post(url, data=stale).status_code == 302
    events = audit_count(db_session)
    refused = client.post(url, data=stale | {"assumptions": "Second edit, from an old page"})
    assert refused.status_code == 200
    assert "Your input is kept below" in refused.get_data(as_text=True)
    db_session.expire_all()
    assert record.assumptions == "First edit" and audit_count(db_session) == events


def test_a_new_output_keeps_its_two_columns(world, as_role, db_session) -> None:
    client = as_role("owner")
    data = {
        "code": "O-2",
        "title": "Prosecutors mentored",
        "outcome_id": str(world.outcome.id),
        "assumptions": RISKS,
        "means_of_verification": MEANS,
    }
    assert client.post(f"/projects/{world.project.id}/outputs/new", data=data).status_code == 302
    event = last_event(db_session)
    assert event.action == "create" and event.after["assumptions"] == RISKS
    output = db_session.get(Output, event.object_id)
    assert output.means_of_verification == MEANS


def test_a_form_without_the_two_fields_keeps_their_text(world, as_role, db_session) -> None:
    world.output.assumptions = RISKS
    db_session.commit()
    client = as_role("owner")
    data = output_form(world.output, title="Border officers trained")
    assert client.post(f"/outputs/{world.output.id}/edit", data=data).status_code == 302
    db_session.expire_all()
    assert world.output.title == "Border officers trained" and world.output.assumptions == RISKS


def test_a_new_outcome_without_the_fields_gets_empty_text(world, as_role, db_session) -> None:
    client = as_role("admin")
    data = {"code": "OC-9", "pillar_code": "II", "statement": "Courts try cases fairly"}
    assert client.post("/outcomes/new", data=data).status_code == 302
    outcome = db_session.get(Outcome, last_event(db_session).object_id)
    assert outcome.assumptions == "" and outcome.means_of_verification == ""


def test_the_change_shows_in_the_projects_audit_trail(world, as_role) -> None:
    client = as_role("owner")
    data = output_form(world.output, means_of_verification=MEANS)
    assert client.post(f"/outputs/{world.output.id}/edit", data=data).status_code == 302
    page = client.get(f"/projects/{world.project.id}/audit").get_data(as_text=True)
    assert "means_of_verification" in page or "Means of verification" in page
    assert "pre- and post-test scores" in page
