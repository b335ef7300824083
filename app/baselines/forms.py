"""The form that freezes a baseline."""

from typing import Any

from flask_wtf import FlaskForm
from wtforms import DateField, Field, StringField
from wtforms.validators import InputRequired, Length, ValidationError

from app.baselines.services import MAX_LABEL


def no_control_characters(_form: Any, field: Field) -> None:
    """Refuse NUL and other control characters (PostgreSQL cannot store NUL in text)."""
    if any(ord(c) < 32 or c == "\x7f" for c in field.data or ""):
        raise ValidationError("Remove the control characters from the label.")


class BaselineForm(FlaskForm):
    """Label and as-of date of a new baseline."""

    label = StringField(
        "Label",
        validators=[
            InputRequired(message="Give the baseline a label."),
            Length(max=MAX_LABEL),
            no_control_characters,
        ],
    )
    as_of = DateField(
        "As of", validators=[InputRequired(message="Give the as-of date as YYYY-MM-DD.")]
    )
