"""The baseline PDF, and the package's import boundary."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

from reports.pdf import render_baseline
from tests.reports.pdftext import body_text, pages_text, squash
from tests.reports.sample import sample_baseline

FORBIDDEN = {"flask", "sqlalchemy", "wtforms", "app", "flask_wtf", "flask_login"}


def test_baseline_report_shows_hash_figures_and_comparison() -> None:
    report = sample_baseline()
    pdf = render_baseline(report)
    text = squash(body_text(pdf))
    assert squash(report.sha256) in text
    for h in report.headlines:
        assert squash(h.label) in text
    assert report.comparison is not None
    assert squash("compared with live portfolio on 2019-10-01") in text
    assert "UNODC-0413" in text and "UNDP-0102" in text
    assert squash("Pipeline Ongoing") in squash(" ".join(pages_text(pdf)))
    assert render_baseline(report) == pdf


def test_baseline_report_without_comparison() -> None:
    pdf = render_baseline(replace(sample_baseline(), comparison=None, draft=True))
    pages = pages_text(pdf)
    assert all("DRAFT" in t for t in pages)
    assert "Projects added" not in "".join(pages)


def test_reports_imports_no_web_or_database_package() -> None:
    root = Path(__file__).resolve().parents[2] / "reports"
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN, f"{path}: {name}"
