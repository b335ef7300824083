"""Each side of a comparison computed once.

A frozen baseline never changes: what is computed from it is kept in-process, keyed by the
baseline's id, label, date and content hash (a changed baseline is a new key, and a tampered one
never gets this far: it fails its hash check first), and by the filters and the reader's
clearance. The live portfolio changes: it is computed once per request, and forgotten as soon
as the request writes anything (a flush or a bulk statement).

An in-process LRU rather than aggregates frozen into a table: the figures depend on the filters
and the clearance, which a table filled at freeze time would have to enumerate, and the cache
needs no migration and fills itself at the first comparison after a restart.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

from flask import has_request_context, request
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

T = TypeVar("T")
CACHE_SIZE = 32
LIVE_KEY = "compact.compare.live"  # where a request keeps its live figures (its WSGI environ)

_FROZEN: OrderedDict[Hashable, Any] = OrderedDict()
_LOCK = threading.Lock()


def frozen(key: Hashable, compute: Callable[[], T]) -> T:
    """Return what `compute` gives for a frozen baseline, computed once per key."""
    with _LOCK:
        if key in _FROZEN:
            _FROZEN.move_to_end(key)
            return cast(T, _FROZEN[key])
    value = compute()
    with _LOCK:
        _FROZEN[key] = value
        while len(_FROZEN) > CACHE_SIZE:
            _FROZEN.popitem(last=False)
    return value


def live(key: Hashable, compute: Callable[[], T]) -> T:
    """Return what `compute` gives for the live portfolio, computed once per request."""
    if not has_request_context():
        return compute()
    memo: dict[Hashable, Any] = request.environ.setdefault(LIVE_KEY, {})
    if key not in memo:
        memo[key] = compute()
    return cast(T, memo[key])


def forget_live() -> None:
    """Forget the live figures of this request (it has written)."""
    if has_request_context():
        request.environ.pop(LIVE_KEY, None)


def clear() -> None:
    """Forget every cached baseline's figures (benchmarks and tests)."""
    with _LOCK:
        _FROZEN.clear()


@event.listens_for(Session, "after_flush")
def _flushed(_session: Session, _flush: UOWTransaction) -> None:
    forget_live()


@event.listens_for(Session, "do_orm_execute")
def _executed(state: ORMExecuteState) -> None:
    if not state.is_select:
        forget_live()
