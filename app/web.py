"""The blueprints that make up the web application, and the home page."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Flask, render_template
from flask_login import current_user, login_required

home = Blueprint("home", __name__)


@home.route("/")
@login_required
def index():  # type: ignore[no-untyped-def]
    """Show what is due: a focal point's reports, a reviewer's queue, the admin's overdue list."""
    from app import db
    from app.models.enums import Role
    from app.progress import due

    session, today, role = db.session(), dt.date.today(), current_user.role
    context: dict[str, object] = {"today": today}
    if role == Role.FOCAL_POINT:
        context["due"] = due.due_for_entity(session, current_user.entity_id, today)
    if role in (Role.REVIEWER, Role.ADMIN):
        context["queue"] = due.review_queue(session)
    if role == Role.ADMIN:
        context["overdue"] = due.overdue_reports(session, today)
    return render_template("home.html", **context)


def register_blueprints(app: Flask) -> None:
    """Register every domain's blueprint."""
    from app.analysis.baseline_views import bp as baselines
    from app.analysis.report_views import bp as quarterly
    from app.analysis.views import bp as analysis
    from app.api.views import bp as api
    from app.audit.views import bp as audit
    from app.auth.views import bp as auth
    from app.health import bp as health
    from app.logframe import indicator_views, structure_views, views  # noqa: F401  (routes)
    from app.logframe.blueprint import bp as logframe
    from app.portfolio.views import bp as portfolio
    from app.progress import sheet_views  # noqa: F401 - adds the workbook routes to progress
    from app.progress.period_views import bp as periods
    from app.progress.views import bp as progress

    blueprints = (
        home,
        auth,
        portfolio,
        progress,
        logframe,
        periods,
        audit,
        analysis,
        baselines,
        api,
        health,
        quarterly,
    )
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    init_templates(app)


NAV = (
    ("home.index", "Home", None),
    ("portfolio.projects", "Projects", None),
    ("portfolio.needs", "CTED needs", None),
    ("baselines.index", "Baselines", None),
    ("analysis.compare_view", "Compare", None),
    ("quarterly.index", "Reports", None),
    ("logframe.new_project", "New project", ("admin", "focal_point")),
    ("logframe.outcomes", "Outcomes", ("admin",)),
    ("periods.index", "Periods", ("admin",)),
)


def nav_items() -> list[tuple[str, str]]:
    """Return the navigation links the signed-in user may follow."""
    from flask import current_app
    from flask_login import current_user

    items = []
    for endpoint, label, roles in NAV + tuple(current_app.config.get("EXTRA_NAV", ())):
        if roles is None or current_user.role in roles:
            items.append((endpoint, label))
    return items


def init_templates(app: Flask) -> None:
    """Expose the navigation to every template."""
    app.jinja_env.globals["nav_items"] = nav_items
    app.jinja_env.filters["zip_pairs"] = zip_pairs


def zip_pairs(values: object) -> list[tuple[str, str]]:
    """Turn a list of values into (value, label) pairs for a select."""
    return [(str(v), str(v).replace("_", " ")) for v in values]  # type: ignore[attr-defined]
