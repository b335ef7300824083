"""The review conversation on the report and review pages: adding a comment; the way back to
the page a report is worked on."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import db
from app.auth.permissions import can_edit_project
from app.db import transaction
from app.errors import ValidationFailed
from app.progress import services as entry
from app.progress.comments import add_comment, may_comment
from app.progress.forms import CommentForm, ReviewForm, report_form
from app.progress.views import bp, load_report, render_report, render_review


@bp.route("/reports/<int:report_id>/comments", methods=["POST"])
@login_required
def comment(report_id: int) -> Any:
    """Add a comment to the report's conversation; back to the page it was written on."""
    found = load_report(report_id)
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
            flash(_("Comment added to the review conversation."), "success")
            return redirect(page_of(found.id) + "#review-thread")
    return render_again(found.id, comment_form=form)


def page_of(report_id: int) -> str:
    """Return the page the user works on the report from: the report page for its editors,
    the review page for the others."""
    found = load_report(report_id)
    if can_edit_project(current_user, found.project):
        key = found.period.key
        return url_for("progress.report", project_id=found.project_id, period_key=key)
    return url_for("progress.review", report_id=report_id)


def render_again(report_id: int, **forms: Any) -> Any:
    """Show the page again (422) with the forms given kept and their problems beside the field."""
    found = load_report(report_id)
    if can_edit_project(current_user, found.project):
        scope = entry.load_scope(db.session(), found.project, found.period)
        return render_report(scope, report_form(scope), 422, **forms)
    review_form = ReviewForm(formdata=None, version=found.version)
    return render_review(found, review_form, 422, **forms)
