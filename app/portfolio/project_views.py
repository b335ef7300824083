"""Project pages for editors: create, edit, delete, the logframe page, links to CTED needs."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import select

from app import db
from app.logframe import queries as logframe_queries
from app.models.enums import Role
from app.models.portfolio import Project
from app.models.reference import Entity, Pillar, PveArea
from app.portfolio import queries, services
from app.portfolio.forms import NeedLinkForm, ProjectForm
from app.portfolio.need_search import need_search
from app.portfolio.views import bp
from app.ui.forms import ConfirmForm
from app.ui.pages import editable_project, form_page
from app.ui.writes import button_write, form_write

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
def new_project() -> ResponseReturnValue:
    """Create a project (focal points: for their own entity only)."""
    if current_user.role not in (Role.ADMIN, Role.FOCAL_POINT):
        abort(403)
    form = _project_form()
    if form.validate_on_submit():
        with form_write(form) as write:
            project = services.create_project(write.session, current_user, _project_data(form))
        if write.ok:
            return write.done(url_for("portfolio.project", project_id=project.id))
    return form_page(form, _("New project"), url_for("portfolio.projects"))


@bp.route("/projects/<int:project_id>/edit", methods=["GET", "POST"])
@login_required
def edit_project(project_id: int) -> ResponseReturnValue:
    """Edit a project's facts."""
    project = editable_project(project_id)
    form = _project_form(project)
    back = url_for("portfolio.project", project_id=project_id)
    if form.validate_on_submit():
        with form_write(form, project) as write:
            services.update_project(
                write.session, current_user, project, _project_data(form), form.version.data
            )
        if write.ok:
            return write.done(back)
    return form_page(form, _("Edit %(code)s", code=project.code), back, delete=_delete_url(project))


def _delete_url(project: Project) -> str:
    return url_for("portfolio.delete_project", project_id=project.id)


@bp.route("/projects/<int:project_id>/delete", methods=["POST"])
@login_required
def delete_project(project_id: int) -> ResponseReturnValue:
    """Delete a project that has no reported data."""
    project = editable_project(project_id)
    ConfirmForm().validate_on_submit() or abort(400)
    back = url_for("portfolio.edit_project", project_id=project_id)
    with button_write() as write:
        services.delete_project(write.session, current_user, project)
    return write.done(
        url_for("portfolio.projects"), _("Project %(code)s deleted.", code=project.code), back
    )


@bp.route("/projects/<int:project_id>/logframe")
@login_required
def logframe(project_id: int) -> ResponseReturnValue:
    """Show the editable logframe of a project: outputs, activities, indicators, needs, and
    the search for needs to link."""
    project = editable_project(project_id)
    session = db.session()
    outputs = logframe_queries.project_outputs(session, project_id)
    return render_template(
        "logframe/logframe.html",
        project=project,
        outputs=outputs,
        needs=queries.project_needs_for(session, current_user, project_id),
        hidden_needs=queries.hidden_need_count(session, current_user, project_id),
        completion=logframe_queries.reported_completion(session, project_id),
        search=need_search(session, current_user, project_id, request.args),
        pillars=session.scalars(select(Pillar.code).order_by(Pillar.position)).all(),
        link_form=NeedLinkForm(),
        confirm=ConfirmForm(),
    )


@bp.route("/projects/<int:project_id>/needs", methods=["POST"])
@login_required
def link_need(project_id: int) -> ResponseReturnValue:
    """Link the project to the ticked CTED needs the user may see, all or none."""
    project = editable_project(project_id)
    form = NeedLinkForm()
    back = url_for("portfolio.logframe", project_id=project_id, _anchor="needs")
    if not form.validate_on_submit():
        errors = [e for field in form for e in field.errors]
        flash(" ".join(str(e) for e in errors) or _("Tick at least one need to link."), "error")
        return redirect(back)
    ticked: list[int] = form.need_id.data or []
    with button_write() as write:
        for need_id in ticked:
            services.link_need(write.session, current_user, project, need_id)
    return write.done(back, ngettext("Need linked.", "%(num)d needs linked.", len(ticked)))


@bp.route("/projects/<int:project_id>/needs/<int:need_id>/unlink", methods=["POST"])
@login_required
def unlink_need(project_id: int, need_id: int) -> ResponseReturnValue:
    """Remove the project's link to a CTED need."""
    project = editable_project(project_id)
    ConfirmForm().validate_on_submit() or abort(400)
    back = url_for("portfolio.logframe", project_id=project_id)
    with button_write() as write:
        services.unlink_need(write.session, current_user, project, need_id)
    return write.done(back, _("Need unlinked."))
