"""Issue 14, point 5: each outcome and output carries assumptions and risks, and means of
verification, shown on the logframe and outcomes pages."""

from __future__ import annotations

from app.models.logframe import Outcome, Output
from tests.app.progress_data import world


def test_logframe_page_shows_an_outputs_assumptions_and_means_of_verification(
    client, db_session, make_user, login
):
    w = world(db_session)
    output = db_session.get(Output, w.percent.output_id)
    output.assumptions = "Trainees stay in post for a year"
    output.means_of_verification = "Attendance lists signed by the trainer"
    db_session.flush()
    login(make_user("admin"))
    page = client.get(f"/projects/{w.project.id}/logframe").get_data(as_text=True)
    assert "Assumptions and risks" in page and "Means of verification" in page
    assert "Trainees stay in post for a year" in page
    assert "Attendance lists signed by the trainer" in page


def test_outcomes_page_shows_each_outcomes_two_other_columns(client, db_session, make_user, login):
    db_session.add(
        Outcome(
            code="OC-X", pillar_code=_any_pillar(db_session), statement="Safer borders",
            assumptions="Border agencies share data", means_of_verification="Annual survey",
        )
    )  # fmt: skip
    db_session.flush()
    login(make_user("admin"))
    page = client.get("/outcomes").get_data(as_text=True)
    assert "Border agencies share data" in page and "Annual survey" in page


def test_a_new_output_has_empty_columns_not_none(db_session):
    w = world(db_session)
    output = db_session.get(Output, w.percent.output_id)
    assert output.assumptions == "" and output.means_of_verification == ""


def _any_pillar(session) -> str:
    from app.models.reference import Pillar

    pillar = session.query(Pillar).first()
    if pillar is None:
        session.add(Pillar(code="P-T", name="Test pillar"))
        session.flush()
        return "P-T"
    return pillar.code


def test_the_logframe_shows_figures_for_people(client, db_session, make_user, login) -> None:
    """Seen on the demo's logframe: baselines and targets printed as 0.0000 and 120.0000."""
    from decimal import Decimal

    from app.models.logframe import IndicatorTarget
    from tests.app.progress_data import world

    w = world(db_session)
    w.number.life_target = Decimal("1200.0000")
    db_session.add(
        IndicatorTarget(indicator_id=w.number.id, period_key="2019Q4", target=Decimal(60))
    )
    db_session.commit()
    db_session.expire_all()
    login(make_user("focal_point", "UNODC"))
    logframe = client.get(f"/projects/{w.project.id}/logframe").get_data(as_text=True)
    assert "1,200" in logframe and "2019Q4: 60" in logframe and "0000" not in logframe
    project = client.get(f"/projects/{w.project.id}").get_data(as_text=True)
    assert "1,200" in project and "0000" not in project
