"""The quarterly report's issue confirmation form."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField

from app.portfolio.labels import _l


class IssueForm(FlaskForm):
    """The quarter, scope and comparison being issued, and the box that says the summary was
    read (the view checks the three values; they travel hidden from the /reports form)."""

    period = HiddenField()
    entity = HiddenField()
    compare = HiddenField()
    # Posted by the confirmation page, so that an unticked box there is an error, not a first look.
    shown = HiddenField()
    confirm = BooleanField(
        _l("I have read the summary above and want to issue this report for good")
    )
