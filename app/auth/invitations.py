"""Set-password links: the invitation of a new account and an administrator's password reset.

A link carries a token signed with SECRET_KEY (itsdangerous, salted for this one purpose) that
names the account and a seal of its current password hash. It is valid for INVITATION_DAYS and
works once: setting the password changes the hash, so the seal no longer matches; a reset gives
the account a new random hash, so any earlier link dies with the old password. Nothing of the
token is stored. Every change is audited and ends the account's sessions (app/auth/epoch.py).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import update
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from app.audit.services import record
from app.auth.permissions import ensure_admin
from app.auth.services import create_user, password_problems
from app.db import rowcount
from app.errors import DomainError, ValidationFailed
from app.models.auth import User

SALT = "compact-tracker/set-password"
INVITATION_DAYS = 7
MAX_AGE = INVITATION_DAYS * 24 * 3600


class LinkInvalid(DomainError):
    """The link was not issued by this tracker, or names no account (answered 404)."""


class LinkSpent(DomainError):
    """The link has expired, was used, was replaced by a newer one, or its account is
    deactivated (answered 410)."""


def _seal(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:20]


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=SALT)


def link_token(secret_key: str, user: User) -> str:
    """Return the token of a set-password link for the account as it is now."""
    return str(_serializer(secret_key).dumps({"u": user.id, "s": _seal(user)}))


def unusable_hash() -> str:
    """Return a password hash nobody knows the password of (a random secret, thrown away)."""
    return generate_password_hash(secrets.token_urlsafe(32))


def user_for_token(session: Session, secret_key: str, token: str, max_age: int = MAX_AGE) -> User:
    """Return the account a valid link names; raise LinkInvalid or LinkSpent otherwise."""
    try:
        payload: Any = _serializer(secret_key).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise LinkSpent(
            _("This link has expired (links work for %(days)s days).", days=INVITATION_DAYS)
        ) from error
    except BadSignature as error:
        raise LinkInvalid(_("This is not a set-password link of the tracker.")) from error
    user_id = payload.get("u") if isinstance(payload, dict) else None
    user = session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None:
        raise LinkInvalid(_("This link names no account."))
    if not hmac.compare_digest(str(payload.get("s")), _seal(user)):
        raise LinkSpent(_("This link has been used, or a newer link has replaced it."))
    if not user.active:
        raise LinkSpent(_("This account is deactivated; ask an administrator."))
    return user


def invite_user(
    session: Session, actor: User, email: str, role: str, entity: str | None, name: str = ""
) -> User:
    """Create an account without a usable password, for a set-password link; audited."""
    ensure_admin(actor)
    user = create_user(session, email, secrets.token_urlsafe(32), role, entity or None, name)
    after = {"email": user.email, "role": user.role, "entity": entity or None}
    record(session, actor.id, "user.invited", "user", user.id, after=after)
    return user


def reset_password(session: Session, actor: User, user: User) -> User:
    """Make the account's password unusable at once, for a new link; ends its sessions; audited."""
    ensure_admin(actor)
    if user.id == actor.id:
        raise ValidationFailed(["password: " + _("reset other accounts' passwords, not your own")])
    user.password_hash = unusable_hash()
    session.flush()
    record(session, actor.id, "user.password_reset", "user", user.id)
    return user


def set_password(session: Session, user: User, password: str) -> User:
    """Give the account (read by user_for_token) the password chosen through its link, if the
    link is still unused; ends every other session; audited as the account's own act."""
    problems = password_problems(password)
    if problems:
        raise ValidationFailed(problems)
    # Compare-and-set on the hash the link was checked against: of two uses at once, one wins.
    new_hash = generate_password_hash(password)
    changed = session.execute(
        update(User)
        .where(User.id == user.id, User.password_hash == user.password_hash)
        .values(password_hash=new_hash, session_epoch=User.session_epoch + 1)
        .execution_options(synchronize_session="fetch")
    )
    if rowcount(changed) != 1:
        raise LinkSpent(_("This link has been used, or a newer link has replaced it."))
    record(session, user.id, "user.password_set", "user", user.id)
    session.flush()
    return user
