"""Frozen means frozen: the ORM refuses to change or delete baselines and issued reports."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from app.models.baselines import (
    Baseline,
    BaselineLink,
    BaselineNeed,
    BaselineProject,
    BaselineValue,
    BaselineValuePart,
)
from app.models.quarterly import IssuedReport

FROZEN = (
    BaselineProject, BaselineNeed, BaselineLink, BaselineValue, BaselineValuePart, IssuedReport,
)  # fmt: skip
FROZEN_TABLES = frozenset(m.__tablename__ for m in FROZEN + (Baseline,))


class FrozenRecordError(RuntimeError):
    """An attempt to alter a frozen baseline or an issued report."""


@event.listens_for(Session, "before_flush")
def _refuse_changes(session: Session, _context: Any, _instances: Any) -> None:
    for obj in session.deleted:
        if isinstance(obj, FROZEN + (Baseline,)):
            raise FrozenRecordError(f"{type(obj).__name__} rows are frozen and cannot be deleted")
    for obj in session.dirty:
        if isinstance(obj, FROZEN) and session.is_modified(obj):
            raise FrozenRecordError(f"{type(obj).__name__} rows are frozen and cannot change")
        if isinstance(obj, Baseline) and _hash_changed(obj):
            raise FrozenRecordError("a baseline's hash never changes once taken")


def _hash_changed(baseline: Baseline) -> bool:
    from sqlalchemy import inspect

    deleted = list(inspect(baseline).attrs.content_hash.history.deleted)
    return bool(deleted) and deleted[0] != "pending"


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete):
        return
    name = getattr(getattr(state.statement, "table", None), "name", None)
    if name in FROZEN_TABLES:
        raise FrozenRecordError(f"bulk changes to {name} are refused: it is frozen")
