"""The one way a view runs a write: a service inside `form_write` or `button_write`.

Each block is an `app.db.transaction()`: it commits once when it ends without an error, and
rolls back otherwise. A domain error becomes what the user sees: on a form, a message next to
the field (FieldInvalid) or above the form (a conflict, any other rule), with the version reset
so that saving again is a deliberate overwrite; for a button, a flash. PermissionDenied and
NotFound are re-raised for the error pages (403 and 404), after the rollback.

    with form_write(form, record=project) as write:
        services.update_project(write.session, current_user, project, data, version)
    if write.ok:
        return write.done(url_for("portfolio.project", project_id=project.id))
    return form_page(form, ...)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import flash, redirect
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from app import db
from app.errors import Conflict, DomainError, FieldInvalid, NotFound, PermissionDenied
from app.ui.decimal_input import understood

CONFLICT = _l("Someone else saved this record while you were editing it. Check and save again.")


@dataclass
class Write:
    """One write in progress: its session, then whether it was committed and why not."""

    session: Session
    ok: bool = False
    error: DomainError | None = field(default=None)
    form: FlaskForm | None = None  # its numbers' "read as" notes follow the saved message

    def done(self, url: str, message: str | None = None, failed: str | None = None) -> Response:
        """Redirect after the write: to `url` with `message` if committed, else to `failed`."""
        if self.ok:
            flash(message or _("Saved."), "success")
            for note in understood(self.form) if self.form is not None else ():
                flash(note, "success")
            return redirect(url)
        return redirect(failed or url)


@contextmanager
def form_write(form: FlaskForm, record: object | None = None) -> Iterator[Write]:
    """Run a form's service: commit, or show the refusal on the form (see the module doc)."""
    write = Write(db.session(), form=form)
    try:
        with db.transaction():
            yield write
    except (PermissionDenied, NotFound):
        raise
    except (Conflict, StaleDataError) as error:
        message = str(error) if isinstance(error, Conflict) else str(CONFLICT)
        form.form_errors.append(message)
        _reset_version(form, record)
        write.error = Conflict(message)
    except FieldInvalid as error:
        _field_error(form, error.field, str(error))
        write.error = error
    except DomainError as error:
        form.form_errors.append(str(error))
        write.error = error
    else:
        write.ok = True


@contextmanager
def button_write() -> Iterator[Write]:
    """Run a button's service (delete, lock): commit, or flash why not."""
    write = Write(db.session())
    try:
        with db.transaction():
            yield write
    except (PermissionDenied, NotFound):
        raise
    except DomainError as error:
        flash(str(error), "error")
        write.error = error
    else:
        write.ok = True


def _reset_version(form: FlaskForm, record: object | None) -> None:
    # The user has now seen the other change: saving again is a deliberate overwrite.
    version = getattr(record, "version", None)
    if version is not None and "version" in form:
        form["version"].data = version
        form["version"].raw_data = [str(version)]


def _field_error(form: FlaskForm, name: str, message: str) -> None:
    if name in form:
        form[name].errors = [*form[name].errors, message]
    else:
        form.form_errors.append(message)
