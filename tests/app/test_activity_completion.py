"""Activity completion comes from the latest approved report's update, and says which period."""

from __future__ import annotations

import re

from app.logframe.queries import reported_completion
from tests.app.results_data import add_report, results_world


def _cell(page: str, title: str) -> str:
    found = re.search(rf"<td>{title}</td>.*?<td class=\"num\">(.*?)</td>", page, re.S)
    assert found, title
    return found.group(1)


def test_the_latest_approved_update_counts(db_session, make_user):
    w, _ = results_world(db_session, make_user)
    found = reported_completion(db_session, w.project.id)
    assert found[w.activity.id].percent == 55 and found[w.activity.id].period_key == "2019Q3"
    assert found[w.activity.id].text == "55 % (2019Q3)"


def test_the_logframe_page_shows_the_reported_completion(client, login, make_user, db_session):
    w, _ = results_world(db_session, make_user)
    login(make_user("focal_point", "UNODC"))
    page = client.get(f"/projects/{w.project.id}/logframe").get_data(as_text=True)
    assert "55 % (2019Q3)" in _cell(page, "Run workshops")
    assert "90" not in _cell(page, "Run workshops")  # the submitted 2019Q4 is not yet approved


def test_the_project_page_shows_it_too(client, login, make_user, db_session):
    w, _ = results_world(db_session, make_user)
    login(make_user("viewer"))
    page = client.get(f"/projects/{w.project.id}").get_data(as_text=True)
    assert "55 % (2019Q3)" in _cell(page, "Run workshops")


def test_without_an_approved_update_the_activity_own_figure_stands(
    client, login, make_user, db_session
):
    from tests.app.progress_data import world

    w = world(db_session, code="P-9")
    w.activity.percent_complete = 30
    add_report(db_session, w, "2019Q3", "submitted", "", done=80)
    db_session.commit()
    assert reported_completion(db_session, w.project.id) == {}
    login(make_user("focal_point", "UNODC"))
    page = client.get(f"/projects/{w.project.id}/logframe").get_data(as_text=True)
    assert "30 %" in _cell(page, "Run workshops") and "80" not in _cell(page, "Run workshops")
