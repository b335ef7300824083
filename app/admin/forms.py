"""The account forms of the users pages: fields and their formats only (the rules on role and
entity are app/auth/services.py's and admin_services.py's)."""

from __future__ import annotations

from typing import TypeVar

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField
from wtforms.validators import InputRequired, Length

from app.errors import ValidationFailed
from app.models.enums import Role
from app.ui.forms import add_error, clean_text, strip, text_field
from app.ui.navigation import ROLE_LABELS

NO_ENTITY = ("", _l("None (not a focal point)"))


class _Identity(FlaskForm):
    # Declared before AccessForm so that a new account's form shows e-mail and name first.
    email = EmailField(
        _l("E-mail"), validators=[InputRequired(), Length(max=254), clean_text], filters=[strip]
    )
    name = text_field(_l("Name"), 200, required=False)


class AccessForm(FlaskForm):
    """A role and, for a focal point, the entity (choices set by the view)."""

    role = SelectField(_l("Role"), choices=[(r.value, ROLE_LABELS[r.value]) for r in Role])
    entity = SelectField(_l("Entity"), choices=[NO_ENTITY])


class NewUserForm(_Identity, AccessForm):
    """E-mail and name of a new account, then its role and entity."""


F = TypeVar("F", bound=AccessForm)


def with_entities(form: F, acronyms: list[str]) -> F:
    """Offer the Compact entities in the entity select."""
    form.entity.choices = [NO_ENTITY, *((a, a) for a in acronyms)]
    return form


def place_problems(form: FlaskForm, error: ValidationFailed) -> None:
    """Show each "field: problem" beside its field instead of above the form."""
    joined = str(error)
    if joined in form.form_errors:
        form.form_errors.remove(joined)
    for problem in error.problems:
        name, _, message = problem.partition(": ")
        if message and name in form:
            add_error(form[name], message[:1].upper() + message[1:] + ".")
        else:
            form.form_errors.append(problem)
