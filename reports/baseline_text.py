"""How the baseline report writes its figures and changes: the PDF and the page share this."""

from __future__ import annotations

from decimal import Decimal

from reports.baseline_content import PCT, Number
from reports.formatting import fmt_number, fmt_pct
from reports.localized import gettext


def fmt_figure(value: Number, kind: str) -> str:
    """Write a figure as its kind asks: a count, whole US dollars or a share with one decimal."""
    if kind == PCT:
        return fmt_pct(Decimal(value), 1)
    return fmt_number(value)  # counts, and money in whole US dollars


def fmt_change(value: Number, kind: str) -> str:
    """Write a change with its sign: "+5", "-3", "0"; shares in percentage points."""
    text = fmt_number(value, 1 if kind == PCT else 0)
    text = text if value <= 0 else f"+{text}"
    return gettext("%(change)s points", change=text) if kind == PCT else text
