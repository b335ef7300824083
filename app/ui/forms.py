"""Validators and base forms shared by the editing pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Protocol, TypeVar

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, Form, IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, Regexp, ValidationError
from wtforms.widgets import HiddenInput

from app import text
from app.models.columns import choices
from app.ui.date_input import LocaleDateField
from app.ui.decimal_input import LocaleDecimalField
from indicators.periods import is_quarter
from indicators.types import Pillar as PillarCode
from reports.formatting import fmt_value

T = TypeVar("T")
MAX_AMOUNT = Decimal("1e12")


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
            raise ValidationError(_("Enter an ordinary number (not NaN or infinity)."))
        if not self.low <= value <= self.high:
            raise ValidationError(
                _(
                    "Enter a number between %(low)s and %(high)s.",
                    low=fmt_value(self.low),
                    high=fmt_value(self.high),
                )
            )
        exponent = value.as_tuple().exponent  # an int: the number is finite
        if isinstance(exponent, int) and exponent < -self.places:
            raise ValidationError(_("Use at most %(places)s decimal places.", places=self.places))


def clean_text(_form: Form, field: Field) -> None:
    """Refuse what app.text forbids: control characters, direction overrides, lone surrogates."""
    if field.data and text.problem(field.data):
        raise ValidationError(text.message())


def one_line(_form: Form, field: Field) -> None:
    """Refuse line breaks and tabs in a value that is shown on one line (a label, a title)."""
    if field.data and any(c in field.data for c in "\t\n\r"):
        raise ValidationError(_("Write this on one line."))


def quarter_key(_form: Form, field: Field) -> None:
    """Refuse a period key that is not like 2019Q3."""
    if field.data and not is_quarter(field.data):
        raise ValidationError(_("Write the quarter as YYYYQn, e.g. 2019Q3."))


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

    reason = TextAreaField(_l("Reason"), validators=[Length(max=2000), clean_text], filters=[strip])


class ConfirmForm(FlaskForm):
    """A bare form for buttons that post (delete, unlink): only the CSRF token."""


CODE = [
    InputRequired(),
    Length(max=64),
    Regexp(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$", message=_l("Use letters, digits and . _ / - only.")),
]
PILLARS = [(p, _l("Pillar %(pillar)s", pillar=p)) for p in choices(PillarCode)]


def options(values: list[str]) -> list[tuple[str, str]]:
    """Return (value, label) choices with underscores read as spaces."""
    return [(v, v.replace("_", " ")) for v in values]


def text_field(label: str, limit: int, required: bool = True) -> StringField:
    """Return a one-line text field: trimmed, bounded, free of control characters."""
    checks = [InputRequired() if required else Optional(), Length(max=limit), clean_text]
    return StringField(label, validators=checks, filters=[strip])


def area_field(label: str, limit: int, required: bool = True) -> TextAreaField:
    """Return a multi-line text field: trimmed, bounded, free of control characters."""
    checks = [InputRequired() if required else Optional(), Length(max=limit), clean_text]
    return TextAreaField(label, validators=checks, filters=[strip])


def amount_field(
    label: str, required: bool = False, low: int | Decimal = 0, places: int = 4
) -> LocaleDecimalField:
    """Return a number field bounded to [low, MAX_AMOUNT], typed in the reader's locale."""
    first = InputRequired() if required else Optional()
    return LocaleDecimalField(label, validators=[first, Bounded(low, MAX_AMOUNT, places)])


class Dated(Protocol):
    """A form with a start and an end date."""

    start_date: LocaleDateField
    end_date: LocaleDateField


def add_error(field: Field, message: str) -> None:
    """Show a message next to a field (a new list: before validation its errors are a tuple)."""
    field.errors = [*field.errors, message]


def required(data: T | None) -> T:
    """Return the data of a validated InputRequired field, which cannot be None."""
    if data is None:
        raise ValueError("required() is for fields that passed InputRequired")
    return data


def dates_ordered(form: Dated) -> bool:
    """Tell whether a form's end date is not before its start date; else say so on the field."""
    start, end = form.start_date.data, form.end_date.data
    if start and end and end < start:
        add_error(form.end_date, _("The end date cannot come before the start date."))
        return False
    return True
