"""Six languages: the switcher on every page, POST /language (cookie, saved preference, safe
return), the choice kept at sign-in, Accept-Language, and a bad code refused with a message."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.models.audit import AuditEvent
from app.redirects import safe_next
from tests.conftest import sign_in


def html_tag(body: str) -> str:
    """Return the page's <html ...> opening tag."""
    found = re.search(r"<html[^>]*>", body)
    assert found is not None, body[:500]
    return found.group(0)


def test_sign_in_page_has_the_switcher_with_each_language_named_in_itself(client) -> None:
    body = client.get("/login").get_data(as_text=True)
    assert 'action="/language"' in body
    assert '<label for="language-choice">Language</label>' in body
    for code, name in (("ar", "العربية"), ("zh", "中文"), ("fr", "Français"), ("ru", "Русский")):
        assert f'<option value="{code}" lang="{code}"' in body
        assert f">{name}</option>" in body
    assert 'name="next" value="/login"' in body


def test_error_page_has_the_switcher(client) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert 'action="/language"' in response.get_data(as_text=True)


def test_choosing_arabic_sets_the_cookie_and_goes_back(client) -> None:
    response = client.post("/language", data={"language": "ar", "next": "/login"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("lang=ar;")
    assert "Max-Age=31536000" in cookie and "SameSite=Lax" in cookie and "HttpOnly" in cookie
    assert "Secure" not in cookie
    page = client.get("/login").get_data(as_text=True)
    assert html_tag(page) == '<html lang="ar" dir="rtl">'


def test_the_cookie_is_secure_when_the_session_cookie_is(app, client) -> None:
    app.config["SESSION_COOKIE_SECURE"] = True
    try:
        response = client.post("/language", data={"language": "fr", "next": "/login"})
    finally:
        app.config["SESSION_COOKIE_SECURE"] = False
    assert "Secure" in response.headers["Set-Cookie"]


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", ""],
)
def test_an_outside_next_goes_to_the_start_page(client, target: str) -> None:
    response = client.post("/language", data={"language": "fr", "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("code", ["xx", "", "EN", "ar<script>", "en" * 10])
def test_a_bad_code_is_refused_with_a_message(client, code: str) -> None:
    response = client.post("/language", data={"language": code, "next": "/login"})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "Language not changed" in body
    assert "Choose" in body and "languages in the list" in body or "Choose a language" in body
    assert "Set-Cookie" not in response.headers or "lang=" not in response.headers["Set-Cookie"]


def test_a_signed_in_choice_is_saved_and_audited(client, make_user, db_session) -> None:
    user = make_user("viewer")
    sign_in(client, user)
    response = client.post("/language", data={"language": "zh", "next": "/projects?page=2"})
    assert response.headers["Location"] == "/projects?page=2"
    assert user.language == "zh"
    events = db_session.scalars(
        select(AuditEvent).where(AuditEvent.action == "user.language_changed")
    ).all()
    assert [(e.user_id, e.before, e.after) for e in events] == [
        (user.id, {"language": None}, {"language": "zh"})
    ]
    client.delete_cookie("lang")
    assert html_tag(client.get("/").get_data(as_text=True)) == '<html lang="zh" dir="ltr">'


def test_the_choice_made_before_sign_in_is_saved_at_sign_in(client, make_user) -> None:
    user = make_user("viewer")
    client.post("/language", data={"language": "ru", "next": "/login"})
    sign_in(client, user)
    assert user.language == "ru"


def test_sign_in_keeps_a_saved_language(client, make_user) -> None:
    user = make_user("viewer")
    user.language = "es"
    client.post("/language", data={"language": "fr", "next": "/login"})
    sign_in(client, user)
    assert user.language == "es"


def test_accept_language_chooses_french(client) -> None:
    page = client.get("/login", headers={"Accept-Language": "fr-CH, fr;q=0.9, en;q=0.8"})
    assert html_tag(page.get_data(as_text=True)) == '<html lang="fr" dir="ltr">'


def test_without_any_choice_the_page_is_english(client) -> None:
    page = client.get("/login", headers={"Accept-Language": "de, ja;q=0.5"})
    assert html_tag(page.get_data(as_text=True)) == '<html lang="en" dir="ltr">'


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/projects?page=2", "/projects?page=2"),
        ("/", "/"),
        ("//evil.example", "/home"),
        ("/\\evil.example", "/home"),
        ("https://evil.example/", "/home"),
        ("/ok\nSet-Cookie: x", "/home"),
        ("relative/path", "/home"),
        (None, "/home"),
    ],
)
def test_safe_next(target: str | None, expected: str) -> None:
    assert safe_next(target, "/home") == expected


def test_outside_a_request_messages_are_english(app) -> None:
    """A command runs in an application context whose `g` is in use: English, no error."""
    from flask import g
    from flask_babel import gettext

    from indicators.i18n import gettext as pure_gettext

    g.something = 1  # Flask-Babel asks the selector only when `g` is not empty
    assert gettext("Sign in") == "Sign in"
    assert pure_gettext("Saved %(code)s.", code="A") == "Saved A."


def test_a_compiled_catalogue_translates_the_pages(engine, tmp_path) -> None:
    """With a French catalogue, the sign-in page, its switcher and the sign-in flash are French
    (the messages are marked and looked up per request, not frozen at import)."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    from app import create_app, i18n
    from tests.conftest import TEST_KEY

    catalogue = Catalog(locale="fr")
    for english, french in (
        ("Sign in", "Se connecter"),
        ("Language", "Langue"),
        ("Sign in to continue.", "Connectez-vous pour continuer."),
        ("Password", "Mot de passe"),
    ):
        catalogue.add(english, french)
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.mo").open("wb") as handle:
        write_mo(handle, catalogue)
    app = create_app(
        {
            "DATABASE_URL": engine.url.render_as_string(hide_password=False),
            "SECRET_KEY": TEST_KEY,
            "TESTING": True,
            "BABEL_TRANSLATION_DIRECTORIES": str(tmp_path),
        }
    )
    # Flask-Babel caches catalogues by language on its one (module-level) domain, whatever the
    # app: start from an empty cache, and leave none of this catalogue to the other tests.
    cache = i18n.babel.domain_instance.cache
    cache.clear()
    try:
        client = app.test_client()
        client.set_cookie("lang", "fr")
        page = client.get("/", follow_redirects=True).get_data(as_text=True)
        client.set_cookie("lang", "en")
        english = client.get("/login").get_data(as_text=True)
    finally:
        cache.clear()
    assert html_tag(page) == '<html lang="fr" dir="ltr">'
    assert "<h1>Se connecter</h1>" in page
    assert '<label for="language-choice">Langue</label>' in page
    assert "Connectez-vous pour continuer." in page
    assert "Mot de passe" in page
    assert "<h1>Sign in</h1>" in english


def test_the_switch_needs_the_csrf_token_of_the_page(app, client) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        refused = client.post("/language", data={"language": "fr", "next": "/login"})
        page = client.get("/login").get_data(as_text=True)
        form = page.split('<form class="language"')[1].split("</form>")[0]
        token = re.search(r'name="csrf_token" value="([^"]+)"', form)
        assert token is not None
        data = {"language": "fr", "next": "/login", "csrf_token": token.group(1)}
        accepted = client.post("/language", data=data)
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert refused.status_code == 400 and "lang=" not in refused.headers.get("Set-Cookie", "")
    assert "CSRF" in refused.get_data(as_text=True)
    assert accepted.status_code == 302 and accepted.headers["Set-Cookie"].startswith("lang=fr;")
