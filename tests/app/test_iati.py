"""The IATI 2.03 export (docs/iati.md): valid against the official schema, and its figures
are the app's own: projects, budgets, approved actuals only, no confidential need."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from sqlalchemy import event, select

from app import db
from app.iati.services import export_iati
from app.models.baselines import Baseline, BaselineProject
from app.models.logframe import Indicator, Output
from app.models.portfolio import CtedNeed, Project
from app.models.progress import IndicatorValue, ProgressReport, ReportingPeriod
from app.models.reference import Entity
from reports.iati import mappings
from tests.app.test_query_counts import add_projects

SCHEMA_FILE = Path(__file__).parents[1] / "fixtures" / "iati" / "iati-activities-schema.xsd"
SCHEMA = etree.XMLSchema(etree.parse(str(SCHEMA_FILE)))
REF = "XI-IATI-UNGCTCC"


@pytest.fixture
def demo(app):
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    return app


def export(app, tmp_path: Path, *options: str) -> etree._ElementTree:
    out = tmp_path / "iati.xml"
    result = app.test_cli_runner().invoke(args=["export", "iati", *options, "--out", str(out)])
    assert result.exit_code == 0, result.output
    tree = etree.parse(str(out))
    assert SCHEMA.validate(tree), SCHEMA.error_log
    assert result.stdout == f"Wrote {len(tree.getroot())} IATI activities to {out}.\n"
    return tree


def activity(tree: etree._ElementTree, code: str) -> etree._Element:
    found = tree.getroot().xpath("iati-activity[iati-identifier=$id]", id=f"{REF}-{code}")
    assert len(found) == 1
    return found[0]


def test_demo_export_is_valid_and_holds_every_project(demo, db_session, tmp_path) -> None:
    tree = export(demo, tmp_path)
    codes = set(db_session.scalars(select(Project.code)))
    identifiers = {e.text for e in tree.getroot().iter("iati-identifier")}
    assert identifiers == {f"{REF}-{code}" for code in codes} and len(codes) == 40
    project = db_session.scalars(select(Project).order_by(Project.code)).first()
    element = activity(tree, project.code)
    assert element.findtext("budget/value") == mappings.decimal_text(project.budget_usd)
    assert element.find("budget/value").get("currency") == "USD"
    assert element.find("activity-status").get("code") == mappings.ACTIVITY_STATUS[project.status]
    entity = element.find("participating-org")
    assert entity.get("role") == "4" and project.entity.acronym in entity.findtext("narrative")
    sector = element.find("sector")
    assert sector.get("code") == mappings.PILLAR_SECTORS[project.pillar_code]
    assert element.find("title/narrative").get("{http://www.w3.org/XML/1998/namespace}lang")


def _values(session, approved: bool, measure: str = "number"):
    status = ProgressReport.status == "approved"
    query = (
        select(Project.code, Indicator.code, ReportingPeriod.key, IndicatorValue.value)
        .join(ProgressReport, ProgressReport.id == IndicatorValue.report_id)
        .join(ReportingPeriod, ReportingPeriod.id == ProgressReport.period_id)
        .join(Project, Project.id == ProgressReport.project_id)
        .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
        .where(status if approved else ~status, Indicator.measure == measure)
        .where(IndicatorValue.value.is_not(None))
        .order_by(IndicatorValue.id)
    )
    return session.execute(query).all()


def _period(tree, project: str, indicator: str, key: str) -> etree._Element:
    start, _end = mappings.quarter_dates(key)
    found = activity(tree, project).xpath(
        "result/indicator[starts-with(title/narrative, $code)]/period[period-start/@iso-date=$d]",
        code=f"{indicator}:",
        d=start.isoformat(),
    )
    assert len(found) <= 1
    return found[0] if found else None


def test_actuals_are_the_approved_values_only(demo, db_session, client, login, make_user, tmp_path):
    tree = export(demo, tmp_path)
    project, indicator, key, value = _values(db_session, approved=True)[0]
    period = _period(tree, project, indicator, key)
    assert Decimal(period.find("actual").get("value")) == value
    project_id = db_session.scalar(select(Project.id).where(Project.code == project))
    login(make_user("admin"))
    page = client.get(f"/projects/{project_id}").get_data(as_text=True)
    assert f">{value.normalize():f}<" in page.replace(" ", "")  # the project page's own figure
    unapproved = _values(db_session, approved=False)
    assert unapproved
    for project, indicator, key, _value in unapproved:
        period = _period(tree, project, indicator, key)
        assert period is None or period.find("actual") is None


def test_no_confidential_need_appears(demo, db_session, tmp_path) -> None:
    text = etree.tostring(export(demo, tmp_path), encoding="unicode")
    secret = db_session.scalars(select(CtedNeed).where(CtedNeed.confidential)).all()
    assert secret
    for need in secret:
        assert need.description not in text and need.code not in text


def test_entity_export_holds_that_entity_only(demo, db_session, tmp_path) -> None:
    tree = export(demo, tmp_path, "--entity", "UNODC")
    unodc = db_session.scalar(select(Entity).where(Entity.acronym == "UNODC"))
    codes = set(db_session.scalars(select(Project.code).where(Project.entity_id == unodc.id)))
    assert codes and len(tree.getroot()) == len(codes)
    for org in tree.getroot().iter("participating-org"):
        assert org.findtext("narrative") == f"{unodc.name} (UNODC)"


def test_baseline_export_reads_the_frozen_projects(demo, db_session, tmp_path) -> None:
    runner = demo.test_cli_runner()
    created = runner.invoke(args=["snapshot", "create", "B-IATI", "--as-of", "2019-09-30"])
    assert created.exit_code == 0
    baseline = db_session.scalar(select(Baseline).where(Baseline.label == "B-IATI"))
    frozen = db_session.scalars(
        select(BaselineProject).where(BaselineProject.baseline_id == baseline.id)
    ).all()
    project = db_session.scalar(select(Project).where(Project.code == frozen[0].code))
    # changed after the freeze: the export keeps the frozen figure
    project.budget_usd = project.funded_usd = frozen[0].budget_usd + 1000
    db_session.flush()
    tree = export(demo, tmp_path, "--baseline", "B-IATI")
    assert len(tree.getroot()) == len(frozen)
    element = activity(tree, frozen[0].code)
    assert element.findtext("budget/value") == mappings.decimal_text(frozen[0].budget_usd)
    export(demo, tmp_path, "--baseline", "B-IATI", "--entity", "UNODC")


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--entity", "NOPE"], "Error: --entity: no Compact entity has the acronym 'NOPE'\n"),
        (["--baseline", "NOPE"], "Error: --baseline: no baseline is labelled 'NOPE'\n"),
    ],
)
def test_unknown_entity_or_baseline_exits_2_without_a_file(app, tmp_path, option, message):
    out = tmp_path / "iati.xml"
    result = app.test_cli_runner().invoke(args=["export", "iati", *option, "--out", str(out)])
    assert result.exit_code == 2 and result.stderr == message
    assert list(tmp_path.iterdir()) == []


def test_admin_download_is_the_valid_file(demo, client, login, make_user) -> None:
    login(make_user("admin"))
    assert "/admin/iati.xml" in client.get("/admin/users").get_data(as_text=True)
    response = client.get("/admin/iati.xml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    tree = etree.ElementTree(etree.fromstring(response.data))
    assert SCHEMA.validate(tree), SCHEMA.error_log
    assert len(tree.getroot()) == 40
    assert tree.getroot().find("iati-activity/document-link").get("url").startswith("http://")


def test_a_project_without_dates_or_results_is_still_valid(app, db_session, tmp_path) -> None:
    entity = db_session.scalar(select(Entity).where(Entity.acronym == "UNODC"))
    db_session.add(
        Project(
            code="P-NODATES",
            title="Bare",
            entity_id=entity.id,
            pillar_code="I",
            scope="national",
            status="pipeline",
            budget_usd=Decimal(0),
            funded_usd=Decimal(0),
        )  # fmt: skip
    )
    db_session.flush()
    element = activity(export(app, tmp_path), "P-NODATES")
    assert element.find("budget") is None and element.find("recipient-region") is not None
    assert Output  # the logframe tables stay empty for this project


@given(st.integers(min_value=1, max_value=500))
def test_shares_add_up_to_100(count: int) -> None:
    shares = mappings.percentages(count)
    assert len(shares) == count and sum(shares) == 100 and min(shares) > 0


@given(st.integers(min_value=2000, max_value=2099), st.integers(min_value=1, max_value=4))
def test_quarters_tile_the_year(year: int, quarter: int) -> None:
    start, end = mappings.quarter_dates(f"{year}Q{quarter}")
    assert start.month == 3 * quarter - 2 and start.day == 1
    assert (end.month, end.year) == (3 * quarter, year) and (end.day in (30, 31))


def _statements_of_export(app, engine, **choice: str) -> int:
    found: list[str] = []

    def collect(*args: object) -> None:
        found.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", collect)
    try:
        export_iati(db.session(), io.BytesIO(), REF, "http://tracker.example", **choice)
    finally:
        event.remove(engine, "before_cursor_execute", collect)
    return len(found)


def test_export_statements_do_not_grow_with_the_portfolio(app, engine, db_session) -> None:
    add_projects(db_session, 0, 3)
    db_session.flush()
    small = _statements_of_export(app, engine)
    add_projects(db_session, 3, 30)
    db_session.flush()
    assert _statements_of_export(app, engine) == small
    runner = app.test_cli_runner()
    assert runner.invoke(args=["snapshot", "create", "QC", "--as-of", "2019-09-30"]).exit_code == 0
    assert _statements_of_export(app, engine, baseline="QC") <= small
