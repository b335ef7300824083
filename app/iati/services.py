"""Build an IATI file from the live portfolio or a frozen baseline (docs/iati.md)."""

from __future__ import annotations

from typing import IO

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import utcnow
from app.errors import DomainError
from app.iati.baseline_queries import baseline_projects
from app.iati.queries import live_projects
from app.models.baselines import Baseline
from app.models.reference import Entity
from reports.iati.types import Publisher

DEFAULT_REPORTING_ORG_REF = "XI-IATI-UNGCTCC"
REPORTING_ORG_NAME = "United Nations Global Counter-Terrorism Coordination Compact"


class UnknownChoice(DomainError):
    """An entity or baseline the export was asked for does not exist."""


def export_iati(
    session: Session,
    out: IO[bytes],
    org_ref: str,
    base_url: str,
    entity: str | None = None,
    baseline: str | None = None,
) -> int:
    """Write the IATI file to `out`; return the number of activities written.

    Raises UnknownChoice, before anything is written, for an unknown entity or baseline."""
    entity_id = _entity_id(session, entity) if entity is not None else None
    now = utcnow().replace(microsecond=0)
    if baseline is None:
        projects = live_projects(session, entity_id, base_url)
        as_of = now.date()
    else:
        frozen = session.scalar(select(Baseline).where(Baseline.label == baseline))
        if frozen is None:
            raise UnknownChoice(f"--baseline: no baseline is labelled {baseline!r}")
        projects = baseline_projects(session, frozen, entity)
        as_of = frozen.as_of
    publisher = Publisher(org_ref, REPORTING_ORG_NAME, now, as_of)
    from reports.iati.writer import write_activities  # lxml, only when a file is written

    return write_activities(out, publisher, projects)


def _entity_id(session: Session, acronym: str) -> int:
    found = session.scalar(select(Entity.id).where(Entity.acronym == acronym))
    if found is None:
        raise UnknownChoice(f"--entity: no Compact entity has the acronym {acronym!r}")
    return found
