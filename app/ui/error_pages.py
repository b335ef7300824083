"""How a refused request answers on the web: the domain's PermissionDenied, NotFound and Tampered,
and the database's refusals, as pages."""

from __future__ import annotations

from flask import Flask, current_app, render_template
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError, OperationalError

from app import db, security
from app.errors import NotFound, PermissionDenied, Tampered
from reports.errors import ReportError


def init_app(app: Flask) -> None:
    """Answer PermissionDenied with 403, NotFound with 404 and frozen data that no longer matches
    its hash with 409, whichever view raised them; a write the database refused on a unique key
    (a lost create race) or another of its rules is a 409 that says so, and a locked (busy)
    SQLite database a 503 asking to try again, never a 500. A report that cannot be rendered
    (a font file missing on the server) is a 503 that says why, and is logged."""
    app.register_error_handler(PermissionDenied, _denied)
    app.register_error_handler(NotFound, _not_found)
    app.register_error_handler(Tampered, _tampered)
    app.register_error_handler(IntegrityError, _refused_by_database)
    app.register_error_handler(OperationalError, _busy)
    app.register_error_handler(ReportError, _unrenderable)


def _denied(error: PermissionDenied) -> tuple[str, int]:
    db.session().rollback()
    return render_template("error.html", code=403, title=_("Forbidden"), message=str(error)), 403


def _not_found(_error: NotFound) -> tuple[str, int]:
    db.session().rollback()
    message = _("The page or record does not exist, or you may not see it.")
    return render_template("error.html", code=404, title=_("Not found"), message=message), 404


def _tampered(error: Tampered) -> tuple[str, int]:
    db.session().rollback()
    title = _("Frozen data altered")
    return render_template("error.html", code=409, title=title, message=str(error)), 409


def _refused_by_database(error: IntegrityError) -> tuple[str, int]:
    db.session().rollback()
    message = db.integrity_message(error)
    title = _("Not saved")
    return render_template(
        "error.html", code=409, title=title, message=message[0].upper() + message[1:]
    ), 409


def _busy(error: OperationalError) -> ResponseReturnValue:
    if not db.is_locked(error):
        return security.server_error(error)
    db.session().rollback()
    message = _("The database is busy with another change. Nothing was saved: try again.")
    page = render_template("error.html", code=503, title=_("Busy"), message=message)
    return page, 503, {"Retry-After": "2"}


def _unrenderable(error: ReportError) -> tuple[str, int]:
    db.session().rollback()
    current_app.logger.error("report not rendered: %s", error)
    message = _(
        "The report cannot be produced on this server: %(error)s. Tell the administrator.",
        error=str(error),
    )
    title = _("Report unavailable")
    return render_template("error.html", code=503, title=title, message=message), 503
