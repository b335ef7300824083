"""Quarterly entry: saving drafts, submitting, field errors, hostile numbers, concurrent edits."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.app.progress_data import audit_events, fingerprint, report_of, world


@pytest.fixture
def w(db_session):
    return world(db_session)


def test_page_shows_indicators_with_baseline_and_targets(client, db_session, make_user, login, w):
    login(make_user("focal_point", "UNODC"))
    page = client.get(w.url).get_data(as_text=True)
    assert "P-1-NUM" in page and "P-1-PER" in page and "P-1-QUA" in page
    assert "Run workshops" in page
    assert "Save draft" in page and "Submit for review" in page
    assert (
        f'name="ind_{w.percent.id}_num"' in page and f'name="ind_{w.percent.id}_value"' not in page
    )


def test_partial_draft_is_saved_and_submit_requires_everything(
    client, db_session, make_user, login, w
):
    login(make_user("focal_point", "UNODC"))
    partial = {"version": "0", f"ind_{w.number.id}_value": "0", "action": "save"}
    assert client.post(w.url, data=partial).status_code == 302
    report = report_of(db_session, w)
    assert report.status == "draft" and report.values[0].value == Decimal(0)  # zero is valid
    response = client.post(w.url, data={"version": "1", "action": "submit"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "P-1-PER: enter numerator and denominator." in page
    assert "choose a status" in page
    assert report_of(db_session, w).status == "draft"


def test_submit_computes_percentage_from_numerator_and_denominator(
    client, db_session, make_user, login, w
):
    login(make_user("focal_point", "UNODC"))
    data = w.form(**{f"ind_{w.percent.id}_value": "99"}) | {"action": "submit"}
    assert client.post(w.url, data=data).status_code == 302
    report = report_of(db_session, w)
    percent = next(v for v in report.values if v.indicator_id == w.percent.id)
    assert report.status == "submitted"
    assert percent.value == Decimal("75") and percent.numerator == Decimal(3)
    assert report.activity_updates[0].percent_complete == 40


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("NaN", "plain number"),
        ("Infinity", "plain number"),
        ("1e999999", "plain number"),
        ("1" + "0" * 30, "too large"),
        ("-3", "cannot be negative"),
        ("1_000", "plain number"),
        ("12abc", "plain number"),
    ],
)
def test_hostile_numbers_get_a_message_next_to_the_field(
    client, db_session, make_user, login, w, typed, message
):
    login(make_user("focal_point", "UNODC"))
    before = fingerprint(db_session)
    data = w.form(**{f"ind_{w.number.id}_value": typed}) | {"action": "save"}
    response = client.post(w.url, data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page
    assert f'value="{typed}"' in page  # what the user typed is kept
    assert fingerprint(db_session) == before


def test_zero_denominator_is_refused(client, db_session, make_user, login, w):
    login(make_user("focal_point", "UNODC"))
    data = w.form(**{f"ind_{w.percent.id}_den": "0"}) | {"action": "save"}
    response = client.post(w.url, data=data)
    assert response.status_code == 422
    assert "The denominator must be more than 0." in response.get_data(as_text=True)
    assert report_of(db_session, w) is None


def test_posted_ids_of_another_project_and_status_are_ignored(
    client, db_session, make_user, login, w
):
    other = world(db_session, "UNOCT", "Q-9")
    login(make_user("focal_point", "UNODC"))
    data = w.form() | {
        f"ind_{other.number.id}_value": "777",
        "status": "approved",
        "submitted_by_id": "1",
        "action": "save",
    }
    assert client.post(w.url, data=data).status_code == 302
    assert report_of(db_session, other) is None
    report = report_of(db_session, w)
    assert report.status == "draft" and report.submitted_by_id is None
    assert {v.indicator_id for v in report.values} == {w.number.id, w.percent.id, w.text.id}


def test_concurrent_edit_is_refused_with_what_changed(client, db_session, make_user, login, w):
    first, second = make_user("focal_point", "UNODC"), make_user("focal_point", "UNODC")
    login(first)
    client.post(w.url, data=w.form(version=0) | {"action": "save"})
    login(second)
    stale = w.form(version=0, **{f"ind_{w.number.id}_value": "31"}) | {"action": "save"}
    assert client.post(w.url, data=stale).status_code == 409  # loaded before the first save
    login(first)
    client.post(w.url, data=w.form(version=1, **{f"ind_{w.number.id}_value": "20"}))
    login(second)
    response = client.post(w.url, data=stale | {"version": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert f"changed by {first.email}" in page
    assert "P-1-NUM value: 12 → <strong>20</strong>" in page
    assert 'value="31"' in page  # the second user's input is kept
    assert report_of(db_session, w).values[0].value == Decimal(20)
    assert len(audit_events(db_session)) == 2


def test_returned_report_goes_back_to_draft_when_edited(client, db_session, make_user, login, w):
    from app.progress import services as entry
    from app.progress import workflow

    focal, reviewer = make_user("focal_point", "UNODC"), make_user("reviewer")
    login(focal)
    client.post(w.url, data=w.form() | {"action": "submit"})
    report = report_of(db_session, w)
    workflow.return_report(db_session, reviewer, report, report.version, "Check the count")
    page = client.get(w.url).get_data(as_text=True)
    assert "Check the count" in page
    client.post(w.url, data=w.form(version=report.version) | {"action": "save"})
    assert report_of(db_session, w).status == "draft"
    assert entry.missing  # the service the view uses is public


def test_a_saved_figure_comes_back_as_typed_not_with_four_decimals(
    client, db_session, make_user, login, w
):
    """Seen in the browser: a saved 11 came back in its field as 11.0000."""
    login(make_user("focal_point", "UNODC"))
    saved = {"version": "0", f"ind_{w.number.id}_value": "11", "action": "save"}
    saved |= {f"ind_{w.percent.id}_num": "2.5", f"ind_{w.percent.id}_den": "100"}
    assert client.post(w.url, data=saved).status_code == 302
    db_session.expire_all()  # read back from the database, as the next request of a server does
    page = client.get(w.url).get_data(as_text=True)
    [field] = re.findall(rf'<input[^>]* name="ind_{w.number.id}_value"[^>]*>', page)
    assert 'value="11"' in field
    assert 'value="2.5"' in page and "11.0000" not in page and "100.0000" not in page
