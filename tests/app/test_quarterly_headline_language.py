"""The quarterly PDF's headline table speaks the report's language (its labels were English in
every language), per-entity labels included; the API's headline labels stay English."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.quarterly.build import ENTITY_LABELS, HEADLINES
from tests.app import factories
from tests.reports.pdftext import pages_text, squash

FRENCH = {
    "Budget, US$ million": "Budget (millions de dollars É.-U.)",
    "Funding shortfall, US$ million": "Déficit de financement (millions de dollars É.-U.)",
}


@pytest.fixture
def run(app, db_session):
    factories.project(db_session, "HL-1", entity="UNODC")
    db_session.commit()
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(args=list(args))


def _text(run, tmp_path: Path, *args: str) -> str:
    out = tmp_path / "q.pdf"
    done = run("report", "quarterly", "--period", "2019Q3", "--out", str(out), *args)
    assert done.exit_code == 0, done.output
    return squash(" ".join(pages_text(out.read_bytes())))


def test_the_headline_labels_are_french_in_a_french_report(run, tmp_path) -> None:
    french = _text(run, tmp_path, "--language", "fr")
    assert squash("Budget (millions de dollars É.-U.) 0,0") in french, "and figures in French"
    for english, translated in FRENCH.items():
        assert squash(translated) in french
        assert squash(english) not in french
    entity = _text(run, tmp_path, "--language", "fr", "--entity", "UNODC")
    assert squash("pris en charge par les projets de UNODC") in entity
    english = _text(run, tmp_path, "--entity", "UNODC")
    assert squash(ENTITY_LABELS["CTED needs addressed"] % {"entity": "UNODC"}) in english
    assert all(squash(label) in _text(run, tmp_path) for label, _, _ in HEADLINES[:5])


def test_the_api_headlines_stay_english_for_a_french_reader(client, make_user, login) -> None:
    login(make_user("viewer"))
    answer = client.get("/api/v1/quarterly/2019Q3", headers={"Accept-Language": "fr"}).json
    assert [h["label"] for h in answer["headlines"]] == [label for label, _, _ in HEADLINES]
