"""Issue 14.1: the review page shows each figure's change from the last approved value and
every warning with the focal point's explanation; the history behind the outlier rule is read
in one bounded query."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import event

from app.progress import services as entry
from app.progress.queries import HISTORY_PERIODS, approved_history
from tests.app.plausibility_data import approved, row
from tests.app.progress_data import report_of, world
from tests.app.test_progress_workflow import complete, scope_of


def review_page(client, db_session, w, make_user, login, number: str, why: str | None) -> str:
    focal = make_user("focal_point", "UNODC")
    entry.submit(db_session, focal, scope_of(db_session, w), complete(w, number, why), 0)
    login(make_user("reviewer"))
    response = client.get(f"/reports/{report_of(db_session, w).id}/review")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_review_shows_the_change_from_the_last_approved_value(client, db_session, make_user, login):
    w = world(db_session)
    approved(db_session, w, "2019Q2", "24")
    page = review_page(client, db_session, w, make_user, login, "30", None)
    cells = row(page, f"review-ind-{w.number.id}")
    assert '<td class="num change"><bdi dir="ltr">+6</bdi></td>' in cells
    never = row(page, f"review-ind-{w.percent.id}")
    assert '<td class="num change">—</td>' in never  # never approved before
    assert 'class="warning' not in cells


def test_review_shows_each_warning_with_its_explanation(client, db_session, make_user, login):
    w = world(db_session)
    w.number.cumulation = "cumulative_sum"
    approved(db_session, w, "2019Q2", "24")
    page = review_page(client, db_session, w, make_user, login, "12", "Double counting fixed")
    cells = row(page, f"review-ind-{w.number.id}")
    assert "12 is below the last approved running total of 24" in cells
    assert "Explanation: <span" in cells and "Double counting fixed" in cells
    assert '<td class="num change"><bdi dir="ltr">-12</bdi></td>' in cells
    assert 'id="plausibility"' in page


def test_review_flags_a_stored_share_above_its_whole(client, db_session, make_user, login):
    w = world(db_session)
    page_before = review_page(client, db_session, w, make_user, login, "12", None)
    assert "above the denominator" not in page_before
    value = next(v for v in report_of(db_session, w).values if v.indicator_id == w.percent.id)
    value.numerator, value.denominator = Decimal(30), Decimal(20)  # loaded before the rule
    db_session.flush()
    page = client.get(f"/reports/{value.report_id}/review").get_data(as_text=True)
    cells = row(page, f"review-ind-{w.percent.id}")
    assert "The numerator 30 is above the denominator 20" in cells
    assert "No explanation given." in cells


def test_history_is_one_query_of_the_last_twelve_periods(db_session):
    w = world(db_session)
    keys = [f"{year}Q{q}" for year in (2015, 2016, 2017, 2018) for q in (1, 2, 3, 4)][:14]
    for n, key in enumerate(keys):
        approved(db_session, w, key, str(n))
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_rest) -> None:
        statements.append(statement)

    connection = db_session.connection()
    event.listen(connection, "before_cursor_execute", count)
    history = approved_history(db_session, w.project.id, [w.number.id, w.percent.id], "2019Q3")
    event.remove(connection, "before_cursor_execute", count)
    assert len(statements) == 1
    assert len(history[w.number.id]) == HISTORY_PERIODS
    assert history[w.number.id] == [Decimal(n) for n in range(2, 14)]
    assert w.percent.id not in history
