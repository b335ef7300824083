"""`Authorization: Bearer TOKEN` on /api: the token's user, and what the token may do.

Flask-Login asks the request loader only when no session cookie named a user, so the API's own
check (`authenticate`) also refuses a request whose Bearer header did not authenticate it, even
when a cookie did: a script never acts with someone else's session by accident. CSRF is checked
for every cookie-authenticated write; a Bearer call carries no cookie to forge.
"""

from __future__ import annotations

from flask import Request, current_app, g, request
from flask_login import current_user

from app.auth.tokens import bearer
from app.db import transaction
from app.extensions import csrf, login_manager
from app.models.auth import User

SAFE = ("GET", "HEAD", "OPTIONS")
UNUSABLE = "the token is unknown, revoked or expired, or its user is deactivated"
READ_ONLY = "this token has the read scope: create a token with the write scope to change data"


class Refused(Exception):
    """The call may not go on: `status` (401 or 403), `code` and a message for the caller."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code = status, code


def presented(req: Request) -> str | None:
    """Return the secret of an `Authorization: Bearer` header, or None without one."""
    header = req.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else None


@login_manager.request_loader
def load_from_bearer(req: Request) -> User | None:
    """Load the user of a usable Bearer token on /api paths (None otherwise)."""
    secret = presented(req)
    if secret is None or not req.path.startswith("/api/"):
        return None
    with transaction() as session:
        token = bearer(session, secret)
    if token is None:
        return None
    g.api_token = token
    return token.user


def authenticate() -> None:
    """Refuse an API call that no usable token or session authenticated, a read-scope token's
    write, and a cookie-authenticated write without its CSRF token."""
    # Decide afresh for this request (an app context kept across requests, as the test client
    # keeps it, must not lend this call the previous call's user or token).
    g.pop("api_token", None)
    g.pop("_login_user", None)
    if presented(request) is not None:
        _token_decides()
        return
    if not current_user.is_authenticated:
        raise Refused(401, "unauthorized", "sign in first, or send Authorization: Bearer TOKEN")
    if request.method not in SAFE and current_app.config.get("WTF_CSRF_ENABLED", True):
        csrf.protect()  # as CSRFProtect would have, had the blueprint not been exempted


def _token_decides() -> None:
    """With a Bearer header, the token alone says who calls (a session cookie beside it is
    ignored) and whether the call may write."""
    if "api_token" not in g:
        user = load_from_bearer(request)  # a cookie's user was loaded instead: replace it
        if user is not None:
            g._login_user = user  # where Flask-Login keeps this request's user
    token = g.get("api_token")
    if token is None:
        raise Refused(401, "unauthorized", UNUSABLE)
    if request.method not in SAFE and token.scope != "write":
        raise Refused(403, "forbidden", READ_ONLY)
