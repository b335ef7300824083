"""The entity workbook: download, fill with openpyxl, upload; bad rows refused, nothing written."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal

import openpyxl

from app.progress import services as entry
from app.progress import workflow
from app.progress.workbook import HEADER
from tests.app.progress_data import audit_events, fingerprint, report_of, world
from tests.app.test_progress_workflow import complete

COL = {name: index + 1 for index, name in enumerate(HEADER)}


def download(client) -> openpyxl.Workbook:
    response = client.get("/entities/UNODC/reports.xlsx")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    return openpyxl.load_workbook(io.BytesIO(response.data))


def upload(client, wb: openpyxl.Workbook, confirm: bool = True):
    """Upload the workbook; when it shows a preview and `confirm`, save what it previews."""
    buffer = io.BytesIO()
    wb.save(buffer)
    data = {"workbook": (io.BytesIO(buffer.getvalue()), "filled.xlsx")}
    response = client.post("/entities/UNODC/reports/upload", data=data)
    if confirm and response.status_code == 200:
        return client.post(
            "/entities/UNODC/reports/upload/confirm", data={"token": token(response)}
        )
    return response


def token(response) -> str:
    """Return the token of the upload a preview page shows."""
    found = re.search(
        r'name="token" type="hidden" value="([A-Za-z0-9_-]{43})"', response.get_data(True)
    )
    assert found, response.get_data(True)[-1500:]
    return found[1]


def rows_by_code(ws) -> dict[str, int]:
    """Return the row of each indicator's total (part rows left out)."""
    rows = range(2, ws.max_row + 1)
    return {ws.cell(row=r, column=3).value: r for r in rows if not ws.cell(r, COL["part"]).value}


def test_download_is_protected_prefilled_and_has_no_formulas(client, db_session, make_user, login):
    w = world(db_session)
    w.project.title = '=HYPERLINK("http://evil")'
    db_session.flush()
    login(make_user("focal_point", "UNODC"))
    ws = download(client).active
    assert [c.value for c in ws[1]] == list(HEADER)
    assert ws.protection.sheet is True
    assert not any(ws.column_dimensions[c].hidden for c in "ABCD")  # period among them
    row = rows_by_code(ws)["P-1-NUM"]
    assert ws.cell(row=row, column=COL["Baseline"]).value == 2
    assert ws.cell(row=row, column=COL["Period target"]).value == 10
    assert ws.cell(row=row, column=COL["Value"]).protection.locked is False
    assert ws.cell(row=row, column=COL["Baseline"]).protection.locked is True
    assert ws.cell(row=row, column=COL["Project"]).value.startswith("'=")
    assert all(c.data_type != "f" for r in ws.iter_rows() for c in r)


def test_round_trip_saves_drafts_with_one_audit_event(client, db_session, make_user, login):
    w = world(db_session)
    login(make_user("focal_point", "UNODC"))
    wb = download(client)
    ws, rows = wb.active, rows_by_code(wb.active)
    ws.cell(row=rows["P-1-NUM"], column=COL["Value"]).value = 0
    ws.cell(row=rows["P-1-PER"], column=COL["Numerator"]).value = 1
    ws.cell(row=rows["P-1-PER"], column=COL["Denominator"]).value = 8
    ws.cell(row=rows["P-1-QUA"], column=COL["Text (qualitative)"]).value = "Bill tabled"
    response = upload(client, wb)
    assert response.status_code == 302, response.get_data(True)[-1500:]
    report = report_of(db_session, w)
    values = {v.indicator_id: v for v in report.values}
    assert report.status == "draft"
    assert values[w.number.id].value == 0 and values[w.percent.id].value == Decimal("12.5")
    assert values[w.text.id].text == "Bill tabled"
    assert [e.action for e in audit_events(db_session)] == ["save"]


def test_bad_rows_are_listed_and_nothing_is_written(client, db_session, make_user, login):
    w = world(db_session)
    world(db_session, "UNODC", "P-2")
    login(make_user("focal_point", "UNODC"))
    wb = download(client)
    ws, rows = wb.active, rows_by_code(wb.active)
    ws.cell(row=rows["P-2-NUM"], column=COL["Value"]).value = 5  # a good row
    ws.cell(row=rows["P-1-NUM"], column=COL["Value"]).value = "NaN"
    ws.cell(row=rows["P-1-PER"], column=COL["Numerator"]).value = "=1+1"
    ws.cell(row=rows["P-1-QUA"], column=COL["Text (qualitative)"]).value = "ok"
    ws.cell(row=rows["P-1-QUA"], column=COL["indicator_code"]).value = "UNKNOWN"
    before = fingerprint(db_session)
    response = upload(client, wb)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f"row {rows['P-1-NUM']}: Value: Enter a plain number" in page
    assert f"row {rows['P-1-PER']}: Numerator: formulas are not accepted" in page
    assert f"row {rows['P-1-QUA']}: indicator_code: &#39;UNKNOWN&#39; is not an indicator" in page
    assert fingerprint(db_session) == before
    assert report_of(db_session, w) is None


def test_rows_of_submitted_or_approved_reports_are_refused(client, db_session, make_user, login):
    w = world(db_session)
    focal = make_user("focal_point", "UNODC")
    login(focal)
    wb = download(client)  # downloaded while the report was not started
    scope = entry.load_scope(db_session, w.project, w.period)
    entry.submit(db_session, focal, scope, complete(w), 0)
    report = report_of(db_session, w)
    workflow.approve(db_session, make_user("reviewer"), report, report.version)
    ws, rows = wb.active, rows_by_code(wb.active)
    ws.cell(row=rows["P-1-NUM"], column=COL["Value"]).value = 99
    db_session.commit()  # as the earlier requests would have
    before = fingerprint(db_session)
    response = upload(client, wb)
    assert response.status_code == 422
    assert f"row {rows['P-1-NUM']}: report: P-1 2019Q3 is approved" in response.get_data(True)
    assert fingerprint(db_session) == before
    assert report_of(db_session, w).values[0].value == Decimal(12)


def test_non_xlsx_zip_bomb_and_other_entity_are_refused(client, db_session, make_user, login):
    world(db_session)
    login(make_user("focal_point", "UNODC"))
    data = {"workbook": (io.BytesIO(b"%PDF-1.4 not a workbook"), "x.xlsx")}
    response = client.post("/entities/UNODC/reports/upload", data=data)
    assert response.status_code == 422 and "not an .xlsx workbook" in response.get_data(True)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "x")
        archive.writestr("xl/workbook.xml", b"0" * (101 * 1024 * 1024))
    data = {"workbook": (io.BytesIO(bomb.getvalue()), "bomb.xlsx")}
    response = client.post("/entities/UNODC/reports/upload", data=data)
    assert "too large once unpacked" in response.get_data(True)
    assert client.get("/entities/UNOCT/reports.xlsx").status_code == 403
