"""The administrators' IATI download, on the admin blueprint (a link on the users page)."""

from __future__ import annotations

import io

from flask import Response, current_app, request
from flask_login import current_user, login_required

from app import db
from app.admin.views import bp
from app.auth.permissions import ensure_admin
from app.iati.services import export_iati


@bp.route("/admin/iati.xml")
@login_required
def iati_download() -> Response:
    """Send the live portfolio as an IATI 2.03 file (every project)."""
    ensure_admin(current_user)
    buffer = io.BytesIO()
    org_ref = current_app.config["IATI_REPORTING_ORG_REF"]
    export_iati(db.session(), buffer, org_ref, request.url_root)
    response = Response(buffer.getvalue(), mimetype="application/xml")
    response.headers["Content-Disposition"] = 'attachment; filename="compact-iati.xml"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
