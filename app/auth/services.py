"""Accounts, passwords, sign-in throttling and session epochs."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import case, delete, func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from app.audit.services import record
from app.auth import epoch as _epoch  # noqa: F401  (bumps session epochs on account changes)
from app.db import utcnow
from app.errors import DomainError, ValidationFailed
from app.i18n import LANGUAGES
from app.models.auth import LoginFailure, User
from app.models.enums import Role
from app.models.reference import Entity

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 8
MAX_PASSWORD = 128


@functools.cache
def _dummy_hash() -> str:
    """Return a hash to check against for an unknown account, so that a miss costs as long as a
    wrong password; computed once, on the first sign-in, not when the module loads."""
    return generate_password_hash("not-a-real-password")


class TooManyAttempts(DomainError):
    """Sign-in is throttled for this account or address."""


def create_user(
    session: Session,
    email: str,
    password: str,
    role: str,
    entity_acronym: str | None = None,
    name: str = "",
) -> User:
    """Create a user after checking email, password, role and entity."""
    email = email.strip().lower()
    problems = _account_problems(session, email, password, role, entity_acronym)
    if problems:
        raise ValidationFailed(problems)
    entity = None
    if entity_acronym:
        entity = session.scalar(select(Entity).where(Entity.acronym == entity_acronym))
    user = User(
        email=email,
        name=name or email.split("@")[0],
        role=role,
        password_hash=generate_password_hash(password),
        entity=entity,
    )
    session.add(user)
    session.flush()
    return user


def _account_problems(
    session: Session, email: str, password: str, role: str, entity_acronym: str | None
) -> list[str]:
    problems = []
    if not EMAIL.match(email):
        problems.append("email: " + _("%(email)s is not an e-mail address", email=repr(email)))
    elif session.scalar(select(User.id).where(User.email == email)):
        problems.append("email: " + _("a user %(email)s already exists", email=email))
    problems += password_problems(password)
    if role not in {r.value for r in Role}:
        problems.append(
            "role: "
            + _(
                "%(role)s is not one of %(roles)s",
                role=repr(role),
                roles=", ".join(r.value for r in Role),
            )
        )
    if role == Role.FOCAL_POINT and not entity_acronym:
        problems.append("entity: " + _("a focal point needs an entity"))
    if role == Role.REVIEWER and entity_acronym:
        problems.append(
            "entity: " + _("a reviewer reviews every entity's reports and has no entity")
        )
    if entity_acronym and not session.scalar(
        select(Entity.id).where(Entity.acronym == entity_acronym)
    ):
        problems.append("entity: " + _("no Compact entity %(entity)s", entity=repr(entity_acronym)))
    return problems


def password_problems(password: str) -> list[str]:
    """List what is wrong with a new password (its length), as "password: problem"."""
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        return [
            "password: "
            + _("use %(low)s to %(high)s characters", low=MIN_PASSWORD, high=MAX_PASSWORD)
        ]
    return []


@dataclass(frozen=True)
class Limits:
    """How many sign-in attempts are let through in a window: per account and address, and per
    address over every account (LOGIN_MAX_FAILURES, LOGIN_MAX_FAILURES_PER_ADDRESS,
    LOGIN_WINDOW_SECONDS)."""

    per_account: int
    per_address: int
    window_seconds: int


def begin_attempt(session: Session, email: str, remote_addr: str, limits: Limits) -> int:
    """Record a sign-in attempt and count it with the others in one serialised step.

    The row is written before the password is checked (and committed by the caller before the
    check), so parallel guesses see each other: at most `limits.per_account` passwords are checked
    for one account from one address in a window, and `limits.per_address` from one address. On
    PostgreSQL a transaction-scoped advisory lock on the address serialises the count; on SQLite
    the INSERT, the first statement, takes the write lock. A refused attempt raises
    TooManyAttempts and, rolled back, leaves no row. Returns the attempt's id."""
    email, remote_addr = email.strip().lower()[:254], remote_addr[:64]
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(_lock_key(remote_addr))))
    attempt = LoginFailure(email=email, remote_addr=remote_addr)
    session.add(attempt)
    session.flush()
    since = utcnow() - dt.timedelta(seconds=limits.window_seconds)
    recent = LoginFailure.remote_addr == remote_addr, LoginFailure.occurred_at >= since
    same_account = func.sum(case((LoginFailure.email == email, 1), else_=0))
    row = session.execute(select(func.count(), same_account).where(*recent)).one()
    if row[0] > limits.per_address or (row[1] or 0) > limits.per_account:
        raise TooManyAttempts(_("Too many failed sign-ins. Wait 15 minutes and try again."))
    return attempt.id


def _lock_key(remote_addr: str) -> int:
    digest = hashlib.sha256(b"login:" + remote_addr.encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def check_credentials(session: Session, email: str, password: str) -> User | None:
    """Return the active user these credentials name, None otherwise (same cost either way)."""
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    hashed = user.password_hash if user else _dummy_hash()
    if check_password_hash(hashed, password) and user is not None and user.active:
        return user
    return None


def forget_failures(session: Session, attempt_id: int, email: str, remote_addr: str) -> None:
    """After a good sign-in: drop this attempt and the account's failures from this address
    (failures from other addresses, and other accounts', still count)."""
    email, remote_addr = email.strip().lower()[:254], remote_addr[:64]
    pair = (LoginFailure.email == email) & (LoginFailure.remote_addr == remote_addr)
    session.execute(delete(LoginFailure).where(pair | (LoginFailure.id == attempt_id)))


def authenticate(
    session: Session,
    email: str,
    password: str,
    remote_addr: str,
    max_failures: int,
    window_seconds: int,
) -> User | None:
    """Count the attempt, check the credentials and forget the failures on success, in the
    caller's transaction (the web's sign-in commits the count before the check)."""
    limits = Limits(max_failures, max(max_failures, 50), window_seconds)
    attempt = begin_attempt(session, email, remote_addr, limits)
    user = check_credentials(session, email, password)
    if user is not None:
        forget_failures(session, attempt, email, remote_addr)
    return user


def end_sessions(user: User) -> None:
    """Invalidate every session cookie the user holds (logout, deactivation)."""
    user.session_epoch += 1


def set_language(session: Session, user: User, code: str) -> bool:
    """Save the language a user chose (one of the six codes); audited; tell whether it changed."""
    if code not in LANGUAGES:
        raise ValidationFailed(
            [
                "language: "
                + _(
                    "%(code)s is not one of %(codes)s",
                    code=repr(code),
                    codes=", ".join(LANGUAGES),
                )
            ]
        )
    if user.language == code:
        return False
    before = user.language
    user.language = code
    session.flush()
    record(
        session,
        user.id,
        "user.language_changed",
        "user",
        user.id,
        before={"language": before},
        after={"language": code},
    )
    return True


def keep_chosen_language(session: Session, user: User, chosen: str | None) -> None:
    """Save the language chosen before signing in (the switcher's cookie) on an account that
    has none yet; an account's saved choice wins over the cookie."""
    if user.language is None and chosen in LANGUAGES:
        set_language(session, user, str(chosen))
