"""Issue 14.1: an unlikely figure is saved, and the report page warns beside it (as a warning,
not an error): a value far beyond the life target, a falling running total, an activity whose
status and % complete disagree. A share above its whole stays refused, as an error."""

from __future__ import annotations

from decimal import Decimal

from indicators.shares import PART_ABOVE_WHOLE
from tests.app.plausibility_data import approved, row, second_activity
from tests.app.progress_data import report_of, world


def save(client, w, **fields: str):
    response = client.post(w.url, data=w.form(**fields) | {"action": "save"})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client.get(w.url).get_data(as_text=True)


def test_a_value_far_beyond_the_life_target_is_saved_and_warned(
    client, db_session, make_user, login
):
    w = world(db_session)
    w.number.life_target = Decimal(120)
    login(make_user("focal_point", "UNODC"))
    page = save(client, w, **{f"ind_{w.number.id}_value": "1250"})
    assert report_of(db_session, w).values[0].value == Decimal(1250)
    cells = row(page, f"ind-{w.number.id}")
    assert 'class="warning"' in cells and "1,250 is far from the life target of 120" in cells
    assert 'class="error"' not in cells and "Explanation (required to submit)" in cells
    assert 'id="plausibility"' in page
    assert 'class="warning"' not in row(page, f"ind-{w.percent.id}")


def test_a_running_total_that_falls_is_warned(client, db_session, make_user, login):
    w = world(db_session)
    w.number.cumulation = "cumulative_sum"
    approved(db_session, w, "2019Q2", "24")
    login(make_user("focal_point", "UNODC"))
    page = save(client, w, **{f"ind_{w.number.id}_value": "12"})
    cells = row(page, f"ind-{w.number.id}")
    assert "12 is below the last approved running total of 24" in cells
    again = save(client, w, version="1", **{f"ind_{w.number.id}_value": "30"})
    assert "running total" not in row(again, f"ind-{w.number.id}")


def test_activity_status_against_percent_is_warned(client, db_session, make_user, login):
    w = world(db_session)
    planned = second_activity(db_session, w)
    login(make_user("focal_point", "UNODC"))
    page = save(
        client, w,
        **{f"act_{w.activity.id}_status": "completed", f"act_{w.activity.id}_percent": "20",
           f"act_{planned.id}_status": "planned", f"act_{planned.id}_percent": "90"},
    )  # fmt: skip
    assert "Marked completed at 20 % complete" in row(page, f"act-{w.activity.id}")
    assert "Marked planned at 90 % complete" in row(page, f"act-{planned.id}")
    assert 'class="error"' not in row(page, f"act-{planned.id}")


def test_an_outlier_against_the_approved_history_is_warned(client, db_session, make_user, login):
    w = world(db_session)
    w.number.life_target = None
    history = {"2018Q3": "10", "2018Q4": "11", "2019Q1": "9", "2019Q2": "12"}
    for key, value in history.items():
        approved(db_session, w, key, value)
    login(make_user("focal_point", "UNODC"))
    page = save(client, w, **{f"ind_{w.number.id}_value": "500"})
    assert "approved history (median 10.5 over 4 periods)" in row(page, f"ind-{w.number.id}")
    calm = save(client, w, version="1", **{f"ind_{w.number.id}_value": "13"})
    assert "approved history" not in row(calm, f"ind-{w.number.id}")


def test_a_share_above_its_whole_stays_refused(client, db_session, make_user, login):
    w = world(db_session)
    login(make_user("focal_point", "UNODC"))
    data = w.form(**{f"ind_{w.percent.id}_num": "30", f"ind_{w.percent.id}_den": "20"})
    response = client.post(w.url, data=data | {"action": "save"})
    assert response.status_code == 422
    assert PART_ABOVE_WHOLE in row(response.get_data(as_text=True), f"ind-{w.percent.id}")
    assert report_of(db_session, w) is None
