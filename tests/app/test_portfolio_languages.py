"""Six languages on the portfolio pages (issue 15 point 1): marked words are read from the
catalogue of the reader's language, while the commands, the downloads and the stored values
stay English. The catalogue here is a small French one built by the test (the real
catalogues are being translated), served in place of Flask-Babel's to a French reader."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import flask_babel
import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.support import NullTranslations, Translations
from flask import Flask

from app.baselines.services import create_baseline, get_baseline
from app.errors import NotFound
from app.portfolio.imports import fields
from app.portfolio.imports.fields import CellProblem
from tests.app.imports_support import csv_bytes

FRENCH: dict[Any, Any] = {
    "Import projects or CTED needs": "Importer des projets ou des besoins recensés par la DECT",
    "%(value)s is not an amount >= 0 written with digits and at most 2 decimal places": (
        "%(value)s n'est pas un montant >= 0 écrit en chiffres, avec au plus 2 décimales"
    ),
    (
        "%(name)s has %(num)d problem. Fix it and upload the file again.",
        "%(name)s has %(num)d problems. Fix them and upload the file again.",
    ): (
        "%(name)s a %(num)d problème. Corrigez-le et chargez le fichier à nouveau.",
        "%(name)s a %(num)d problèmes. Corrigez-les et chargez le fichier à nouveau.",
    ),
    "ongoing": "en cours",
    "Projects in the portfolio": "Projets du portefeuille",
    "Headline figures": "Chiffres clés",
    "no baseline labelled %(label)s; see 'snapshot list'": "aucune référence nommée %(label)s",
}
ENGLISH = NullTranslations()
P1 = {
    "code": "P-9", "title": "Border project", "entity": "UNODC", "pillar": "II",
    "scope": "global", "status": "ongoing", "budget_usd": "lots", "funded_usd": "40",
}  # fmt: skip


def catalogue(messages: dict[Any, Any]) -> Translations:
    """Return a compiled French catalogue of these messages."""
    source = Catalog(locale="fr")
    for msgid, msgstr in messages.items():
        source.add(msgid, msgstr)
    buffer = io.BytesIO()
    write_mo(buffer, source)
    buffer.seek(0)
    return Translations(buffer)


@pytest.fixture
def french(client: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Let the test client's browser ask for French, and serve French from the catalogue."""
    translations = catalogue(FRENCH)

    def chosen(_domain: flask_babel.Domain) -> NullTranslations:
        locale = flask_babel.get_locale()
        return translations if locale is not None and locale.language == "fr" else ENGLISH

    monkeypatch.setattr(flask_babel.Domain, "get_translations", chosen)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    yield
    client.environ_base.pop("HTTP_ACCEPT_LANGUAGE", None)


def test_a_command_outside_any_request_speaks_english(app: Flask) -> None:
    # Before, choosing the language read the signed-in user outside a request and raised.
    with app.app_context():
        assert flask_babel.gettext("required") == "required"
        with pytest.raises(CellProblem, match="'x' is not yes or no"):
            fields.yes_no("x", None)


def test_import_problems_are_shown_in_the_readers_language(as_role, world, french) -> None:
    client = as_role("admin")
    files = {"kind": "projects", "file": (io.BytesIO(csv_bytes([P1])), "projects.csv")}
    response = client.post("/imports", data=files, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Importer des projets ou des besoins recensés par la DECT" in page
    assert "projects.csv a 1 problème. Corrigez-le" in page
    # The row and column stay as the file names them; the problem is French.
    assert '<td class="num">2</td><td><code>budget_usd</code></td>' in page
    assert "&#39;lots&#39; n&#39;est pas un montant &gt;= 0" in page


def test_a_stored_status_is_translated_on_the_page_but_not_in_the_download(
    as_role, world, french
) -> None:
    client = as_role("admin")
    page = client.get("/projects").get_data(as_text=True)
    assert "<td>en cours</td>" in page and "<td>ongoing</td>" not in page
    download = client.get("/projects.csv").get_data(as_text=True)
    assert ",ongoing," in download and "en cours" not in download


def test_baseline_labels_are_translated_on_the_page_never_in_the_csv(
    as_role, world, db_session, french
) -> None:
    create_baseline(db_session, None, "fr-check", dt.date(2019, 6, 30))
    db_session.commit()
    client = as_role("admin")
    page = client.get("/baselines/fr-check/report").get_data(as_text=True)
    assert "Chiffres clés" in page and "<td>Projets du portefeuille</td>" in page
    csv = client.get("/baselines/fr-check.csv").get_data(as_text=True)
    assert csv.startswith("figure,value") and "Projets du portefeuille" not in csv


def test_the_api_stays_english_for_a_french_reader(as_role, world, french) -> None:
    client = as_role("admin")
    missing = client.get("/api/v1/baselines/nope")
    assert missing.status_code == 404
    assert missing.get_json()["message"] == "no baseline labelled 'nope'; see 'snapshot list'"
    # The same message, raised for a French page, is French.
    with flask_babel.force_locale("fr"), pytest.raises(NotFound, match="aucune référence nommée"):
        get_baseline(world.session, "nope")
