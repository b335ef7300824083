"""The workbook focal points live in (issue 14, point 8): every due report, visible identifiers,
activities, narratives and instructions sheets, data validation, a preview before saving, and a
re-upload that is no change."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
from sqlalchemy import select

from app.models.reference import Entity
from app.progress import due
from app.progress import services as entry
from app.progress.workbook import EXTRA
from tests.app.progress_data import audit_events, fingerprint, report_of, world
from tests.app.test_progress_sheet import COL, download, rows_by_code, token, upload
from tests.app.test_progress_workflow import complete, scope_of
from tests.app.test_round_trips import demo, fetched, signed_in

__all__ = ["demo"]


def _bytes(wb: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _post(client, data: bytes):
    files = {"workbook": (io.BytesIO(data), "filled.xlsx")}
    return client.post("/entities/UNODC/reports/upload", data=files)


def _activity_row(ws, activity_id: int) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 3).value == activity_id)


def test_the_workbook_holds_every_due_report_on_its_sheets(client, db_session, demo) -> None:
    """Measured: columns A-D hidden; values only; 4 rows from 2 of the reports due."""
    signed_in(client, "unodc@demo.example")
    wb = openpyxl.load_workbook(io.BytesIO(fetched(client, "/entities/UNODC/reports.xlsx")))
    assert wb.sheetnames == ["Progress", "Activities", "Narratives", "Instructions"]
    values, narratives = wb["Progress"], wb["Narratives"]
    assert not any(values.column_dimensions[c].hidden for c in "ABCDE")
    assert [c.value for c in values[1]][:3] == ["project_code", "period", "indicator_code"]
    unodc = db_session.scalar(select(Entity.id).where(Entity.acronym == "UNODC"))
    wanted = {
        (r.project_code, r.period_key)
        for r in due.due_for_entity(db_session, unodc, dt.date.today())
    }
    listed = {(r[0], r[1]) for r in narratives.iter_rows(min_row=2, values_only=True) if r[0]}
    assert len(wanted) > 2 and listed == wanted
    assert wb["Activities"].max_row > 2
    guide = " ".join(str(r[0]) for r in wb["Instructions"].iter_rows(values_only=True) if r[0])
    assert "What to fill" in guide and "What not to touch" in guide and "upload" in guide
    assert all(ws.protection.sheet for ws in wb)


def test_a_submitted_report_is_listed_locked_and_uploads_as_no_change(
    client, db_session, make_user, login
) -> None:
    w = world(db_session)
    focal = make_user("focal_point", "UNODC")
    data = complete(w)
    data.narrative = "=SUM(1) on course"  # written with an apostrophe, read back without
    entry.submit(db_session, focal, scope_of(db_session, w), data, 0)
    db_session.commit()
    login(focal)
    wb = download(client)
    ws, rows = wb.active, rows_by_code(wb.active)
    assert ws.cell(rows["P-1-NUM"], COL["Value"]).value == 12  # not left out for its status
    assert wb["Narratives"].cell(2, 6).value == "'=SUM(1) on course"
    assert ws.cell(rows["P-1-NUM"], COL["Value"]).protection.locked is True
    assert ws.cell(rows["P-1-NUM"], COL["Report status"]).value == "submitted"
    before = fingerprint(db_session)
    response = _post(client, _bytes(wb))
    assert response.status_code == 302, response.get_data(True)[-1200:]
    assert fingerprint(db_session) == before


def test_activities_and_narratives_round_trip(client, db_session, make_user, login) -> None:
    w = world(db_session)
    login(make_user("focal_point", "UNODC"))
    wb = download(client)
    acts, row = wb["Activities"], _activity_row(wb["Activities"], w.activity.id)
    acts.cell(row, 9).value, acts.cell(row, 10).value = "completed", 100
    wb["Narratives"].cell(2, 6).value = "Trained 40 officers."
    assert upload(client, wb).status_code == 302
    report = report_of(db_session, w)
    assert [(u.status, u.percent_complete) for u in report.activity_updates] == [("completed", 100)]
    assert report.narrative == "Trained 40 officers."
    assert report.status == "draft"


def test_input_cells_carry_data_validation(client, db_session, make_user, login) -> None:
    w = world(db_session)
    login(make_user("focal_point", "UNODC"))
    wb = download(client)
    ws, rows = wb.active, rows_by_code(wb.active)

    def rule(sheet, coordinate: str):
        found = [v for v in sheet.data_validations.dataValidation if coordinate in v.sqref]
        assert len(found) == 1, coordinate
        assert found[0].showErrorMessage and found[0].error
        return found[0]

    value = ws.cell(rows["P-1-NUM"], COL["Value"]).coordinate
    assert (rule(ws, value).type, rule(ws, value).formula1) == ("decimal", "0")
    share = rule(ws, ws.cell(rows["P-1-PER"], COL["Numerator"]).coordinate)
    assert share.type == "custom" and "<=" in share.formula1
    acts, row = wb["Activities"], _activity_row(wb["Activities"], w.activity.id)
    status = rule(acts, f"I{row}")
    assert status.type == "list" and "Completed" in status.formula1
    percent = rule(acts, f"J{row}")
    assert (percent.type, percent.formula1, percent.formula2) == ("whole", "0", "100")


def test_bad_cells_are_named_by_sheet_row_and_column(client, db_session, make_user, login) -> None:
    w = world(db_session)
    login(make_user("focal_point", "UNODC"))
    wb = download(client)
    acts, row = wb["Activities"], _activity_row(wb["Activities"], w.activity.id)
    acts.cell(row, 9).value, acts.cell(row, 10).value = "finished", 150
    wb.active.cell(rows_by_code(wb.active)["P-1-NUM"], COL["Value"]).value = 3  # a good cell
    before = fingerprint(db_session)
    response = upload(client, wb)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f"Activities, row {row}: Status: choose one of Planned" in page
    assert f"Activities, row {row}: Percent complete: enter a whole number from 0 to 100" in page
    assert fingerprint(db_session) == before


def test_an_upload_is_previewed_and_saved_only_on_confirmation(
    client, db_session, make_user, login
) -> None:
    w = world(db_session)
    login(make_user("focal_point", "UNODC"))
    wb = download(client)
    ws, rows = wb.active, rows_by_code(wb.active)
    ws.cell(rows["P-1-NUM"], COL["Value"]).value = 7
    before = fingerprint(db_session)
    preview = upload(client, wb, confirm=False)
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "P-1 2019Q3" in page
    assert (
        f"<td>Progress, row {rows['P-1-NUM']}</td>" in page and "<td>(empty)</td><td>7</td>" in page
    )
    assert fingerprint(db_session) == before and report_of(db_session, w) is None
    sent = {"token": token(preview)}
    assert client.post("/entities/UNODC/reports/upload/confirm", data=sent).status_code == 302
    assert report_of(db_session, w).values[0].value == 7
    after = fingerprint(db_session)
    again = client.post("/entities/UNODC/reports/upload/confirm", data=sent, follow_redirects=True)
    assert "expired or was already used" in again.get_data(as_text=True)
    assert fingerprint(db_session) == after


def test_uploading_the_same_file_again_is_no_change(client, db_session, make_user, login) -> None:
    """Measured: the second upload failed with 'changed since the download' (its own upload)."""
    w = world(db_session)
    login(make_user("focal_point", "UNODC"))
    wb = download(client)
    ws, rows = wb.active, rows_by_code(wb.active)
    ws.cell(rows["P-1-NUM"], COL["Value"]).value = 9
    data = _bytes(wb)
    first = _post(client, data)
    if first.status_code == 200:  # the preview: save what it shows
        client.post("/entities/UNODC/reports/upload/confirm", data={"token": token(first)})
    assert report_of(db_session, w).version == 1
    before, events = fingerprint(db_session), len(audit_events(db_session))
    second = client.post(
        "/entities/UNODC/reports/upload",
        data={"workbook": (io.BytesIO(data), "filled.xlsx")},
        follow_redirects=True,
    )
    assert "no report changed" in second.get_data(as_text=True)
    assert fingerprint(db_session) == before and len(audit_events(db_session)) == events


def test_a_web_change_since_the_download_is_named_and_kept(
    client, db_session, make_user, login
) -> None:
    w = world(db_session)
    focal = make_user("focal_point", "UNODC")
    entry.save_draft(db_session, focal, scope_of(db_session, w), complete(w), 0)
    db_session.commit()
    login(focal)
    wb = download(client)  # sees version 1, number 12
    web = entry.ReportInput(indicators={w.number.id: entry.IndicatorInput(value=Decimal(20))})
    entry.save_draft(db_session, focal, scope_of(db_session, w), web, 1)
    db_session.commit()
    ws, rows = wb.active, rows_by_code(wb.active)
    ws.cell(rows["P-1-NUM"], COL["Value"]).value = 30
    ws.cell(rows["P-1-QUA"], COL["Text (qualitative)"]).value = "Law adopted"
    preview = upload(client, wb, confirm=False)
    page = preview.get_data(as_text=True)
    assert "Changed on the web since your download" in page
    conflict = page[page.index("Changed on the web") : page.index("</table>")]
    assert "P-1-NUM" in conflict and "<td>20</td><td>30</td>" in conflict
    assert "Law adopted" in page[page.index("</table>") :]
    sent = {"token": token(preview)}
    assert client.post("/entities/UNODC/reports/upload/confirm", data=sent).status_code == 302
    values = {v.indicator_id: v for v in report_of(db_session, w).values}
    assert values[w.number.id].value == 20 and values[w.text.id].text == "Law adopted"


def test_a_change_between_preview_and_confirm_shows_a_new_preview(
    client, db_session, make_user, login
) -> None:
    w = world(db_session)
    focal = make_user("focal_point", "UNODC")
    login(focal)
    wb = download(client)
    wb.active.cell(rows_by_code(wb.active)["P-1-NUM"], COL["Value"]).value = 5
    preview = upload(client, wb, confirm=False)
    web = entry.ReportInput(indicators={w.number.id: entry.IndicatorInput(value=Decimal(8))})
    entry.save_draft(db_session, focal, scope_of(db_session, w), web, 0)
    db_session.commit()
    before = fingerprint(db_session)
    sent = {"token": token(preview)}
    page = client.post("/entities/UNODC/reports/upload/confirm", data=sent).get_data(True)
    assert "changed since your preview; nothing was saved" in page
    assert fingerprint(db_session) == before


def test_download_and_upload_statements_do_not_grow_with_the_reports(
    client, db_session, make_user, login, engine
) -> None:
    from sqlalchemy import event

    found: list[str] = []

    def collect(*args) -> None:
        found.append(args[2])

    def counts() -> tuple[int, int]:
        client.get("/entities/UNODC/reports.xlsx")  # warm-up
        found.clear()
        wb = download(client)
        loaded = len(found)
        for row in range(2, wb["Narratives"].max_row + 1):
            wb["Narratives"].cell(row, 6).value = f"Narrative {row}"
        found.clear()
        assert upload(client, wb, confirm=False).status_code == 200
        return loaded, len(found)

    world(db_session)
    world(db_session, "UNODC", "P-2")
    login(make_user("focal_point", "UNODC"))
    db_session.commit()
    event.listen(engine, "before_cursor_execute", collect)
    try:
        small = counts()
        for k in range(3, 9):
            world(db_session, "UNODC", f"P-{k}")
        db_session.commit()
        large = counts()
    finally:
        event.remove(engine, "before_cursor_execute", collect)
    assert small == large


def test_a_workbook_of_the_older_layout_is_still_read(client, db_session, make_user, login) -> None:
    w = world(db_session)
    login(make_user("focal_point", "UNODC"))
    wb = download(client)
    ws, rows = wb.active, rows_by_code(wb.active)
    ws.cell(rows["P-1-NUM"], COL["Value"]).value = 6
    ws.delete_cols(COL["part"], len(EXTRA))  # the 16 columns of the values-only workbook
    for name in ("Activities", "Narratives", "Instructions"):
        del wb[name]
    assert upload(client, wb).status_code == 302
    assert report_of(db_session, w).values[0].value == 6


def test_a_workbook_before_the_parts_incomplete_column_is_still_read(
    client, db_session, make_user, login
) -> None:
    w = world(db_session)
    login(make_user("focal_point", "UNODC"))
    wb = download(client)
    ws, rows = wb.active, rows_by_code(wb.active)
    ws.cell(rows["P-1-NUM"], COL["Value"]).value = 8
    ws.delete_cols(COL["Parts incomplete"])  # the 18 columns of the workbook with part rows
    assert upload(client, wb).status_code == 302
    assert report_of(db_session, w).values[0].value == 8


def test_an_empty_percent_keeps_the_stored_percent(client, db_session, make_user, login) -> None:
    w = world(db_session)
    focal = make_user("focal_point", "UNODC")
    entry.save_draft(db_session, focal, scope_of(db_session, w), complete(w), 0)  # ongoing, 30
    db_session.commit()
    login(focal)
    wb = download(client)
    acts, row = wb["Activities"], _activity_row(wb["Activities"], w.activity.id)
    acts.cell(row, 9).value, acts.cell(row, 10).value = "delayed", None
    assert upload(client, wb).status_code == 302
    update = report_of(db_session, w).activity_updates[0]
    assert (update.status, update.percent_complete) == ("delayed", 30)


def test_two_quarters_of_one_indicator_are_told_apart(client, db_session, make_user, login) -> None:
    """Measured: with the period column hidden, two quarters of one indicator looked the same."""
    from tests.app.progress_data import period

    w = world(db_session)
    later = period(db_session, "2019Q4")
    login(make_user("focal_point", "UNODC"))
    wb = download(client)
    ws = wb.active
    found = {
        ws.cell(r, COL["period"]).value: r
        for r in range(2, ws.max_row + 1)
        if ws.cell(r, COL["indicator_code"]).value == "P-1-NUM"
    }
    assert set(found) == {"2019Q3", "2019Q4"} and not ws.column_dimensions["B"].hidden
    ws.cell(found["2019Q3"], COL["Value"]).value = 3
    ws.cell(found["2019Q4"], COL["Value"]).value = 4
    assert upload(client, wb).status_code == 302
    q3 = report_of(db_session, w)
    w.period = later
    q4 = report_of(db_session, w)
    assert (q3.values[0].value, q4.values[0].value) == (3, 4)
