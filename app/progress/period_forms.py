"""Forms of the reporting period pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, StringField
from wtforms.validators import InputRequired

from app.ui.date_input import date_field
from app.ui.forms import ReasonForm, VersionedForm, quarter_key, strip


class NewPeriodForm(VersionedForm):
    """A quarter key; the entry window defaults from it when left empty."""

    key = StringField(_l("Quarter"), validators=[InputRequired(), quarter_key], filters=[strip])
    entry_opens_on = date_field(_l("Entry opens on (default: the quarter's last day)"))
    due_on = date_field(_l("Due on (default: 30 days after the quarter)"))


class PeriodDatesForm(VersionedForm):
    """When entry opens and when reports are due."""

    entry_opens_on = date_field(_l("Entry opens on"), required=True)
    due_on = date_field(_l("Due on"), required=True)


class LockForm(ReasonForm):
    """The lock confirmation: a reason, and the box that says the summary was read."""

    # Posted by the confirmation page, so that an unticked box there is an error, not a first look.
    shown = HiddenField()
    confirm = BooleanField(_l("I have read the summary above and want to lock this period"))
