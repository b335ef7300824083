"""Sign-in through an OpenID provider: the Authlib client and the rule that matches an account.

The client is built only when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are all set; it
reads the provider's endpoints and keys from ISSUER/.well-known/openid-configuration and runs the
authorization code flow with state, nonce and PKCE (S256). Authlib checks the ID token's
signature (the provider's JWKS), issuer, audience, expiry and nonce.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import DomainError
from app.models.auth import User

SETTINGS = ("OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET")
EXTENSION = "compact.oidc"
SCOPE = "openid email"


class Refused(DomainError):
    """The provider's answer names no account that may sign in; ``reason`` says why."""

    def __init__(
        self, reason: str, email: str = "", user_id: int | None = None, detail: str = ""
    ) -> None:
        super().__init__(reason)
        self.reason, self.email, self.user_id = reason, email, user_id
        self.detail = detail[:64]  # the provider's error code, for the audit trail


def enabled(config: Mapping[str, Any]) -> bool:
    """Tell whether the three OIDC settings are all given."""
    return all(str(config.get(key) or "").strip() for key in SETTINGS)


def init_app(app: Flask) -> None:
    """Register the provider's client on the app when the feature is configured."""
    if not enabled(app.config):
        return
    # Authlib, and the HTTP and JOSE libraries it brings, load only when the feature is on.
    from authlib.integrations.flask_client import OAuth

    issuer = str(app.config["OIDC_ISSUER"]).strip().rstrip("/")
    oauth = OAuth(app)
    app.extensions[EXTENSION] = oauth.register(
        "oidc",
        client_id=app.config["OIDC_CLIENT_ID"],
        client_secret=app.config["OIDC_CLIENT_SECRET"],
        server_metadata_url=f"{issuer}/.well-known/openid-configuration",
        client_kwargs={"scope": SCOPE, "code_challenge_method": "S256", "timeout": 10},
    )


def origin(issuer: str) -> str:
    """Return the scheme and host of the issuer's address (where its sign-in pages are)."""
    parts = urlsplit(issuer.strip())
    return f"{parts.scheme}://{parts.netloc}"


def client() -> Any | None:
    """Return the current app's provider client, None when the feature is off."""
    return current_app.extensions.get(EXTENSION)


def match_account(session: Session, claims: Mapping[str, Any]) -> User:
    """Return the existing active account the provider's verified e-mail names, else refuse."""
    email = str(claims.get("email") or "").strip().lower()[:254]
    if not email:
        raise Refused("no_email")
    if claims.get("email_verified") not in (True, "true"):
        raise Refused("unverified", email)
    user = session.scalar(select(User).where(User.email == email))
    if user is None:
        raise Refused("unknown", email)
    if not user.active:
        raise Refused("inactive", email, user.id)
    return user
