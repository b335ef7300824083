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
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from app import db
from app.audit.services import record
from app.auth.forms import LoginForm
from app.auth.services import TooManyAttempts, authenticate, end_sessions
from app.db import transaction
from app.extensions import login_manager
from app.models.auth import User

bp = Blueprint("auth", __name__, template_folder="templates")


def init_app(app: Flask) -> None:
    """Bind Flask-Login and the session timeout check."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Sign in to continue."
    app.before_request(_enforce_timeouts)


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
    """Show the sign-in form; sign in on valid credentials."""
    form = LoginForm()
    if form.validate_on_submit():
        try:
            with transaction() as db_session:  # a failure is kept, for throttling
                user = authenticate(
                    db_session,
                    form.email.data or "",
                    form.password.data or "",
                    request.remote_addr or "",
                    current_app.config["LOGIN_MAX_FAILURES"],
                    current_app.config["LOGIN_WINDOW_SECONDS"],
                )
                if user is not None:
                    session.clear()  # a fresh session on sign-in (no fixation)
                    login_user(user)
                    session["began"] = session["seen"] = time.time()
                    record(db_session, user.id, "login", "user", user.id)
        except TooManyAttempts as error:
            return render_template("auth/login.html", form=form, error=str(error)), 429
        if user is None:
            message = "E-mail or password is not right."
            return render_template("auth/login.html", form=form, error=message), 200
        return redirect(url_for("home.index"))
    return render_template("auth/login.html", form=form, error=None)


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
    flash("You are signed out.")
    return redirect(url_for("auth.login"))
