"""F15: a share indicator refuses a numerator above its denominator, on the form and in the
workbook, with a message next to the field and nothing written."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.errors import ValidationFailed
from app.progress import services as entry
from indicators.shares import PART_ABOVE_WHOLE
from tests.app.progress_data import fingerprint, report_of, world
from tests.app.test_progress_sheet import COL, download, rows_by_code, upload
from tests.app.test_progress_workflow import scope_of


def test_form_shows_the_message_next_to_the_numerator(client, db_session, make_user, login):
    w = world(db_session)
    login(make_user("focal_point", "UNODC"))
    before = fingerprint(db_session)
    data = w.form() | {
        f"ind_{w.percent.id}_num": "4900",
        f"ind_{w.percent.id}_den": "49",
        "action": "save",
    }
    response = client.post(w.url, data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    row = page[page.index(f'id="ind-{w.percent.id}"') :]
    row = row[: row.index("</tr>")]
    assert PART_ABOVE_WHOLE in row and 'value="4900"' in row
    assert fingerprint(db_session) == before and report_of(db_session, w) is None


def test_service_refuses_a_part_above_its_whole(db_session, make_user):
    w = world(db_session)
    focal = make_user("focal_point", "UNODC")
    data = entry.ReportInput(
        indicators={w.percent.id: entry.IndicatorInput(numerator=Decimal(4900), denominator=49)}
    )
    with pytest.raises(ValidationFailed) as raised:
        entry.save_draft(db_session, focal, scope_of(db_session, w), data, 0)
    assert raised.value.problems == [f"{w.percent.code}: {PART_ABOVE_WHOLE}"]
    assert report_of(db_session, w) is None


def test_workbook_names_the_row_and_the_numerator(client, db_session, make_user, login):
    w = world(db_session)
    login(make_user("focal_point", "UNODC"))
    wb = download(client)
    ws, rows = wb.active, rows_by_code(wb.active)
    ws.cell(row=rows["P-1-PER"], column=COL["Numerator"]).value = 4900
    ws.cell(row=rows["P-1-PER"], column=COL["Denominator"]).value = 49
    before = fingerprint(db_session)
    response = upload(client, wb)
    assert response.status_code == 422
    expected = f"row {rows['P-1-PER']}: Numerator: {PART_ABOVE_WHOLE}"
    assert expected in response.get_data(as_text=True)
    assert fingerprint(db_session) == before and report_of(db_session, w) is None
