"""The file rules of evidence: types told by content, sizes, names and links."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.progress.evidence_files import (
    MAX_NAME,
    file_problem,
    link_problem,
    megabytes,
    safe_name,
    sniff,
)
from tests.app.evidence_data import DOCX, EXE, PDF, PLAIN_ZIP, PNG, XLSX


def test_types_are_told_by_content_not_by_name() -> None:
    assert sniff(PDF).content_type == "application/pdf"
    assert sniff(PNG).extension == ".png"
    assert sniff(DOCX).extension == ".docx" and sniff(XLSX).extension == ".xlsx"
    assert sniff(EXE) is None and sniff(PLAIN_ZIP) is None


def test_problems_say_what_to_fix() -> None:
    assert file_problem(b"") == "The file is empty; choose the document itself."
    assert "not a PDF, PNG, JPEG" in file_problem(EXE)
    assert file_problem(PDF + b"x" * 3000, limit=2048) == "The file is 3 KB; the limit is 2 KB."
    assert file_problem(PDF) is None
    assert link_problem("javascript:alert(1)") == "A link must start with https:// or http://."
    assert link_problem("https://example.org/list.pdf") is None


@given(st.binary(max_size=200))
def test_nothing_unrecognised_is_accepted(content: bytes) -> None:
    kind = sniff(content)
    assert (kind is None) == (file_problem(content) is not None or not content)
    if kind is not None:
        assert content[:1] in (b"%", b"\x89", b"\xff", b"P")


@given(st.text(max_size=400), st.sampled_from([".pdf", ".png", ".docx"]))
def test_a_safe_name_has_no_path_no_control_characters_and_the_right_extension(
    given_name: str, extension: str
) -> None:
    name = safe_name(given_name, extension)
    assert name.endswith(extension) and len(name) <= MAX_NAME
    assert "/" not in name and "\\" not in name and '"' not in name
    assert all(c.isprintable() for c in name)


@given(st.integers(min_value=0, max_value=10**9))
def test_sizes_read_for_people(size: int) -> None:
    text = megabytes(size)
    assert text.endswith((" KB", " MB")) and text[0].isdigit()
