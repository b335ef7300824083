"""The review conversation is kept (issue 13, point 4): a reviewer's reason survives a workbook
upload, a new draft, a resubmission and an approval, on Home, the report page and the review
page, with who and when."""

from __future__ import annotations

import html

from app.progress import services as entry
from app.progress import workflow
from app.progress.review_thread import review_thread
from tests.app.progress_data import report_of, world
from tests.app.test_progress_sheet import COL, download, rows_by_code, upload
from tests.app.test_progress_workflow import complete, scope_of, submitted

REASON = "Please add sources."


def _page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return html.unescape(response.get_data(as_text=True))


def test_the_reason_survives_a_workbook_upload_resubmission_and_approval(
    client, db_session, make_user, login
) -> None:
    w = world(db_session)
    focal, reviewer, second = (
        make_user("focal_point", "UNODC"), make_user("reviewer"), make_user("reviewer")
    )  # fmt: skip
    report = submitted(db_session, w, focal)
    workflow.return_report(db_session, reviewer, report, report.version, REASON)
    db_session.commit()
    login(focal)
    wb = download(client)
    ws, rows = wb.active, rows_by_code(wb.active)
    ws.cell(row=rows["P-1-NUM"], column=COL["Value"]).value = 14
    assert upload(client, wb).status_code == 302
    assert report_of(db_session, w).status == "draft"  # answered, not yet resubmitted
    home = _page(client, "/")
    assert REASON in home
    page = _page(client, w.url)
    assert REASON in page and reviewer.email in page and "Returned by" in page
    report = report_of(db_session, w)
    resubmitted = client.post(w.url, data=w.form(report.version, action="submit"))
    assert resubmitted.status_code == 302
    report = report_of(db_session, w)
    workflow.approve(db_session, second, report, report.version, "Sources checked.")
    db_session.commit()
    page = _page(client, w.url)
    assert REASON in page and "Sources checked." in page and "Review conversation" in page
    assert page.index(REASON) < page.index("Sources checked.")
    assert "Returned by" not in page  # nothing left to answer once approved
    login(make_user("reviewer"))
    review = _page(client, f"/reports/{report.id}/review")
    assert REASON in review and "Sources checked." in review
    assert reviewer.email in review and second.email in review


def test_the_thread_lists_every_decision_with_who_and_when(db_session, make_user) -> None:
    w = world(db_session)
    focal, reviewer = make_user("focal_point", "UNODC"), make_user("reviewer")
    report = submitted(db_session, w, focal)
    workflow.return_report(db_session, reviewer, report, report.version, "First reason")
    report = report_of(db_session, w)
    entry.submit(db_session, focal, scope_of(db_session, w), complete(w), report.version)
    report = report_of(db_session, w)
    workflow.approve(db_session, reviewer, report, report.version)
    report = report_of(db_session, w)
    workflow.reopen(db_session, reviewer, report, report.version, "Figures to correct")
    thread = review_thread(db_session, report_of(db_session, w))
    assert [(n.action, n.comment) for n in thread] == [
        ("return", "First reason"), ("approve", ""), ("reopen", "Figures to correct"),
    ]  # fmt: skip
    assert all(n.who == reviewer.email and n.at is not None for n in thread)
    assert [n.at for n in thread] == sorted(n.at for n in thread)


def test_a_report_returned_without_audited_decisions_still_shows_its_reason(
    client, db_session, make_user, login
) -> None:
    import datetime as dt

    w = world(db_session)
    focal, reviewer = make_user("focal_point", "UNODC"), make_user("reviewer")
    report = submitted(db_session, w, focal)
    report.status, report.review_comment = "returned", REASON  # as loaded data carries it
    report.reviewed_by_id, report.reviewed_at = reviewer.id, dt.datetime(2019, 10, 12, 9, 0)
    db_session.commit()
    login(focal)
    page = _page(client, w.url)
    assert REASON in page and reviewer.email in page and "2019-10-12 09:00" in page
