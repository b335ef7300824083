"""The header's navigation and the small template helpers every page may use."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from flask import Flask, current_app
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from app.ui.date_input import date_hint
from reports.formatting import fmt_medium_date, fmt_money, fmt_number, fmt_value

# Labels are lazy: each request reads them in its own language.
NAV: tuple[tuple[str, str | LazyString, tuple[str, ...] | None], ...] = (
    ("home.index", _l("Home"), None),
    ("portfolio.projects", _l("Projects"), None),
    ("portfolio.needs", _l("CTED needs"), None),
    ("baselines.index", _l("Baselines"), None),
    ("compare.compare_view", _l("Compare"), None),
    ("quarterly.index", _l("Reports"), None),
    ("portfolio.new_project", _l("New project"), ("admin", "focal_point")),
    ("logframe.outcomes", _l("Outcomes"), ("admin",)),
    ("periods.index", _l("Periods"), ("admin",)),
    ("portfolio.import_upload", _l("Import"), ("admin",)),
    ("admin.users", _l("Users"), ("admin",)),
)
# The roles as the header names them (the stored codes stay English).
ROLE_LABELS: dict[str, LazyString] = {
    "admin": _l("admin"),
    "focal_point": _l("focal point"),
    "reviewer": _l("reviewer"),
    "viewer": _l("viewer"),
    "cted": _l("cted"),
}


def nav_items() -> list[tuple[str, str]]:
    """Return the navigation links the signed-in user may follow, in the page's language."""
    items = []
    for endpoint, label, roles in NAV + tuple(current_app.config.get("EXTRA_NAV", ())):
        if roles is None or current_user.role in roles:
            items.append((endpoint, str(label)))
    return items


def role_label(role: str) -> str:
    """Return a role as people read it, in the page's language ("focal point")."""
    label = ROLE_LABELS.get(role)
    return str(label) if label is not None else role.replace("_", " ")


def zip_pairs(values: Iterable[object]) -> list[tuple[str, str]]:
    """Turn a list of values into (value, label) pairs for a select."""
    return [(str(v), str(v).replace("_", " ")) for v in values]


def date_tag(day: dt.date | None) -> Markup:
    """A date for people in the locale's medium format, ISO in its <time datetime="...">."""
    if day is None:
        return Markup("")
    iso = (day.date() if isinstance(day, dt.datetime) else day).isoformat()
    return Markup('<time datetime="{}">{}</time>').format(iso, fmt_medium_date(day))


def stamp(moment: dt.datetime | None) -> Markup:
    """A UTC time stamp to the minute ("2019-10-10 09:00"), kept left to right inside an Arabic
    sentence (without the isolate it reads "10-10-2019"), ISO in its <time datetime="...">."""
    if moment is None:
        return Markup("")
    return Markup('<bdi dir="ltr"><time datetime="{}">{}</time></bdi>').format(
        moment.isoformat(timespec="minutes"), moment.strftime("%Y-%m-%d %H:%M")
    )


def init_app(app: Flask) -> None:
    """Expose the navigation to every template."""
    app.jinja_env.globals["nav_items"] = nav_items
    app.jinja_env.globals["role_label"] = role_label
    app.jinja_env.filters["zip_pairs"] = zip_pairs
    app.jinja_env.filters["value"] = fmt_value  # a figure for people: 1,250 · 64.71 · 1 250
    app.jinja_env.filters["money"] = fmt_money  # whole US dollars: 1,234,567
    app.jinja_env.filters["number"] = fmt_number  # a count: 1,250 (the request's locale)
    app.jinja_env.globals["date_hint"] = date_hint  # "Choose a date, e.g. 30 June 2019."
    app.jinja_env.filters["date_tag"] = date_tag
    app.jinja_env.filters["stamp"] = stamp  # 2019-10-10 09:00, left to right in any page
    app.jinja_env.filters["date"] = fmt_medium_date  # 30 Jun 2019 · 30 juin 2019
