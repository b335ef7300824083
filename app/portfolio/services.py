"""Projects and their links to CTED needs: create, edit, delete, link, unlink."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.edits import (
    assign,
    audited_create,
    audited_delete,
    audited_update,
    report_count,
    snap_fields,
    unique_code,
    value_count,
)
from app.audit.services import record
from app.auth.permissions import (
    can_see_need,
    ensure_can_create_project,
    ensure_can_edit_project,
)
from app.errors import DomainError, NotFound
from app.models.auth import User
from app.models.enums import Role
from app.models.portfolio import PROJECT_SCALARS, CtedNeed, Project, ProjectCountry
from app.models.progress import ProgressReport
from app.models.reference import PveArea

# What a focal point edits on the project form: the columns imports copy, and the pillar.
PROJECT_FIELDS = (*PROJECT_SCALARS, "pillar_code")


def project_snapshot(project: Project) -> dict[str, Any]:
    """Return a project's audited state, with its countries and PVE areas."""
    state = snap_fields(project, PROJECT_FIELDS + ("entity_id",))
    state["countries"] = [c.iso3 for c in project.countries]
    state["pve_areas"] = [a.number for a in project.pve_areas]
    return state


def _set_details(session: Session, project: Project, data: Mapping[str, Any]) -> None:
    assign(project, data, PROJECT_FIELDS)
    wanted = sorted(set(data.get("countries", [])))
    if wanted != [c.iso3 for c in project.countries]:
        project.countries = [ProjectCountry(iso3=code) for code in wanted]
    numbers = sorted(set(data.get("pve_areas", [])))
    if numbers != [a.number for a in project.pve_areas]:
        stmt = select(PveArea).where(PveArea.number.in_(numbers)).order_by(PveArea.number)
        project.pve_areas = list(session.scalars(stmt))


def create_project(session: Session, user: User, data: Mapping[str, Any]) -> Project:
    """Create a project; a focal point's project always belongs to their own entity."""
    entity_id = data.get("entity_id") if user.role == Role.ADMIN else user.entity_id
    ensure_can_create_project(user, entity_id)
    unique_code(session, Project.code, data["code"], None)
    project = Project(entity_id=entity_id)
    _set_details(session, project, data)
    return audited_create(session, user, project, project_snapshot)


def update_project(
    session: Session, user: User, project: Project, data: Mapping[str, Any], version: int | None
) -> Project:
    """Change a project's facts (never its entity, unless an administrator moves it)."""
    ensure_can_edit_project(user, project)
    unique_code(session, Project.code, data["code"], project.id)
    entity_id: int | None = data.get("entity_id") if user.role == Role.ADMIN else project.entity_id
    if entity_id != project.entity_id:
        ensure_can_create_project(user, entity_id)  # refuses None

    def change() -> None:
        _set_details(session, project, data)
        if entity_id is not None:
            project.entity_id = entity_id

    audited_update(session, user, project, version, change, project_snapshot)
    return project


def delete_project(session: Session, user: User, project: Project) -> None:
    """Delete a project that has no progress reports or values."""
    ensure_can_edit_project(user, project)
    values = value_count(session, ProgressReport.project_id == project.id)
    reports = report_count(session, project.id)
    if values or reports:
        raise DomainError(
            _(
                "The project %(code)s has %(reports)s progress report(s) and %(values)s value(s):"
                " it cannot be deleted. Set its status to cancelled or completed instead.",
                code=project.code,
                reports=reports,
                values=values,
            )
        )
    audited_delete(session, user, project, project_snapshot)


def _visible_need(session: Session, user: User, need_id: int) -> CtedNeed:
    need = session.get(CtedNeed, need_id)
    if need is None or not can_see_need(user, need.confidential):
        raise NotFound(_("No such CTED need."))
    return need


def _need_event(
    session: Session, user: User, project: Project, need: CtedNeed, linked: bool
) -> None:
    state = {"need_id": need.id, "need_code": need.code, "confidential": need.confidential}
    record(
        session,
        user.id,
        "link_need" if linked else "unlink_need",
        "project",
        project.id,
        before=None if linked else state,
        after=state if linked else None,
        project_id=project.id,
        entity_id=project.entity_id,
    )
    session.flush()


def link_need(session: Session, user: User, project: Project, need_id: int) -> CtedNeed:
    """Link a project to a CTED need the user may see."""
    ensure_can_edit_project(user, project)
    need = _visible_need(session, user, need_id)
    if need in project.needs:
        raise DomainError(_("The project already answers need %(code)s.", code=need.code))
    project.needs.append(need)
    _need_event(session, user, project, need, linked=True)
    return need


def unlink_need(session: Session, user: User, project: Project, need_id: int) -> CtedNeed:
    """Remove a project's link to a CTED need the user may see."""
    ensure_can_edit_project(user, project)
    need = _visible_need(session, user, need_id)
    if need not in project.needs:
        raise NotFound(_("The project is not linked to this need."))
    project.needs.remove(need)
    _need_event(session, user, project, need, linked=False)
    return need
