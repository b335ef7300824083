"""The review conversation on the report and review pages: adding a comment."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, url_for
from flask_login import current_user, login_required

from app import db
from app.auth.permissions import can_edit_project
from app.db import transaction
from app.errors import ValidationFailed
from app.progress import services as entry
from app.progress.comments import add_comment, may_comment
from app.progress.forms import CommentForm, ReviewForm, report_form
from app.progress.views import _load_report, _render_report, _render_review, bp


@bp.route("/reports/<int:report_id>/comments", methods=["POST"])
@login_required
def comment(report_id: int) -> Any:
    """Add a comment to the report's conversation; back to the page it was written on."""
    found = _load_report(report_id)
    if not may_comment(current_user, found.project):
        abort(403)
    form = CommentForm()
    if form.validate():
        try:
            with transaction() as session:
                add_comment(session, current_user, found, form.body.data or "")
        except ValidationFailed as error:
            form.body.errors = [*form.body.errors, *error.problems]
        else:
            flash("Comment added to the review conversation.", "success")
            return redirect(_page(found.id) + "#review-thread")
    return _render_again(found.id, form)


def _page(report_id: int) -> str:
    found = _load_report(report_id)
    if can_edit_project(current_user, found.project):
        key = found.period.key
        return url_for("progress.report", project_id=found.project_id, period_key=key)
    return url_for("progress.review", report_id=report_id)


def _render_again(report_id: int, form: CommentForm) -> Any:
    """Show the page again with the comment kept and its problem beside the field."""
    found = _load_report(report_id)
    if can_edit_project(current_user, found.project):
        scope = entry.load_scope(db.session(), found.project, found.period)
        return _render_report(scope, report_form(scope), 422, comment_form=form)
    review_form = ReviewForm(formdata=None, version=found.version)
    return _render_review(found, review_form, 422, comment_form=form)
