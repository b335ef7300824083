"""Member State pages: the index of States with needs or projects, and one State's page."""

from __future__ import annotations

import re

from flask import abort, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from app import data_version, db
from app.portfolio import state_queries
from app.portfolio.views import bp

ISO3 = re.compile(r"[A-Z]{3}")


@bp.route("/member-states")
@login_required
def member_states() -> ResponseReturnValue:
    """List the States that have needs this user may see or projects working there."""
    session, cleared = db.session(), current_user.sees_confidential
    # The same for every reader of a clearance until something is written (data version).
    rows = data_version.kept(
        session, ("state_index", cleared), lambda: state_queries.state_index(session, current_user)
    )
    return render_template("portfolio/member_states.html", rows=rows)


@bp.route("/member-states/<code>")
@login_required
def member_state(code: str) -> ResponseReturnValue:
    """Show one State's needs, the projects answering them and the projects working there."""
    if not ISO3.fullmatch(code):
        if ISO3.fullmatch(code.upper()):
            return redirect(url_for("portfolio.member_state", code=code.upper()))
        abort(404)
    page = state_queries.state_page(db.session(), current_user, code)
    if not page.known:
        abort(404)
    return render_template("portfolio/member_state.html", page=page, listed=state_queries.LISTED)
