"""Personal access tokens: create (the secret is shown once), look up a bearer, revoke.

Only the SHA-256 hash of a token is stored. A token acts as its user, so a deactivated user's
tokens stop at once; revoked and expired tokens are refused. The last use is written at most once
a minute per token, so that a busy script does not turn every read into a write.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.audit.services import record
from app.db import utcnow
from app.errors import FieldInvalid, NotFound
from app.models.api_tokens import SCOPES, ApiToken
from app.models.auth import User

PREFIX = "ctt_"
MAX_NAME = 100
MAX_EXPIRES_DAYS = 3650
TOUCH_EVERY = dt.timedelta(minutes=1)


def digest(secret: str) -> str:
    """Return the SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(
    session: Session, user: User, name: str, scope: str = "read", expires_days: int | None = None
) -> tuple[ApiToken, str]:
    """Add a token for `user`; return it and its secret (the only time the secret exists)."""
    name = name.strip()
    if not name or len(name) > MAX_NAME:
        said = _("Give the token a name of 1 to %(most)d characters.", most=MAX_NAME)
        raise FieldInvalid("name", said)
    if scope not in SCOPES:
        raise FieldInvalid("scope", _("Choose the scope read or write."))
    if expires_days is not None and not 1 <= expires_days <= MAX_EXPIRES_DAYS:
        said = _("Expiry: give 1 to %(most)d days, or none.", most=MAX_EXPIRES_DAYS)
        raise FieldInvalid("expires_days", said)
    if not user.active:
        said = _("%(email)s is deactivated: it cannot have tokens.", email=user.email)
        raise FieldInvalid("email", said)
    secret = PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    expires = now + dt.timedelta(days=expires_days) if expires_days else None
    token = ApiToken(
        user_id=user.id,
        name=name,
        scope=scope,
        token_hash=digest(secret),
        created_at=now,
        expires_at=expires,
    )
    session.add(token)
    session.flush()
    after = {"name": name, "scope": scope, "expires_at": expires.isoformat() if expires else None}
    record(session, user.id, "create_token", "api_token", token.id, after=after)
    return token, secret


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)  # SQLite drops the zone


def usable(token: ApiToken, now: dt.datetime) -> bool:
    """Tell whether a token may authenticate now: not revoked, not expired, its user active."""
    if token.revoked_at is not None or not token.user.active:
        return False
    return token.expires_at is None or _aware(token.expires_at) > now


def bearer(session: Session, secret: str) -> ApiToken | None:
    """Return the usable token whose secret this is, noting its use (the caller commits)."""
    if not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(secret)))
    now = utcnow()
    if token is None or not usable(token, now):
        return None
    if token.last_used_at is None or _aware(token.last_used_at) <= now - TOUCH_EVERY:
        session.execute(
            update(ApiToken).where(ApiToken.id == token.id).values(last_used_at=now),
            execution_options={"synchronize_session": False},
        )
    return token


def user_tokens(session: Session, user: User) -> list[ApiToken]:
    """List a user's tokens, newest first (revoked ones included, marked)."""
    query = select(ApiToken).where(ApiToken.user_id == user.id)
    return list(session.scalars(query.order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


def revoke_token(session: Session, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens (an unknown or foreign token is not found)."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound(_("No such token."))
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        session.flush()
        record(session, user.id, "revoke_token", "api_token", token.id, after={"name": token.name})
    return token
