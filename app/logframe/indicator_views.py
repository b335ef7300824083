"""Indicator editing pages: on outputs (project editors) and outcomes (administrators)."""

from __future__ import annotations

from typing import Any

from flask import abort, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import db
from app.audit.edits import plain
from app.auth.permissions import ensure_admin
from app.logframe import indicator_services as service
from app.logframe.forms import IndicatorForm
from app.logframe.views import bp, editable_output, logframe_url
from app.models.logframe import Indicator, Outcome, Output
from app.ui.forms import ConfirmForm
from app.ui.pages import form_page, load
from app.ui.writes import button_write, form_write


def _form(indicator: Indicator | None = None) -> IndicatorForm:
    if indicator is None:
        return IndicatorForm()
    initial: dict[str, Any] = {n: plain(getattr(indicator, n)) for n in service.INDICATOR_FIELDS}
    initial["disaggregation"] = indicator.disaggregation or ""
    rows = [{"period_key": t.period_key, "target": plain(t.target)} for t in indicator.targets]
    initial.update(version=indicator.version, targets=rows + [{}, {}])
    return IndicatorForm(data=initial)


def _data(form: IndicatorForm) -> dict[str, Any]:
    data = {name: form[name].data for name in service.INDICATOR_FIELDS}
    data["baseline_period"] = data["baseline_period"] or None
    data["baseline_note"] = data["baseline_note"] or ""
    data["disaggregation"] = data["disaggregation"] or None
    data["targets"] = form.target_map()
    return data


def _back(indicator: Indicator) -> str:
    if indicator.output is not None:
        return logframe_url(indicator.output.project_id)
    return url_for("logframe.outcomes")


def _create(parent: Outcome | Output, back: str) -> ResponseReturnValue:
    form = _form()
    if form.validate_on_submit():
        data = _data(form)
        with form_write(form) as write:
            service.create_indicator(write.session, current_user, parent, data)
        if write.ok:
            return write.done(back)
    return form_page(form, _("New indicator of %(code)s", code=parent.code), back)


@bp.route("/outputs/<int:output_id>/indicators/new", methods=["GET", "POST"])
@login_required
def new_output_indicator(output_id: int) -> ResponseReturnValue:
    """Add an indicator to an output."""
    output = editable_output(output_id)
    return _create(output, logframe_url(output.project_id))


@bp.route("/outcomes/<int:outcome_id>/indicators/new", methods=["GET", "POST"])
@login_required
def new_outcome_indicator(outcome_id: int) -> ResponseReturnValue:
    """Add an indicator to an outcome (administrators)."""
    ensure_admin(current_user)
    return _create(load(Outcome, outcome_id), url_for("logframe.outcomes"))


def _editable(indicator_id: int) -> Indicator:
    indicator = load(Indicator, indicator_id)
    service.ensure_can_edit_indicator(current_user, indicator)
    return indicator


@bp.route("/indicators/<int:indicator_id>/edit", methods=["GET", "POST"])
@login_required
def edit_indicator(indicator_id: int) -> ResponseReturnValue:
    """Edit an indicator; once it has values, controlled changes need a reason."""
    indicator = _editable(indicator_id)
    form, back = _form(indicator), _back(indicator)
    if form.validate_on_submit():
        data, version, reason = _data(form), form.version.data, form.reason.data or ""
        with form_write(form, indicator) as write:
            service.update_indicator(write.session, current_user, indicator, data, version, reason)
        if write.ok:
            return write.done(back)
    values = service.indicator_value_count(db.session(), indicator)
    delete = url_for("logframe.delete_indicator", indicator_id=indicator_id)
    return form_page(
        form,
        _("Edit indicator %(code)s", code=indicator.code),
        back,
        delete=delete,
        value_count=values,
    )


@bp.route("/indicators/<int:indicator_id>/delete", methods=["POST"])
@login_required
def delete_indicator(indicator_id: int) -> ResponseReturnValue:
    """Delete an indicator with no reported values."""
    indicator = _editable(indicator_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    back = _back(indicator)
    failed = url_for("logframe.edit_indicator", indicator_id=indicator_id)
    with button_write() as write:
        service.delete_indicator(write.session, current_user, indicator)
    return write.done(back, _("Indicator %(code)s deleted.", code=indicator.code), failed)
