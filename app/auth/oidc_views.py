"""Sign-in with the organisation's OpenID provider, beside passwords; joined to the auth blueprint.

POST /login/oidc (CSRF-checked) sends the browser to the provider; the provider sends it back to
GET /login/oidc/callback, which checks the state, exchanges the code (with the PKCE verifier),
validates the ID token and signs in the existing active account of the verified e-mail, with the
password sign-in's final steps. Every refusal is audited and said on the sign-in page.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from flask import Response, abort, current_app, flash, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.audit.services import record
from app.auth import oidc
from app.auth.views import after_sign_in, bp, complete_sign_in
from app.db import transaction
from app.redirects import safe_next
from app.security import CSP

NEXT_KEY = "oidc_next"
STATE_PREFIX = "_state_oidc_"  # Authlib's session entry of a sign-in begun: state, nonce, verifier


@cache
def provider_failures() -> tuple[type[Exception], ...]:
    """What goes wrong talking to the provider: unreachable, a refused code, a token that fails
    its checks (imported here: these views run only once the feature is on and Authlib loaded)."""
    from authlib.common.errors import AuthlibBaseError
    from joserfc.errors import JoseError
    from requests import RequestException

    return (AuthlibBaseError, JoseError, RequestException, ValueError, KeyError, RuntimeError)


STATE_ERRORS = frozenset({"mismatching_state", "invalid_grant"})  # no such sign-in, or spent
MESSAGES = {
    "state": _l(
        "This sign-in has expired or was already used. "
        "Start again with the button “Sign in with your organisation's account”."
    ),
    "denied": _l(
        "Your organisation did not sign you in (the sign-in was cancelled or refused). "
        "Try again, or sign in with your password."
    ),
    "no_email": _l(
        "Your organisation's account gave no e-mail address, so it matches no account here. "
        "Sign in with your password."
    ),
    "unverified": _l(
        "Your organisation has not verified the e-mail address of your account, so it matches "
        "no account here. Ask your organisation to verify it, or sign in with your password."
    ),
    "provider": _l(
        "Your organisation's sign-in service could not be reached or gave an answer that cannot "
        "be trusted. Try again later, or sign in with your password."
    ),
}


@bp.app_context_processor
def _offer() -> dict[str, bool]:
    return {"oidc_enabled": oidc.client() is not None}


@bp.after_app_request
def _let_the_button_leave(response: Response) -> Response:
    """Let the sign-in page's button reach the provider: a browser applies the page's
    form-action to the redirect that follows the POST (the provider's origin is the issuer's)."""
    if request.endpoint == "auth.login" and oidc.client() is not None:
        origin = oidc.origin(str(current_app.config["OIDC_ISSUER"]))
        response.headers["Content-Security-Policy"] = CSP.replace(
            "form-action 'self'", f"form-action 'self' {origin}"
        )
    return response


def _provider() -> Any:
    provider = oidc.client()
    if provider is None:
        abort(404)  # the feature is off: nothing to start and nothing to come back to
    return provider


def _redirect_uri() -> str:
    base = str(current_app.config.get("BASE_URL") or "").rstrip("/")
    if base:
        return base + url_for("auth.oidc_callback")
    return url_for("auth.oidc_callback", _external=True)


@bp.route("/login/oidc", methods=["POST"])
def oidc_start() -> ResponseReturnValue:
    """Send the browser to the provider (authorization code flow, state, nonce, PKCE S256)."""
    provider = _provider()
    for key in [key for key in session if key.startswith(STATE_PREFIX)]:
        session.pop(key)  # one sign-in under way per browser: the cookie stays small
    session[NEXT_KEY] = safe_next(request.form.get("next"), "")
    try:
        response: ResponseReturnValue = provider.authorize_redirect(_redirect_uri())
    except provider_failures() as error:
        return _refuse(oidc.Refused("provider", detail=type(error).__name__))
    return response


@bp.route("/login/oidc/callback")
def oidc_callback() -> ResponseReturnValue:
    """Sign in the active account of the provider's verified e-mail, or say why not."""
    provider = _provider()
    target = session.pop(NEXT_KEY, "")
    try:
        claims = _verified_claims(provider)
        with transaction() as db_session:
            user = oidc.match_account(db_session, claims)
            complete_sign_in(db_session, user, "oidc")
    except oidc.Refused as refusal:
        return _refuse(refusal)
    return after_sign_in(target)


def _verified_claims(provider: Any) -> Mapping[str, Any]:
    """Check the state, exchange the code and return the validated ID token's claims."""
    from authlib.integrations.base_client import OAuthError

    try:
        token = provider.authorize_access_token()
    except OAuthError as error:
        code = str(error.error or "")
        reason = "denied" if request.args.get("error") else "provider"
        raise oidc.Refused("state" if code in STATE_ERRORS else reason, detail=code) from error
    except provider_failures() as error:
        raise oidc.Refused("provider", detail=type(error).__name__) from error
    claims = token.get("userinfo") if isinstance(token, Mapping) else None
    if not claims:  # no ID token came back: nothing says who this is
        raise oidc.Refused("provider", detail="no_id_token")
    return dict(claims)


def _refuse(refusal: oidc.Refused) -> ResponseReturnValue:
    """Audit the refusal, say it on the sign-in page, sign nobody in."""
    current_app.logger.info("OIDC sign-in refused: %s %s", refusal.reason, refusal.detail)
    after = {"method": "oidc", "reason": refusal.reason, "email": refusal.email}
    if refusal.detail:
        after["detail"] = refusal.detail
    with transaction() as db_session:
        record(
            db_session, refusal.user_id, "login_refused", "user", refusal.user_id or "", after=after
        )
    flash(_message(refusal), "error")
    return redirect(url_for("auth.login"))


def _message(refusal: oidc.Refused) -> str:
    if refusal.reason in ("unknown", "inactive"):  # the same words: a deactivation is not told
        return _(
            "No active account here has the e-mail address %(email)s. "
            "Ask an administrator of the tracker for one.",
            email=refusal.email,
        )
    return str(MESSAGES[refusal.reason])
