"""Download and upload of an entity's progress workbook: upload, preview the changes, confirm.

The upload checks every cell and shows, per report, each cell's stored value and the file's;
the file stays on the server under a token (app/portfolio/import_store.py, as the portfolio
import does) and "Save these changes" applies it only if it still makes the previewed changes."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from flask import Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import select

from app import db
from app.auth.permissions import can_use_entity_sheet
from app.db import transaction
from app.errors import Conflict, DomainError, NotFound, ValidationFailed
from app.models.reference import Entity
from app.portfolio import import_store as store
from app.portfolio.import_forms import PendingForm
from app.portfolio.imports.services import limits_from
from app.progress.forms import UploadForm
from app.progress.views import bp, status_for
from app.progress.workbook import export_workbook
from app.progress.workbook_import import Plan, apply_plan, plan_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHANGED = _l("The reports changed since your preview; nothing was saved. Here is the new preview.")
SAME = _l("The workbook repeats what is stored: no report changed.")


def _entity(acronym: str) -> Entity:
    entity = db.session().scalar(select(Entity).where(Entity.acronym == acronym))
    if entity is None:
        abort(404)
    if not can_use_entity_sheet(current_user, entity.id):
        abort(403)
    return entity


def _folder() -> Path:
    configured = current_app.config.get("IMPORT_UPLOAD_DIR")
    return Path(configured or Path(current_app.instance_path) / "import-uploads")


@bp.route("/entities/<acronym>/reports.xlsx")
@login_required
def download(acronym: str) -> Any:
    """Send every report the entity has due as a protected, pre-filled workbook."""
    entity = _entity(acronym)
    blob = export_workbook(db.session(), entity, dt.date.today())
    name = f"progress-{entity.acronym.lower()}-{dt.date.today():%Y%m%d}.xlsx"
    name = "".join(c for c in name if c.isalnum() or c in "-.")
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(blob, mimetype=XLSX, headers=headers)


@bp.route("/entities/<acronym>/reports/upload", methods=["GET", "POST"])
@login_required
def upload(acronym: str) -> Any:
    """Take a filled workbook back: every cell checked, then a preview of what it changes."""
    entity, form = _entity(acronym), UploadForm()
    if not form.validate_on_submit():
        status = 422 if form.is_submitted() else 200
        return render_template("progress/upload.html", form=form, entity=entity), status
    blob = form.workbook.data.read(current_app.config["IMPORT_MAX_BYTES"] + 1)
    name = Path(form.workbook.data.filename or "workbook.xlsx").name[:64]
    return _preview(entity, blob, name)


def _preview(entity: Entity, blob: bytes, name: str, note: str = "") -> Any:
    try:
        with transaction() as session:  # reads only: nothing is written before the confirm
            plan = plan_workbook(session, entity, blob, limits_from(current_app.config))
            return _preview_page(entity, plan, blob, name, note)
    except DomainError as error:
        return _problems(entity, error)


def _preview_page(entity: Entity, plan: Plan, blob: bytes, name: str, note: str) -> Any:
    if not plan.shown:
        flash(str(SAME), "success")
        return redirect(url_for("home.index"))
    kind = f"workbook:{entity.acronym}"
    digest, now = plan.digest(), time.time()
    pending = store.Pending(kind, current_user.id, name, store.sha256(blob), digest, now)
    token = store.store(_folder(), pending, blob)
    form = PendingForm(data={"token": token})
    return render_template(
        "progress/upload_preview.html", entity=entity, plan=plan, name=name, note=note, form=form
    )


def _problems(entity: Entity, error: DomainError) -> Any:
    problems = error.problems if isinstance(error, ValidationFailed) else [str(error)]
    page = render_template(
        "progress/upload.html", form=UploadForm(), entity=entity, problems=problems
    )
    return page, status_for(error)


@bp.route("/entities/<acronym>/reports/upload/confirm", methods=["POST"])
@login_required
def upload_confirm(acronym: str) -> Any:
    """Save the previewed upload as drafts, if it still makes exactly the previewed changes."""
    entity, sent = _entity(acronym), PendingForm()
    again = redirect(url_for("progress.upload", acronym=entity.acronym))
    if not sent.validate_on_submit():
        flash(_("The confirmation was not accepted; upload the workbook again."), "error")
        return again
    folder, token = _folder(), sent.token.data or ""
    try:
        pending, blob = store.load(folder, token, current_user.id)
        if pending.kind != f"workbook:{entity.acronym}":
            raise NotFound(_("This preview is not one of this entity's uploads."))
    except NotFound as gone:
        flash(str(gone), "error")
        return again
    store.discard(folder, token)
    try:
        saved = _apply(entity, pending, blob)
    except Conflict:
        return _preview(entity, blob, pending.name, str(CHANGED))
    except DomainError as error:
        return _problems(entity, error)
    done = ngettext(
        "Workbook saved as draft in %(num)d report.",
        "Workbook saved as draft in %(num)d reports.",
        saved,
    )
    flash(done, "success")
    return redirect(url_for("home.index"))


def _apply(entity: Entity, pending: store.Pending, blob: bytes) -> int:
    with transaction() as session:
        plan = plan_workbook(session, entity, blob, limits_from(current_app.config))
        if plan.digest() != pending.preview:
            raise Conflict(str(CHANGED))  # rolls everything back
        return apply_plan(session, current_user, plan)


@bp.route("/entities/<acronym>/reports/upload/cancel", methods=["POST"])
@login_required
def upload_cancel(acronym: str) -> Any:
    """Forget a previewed upload without saving it."""
    entity, sent = _entity(acronym), PendingForm()
    if sent.validate_on_submit():
        store.discard(_folder(), sent.token.data or "")
        flash(_("Upload cancelled; nothing was saved."), "success")
    return redirect(url_for("progress.upload", acronym=entity.acronym))
