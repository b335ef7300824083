"""The report pages speak the reader's language: with a catalogue that translates every message
(a pseudo-language that brackets it), the page's own words, its field labels, its messages and
the statuses it shows come out of the catalogue, while the data typed by people stays as it is."""

from __future__ import annotations

import re
from typing import Any

import flask_babel
import pytest

from tests.app.progress_data import world


class Bracketed:
    """A catalogue that "translates" every message by bracketing it: ⟦Save draft⟧."""

    def ugettext(self, message: str) -> str:
        return f"⟦{message}⟧"

    def ungettext(self, singular: str, plural: str, n: int) -> str:
        return f"⟦{singular if n == 1 else plural}⟧"

    gettext, ngettext = ugettext, ungettext


@pytest.fixture
def bracketed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(flask_babel.Domain, "get_translations", lambda self: Bracketed())


@pytest.fixture
def w(db_session: Any) -> Any:
    return world(db_session)


def _text(page: str) -> str:
    """Return what a reader sees of a page's main part (no tags, no scripts)."""
    main = page.split("<main", 1)[-1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def test_the_report_page_takes_its_words_from_the_catalogue(
    bracketed: None, client: Any, make_user: Any, login: Any, w: Any
) -> None:
    login(make_user("focal_point", "UNODC"))
    page = client.get(w.url).get_data(as_text=True)
    seen = _text(page)
    for words in ("⟦Save draft⟧", "⟦Submit for review⟧", "⟦Indicator⟧", "⟦Life target⟧"):
        assert words in seen
    assert "⟦Narrative⟧" in seen  # a form label
    assert "⟦not started⟧" in seen  # a status, translated at display
    assert "⟦Planned⟧" in page  # an activity status choice
    assert "P-1-NUM" in seen and "Run workshops" in seen  # data stays as typed


def test_a_refused_submission_says_so_in_the_readers_language(
    bracketed: None, client: Any, make_user: Any, login: Any, w: Any
) -> None:
    login(make_user("focal_point", "UNODC"))
    response = client.post(w.url, data={"version": "0", "action": "submit"})
    seen = _text(response.get_data(as_text=True))
    assert response.status_code == 422
    assert "⟦To submit, complete the fields marked below (draft not saved).⟧" in seen
    assert "⟦P-1-PER: enter numerator and denominator.⟧" in seen


def test_the_saved_flash_is_translated_and_survives_the_session(
    bracketed: None, client: Any, make_user: Any, login: Any, w: Any
) -> None:
    login(make_user("focal_point", "UNODC"))
    response = client.post(w.url, data=w.form(action="save"), follow_redirects=True)
    assert response.status_code == 200
    assert "⟦Draft saved.⟧" in response.get_data(as_text=True)
