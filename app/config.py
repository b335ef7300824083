"""Configuration: defaults, then the environment, then the mapping given to create_app."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

from reports.fonts import DEFAULT_FONT_FILES, FontFiles, FontsMissing

PLACEHOLDER_KEYS = frozenset(
    {"", "dev", "changeme", "change-me", "secret", "secret-key", "CHANGE_ME"}
)
MIN_KEY_LENGTH = 32


class ConfigError(RuntimeError):
    """The configuration cannot be used safely."""


DEFAULTS: dict[str, Any] = {
    "SQLALCHEMY_ECHO": False,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "PERMANENT_SESSION_LIFETIME": timedelta(hours=8),
    "SESSION_IDLE_MINUTES": 60,
    "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
    "MAX_FORM_MEMORY_SIZE": 2 * 1024 * 1024,
    "MAX_FORM_PARTS": 2000,
    "IMPORT_MAX_BYTES": 10 * 1024 * 1024,
    "IMPORT_MAX_UNCOMPRESSED_BYTES": 100 * 1024 * 1024,
    "IMPORT_MAX_ROWS": 50_000,
    "IMPORT_MAX_COLUMNS": 50,
    "IMPORT_MAX_CELLS": 1_000_000,
    "WTF_CSRF_TIME_LIMIT": 3600 * 8,
    "LOGIN_MAX_FAILURES": 5,  # per account and address, in the window
    "LOGIN_MAX_FAILURES_PER_ADDRESS": 50,  # per address, over every account
    "LOGIN_WINDOW_SECONDS": 900,
    "PRODUCTION": False,
    # the PDF reports' TrueType fonts, role -> file (see reports/fonts.py); Debian's by default
    "PDF_FONTS": dict(DEFAULT_FONT_FILES),
    # E-mail (app/mail): nothing is sent while MAIL_SERVER is empty
    "MAIL_SERVER": "",
    "MAIL_PORT": 25,
    "MAIL_USE_TLS": False,
    "MAIL_USERNAME": "",
    "MAIL_PASSWORD": "",
    "MAIL_FROM": "compact-tracker@localhost",
    "MAIL_TIMEOUT": 10,
    # the address links in e-mails start with, e.g. https://tracker.example.org
    "BASE_URL": "",
    "REMINDER_DAYS": 14,  # a report due within this many days is in the reminder digest
    # The IATI export (docs/iati.md): the reporting organisation's registered IATI reference
    # (activity identifiers are REF-PROJECTCODE) and the address evidence links start with.
    "IATI_REPORTING_ORG_REF": "XI-IATI-UNGCTCC",
    "IATI_BASE_URL": "http://localhost:5000",
    # Sign-in with OpenID Connect (docs/auth.md): offered only when all three are set
    "OIDC_ISSUER": "",
    "OIDC_CLIENT_ID": "",
    "OIDC_CLIENT_SECRET": "",
    # The kept figures shared by the app's processes (app/shared_cache.py): a Redis URL, e.g.
    # redis://127.0.0.1:6379/0; empty, each process keeps its own. Entries expire after
    # KEPT_CACHE_SECONDS; the prefix (a digest of the code by default) tells deployments apart.
    "KEPT_CACHE_URL": "",
    "KEPT_CACHE_SECONDS": 3600,
    "KEPT_CACHE_PREFIX": "",
    "KEPT_CACHE_TYPE": "",
}

MAIL_KEYS = (
    "MAIL_SERVER", "MAIL_PORT", "MAIL_USE_TLS", "MAIL_USERNAME", "MAIL_PASSWORD", "MAIL_FROM",
    "BASE_URL", "REMINDER_DAYS",
)  # fmt: skip
INTEGER_KEYS = ("MAIL_PORT", "REMINDER_DAYS", "MAIL_TIMEOUT", "KEPT_CACHE_SECONDS")
IATI_KEYS = ("IATI_REPORTING_ORG_REF", "IATI_BASE_URL")
OIDC_KEYS = ("OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET")

ENV_KEYS = (
    "SECRET_KEY",
    "DATABASE_URL",
    "PRODUCTION",
    "TRUSTED_HOSTS",
    *MAIL_KEYS,
    *IATI_KEYS,
    *OIDC_KEYS,
    "KEPT_CACHE_URL",
    "KEPT_CACHE_SECONDS",
    "KEPT_CACHE_PREFIX",
)


def from_environment() -> dict[str, Any]:
    """Read the settings the environment overrides (FLASK_* and the named keys)."""
    found: dict[str, Any] = {}
    for key in ENV_KEYS:
        if os.environ.get(key):
            found[key] = os.environ[key]
    for key, value in os.environ.items():
        if key.startswith("PDF_FONT_") and value:  # PDF_FONT_CJK=/path/wqy-zenhei.ttc
            found.setdefault("PDF_FONTS", {})[key.removeprefix("PDF_FONT_").lower()] = value
        if key.startswith("FLASK_") and key not in ("FLASK_APP", "FLASK_DEBUG", "FLASK_RUN_PORT"):
            found[key.removeprefix("FLASK_")] = value
    for flag in ("PRODUCTION", "MAIL_USE_TLS"):
        if isinstance(found.get(flag), str):
            found[flag] = found[flag].lower() in ("1", "true", "yes")
    if isinstance(found.get("TRUSTED_HOSTS"), str):
        found["TRUSTED_HOSTS"] = [h.strip() for h in found["TRUSTED_HOSTS"].split(",") if h.strip()]
    return found


def build(instance_path: str, overrides: Mapping[str, Any] | None) -> dict[str, Any]:
    """Merge defaults, environment and overrides into one checked mapping."""
    config = dict(DEFAULTS)
    config.update(from_environment())
    config.update(overrides or {})
    if not config.get("DATABASE_URL"):
        config["DATABASE_URL"] = f"sqlite:///{Path(instance_path) / 'compact.sqlite'}"
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = instance_secret_key(Path(instance_path))
    check_secret_key(str(config["SECRET_KEY"]))
    for key in INTEGER_KEYS:
        config[key] = whole_number(key, config[key])
    config["PDF_FONTS"] = {**DEFAULT_FONT_FILES, **config.get("PDF_FONTS", {})}
    if config["PRODUCTION"]:
        config.update(
            SESSION_COOKIE_SECURE=True,
            SESSION_COOKIE_NAME="__Host-session",
            PREFERRED_URL_SCHEME="https",
            DEBUG=False,
        )
    return config


def whole_number(key: str, value: Any) -> int:
    """Read a setting that must be a whole number, or say which one is not."""
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{key} must be a whole number, not {value!r}") from None


def check_secret_key(key: str) -> None:
    """Refuse a missing, placeholder or short secret key."""
    if key in PLACEHOLDER_KEYS or len(key) < MIN_KEY_LENGTH:
        raise ConfigError(
            "SECRET_KEY is a placeholder or shorter than 32 characters; "
            "unset it to have one generated, or set a long random value"
        )


def instance_secret_key(instance: Path) -> str:
    """Return the instance folder's random key, creating it (owner-readable only) once."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def pdf_fonts(config: Mapping[str, Any]) -> FontFiles:
    """Return the PDF reports' font files named by the PDF_FONTS setting."""
    try:
        return FontFiles.from_mapping(config["PDF_FONTS"])
    except FontsMissing as error:
        raise ConfigError(f"PDF_FONTS: {error}") from error
