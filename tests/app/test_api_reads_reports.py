"""The read API, reports and figures: GET /reports, /reports/CODE/PERIOD/thread, /comparison
and /issued-reports against what the app's own functions compute, per role, paged."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from app.api.read_params import utc_iso
from app.compare.comparison import build_screen
from app.compare.indicator_performance import performance_page
from app.figures.baseline_report import to_json
from app.figures.data_source import Filters
from app.models.auth import User
from app.models.portfolio import Project
from app.models.progress import ProgressReport, ReportingPeriod
from app.progress.comments import add_comment
from app.progress.review_thread import review_thread
from app.quarterly.services import issue_report
from tests.app import comparison_data as analysis_data
from tests.app import factories
from tests.app.api_reads_support import get, read_tokens, statements, valid
from tests.app.tamper import tamper

OLD, NEW = "2018 mapping", "2019 mapping"
CANARY, MARKER = analysis_data.CANARY, analysis_data.MARKER
REVIEWED = dt.datetime(2019, 10, 20, 9, 30)


@pytest.fixture
def data(db_session):
    analysis_data.two_baselines(db_session)
    q3 = db_session.scalar(select(ReportingPeriod).where(ReportingPeriod.key == "2019Q3"))
    by_code = {p.code: p for p in db_session.scalars(select(Project))}
    factories.report(db_session, by_code["P-006"], q3, status="draft")  # UNODC
    factories.report(db_session, by_code["P-003"], q3, status="draft")  # UNESCO
    returned = factories.report(db_session, by_code["P-011"], q3, status="returned")  # UNODC
    returned.reviewed_at = REVIEWED
    db_session.flush()
    return db_session


@pytest.fixture
def tokens(data, make_user):
    return read_tokens(data, make_user)


def _expected(session, caller: str) -> set[tuple[str, str, str]]:
    """Compute who sees which reports: drafts for the project's editors only."""
    stmt = (
        select(Project.code, ReportingPeriod.key, ProgressReport.status, Project.entity_id)
        .join(Project, Project.id == ProgressReport.project_id)
        .join(ReportingPeriod, ReportingPeriod.id == ProgressReport.period_id)
    )
    unodc = factories.entity_id(session, "UNODC")
    found = set()
    for code, key, status, entity in session.execute(stmt):
        editor = caller == "admin" or (caller == "own_focal_point" and entity == unodc)
        if status != "draft" or editor:
            found.add((code, key, status))
    return found


@pytest.mark.parametrize(
    "caller", ["admin", "own_focal_point", "other_focal_point", "reviewer", "viewer", "cted"]
)
def test_reports_list_what_each_caller_may_see(data, client, tokens, caller) -> None:
    body = valid(get(client, "/api/v1/reports?per_page=200", tokens[caller]), "ReportPage")
    listed = {(r["project"], r["period"], r["status"]) for r in body["reports"]}
    assert listed == _expected(data, caller) and body["total"] == len(listed)
    drafts = {r["project"] for r in body["reports"] if r["status"] == "draft"}
    assert drafts == {"admin": {"P-006", "P-003"}, "own_focal_point": {"P-006"}}.get(caller, set())


def test_a_review_time_shows_once_approved_unless_the_caller_edits_or_reviews(
    data, client, tokens
) -> None:
    url = "/api/v1/reports?project=P-011"
    assert get(client, url, tokens["viewer"])["reports"][0]["reviewed_at"] is None
    for caller in ("own_focal_point", "reviewer", "admin"):
        [row] = get(client, url, tokens[caller])["reports"]
        assert row["reviewed_at"] == utc_iso(REVIEWED) == "2019-10-20T09:30:00Z"
        assert row["approved_at"] is None


def test_reports_filter_by_period_entity_and_status(data, client, tokens) -> None:
    header = tokens["admin"]
    q3 = get(client, "/api/v1/reports?period=2019Q3&per_page=200", header)["reports"]
    assert q3 and {r["period"] for r in q3} == {"2019Q3"}
    unodc = get(client, "/api/v1/reports?entity=UNODC&status=approved", header)["reports"]
    assert {(r["project"], r["period"]) for r in unodc} == {
        ("P-001", "2019Q2"),
        ("P-001", "2019Q3"),
    }
    versions = data.scalars(
        select(ProgressReport.version).where(ProgressReport.status == "approved")
    )
    assert {r["version"] for r in unodc} <= set(versions)


@pytest.mark.parametrize(
    "query",
    [
        "period=2031Q1",
        "project=NOPE",
        "entity=NOPE",
        "status=lost",
        "page=-1",
        "per_page=500",
    ],  # fmt: skip
)
def test_reports_refuse_unknown_values(data, client, tokens, query) -> None:
    body = get(client, f"/api/v1/reports?{query}", tokens["viewer"], 400)
    assert body["message"].startswith(query.split("=")[0] + ":")


def test_reports_page_and_count_the_same_statements(data, connection, client, tokens) -> None:
    header = tokens["admin"]
    whole = get(client, "/api/v1/reports?per_page=200", header)
    pages = [get(client, f"/api/v1/reports?per_page=2&page={n}", header) for n in (1, 2, 3)]
    assert [r for p in pages for r in p["reports"]] == whole["reports"][:6]
    assert pages[0]["pages"] == -(-whole["total"] // 2)
    one = statements(connection, client, "/api/v1/reports?per_page=1", header)
    many = statements(connection, client, "/api/v1/reports?per_page=200", header)
    assert one == many


def _commented(session) -> ProgressReport:
    report = session.scalar(
        select(ProgressReport).join(Project).where(Project.code == "P-001",
                                                   ProgressReport.status == "submitted")
    )  # fmt: skip
    reviewer = session.scalar(select(User).where(User.role == "reviewer"))
    add_comment(session, reviewer, report, f"Is N-{CANARY} answered here? Add the lists.")
    return report


@pytest.mark.parametrize("caller", ["own_focal_point", "reviewer", "admin"])
def test_the_thread_holds_the_comments_for_editors_and_reviewers(data, client, tokens, caller):
    report = _commented(data)
    body = valid(get(client, "/api/v1/reports/P-001/2019Q4/thread", tokens[caller]), "ReviewThread")
    notes = review_thread(data, report)
    assert [(t["action"], t["author"], t["at"]) for t in body["thread"]] == [
        (n.action, n.who, utc_iso(n.at)) for n in notes
    ]
    [note] = body["thread"]
    assert note["role"] == "reviewer" and note["at"].endswith("Z")
    assert (CANARY in note["text"]) is (caller == "admin")
    assert note["text"].endswith("Add the lists.")


@pytest.mark.parametrize("caller", ["other_focal_point", "viewer", "cted"])
def test_the_thread_is_refused_to_others(data, client, tokens, caller) -> None:
    _commented(data)
    body = get(client, "/api/v1/reports/P-001/2019Q4/thread", tokens[caller], 403)
    assert CANARY not in str(body) and "Add the lists" not in str(body)


def test_the_thread_of_unknown_codes_is_a_404(data, client, tokens) -> None:
    get(client, "/api/v1/reports/NOPE/2019Q4/thread", tokens["reviewer"], 404)
    get(client, "/api/v1/reports/P-001/2031Q1/thread", tokens["reviewer"], 404)


def _plain(value):
    return json.loads(to_json(value))


def test_comparison_equals_the_compare_functions(data, client, tokens) -> None:
    body = valid(
        get(client, f"/api/v1/comparison?a={OLD}&b={NEW}&per_page=200", tokens["viewer"]),
        "Comparison",
    )
    screen = build_screen(data, OLD, NEW, Filters(), False, None)
    assert [(h["key"], h["a"], h["b"]) for h in body["headlines"]] == [
        (h.key, _plain(h.a), _plain(h.b)) for h in screen.headlines
    ]
    assert body["changes"]["added"] == len(screen.comparison.added) > 0
    page = performance_page(data, screen.a.source, screen.b.source, "", 1, 200)
    rows = [row for group in page.groups.values() for row in group]
    assert [(i["code"], i["b"]["actual"]) for i in body["indicators"]] == [
        (r.code, _plain(r.b.actual)) for r in rows
    ]
    assert body["total"] == page.total and body["a"]["label"] == OLD


def test_comparison_defaults_to_the_newest_baseline_against_live(data, client, tokens) -> None:
    body = get(client, "/api/v1/comparison", tokens["viewer"])
    assert body["a"]["label"] == NEW and body["b"]["live"] and body["b"]["label"] is None
    live = get(client, "/api/v1/portfolio", tokens["viewer"])
    assert next(h["b"] for h in body["headlines"] if h["key"] == "projects") == live["projects"]


@pytest.mark.parametrize("query", ["a=nope", "b=nope", "pillar=V", "scope=moon",
                                   f"member_state={MARKER}", "page=0", "per_page=201"])  # fmt: skip
def test_comparison_refuses_unknown_values(data, client, tokens, query) -> None:
    body = get(client, f"/api/v1/comparison?{query}", tokens["viewer"], 400)
    assert body["message"].startswith(query.split("=")[0] + ":") and CANARY not in str(body)


def test_comparison_hides_confidential_needs_from_a_viewer(data, client, tokens) -> None:
    viewer = client.get(f"/api/v1/comparison?a={OLD}", headers=tokens["viewer"])
    assert CANARY not in viewer.text and MARKER not in viewer.text
    cleared = get(client, f"/api/v1/comparison?a={OLD}&member_state={MARKER}", tokens["cted"])
    needs = {h["key"]: h["b"] for h in cleared["headlines"]}
    assert needs["needs_total"] == 1


def test_comparison_pages_indicators_in_fixed_statements(data, connection, client, tokens):
    header = tokens["viewer"]
    whole = get(client, "/api/v1/comparison?per_page=200", header)
    first = get(client, "/api/v1/comparison?per_page=1", header)
    assert len(first["indicators"]) == 1 and first["pages"] == whole["total"] == 2
    assert first["indicators"][0] == whole["indicators"][0]
    one = statements(connection, client, "/api/v1/comparison?per_page=1", header)
    many = statements(connection, client, "/api/v1/comparison?per_page=200", header)
    assert one == many


@pytest.fixture
def issued(data):
    return issue_report(data, None, "2019Q3", None)


@pytest.mark.parametrize("caller", ["viewer", "other_focal_point", "cted"])
def test_issued_reports_list_their_metadata(issued, client, tokens, caller) -> None:
    body = valid(get(client, "/api/v1/issued-reports", tokens[caller]), "IssuedReportPage")
    [row] = body["issued_reports"]
    assert row["id"] == issued.id and row["period"] == "2019Q3" and row["kind"] == "compact"
    assert row["sha256"] == issued.sha256 and row["size"] == len(issued.content)
    assert row["language"] == issued.language and row["issued_at"] == utc_iso(issued.issued_at)


def test_an_issued_pdf_is_the_stored_bytes(issued, client, tokens) -> None:
    response = client.get(f"/api/v1/issued-reports/{issued.id}/pdf", headers=tokens["viewer"])
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data == issued.content and response.data.startswith(b"%PDF")
    assert response.headers["Content-Disposition"] == 'attachment; filename="2019Q3-compact.pdf"'


def test_an_altered_or_unknown_issued_pdf_is_refused_in_json(issued, data, client, tokens):
    header = tokens["viewer"]
    get(client, f"/api/v1/issued-reports/{issued.id + 1}/pdf", header, 404)
    get(client, "/api/v1/issued-reports/99999999999/pdf", header, 404)
    tamper(data, "issued_reports", "UPDATE issued_reports SET content = :c", c=b"%PDF forged")
    data.expire_all()
    body = get(client, f"/api/v1/issued-reports/{issued.id}/pdf", header, 409)
    assert body["error"] == "conflict"
