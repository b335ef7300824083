"""A confidential need stays hidden on every channel (RELIABILITY T06, T07): every GET rule,
every export (CSV, XLSX parts, JSON, PDF text and streams), the API, error pages and the report
commands; CTED and admin users see it where they should, and counts never reveal it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.security import authz_matrix
from tests.security.channels import searchable
from tests.security.conftest import MARKER, MARKER_STATE, UNCLEARED

# Every GET the matrix lists, plus the variants that reach other code paths.
EXTRA_GETS = [
    "/baselines/{label}.csv",
    "/baselines/{label}.xlsx",
    "/baselines/{label}.json",
    "/baselines/{label}.pdf",
    "/compare?member_state=" + MARKER_STATE,
    "/compare?member_state=KEN",
    "/compare?a=live&b=baseline:{label}",
    "/compare.csv?member_state=" + MARKER_STATE,
    "/compare.xlsx?member_state=" + MARKER_STATE,
    "/compare/projects?set=added",
    "/compare/projects?set=removed",
    "/compare/projects?set=carried",
    "/compare/projects?source=live&status=ongoing",
    "/compare/projects.xlsx",
    "/compare/chart/coverage_state.svg",
    "/compare/chart/coverage_pillar.svg",
    "/compare/chart/transitions.svg",
    "/needs?pillar=II",
    "/needs?member_state=" + MARKER_STATE,
    "/needs?thematic_area=Border+security&covered=yes",
    "/needs?covered=yes",
    "/needs?covered=no",
    "/needs?member_state=KEN&pillar=II&covered=no&page=2",
    "/needs.csv?covered=yes",
    "/needs.xlsx?member_state=" + MARKER_STATE,
    "/member-states/" + MARKER_STATE.lower(),
    "/member-states/{project_id}",
    "/imports?kind=needs",
    "/needs.csv",
    "/needs.xlsx?pillar=II",
    "/projects.xlsx",
    "/projects.csv?pillar=II",
    "/projects?pillar=II",
    "/projects/{project_id}?tab=needs",
    "/api/v1/projects?member_state=" + MARKER_STATE,
    "/api/v1/projects?pillar=II",
    "/api/v1/baselines/{label}",
    "/api/v1/needs?per_page=200",
    "/api/v1/needs?member_state=" + MARKER_STATE,
    "/api/v1/comparison?member_state=" + MARKER_STATE,
    "/api/v1/comparison?per_page=200&b=",
    "/api/v1/reports?per_page=200",
    "/projects/{project_id}/reports/2019Q2",
    "/entities/UNODC/audit",
    "/projects/{project_id}/audit",
    "/needs/{need_id}",
    "/reports/preview.pdf?period=2019Q3",
    "/reports/preview.pdf?period=2019Q3&entity=UNODC",
    "/reports/preview.pdf?period=2019Q2",
    "/projects/999999",
    "/no-such-page",
    "/api/v1/no-such-page",
]


def every_get() -> list[str]:
    paths = {path for _, method, path, *_ in authz_matrix.MATRIX if method == "GET"}
    return sorted(paths | set(EXTRA_GETS))


GETS = every_get()


def absent(text: str) -> None:
    assert MARKER not in text
    assert f"({MARKER_STATE}," not in text and f">{MARKER_STATE}<" not in text
    assert f'"{MARKER_STATE}"' not in text and f",{MARKER_STATE}," not in text


@pytest.mark.parametrize("role", UNCLEARED)
def test_marker_absent_on_every_get_for_roles_without_clearance(ds, as_role, role) -> None:
    client = as_role(role)
    ids = ds.ids()
    seen = 0
    for path in GETS:
        response = client.get(path.format(**ids))
        assert response.status_code < 500, path
        absent(searchable(response.get_data()))
        seen += 1
    assert seen == len(GETS) >= 60


@pytest.mark.parametrize("role", ("cted", "admin"))
def test_cleared_roles_see_the_need_where_they_should(ds, as_role, role) -> None:
    client = as_role(role)
    ids = ds.ids()
    state_pages = ("/member-states/" + MARKER_STATE, "/needs?member_state=" + MARKER_STATE)
    for path in ("/needs", "/projects/{project_id}", "/api/v1/needs", *state_pages):
        body = searchable(client.get(path.format(**ids)).get_data())
        assert MARKER in body and MARKER_STATE in body, path
    index = client.get("/member-states").get_data(as_text=True)
    assert f"/member-states/{MARKER_STATE}" in index


def test_aggregates_count_without_revealing(ds, as_role) -> None:
    body = as_role("viewer").get("/needs").get_data(as_text=True)
    assert "2 of them are confidential" in body and MARKER not in body  # marker + N-SECRET
    page = as_role("viewer").get(f"/projects/{ds.world.project.id}").get_data(as_text=True)
    assert "Also linked: 1 confidential need" in page and MARKER not in page


@pytest.fixture
def run(app: Any) -> Any:
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(args=list(args))


def test_report_commands_never_carry_the_marker(ds, run, tmp_path) -> None:
    label = ds.baseline.label
    outputs = []
    for name, args in (
        ("q.pdf", ["report", "quarterly", "--period", "2019Q3"]),
        ("qe.pdf", ["report", "quarterly", "--period", "2019Q3", "--entity", "UNODC"]),
        ("b.pdf", ["report", "baseline", label, "--format", "pdf"]),
        ("b.csv", ["report", "baseline", label, "--format", "csv"]),
        ("b.json", ["report", "baseline", label, "--format", "json"]),
    ):
        out = tmp_path / name
        result = run(*args, "--out", str(out))
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert outputs[0].startswith(b"%PDF") and outputs[2].startswith(b"%PDF")
    issued = run(
        "report", "quarterly", "--period", "2019Q3", "--issue", "--out", str(tmp_path / "i.pdf")
    )
    assert issued.exit_code == 0, issued.output
    outputs.append((tmp_path / "i.pdf").read_bytes())
    for data in outputs:
        absent(searchable(data))


def test_issued_report_download_never_carries_the_marker(ds, run, as_role, tmp_path) -> None:
    from sqlalchemy import select

    from app.models.quarterly import IssuedReport

    result = run(
        "report", "quarterly", "--period", "2019Q3", "--issue", "--out", str(tmp_path / "i.pdf")
    )
    assert result.exit_code == 0, result.output
    session = ds.world.session
    found = session.scalar(select(IssuedReport.id).where(IssuedReport.period_key == "2019Q3"))
    for role in UNCLEARED[1:]:
        response = as_role(role).get(f"/reports/issued/{found}.pdf")
        assert response.status_code == 200 and response.data.startswith(b"%PDF")
        absent(searchable(response.data))


def test_pdf_search_would_find_the_marker(ds) -> None:
    """The PDF channel check is not vacuous: a PDF holding the marker is caught."""
    from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

    buffer = __import__("io").BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, f"hidden {MARKER}")
    page.save()
    assert MARKER in searchable(buffer.getvalue())
