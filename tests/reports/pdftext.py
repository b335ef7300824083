"""Read rendered PDFs back for assertions: text per page, body text, fonts, images."""

from __future__ import annotations

import io
import re
from typing import Any

from pypdf import PdfReader

BODY_BOTTOM = 45.0  # the footer sits below, the header above BODY_TOP (A4, 2 cm margins)
BODY_TOP = 790.0
FACES = {"UMingCN": "CJK", "WenQuanYiZenHei": "CJK"}  # the CJK faces' PostScript names


def reader(pdf: bytes) -> PdfReader:
    """Open PDF bytes with pypdf."""
    return PdfReader(io.BytesIO(pdf))


def pages_text(pdf: bytes) -> list[str]:
    """Return the extracted text of every page."""
    return [page.extract_text() or "" for page in reader(pdf).pages]


def squash(text: str) -> str:
    """Drop all whitespace, since wrapping splits lines anywhere."""
    return re.sub(r"\s+", "", text)


def body_text(pdf: bytes) -> str:
    """Return the text inside the body frame of all pages, without running header and footer."""
    chunks: list[str] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if BODY_BOTTOM < y < BODY_TOP:
            chunks.append(text)

    for page in reader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return "".join(chunks)


def page_fonts(pdf: bytes) -> list[set[str]]:
    """Return the font names (ReportLab's, "DejaVuSans", "CJK") each page's stream selects."""
    out = []
    for page in reader(pdf).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        names = {str(k): font_name(f.get_object()) for k, f in fonts.items()}
        stream = page.get_contents().get_data().decode("latin-1")
        used = set(re.findall(r"(/F\d+(?:\+\d+)?) [\d.]+ Tf", stream))
        out.append({names[key] for key in used if key in names})
    return out


def image_count(pdf: bytes) -> int:
    """Count the images placed on all pages."""
    return sum(len(page.images) for page in reader(pdf).pages)


def font_name(font: Any) -> str:
    """Name an embedded subset by the face's registered name: "AAAAAA+UMingCN" is "CJK"."""
    base = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
    face = re.sub(r"-\d+$", "", base)  # "UMingCN-0": face 0 of the collection
    return FACES.get(face, face)


def embedded(font: Any) -> bool:
    """Tell whether a font dictionary carries its font program (TrueType, Type 1 or CFF)."""
    fonts = [font]
    if "/DescendantFonts" in font:
        fonts = [f.get_object() for f in font["/DescendantFonts"]]
    for f in fonts:
        descriptor = f.get("/FontDescriptor")
        if descriptor is None:
            return False
        keys = set(descriptor.get_object())
        if not keys & {"/FontFile", "/FontFile2", "/FontFile3"}:
            return False
    return True


def all_fonts(pdf: bytes) -> list[Any]:
    """Return every font dictionary that any page uses."""
    out = {}
    for page in reader(pdf).pages:
        for ref in page["/Resources"].get_object().get("/Font", {}).values():
            font = ref.get_object()
            out[str(font["/BaseFont"])] = font
    return list(out.values())
