"""Absolute links for e-mails: BASE_URL, else the request's host, else SERVER_NAME."""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context, request


def absolute(endpoint: str, **values: Any) -> str:
    """Return the absolute address of a page, for a message read outside the browser."""
    config = current_app.config
    path = current_app.url_map.bind("localhost", script_name=config.get("APPLICATION_ROOT"))
    built = path.build(endpoint, values)
    if config.get("BASE_URL"):
        return str(config["BASE_URL"]).rstrip("/") + built
    if has_request_context():
        return request.host_url.rstrip("/") + built
    if config.get("SERVER_NAME"):
        return f"{config.get('PREFERRED_URL_SCHEME', 'http')}://{config['SERVER_NAME']}{built}"
    return built
