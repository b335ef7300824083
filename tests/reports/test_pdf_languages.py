"""The quarterly and baseline PDFs in French, Spanish, Russian and Chinese: the words come from
the catalogue, and every character drawn is in the embedded face that draws it (no tofu)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTCollection, TTFont

from reports import fonts
from reports.pdf.baseline import render_baseline
from reports.pdf.quarterly import render_quarterly
from tests.reports.catalogue import speaking
from tests.reports.pdftext import font_name, pages_text, reader, squash
from tests.reports.sample import sample_baseline, sample_quarterly

HEADINGS = {
    "fr": ("Table des matières", "Résumé analytique", "Page 1 sur"),
    "es": ("Índice", "Resumen ejecutivo", "Página 1 de"),
    "ru": ("Содержание", "Резюме", "Стр. 1 из"),
    "zh": ("目录", "执行摘要", "第 1 页，共"),
}
ROLES = {
    "DejaVuSans": "regular",
    "DejaVuSans-Bold": "bold",
    "DejaVuSans-Oblique": "italic",
    "DejaVuSansMono": "mono",
    "CJK": "cjk",
}


@cache
def cmap(role: str) -> frozenset[int]:
    """Return the code points the configured font file of a role has glyphs for."""
    files = fonts.configured()
    path = getattr(files, role)
    if path.endswith(".ttc"):
        font = TTCollection(path).fonts[files.cjk_index]
    else:
        font = TTFont(path, lazy=True)
    return frozenset(font.getBestCmap())


def drawn(pdf: bytes) -> list[tuple[str, str]]:
    """Return every run of text drawn, with the face (ReportLab's name) that draws it."""
    runs: list[tuple[str, str]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip() and font is not None:
            runs.append((text, font_name(font)))

    for page in reader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return runs


def missing_glyphs(pdf: bytes) -> set[tuple[str, str]]:
    """Return (character, face) for each character drawn in a face that has no glyph for it."""
    return {
        (char, face)
        for text, face in drawn(pdf)
        for char in text
        if not char.isspace() and ord(char) not in cmap(ROLES[face])
    }


@pytest.mark.parametrize("language", sorted(HEADINGS))
def test_the_quarterly_pdf_speaks_the_language_with_no_missing_glyph(
    tmp_path: Path, language: str
) -> None:
    with speaking(tmp_path, language):
        pdf = render_quarterly(sample_quarterly(draft=True, annex_size=6))
    text = squash("".join(pages_text(pdf)))  # runs of two faces are extracted apart
    for words in HEADINGS[language]:
        assert squash(words) in text
    assert "Executive summary" not in text
    assert missing_glyphs(pdf) == set()
    assert reader(pdf).trailer["/Root"]["/Lang"] == language


def test_chinese_runs_are_drawn_in_the_cjk_face_headers_and_footers_included(
    tmp_path: Path,
) -> None:
    with speaking(tmp_path, "zh"):
        pdf = render_quarterly(sample_quarterly(draft=True, annex_size=6))
    faces = {face for text, face in drawn(pdf) if "页" in text or "草稿" in text}
    assert faces == {"CJK"}
    assert "第2页" in squash(pages_text(pdf)[1])  # the footer of a body page
    assert missing_glyphs(pdf) == set()


def test_russian_plurals_take_the_catalogue_forms(tmp_path: Path) -> None:
    with speaking(tmp_path, "ru"):
        pdf = render_quarterly(sample_quarterly(annex_size=6))
    assert "6 проектов" in "\n".join(pages_text(pdf))  # the annex's count, plural form 3


@pytest.mark.parametrize("language", ["fr", "zh"])
def test_the_baseline_pdf_speaks_the_language_with_no_missing_glyph(
    tmp_path: Path, language: str
) -> None:
    with speaking(tmp_path, language):
        pdf = render_baseline(sample_baseline())
    text = squash("".join(pages_text(pdf)))
    assert squash(HEADINGS[language][2]) in text
    assert missing_glyphs(pdf) == set()


def test_english_is_the_default_without_a_catalogue() -> None:
    pdf = render_quarterly(sample_quarterly(annex_size=6))
    text = "\n".join(pages_text(pdf))
    assert "Executive summary" in text and "Page 1 of" in text
    assert missing_glyphs(pdf) == set()
