"""A disaggregated value's parts on save: checked against the total, stored one row each."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from flask_babel import gettext as _

from app.errors import ValidationFailed
from app.models.logframe import Indicator
from app.models.progress import IndicatorValue, ValuePart
from indicators.disaggregation import Dimension, categories, check_parts, label

if TYPE_CHECKING:
    from app.progress.services import IndicatorInput


def indicator_categories(
    indicator: Indicator, countries: list[str] | None = None
) -> tuple[str, ...]:
    """Return the categories an indicator's parts are entered for ("" when not disaggregated)."""
    if not indicator.disaggregation:
        return ()
    if countries is None:
        project = indicator.output.project if indicator.output else None
        countries = [c.iso3 for c in project.countries] if project else []
    return categories(Dimension(indicator.disaggregation), countries)


def parts_errors(
    indicator: Indicator,
    total: Decimal | None,
    parts: Mapping[str, Decimal | None],
    incomplete: bool,
) -> dict[str, str]:
    """Return what is wrong with the parts, keyed by category or "total"."""
    known = set(indicator_categories(indicator))
    errors = {
        category: _(
            "“%(category)s” is not a category of %(code)s; use one of %(known)s.",
            category=category,
            code=indicator.code,
            known=", ".join(sorted(known)),
        )
        for category in parts
        if category not in known
    }
    return errors | check_parts(total, parts, incomplete).errors


def normalised_parts(indicator: Indicator, given: IndicatorInput) -> IndicatorInput:
    """Check a disaggregated number; its total is the parts' sum when only parts are given."""
    from app.progress.services import IndicatorInput

    parts = {k: v for k, v in given.parts.items() if v is not None}
    if errors := parts_errors(indicator, given.value, parts, given.parts_incomplete):
        raise ValidationFailed(
            [f"{indicator.code}: {label(key)}: {message}" for key, message in errors.items()]
        )
    total = check_parts(given.value, parts, given.parts_incomplete).total
    return IndicatorInput(value=total, parts=parts, parts_incomplete=given.parts_incomplete)


def apply_parts(row: IndicatorValue, parts: Mapping[str, Decimal], incomplete: bool) -> None:
    """Replace a value's stored parts with the ones given."""
    stored = {part.category: part for part in row.parts}
    for category, part in stored.items():
        if category not in parts:
            row.parts.remove(part)
    for category, figure in parts.items():
        if category in stored:
            stored[category].value = figure
        else:
            row.parts.append(ValuePart(category=category, value=figure))
    row.parts_incomplete = incomplete and bool(parts)


def parts_columns(
    indicator: Indicator, countries: list[str] | None = None
) -> list[tuple[str, str]]:
    """Return (column header, category) for each part column a workbook gives the indicator."""
    return [(f"{indicator.code} {label(c)}", c) for c in indicator_categories(indicator, countries)]


def ordered_parts(indicator: Indicator, parts: list[ValuePart]) -> list[ValuePart]:
    """Return a value's parts in the order of the indicator's categories (women, men, ...)."""
    order = {c: n for n, c in enumerate(indicator_categories(indicator))}
    return sorted(parts, key=lambda part: (order.get(part.category, len(order)), part.category))
