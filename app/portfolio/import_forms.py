"""The administrators' import form: which list, and the file."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SelectField
from wtforms.validators import InputRequired, Regexp

from app.portfolio.labels import _l

KIND_CHOICES = [("projects", _l("Projects")), ("needs", _l("CTED needs"))]


class ImportForm(FlaskForm):
    """Upload a projects or needs file (CSV or XLSX) to preview what it changes."""

    kind = SelectField(_l("What the file lists"), choices=KIND_CHOICES, default="projects")
    file = FileField(_l("File (.csv or .xlsx)"), [FileRequired(_l("Choose a file to upload."))])


class PendingForm(FlaskForm):
    """Confirm or cancel a previewed upload, named by its token (in the body, not the URL)."""

    token = HiddenField(validators=[InputRequired(), Regexp(r"^[A-Za-z0-9_-]{43}$")])
