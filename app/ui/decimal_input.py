"""Numbers typed in the reader's locale: "1,250" in English, "1 250,5" or "1250,5" in French.

`read_decimal` accepts the locale's own decimal and grouping separators where the reading is
unambiguous (groups of three digits exactly), the plain form "1250.5" everywhere except where
the full stop groups thousands, and refuses what could mean two numbers ("1,25" in English) with
a message that says what to type. `LocaleDecimalField` uses it, keeps what was typed when it is
refused, says what it understood when it reinterpreted ("Read as 1,250") and redisplays a stored
value without the zeros nobody typed (30, not 30.0000; 65.3061 stays).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from wtforms import Field, Form
from wtforms.widgets import TextInput

from reports import localized
from reports.formatting import fmt_number

SPACES = " \u00a0\u202f\u2009"
MARKS = "\u200e\u200f\u061c"  # direction marks Arabic text may carry around a number
MINUS = "-\u2212"
PLAIN = re.compile(r"-?\d+(\.\d+)?")


@dataclass(frozen=True)
class Reading:
    """A number read from text, and whether it was read from more than plain digits."""

    value: Decimal
    reinterpreted: bool


def read_decimal(text: str, locale: str | None = None) -> Reading:
    """Read a number typed in the locale's way, or raise ValueError saying what to type."""
    point, group = localized.symbols(locale)
    cleaned = "".join(c for c in text.strip() if c not in MARKS)
    if group in SPACES:
        cleaned, group = "".join(" " if c in SPACES else c for c in cleaned), " "
    sign = ""
    if cleaned[:1] and cleaned[0] in MINUS:
        sign, cleaned = "-", cleaned[1:].lstrip()
    if len(cleaned) > 40 or not re.fullmatch(r"\d[\d., ]*\d|\d", cleaned):
        raise ValueError(_invalid(locale))
    value = Decimal(sign + _digits(cleaned, point, group, locale))
    typed = text.strip()
    return Reading(value, not (PLAIN.fullmatch(typed) and Decimal(typed) == value))


def _digits(text: str, point: str, group: str, locale: str | None) -> str:
    """Return the number as plain "1250.5" text, or raise ValueError saying what to type."""
    if point in text:
        whole, _sep, fraction = text.rpartition(point)
        if not fraction.isdigit():
            raise ValueError(_invalid(locale))
        return f"{_whole(whole, group, locale)}.{fraction}"
    if point != "." and group != "." and "." in text:
        return _foreign_point(text, locale)
    if group in text and not GROUPS(group).fullmatch(text) and text.count(group) == 1:
        raise ValueError(_ambiguous(text, group, locale))
    return _whole(text, group, locale)


def GROUPS(group: str) -> re.Pattern[str]:  # noqa: N802 - a pattern, named like one
    """The pattern of a whole number grouped by threes with this separator."""
    return re.compile(rf"\d{{1,3}}({re.escape(group)}\d{{3}})+")


def _whole(text: str, group: str, locale: str | None) -> str:
    if text.isdigit():
        return text
    if GROUPS(group).fullmatch(text):
        return text.replace(group, "")
    raise ValueError(_invalid(locale))


def _foreign_point(text: str, locale: str | None) -> str:
    """Read "1.5" as 1.5 where the comma is the decimal; "1.250" could be 1250, so refuse it."""
    match = re.fullmatch(r"(\d+)\.(\d+)", text)
    if match is None:
        raise ValueError(_invalid(locale))
    if len(match.group(2)) == 3:
        raise ValueError(_ambiguous(text, ".", locale))
    return text


def _ambiguous(text: str, separator: str, locale: str | None) -> str:
    """Say that the text reads two ways and how to write each of them."""
    head, _sep, tail = text.partition(separator)
    return _(
        "“%(text)s” can be read two ways: type %(decimal)s for a decimal number "
        "or %(whole)s for a whole number.",
        text=text,
        decimal=plain(Decimal(f"{head}.{tail}"), locale, keep=True),
        whole=localized.decimal(Decimal(int(head + tail)), 0, locale),
    )


def _invalid(locale: str | None) -> str:
    point, _group = localized.symbols(locale)
    return _(
        "Enter a plain number such as %(example)s or %(grouped)s (no letters or exponents; "
        "“%(point)s” before decimals).",
        example=plain(Decimal("12.5"), locale),
        grouped=localized.decimal(Decimal(1250), 0, locale),
        point=point,
    )


def plain(value: Decimal, locale: str | None = None, keep: bool = False) -> str:
    """Write a number for an input: no grouping, the locale's decimal sign, no trailing zeros
    (unless `keep`: the digits as they are)."""
    point, _group = localized.symbols(locale)
    text = f"{value if keep else value.normalize():f}"
    return text.replace(".", point)


class LocaleDecimalField(Field):
    """A number typed in the reader's locale; None when left empty."""

    widget = TextInput()
    understood: str | None = None

    def __init__(self, label: Any = None, validators: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("render_kw", {"inputmode": "decimal"})  # a decimal keypad on phones
        super().__init__(label, validators, **kwargs)
        self.understood = None

    def process_formdata(self, valuelist: list[Any]) -> None:
        """Read the posted text; a refusal becomes the message next to the field."""
        self.data, self.understood = None, None
        if valuelist and str(valuelist[0]).strip():
            reading = read_decimal(str(valuelist[0]), localized.current())
            self.data = reading.value
            if reading.reinterpreted:
                self.understood = read_as(reading.value)

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return "" if self.data is None else plain(Decimal(self.data), localized.current())


def read_as(value: Decimal) -> str:
    """Say how a typed number was read: "Read as 1,250", "Read as 1 250,5"."""
    exponent = value.normalize().as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return _("Read as %(number)s", number=fmt_number(value, places))


def understood(form: Form, items: Mapping[str, str] | None = None) -> list[str]:
    """Return "Label: Read as …" for each field of the form that reinterpreted what was typed;
    `items` names what a field belongs to by the prefix of its name ({"ind_7": "IND-1"})."""
    notes = []
    for field in _fields(form):
        if not (isinstance(field, LocaleDecimalField) and field.understood and not field.errors):
            continue
        item = next((v for k, v in (items or {}).items() if field.name.startswith(f"{k}_")), None)
        label, note = field.label.text, field.understood
        if item is None:
            notes.append(_("%(field)s: %(note)s.", field=label, note=note))
        else:
            notes.append(_("%(item)s, %(field)s: %(note)s.", item=item, field=label, note=note))
    return notes


def _fields(form: Any) -> list[Field]:
    found: list[Field] = []
    for field in form:
        if hasattr(field, "entries"):
            for entry in field.entries:
                found.extend(_fields(entry.form) if hasattr(entry, "form") else [entry])
        else:
            found.append(field)
    return found
