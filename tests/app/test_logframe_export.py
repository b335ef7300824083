"""Issue 14, point 5: a project's logframe downloads as CSV or XLSX, outcome rows then their
outputs, with indicators, assumptions and risks and means of verification as the last columns."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from app.models.logframe import Outcome, Output

HEADERS = [
    "level", "code", "statement", "pillar", "outcome", "indicators",
    "assumptions", "means_of_verification",
]  # fmt: skip


def _fill(world, session) -> None:
    world.outcome.assumptions = "Border agencies share data"
    world.outcome.means_of_verification = "CTED assessments"
    world.output.assumptions = "=Ministries nominate trainees on time"
    world.output.means_of_verification = "Attendance lists; pre- and post-test scores"
    loose = Output(project=world.project, code="O-0", title="Study published", outcome_id=None)
    session.add_all([loose, Outcome(code="OC-9", pillar_code="II", statement="Not served")])
    session.commit()


def test_the_csv_has_the_matrix_rows_with_the_two_columns_last(world, as_role, db_session):
    _fill(world, db_session)
    response = as_role("viewer").get(f"/projects/{world.project.id}/logframe.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == HEADERS
    assert rows[1] == [
        "outcome", "OC-1", "Borders are managed well", "II", "", "",
        "Border agencies share data", "CTED assessments",
    ]  # fmt: skip
    assert rows[2] == [
        "output", "O-1", "Officers trained", "II", "OC-1", "IND-1",
        "'=Ministries nominate trainees on time", "Attendance lists; pre- and post-test scores",
    ]  # fmt: skip
    assert rows[3][:5] == ["output", "O-0", "Study published", "", ""]
    assert len(rows) == 4  # an outcome no output of the project serves is not listed


def test_the_xlsx_has_the_same_rows(world, as_role, db_session):
    _fill(world, db_session)
    response = as_role("owner").get(f"/projects/{world.project.id}/logframe.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data), read_only=True).active
    values = [
        [c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)
    ]
    assert values[0] == HEADERS and values[2][6] == "'=Ministries nominate trainees on time"
    assert values[1][7] == "CTED assessments"


def test_an_unknown_project_is_404(world, as_role):
    assert as_role("viewer").get("/projects/999999/logframe.csv").status_code == 404


def test_the_logframe_page_links_the_downloads(world, as_role):
    page = as_role("owner").get(f"/projects/{world.project.id}/logframe").get_data(as_text=True)
    assert f"/projects/{world.project.id}/logframe.csv" in page
    assert f"/projects/{world.project.id}/logframe.xlsx" in page


def test_the_project_page_shows_the_columns_and_links_the_downloads(world, as_role, db_session):
    _fill(world, db_session)
    page = as_role("viewer").get(f"/projects/{world.project.id}").get_data(as_text=True)
    assert "Attendance lists; pre- and post-test scores" in page
    assert f"/projects/{world.project.id}/logframe.xlsx" in page
