"""Accounts, passwords, sign-in throttling and session epochs."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from app.auth import epoch as _epoch  # noqa: F401  (bumps session epochs on account changes)
from app.db import utcnow
from app.errors import DomainError, ValidationFailed
from app.models.auth import LoginFailure, User
from app.models.enums import Role
from app.models.reference import Entity

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 8
MAX_PASSWORD = 128
# Spent once per unknown account so that a miss costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


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
        problems.append(f"email: {email!r} is not an e-mail address")
    elif session.scalar(select(User.id).where(User.email == email)):
        problems.append(f"email: a user {email} already exists")
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        problems.append(f"password: use {MIN_PASSWORD} to {MAX_PASSWORD} characters")
    if role not in {r.value for r in Role}:
        problems.append(f"role: {role!r} is not one of {', '.join(r.value for r in Role)}")
    if role == Role.FOCAL_POINT and not entity_acronym:
        problems.append("entity: a focal point needs --entity")
    if role == Role.REVIEWER and entity_acronym:
        problems.append("entity: a reviewer reviews every entity's reports; leave out --entity")
    if entity_acronym and not session.scalar(
        select(Entity.id).where(Entity.acronym == entity_acronym)
    ):
        problems.append(f"entity: no Compact entity {entity_acronym!r}")
    return problems


def authenticate(
    session: Session,
    email: str,
    password: str,
    remote_addr: str,
    max_failures: int,
    window_seconds: int,
) -> User | None:
    """Return the user for good credentials, record a failure otherwise; throttle guessing."""
    email = email.strip().lower()
    since = utcnow() - dt.timedelta(seconds=window_seconds)
    recent = session.scalar(
        select(func.count())
        .select_from(LoginFailure)
        .where(
            LoginFailure.occurred_at >= since,
            (LoginFailure.email == email) | (LoginFailure.remote_addr == remote_addr),
        )
    )
    if (recent or 0) >= max_failures:
        raise TooManyAttempts("Too many failed sign-ins. Wait 15 minutes and try again.")
    user = session.scalar(select(User).where(User.email == email))
    hashed = user.password_hash if user else _DUMMY_HASH
    if check_password_hash(hashed, password) and user is not None and user.active:
        session.execute(delete(LoginFailure).where(LoginFailure.email == email))
        return user
    session.add(LoginFailure(email=email[:254], remote_addr=remote_addr[:64]))
    session.flush()
    return None


def end_sessions(user: User) -> None:
    """Invalidate every session cookie the user holds (logout, deactivation)."""
    user.session_epoch += 1
