"""What a change shows is redacted by the reader's clearance and the need's current flag
(issue 13, F1 and F2): conflict messages and audit pages never show a confidential need's code
to a user without clearance, even when the need was open at the time of the change."""

from __future__ import annotations

import html
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.audit.redaction import PLACEHOLDER, TOKEN, Clearance, redact_state, redact_text, strings
from app.audit.services import record
from tests.app.logframe_fixtures import World
from tests.app.test_permission_matrix import project_data

AUDIT_PAGES = ("/projects/{id}/audit", "/entities/UNODC/audit")


def _stale_edit(world: World, client: Any, version: int) -> str:
    data = project_data(world) | {"version": str(version), "title": "My stale title"}
    response = client.post(f"/projects/{world.project.id}/edit", data=data)
    assert response.status_code == 200  # the form again, with the conflict message
    return html.unescape(response.get_data(as_text=True))


def _admin_changes_then_links(world: World, as_role: Any, need_id: int) -> int:
    """The admin edits the project (its version moves on), then links a need; return the
    version the focal point's form still carries."""
    stale = world.project.version
    admin = as_role("admin")
    data = project_data(world) | {"title": "Admin's title", "version": str(stale)}
    assert admin.post(f"/projects/{world.project.id}/edit", data=data).status_code == 302
    linked = admin.post(f"/projects/{world.project.id}/needs", data={"need_id": str(need_id)})
    assert linked.status_code == 302
    return stale


def test_conflict_message_hides_a_confidential_need_the_admin_linked(world, as_role) -> None:
    stale = _admin_changes_then_links(world, as_role, world.secret.id)
    page = _stale_edit(world, as_role("owner"), stale)
    assert "changed by" in page.lower()
    assert "N-SECRET" not in page and "confidential: None" not in page
    assert PLACEHOLDER in page
    shown_to_admin = _stale_edit(world, as_role("admin"), stale)
    assert "N-SECRET" in shown_to_admin  # cleared readers still see what changed


def test_a_need_made_confidential_later_disappears_from_old_events(
    world, as_role, db_session
) -> None:
    stale = _admin_changes_then_links(world, as_role, world.need.id)
    owner = as_role("owner")
    pages = [p.format(id=world.project.id) for p in AUDIT_PAGES]
    assert all("N-OPEN" in owner.get(p).get_data(as_text=True) for p in pages)
    world.need.confidential = True  # the assessed State asks for confidentiality afterwards
    db_session.commit()
    for path in pages:
        body = owner.get(path).get_data(as_text=True)
        assert "N-OPEN" not in body and PLACEHOLDER in body, path
    assert "N-OPEN" not in _stale_edit(world, owner, stale)
    world.need.confidential = False  # and made open again: the old events show it again
    db_session.commit()
    assert "N-OPEN" in owner.get(pages[0]).get_data(as_text=True)


def test_codes_inside_lists_and_reasons_are_redacted(world, as_role, db_session) -> None:
    record(
        db_session, world.user("admin").id, "update", "project", world.project.id,
        before={"cted_needs": ["N-OPEN"]}, after={"cted_needs": ["N-OPEN", "N-SECRET"]},
        reason="Linked N-SECRET;N-OPEN after the visit", project_id=world.project.id,
        entity_id=world.project.entity_id,
    )  # fmt: skip
    db_session.commit()
    for role, sees in (("owner", False), ("reviewer", False), ("admin", True)):
        body = as_role(role).get(f"/projects/{world.project.id}/audit").get_data(as_text=True)
        assert ("N-SECRET" in body) is sees, role
        assert "N-OPEN" in body, role


def test_a_deleted_need_recorded_as_confidential_stays_hidden(world, as_role, db_session) -> None:
    gone = {"need_id": 987654, "need_code": "N-GONE", "confidential": True}
    record(
        db_session, None, "unlink_need", "project", world.project.id, before=gone,
        project_id=world.project.id, entity_id=world.project.entity_id,
    )  # fmt: skip
    db_session.commit()
    body = as_role("owner").get(f"/projects/{world.project.id}/audit").get_data(as_text=True)
    assert "N-GONE" not in body and PLACEHOLDER in body


# --- the redaction rule itself ----------------------------------------------------------------

CODES = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-", min_size=3, max_size=12).filter(
    lambda code: code not in PLACEHOLDER.split()
)
WORDS = st.text(alphabet="abcdefghij ;,'", max_size=12)


def _states(codes: list[str]) -> st.SearchStrategy[Any]:
    leaf = st.one_of(WORDS, st.sampled_from(codes), st.integers(), st.none())
    text = st.lists(st.one_of(WORDS, st.sampled_from(codes)), max_size=4).map(";".join)
    return st.recursive(
        st.one_of(leaf, text),
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(WORDS, inner, max_size=3)
        ),
        max_leaves=10,
    ).map(lambda v: {"state": v})


@settings(max_examples=150, deadline=None)
@given(data=st.data(), codes=st.lists(CODES, min_size=1, max_size=4, unique=True))
def test_no_hidden_code_survives_redaction(data, codes) -> None:
    hidden = frozenset(codes[: max(1, len(codes) // 2)])
    state = data.draw(_states(codes))
    seen = Clearance(reveal=False, hidden_codes=hidden)
    shown = redact_state(seen, state)
    tokens = {t for text in strings(shown) for t in TOKEN.findall(text)}
    assert not tokens & hidden
    visible = set(codes) - hidden
    before = {t for text in strings(state) for t in TOKEN.findall(text)} & visible
    assert before <= tokens  # what may be seen is kept
    assert redact_state(Clearance(reveal=True), state) == state
    assert redact_text(seen, "; ".join(codes)).count(PLACEHOLDER) == len(hidden)
