"""Forms of the reporting period pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, HiddenField, StringField
from wtforms.validators import InputRequired, Optional

from app.ui.forms import ReasonForm, VersionedForm, quarter_key, strip


class NewPeriodForm(VersionedForm):
    """A quarter key; the entry window defaults from it when left empty."""

    key = StringField(_l("Quarter"), validators=[InputRequired(), quarter_key], filters=[strip])
    entry_opens_on = DateField(_l("Entry opens on (default: the quarter's last day)"), [Optional()])
    due_on = DateField(_l("Due on (default: 30 days after the quarter)"), [Optional()])


class PeriodDatesForm(VersionedForm):
    """When entry opens and when reports are due."""

    entry_opens_on = DateField(_l("Entry opens on"), [InputRequired()])
    due_on = DateField(_l("Due on"), [InputRequired()])


class LockForm(ReasonForm):
    """The lock confirmation: a reason, and the box that says the summary was read."""

    # Posted by the confirmation page, so that an unticked box there is an error, not a first look.
    shown = HiddenField()
    confirm = BooleanField(_l("I have read the summary above and want to lock this period"))
