"""The form that freezes a baseline."""

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import InputRequired, Length

from app.baselines.services import MAX_LABEL
from app.portfolio.labels import _l
from app.ui.date_input import date_field
from app.ui.forms import clean_text, one_line


class BaselineForm(FlaskForm):
    """Label and as-of date of a new baseline."""

    label = StringField(
        _l("Label"),
        validators=[
            InputRequired(message=_l("Give the baseline a label.")),
            Length(max=MAX_LABEL),
            clean_text,
            one_line,
        ],
    )
    as_of = date_field(_l("As of"), required=True)
