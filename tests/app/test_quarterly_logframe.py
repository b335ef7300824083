"""Issue 14, point 5: the quarterly PDF's pillar sections show each outcome with its
assumptions and risks and its means of verification, read back from the PDF's text."""

from __future__ import annotations

from app.models.logframe import Outcome, Output
from app.quarterly.build import build_quarterly
from reports.pdf.quarterly import render_quarterly
from tests.app import factories
from tests.app.test_quarterly_report import pdf_text, squash

RISKS = "Border agencies share passenger data <b>& keep</b> the equipment running"
MEANS = "CTED border assessments; API/PNR connection records"


def _world(session) -> None:
    project = factories.project(session, "UNODC-0001", pillar_code="II")
    trained = factories.indicator(session, project, "IND-TRAINED", name="Officers trained")
    served = Outcome(
        code="OC-II-1", pillar_code="II", statement="Borders are managed well",
        assumptions=RISKS, means_of_verification=MEANS,
    )  # fmt: skip
    other = Outcome(
        code="OC-II-2", pillar_code="II", statement="Terrorist financing is disrupted",
        assumptions="Financial units keep their staff", means_of_verification="FIU reports",
    )  # fmt: skip
    session.add_all([served, other])
    session.flush()
    session.get(Output, trained.output_id).outcome_id = served.id
    factories.report(session, project, factories.period(session, "2019Q3"), values={trained: 5})


def test_the_compact_report_lists_each_pillars_outcomes_with_both_columns(db_session) -> None:
    _world(db_session)
    report = build_quarterly(db_session, "2019Q3", None, draft=True)
    (pillar,) = [p for p in report.pillars if p.pillar.value == "II"]
    assert [o.code for o in pillar.outcomes] == ["OC-II-1", "OC-II-2"]
    text = pdf_text(render_quarterly(report))
    assert squash("Pillar II: outcomes") in text
    assert squash("Assumptions and risks") in text and squash("Means of verification") in text
    assert squash(RISKS) in text and squash(MEANS) in text
    assert squash("Financial units keep their staff") in text


def test_an_entity_report_lists_the_outcomes_its_outputs_serve(db_session) -> None:
    _world(db_session)
    report = build_quarterly(db_session, "2019Q3", entity="UNODC", draft=True)
    (pillar,) = [p for p in report.pillars if p.pillar.value == "II"]
    assert [o.code for o in pillar.outcomes] == ["OC-II-1"]
    text = pdf_text(render_quarterly(report))
    assert squash(MEANS) in text and squash("Financial units") not in text


def test_an_outcome_without_the_texts_says_so(db_session) -> None:
    _world(db_session)
    db_session.add(Outcome(code="OC-II-3", pillar_code="II", statement="Courts try cases"))
    db_session.flush()
    text = pdf_text(render_quarterly(build_quarterly(db_session, "2019Q3", None, draft=True)))
    assert squash("Courts try cases") in text and squash("Not written yet") in text
