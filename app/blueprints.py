"""Every blueprint of the web application, registered in the order of the product."""

from __future__ import annotations

from flask import Flask

from app import home
from app.admin import account_views  # noqa: F401 - adds the add, edit and reset routes
from app.admin.views import bp as admin
from app.api import (  # noqa: F401 - add the read endpoints to the API
    reads_compare,
    reads_issued,
    reads_needs,
    reads_projects,
    reads_reports,
)
from app.api import openapi as api_openapi  # noqa: F401 - adds the OpenAPI description
from app.api import writes as api_writes  # noqa: F401 - adds the report writes to the API
from app.api.developers import bp as developers
from app.api.views import bp as api
from app.audit.views import bp as audit
from app.auth import (
    oidc_views,  # noqa: F401 - adds sign-in with the organisation's OpenID provider
    password_views,  # noqa: F401 - adds the set-password page
    token_views,  # noqa: F401 - adds the account's tokens page
)
from app.auth.permissions import can_edit_project, can_read_entity_audit
from app.auth.views import bp as auth
from app.baselines.views import bp as baselines
from app.compare.views import bp as compare
from app.figures import views as figure_views  # noqa: F401 - adds the report downloads to baselines
from app.health import bp as health
from app.iati import views as iati_views  # noqa: F401 - adds the IATI download to admin
from app.logframe import (  # noqa: F401 - add the indicator and download routes to logframe
    download_views,
    indicator_views,
)
from app.logframe.views import bp as logframe
from app.portfolio import (  # noqa: F401 - add the download, import, editing, state routes
    export_views,
    import_views,
    need_views,
    project_views,
    state_views,
)
from app.portfolio.views import bp as portfolio
from app.progress import (  # noqa: F401 - add the comment, evidence, project and workbook routes
    comment_views,
    evidence_views,
    project_page,  # the project page, on the portfolio's blueprint
    workbook_views,
)
from app.progress.outcome_views import bp as outcome_values
from app.progress.period_views import bp as periods
from app.progress.views import bp as progress
from app.quarterly.views import bp as quarterly
from app.ui import error_pages, language, navigation

BLUEPRINTS = (
    home.bp,
    auth,
    admin,
    portfolio,
    logframe,
    progress,
    outcome_values,
    periods,
    audit,
    baselines,
    compare,
    quarterly,
    api,
    developers,
    health,
    language.bp,
)


def register_blueprints(app: Flask) -> None:
    """Register every domain's blueprint, the error pages and the template helpers."""
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    error_pages.init_app(app)
    navigation.init_app(app)
    language.init_app(app)
    app.jinja_env.globals["can_edit_project"] = can_edit_project
    app.jinja_env.globals["can_read_entity_audit"] = can_read_entity_audit
