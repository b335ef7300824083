"""Needs administration (issue 14, point 10): an administrator edits one need; the change is
audited with before and after (the confidential flag included), checked against the state the
form was drawn from, and bad input is a message next to its field with nothing written."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select, update

from app.models.audit import AuditEvent
from app.models.portfolio import CtedNeed
from app.portfolio.need_services import NeedVersion
from tests.app.logframe_fixtures import audit_count

VERSION = re.compile(r'name="version" type="hidden" value="([0-9a-f]{32})"')


def form_of(need: CtedNeed, **changes: str) -> dict[str, str]:
    data = {
        "member_state": need.member_state,
        "assessment_date": need.assessment_date.isoformat(),
        "pillar_code": need.pillar_code,
        "thematic_area": need.thematic_area,
        "description": need.description,
        "version": NeedVersion(need).version,
    }
    if need.confidential:
        data["confidential"] = "y"
    data.update(changes)
    return data


def fresh(session, need_id: int) -> CtedNeed:
    session.expire_all()
    return session.get(CtedNeed, need_id)


def events(session, need_id: int) -> list[AuditEvent]:
    stmt = select(AuditEvent).where(
        AuditEvent.object_type == "cted_need", AuditEvent.object_id == str(need_id)
    )
    return list(session.scalars(stmt.order_by(AuditEvent.id)))


def test_the_form_shows_the_need_with_names_and_its_state(as_role, world) -> None:
    page = as_role("admin").get(f"/needs/{world.need.id}/edit").get_data(as_text=True)
    assert '<option selected value="KEN">Kenya (KEN)</option>' in page
    assert "Iraq (IRQ)" in page and "description of N-OPEN" in page
    assert VERSION.search(page)[1] == NeedVersion(world.need).version


def test_an_edit_is_saved_and_audited_with_before_and_after(as_role, world, db_session) -> None:
    need = world.need
    data = form_of(need, member_state="IRQ", description="Train prosecutors", confidential="y")
    response = as_role("admin").post(f"/needs/{need.id}/edit", data=data)
    assert response.status_code == 302 and response.headers["Location"].endswith("/IRQ")
    saved = fresh(db_session, need.id)
    assert (saved.member_state, saved.description, saved.confidential) == (
        "IRQ", "Train prosecutors", True,
    )  # fmt: skip
    (event,) = events(db_session, need.id)
    assert event.action == "update"
    assert event.before["confidential"] is False and event.after["confidential"] is True
    assert event.before["member_state"] == "KEN" and event.after["member_state"] == "IRQ"
    assert event.after["code"] == "N-OPEN"


def test_making_a_need_open_again_is_audited_too(as_role, world, db_session) -> None:
    secret = world.secret
    data = form_of(secret)
    del data["confidential"]
    assert as_role("admin").post(f"/needs/{secret.id}/edit", data=data).status_code == 302
    assert fresh(db_session, secret.id).confidential is False
    (event,) = events(db_session, secret.id)
    assert (event.before["confidential"], event.after["confidential"]) == (True, False)


def test_saving_without_a_change_records_nothing(as_role, world, db_session) -> None:
    client = as_role("admin")
    before = audit_count(db_session)
    response = client.post(f"/needs/{world.need.id}/edit", data=form_of(world.need))
    assert response.status_code == 302 and audit_count(db_session) == before


def test_a_change_made_meanwhile_is_a_conflict_then_a_deliberate_overwrite(
    as_role, world, db_session
) -> None:
    need = world.need
    stale = form_of(need, description="Mine")
    # Someone else (an import, another administrator) changes the need after the form was drawn.
    db_session.execute(
        update(CtedNeed).where(CtedNeed.id == need.id).values(thematic_area="Theirs")
    )
    db_session.commit()
    client = as_role("admin")
    response = client.post(f"/needs/{need.id}/edit", data=stale)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Your input is kept below" in page
    assert fresh(db_session, need.id).description == "description of N-OPEN"
    assert events(db_session, need.id) == []
    # The form now carries the state it was shown with: saving again is deliberate.
    again = {**stale, "version": VERSION.search(page)[1]}
    assert client.post(f"/needs/{need.id}/edit", data=again).status_code == 302
    saved = fresh(db_session, need.id)
    assert (saved.description, saved.thematic_area) == ("Mine", "Border security")


def test_a_post_without_the_version_is_a_conflict(as_role, world, db_session) -> None:
    data = form_of(world.need, description="Mine")
    del data["version"]
    response = as_role("admin").post(f"/needs/{world.need.id}/edit", data=data)
    assert response.status_code == 200 and "Your input is kept below" in response.text
    assert fresh(db_session, world.need.id).description == "description of N-OPEN"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"member_state": "ZZZ"}, "Not a valid choice"),
        ({"assessment_date": "31/02/2019"}, "Choose a date, e.g. 30 June 2019."),
        ({"pillar_code": "V"}, "Not a valid choice"),
        ({"description": ""}, "This field is required"),
        ({"thematic_area": "x" * 201}, "longer than 200"),
        ({"thematic_area": "Border\x00security"}, "control"),
        ({"version": "not-a-digest"}, "version is not valid"),
    ],
)
def test_bad_input_is_shown_next_to_the_field_and_nothing_is_written(
    as_role, world, db_session, changes, message
) -> None:
    client = as_role("admin")
    before = audit_count(db_session)
    data = form_of(world.need, **changes)
    response = client.post(f"/needs/{world.need.id}/edit", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Traceback" not in page
    assert re.search(rf'class="(flash )?error" role="alert">[^<]*{message}', page, re.I), page[
        -3000:
    ]
    assert fresh(db_session, world.need.id).description == "description of N-OPEN"
    assert audit_count(db_session) == before


@pytest.mark.parametrize("role", ["cted", "viewer", "owner", "reviewer"])
def test_only_administrators_edit_needs(as_role, world, db_session, role) -> None:
    client = as_role(role)
    assert client.get(f"/needs/{world.secret.id}/edit").status_code == 403
    data = form_of(world.need, description="Mine")
    assert client.post(f"/needs/{world.need.id}/edit", data=data).status_code == 403
    assert fresh(db_session, world.need.id).description == "description of N-OPEN"


def test_an_unknown_need_is_a_404(as_role, world) -> None:
    assert as_role("admin").get("/needs/999999/edit").status_code == 404
