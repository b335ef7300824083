"""PDF reports built with ReportLab platypus: quarterly report and baseline report."""

from reports.errors import ReportError
from reports.pdf.baseline import render_baseline
from reports.pdf.quarterly import render_quarterly

__all__ = ["ReportError", "render_baseline", "render_quarterly"]
