"""The progress workbook in the focal point's language: sheets, headings, statuses and yes/no are
translated; an upload reads a workbook written in any of the six languages."""

from __future__ import annotations

import openpyxl
import pytest
from flask_babel import force_locale

from app.progress import workbook_labels as labels
from app.progress.workbook import HEADER, IDENTIFIERS
from app.progress.workbook_sheets import ACTIVITY_HEADER
from tests.app.progress_data import fingerprint, report_of, world
from tests.app.test_progress_sheet import COL, download, rows_by_code, upload
from tests.app.test_workbook_sheets import _activity_row


def _speaking(db_session, make_user, login, language: str):
    user = make_user("focal_point", "UNODC")
    user.language = language
    db_session.flush()
    login(user)
    return user


def _translated(app, language: str, names: tuple[str, ...]) -> list[str]:
    with app.test_request_context(), force_locale(language):
        return [labels.column_label(n) for n in names]


@pytest.mark.parametrize("language", ["fr", "ar", "zh", "ru", "es"])
def test_the_download_speaks_the_readers_language(
    app, client, db_session, make_user, login, language: str
) -> None:
    world(db_session)
    _speaking(db_session, make_user, login, language)
    wb = download(client)
    with app.test_request_context(), force_locale(language):
        titles = [labels.sheet_title(n) for n in labels.SHEETS]
        submitted_word = labels.shown_status("not started")
    assert wb.sheetnames == titles and titles[0] != "Progress"
    headings = [c.value for c in wb.active[1]]
    assert headings == _translated(app, language, HEADER)
    assert headings[: len(IDENTIFIERS)] == list(IDENTIFIERS)  # codes stay codes
    assert headings[HEADER.index("Value")] != "Value"
    row = rows_by_code(wb.active)["P-1-NUM"]
    assert wb.active.cell(row, COL["Report status"]).value == submitted_word
    assert [c.value for c in wb[titles[1]][1]] == _translated(app, language, ACTIVITY_HEADER)


def test_a_french_workbook_round_trips_and_reads_french_words(
    app, client, db_session, make_user, login
) -> None:
    w = world(db_session)
    _speaking(db_session, make_user, login, "fr")
    wb = download(client)
    before = fingerprint(db_session)
    response = upload(client, wb, confirm=False)  # unchanged: nothing to save
    assert response.status_code == 302, response.get_data(True)[-800:]
    assert fingerprint(db_session) == before
    ws = wb.active
    ws.cell(rows_by_code(ws)["P-1-NUM"], COL["Value"]).value = 7
    acts = wb[wb.sheetnames[1]]
    row = _activity_row(acts, w.activity.id)
    acts.cell(row, 9).value, acts.cell(row, 10).value = "En cours", 40
    preview = client.post(
        "/entities/UNODC/reports/upload", data=_file(wb), content_type="multipart/form-data"
    )
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200, page[-800:]
    assert "Valeur" in page and "En cours" in page  # the preview names cells in French
    assert upload(client, wb).status_code == 302
    report = report_of(db_session, w)
    assert [(u.status, u.percent_complete) for u in report.activity_updates] == [("ongoing", 40)]
    assert {v.indicator.code: v.value for v in report.values}["P-1-NUM"] == 7


def test_a_workbook_in_another_language_is_read_and_errors_use_the_readers_words(
    app, client, db_session, make_user, login
) -> None:
    w = world(db_session)
    user = _speaking(db_session, make_user, login, "zh")
    wb = download(client)  # written in Chinese
    user.language = "fr"  # read back by a French reader
    db_session.flush()
    acts = wb[wb.sheetnames[1]]
    acts.cell(_activity_row(acts, w.activity.id), 9).value = "fini"
    response = upload(client, wb, confirm=False)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    with app.test_request_context(), force_locale("fr"):
        sheet, column = labels.sheet_title("Activities"), labels.column_label("Status")
        planned = labels.activity_word("planned")
    assert f"{sheet}, " in page and column in page and planned in page


def test_yes_and_no_are_read_in_every_language(app) -> None:
    with app.test_request_context():
        for language in ("en", "fr", "ar", "zh", "ru", "es"):
            with force_locale(language):
                yes, no = labels.flag_word(True), labels.flag_word(False)
            assert (labels.read_flag(yes), labels.read_flag(no)) == (True, False), language
        assert labels.read_flag("TRUE") is True and labels.read_flag("peut-être") is None


def _file(wb: openpyxl.Workbook) -> dict[str, object]:
    import io

    buffer = io.BytesIO()
    wb.save(buffer)
    return {"workbook": (io.BytesIO(buffer.getvalue()), "filled.xlsx")}


def test_the_instructions_name_the_columns_as_the_sheets_head_them(
    app, client, db_session, make_user, login
) -> None:
    world(db_session)
    _speaking(db_session, make_user, login, "fr")
    wb = download(client)
    guide = " ".join(str(r[0]) for r in wb[wb.sheetnames[-1]].iter_rows(values_only=True) if r[0])
    with app.test_request_context(), force_locale("fr"):
        named = [labels.column_label(n) for n in ("Value", "Numerator", "Parts incomplete")]
        named += [labels.sheet_title("Activities"), labels.flag_word(True)]
    assert all(word in guide for word in named), named
    assert "Parts incomplete" not in guide and "(Value)" not in guide
