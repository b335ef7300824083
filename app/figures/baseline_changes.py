"""A baseline compared with another: this report minus the comparison, project by project.

Reversing the comparison reverses every sign: added and removed trade places, every delta
changes sign, and each status transition runs the other way.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.figures.data_source import CANCELLED, Source
from app.figures.queries import project_statuses
from app.models.baselines import Baseline, BaselineProject
from indicators import compare
from indicators.types import ProjectStatus
from reports import baseline_content as b
from reports.content import ProjectRef, StatusChange

STATUS_ORDER = {s.value: i for i, s in enumerate(ProjectStatus)}
Side = tuple[Baseline, b.BaselineModel]


def changes(session: Session, mine: Side, theirs: Side) -> b.BaselineChanges:
    """Compare this baseline's report with another's; every change is this minus that."""
    (baseline, model), (other, their_model) = mine, theirs
    here = project_statuses(session, Source(baseline.id))
    there = project_statuses(session, Source(other.id))
    moved = compare.changes(there, here)
    changed = [c for c in moved.carried_over if here[c] != there[c]]  # sorted, carried over
    refs = _refs(session, (baseline.id, other.id), [*moved.added, *moved.removed, *changed])
    return b.BaselineChanges(
        label=other.label,
        as_of=other.as_of,
        projects=int(their_model.headline("projects").value),
        added=[refs[c] for c in moved.added],
        removed=[
            b.RemovedProject(refs[c], "cancelled" if here.get(c) == CANCELLED else "not reported")
            for c in moved.removed
        ],
        carried_over=len(moved.carried_over),
        transitions=_transitions(moved.status_changes),
        status_changes=[
            StatusChange(c, refs[c].title, ProjectStatus(there[c]), ProjectStatus(here[c]))
            for c in changed
        ],
        deltas=[
            b.FigureDelta(f.key, f.label, f.value, their_model.headline(f.key).value, f.kind)
            for f in model.headlines
        ],
    )


def _transitions(counts: dict[str, int]) -> list[b.StatusTransition]:
    pairs = [(key.split("->"), n) for key, n in counts.items()]
    rows = [b.StatusTransition(ProjectStatus(a), ProjectStatus(z), n) for (a, z), n in pairs]
    return sorted(rows, key=lambda t: (STATUS_ORDER[t.before], STATUS_ORDER[t.after]))


def _refs(
    session: Session, baseline_ids: tuple[int, int], codes: Iterable[str]
) -> dict[str, ProjectRef]:
    """Return code, title and entity of the named projects (this side's row wins)."""
    wanted = set(codes)
    if not wanted:
        return {}
    bp = BaselineProject
    stmt = (
        select(bp.code, bp.title, bp.entity)
        .where(bp.baseline_id.in_(baseline_ids), bp.code.in_(sorted(wanted)))
        .order_by(bp.baseline_id == baseline_ids[0])  # this side's row comes last and wins
    )
    return {code: ProjectRef(code, title, entity) for code, title, entity in session.execute(stmt)}
