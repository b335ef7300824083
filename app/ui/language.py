"""The language switcher's route: POST /language sets the `lang` cookie, saves the choice on a
signed-in user's account, and goes back to the page the switcher was on (a local address only).

The switcher itself is in the header of every page (base.html), the sign-in and error pages
included; app/i18n.py decides which language a request is served in.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, Flask, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import HiddenField, StringField
from wtforms.validators import AnyOf, InputRequired

from app.auth.services import set_language
from app.i18n import COOKIE, LANGUAGES
from app.redirects import safe_next
from app.ui.writes import button_write

bp = Blueprint("language", __name__)
ONE_YEAR = 365 * 24 * 3600


class LanguageForm(FlaskForm):
    """One of the six language codes, and the page to go back to."""

    language = StringField(
        _l("Language"),
        validators=[
            InputRequired(_l("Choose a language in the list.")),
            AnyOf(list(LANGUAGES), message=_l("Choose one of the six languages in the list.")),
        ],
    )
    next = HiddenField()


def back_to() -> str:
    """Return where the switcher goes back to: this page when it was read with GET, else the
    page the switch was asked from (when local), else the start page.

    The form carries the page's path only: echoing its query string into every page would
    repeat whatever a reader typed into a filter (tests/app/test_compare_view.py). The query
    comes back from the same-origin Referer (Referrer-Policy: same-origin) when there is one.
    """
    home = url_for("home.index")
    if request.method == "GET":
        return request.path
    return safe_next(_referring_page() or request.form.get("next"), home)


def _referring_page() -> str | None:
    """Return the path and query of the same-site page that posted the switch, if any."""
    parts = urlsplit(request.referrer or "")
    if not parts.path or parts.netloc != request.host:
        return None
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


@bp.route("/language", methods=["POST"])
def choose() -> ResponseReturnValue:
    """Switch the language: cookie for everyone, saved on the account when signed in."""
    form = LanguageForm()
    if not form.validate_on_submit():
        return _refused(form)
    code = form.language.data or ""
    if current_user.is_authenticated:
        with button_write() as write:
            set_language(write.session, current_user, code)
        if not write.ok:
            return redirect(back_to())
    return _with_cookie(redirect(back_to()), code)


def _refused(form: LanguageForm) -> tuple[str, int]:
    problems = [*form.language.errors, *(form.errors.get("csrf_token") or [])]
    message = " ".join(str(p) for p in problems) or _(
        "Choose one of the six languages in the list."
    )
    page = render_template("error.html", code=400, title=_("Language not changed"), message=message)
    return page, 400


def _with_cookie(response: Response, code: str) -> Response:
    response.set_cookie(
        COOKIE,
        code,
        max_age=ONE_YEAR,
        samesite="Lax",
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
        httponly=True,
    )
    return response


def init_app(app: Flask) -> None:
    """Give every template the address the header's switcher goes back to."""
    app.jinja_env.globals["language_next"] = back_to
