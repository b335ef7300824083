"""Users and their roles."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, utcnow
from app.i18n import LANGUAGES
from app.models.columns import one_of
from app.models.enums import Role
from app.models.reference import Entity


class User(Base):
    """A person who signs in; focal points belong to one entity."""

    __tablename__ = "users"
    __table_args__ = (
        one_of("role", Role),
        one_of("language", tuple(LANGUAGES)),
        CheckConstraint(
            "role <> 'focal_point' OR entity_id IS NOT NULL", name="focal_point_entity"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"))
    active: Mapped[bool] = mapped_column(default=True)
    # Bumped at logout and on any change of active, role, entity or password (auth/epoch.py):
    # a session cookie carrying an older epoch is refused.
    session_epoch: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # The language chosen with the switcher (app/i18n.py); None until the user chooses one.
    language: Mapped[str | None] = mapped_column(String(8))

    entity: Mapped[Entity | None] = relationship()

    @property
    def is_active(self) -> bool:
        """Tell Flask-Login whether the account may sign in."""
        return self.active

    @property
    def is_authenticated(self) -> bool:
        """Tell Flask-Login that a loaded user is signed in."""
        return True

    @property
    def is_anonymous(self) -> bool:
        """Tell Flask-Login this is a real account."""
        return False

    def get_id(self) -> str:
        """Return the session identifier: user id and epoch."""
        return f"{self.id}:{self.session_epoch}"

    @property
    def sees_confidential(self) -> bool:
        """Tell whether this user may see confidential CTED needs."""
        return self.role in (Role.CTED, Role.ADMIN)

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


class LoginFailure(Base):
    """One failed sign-in, kept to throttle guessing across workers."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    remote_addr: Mapped[str] = mapped_column(String(64), index=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
