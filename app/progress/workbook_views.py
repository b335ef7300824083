"""Download and upload of an entity's progress workbook."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Response, abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from app import db
from app.auth.permissions import can_use_entity_sheet
from app.db import transaction
from app.errors import DomainError, ValidationFailed
from app.models.reference import Entity
from app.portfolio.imports.services import limits_from
from app.progress.forms import UploadForm
from app.progress.views import bp, status_for
from app.progress.workbook import export_workbook
from app.progress.workbook_import import import_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _entity(acronym: str) -> Entity:
    entity = db.session().scalar(select(Entity).where(Entity.acronym == acronym))
    if entity is None:
        abort(404)
    if not can_use_entity_sheet(current_user, entity.id):
        abort(403)
    return entity


@bp.route("/entities/<acronym>/reports.xlsx")
@login_required
def download(acronym: str) -> Any:
    """Send the entity's open-period reports as a protected, pre-filled workbook."""
    entity = _entity(acronym)
    blob = export_workbook(db.session(), entity, dt.date.today())
    name = f"progress-{entity.acronym.lower()}-{dt.date.today():%Y%m%d}.xlsx"
    name = "".join(c for c in name if c.isalnum() or c in "-.")
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(blob, mimetype=XLSX, headers=headers)


@bp.route("/entities/<acronym>/reports/upload", methods=["GET", "POST"])
@login_required
def upload(acronym: str) -> Any:
    """Take a filled workbook back: every row checked, all saved as drafts or none."""
    entity, form = _entity(acronym), UploadForm()
    if not form.validate_on_submit():
        status = 422 if form.is_submitted() else 200
        return render_template("progress/upload.html", form=form, entity=entity), status
    blob = form.workbook.data.read(current_app.config["IMPORT_MAX_BYTES"] + 1)
    try:
        with transaction() as session:
            limits = limits_from(current_app.config)
            saved = import_workbook(session, current_user, entity, blob, limits)
    except DomainError as error:
        problems = error.problems if isinstance(error, ValidationFailed) else [str(error)]
        return render_template(
            "progress/upload.html", form=form, entity=entity, problems=problems
        ), status_for(error)
    if saved:
        flash(f"Workbook saved as draft in {saved} report{'s' if saved != 1 else ''}.", "success")
    else:
        flash("The workbook repeats what is stored: no report changed.", "success")
    return redirect(url_for("home.index"))
