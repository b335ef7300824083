"""The header's navigation and the small template helpers every page may use."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from flask import Flask, current_app
from flask_login import current_user
from markupsafe import Markup

from app.ui.date_input import date_hint
from reports.formatting import fmt_date, fmt_money, fmt_number, fmt_value

NAV: tuple[tuple[str, str, tuple[str, ...] | None], ...] = (
    ("home.index", "Home", None),
    ("portfolio.projects", "Projects", None),
    ("portfolio.needs", "CTED needs", None),
    ("baselines.index", "Baselines", None),
    ("compare.compare_view", "Compare", None),
    ("quarterly.index", "Reports", None),
    ("portfolio.new_project", "New project", ("admin", "focal_point")),
    ("logframe.outcomes", "Outcomes", ("admin",)),
    ("periods.index", "Periods", ("admin",)),
    ("portfolio.import_upload", "Import", ("admin",)),
    ("admin.users", "Users", ("admin",)),
)


def nav_items() -> list[tuple[str, str]]:
    """Return the navigation links the signed-in user may follow."""
    items = []
    for endpoint, label, roles in NAV + tuple(current_app.config.get("EXTRA_NAV", ())):
        if roles is None or current_user.role in roles:
            items.append((endpoint, label))
    return items


def zip_pairs(values: Iterable[object]) -> list[tuple[str, str]]:
    """Turn a list of values into (value, label) pairs for a select."""
    return [(str(v), str(v).replace("_", " ")) for v in values]


def date_tag(day: dt.date | None) -> Markup:
    """A date for people in the locale's medium format, ISO in its <time datetime="...">."""
    if day is None:
        return Markup("")
    iso = (day.date() if isinstance(day, dt.datetime) else day).isoformat()
    return Markup('<time datetime="{}">{}</time>').format(iso, fmt_date(day))


def init_app(app: Flask) -> None:
    """Expose the navigation to every template."""
    app.jinja_env.globals["nav_items"] = nav_items
    app.jinja_env.filters["zip_pairs"] = zip_pairs
    app.jinja_env.filters["value"] = fmt_value  # a figure for people: 1,250 · 64.71 · 1 250
    app.jinja_env.filters["money"] = fmt_money  # whole US dollars: 1,234,567
    app.jinja_env.filters["number"] = fmt_number  # a count: 1,250 (the request's locale)
    app.jinja_env.globals["date_hint"] = date_hint  # "Choose a date, e.g. 30 June 2019."
    app.jinja_env.filters["date_tag"] = date_tag
    app.jinja_env.filters["date"] = fmt_date  # 30 Jun 2019 · 30 juin 2019; ISO in datetime=""
