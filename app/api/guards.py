"""The API's guards and error answers: plain query values, and JSON for every error (no HTML,
no traceback), registered on the `api` blueprint."""

from __future__ import annotations

import re

from flask import Response, current_app, request
from sqlalchemy.exc import IntegrityError, OperationalError
from werkzeug.exceptions import HTTPException

from app import db
from app.api.views import BadRequest, bp
from app.errors import NotFound, Tampered
from app.json_errors import json_error

MAX_PARAMETER = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@bp.before_request
def _plain_parameters() -> Response | None:
    """Refuse a query or path value holding a NUL or another control character, or longer than
    MAX_PARAMETER characters, with a JSON 400 that names it (PostgreSQL text cannot hold NUL)."""
    values = [(f"{name}", value) for name, value in request.args.items(multi=True)]
    values += [(n, v) for n, v in (request.view_args or {}).items() if isinstance(v, str)]
    for name, value in values:
        shown = _CONTROL.sub("?", name[:40])
        if _CONTROL.search(name) or _CONTROL.search(value):
            return json_error(400, f"{shown}: remove the control character (NUL, tab, ...)")
        if len(value) > MAX_PARAMETER or len(name) > MAX_PARAMETER:
            return json_error(400, f"{shown}: at most {MAX_PARAMETER} characters")
    return None


@bp.errorhandler(IntegrityError)
def _refused_by_database(error: IntegrityError) -> Response:
    db.session().rollback()
    return json_error(409, db.integrity_message(error))


@bp.errorhandler(NotFound)
def _not_found(error: NotFound) -> Response:
    return json_error(404, str(error))


@bp.errorhandler(Tampered)
def _tampered(error: Tampered) -> Response:
    return json_error(409, str(error))


@bp.errorhandler(BadRequest)
def _bad_request(error: BadRequest) -> Response:
    return json_error(400, str(error))


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> Response:
    return json_error(error.code or 500, error.description or error.name)


@bp.errorhandler(Exception)
def _server_error(error: Exception) -> Response:
    """Whatever went wrong, the API answers JSON (the error is logged, nothing was saved)."""
    if isinstance(error, HTTPException):
        return _http_error(error)
    if isinstance(error, OperationalError) and db.is_locked(error):
        db.session().rollback()
        return json_error(503, "the database is busy with another change; try again")
    current_app.logger.exception("Unhandled error on %s", request.path)
    db.session().rollback()
    return json_error(500, "something went wrong; the error has been logged")
