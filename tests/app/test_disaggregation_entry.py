"""Disaggregated values on the report page: parts beside the total, errors beside the field."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.app.progress_data import audit_events, fingerprint, report_of, world


@pytest.fixture
def w(db_session):
    found = world(db_session)
    found.number.disaggregation = "sex"
    db_session.flush()
    return found


def _parts(w, **given: str) -> dict[str, str]:
    return {f"ind_{w.number.id}_part_{k}": v for k, v in given.items()}


def test_indicator_values_have_a_disaggregation(client, db_session, make_user, login, w):
    """Measured defect: "Indicator values have no disaggregation"."""
    login(make_user("focal_point", "UNODC"))
    page = client.get(w.url).get_data(as_text=True)
    assert f'name="ind_{w.number.id}_part_women"' in page
    assert f'name="ind_{w.number.id}_part_not_recorded"' in page
    assert "By sex" in page
    data = w.form(**_parts(w, women="5", men="7")) | {"action": "save"}
    assert client.post(w.url, data=data).status_code == 302
    row = next(v for v in report_of(db_session, w).values if v.indicator_id == w.number.id)
    assert {p.category: p.value for p in row.parts} == {"women": Decimal(5), "men": Decimal(7)}


def test_the_total_is_computed_from_the_parts_when_left_blank(
    client, db_session, make_user, login, w
):
    login(make_user("focal_point", "UNODC"))
    data = w.form(
        **{f"ind_{w.number.id}_value": ""}, **_parts(w, women="4", men="6", not_recorded="1")
    )
    assert client.post(w.url, data=data | {"action": "save"}).status_code == 302
    row = next(v for v in report_of(db_session, w).values if v.indicator_id == w.number.id)
    assert row.value == Decimal(11)


def test_parts_that_do_not_add_up_are_refused_beside_the_total(
    client, db_session, make_user, login, w
):
    login(make_user("focal_point", "UNODC"))
    before = fingerprint(db_session)
    data = w.form(**_parts(w, women="4", men="6")) | {"action": "save"}
    response = client.post(w.url, data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "The parts add up to 10, not the total 12" in page
    assert fingerprint(db_session) == before


def test_incomplete_parts_may_fall_short_of_the_total(client, db_session, make_user, login, w):
    login(make_user("focal_point", "UNODC"))
    incomplete = {f"ind_{w.number.id}_incomplete": "y"}
    data = w.form(**_parts(w, women="4", men="6")) | incomplete | {"action": "save"}
    assert client.post(w.url, data=data).status_code == 302
    row = next(v for v in report_of(db_session, w).values if v.indicator_id == w.number.id)
    assert row.parts_incomplete and row.value == Decimal(12)
    page = client.get(w.url).get_data(as_text=True)
    assert re.search(rf'name="ind_{w.number.id}_part_women"[^>]*value="4(\.0*)?"', page)
    assert re.search(rf'checked[^>]*name="ind_{w.number.id}_incomplete"', page)


def test_a_negative_part_gets_a_message_beside_it(client, db_session, make_user, login, w):
    login(make_user("focal_point", "UNODC"))
    data = w.form(**_parts(w, women="-4", men="6")) | {"action": "save"}
    response = client.post(w.url, data=data)
    assert response.status_code == 422
    assert "cannot be negative" in response.get_data(as_text=True)


def test_the_parts_are_in_the_audit_trail(client, db_session, make_user, login, w):
    login(make_user("focal_point", "UNODC"))
    data = w.form(**_parts(w, women="5", men="7")) | {"action": "save"}
    assert client.post(w.url, data=data).status_code == 302
    event = audit_events(db_session)[-1]
    assert event.after[f"{w.number.code} women"] == "5"
    assert event.after[f"{w.number.code} men"] == "7"


def test_the_review_page_shows_the_parts(client, db_session, make_user, login, w):
    """The reviewer sees what the total is made of, beside it."""
    focal = make_user("focal_point", "UNODC")
    login(focal)
    data = w.form(**_parts(w, women="500", men="750")) | {"action": "save"}
    data[f"ind_{w.number.id}_value"] = "1250"
    assert client.post(w.url, data=data).status_code == 302
    report = report_of(db_session, w)
    login(make_user("reviewer"))
    page = client.get(f"/reports/{report.id}/review").get_data(as_text=True)
    assert "Women 500 · Men 750" in page
