"""Validators and base forms shared by the editing pages."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from flask import flash, redirect
from flask_wtf import FlaskForm
from sqlalchemy.orm.exc import StaleDataError
from wtforms import Field, Form, IntegerField, TextAreaField
from wtforms.validators import Length, Optional, ValidationError
from wtforms.widgets import HiddenInput

from app import db
from app.errors import Conflict, DomainError, FieldInvalid, NotFound, PermissionDenied
from app.progress.quarters import is_quarter

MAX_AMOUNT = Decimal("1e12")
CONFLICT = "Someone else saved this record while you were editing it. Check and save again."
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


class Bounded:
    """Refuse NaN, infinities and numbers outside [low, high] or with too many decimals."""

    def __init__(self, low: Decimal | int, high: Decimal | int, places: int = 4) -> None:
        self.low, self.high, self.places = Decimal(low), Decimal(high), places

    def __call__(self, _form: Form, field: Field) -> None:
        data = field.data
        if data is None:
            return
        value = Decimal(data)
        if not value.is_finite():
            raise ValidationError("Enter an ordinary number (not NaN or infinity).")
        if not self.low <= value <= self.high:
            raise ValidationError(f"Enter a number between {self.low:,} and {self.high:,}.")
        if value.as_tuple().exponent < -self.places:  # type: ignore[operator]
            raise ValidationError(f"Use at most {self.places} decimal places.")


def clean_text(_form: Form, field: Field) -> None:
    """Refuse control characters, direction overrides and lone surrogates."""
    if field.data and _CONTROL.search(field.data):
        raise ValidationError("Remove the invisible control characters from this text.")


def quarter_key(_form: Form, field: Field) -> None:
    """Refuse a period key that is not like 2019Q3."""
    if field.data and not is_quarter(field.data):
        raise ValidationError("Write the quarter as YYYYQn, e.g. 2019Q3.")


def strip(value: Any) -> Any:
    """Trim surrounding spaces from submitted text."""
    return value.strip() if isinstance(value, str) else value


class VersionField(IntegerField):
    """The version a form was drawn from; a POST without it carries none (never the current)."""

    widget = HiddenInput()

    def process_formdata(self, valuelist: list[Any]) -> None:
        """Take the version from the submitted form only."""
        if not valuelist:
            self.data = None
            return
        super().process_formdata(valuelist)


class VersionedForm(FlaskForm):
    """An edit form that carries the version the user started from."""

    version = VersionField(validators=[Optional(), Bounded(0, 2**31, 0)])


class ReasonForm(FlaskForm):
    """A mandatory reason, kept in the audit trail."""

    reason = TextAreaField("Reason", validators=[Length(max=2000), clean_text], filters=[strip])


class ConfirmForm(FlaskForm):
    """A bare form for buttons that post (delete, unlink): only the CSRF token."""


def submit(
    form: FlaskForm, call: Callable[[], object], done: str | Callable[[], str], record: Any = None
) -> Any:
    """Run one service on a valid form: commit and redirect, or show its errors on the form."""
    session = db.session()
    try:
        call()
        session.commit()
    except (PermissionDenied, NotFound):
        session.rollback()
        raise
    except (Conflict, StaleDataError) as error:
        session.rollback()
        message = str(error) if isinstance(error, Conflict) else CONFLICT
        form.form_errors.append(message)
        if record is not None:
            # Saving again now is a deliberate overwrite of what the message shows.
            form.version.data = record.version
            form.version.raw_data = [str(record.version)]
    except FieldInvalid as error:
        session.rollback()
        _field_error(form, error.field, str(error))
    except DomainError as error:
        session.rollback()
        form.form_errors.append(str(error))
    else:
        flash("Saved.", "success")
        return redirect(done if isinstance(done, str) else done())
    return None


def _field_error(form: FlaskForm, name: str, message: str) -> None:
    if name in form:
        form[name].errors = [*form[name].errors, message]
    else:
        form.form_errors.append(message)


def act(call: Callable[[], object], done: str, message: str, failed: str | None = None) -> Any:
    """Run one service for a button (delete, lock): commit and redirect, or flash why not."""
    session = db.session()
    try:
        call()
        session.commit()
    except (PermissionDenied, NotFound):
        session.rollback()
        raise
    except DomainError as error:
        session.rollback()
        flash(str(error), "error")
        return redirect(failed or done)
    flash(message, "success")
    return redirect(done)
