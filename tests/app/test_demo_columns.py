"""seed-demo writes realistic assumptions and means of verification on every demo outcome and
output, different from one level and one kind of work to the next."""

from __future__ import annotations

from sqlalchemy import select

from app.models.logframe import Outcome, Output


def test_every_demo_outcome_and_output_has_both_texts(app, db_session) -> None:
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    for model in (Outcome, Output):
        rows = db_session.execute(select(model.assumptions, model.means_of_verification)).all()
        assert rows and all(len(a) > 20 and len(m) > 20 for a, m in rows), model
        assert len({a for a, _ in rows}) >= 4 and len({m for _, m in rows}) >= 4
    texts = set(db_session.scalars(select(Output.assumptions)))
    assert "Ministries nominate trainees on time and trained staff stay in post" in texts
