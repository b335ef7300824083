"""Sign-in and sign-out, the user loader and session timeouts."""

from __future__ import annotations

import time

from flask import (
    Blueprint,
    Flask,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app import db, i18n
from app.audit.services import record
from app.auth import oidc
from app.auth.forms import LoginForm
from app.auth.services import (
    Limits,
    TooManyAttempts,
    begin_attempt,
    check_credentials,
    end_sessions,
    forget_failures,
    keep_chosen_language,
)
from app.db import transaction
from app.extensions import login_manager
from app.marks import N_
from app.models.auth import User
from app.redirects import safe_next

bp = Blueprint("auth", __name__, template_folder="templates")


def init_app(app: Flask) -> None:
    """Bind Flask-Login and the session timeout check."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = N_("Sign in to continue.")
    login_manager.localize_callback = _  # flashed in the language of the page asking
    app.before_request(_enforce_timeouts)
    oidc.init_app(app)


@login_manager.user_loader
def load_user(token: str) -> User | None:
    """Load the user named by the session, if the account is active and the epoch current."""
    user_id, _, epoch = token.partition(":")
    if not user_id.isdigit() or not epoch.isdigit():
        return None
    user = db.session().get(User, int(user_id))
    if user is None or not user.active or user.session_epoch != int(epoch):
        return None
    return user


def _enforce_timeouts() -> None:
    if "_user_id" not in session:
        return
    now = time.time()
    idle = current_app.config["SESSION_IDLE_MINUTES"] * 60
    absolute = current_app.config["PERMANENT_SESSION_LIFETIME"].total_seconds()
    if now - session.get("seen", now) > idle or now - session.get("began", now) > absolute:
        session.clear()
        return
    session["seen"] = now


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """Show the sign-in form; sign in on valid credentials (throttled per account and address)."""
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form, error=None)
    email, password = form.email.data or "", form.password.data or ""
    try:
        user = _sign_in(email, password, request.remote_addr or "")
    except TooManyAttempts as error:
        return render_template("auth/login.html", form=form, error=str(error)), 429
    except OperationalError:  # a locked or busy database: the guess was not checked
        current_app.logger.warning("sign-in refused: the database is busy", exc_info=True)
        busy = _("The sign-in service is busy. Wait a moment and try again.")
        return render_template("auth/login.html", form=form, error=busy), 429
    if user is None:
        message = _("E-mail or password is not right.")
        return render_template("auth/login.html", form=form, error=message), 200
    return after_sign_in(request.args.get("next"))


def _sign_in(email: str, password: str, remote_addr: str) -> User | None:
    """Count the attempt (committed before the password is checked), check it, then sign in."""
    config = current_app.config
    limits = Limits(  # int(): a FLASK_LOGIN_... environment variable arrives as text
        int(config["LOGIN_MAX_FAILURES"]),
        int(config["LOGIN_MAX_FAILURES_PER_ADDRESS"]),
        int(config["LOGIN_WINDOW_SECONDS"]),
    )
    with transaction() as db_session:
        attempt = begin_attempt(db_session, email, remote_addr, limits)
    with transaction() as db_session:  # a read only, ended before the next write begins
        user = check_credentials(db_session, email, password)
    if user is None:
        return None  # the attempt row stays: it is the failure the throttle counts
    with transaction() as db_session:
        forget_failures(db_session, attempt, email, remote_addr)
        complete_sign_in(db_session, user)
    return user


def complete_sign_in(db_session: Session, user: User, method: str = "") -> None:
    """Sign the user in on a fresh session (no fixation), audit it and keep the chosen language."""
    session.clear()
    login_user(user)
    session["began"] = session["seen"] = time.time()
    after = {"method": method} if method else None  # the password's events stay as they were
    record(db_session, user.id, "login", "user", user.id, after=after)
    keep_chosen_language(db_session, user, request.cookies.get(i18n.COOKIE))


def after_sign_in(target: str | None) -> ResponseReturnValue:
    """Go to the page asked for before signing in, if it is on this site, else home."""
    return redirect(safe_next(target, url_for("home.index")))


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> ResponseReturnValue:
    """Sign out and make every earlier session cookie of this user useless."""
    with transaction() as db_session:
        user = db_session.scalar(select(User).where(User.id == current_user.id))
        if user is not None:
            end_sessions(user)
            record(db_session, user.id, "logout", "user", user.id)
    logout_user()
    session.clear()
    flash(_("You are signed out."))
    return redirect(url_for("auth.login"))
