"""What an audit event did and to what, in the reader's words.

The stored action and object names stay English (they are data, and what the audit export and
the API give); the audit pages translate them at display, an unknown name shown as it is.
"""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

ACTIONS: dict[str, LazyString] = {
    "create": _l("created"),
    "update": _l("changed"),
    "delete": _l("deleted"),
    "comment": _l("commented"),
    "freeze": _l("baseline frozen"),
    "import": _l("imported"),
    "issue": _l("report issued"),
    "login": _l("signed in"),
    "logout": _l("signed out"),
    "login_refused": _l("sign-in refused"),
    "save": _l("draft saved"),
    "submit": _l("submitted"),
    "approve": _l("approved"),
    "return": _l("returned"),
    "reopen": _l("reopened"),
    "lock": _l("locked"),
    "add_evidence": _l("evidence added"),
    "remove_evidence": _l("evidence removed"),
    "link_need": _l("need linked"),
    "unlink_need": _l("need unlinked"),
    "create_token": _l("API token created"),
    "revoke_token": _l("API token revoked"),
    "user.invited": _l("user invited"),
    "user.access_changed": _l("access changed"),
    "user.language_changed": _l("language changed"),
    "user.password_reset": _l("password reset"),
    "user.password_set": _l("password set"),
    "user.deactivated": _l("user deactivated"),
    "user.reactivated": _l("user reactivated"),
}
OBJECTS: dict[str, LazyString] = {
    "project": _l("project"),
    "outcome": _l("outcome"),
    "output": _l("output"),
    "activity": _l("activity"),
    "indicator": _l("indicator"),
    "cted_need": _l("need"),
    "progress_report": _l("progress report"),
    "outcome_report": _l("outcome report"),
    "reporting_period": _l("reporting period"),
    "evidence": _l("evidence"),
    "baseline": _l("baseline"),
    "issued_report": _l("issued report"),
    "api_token": _l("API token"),
    "user": _l("user"),
}


def action_label(action: str) -> str:
    """Return an audit action in the reader's language ("link_need" -> "need linked")."""
    label = ACTIONS.get(action)
    return str(label) if label is not None else action.replace("_", " ")


def object_label(object_type: str) -> str:
    """Return an audited object's kind in the reader's language."""
    label = OBJECTS.get(object_type)
    return str(label) if label is not None else object_type.replace("_", " ")
