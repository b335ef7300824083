"""The report form's parts fields under a disaggregated indicator, and what they post."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from wtforms import BooleanField, Field
from wtforms.validators import ValidationError

from app.models.logframe import Indicator
from app.models.progress import IndicatorValue
from app.progress.parts import indicator_categories, parts_errors
from app.progress.services import ReportScope
from indicators.disaggregation import label
from indicators.types import Measure


def countries(scope: ReportScope) -> list[str]:
    """Return the project's countries, the categories of a Member State breakdown."""
    return [c.iso3 for c in scope.project.countries]


def part_fields(indicator: Indicator, iso3: list[str]) -> dict[str, Field]:
    """Return one field per category, the incomplete box and the check of the total."""
    if indicator.measure != Measure.NUMBER.value or not indicator.disaggregation:
        return {}
    from app.progress.forms import QuantityField

    prefix = f"ind_{indicator.id}"
    found: dict[str, Field] = {
        f"part_{category}": QuantityField(label(category))
        for category in indicator_categories(indicator, iso3)
    }
    found["incomplete"] = BooleanField(_("Parts incomplete (some counted in no part)"))
    found["value"] = QuantityField(_("Value"), [_parts_add_up(prefix, indicator, iso3)])
    return found


def _parts_add_up(prefix: str, indicator: Indicator, iso3: list[str]) -> Any:
    def check(form: Any, field: Field) -> None:
        parts, incomplete = parts_input(form, prefix, indicator, iso3)
        errors = parts_errors(indicator, field.data, parts, incomplete)
        for category, message in errors.items():
            if category != "total":
                form[f"{prefix}_part_{category}"].errors.append(message)
        if "total" in errors:
            raise ValidationError(errors["total"])
        if errors:
            raise ValidationError(_("Correct the parts below."))

    return check


def parts_input(
    form: Any, prefix: str, indicator: Indicator, iso3: list[str]
) -> tuple[dict[str, Decimal], bool]:
    """Return the parts posted for an indicator (categories left blank are left out)."""
    parts: dict[str, Decimal] = {}
    for category in indicator_categories(indicator, iso3):
        key = f"{prefix}_part_{category}"
        if key in form and form[key].data is not None:
            parts[category] = form[key].data
    key = f"{prefix}_incomplete"
    return parts, bool(key in form and form[key].data)


def part_data(prefix: str, row: IndicatorValue) -> dict[str, Any]:
    """Return a stored value's parts as form data."""
    data: dict[str, Any] = {f"{prefix}_part_{p.category}": p.value for p in row.parts}
    data[f"{prefix}_incomplete"] = row.parts_incomplete
    return data
