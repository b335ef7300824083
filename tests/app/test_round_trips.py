"""Round trips change nothing (issue 13 point 2): every list a user can download and import again
(the project and need lists as CSV and XLSX, the comparison's project list, the progress
workbook) leaves the portfolio's fingerprint unchanged when imported as it was downloaded."""

from __future__ import annotations

import io

import openpyxl
import pytest
from sqlalchemy import select

from app.models.portfolio import CtedNeed, Project
from app.portfolio.imports import import_needs, import_projects
from app.portfolio.imports.projects import COLUMNS as PROJECT_COLUMNS
from tests.app.portfolio_fingerprint import portfolio_fingerprint

DEMO_PASSWORD = "demo-password-2019"
FORMULA_LIKE = ("-Minus sign first", "=1+1 looks like a formula", "@mention", "+plus")


@pytest.fixture
def demo(app, db_session):
    """The demo portfolio, with titles and descriptions that an export has to neutralise."""
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    chosen = db_session.scalars(select(Project).order_by(Project.code).limit(4)).all()
    for project, title in zip(chosen, FORMULA_LIKE, strict=True):
        project.title = title
    db_session.scalars(select(CtedNeed).order_by(CtedNeed.code)).first().description = "=cmd|x"
    db_session.commit()


def signed_in(client, email: str):
    response = client.post("/login", data={"email": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return client


def fetched(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    assert "attachment" in response.headers["Content-Disposition"]
    return response.data


PROJECT_LISTS = ["/projects.csv", "/projects.xlsx", "/compare/projects.csv?source=",
                 "/compare/projects.xlsx?source=", "/projects.csv?status=ongoing"]  # fmt: skip


@pytest.mark.parametrize("url", PROJECT_LISTS)
@pytest.mark.parametrize("who", ["admin@demo.example", "viewer@demo.example"])
def test_project_lists_import_unchanged(client, db_session, demo, url, who) -> None:
    data = fetched(signed_in(client, who), url)
    before = portfolio_fingerprint(db_session)
    result = import_projects(db_session, None, data)
    assert (result.created, result.updated) == ([], [])
    assert result.unchanged > 0
    assert portfolio_fingerprint(db_session) == before


@pytest.mark.parametrize("url", ["/needs.csv", "/needs.xlsx", "/needs.csv?pillar=II"])
@pytest.mark.parametrize("who", ["admin@demo.example", "viewer@demo.example"])
def test_need_lists_import_unchanged(client, db_session, demo, url, who) -> None:
    data = fetched(signed_in(client, who), url)
    before = portfolio_fingerprint(db_session)
    result = import_needs(db_session, None, data)
    assert (result.created, result.updated, result.unchanged > 0) == ([], [], True)
    assert portfolio_fingerprint(db_session) == before


def test_project_list_uses_the_import_columns_and_hides_confidential_links(
    client, db_session, demo
) -> None:
    admin = fetched(signed_in(client, "admin@demo.example"), "/projects.csv")
    header = admin.decode("utf-8-sig").splitlines()[0].split(",")
    assert header == list(PROJECT_COLUMNS.known)
    client.post("/logout")
    viewer = fetched(signed_in(client, "viewer@demo.example"), "/projects.csv")
    assert "cted_needs" not in viewer.decode("utf-8-sig").splitlines()[0]
    secret = db_session.scalars(select(CtedNeed.code).where(CtedNeed.confidential)).all()
    assert secret and not any(code in viewer.decode() for code in secret)
    assert any(code in admin.decode() for code in secret)


def test_need_list_shows_confidential_needs_only_to_those_who_may_see_them(
    client, db_session, demo
) -> None:
    secret = db_session.scalars(select(CtedNeed.code).where(CtedNeed.confidential)).all()
    viewer = fetched(signed_in(client, "viewer@demo.example"), "/needs.csv").decode()
    assert not any(code in viewer for code in secret)


def test_cli_import_of_a_downloaded_list_changes_nothing(app, client, db_session, demo, tmp_path):
    path = tmp_path / "projects.xlsx"
    path.write_bytes(fetched(signed_in(client, "admin@demo.example"), "/projects.xlsx"))
    before = portfolio_fingerprint(db_session)
    result = app.test_cli_runner().invoke(args=["import-projects", str(path)])
    assert result.exit_code == 0 and ", 0 updated," in result.stdout, result.output
    assert portfolio_fingerprint(db_session) == before


def test_progress_workbook_uploaded_unchanged_changes_nothing(client, db_session, demo) -> None:
    signed_in(client, "unodc@demo.example")
    data = fetched(client, "/entities/UNODC/reports.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert any(row[-4:] != (None,) * 4 for row in sheet.iter_rows(min_row=2, values_only=True))
    before = portfolio_fingerprint(db_session)
    files = {"workbook": (io.BytesIO(data), "progress.xlsx")}
    response = client.post("/entities/UNODC/reports/upload", data=files, follow_redirects=True)
    assert response.status_code == 200
    assert "no report changed" in response.get_data(as_text=True)
    assert portfolio_fingerprint(db_session) == before
