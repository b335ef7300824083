"""A small thread-safe least-recently-used store of computed results, for one process."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

T = TypeVar("T")


class Kept:
    """Results by key, at most `size` of them; the least recently used goes first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._found: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """Return the result kept under `key`, else compute it (outside the lock) and keep it."""
        with self._lock:
            if key in self._found:
                self._found.move_to_end(key)
                return cast(T, self._found[key])
        value = compute()
        with self._lock:
            self._found[key] = value
            while len(self._found) > self.size:
                self._found.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every result."""
        with self._lock:
            self._found.clear()
