"""CSRF, security headers, caching rules and error pages for every response."""

from __future__ import annotations

import os
from importlib.util import find_spec

from flask import Flask, Response, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.exceptions import HTTPException

from app.extensions import csrf
from app.json_errors import json_error, under_api

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


# The titles of the HTTP errors people meet, in the page's language (else Werkzeug's English).
HTTP_TITLES = {
    400: _l("Bad Request"),
    401: _l("Unauthorized"),
    403: _l("Forbidden"),
    404: _l("Not Found"),
    405: _l("Method Not Allowed"),
    409: _l("Conflict"),
    410: _l("Gone"),
    413: _l("Request Entity Too Large"),
    422: _l("Unprocessable Entity"),
    429: _l("Too Many Requests"),
    503: _l("Service Unavailable"),
}


# Werkzeug's own descriptions of those errors, word for word, so that a page in another language
# gives them translated (English pages read exactly as before; tests/app/test_error_language.py).
HTTP_DESCRIPTIONS = {
    400: _l("The browser (or proxy) sent a request that this server could not understand."),
    403: _l(
        "You don't have the permission to access the requested resource. It is either"
        " read-protected or not readable by the server."
    ),
    404: _l(
        "The requested URL was not found on the server. If you entered the URL manually please"
        " check your spelling and try again."
    ),
    405: _l("The method is not allowed for the requested URL."),
    413: _l("The data value transmitted exceeds the capacity limit."),
    429: _l("This user has exceeded an allotted request count. Try again later."),
}


def defused_xml() -> bool:
    """Tell whether openpyxl will parse workbooks with defusedxml (its own test, openpyxl.xml).

    Asked without importing openpyxl, which would load it (and numpy) for every command.
    """
    wanted = os.environ.get("OPENPYXL_DEFUSEDXML", "True") == "True"
    return wanted and find_spec("defusedxml") is not None


def init_app(app: Flask) -> None:
    """Protect every form against CSRF and set headers and error pages."""
    if not defused_xml():  # XML bombs in uploaded workbooks (RELIABILITY T39)
        raise RuntimeError("defusedxml must be installed and OPENPYXL_DEFUSEDXML not disabled")
    csrf.init_app(app)
    app.before_request(_refuse_nul)
    app.after_request(_headers)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, server_error)


def _refuse_nul() -> None:
    """Answer 400 to a NUL byte in the path: PostgreSQL text cannot hold one, so looking up
    /entities/%00/audit would fail with a 500.  (Query values are each view's to check: the
    comparison view ignores unknown filters and says so.)"""
    from flask import abort

    if "\x00" in request.path:
        abort(400, description=_("The address contains a NUL character."))


def _headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    from flask import current_app

    if current_app.config.get("PRODUCTION"):
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if _private(response):
        headers["Cache-Control"] = "no-store"
    return response


def _private(response: Response) -> bool:
    is_static = request.endpoint == "static"
    signed_in = bool(getattr(current_user, "is_authenticated", False))
    return not is_static and (
        signed_in
        or request.method != "GET"
        or response.status_code >= 400
        or "text/html" in (response.content_type or "")
    )


def _http_error(error: HTTPException) -> ResponseReturnValue:
    code = error.code or 500
    if under_api():  # an unknown /api path or method: JSON, as every /api answer
        return json_error(code, error.description or error.name)
    title = str(HTTP_TITLES.get(code, error.name))
    message = error.description
    if code in HTTP_DESCRIPTIONS and message == type(error).description:
        message = str(HTTP_DESCRIPTIONS[code])  # Werkzeug's default, in the page's language
    return render_template("error.html", code=code, title=title, message=message), code


def server_error(error: Exception) -> ResponseReturnValue:
    """Log the error and answer the generic 500 page (nothing was saved)."""
    from flask import current_app

    current_app.logger.exception("Unhandled error on %s", request.path)
    _rollback()  # the page below loads the user: a failed transaction must not fail it too
    if under_api():
        return json_error(500, "something went wrong; the error has been logged")
    return render_template(
        "error.html",
        code=500,
        title=_("Something went wrong"),
        message=_("The error has been logged. Nothing was saved."),
    ), 500


def _rollback() -> None:
    from flask import current_app, g

    session = g.get("db_session")
    if session is not None:
        try:
            session.rollback()
        except Exception:  # noqa: BLE001 - the error page must render whatever happened
            current_app.logger.warning("rollback failed while rendering the error page")
