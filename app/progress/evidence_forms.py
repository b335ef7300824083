"""The form that attaches evidence to a report: a file or a link, for the report or one value."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField, StringField
from wtforms.validators import Length

from app.models.logframe import Indicator
from app.progress.evidence_files import MAX_NAME
from app.ui.forms import clean_text

WHOLE_REPORT = 0


class EvidenceForm(FlaskForm):
    """A file, or a link with a title; for the whole report or one of its indicators."""

    file = FileField(_l("File (PDF, image, Word, Excel or PowerPoint; up to 10 MB)"))
    url = StringField(_l("…or a link (https://…)"), [Length(max=2000)])
    title = StringField(_l("Title of the link"), [Length(max=MAX_NAME), clean_text])
    indicator = SelectField(_l("Supports"), coerce=int, default=WHOLE_REPORT)


def evidence_form(indicators: list[Indicator], submitted: bool = False) -> EvidenceForm:
    """Return the form, read from the request when submitted, with the report's indicators."""
    form = EvidenceForm() if submitted else EvidenceForm(formdata=None)
    form.indicator.choices = [(WHOLE_REPORT, _("the whole report"))] + [
        (i.id, f"{i.code} {i.name}"[:90]) for i in indicators
    ]
    return form
