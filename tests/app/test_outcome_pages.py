"""The outcome values pages: an admin enters them grouped by pillar and outcome, errors stand
beside the field, someone who did not enter them approves or returns them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.app.outcome_data import outcomes, report_of
from tests.conftest import sign_in


@pytest.fixture
def o(db_session):
    return outcomes(db_session)


def url(o, tail: str = "") -> str:
    return f"/outcomes/values/{o.period.key}{tail}"


def complete(o, version: int = 0, action: str = "submit") -> dict[str, str]:
    return {
        "version": str(version), "action": action,
        f"ind_{o.number.id}_value": "30",
        f"ind_{o.percent.id}_num": "3", f"ind_{o.percent.id}_den": "4",
        f"ind_{o.text.id}_text": "Strategy adopted",
    }  # fmt: skip


def test_the_entry_page_groups_the_indicators_with_their_context(client, make_user, login, o):
    login(make_user("admin"))
    page = client.get(url(o)).get_data(as_text=True)
    assert "Pillar II · OC-T1 — States prevent travel" in page
    for code in ("OC-T1-NUM", "OC-T1-PER", "OC-T1-QUA"):
        assert code in page
    assert f'name="ind_{o.number.id}_value"' in page and f'name="ind_{o.percent.id}_num"' in page
    assert "Save draft" in page and "Submit for review" in page
    assert ">20<" in page.replace(" ", "") and ">50<" in page.replace(" ", "")  # targets


def test_a_draft_is_saved_and_a_bad_number_is_shown_beside_its_field(
    client, db_session, make_user, login, o
):
    login(make_user("admin"))
    draft = {"version": "0", "action": "save", f"ind_{o.number.id}_value": "25"}
    assert client.post(url(o), data=draft).status_code == 302
    assert report_of(db_session, o).values[0].value == Decimal(25)
    bad = complete(o, 1) | {f"ind_{o.number.id}_value": "-3"}
    response = client.post(url(o), data=bad)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    row = page[page.index(f'id="ind-{o.number.id}"') :]
    assert 'class="error"' in row[: row.index("</tr>")]
    assert report_of(db_session, o).status == "draft"
    assert report_of(db_session, o).values[0].value == Decimal(25)


def test_a_share_above_its_whole_is_refused(client, db_session, make_user, login, o):
    login(make_user("admin"))
    bad = complete(o) | {f"ind_{o.percent.id}_num": "5"}
    response = client.post(url(o), data=bad)
    assert response.status_code == 422 and report_of(db_session, o) is None


def test_submit_marks_the_missing_values(client, db_session, make_user, login, o):
    login(make_user("admin"))
    partial = {"version": "0", "action": "submit", f"ind_{o.number.id}_value": "30"}
    response = client.post(url(o), data=partial)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "OC-T1-PER: enter numerator and denominator." in page
    assert report_of(db_session, o) is None


def test_someone_else_approves_and_the_entering_admin_is_told_why_not(
    client, db_session, make_user, o
):
    admin, other = make_user("admin"), make_user("admin")
    sign_in(client, admin)
    assert client.post(url(o), data=complete(o)).status_code == 302
    page = client.get(url(o, "/review")).get_data(as_text=True)
    assert "someone else must review them" in page and "Approve</button>" not in page
    version = str(report_of(db_session, o).version)
    refused = client.post(url(o, "/approve"), data={"version": version, "comment": ""})
    assert refused.status_code == 403 and report_of(db_session, o).status == "submitted"
    client.post("/logout")
    sign_in(client, other)
    page = client.get(url(o, "/review")).get_data(as_text=True)
    assert "Approve</button>" in page and "OC-T1-NUM" in page
    done = client.post(url(o, "/approve"), data={"version": version, "comment": ""})
    assert done.status_code == 302 and report_of(db_session, o).status == "approved"


def test_return_needs_a_comment_beside_the_field(client, db_session, make_user, login, o):
    sign_in(client, make_user("admin"))
    client.post(url(o), data=complete(o))
    client.post("/logout")
    login(make_user("reviewer"))
    version = str(report_of(db_session, o).version)
    response = client.post(url(o, "/return"), data={"version": version, "comment": " "})
    assert response.status_code == 422 and "comment is required" in response.get_data(as_text=True)
    assert report_of(db_session, o).status == "submitted"
    back = client.post(url(o, "/return"), data={"version": version, "comment": "Source?"})
    assert back.status_code == 302 and report_of(db_session, o).status == "returned"


def test_the_outcomes_page_and_the_home_page_link_to_the_values(client, make_user, login, o):
    login(make_user("admin"))
    assert "/outcomes/values" in client.get("/outcomes").get_data(as_text=True)
    assert "/outcomes/values" in client.get("/").get_data(as_text=True)
    listing = client.get("/outcomes/values").get_data(as_text=True)
    assert url(o) in listing


def test_an_unknown_period_is_404(client, make_user, login, o):
    login(make_user("admin"))
    assert client.get("/outcomes/values/2030Q1").status_code == 404
    assert client.get("/outcomes/values/x%00y/review").status_code in (400, 404)  # never a 500
    assert client.get("/outcomes/values/" + "9" * 300).status_code == 404


def test_approved_outcome_values_are_reopened_with_a_reason(
    client, db_session, make_user, login, o
):
    """Approved outcome values could not be reopened: a mistake stayed in every figure."""
    sign_in(client, make_user("admin"))
    client.post(url(o), data=complete(o))
    client.post("/logout")
    login(make_user("reviewer"))
    version = str(report_of(db_session, o).version)
    assert client.post(url(o, "/approve"), data={"version": version}).status_code == 302
    page = client.get(url(o, "/review")).get_data(as_text=True)
    assert "Reopen</button>" in page
    version = str(report_of(db_session, o).version)
    refused = client.post(url(o, "/reopen"), data={"version": version, "comment": ""})
    assert refused.status_code == 422 and "reason is required" in refused.get_data(as_text=True)
    assert report_of(db_session, o).status == "approved"
    done = client.post(url(o, "/reopen"), data={"version": version, "comment": "Wrong count"})
    assert done.status_code == 302 and report_of(db_session, o).status == "returned"
