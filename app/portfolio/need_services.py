"""Change one CTED need (administrators): the optimistic check, the change and its audit event.

A need has no version column; the edit form carries the digest of the need's audited state
(`app.audit.edits.state_version`), so a change made meanwhile by anyone (another administrator,
an import) is a conflict, never overwritten unseen. The event keeps before and after, the
confidential flag included."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.edits import assign, audited_update, snap_fields, state_version
from app.auth.permissions import ensure_admin
from app.errors import FieldInvalid
from app.models.auth import User
from app.models.portfolio import CtedNeed
from app.models.reference import Pillar

NEED_FIELDS = (
    "member_state",
    "assessment_date",
    "pillar_code",
    "thematic_area",
    "description",
    "confidential",
)
ISO3 = re.compile(r"[A-Z]{3}")


def need_snapshot(need: CtedNeed) -> dict[str, Any]:
    """Return a need's audited state."""
    return snap_fields(need, ("code", *NEED_FIELDS))


class NeedVersion:
    """What a need's edit form carries as its version, read afresh from the need each time."""

    def __init__(self, need: CtedNeed) -> None:
        self.need = need

    @property
    def version(self) -> str:
        """Return the digest of the need's current state."""
        return state_version(need_snapshot(self.need))


def update_need(
    session: Session, user: User, need: CtedNeed, data: Mapping[str, Any], version: str | None
) -> dict[str, tuple[Any, Any]]:
    """Change a need's facts if the user edited its current state; return what changed."""
    ensure_admin(user)
    _check(session, data)
    return audited_update(
        session, user, need, version, lambda: assign(need, data, NEED_FIELDS), need_snapshot
    )


def _check(session: Session, data: Mapping[str, Any]) -> None:
    if not ISO3.fullmatch(data["member_state"]):
        raise FieldInvalid("member_state", _("Use the State's ISO 3166-1 alpha-3 code, e.g. IRQ."))
    if session.scalar(select(Pillar.code).where(Pillar.code == data["pillar_code"])) is None:
        raise FieldInvalid("pillar_code", _("Choose one of the four pillars."))
    if not isinstance(data["assessment_date"], dt.date):
        raise FieldInvalid("assessment_date", _("Enter the date of the assessment."))
