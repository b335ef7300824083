"""Data exports (CSV, JSON, the API) never change with the reader's language.

A blueprint that serves data only runs each request inside `reports.formatting.locale_free()`:
figures are written the English way and the pure packages' messages stay untranslated.
"""

from __future__ import annotations

from contextlib import ExitStack

from flask import Blueprint, g

from reports.formatting import locale_free

_KEY = "_locale_free_exports"


def locale_free_blueprint(bp: Blueprint) -> None:
    """Run every request of `bp` inside `locale_free()` (entered first, left on teardown)."""

    @bp.before_request
    def _enter() -> None:
        stack = ExitStack()
        stack.enter_context(locale_free())
        setattr(g, _KEY, stack)

    @bp.teardown_request
    def _leave(_error: BaseException | None) -> None:
        stack = g.pop(_KEY, None)
        if isinstance(stack, ExitStack):
            stack.close()
