"""A report the server cannot render (a font file missing) is a page that says why, not a 500."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reports import fonts
from tests.app import factories


def test_a_missing_font_file_is_a_503_page_naming_it(
    db_session, client, make_user, login, tmp_path: Path
) -> None:
    factories.project(db_session, "UNODC-1")
    login(make_user("admin"))
    before = fonts.configured()
    absent = tmp_path / "no-such-font.ttf"
    fonts.configure(replace(before, cjk=str(absent)))
    try:
        response = client.get("/reports/preview.pdf?period=2019Q3")
    finally:
        fonts.configure(before)
    assert response.status_code == 503
    assert "no-such-font.ttf" in response.text and "Traceback" not in response.text
    assert client.get("/reports/preview.pdf?period=2019Q3").status_code == 200
