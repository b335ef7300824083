"""Project pages for editors: create, edit, delete, the logframe page, links to CTED needs."""

from __future__ import annotations

from typing import Any

from flask import abort, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from app import db
from app.forms_common import ConfirmForm, act, submit
from app.logframe import services
from app.logframe.blueprint import bp, editable_project, form_page
from app.logframe.forms import NeedLinkForm, ProjectForm
from app.models.enums import Role
from app.models.portfolio import Project
from app.models.reference import Entity, PveArea
from app.portfolio import queries

FLAGS = {True: "yes", False: "no", None: ""}


def _project_form(project: Project | None = None) -> ProjectForm:
    initial = _initial(project) if project else {"entity_id": current_user.entity_id}
    form = ProjectForm(data=initial)
    session = db.session()
    stmt = select(Entity).order_by(Entity.acronym)
    if current_user.role != Role.ADMIN:
        stmt = stmt.where(Entity.id == current_user.entity_id)
    form.entity_id.choices = [(e.id, f"{e.acronym} — {e.name}") for e in session.scalars(stmt)]
    areas = session.scalars(select(PveArea).order_by(PveArea.number))
    form.pve_areas.choices = [(a.number, f"{a.number}. {a.name}") for a in areas]
    return form


def _initial(project: Project) -> dict[str, Any]:
    data = {name: getattr(project, name) for name in services.PROJECT_FIELDS}
    data.update(
        entity_id=project.entity_id,
        version=project.version,
        in_multi_year_appeal=FLAGS[project.in_multi_year_appeal],
        gender_marker="" if project.gender_marker is None else str(project.gender_marker),
        origin=project.origin or "",
        countries=", ".join(c.iso3 for c in project.countries),
        pve_areas=[a.number for a in project.pve_areas],
    )
    return data


def _project_data(form: ProjectForm) -> dict[str, Any]:
    data = {name: form[name].data for name in services.PROJECT_FIELDS}
    marker, codes = form.gender_marker.data, form.countries.data or ""
    data.update(
        entity_id=form.entity_id.data,
        in_multi_year_appeal={"yes": True, "no": False}.get(form.in_multi_year_appeal.data),
        gender_marker=int(marker) if marker else None,
        origin=form.origin.data or None,
        countries=[c.strip().upper() for c in codes.split(",") if c.strip()],
        pve_areas=form.pve_areas.data or [],
    )
    return data


@bp.route("/projects/new", methods=["GET", "POST"])
@login_required
def new_project():  # type: ignore[no-untyped-def]
    """Create a project (focal points: for their own entity only)."""
    if current_user.role not in (Role.ADMIN, Role.FOCAL_POINT):
        abort(403)
    form = _project_form()
    if form.validate_on_submit():
        created: list[Project] = []
        call = lambda: created.append(  # noqa: E731
            services.create_project(db.session(), current_user, _project_data(form))
        )
        done = lambda: url_for("portfolio.project", project_id=created[0].id)  # noqa: E731
        if (response := submit(form, call, done)) is not None:
            return response
    return form_page(form, "New project", url_for("portfolio.projects"))


@bp.route("/projects/<int:project_id>/edit", methods=["GET", "POST"])
@login_required
def edit_project(project_id: int):  # type: ignore[no-untyped-def]
    """Edit a project's facts."""
    project = editable_project(project_id)
    form = _project_form(project)
    back = url_for("portfolio.project", project_id=project_id)
    if form.validate_on_submit():
        call = lambda: services.update_project(  # noqa: E731
            db.session(), current_user, project, _project_data(form), form.version.data
        )
        if (response := submit(form, call, back, project)) is not None:
            return response
    return form_page(form, f"Edit {project.code}", back, delete=_delete_url(project))


def _delete_url(project: Project) -> str:
    return url_for("logframe.delete_project", project_id=project.id)


@bp.route("/projects/<int:project_id>/delete", methods=["POST"])
@login_required
def delete_project(project_id: int):  # type: ignore[no-untyped-def]
    """Delete a project that has no reported data."""
    project = editable_project(project_id)
    ConfirmForm().validate_on_submit() or abort(400)
    back = url_for("logframe.edit_project", project_id=project_id)
    call = lambda: services.delete_project(db.session(), current_user, project)  # noqa: E731
    return act(call, url_for("portfolio.projects"), f"Project {project.code} deleted.", back)


@bp.route("/projects/<int:project_id>/logframe")
@login_required
def logframe(project_id: int):  # type: ignore[no-untyped-def]
    """Show the editable logframe of a project: outputs, activities, indicators, needs."""
    project = editable_project(project_id)
    session = db.session()
    outputs = queries.project_outputs(session, project_id)
    return render_template(
        "logframe/logframe.html",
        project=project,
        outputs=outputs,
        needs=queries.project_needs_for(session, current_user, project_id),
        hidden_needs=queries.hidden_need_count(session, current_user, project_id),
        link_form=_need_form(project),
        confirm=ConfirmForm(),
    )


def _need_form(project: Project) -> NeedLinkForm:
    form = NeedLinkForm()
    linked = {n.id for n in project.needs}
    stmt = queries.visible_needs(current_user).order_by(
        queries.CtedNeed.member_state, queries.CtedNeed.code
    )
    form.need_id.choices = [
        (n.id, f"{n.code} ({n.member_state}, {n.thematic_area})")
        for n in db.session().scalars(stmt)
        if n.id not in linked
    ]
    return form


@bp.route("/projects/<int:project_id>/needs", methods=["POST"])
@login_required
def link_need(project_id: int):  # type: ignore[no-untyped-def]
    """Link the project to a CTED need the user may see."""
    project = editable_project(project_id)
    form = _need_form(project)
    back = url_for("logframe.logframe", project_id=project_id)
    if not form.validate_on_submit():
        abort(404)  # a need outside the choices is one the user may not use
    call = lambda: services.link_need(db.session(), current_user, project, form.need_id.data)  # noqa: E731
    return act(call, back, "Need linked.")


@bp.route("/projects/<int:project_id>/needs/<int:need_id>/unlink", methods=["POST"])
@login_required
def unlink_need(project_id: int, need_id: int):  # type: ignore[no-untyped-def]
    """Remove the project's link to a CTED need."""
    project = editable_project(project_id)
    ConfirmForm().validate_on_submit() or abort(400)
    back = url_for("logframe.logframe", project_id=project_id)
    call = lambda: services.unlink_need(db.session(), current_user, project, need_id)  # noqa: E731
    return act(call, back, "Need unlinked.")
