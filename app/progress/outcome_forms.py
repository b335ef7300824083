"""The outcome values form, built per period from the Compact's outcome indicators."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.validators import InputRequired
from wtforms.widgets import HiddenInput

from app.progress.forms import explanation_field, indicator_fields, posted_text
from app.progress.outcome_queries import OutcomeScope
from app.progress.services import IndicatorInput
from indicators.types import Measure


class OutcomeForm(FlaskForm):
    """The fixed part of the outcome values form; per-indicator fields come from outcome_form."""

    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])


def outcome_form(scope: OutcomeScope, formdata: Any = None) -> OutcomeForm:
    """Build the form for the period: one input (and explanation) per outcome indicator."""

    class Form(OutcomeForm):
        pass

    for indicator in scope.indicators:
        fields = indicator_fields(indicator.measure, f"ind_{indicator.id}")
        if indicator.measure != Measure.QUALITATIVE.value:
            fields["explanation"] = explanation_field()
        for name, field in fields.items():
            setattr(Form, f"ind_{indicator.id}_{name}", field)
    if formdata is not None:
        return Form(formdata=formdata)
    return Form(formdata=None, data=outcome_data(scope))


def outcome_data(scope: OutcomeScope) -> dict[str, Any]:
    """Return the stored outcome values as form data."""
    report = scope.report
    data: dict[str, Any] = {"version": report.version if report else 0}
    for row in report.values if report else []:
        prefix = f"ind_{row.indicator_id}"
        data |= {f"{prefix}_value": row.value, f"{prefix}_text": row.text}
        data |= {f"{prefix}_num": row.numerator, f"{prefix}_den": row.denominator}
        data[f"{prefix}_explanation"] = row.explanation
    return data


def outcome_input(form: OutcomeForm, scope: OutcomeScope) -> dict[int, IndicatorInput]:
    """Turn a validated form into the service's input."""
    found: dict[int, IndicatorInput] = {}
    for indicator in scope.indicators:
        prefix = f"ind_{indicator.id}"

        def get(name: str, prefix: str = prefix) -> Any:
            key = f"{prefix}_{name}"
            return form[key].data if key in form else None

        found[indicator.id] = IndicatorInput(
            value=get("value"),
            numerator=get("num"),
            denominator=get("den"),
            text=get("text") or "",
            explanation=posted_text(form, f"{prefix}_explanation"),
        )
    return found
