"""Where the PDF reports find their TrueType fonts: Debian's paths unless configured otherwise.

Every font of every report is embedded (as a subset): DejaVu Sans for Latin text, DejaVu Sans
Mono for hashes, and a CJK font (AR PL UMing) for the Chinese pillar titles. A missing file is an
error naming the file and the package that provides it; there is no fallback to unembedded fonts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from reports.errors import ReportError

DEJAVU = "/usr/share/fonts/truetype/dejavu"

# role -> file; the CJK file is a TrueType collection, its face chosen by `cjk_index`
DEFAULT_FONT_FILES: dict[str, str] = {
    "regular": f"{DEJAVU}/DejaVuSans.ttf",
    "bold": f"{DEJAVU}/DejaVuSans-Bold.ttf",
    "italic": f"{DEJAVU}/DejaVuSans-Oblique.ttf",
    "mono": f"{DEJAVU}/DejaVuSansMono.ttf",
    "cjk": "/usr/share/fonts/truetype/arphic/uming.ttc",
}
PACKAGES = {"cjk": "fonts-arphic-uming"}  # every other role: fonts-dejavu-core


class FontsMissing(ReportError):
    """A configured font file is absent; the message says which and how to install it."""


@dataclass(frozen=True)
class FontFiles:
    """The font file of each role, and the face of the CJK collection to use."""

    regular: str
    bold: str
    italic: str
    mono: str
    cjk: str
    cjk_index: int = 0

    @classmethod
    def from_mapping(cls, files: Mapping[str, object]) -> FontFiles:
        """Build from a mapping of role to path (the PDF_FONTS setting); defaults fill gaps."""
        merged: dict[str, object] = {**DEFAULT_FONT_FILES, **files}
        unknown = set(merged) - {f.name for f in fields(cls)}
        if unknown:
            raise FontsMissing(f"unknown font role(s) {', '.join(sorted(unknown))}")
        paths = {k: str(v) for k, v in merged.items() if k != "cjk_index"}
        index = str(merged.get("cjk_index", 0))
        if not index.isdigit():
            raise FontsMissing(f"the CJK face index must be a whole number, not {index!r}")
        return cls(**paths, cjk_index=int(index))

    def check(self) -> None:
        """Raise FontsMissing, in one line, for the first configured file that is absent."""
        for role in ("regular", "bold", "italic", "mono", "cjk"):
            path = getattr(self, role)
            if not Path(path).is_file():
                package = PACKAGES.get(role, "fonts-dejavu-core")
                raise FontsMissing(
                    f"PDF font file not found: {path} ({role}); install Debian's {package} "
                    f"or set PDF_FONT_{role.upper()} to the font's path"
                )


_configured = FontFiles.from_mapping({})


def configure(files: FontFiles) -> None:
    """Use these font files for the reports rendered from now on."""
    global _configured
    _configured = files


def configured() -> FontFiles:
    """Return the font files the reports use."""
    return _configured
