"""Reports in the reader's language: PDFs follow it (web) or --language (commands); the data
exports (JSON, CSV, API) stay English; Arabic gets the English PDF and says so; an issued
report records the language it was issued in. A tiny French catalogue stands in for the
translators' (tests.reports.catalogue)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from flask import Flask
from flask_babel import get_babel, refresh

from app.baselines.services import create_baseline
from app.figures.baseline_model import clear_cache
from app.models.quarterly import IssuedReport
from tests.app import factories
from tests.reports.catalogue import WORDS, write_catalogue
from tests.reports.pdftext import pages_text, squash

LABEL = "2019 mapping"
FRENCH_SENTENCE = "En %(month)s, les entités du Pacte mettaient en œuvre %(projects)s."
FRENCH = {
    **WORDS["fr"],
    "Quarterly report %(period)s": "Rapport trimestriel %(period)s",
    "Compact-wide": "Ensemble du Pacte",
    "By %(month)s, Counter-Terrorism Compact entities were implementing %(projects)s.": (
        FRENCH_SENTENCE
    ),
}


@pytest.fixture
def french(app: Flask, tmp_path: Path) -> Iterator[None]:
    """Serve French from a test catalogue (and Arabic from none) for the test."""
    write_catalogue(tmp_path, "fr", FRENCH)
    babel = get_babel(app)
    original = babel.translation_directories
    babel.translation_directories = [str(tmp_path)]
    babel.instance.domain_instance.cache.clear()
    clear_cache()
    yield
    babel.translation_directories = original
    babel.instance.domain_instance.cache.clear()
    clear_cache()


@pytest.fixture
def portfolio(db_session):
    factories.project(db_session, "UNODC-0001", pillar_code="II", budget_usd=Decimal(2_000_000))
    factories.project(db_session, "UNOCT-0002", entity="UNOCT", pillar_code="I")
    create_baseline(db_session, None, LABEL, dt.date(2019, 8, 31))
    db_session.flush()


def reader_language(client, code: str) -> None:
    """Switch the reader's language; forget the locale the test's shared app context kept."""
    client.set_cookie("lang", code)
    refresh()


def text_of(pdf: bytes) -> str:
    return squash("".join(pages_text(pdf)))


def test_web_pdf_follows_the_reader_and_data_stays_english(
    french, portfolio, client, make_user, login
) -> None:
    login(make_user("viewer"))
    reader_language(client, "fr")
    pdf = client.get(f"/baselines/{LABEL}.pdf")
    assert pdf.status_code == 200
    assert squash("les entités du Pacte mettaient en œuvre") in text_of(pdf.data)
    assert squash("Page 1 sur") in text_of(pdf.data)
    data = json.loads(client.get(f"/baselines/{LABEL}.json").data)
    csv = client.get(f"/baselines/{LABEL}.csv").data.decode()
    api = client.get(f"/api/v1/baselines/{LABEL}").get_json()
    reader_language(client, "en")
    english = json.loads(client.get(f"/baselines/{LABEL}.json").data)
    assert data == english  # the JSON is the same whatever the reader's language
    assert api["key_messages"] == english["key_messages"]
    opening = english["key_messages"][0]
    assert opening.startswith("By August 2019, Counter-Terrorism Compact entities were")
    assert "mettaient" not in csv and "were implementing" in csv


def test_arabic_readers_get_the_english_pdf_and_are_told(
    french, portfolio, client, make_user, login
) -> None:
    login(make_user("viewer"))
    reader_language(client, "ar")
    pdf = client.get(f"/baselines/{LABEL}.pdf")
    assert squash("Page 1 of") in text_of(pdf.data)
    page = client.get(f"/baselines/{LABEL}/report").get_data(as_text=True)
    assert 'id="pdf-language"' in page
    reader_language(client, "fr")
    page = client.get(f"/baselines/{LABEL}/report").get_data(as_text=True)
    assert 'id="pdf-language"' not in page


@pytest.fixture
def run(app):
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(args=list(args))


def test_report_baseline_takes_a_language_for_the_pdf_only(french, portfolio, run, tmp_path):
    out = tmp_path / "fr.pdf"
    pdf = ("--format", "pdf", "--out", str(out))
    done = run("report", "baseline", LABEL, *pdf, "--language", "fr")
    assert done.exit_code == 0, done.output
    assert squash("mettaient en œuvre") in text_of(out.read_bytes())
    data = run("report", "baseline", LABEL, "--language", "fr")
    assert "were implementing" in data.stdout and "mettaient" not in data.stdout
    arabic = tmp_path / "ar.pdf"
    done = run("report", "baseline", LABEL, "--format", "pdf", "--out", str(arabic),
               "--language", "ar")  # fmt: skip
    assert done.exit_code == 0
    assert "the PDF is in English" in done.stderr
    assert squash("Page 1 of") in text_of(arabic.read_bytes())
    wrong = run("report", "baseline", LABEL, "--language", "de")
    assert wrong.exit_code == 2 and "--language" in wrong.output


def test_an_issued_report_keeps_the_language_it_was_issued_in(
    french, portfolio, run, db_session, tmp_path
) -> None:
    factories.period(db_session, "2019Q3")
    out = tmp_path / "issued.pdf"
    done = run("report", "quarterly", "--period", "2019Q3", "--out", str(out), "--issue",
               "--language", "fr")  # fmt: skip
    assert done.exit_code == 0, done.output
    issued = db_session.query(IssuedReport).one()
    assert issued.language == "fr"
    assert squash("Page 1 sur") in text_of(out.read_bytes())
    # the title and the scope, written by the app, follow the PDF's language too
    assert squash("Rapport trimestriel 2019Q3") in text_of(out.read_bytes())
    assert squash("Ensemble du Pacte") in text_of(out.read_bytes())
    again = tmp_path / "again.pdf"
    done = run("report", "quarterly", "--period", "2019Q3", "--out", str(again))
    assert again.read_bytes() == out.read_bytes()  # served as issued, not redrawn in English
    assert "issued in fr" in done.stderr
