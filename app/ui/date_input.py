"""Date inputs that say what the user sees: the browser's own date picker, in its own format.

`<input type="date">` shows the date the browser's way (31/08/2019, 2019/8/31...) and always posts
ISO (2019-08-31), so hints and errors never claim a format: they show an example date written for
the reader ("Choose a date, e.g. 30 June 2019"). Without a date picker (a text box, a script), the
ISO form is read, and so is the example's own ("30 June 2019", "30 juin 2019", "2019年6月30日").
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from babel.dates import get_month_names
from flask_babel import gettext as _
from wtforms import DateField, Field
from wtforms.form import BaseForm
from wtforms.validators import InputRequired, Optional, StopValidation

from reports import localized
from reports.formatting import fmt_long_date

EXAMPLE = dt.date(2019, 6, 30)
ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
CJK = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?")
MONTH_FIRST = re.compile(r"(\S+?)\.?\s+(\d{1,2}),?\s+(\d{4})")  # "June 30, 2019"
WORDS = re.compile(r"(\d{1,2})\.?\s+(?:de\s+)?(\S+?)\.?\s+(?:de\s+)?(\d{4})(?:\s*г\.?)?")


def date_hint() -> str:
    """The message that asks for a date, with an example written for the reader."""
    return _("Choose a date, e.g. %(example)s.", example=fmt_long_date(EXAMPLE))


def read_date(text: str, locale: str | None = None) -> dt.date:
    """Read an ISO date or one written like the example, or raise ValueError saying what to do."""
    cleaned = unicodedata.normalize("NFKC", text).strip().replace("\u200f", "")
    try:
        if match := ISO.fullmatch(cleaned) or CJK.fullmatch(cleaned):
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        if match := WORDS.fullmatch(cleaned):
            named = _month(match.group(2), locale or localized.current())
            if named is not None:
                return dt.date(int(match.group(3)), named, int(match.group(1)))
        if match := MONTH_FIRST.fullmatch(cleaned):
            named = _month(match.group(1), locale or localized.current())
            if named is not None:
                return dt.date(int(match.group(3)), named, int(match.group(2)))
    except ValueError:
        pass  # no such day, e.g. 31 February
    raise ValueError(date_hint())


def _month(word: str, locale: str) -> int | None:
    """The number of a month named in the locale or in English, wide or abbreviated."""
    wanted = word.casefold().rstrip(".")
    for code in dict.fromkeys((locale, "en")):
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                names = get_month_names(width, context, locale=localized.locale_of(code))
                for number, name in names.items():
                    if str(name).casefold().rstrip(".") == wanted:
                        return int(number)
    return None


class LocaleDateField(DateField):
    """A date picked in the browser (ISO posted) or typed like the example."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        """Read the posted date; a refusal becomes the message next to the field."""
        self.data = None
        if valuelist and str(valuelist[0]).strip():
            self.data = read_date(str(valuelist[0]))


class DateRequired(InputRequired):
    """A date must be chosen; the message shows an example in the reader's language."""

    def __call__(self, form: BaseForm, field: Field) -> None:
        if field.raw_data and str(field.raw_data[0]).strip():
            return
        field.errors = []
        raise StopValidation(date_hint())


def date_field(label: Any, required: bool = False) -> LocaleDateField:
    """Return a date input (the browser's date picker) whose messages show an example date."""
    return LocaleDateField(label, validators=[DateRequired() if required else Optional()])
