"""How the comparison pages write figures and changes."""

from __future__ import annotations

from decimal import Decimal

from flask.sansio.app import App
from flask_babel import gettext as _

from indicators.deltas import Delta
from reports.formatting import fmt_number, fmt_pct, fmt_value


def figure(value: Decimal | int | None, kind: str = "count") -> str:
    """Write a figure in the reader's locale: money with thousands separators, percentages with
    one decimal, numbers with the decimals they have (at most two)."""
    if value is None:
        return "–"
    if kind == "pct":
        return fmt_pct(Decimal(value), 1)
    if kind == "money":
        return fmt_number(Decimal(value))
    if kind == "number":
        return fmt_value(Decimal(value))
    return fmt_number(value)


def change(value: Delta, kind: str = "count") -> str:
    """Write the absolute change with its sign (percentage points for percentages)."""
    if value.absolute is None:
        return "–"
    sign = "+" if value.absolute > 0 else ("−" if value.absolute < 0 else "±")
    text = figure(abs(value.absolute), kind)
    if kind == "pct":
        points = f"{sign}{fmt_number(abs(Decimal(value.absolute)), 1)}"
        return _("%(change)s pts", change=points)
    return f"{sign}{text}"


def change_pct(value: Delta, kind: str = "count") -> str:
    """Write the relative change, or why there is none."""
    if kind == "pct" or value.absolute is None:
        return ""
    if value.percent is None:
        return _("new") if value.absolute else ""
    sign = "-" if value.percent < 0 else "+"
    return f"{sign}{fmt_pct(abs(Decimal(value.percent)), 1)}"


def ratio_pct(value: Decimal | None) -> str:
    """Write an achievement ratio as a percentage."""
    return _("not assessed") if value is None else fmt_pct(value * 100)


def init_app(app: App) -> None:
    """Register the filters with the templates."""
    for name, function in (
        ("figure", figure),
        ("change", change),
        ("change_pct", change_pct),
        ("ratio_pct", ratio_pct),
    ):
        app.jinja_env.filters[name] = function
