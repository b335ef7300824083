"""The issued quarterly reports through the API: their metadata, and the exact bytes issued.

Every signed-in user reads them, as on the web (/reports, /reports/issued/ID.pdf). The PDF is
served only once it matches its hash and the one the audit trail recorded (409 otherwise).
"""

from __future__ import annotations

from typing import Any

from flask import Response
from sqlalchemy import Row, func, select

from app import db
from app.api import read_params as params
from app.api.views import _json, bp
from app.errors import NotFound
from app.models.auth import User
from app.models.quarterly import IssuedReport
from app.quarterly.services import COMPACT, get_issued, served_content
from app.ui.downloads import download

MAX_ID = 2**31 - 1  # beyond any id: 404, never a database overflow


def issued_json(row: Row[Any]) -> dict[str, Any]:
    """Return an issued report's metadata (never its bytes)."""
    return {
        "id": row.id, "period": row.period_key,
        "kind": "compact" if row.scope == COMPACT else "entity", "scope": row.scope,
        "language": row.language, "issued_at": params.utc_iso(row.issued_at),
        "issued_by": row.email, "sha256": row.sha256, "size": int(row.size or 0),
        "pdf": f"/api/v1/issued-reports/{row.id}/pdf",
    }  # fmt: skip


@bp.route("/issued-reports")
def issued_reports() -> Response:
    """Return one page of the issued quarterly reports, newest period first (no bytes).

    ---
    get:
      tags: [issued-reports]
      parameters:
        - Page
        - PerPage
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/IssuedReportPage"}
    """
    session, number, size = db.session(), params.page(), params.per_page()
    total = session.scalar(select(func.count(IssuedReport.id))) or 0
    number = params.clamp(number, total, size)
    r = IssuedReport
    stmt = (
        select(r.id, r.period_key, r.scope, r.language, r.issued_at, r.sha256, User.email)
        .add_columns(func.length(r.content).label("size"))
        .outerjoin(User, User.id == r.issued_by_id)
        .order_by(r.period_key.desc(), r.scope)
        .limit(size)
        .offset((number - 1) * size)
    )
    items = [issued_json(row) for row in session.execute(stmt)]
    return _json(params.paged("issued_reports", items, number, size, total))


@bp.route("/issued-reports/<int:report_id>/pdf")
def issued_pdf(report_id: int) -> Response:
    """Return an issued report's exact PDF bytes, once checked against their recorded hash.

    ---
    get:
      tags: [issued-reports]
      parameters:
        - {in: path, name: report_id, required: true, schema: {type: integer, minimum: 1}}
      responses:
        "200":
          content:
            application/pdf:
              schema: {type: string, format: binary}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
    """
    if not 0 < report_id <= MAX_ID:
        raise NotFound("no such issued report")
    session = db.session()
    report = get_issued(session, report_id)
    data = served_content(session, report)
    return download(data, "application/pdf", f"{report.period_key}-{report.scope}.pdf")
