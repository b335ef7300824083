"""The Compact results tracker: a Flask application built by create_app()."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application: configuration, database, security, domains, commands."""
    from app import cli, db, security, web
    from app import config as settings
    from app.auth import views as auth_views

    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(settings.build(app.instance_path, config))
    db.init_app(app)
    security.init_app(app)
    auth_views.init_app(app)
    web.register_blueprints(app)
    cli.register(app)
    return app
