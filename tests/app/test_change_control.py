"""F15: once an indicator has reported values, renaming its code (the comparison matches baseline
values by code) needs a reason; so does moving an output with reported data to an outcome under
another pillar. The same path and audit as the other controlled changes."""

from __future__ import annotations

from app.models.logframe import Indicator, Outcome, Output
from tests.app.logframe_fixtures import add_value, audit_count, last_event
from tests.app.test_permission_matrix import indicator_data


def test_indicator_code_rename_needs_a_reason_once_values_exist(world, as_role, db_session):
    add_value(db_session, world)
    client, events = as_role("owner"), audit_count(db_session)
    url = f"/indicators/{world.indicator.id}/edit"
    data = indicator_data(world, "IND-1-RENAMED") | {"name": world.indicator.name}
    refused = client.post(url, data=data)
    assert refused.status_code == 200
    assert "give a reason for changing code" in refused.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(Indicator, world.indicator.id).code == "IND-1"
    assert audit_count(db_session) == events
    assert client.post(url, data=data | {"reason": "Aligned with the logframe"}).status_code == 302
    event = last_event(db_session)
    assert event.reason == "Aligned with the logframe"
    assert (event.before["code"], event.after["code"]) == ("IND-1", "IND-1-RENAMED")


def test_indicator_code_rename_without_values_needs_no_reason(world, as_role, db_session):
    client = as_role("owner")
    data = indicator_data(world, "IND-1-RENAMED") | {"name": world.indicator.name}
    assert client.post(f"/indicators/{world.indicator.id}/edit", data=data).status_code == 302


def other_pillar_outcome(db_session, pillar: str = "III") -> Outcome:
    outcome = Outcome(code=f"OC-{pillar}", pillar_code=pillar, statement="Another outcome")
    db_session.add(outcome)
    db_session.commit()
    return outcome


def output_data(output: Output, outcome_id: int) -> dict[str, str]:
    return {
        "code": output.code, "title": output.title, "outcome_id": str(outcome_id),
        "version": str(output.version),
    }  # fmt: skip


def test_moving_an_output_to_another_pillar_needs_a_reason(world, as_role, db_session):
    add_value(db_session, world)
    outcome = other_pillar_outcome(db_session)
    client, events = as_role("owner"), audit_count(db_session)
    url = f"/outputs/{world.output.id}/edit"
    data = output_data(world.output, outcome.id)
    refused = client.post(url, data=data)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200
    assert "give a reason for moving it from pillar II to an outcome under pillar III" in page
    db_session.expire_all()
    assert db_session.get(Output, world.output.id).outcome_id == world.outcome.id
    assert audit_count(db_session) == events
    saved = client.post(url, data=data | {"reason": "Reassigned by the Working Group"})
    assert saved.status_code == 302
    event = last_event(db_session)
    assert event.object_type == "output" and event.reason == "Reassigned by the Working Group"
    assert (event.before["outcome_id"], event.after["outcome_id"]) == (world.outcome.id, outcome.id)


def test_moving_within_the_pillar_or_without_data_needs_no_reason(world, as_role, db_session):
    same = other_pillar_outcome(db_session, "II")
    client = as_role("owner")
    url = f"/outputs/{world.output.id}/edit"
    add_value(db_session, world)
    assert client.post(url, data=output_data(world.output, same.id)).status_code == 302
    db_session.expire_all()
    assert db_session.get(Output, world.output.id).outcome_id == same.id
