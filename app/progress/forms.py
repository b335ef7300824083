"""The quarterly report form, built per report from the project's indicators and activities."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, Field, IntegerField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import HiddenInput

from app.models.columns import choices
from app.models.enums import ActivityStatus
from app.progress.numbers import check_quantity
from app.progress.part_fields import countries, part_data, part_fields, parts_input
from app.progress.services import ActivityInput, IndicatorInput, ReportInput, ReportScope
from app.ui.decimal_input import LocaleDecimalField
from app.ui.forms import clean_text
from indicators.shares import part_above_whole
from indicators.types import Measure

MAX_TEXT = 5000
# An activity's status in words; the stored value stays English (it is data).
ACTIVITY_LABELS = {
    ActivityStatus.PLANNED.value: _l("Planned"),
    ActivityStatus.ONGOING.value: _l("Ongoing"),
    ActivityStatus.COMPLETED.value: _l("Completed"),
    ActivityStatus.DELAYED.value: _l("Delayed"),
    ActivityStatus.CANCELLED.value: _l("Cancelled"),
}
MAX_NARRATIVE = 20000


class QuantityField(LocaleDecimalField):
    """A non-negative number typed in the reader's locale ("1,250", "1 250,5"); keeps what was
    typed when it is refused, shows a stored one without trailing zeros (11, not 11.0000)."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        """Parse the posted text strictly (NaN, Infinity, exponents and negatives refused)."""
        super().process_formdata(valuelist)
        if self.data is not None:
            self.data = check_quantity(self.data)


def positive(_form: Any, field: Field) -> None:
    """Refuse a zero denominator."""
    if field.data is not None and field.data == 0:
        raise ValidationError(_("The denominator must be more than 0."))


def not_above(denominator: str) -> Any:
    """Refuse a numerator above the denominator named (a share is at most 100 %)."""

    def check(form: Any, field: Field) -> None:
        whole = form[denominator].data if denominator in form else None
        if (problem := part_above_whole(field.data, whole)) is not None:
            raise ValidationError(problem)

    return check


class ReportForm(FlaskForm):
    """The fixed part of every report form; per-item fields are added by report_form()."""

    narrative = TextAreaField(_l("Narrative"), [Length(max=MAX_NARRATIVE), clean_text])
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])


def report_form(scope: ReportScope, formdata: Any = None, csrf: bool = True) -> ReportForm:
    """Build the form for this report: only this project's indicators and activities exist
    (`csrf=False` for the JSON API, which checks CSRF itself for cookie-authenticated calls)."""

    class Form(ReportForm):
        pass

    for indicator in scope.indicators:
        fields = indicator_fields(indicator.measure, f"ind_{indicator.id}")
        fields |= part_fields(indicator, countries(scope))
        if indicator.measure != Measure.QUALITATIVE.value:
            fields["explanation"] = explanation_field()
        for name, field in fields.items():
            setattr(Form, f"ind_{indicator.id}_{name}", field)
    statuses = [("", _("Choose…"))] + [(s, ACTIVITY_LABELS[s]) for s in choices(ActivityStatus)]
    for activity in scope.activities:
        status = SelectField(_("Status"), choices=statuses, default="")
        setattr(Form, f"act_{activity.id}_status", status)
        percent = IntegerField(percent_complete(), [Optional(), NumberRange(0, 100)])
        setattr(Form, f"act_{activity.id}_percent", percent)
        setattr(Form, f"act_{activity.id}_explanation", explanation_field())
    meta = {} if csrf else {"csrf": False}
    if formdata is not None:
        return Form(formdata=formdata, meta=meta)
    return Form(formdata=None, data=initial_data(scope), meta=meta)


def percent_complete() -> str:
    """Return the "% complete" label: %% is a literal percent sign, the message the same as the
    pages' (a named value makes gettext format it)."""
    return _("%% complete", percent="%")


def explanation_field() -> Field:
    """Return the note that explains a figure a plausibility check warned about."""
    return TextAreaField(_("Explanation"), [Length(max=MAX_TEXT), clean_text])


def indicator_fields(measure: str, prefix: str) -> dict[str, Field]:
    """Return the fields one indicator's value is typed in, under its measure."""
    if measure == Measure.QUALITATIVE.value:
        return {"text": TextAreaField(_("Progress"), [Length(max=MAX_TEXT), clean_text])}
    if measure == Measure.RATIO.value:
        return {
            "num": QuantityField(_("Numerator")),
            "den": QuantityField(_("Denominator"), [positive]),
        }
    if measure == Measure.PERCENTAGE.value:
        return {
            "num": QuantityField(_("Numerator"), [not_above(f"{prefix}_den")]),
            "den": QuantityField(_("Denominator"), [positive]),
        }
    return {"value": QuantityField(_("Value"))}


def initial_data(scope: ReportScope) -> dict[str, Any]:
    """Return the stored report as form data."""
    report = scope.report
    data: dict[str, Any] = {"version": report.version if report else 0}
    if report is None:
        return data
    data["narrative"] = report.narrative
    for row in report.values:
        prefix = f"ind_{row.indicator_id}"
        data |= {f"{prefix}_value": row.value, f"{prefix}_text": row.text}
        data |= {f"{prefix}_num": row.numerator, f"{prefix}_den": row.denominator}
        data |= part_data(prefix, row) | {f"{prefix}_explanation": row.explanation}
    for update in report.activity_updates:
        data[f"act_{update.activity_id}_status"] = update.status
        data[f"act_{update.activity_id}_percent"] = update.percent_complete
        data[f"act_{update.activity_id}_explanation"] = update.explanation
    return data


def to_input(form: ReportForm, scope: ReportScope) -> ReportInput:
    """Turn a validated form into the service's input."""
    data = ReportInput(narrative=form.narrative.data or "")
    for indicator in scope.indicators:
        get = _getter(form, f"ind_{indicator.id}")
        parts, incomplete = parts_input(form, f"ind_{indicator.id}", indicator, countries(scope))
        data.indicators[indicator.id] = IndicatorInput(
            value=get("value"),
            numerator=get("num"),
            denominator=get("den"),
            text=get("text") or "",
            parts=parts,
            parts_incomplete=incomplete,
            explanation=posted_text(form, f"ind_{indicator.id}_explanation"),
        )
    for activity in scope.activities:
        status = form[f"act_{activity.id}_status"].data or ""
        percent = form[f"act_{activity.id}_percent"].data
        explanation = posted_text(form, f"act_{activity.id}_explanation")
        data.activities[activity.id] = ActivityInput(status, percent, explanation)
    return data


def posted_text(form: FlaskForm, name: str) -> str | None:
    """Return a text field as posted, or None when the page did not show it (kept as stored)."""
    if name not in form or not form[name].raw_data:
        return None
    return str(form[name].data or "")


def _getter(form: ReportForm, prefix: str) -> Any:
    def get(name: str) -> Decimal | str | None:
        key = f"{prefix}_{name}"
        return form[key].data if key in form else None

    return get


def field_for_gap(key: str, form: FlaskForm, explain: bool = False) -> Field | None:
    """Return the form field next to which a missing-item (or missing-explanation) message
    belongs."""
    kind, _, ident = key.partition("-")
    names = ("status",) if kind == "act" else ("value", "num", "text")
    names = ("explanation",) if explain else names
    for name in names:
        name = f"{kind}_{ident}_{name}"
        if name in form:
            return form[name]
    return None


class ReviewForm(FlaskForm):
    """Approve, return or reopen: the version seen and a comment (required to return/reopen)."""

    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    comment = TextAreaField(_l("Comment"), [Length(max=MAX_TEXT), clean_text])
    highlight = BooleanField(_l("Mark the narrative as a highlight of the quarterly report"))


TOO_LONG = _l("A comment must be at most %(max)s characters.", max=format(MAX_TEXT, ","))


class CommentForm(FlaskForm):
    """A comment added to a report's review conversation."""

    body = TextAreaField(
        _l("Add a comment"),
        [Length(max=MAX_TEXT, message=TOO_LONG), clean_text],
    )  # fmt: skip


class UploadForm(FlaskForm):
    """Upload a filled progress workbook."""

    workbook = FileField(_l("Filled workbook (.xlsx)"), [FileRequired()])
