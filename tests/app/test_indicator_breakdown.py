"""An indicator declares its breakdown on the logframe's indicator form (issue 14, point 4):
numbers only, audited, and never changed under stored parts."""

from __future__ import annotations

from decimal import Decimal

from app.models.progress import ValuePart
from tests.app.logframe_fixtures import add_value, last_event
from tests.app.test_permission_matrix import indicator_data


def _edit(client, world, **changes: str):
    data = indicator_data(world, "IND-1") | changes
    return client.post(f"/indicators/{world.indicator.id}/edit", data=data)


def test_a_focal_point_breaks_a_number_down_by_sex(world, as_role, db_session) -> None:
    """Measured: only the demo could break an indicator down; the form had no such field."""
    client = as_role("owner")
    form = client.get(f"/indicators/{world.indicator.id}/edit").get_data(as_text=True)
    assert 'name="disaggregation"' in form and "not broken down" in form
    assert _edit(client, world, disaggregation="sex").status_code == 302
    db_session.expire_all()
    assert world.indicator.disaggregation == "sex"
    event = last_event(db_session)
    assert event.before["disaggregation"] is None and event.after["disaggregation"] == "sex"


def test_only_numbers_are_broken_down(world, as_role, db_session) -> None:
    client = as_role("owner")
    response = _edit(client, world, measure="percentage", disaggregation="sex")
    assert response.status_code == 200
    assert "Only a number (a count) can be broken down" in response.get_data(as_text=True)
    db_session.expire_all()
    assert world.indicator.disaggregation is None


def test_the_breakdown_does_not_change_under_stored_parts(world, as_role, db_session) -> None:
    world.indicator.disaggregation = "sex"
    value = add_value(db_session, world)
    value.parts = [ValuePart(category="women", value=Decimal(5))]
    db_session.commit()
    client = as_role("owner")
    response = _edit(client, world, disaggregation="age", reason="Counted by age now")
    assert response.status_code == 200
    assert "1 part(s) of reported values are broken down by sex" in response.get_data(as_text=True)
    db_session.expire_all()
    assert world.indicator.disaggregation == "sex"
