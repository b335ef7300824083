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
