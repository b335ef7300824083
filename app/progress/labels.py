"""The words people read about reports: statuses and what an action did, in their language.

Stored values (statuses, actions) stay English: they are data. These tables translate them at
display, each as a whole sentence (never a sentence built from translated fragments).
"""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from indicators.types import AchievementStatus, Measure, ReportStatus

STATUS_LABELS: dict[str, LazyString] = {
    "not started": _l("not started"),
    ReportStatus.DRAFT.value: _l("draft"),
    ReportStatus.SUBMITTED.value: _l("submitted"),
    ReportStatus.APPROVED.value: _l("approved"),
    ReportStatus.RETURNED.value: _l("returned"),
}

# "A draft report cannot be approved." and the like: one sentence per action refused.
CANNOT: dict[str, LazyString] = {
    "save": _l("A %(status)s report cannot be changed."),
    "submit": _l("A %(status)s report cannot be submitted."),
    "approve": _l("A %(status)s report cannot be approved."),
    "return": _l("A %(status)s report cannot be returned."),
    "reopen": _l("A %(status)s report cannot be reopened."),
}

# The flash after a review decision on a project's report.
REPORT_DONE: dict[str, LazyString] = {
    "save": _l("Report changed."),
    "submit": _l("Report submitted."),
    "approve": _l("Report approved."),
    "return": _l("Report returned."),
    "reopen": _l("Report reopened."),
}

# The flash after a review decision on the Working Group's outcome values.
OUTCOME_DONE: dict[str, LazyString] = {
    "save": _l("Outcome values changed."),
    "submit": _l("Outcome values submitted."),
    "approve": _l("Outcome values approved."),
    "return": _l("Outcome values returned."),
    "reopen": _l("Outcome values reopened."),
}


def status_label(status: str) -> str:
    """Return a report status in the reader's language (an unknown value as it is)."""
    label = STATUS_LABELS.get(status)
    return str(label) if label is not None else status


def cannot(status: str, action: str) -> str:
    """Say that a report in this status cannot undergo this action."""
    sentence = CANNOT.get(action)
    if sentence is None:
        return str(_l("A %(status)s report cannot be %(action)s.", status=status, action=action))
    return str(sentence) % {"status": status_label(status)}


# A review decision or comment, as the review conversation heads it.
HEADINGS: dict[str, LazyString] = {
    "approve": _l("Approved"),
    "return": _l("Returned"),
    "reopen": _l("Reopened"),
    "comment": _l("Comment"),
}

# A user's role as a reader sees it beside their comment (stored values stay English).
ROLE_LABELS: dict[str, LazyString] = {
    "admin": _l("admin"),
    "focal point": _l("focal point"),
    "reviewer": _l("reviewer"),
    "viewer": _l("viewer"),
    "cted": _l("cted"),
}

# The traffic light of an indicator's achievement.
ACHIEVEMENT_LABELS: dict[str, LazyString] = {
    AchievementStatus.ON_TRACK.value: _l("on track"),
    AchievementStatus.AT_RISK.value: _l("at risk"),
    AchievementStatus.OFF_TRACK.value: _l("off track"),
    AchievementStatus.NOT_ASSESSED.value: _l("not assessed"),
}


def word(labels: dict[str, LazyString], value: str) -> str:
    """Return a stored value in the reader's words from a table (an unknown value as it is)."""
    label = labels.get(value)
    return str(label) if label is not None else value


# An indicator's measure in words (the stored value stays English: it is data).
MEASURE_LABELS: dict[str, LazyString] = {
    Measure.NUMBER.value: _l("number"),
    Measure.PERCENTAGE.value: _l("percentage"),
    Measure.RATIO.value: _l("ratio"),
    Measure.QUALITATIVE.value: _l("qualitative"),
}


def measure_label(measure: str) -> str:
    """Return an indicator's measure in the reader's language (an unknown value as it is)."""
    label = MEASURE_LABELS.get(measure)
    return str(label) if label is not None else measure
