"""How the comparison pages write figures and changes."""

from __future__ import annotations

from decimal import Decimal

from flask.sansio.app import App
from flask_babel import gettext as _

from indicators.deltas import Delta


def figure(value: Decimal | int | None, kind: str = "count") -> str:
    """Write a figure: money with thousands separators, percentages with one decimal."""
    if value is None:
        return "–"
    if kind == "pct":
        return f"{Decimal(value):.1f} %"
    if kind == "money":
        return f"{Decimal(value):,.0f}"
    if kind == "number":
        rounded = Decimal(value).quantize(Decimal("0.01")).normalize()
        return f"{rounded:,f}"
    return f"{value:,}"


def change(value: Delta, kind: str = "count") -> str:
    """Write the absolute change with its sign (percentage points for percentages)."""
    if value.absolute is None:
        return "–"
    sign = "+" if value.absolute > 0 else ("−" if value.absolute < 0 else "±")
    text = figure(abs(value.absolute), kind)
    if kind == "pct":
        points = sign + text.removesuffix(" %")
        return _("%(change)s pts", change=points)
    return f"{sign}{text}"


def change_pct(value: Delta, kind: str = "count") -> str:
    """Write the relative change, or why there is none."""
    if kind == "pct" or value.absolute is None:
        return ""
    if value.percent is None:
        return _("new") if value.absolute else ""
    return f"{value.percent:+.1f} %"


def ratio_pct(value: Decimal | None) -> str:
    """Write an achievement ratio as a percentage."""
    return _("not assessed") if value is None else f"{value * 100:.0f} %"


def init_app(app: App) -> None:
    """Register the filters with the templates."""
    for name, function in (
        ("figure", figure),
        ("change", change),
        ("change_pct", change_pct),
        ("ratio_pct", ratio_pct),
    ):
        app.jinja_env.filters[name] = function
