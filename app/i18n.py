"""The six official languages of the United Nations: which one a request is served in.

Flask-Babel does the work (gettext catalogues in app/translations, compiled by `make install`;
Babel's locale data for numbers and dates). The order of choice: the signed-in user's saved
preference, else the language chosen with the switcher (a cookie, so that the sign-in page can be
read in it too), else the browser's Accept-Language, else English.
"""

from __future__ import annotations

from flask import Flask, has_request_context, request
from flask_babel import Babel, get_locale, get_translations, refresh
from flask_login import current_user

import indicators.i18n

# In the order the United Nations lists them, each named in its own language.
LANGUAGES: dict[str, str] = {
    "ar": "العربية",
    "zh": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}
RIGHT_TO_LEFT = frozenset({"ar"})
DEFAULT = "en"
COOKIE = "lang"

babel = Babel()


def select_locale() -> str:
    """Return the language of this request (see the module's docstring for the order); a
    command outside any request (an import, a snapshot) speaks English, and so does the JSON
    API (locale-free: its errors are read by programs)."""
    if not has_request_context() or request.blueprint == "api":
        return DEFAULT
    saved = getattr(current_user, "language", None) if current_user else None
    if saved in LANGUAGES:
        return str(saved)
    chosen = request.cookies.get(COOKIE)
    if chosen in LANGUAGES:
        return str(chosen)
    return request.accept_languages.best_match(list(LANGUAGES), default=DEFAULT) or DEFAULT


def language() -> str:
    """Return the current request's language code ("en" outside a request)."""
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT


def direction() -> str:
    """Return "rtl" for Arabic, "ltr" for the other five."""
    return "rtl" if language() in RIGHT_TO_LEFT else "ltr"


def init_app(app: Flask) -> None:
    """Bind Flask-Babel and give every template the language, its direction and the list."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")
    babel.init_app(app, locale_selector=select_locale)
    # Flask-Babel keeps the chosen language on `g`, which outlives one request when an outer
    # application context is pushed (a command, the tests): each request chooses afresh.
    app.before_request(refresh)
    indicators.i18n.install(get_translations, language)
    app.jinja_env.globals.update(
        page_language=language, page_direction=direction, LANGUAGES=LANGUAGES
    )
