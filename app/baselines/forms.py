"""The form that freezes a baseline."""

from flask_wtf import FlaskForm
from wtforms import DateField, StringField
from wtforms.validators import InputRequired, Length

from app.baselines.services import MAX_LABEL
from app.portfolio.labels import _l
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
    as_of = DateField(
        _l("As of"), validators=[InputRequired(message=_l("Give the as-of date as YYYY-MM-DD."))]
    )
