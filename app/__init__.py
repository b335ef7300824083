"""The Compact results tracker: a Flask application built by create_app()."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application: configuration, database, security, domains, commands."""
    from app import blueprints, commands, data_version, db, i18n, security, shared_cache, urls
    from app import config as settings
    from app.auth import views as auth_views
    from reports import fonts

    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder="ui/templates",
        static_folder="ui/static",
    )
    app.config.from_mapping(settings.build(app.instance_path, config))
    fonts.configure(settings.pdf_fonts(app.config))
    urls.init_app(app)  # before any route: every <int:...> is bounded
    db.init_app(app)
    data_version.init_app(app)  # the app's sessions count their writes
    shared_cache.init_app(app)  # what the processes share of what they keep (KEPT_CACHE_URL)
    i18n.init_app(app)
    security.init_app(app)
    auth_views.init_app(app)
    blueprints.register_blueprints(app)
    commands.register(app)
    return app
