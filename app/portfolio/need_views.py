"""Needs administration: edit one CTED need (administrators), audited with before and after."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.auth.permissions import ensure_admin
from app.models.portfolio import CtedNeed
from app.portfolio.forms import NeedForm
from app.portfolio.need_services import NEED_FIELDS, NeedVersion, update_need
from app.portfolio.views import bp
from app.reference.member_states import label, names, sort_key
from app.ui.pages import form_page, load
from app.ui.writes import form_write


def _need_form(need: CtedNeed) -> NeedForm:
    initial: dict[str, Any] = {name: getattr(need, name) for name in NEED_FIELDS}
    form = NeedForm(data={**initial, "version": NeedVersion(need).version})
    codes = sorted(set(names()) | {need.member_state}, key=sort_key)
    form.member_state.choices = [(code, label(code)) for code in codes]
    return form


@bp.route("/needs/<int:need_id>/edit", methods=["GET", "POST"])
@login_required
def edit_need(need_id: int) -> ResponseReturnValue:
    """Edit a CTED need's facts and confidential flag (administrators only)."""
    ensure_admin(current_user)
    need = load(CtedNeed, need_id)
    form = _need_form(need)
    back = url_for("portfolio.member_state", code=need.member_state)
    if form.validate_on_submit():
        data = {name: form[name].data for name in NEED_FIELDS}
        with form_write(form, NeedVersion(need)) as write:
            update_need(write.session, current_user, need, data, form.version.data)
        if write.ok:
            return write.done(url_for("portfolio.member_state", code=need.member_state))
    return form_page(form, _("Edit need %(code)s", code=need.code), back)
