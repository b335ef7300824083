"""Strict parsing of the numbers focal points type or upload (no NaN, no exponent, bounded)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _

PLAIN = re.compile(r"^-?\d+(\.\d+)?$")
# Commas are accepted only as thousands separators (1,000 or 12,345.5): "1,5" is refused rather
# than read as 15, since many focal points write a decimal comma.
GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
MAX_VALUE = Decimal(10) ** 12
MAX_PLACES = 4


def parse_quantity(text: str) -> Decimal:
    """Return a non-negative Decimal from plain digits, or raise ValueError with a message."""
    text = text.strip()
    if "," in text:
        if not GROUPED.match(text):
            grouped = _("Enter a plain number such as 12 or 12.5 (commas only as in 1,000).")
            raise ValueError(grouped)
        text = text.replace(",", "")
    if len(text) > 40 or not PLAIN.match(text):
        raise ValueError(_("Enter a plain number such as 12 or 12.5 (no letters or exponents)."))
    try:
        number = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise ValueError(_("Enter a plain number such as 12 or 12.5.")) from None
    return check_quantity(number)


def check_quantity(number: Decimal) -> Decimal:
    """Return the number if finite, non-negative, bounded and with few decimals, else ValueError."""
    if not number.is_finite():
        raise ValueError(_("Enter a finite number."))
    if number < 0:
        raise ValueError(_("The number cannot be negative."))
    if number > MAX_VALUE:
        raise ValueError(_("The number is too large (at most %(max)s).", max="1,000,000,000,000"))
    exponent = number.as_tuple().exponent  # an int: the number is finite
    if isinstance(exponent, int) and -exponent > MAX_PLACES:
        raise ValueError(_("Use at most %(places)s decimal places.", places=MAX_PLACES))
    return number + 0  # turns -0 into 0
