"""The HTTP error pages people meet speak the page's language, Werkzeug's default descriptions
included; in English they read exactly as Werkzeug writes them."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.support import Translations
from markupsafe import escape
from werkzeug import exceptions

from app.security import HTTP_DESCRIPTIONS

CATALOGUES = Path(__file__).resolve().parents[2] / "app" / "translations"


@pytest.mark.parametrize("code", sorted(HTTP_DESCRIPTIONS))
def test_the_messages_are_werkzeugs_own_words(code: int) -> None:
    assert str(HTTP_DESCRIPTIONS[code]) == exceptions.default_exceptions[code].description


@pytest.mark.parametrize("language", ["en", "fr", "zh"])
def test_an_unknown_page_is_described_in_the_readers_language(client, language: str) -> None:
    response = client.get("/no-such-page", headers={"Accept-Language": language})
    english = exceptions.NotFound.description
    said = Translations.load(str(CATALOGUES), [language]).gettext(english)
    assert response.status_code == 404
    assert str(escape(said)) in response.get_data(as_text=True)
    if language != "en":
        assert said != english, "the catalogue should translate Werkzeug's description"
