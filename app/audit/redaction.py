"""Hide confidential CTED needs in what the audit trail shows (issue 13, F1 and F2).

Every place that shows a recorded change (audit pages, conflict messages) passes the states
through here with the reader. A need is hidden by its *current* flag, read from the needs table
when the change is shown, never by the flag stored with the event: a need made confidential after
it was linked disappears from every old event too. A need recorded as confidential that no longer
exists stays hidden. CTED and admin users see everything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.models.auth import User
from app.models.portfolio import CtedNeed

PLACEHOLDER = "a confidential CTED need"
# Pieces of text that may be a need code: runs without spaces, quotes, separators or brackets.
TOKEN = re.compile(r"[^\s;,'\"()\[\]{}<>]+")
CHUNK = 1000
CODE_LENGTH = 64  # cted_needs.code


@dataclass(frozen=True)
class Clearance:
    """What one reader may not see: the ids and codes of the needs hidden from them."""

    reveal: bool
    hidden_ids: frozenset[int] = frozenset()
    hidden_codes: frozenset[str] = frozenset()

    def hides_link(self, state: dict[str, Any]) -> bool:
        """Tell whether a state records a link to a hidden need (need_id / need_code keys)."""
        if self.reveal or not ("need_id" in state or "need_code" in state):
            return False
        code = state.get("need_code")
        return state.get("need_id") in self.hidden_ids or code in self.hidden_codes


def strings(value: Any) -> Iterator[str]:
    """Yield every text inside a recorded value (dict keys and values, lists), recursively."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


def clearance(session: Session, reader: User | None, states: Iterable[Any]) -> Clearance:
    """Return what the reader may not see among the needs the states mention (one query per
    1,000 mentions: the page's size, never the number of needs)."""
    if reader is not None and reader.sees_confidential:
        return Clearance(reveal=True)
    listed = list(states)
    links = [s for s in listed if isinstance(s, dict) and isinstance(s.get("need_id"), int)]
    ids = {s["need_id"] for s in links}
    codes = {t for text in strings(listed) for t in TOKEN.findall(text) if len(t) <= CODE_LENGTH}
    hidden_ids, hidden_codes, found_ids = _confidential(session, ids, codes)
    # A need recorded as confidential that no longer exists stays hidden (fail closed).
    for state in links:
        if state.get("confidential") and state["need_id"] not in found_ids:
            hidden_ids.add(state["need_id"])
            hidden_codes.add(str(state.get("need_code")))
    return Clearance(False, frozenset(hidden_ids), frozenset(hidden_codes))


def _confidential(
    session: Session, ids: set[int], codes: set[str]
) -> tuple[set[int], set[str], set[int]]:
    hidden_ids: set[int] = set()
    hidden_codes: set[str] = set()
    found: set[int] = set()
    id_list, code_list = sorted(ids), sorted(codes)
    for start in range(0, max(len(id_list), len(code_list)), CHUNK):
        some_ids, some_codes = id_list[start : start + CHUNK], code_list[start : start + CHUNK]
        stmt = select(CtedNeed.id, CtedNeed.code, CtedNeed.confidential).where(
            or_(CtedNeed.id.in_(some_ids), CtedNeed.code.in_(some_codes))
        )
        for need_id, code, secret in session.execute(stmt):
            found.add(need_id)
            if secret:
                hidden_ids.add(need_id)
                hidden_codes.add(code)
    return hidden_ids, hidden_codes, found


def redact_state(seen: Clearance, state: dict[str, Any] | None) -> dict[str, Any] | None:
    """Return a recorded state as the reader may see it."""
    if state is None or seen.reveal:
        return state
    if seen.hides_link(state):
        return {"need": PLACEHOLDER}
    cleaned = _scrub(seen, state)
    return cleaned if isinstance(cleaned, dict) else state


def redact_text(seen: Clearance, text: str) -> str:
    """Return free text (a reason, a message) with every hidden need code replaced."""
    if seen.reveal or not text:
        return text
    return TOKEN.sub(lambda m: PLACEHOLDER if m.group(0) in seen.hidden_codes else m.group(0), text)


def _scrub(seen: Clearance, value: Any) -> Any:
    if isinstance(value, str):
        return redact_text(seen, value)
    if isinstance(value, dict):
        return {redact_text(seen, str(k)): _scrub(seen, v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(seen, v) for v in value]
    return value
