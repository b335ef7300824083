"""The open-redirect guard: a `next` address is followed only when it stays on this site."""

from __future__ import annotations

from urllib.parse import urlsplit

# Browsers read a backslash as a slash ("/\\evil.example" is "//evil.example") and drop tabs and
# line breaks from URLs: none of them has a place in a local address.
_FORBIDDEN = frozenset("\\\t\r\n")


def safe_next(target: str | None, default: str) -> str:
    """Return `target` if it is a path on this site (/..., not //host), else `default`."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return default
    if any(c in _FORBIDDEN or ord(c) < 32 or ord(c) == 127 for c in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target
