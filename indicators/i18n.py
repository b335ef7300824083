"""Translation for the pure packages (indicators/, reports/), which never import Flask.

They mark their words with `gettext("... %(name)s", name=value)` and `ngettext(...)` from here;
`pybabel extract` finds them beside the application's. Which catalogue answers, and which locale
numbers and dates are formatted for, is the application's business: `app.i18n` installs a provider
once (Flask-Babel's catalogue of the current request, or of a `force_locale` block in a command).
Without one, everything is English, as in the unit tests of these packages.
"""

from __future__ import annotations

from collections.abc import Callable
from gettext import NullTranslations
from typing import Protocol


class Catalogue(Protocol):
    """What a gettext catalogue offers (gettext.NullTranslations, babel.support.Translations)."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...


_ENGLISH = NullTranslations()
_catalogue: Callable[[], Catalogue] = lambda: _ENGLISH  # noqa: E731
_locale: Callable[[], str] = lambda: "en"  # noqa: E731


def install(catalogue: Callable[[], Catalogue], locale: Callable[[], str]) -> None:
    """Let the application say which catalogue and locale are current (called once)."""
    global _catalogue, _locale
    _catalogue, _locale = catalogue, locale


def gettext(message: str, **variables: object) -> str:
    """Return the message in the current language, its %(name)s placeholders filled."""
    text = _catalogue().gettext(message)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, n: int, **variables: object) -> str:
    """Return the singular or plural form for n in the current language (%(num)d is n)."""
    text = _catalogue().ngettext(singular, plural, n)
    return text % {"num": n, **variables}


def locale() -> str:
    """Return the current locale code ("en", "fr", "zh"...) for number and date formats."""
    return _locale()


def N_(message: str) -> str:  # noqa: N802 - the name pybabel extracts by default
    """Mark a message of a module-level table for extraction without translating it there (no
    catalogue is current at import); translate it where it is shown, with gettext(message)."""
    return message
