"""The comparison view's charts speak the reader's language: titles, axis labels, legends, the
figures' table and the SVG's description (a tiny test catalogue, not the translators' files)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.support import Translations
from flask_babel import get_domain

from tests.app import comparison_data as analysis_data
from tests.app.test_compare_view import OLD

SVG = "{http://www.w3.org/2000/svg}"
FRENCH = {
    "Projects by pillar": "Projets par pilier",
    "Pillar": "Pilier",
    "projects": "projets",
    "No changes between these baselines": "Aucun changement entre ces situations de référence",
    "Status changes from %(old)s to %(new)s": "Changements de statut de %(old)s à %(new)s",
    "Figures in this chart": "Les chiffres de ce graphique",
    "%(label)s: %(values)s": "%(label)s : %(values)s",
}


def catalogue(messages: dict[str, str]) -> Translations:
    """Compile a small French catalogue in memory."""
    import io

    cat = Catalog(locale="fr")
    for msgid, msgstr in messages.items():
        cat.add(msgid, msgstr)
    buf = io.BytesIO()
    write_mo(buf, cat)
    buf.seek(0)
    return Translations(buf)


@pytest.fixture
def french(app, monkeypatch):
    with app.test_request_context():
        cache = get_domain().cache
    monkeypatch.setitem(cache, ("fr", "messages"), catalogue(FRENCH))


@pytest.fixture
def viewer(db_session, client, make_user, login):
    analysis_data.two_baselines(db_session)
    login(make_user("viewer"))
    client.set_cookie("lang", "fr")
    return client


def test_chart_text_is_translated(french, viewer) -> None:
    query = {"a": OLD, "b": OLD}
    page = viewer.get("/compare", query_string=query).get_data(as_text=True)
    assert 'alt="Projets par pilier"' in page and "<caption>Projets par pilier</caption>" in page
    assert "Les chiffres de ce graphique" in page and '<th scope="col">Pilier</th>' in page
    assert "Aucun changement entre ces situations de référence" in page
    svg = viewer.get("/compare/chart/pillar.svg", query_string=query).data.decode()
    root = ET.fromstring(svg)
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text == "Projets par pilier"
    assert desc is not None and desc.text and desc.text.startswith("I : ")
    assert "projets" in svg.split("</desc>", 1)[1]  # the axis label, drawn as text
    empty = viewer.get("/compare/chart/transitions.svg", query_string=query).data.decode()
    assert f"Changements de statut de {OLD} à {OLD}" in empty
