"""The key messages' sentences on money (paragraphs 61 and 62): budget, shortfall, funding."""

from __future__ import annotations

from typing import TYPE_CHECKING

from indicators.i18n import N_
from reports.formatting import fmt_long_date, fmt_month_year, fmt_share, fmt_usd
from reports.localized import gettext

if TYPE_CHECKING:  # the figures' dataclass imports the writers: only its type is needed here
    from reports.messages import KeyFacts


def budget(facts: KeyFacts) -> str | None:
    """Paragraph 61: the overall budget, of active and of completed projects."""
    if facts.projects == 0:
        return None
    values = {
        "date": fmt_long_date(facts.as_of),
        "total": fmt_usd(facts.budget_total),
        "active": fmt_usd(facts.budget_active),
        "completed": fmt_usd(facts.budget_completed),
        "entity": facts.entity or "",
    }
    active, completed = facts.active_projects, facts.by_status.get("completed", 0)
    if active and completed:
        if facts.entity:
            text = N_(
                "The overall budget of %(entity)s\u2019s portfolio as of %(date)s is %(total)s, "
                "including active projects amounting to a total of %(active)s and completed "
                "projects to the value of %(completed)s."
            )
            return gettext(text, **values)
        text = N_(
            "The overall budget of the project portfolio as of %(date)s is %(total)s, including "
            "active projects amounting to a total of %(active)s and completed projects to the "
            "value of %(completed)s."
        )
        return gettext(text, **values)
    if facts.entity:
        if active:
            text = N_(
                "The overall budget of %(entity)s\u2019s portfolio as of %(date)s is %(total)s, "
                "all of it for active projects."
            )
            return gettext(text, **values)
        text = N_(
            "The overall budget of %(entity)s\u2019s portfolio as of %(date)s is %(total)s, "
            "all of it for completed projects."
        )
        return gettext(text, **values)
    if active:
        text = N_(
            "The overall budget of the project portfolio as of %(date)s is %(total)s, all of it "
            "for active projects."
        )
        return gettext(text, **values)
    text = N_(
        "The overall budget of the project portfolio as of %(date)s is %(total)s, all of it "
        "for completed projects."
    )
    return gettext(text, **values)


def shortfall(facts: KeyFacts) -> str | None:
    """Paragraph 62: the funding shortfall and its share of the active projects' budget."""
    if facts.active_projects == 0 or facts.budget_active <= 0:
        return None
    month, active = fmt_month_year(facts.as_of), fmt_usd(facts.budget_active)
    if facts.shortfall <= 0:
        return gettext(
            "As of %(month)s, there was no funding shortfall: active projects of %(active)s "
            "were funded.",
            month=month,
            active=active,
        )
    return gettext(
        "As of %(month)s, there was a funding shortfall of %(shortfall)s, which represents "
        "%(share)s of the portfolio of active projects with the value of %(active)s.",
        month=month,
        shortfall=fmt_usd(facts.shortfall),
        share=fmt_share(facts.shortfall, facts.budget_active),
        active=active,
    )


def funded(facts: KeyFacts) -> str | None:
    """Paragraph 62: the funding provided to active projects (when some is still short)."""
    if facts.active_projects == 0 or facts.budget_active <= 0 or facts.shortfall <= 0:
        return None
    if facts.funded <= 0:
        return gettext("No funding was provided to active projects.")
    text = N_("Funding in the amount of %(amount)s was provided to active projects.")
    return gettext(text, amount=fmt_usd(facts.funded))
