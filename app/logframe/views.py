"""Logframe editing pages: outcomes (admin), a project's outputs and activities."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import db
from app.auth.permissions import ensure_admin, ensure_can_edit_project
from app.logframe import services as structure
from app.logframe.forms import ActivityForm, OutcomeForm, OutputEditForm, OutputForm
from app.models.logframe import Activity, Outcome, Output
from app.ui.forms import ConfirmForm
from app.ui.pages import editable_project, form_page, load
from app.ui.writes import button_write, form_write

bp = Blueprint("logframe", __name__, template_folder="templates")


def _data(form: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: form[name].data for name in fields}


def _initial(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in fields + ("version",)}


def _confirmed() -> None:
    if not ConfirmForm().validate_on_submit():
        abort(400)


@bp.route("/outcomes")
@login_required
def outcomes() -> ResponseReturnValue:
    """List the Compact-level outcomes with their indicators (administrators)."""
    ensure_admin(current_user)
    stmt = select(Outcome).order_by(Outcome.pillar_code, Outcome.code)
    items = db.session().scalars(stmt.options(selectinload(Outcome.indicators))).all()
    return render_template("logframe/outcomes.html", outcomes=items, confirm=ConfirmForm())


@bp.route("/outcomes/new", methods=["GET", "POST"])
@login_required
def new_outcome() -> ResponseReturnValue:
    """Create an outcome under a pillar."""
    ensure_admin(current_user)
    form, back = OutcomeForm(), url_for("logframe.outcomes")
    if form.validate_on_submit():
        data = _data(form, structure.OUTCOME_FIELDS)
        with form_write(form) as write:
            structure.create_outcome(write.session, current_user, data)
        if write.ok:
            return write.done(back)
    return form_page(form, _("New outcome"), back)


@bp.route("/outcomes/<int:outcome_id>/edit", methods=["GET", "POST"])
@login_required
def edit_outcome(outcome_id: int) -> ResponseReturnValue:
    """Edit an outcome."""
    ensure_admin(current_user)
    outcome = load(Outcome, outcome_id)
    form = OutcomeForm(data=_initial(outcome, structure.OUTCOME_FIELDS))
    back = url_for("logframe.outcomes")
    if form.validate_on_submit():
        data, version = _data(form, structure.OUTCOME_FIELDS), form.version.data
        with form_write(form, outcome) as write:
            structure.update_outcome(write.session, current_user, outcome, data, version)
        if write.ok:
            return write.done(back)
    delete = url_for("logframe.delete_outcome", outcome_id=outcome_id)
    return form_page(form, _("Edit outcome %(code)s", code=outcome.code), back, delete=delete)


@bp.route("/outcomes/<int:outcome_id>/delete", methods=["POST"])
@login_required
def delete_outcome(outcome_id: int) -> ResponseReturnValue:
    """Delete an outcome that nothing depends on."""
    ensure_admin(current_user)
    outcome = load(Outcome, outcome_id)
    _confirmed()
    with button_write() as write:
        structure.delete_outcome(write.session, current_user, outcome)
    return write.done(
        url_for("logframe.outcomes"), _("Outcome %(code)s deleted.", code=outcome.code)
    )


def _output_form(output: Output | None = None) -> OutputForm:
    initial = _initial(output, structure.OUTPUT_FIELDS) if output else None
    form = OutputEditForm(data=initial) if output else OutputForm(data=initial)
    stmt = select(Outcome).order_by(Outcome.pillar_code, Outcome.code)
    form.outcome_id.choices = [
        (
            o.id,
            _(
                "%(code)s (pillar %(pillar)s): %(statement)s",
                code=o.code,
                pillar=o.pillar_code,
                statement=o.statement[:80],
            ),
        )
        for o in db.session().scalars(stmt)
    ]
    return form


def logframe_url(project_id: int) -> str:
    return url_for("portfolio.logframe", project_id=project_id)


@bp.route("/projects/<int:project_id>/outputs/new", methods=["GET", "POST"])
@login_required
def new_output(project_id: int) -> ResponseReturnValue:
    """Add an output to a project."""
    project = editable_project(project_id)
    form, back = _output_form(), logframe_url(project_id)
    if form.validate_on_submit():
        data = _data(form, structure.OUTPUT_FIELDS)
        with form_write(form) as write:
            structure.create_output(write.session, current_user, project, data)
        if write.ok:
            return write.done(back)
    return form_page(form, _("New output of %(code)s", code=project.code), back)


def editable_output(output_id: int) -> Output:
    output = load(Output, output_id)
    ensure_can_edit_project(current_user, output.project)
    return output


@bp.route("/outputs/<int:output_id>/edit", methods=["GET", "POST"])
@login_required
def edit_output(output_id: int) -> ResponseReturnValue:
    """Edit an output."""
    output = editable_output(output_id)
    form, back = _output_form(output), logframe_url(output.project_id)
    if form.validate_on_submit():
        data, version = _data(form, structure.OUTPUT_FIELDS), form.version.data
        reason = form.reason.data if isinstance(form, OutputEditForm) else ""
        with form_write(form, output) as write:
            structure.update_output(
                write.session, current_user, output, data, version, reason or ""
            )
        if write.ok:
            return write.done(back)
    delete = url_for("logframe.delete_output", output_id=output_id)
    return form_page(form, _("Edit output %(code)s", code=output.code), back, delete=delete)


@bp.route("/outputs/<int:output_id>/delete", methods=["POST"])
@login_required
def delete_output(output_id: int) -> ResponseReturnValue:
    """Delete an output with no reported data."""
    output = editable_output(output_id)
    _confirmed()
    with button_write() as write:
        structure.delete_output(write.session, current_user, output)
    return write.done(
        logframe_url(output.project_id), _("Output %(code)s deleted.", code=output.code)
    )


@bp.route("/outputs/<int:output_id>/activities/new", methods=["GET", "POST"])
@login_required
def new_activity(output_id: int) -> ResponseReturnValue:
    """Add an activity to an output."""
    output = editable_output(output_id)
    form, back = ActivityForm(), logframe_url(output.project_id)
    if form.validate_on_submit():
        data = _data(form, structure.ACTIVITY_FIELDS)
        with form_write(form) as write:
            structure.create_activity(write.session, current_user, output, data)
        if write.ok:
            return write.done(back)
    return form_page(form, _("New activity under %(code)s", code=output.code), back)


def _editable_activity(activity_id: int) -> Activity:
    activity = load(Activity, activity_id)
    ensure_can_edit_project(current_user, activity.output.project)
    return activity


@bp.route("/activities/<int:activity_id>/edit", methods=["GET", "POST"])
@login_required
def edit_activity(activity_id: int) -> ResponseReturnValue:
    """Edit an activity's dates, status and completion."""
    activity = _editable_activity(activity_id)
    form = ActivityForm(data=_initial(activity, structure.ACTIVITY_FIELDS))
    back = logframe_url(activity.output.project_id)
    if form.validate_on_submit():
        data, version = _data(form, structure.ACTIVITY_FIELDS), form.version.data
        with form_write(form, activity) as write:
            structure.update_activity(write.session, current_user, activity, data, version)
        if write.ok:
            return write.done(back)
    delete = url_for("logframe.delete_activity", activity_id=activity_id)
    return form_page(form, _("Edit activity"), back, delete=delete)


@bp.route("/activities/<int:activity_id>/delete", methods=["POST"])
@login_required
def delete_activity(activity_id: int) -> ResponseReturnValue:
    """Delete an activity with no reported progress."""
    activity = _editable_activity(activity_id)
    _confirmed()
    with button_write() as write:
        structure.delete_activity(write.session, current_user, activity)
    return write.done(logframe_url(activity.output.project_id), _("Activity deleted."))
