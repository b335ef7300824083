"""Web import of projects and needs for administrators: upload, preview the changes, confirm.

The upload runs the import as a dry run and shows, per row, `field: old -> new` (or the
problems next to their row and column). The file stays on the server under a token
(portfolio/import_store.py); confirming applies it only if it makes exactly the changes the
preview showed. Same rules and size limits as the commands (docs/interfaces.md section 2)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

from flask import current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.auth.permissions import ensure_admin
from app.db import transaction
from app.errors import Conflict, DomainError, NotFound, ValidationFailed
from app.portfolio import import_store as store
from app.portfolio.import_forms import ImportForm, PendingForm
from app.portfolio.imports import ImportResult, import_needs, import_projects, needs, projects
from app.portfolio.imports.services import limits_from
from app.portfolio.labels import _l
from app.portfolio.views import bp

RUNS: dict[str, Callable[..., ImportResult]] = {"projects": import_projects, "needs": import_needs}
PROBLEM = re.compile(r"row (\d+): ([^:]+): (.*)", re.DOTALL)
MAX_SHOWN = 500  # rows of changes a preview lists (the file's size bounds the rest)
LISTS = {"projects": "portfolio.projects", "needs": "portfolio.needs"}
CHANGED = _l("The data changed since your preview; nothing was written. Here is the new preview.")


def _folder() -> Path:
    configured = current_app.config.get("IMPORT_UPLOAD_DIR")
    return Path(configured or Path(current_app.instance_path) / "import-uploads")


def problem_rows(problems: list[str]) -> list[tuple[str, str, str]]:
    """Split `row N: column: problem` into (row, column, problem); file problems have no row."""
    rows = []
    for text in problems:
        found = PROBLEM.fullmatch(text)
        if found:
            rows.append((found[1], found[2], found[3]))
        else:
            column, _, message = text.partition(": ")
            rows.append(("", column, message or text))
    return rows


@bp.route("/imports", methods=["GET", "POST"])
@login_required
def import_upload() -> ResponseReturnValue:
    """Upload a projects or needs file and preview what importing it would change."""
    ensure_admin(current_user)
    kind = request.args.get("kind", "")  # the needs page links here with kind=needs
    form = ImportForm(data={"kind": kind} if kind in store.KINDS else None)
    if not form.validate_on_submit():
        status = 422 if form.is_submitted() else 200
        return _upload_page(form), status
    data = form.file.data.read(current_app.config["IMPORT_MAX_BYTES"] + 1)
    name = Path(form.file.data.filename or "upload").name
    return _preview(form, form.kind.data, data, name)


def _preview(
    form: ImportForm, kind: str, data: bytes, name: str, note: str = ""
) -> ResponseReturnValue:
    try:
        result = _dry_run(kind, data, name)
    except DomainError as error:
        return _problems(form, kind, name, error)
    digest, now = result.digest(), time.time()
    pending = store.Pending(kind, current_user.id, name, store.sha256(data), digest, now)
    token = store.store(_folder(), pending, data)
    return render_template(
        "portfolio/import_preview.html",
        result=result, kind=kind, name=name, token=token, note=note,
        lines=result.changes[:MAX_SHOWN], more=max(0, len(result.changes) - MAX_SHOWN),
        form=PendingForm(data={"token": token}),
    )  # fmt: skip


@bp.route("/imports/confirm", methods=["POST"])
@login_required
def import_confirm() -> ResponseReturnValue:
    """Apply the previewed upload, if it still makes exactly the previewed changes."""
    ensure_admin(current_user)
    sent = PendingForm()
    if not sent.validate_on_submit():
        flash(_("The confirmation was not accepted; upload the file again."), "error")
        return redirect(url_for("portfolio.import_upload"))
    folder, token = _folder(), sent.token.data or ""
    try:
        pending, data = store.load(folder, token, current_user.id)
    except NotFound as gone:
        flash(str(gone), "error")
        return redirect(url_for("portfolio.import_upload"))
    store.discard(folder, token)
    form = ImportForm(data={"kind": pending.kind})
    try:
        result = _apply(pending, data)
    except Conflict:
        return _preview(form, pending.kind, data, pending.name, str(CHANGED))
    except DomainError as error:
        return _problems(form, pending.kind, pending.name, error)
    message = _("Imported %(name)s: %(summary)s.", name=pending.name, summary=result.summary())
    flash(message, "success")
    return redirect(url_for(LISTS[pending.kind]))


@bp.route("/imports/cancel", methods=["POST"])
@login_required
def import_cancel() -> ResponseReturnValue:
    """Forget a previewed upload without importing it."""
    ensure_admin(current_user)
    sent = PendingForm()
    if sent.validate_on_submit():
        store.discard(_folder(), sent.token.data or "")
        flash(_("Import cancelled; nothing was written."), "success")
    return redirect(url_for("portfolio.import_upload"))


def _apply(pending: store.Pending, data: bytes) -> ImportResult:
    limits = limits_from(current_app.config)
    with transaction() as session:
        run = RUNS[pending.kind]
        result = run(session, current_user.id, data, False, None, limits, pending.name[:64])
        if result.digest() != pending.preview:
            raise Conflict(str(CHANGED))  # rolls the import back
    return result


def _dry_run(kind: str, data: bytes, name: str) -> ImportResult:
    limits = limits_from(current_app.config)
    with transaction() as session:
        return RUNS[kind](session, current_user.id, data, True, None, limits, name[:64])


def _problems(form: ImportForm, kind: str, name: str, error: DomainError) -> ResponseReturnValue:
    problems = error.problems if isinstance(error, ValidationFailed) else [str(error)]
    return _upload_page(form, kind=kind, name=name, problems=problem_rows(problems)), 422


def _upload_page(form: ImportForm, **context: object) -> str:
    guide = {_("Projects"): projects.COLUMNS, _("CTED needs"): needs.COLUMNS}
    return render_template("portfolio/import.html", form=form, guide=guide, **context)
