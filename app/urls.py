"""The URL converter every `<int:...>` route uses: ids bounded to what the id columns hold."""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.routing import IntegerConverter, Map

# Id columns are INTEGER (32-bit signed on PostgreSQL); a larger number can name no row, and
# PostgreSQL (or SQLite past 64 bits) would refuse to compare with it.
MAX_ID = 2**31 - 1


class BoundedInt(IntegerConverter):
    """`<int:...>` as Werkzeug's, but at most MAX_ID unless the rule says otherwise: an id out
    of range matches no route, so it is a 404 like any other unknown id."""

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:  # noqa: A002
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def init_app(app: Flask) -> None:
    """Register the bounded converter as `int` (before any route is added)."""
    app.url_map.converters["int"] = BoundedInt
