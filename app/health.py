"""A trivial health check: the cheapest request the server can answer."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("health", __name__)


@bp.route("/healthz")
def healthz() -> tuple[str, int, dict[str, str]]:
    """Answer "ok" without touching the database."""
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}
