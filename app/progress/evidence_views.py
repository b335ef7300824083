"""Evidence on the report and review pages: attach a file or a link, remove one, download one."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, flash, redirect
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import Session
from wtforms import Field

from app import db
from app.db import transaction
from app.errors import ValidationFailed
from app.models.evidence import Evidence, EvidenceKind
from app.models.progress import ProgressReport
from app.progress import evidence as service
from app.progress import services as entry
from app.progress.comment_views import page_of, render_again
from app.progress.evidence_forms import EvidenceForm, evidence_form
from app.progress.views import bp, load_report
from app.ui.forms import ConfirmForm
from app.ui.writes import button_write


@bp.route("/reports/<int:report_id>/evidence", methods=["POST"])
@login_required
def evidence_attach(report_id: int) -> Any:
    """Attach the file or link posted to the report; back to the page it was attached on."""
    found = load_report(report_id)
    if not service.may_attach(current_user, found):
        abort(403)
    scope = entry.load_scope(db.session(), found.project, found.period)
    form = evidence_form(scope.indicators, submitted=True)
    if form.validate():
        try:
            with transaction() as session:
                _store(session, found, form)
        except ValidationFailed as error:
            _field_of(form).errors = [*_field_of(form).errors, *error.problems]
        else:
            flash(_("Evidence attached."), "success")
            return redirect(page_of(report_id) + "#evidence")
    return render_again(report_id, evidence_form=form)


def _store(session: Session, found: ProgressReport, form: EvidenceForm) -> None:
    upload, url = form.file.data, (form.url.data or "").strip()
    indicator = form.indicator.data or None
    if upload and getattr(upload, "filename", ""):
        content = upload.read()
        service.add_file(session, current_user, found, upload.filename, content, indicator)
    elif url:
        service.add_link(session, current_user, found, form.title.data or "", url, indicator)
    else:
        raise ValidationFailed([_("Choose a file, or give a link.")])


def _field_of(form: EvidenceForm) -> Field:
    return form.url if (form.url.data or "").strip() and not form.file.data else form.file


@bp.route("/reports/<int:report_id>/evidence/<int:evidence_id>/delete", methods=["POST"])
@login_required
def evidence_remove(report_id: int, evidence_id: int) -> Any:
    """Remove an evidence item from a draft or returned report."""
    item = _item(report_id, evidence_id)
    if not service.may_remove(current_user, item.report):
        abort(403)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    name = item.name
    with button_write() as write:
        service.remove(write.session, current_user, item)
    done = _("Evidence “%(name)s” removed.", name=name)
    return write.done(page_of(report_id) + "#evidence", done)


@bp.route("/reports/<int:report_id>/evidence/<int:evidence_id>")
@login_required
def evidence_download(report_id: int, evidence_id: int) -> Any:
    """Send a stored file as an attachment (its type checked at upload), or follow a link."""
    item = _item(report_id, evidence_id)
    if not service.may_read(current_user, item.report):
        abort(403)
    if item.kind == EvidenceKind.LINK.value:
        return redirect(item.url)
    response = Response(item.content or b"", mimetype=item.content_type)
    response.headers["Content-Disposition"] = _disposition(item.name)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    response.set_etag(item.sha256)
    return response


def _item(report_id: int, evidence_id: int) -> Evidence:
    if not 0 < evidence_id < 2**31:
        abort(404)
    item = db.session().get(Evidence, evidence_id)
    if item is None or item.report_id != report_id:
        abort(404)
    return item


def _disposition(name: str) -> str:
    from urllib.parse import quote

    plain = name.encode("ascii", "replace").decode().replace("?", "_")
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name)}"
