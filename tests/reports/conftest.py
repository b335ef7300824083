"""Fixtures: the sample reports and their rendered bytes, rendered once per session."""

from __future__ import annotations

import pytest

from reports.content import QuarterlyReport
from reports.pdf import render_quarterly
from tests.reports.sample import sample_quarterly


@pytest.fixture(scope="session")
def issued() -> QuarterlyReport:
    """Return the sample report as issued."""
    return sample_quarterly(draft=False)


@pytest.fixture(scope="session")
def issued_pdf(issued: QuarterlyReport) -> bytes:
    """Return the rendered issued sample report."""
    return render_quarterly(issued)


@pytest.fixture(scope="session")
def draft_pdf() -> bytes:
    """Return the rendered draft sample report."""
    return render_quarterly(sample_quarterly(draft=True))
