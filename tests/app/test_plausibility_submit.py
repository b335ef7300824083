"""Issue 14.1: a report with warned figures is submitted only with an explanation of each,
given beside the field; the explanation is stored, kept by later saves and audited."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.progress import services as entry
from app.progress.plausibility import EXPLAIN, UnexplainedWarnings
from tests.app.plausibility_data import row
from tests.app.progress_data import audit_events, fingerprint, report_of, world
from tests.app.test_progress_workflow import complete, scope_of

FAR = "1250"


def post(client, w, action: str, **fields: str):
    return client.post(w.url, data=w.form(**fields) | {"action": action})


def test_submit_without_an_explanation_is_refused_beside_the_field(
    client, db_session, make_user, login
):
    w = world(db_session)
    login(make_user("focal_point", "UNODC"))
    before = fingerprint(db_session)
    response = post(client, w, "submit", **{f"ind_{w.number.id}_value": FAR})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    cells = row(page, f"ind-{w.number.id}")
    assert "is far from the life target of 50" in cells
    assert str(EXPLAIN) in cells[cells.index(f"ind_{w.number.id}_explanation") :]
    assert 'value="1250"' in cells
    assert fingerprint(db_session) == before and report_of(db_session, w) is None


def test_submit_with_explanations_stores_and_audits_them(client, db_session, make_user, login):
    w = world(db_session)
    login(make_user("focal_point", "UNODC"))
    fields = {
        f"ind_{w.number.id}_value": FAR,
        f"ind_{w.number.id}_explanation": "  A national campaign trained every officer.  ",
        f"act_{w.activity.id}_status": "completed",
        f"act_{w.activity.id}_percent": "20",
        f"act_{w.activity.id}_explanation": "Done; the budget was smaller.",
    }
    partial = {k: v for k, v in fields.items() if k != f"act_{w.activity.id}_explanation"}
    refused = post(client, w, "submit", **partial)
    assert refused.status_code == 422
    assert str(EXPLAIN) in row(refused.get_data(as_text=True), f"act-{w.activity.id}")
    assert post(client, w, "submit", **fields).status_code == 302
    report = report_of(db_session, w)
    assert report.status == "submitted"
    value = next(v for v in report.values if v.indicator_id == w.number.id)
    assert value.explanation == "A national campaign trained every officer."
    assert report.activity_updates[0].explanation == "Done; the budget was smaller."
    after = audit_events(db_session, "submit")[-1].after
    assert after["P-1-NUM explanation"] == "A national campaign trained every officer."
    assert after[f"Activity {w.activity.id} explanation"] == "Done; the budget was smaller."


def test_a_save_without_the_field_keeps_the_explanation(db_session, make_user):
    w = world(db_session)
    focal = make_user("focal_point", "UNODC")
    entry.save_draft(db_session, focal, scope_of(db_session, w), complete(w, FAR, "Campaign"), 0)
    # The workbook gives no explanation: the stored one stays, and the report can be submitted.
    entry.submit(db_session, focal, scope_of(db_session, w), complete(w, FAR), 1)
    report = report_of(db_session, w)
    value = next(v for v in report.values if v.indicator_id == w.number.id)
    assert report.status == "submitted" and value.explanation == "Campaign"


def test_the_service_refuses_an_unexplained_submission(db_session, make_user):
    w = world(db_session)
    focal = make_user("focal_point", "UNODC")
    with pytest.raises(UnexplainedWarnings) as refused:
        entry.submit(db_session, focal, scope_of(db_session, w), complete(w, FAR), 0)
    assert set(refused.value.fields) == {f"ind-{w.number.id}"}
    assert [x.code for x in refused.value.warnings[f"ind-{w.number.id}"]] == ["far_beyond_target"]
    assert report_of(db_session, w) is None


def test_a_plausible_report_needs_no_explanation(db_session, make_user):
    w = world(db_session)
    focal = make_user("focal_point", "UNODC")
    entry.submit(db_session, focal, scope_of(db_session, w), complete(w, "12"), 0)
    assert report_of(db_session, w).status == "submitted"
    assert Decimal(12) in [v.value for v in report_of(db_session, w).values]
