"""Uploads waiting for an administrator's confirmation, kept on the server and keyed by a token.

The preview stores the file's bytes with their SHA-256 and a digest of the changes it showed;
the confirm step reads back exactly those bytes (checking the hash) and applies the import only
if it makes exactly the previewed changes. A pending upload belongs to the administrator who
made it and expires after an hour."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from flask_babel import gettext as _

from app.errors import NotFound

MAX_AGE_SECONDS = 3600
TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")
KINDS = ("projects", "needs")


@dataclass(frozen=True)
class Pending:
    """What the preview showed: the file, whose upload it is, and the digest of its changes."""

    kind: str
    user_id: int
    name: str
    sha256: str
    preview: str
    created: float


def store(folder: Path, pending: Pending, data: bytes) -> str:
    """Keep the upload and what its preview showed; return the token that names it."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    purge(folder, time.time())
    token = secrets.token_urlsafe(32)
    (folder / f"{token}.bin").write_bytes(data)
    (folder / f"{token}.json").write_text(json.dumps(asdict(pending)))
    return token


def load(folder: Path, token: str, user_id: int) -> tuple[Pending, bytes]:
    """Return a pending upload of this user, its bytes checked against the previewed hash."""
    gone = NotFound(_("This preview has expired or was already used: upload the file again."))
    if not TOKEN.fullmatch(token):
        raise gone
    try:
        pending = Pending(**json.loads((folder / f"{token}.json").read_text()))
        data = (folder / f"{token}.bin").read_bytes()
    except (OSError, ValueError, TypeError):
        raise gone from None
    fresh = time.time() - pending.created <= MAX_AGE_SECONDS
    if (
        pending.user_id != user_id
        or not fresh
        or hashlib.sha256(data).hexdigest() != pending.sha256
    ):
        raise gone
    return pending, data


def discard(folder: Path, token: str) -> None:
    """Forget a pending upload (after it was applied or cancelled)."""
    if TOKEN.fullmatch(token):
        for suffix in (".bin", ".json"):
            (folder / f"{token}{suffix}").unlink(missing_ok=True)


def purge(folder: Path, now: float) -> None:
    """Remove the pending uploads older than the maximum age."""
    for path in folder.glob("*.json"):
        try:
            old = now - path.stat().st_mtime > MAX_AGE_SECONDS
        except OSError:
            continue
        if old:
            discard(folder, path.stem)


def sha256(data: bytes) -> str:
    """Return the SHA-256 of the bytes as hex."""
    return hashlib.sha256(data).hexdigest()
