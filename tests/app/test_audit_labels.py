"""Audit pages name actions and objects in the reader's words; stored names stay English."""

from __future__ import annotations

import ast
from pathlib import Path

from flask_babel import force_locale

from app.audit.labels import ACTIONS, OBJECTS, action_label, object_label
from app.models.audit import AuditEvent
from tests.app.logframe_fixtures import last_event

ROOT = Path(__file__).resolve().parents[2]
# Actions chosen at run time (a variable passed to `record`), read from the code that picks them.
CHOSEN = {
    "save", "submit", "approve", "return", "reopen", "lock", "add_evidence", "remove_evidence",
    "link_need", "unlink_need", "user.deactivated", "user.reactivated",
}  # fmt: skip


def _recorded() -> tuple[set[str], set[str]]:
    """Return the action and object names written literally in calls to `record`."""
    actions: set[str] = set()
    objects: set[str] = set()
    for path in (ROOT / "app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 4:
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name != "record":
                continue
            action, kind = node.args[2], node.args[3]
            if isinstance(action, ast.Constant):
                actions.add(action.value)
            if isinstance(kind, ast.Constant):
                objects.add(kind.value)
    return actions, objects


def test_every_recorded_action_and_object_has_words() -> None:
    actions, objects = _recorded()
    assert len(actions) > 10 and len(objects) > 5  # the scan finds the calls
    assert actions | CHOSEN <= set(ACTIONS), sorted((actions | CHOSEN) - set(ACTIONS))
    assert objects <= set(OBJECTS), sorted(objects - set(OBJECTS))


def test_words_follow_the_language_and_unknown_names_stay_readable(app) -> None:
    with app.test_request_context():
        with force_locale("fr"):
            assert action_label("link_need") == "besoin associé"
            assert object_label("progress_report") == "rapport d’avancement"
        assert action_label("link_need") == "need linked"
        assert action_label("brand_new") == "brand new" and object_label("a_b") == "a b"


def test_the_project_audit_page_speaks_french(world, as_role, db_session) -> None:
    client = as_role("owner")
    data = {"title": "First", "status": "planned", "percent_complete": "10", "version": "1"}
    assert client.post(f"/activities/{world.activity.id}/edit", data=data).status_code == 302
    event: AuditEvent = last_event(db_session)
    assert (event.action, event.object_type) == ("update", "activity")  # stored in English
    world.user("owner").language = "fr"
    db_session.commit()
    page = client.get(f"/projects/{world.project.id}/audit").get_data(as_text=True)
    assert "<td>modifié</td><td>activité #" in page and "<td>update</td>" not in page
