"""Each side of a comparison computed once.

A frozen baseline never changes: what is computed from it is kept in-process, keyed by the
baseline's id, label, date and content hash (a changed baseline is a new key, and a tampered one
never gets this far: it fails its hash check first), and by the filters and the reader's
clearance. The live portfolio changes: it is kept per data version (`app.data_version`), so
it is computed once until anything is written, in any process; a request that has written
computes it afresh.

An in-process LRU rather than aggregates frozen into a table: the figures depend on the filters
and the clearance, which a table filled at freeze time would have to enumerate, and the cache
needs no migration and fills itself at the first comparison after a restart.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlalchemy.orm import Session

from app import data_version, shared_cache
from app.lru import Kept

T = TypeVar("T")
_FROZEN = Kept(32)


def frozen(key: Hashable, compute: Callable[[], T]) -> T:
    """Return what `compute` gives for a frozen baseline, computed once per key (and shared
    by the processes when a shared store is set, `app.shared_cache`)."""
    return _FROZEN.get(key, lambda: shared_cache.get(("frozen", key), compute))


def live(session: Session, key: Hashable, compute: Callable[[], T]) -> T:
    """Return what `compute` gives for the live portfolio, computed once per data version."""
    return data_version.kept(session, ("live", key), compute)


def clear() -> None:
    """Forget every cached baseline's figures and the live ones (benchmarks and tests)."""
    _FROZEN.clear()
    data_version.clear()
