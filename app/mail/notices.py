"""The review notices: a submitted report to its reviewers, a decision to the entity's focal points.

Who receives a notice is read inside the decision's transaction (one query); the message is
queued in the session and sent once the transaction commits (app/mail/outbox.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from app.auth.permissions import REVIEWERS
from app.mail.links import absolute
from app.mail.outbox import Pending, Reader, queue
from app.mail.smtp import Mail
from app.models.auth import User
from app.models.enums import Role
from app.models.progress import ProgressReport


@dataclass(frozen=True)
class About:
    """What a notice is about: the report, the decision, the comment and the link."""

    action: str  # submit | approve | return
    entity: str
    project: str
    title: str
    period: str
    comment: str
    link: str


def notify_submitted(session: Session, actor: User, report: ProgressReport) -> None:
    """Queue a notice to every active reviewer who may decide on the report."""
    entity_id = report.project.entity_id
    may_review = and_(
        User.role.in_([role.value for role in REVIEWERS]),
        or_(User.entity_id.is_(None), User.entity_id != entity_id),
    )
    link = absolute("progress.review", report_id=report.id)
    _queue(session, actor, may_review, _about(report, "submit", link))


def notify_decision(session: Session, actor: User, report: ProgressReport, action: str) -> None:
    """Queue a notice of an approval or return to the entity's focal points and the submitter."""
    project = report.project
    writers = or_(
        and_(User.role == Role.FOCAL_POINT.value, User.entity_id == project.entity_id),
        User.id == report.submitted_by_id,
    )
    period_key = report.period.key
    link = absolute("progress.report", project_id=project.id, period_key=period_key)
    _queue(session, actor, writers, _about(report, action, link))


def _about(report: ProgressReport, action: str, link: str) -> About:
    project = report.project
    entity = project.entity.acronym if project.entity is not None else ""
    comment = report.review_comment or ""
    return About(action, entity, project.code, project.title, report.period.key, comment, link)


def _queue(session: Session, actor: User, who: ColumnElement[bool], about: About) -> None:
    stmt = (
        select(User.email, User.name, User.language)
        .where(who, User.active.is_(True), User.id != actor.id)
        .order_by(User.email)
    )
    readers = [Reader(email, name, language) for email, name, language in session.execute(stmt)]
    queue(session, [Pending(reader, RenderNotice(about)) for reader in readers])


@dataclass(frozen=True)
class RenderNotice:
    """Render a notice for one reader (called under the reader's locale)."""

    about: About

    def __call__(self, reader: Reader) -> Mail:
        """Return the message in the current locale."""
        about = self.about
        subject, lines = _words(about)
        greeting = _("Hello %(name)s,", name=reader.name or reader.email)
        body = "\n\n".join([greeting, *lines, _("This message was sent by the Compact tracker.")])
        return Mail(reader.email, subject, body + "\n")


def _words(about: About) -> tuple[str, list[str]]:
    names = {"project": about.project, "period": about.period}
    if about.action == "submit":
        subject = _("Report to review: %(project)s, %(period)s", **names)
        said = _(
            "%(entity)s submitted its report on %(project)s (%(title)s) for %(period)s; "
            "it awaits your review.",
            entity=about.entity, title=about.title, **names,
        )  # fmt: skip
        return subject, [said, _("Review it here: %(link)s", link=about.link)]
    if about.action == "approve":
        subject = _("Report approved: %(project)s, %(period)s", **names)
        done = _("Report approved.")
    else:
        subject = _("Report returned: %(project)s, %(period)s", **names)
        done = _("Report returned.")
    what = _("%(project)s (%(title)s), %(period)s", title=about.title, **names)
    lines = [done, what]
    if about.comment:
        lines.append(_("The reviewer's comment:\n%(comment)s", comment=about.comment))
    lines.append(_("Open the report: %(link)s", link=about.link))
    return subject, lines
