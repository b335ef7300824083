"""The words of the key messages that name a scope or a status, each in a whole phrase.

A status reads differently alone ("All 12 projects are ongoing"), first in a series of shares
("33 per cent of the projects are ongoing") and after it ("25 per cent have been completed"):
each form is its own translatable message.
"""

from __future__ import annotations

from reports.localized import gettext


def scope_word(scope: str) -> str:
    """Name a scope in running text: "global", "regional", "national", "interregional"."""
    words = {
        "global": gettext("global"),
        "regional": gettext("regional"),
        "national": gettext("national"),
        "interregional": gettext("interregional"),
    }
    return words.get(scope, scope)


def status_one(status: str) -> str:
    """Say the status of the portfolio's one project."""
    sentences = {
        "ongoing": gettext("The one project is ongoing."),
        "completed": gettext("The one project has been completed."),
        "suspended": gettext("The one project is suspended."),
        "pipeline": gettext("The one project is new or under development."),
    }
    return sentences[status]


def status_all(status: str, projects: str) -> str:
    """Say that all the portfolio's projects share one status."""
    if status == "ongoing":
        return gettext("All %(projects)s are ongoing.", projects=projects)
    if status == "completed":
        return gettext("All %(projects)s have been completed.", projects=projects)
    if status == "suspended":
        return gettext("All %(projects)s are suspended.", projects=projects)
    return gettext("All %(projects)s are new or under development.", projects=projects)


def status_first(share: str, status: str) -> str:
    """Write the first share of a series: "33 per cent of the projects are ongoing"."""
    if status == "ongoing":
        return gettext("%(share)s of the projects are ongoing", share=share)
    if status == "completed":
        return gettext("%(share)s of the projects have been completed", share=share)
    if status == "suspended":
        return gettext("%(share)s of the projects are suspended", share=share)
    return gettext("%(share)s of the projects are new or under development", share=share)


def status_then(share: str, status: str) -> str:
    """Write a later share of a series: "25 per cent have been completed"."""
    if status == "ongoing":
        return gettext("%(share)s are ongoing", share=share)
    if status == "completed":
        return gettext("%(share)s have been completed", share=share)
    if status == "suspended":
        return gettext("%(share)s are suspended", share=share)
    return gettext("%(share)s are new or under development", share=share)


def label(value: str) -> str:
    """Name a scope, a status or a removal reason in a table cell or a chart: "Ongoing"."""
    labels = {
        "global": gettext("Global"),
        "interregional": gettext("Interregional"),
        "regional": gettext("Regional"),
        "national": gettext("National"),
        "pipeline": gettext("Pipeline"),
        "ongoing": gettext("Ongoing"),
        "suspended": gettext("Suspended"),
        "completed": gettext("Completed"),
        "cancelled": gettext("Cancelled"),
        "not reported": gettext("Not reported"),
    }
    return labels.get(value, value.capitalize())


def state_word(value: str) -> str:
    """Name a scope or a status after "is": "global", "ongoing", "in the pipeline"."""
    words = {
        "pipeline": gettext("in the pipeline"),
        "ongoing": gettext("ongoing"),
        "suspended": gettext("suspended"),
        "completed": gettext("completed"),
        "cancelled": gettext("cancelled"),
    }
    return words.get(value) or scope_word(value)


def report_status(status: str) -> str:
    """Name where a progress report stands: "Approved", "Not started, overdue"."""
    base, overdue = status.removesuffix(", overdue"), status.endswith(", overdue")
    names = {
        "draft": (gettext("Draft"), gettext("Draft, overdue")),
        "submitted": (gettext("Submitted"), gettext("Submitted, overdue")),
        "approved": (gettext("Approved"), gettext("Approved, overdue")),
        "returned": (gettext("Returned"), gettext("Returned, overdue")),
        "not started": (gettext("Not started"), gettext("Not started, overdue")),
    }
    pair = names.get(base)
    return pair[overdue] if pair else status.capitalize()
