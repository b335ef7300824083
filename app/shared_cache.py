"""What one process computed, shared with the app's other processes (Flask-Caching).

The kept figures (`app.data_version.kept`) and a frozen baseline's comparison sides live first
in each process's small LRU; behind it, when `KEPT_CACHE_URL` names a Redis server
(`redis://host:6379/0`), they are shared by every worker, so that a figure is computed once
per data version rather than once per worker. Without it nothing is shared and each process
computes for itself, as before. The shared store is a cache and nothing more: if Redis cannot
be reached, or holds what this code cannot read, the figure is computed and the page served.

Keys carry the database (so that two apps on one Redis never mix), the data version or the
baseline's hash, and a digest of the code (`KEPT_CACHE_PREFIX` overrides it): a deployment of
other code never reads what older code kept. Entries expire after `KEPT_CACHE_SECONDS`.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar, cast

from flask import Flask, current_app, has_app_context

T = TypeVar("T")
EXTENSION = "compact.shared_cache"
log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    """Connect the shared store named by KEPT_CACHE_URL (nothing is shared when it is empty).

    `KEPT_CACHE_TYPE` may name another Flask-Caching backend (the tests use SimpleCache)."""
    kind = app.config.get("KEPT_CACHE_TYPE") or (
        "RedisCache" if app.config["KEPT_CACHE_URL"] else ""
    )
    if not kind:
        return
    from flask_caching import Cache  # imported only when something is shared

    settings = {
        "CACHE_TYPE": kind,
        "CACHE_REDIS_URL": app.config["KEPT_CACHE_URL"],
        "CACHE_KEY_PREFIX": f"compact:{app.config['KEPT_CACHE_PREFIX'] or code_digest()}:",
        "CACHE_DEFAULT_TIMEOUT": app.config["KEPT_CACHE_SECONDS"],
    }
    cache = Cache(config=settings)
    cache.init_app(app)
    app.extensions[EXTENSION] = cache


def code_digest() -> str:
    """Return a short digest of the app's Python sources (what the kept objects are made of)."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for package in ("app", "indicators", "reports"):
        for path in sorted((root / package).rglob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _store() -> Any:
    """Return the app's shared store, or None (no app, or nothing shared)."""
    return current_app.extensions.get(EXTENSION) if has_app_context() else None


def shared_key(key: Hashable) -> str:
    """Return the store's name for a key: a digest of its repr, with the app's database."""
    database = current_app.config["DATABASE_URL"].split("@")[-1]  # never a password
    return hashlib.sha256(repr((database, key)).encode()).hexdigest()


def get(key: Hashable, compute: Callable[[], T]) -> T:
    """Return the shared result for `key`, else compute it and share it."""
    store = _store()
    if store is None:
        return compute()
    name = shared_key(key)
    found = _read(store, name)
    if found is not None:
        return cast(T, found[0])
    value = compute()
    _write(store, name, (value,))  # a 1-tuple: a result of None is shared too
    return value


def _read(store: Any, name: str) -> tuple[Any] | None:
    try:
        found = store.get(name)
    except Exception:  # a cache must never fail a page: any backend or unpickling error
        log.warning("the shared cache could not be read; computing", exc_info=True)
        return None
    return found if isinstance(found, tuple) and len(found) == 1 else None


def _write(store: Any, name: str, value: tuple[Any]) -> None:
    try:
        store.set(name, value)
    except Exception:  # as above: the figure is served, only not shared
        log.warning("the shared cache could not be written", exc_info=True)


def clear() -> None:
    """Empty the app's shared store (`db restore` does: a restored data version repeats numbers)."""
    store = _store()
    if store is not None:
        store.clear()
