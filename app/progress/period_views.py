"""Reporting period pages (administrators): list, create, adjust, lock, reopen, delete."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import db
from app.auth.permissions import ensure_admin
from app.models.enums import PeriodStatus
from app.models.progress import ReportingPeriod
from app.progress import period_services as periods
from app.progress.period_forms import LockForm, NewPeriodForm, PeriodDatesForm
from app.progress.readiness import period_readiness
from app.ui.forms import ConfirmForm, ReasonForm, add_error, required
from app.ui.writes import button_write, form_write

bp = Blueprint("periods", __name__, template_folder="templates")


def _period(period_id: int) -> ReportingPeriod:
    ensure_admin(current_user)
    period = db.session().get(ReportingPeriod, period_id)
    if period is None:
        abort(404)
    return period


@bp.route("/periods")
@login_required
def index() -> ResponseReturnValue:
    """List the periods, newest first, with status and counts."""
    ensure_admin(current_user)
    rows = periods.period_rows(db.session())
    return render_template(
        "progress/periods.html", rows=rows, form=ReasonForm(), confirm=ConfirmForm()
    )


@bp.route("/periods/new", methods=["GET", "POST"])
@login_required
def new() -> ResponseReturnValue:
    """Create a quarter from its key."""
    ensure_admin(current_user)
    form, back = NewPeriodForm(), url_for("periods.index")
    if form.validate_on_submit():
        with form_write(form) as write:
            dates = (form.entry_opens_on.data, form.due_on.data)
            periods.create_period(write.session, current_user, required(form.key.data), *dates)
        if write.ok:
            return write.done(back)
    return render_template("progress/period_form.html", form=form, title=_("New period"), back=back)


@bp.route("/periods/<int:period_id>/edit", methods=["GET", "POST"])
@login_required
def edit(period_id: int) -> ResponseReturnValue:
    """Change a period's entry window and due date."""
    period = _period(period_id)
    initial = {"entry_opens_on": period.entry_opens_on, "due_on": period.due_on}
    form = PeriodDatesForm(data={**initial, "version": period.version})
    back = url_for("periods.index")
    if form.validate_on_submit():
        with form_write(form, period) as write:
            periods.update_period(
                write.session,
                current_user,
                period,
                required(form.entry_opens_on.data),
                required(form.due_on.data),
                form.version.data,
            )
        if write.ok:
            return write.done(back)
    title = _(
        "Period %(period)s (%(start)s to %(end)s)",
        period=period.key,
        start=period.starts_on,
        end=period.ends_on,
    )
    return render_template(
        "progress/period_form.html",
        form=form,
        title=title,
        back=back,
        period=period,
        confirm=ConfirmForm(),
    )


def _set_status(period_id: int, status: PeriodStatus) -> ResponseReturnValue:
    period = _period(period_id)
    form = ReasonForm()
    if not form.validate_on_submit():
        abort(400)
    with button_write() as write:
        periods.set_status(write.session, current_user, period, status, form.reason.data or "")
    if status == PeriodStatus.LOCKED:
        done = _("Period %(period)s is now locked.", period=period.key)
    else:
        done = _("Period %(period)s is now open.", period=period.key)
    return write.done(url_for("periods.index"), done)


@bp.route("/periods/<int:period_id>/lock", methods=["POST"])
@login_required
def lock(period_id: int) -> ResponseReturnValue:
    """Lock a period from its confirmation page (a reason and the ticked box); any other POST
    shows that page, with the period's readiness summary, and changes nothing."""
    period = _period(period_id)
    form = LockForm()
    valid = form.validate_on_submit()
    if valid and form.confirm.data:
        with form_write(form) as write:
            reason = form.reason.data or ""
            periods.set_status(write.session, current_user, period, PeriodStatus.LOCKED, reason)
        if write.ok:
            done = _("Period %(period)s is now locked.", period=period.key)
            return write.done(url_for("periods.index"), done)
    elif valid and form.shown.data:
        add_error(form.confirm, _("Tick this box once you have read the summary."))
    summary = period_readiness(db.session(), period, dt.date.today())
    return render_template("progress/period_lock.html", form=form, period=period, readiness=summary)


@bp.route("/periods/<int:period_id>/reopen", methods=["POST"])
@login_required
def reopen(period_id: int) -> ResponseReturnValue:
    """Reopen a locked period; a reason is required."""
    return _set_status(period_id, PeriodStatus.OPEN)


@bp.route("/periods/<int:period_id>/delete", methods=["POST"])
@login_required
def delete(period_id: int) -> ResponseReturnValue:
    """Delete a period that holds no reports or values."""
    period = _period(period_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with button_write() as write:
        periods.delete_period(write.session, current_user, period)
    return write.done(url_for("periods.index"), _("Period %(period)s deleted.", period=period.key))
