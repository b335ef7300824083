"""The "Key messages" block that opens the baseline and quarterly PDFs."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable  # type: ignore[import-untyped]

from reports.localized import gettext
from reports.pdf import styles as s
from reports.pdf.blocks import heading, para


def key_messages(sentences: Sequence[str]) -> list[Flowable]:
    """Make the heading and one paragraph per sentence; nothing at all when there are none."""
    if not sentences:
        return []
    return [
        heading(gettext("Key messages"), s.H1, 0, "key-messages"),
        *(para(t) for t in sentences),
    ]
