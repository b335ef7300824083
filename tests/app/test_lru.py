"""The in-process store of computed results: computed once per key, at most `size` kept, the
least recently used forgotten first."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.lru import Kept


@given(st.lists(st.integers(min_value=0, max_value=9), max_size=60), st.integers(1, 5))
def test_it_computes_exactly_what_a_model_lru_misses(keys: list[int], size: int) -> None:
    kept, computed = Kept(size), []
    model, missed = [], []  # the keys a least-recently-used list of `size` holds, newest last
    for key in keys:
        assert kept.get(key, lambda k=key: computed.append(k) or k * 10) == key * 10
        if key not in model:
            missed.append(key)
        model = ([k for k in model if k != key] + [key])[-size:]
    assert computed == missed


def test_clear_forgets_everything() -> None:
    kept = Kept(3)
    kept.get("a", lambda: 1)
    kept.clear()
    assert kept.get("a", lambda: 2) == 2
