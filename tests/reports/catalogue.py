"""Tiny translation catalogues for the tests, written to a temporary directory (Babel's
Catalog and write_mo), so that no test depends on the translators' .po files."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.support import Translations

import indicators.i18n

Message = str | tuple[str, str]  # a msgid, or a singular and plural pair
Translated = str | tuple[str, ...]

# A few words of each language, enough to see that the PDF speaks it.
WORDS: dict[str, dict[Message, Translated]] = {
    "fr": {
        "Contents": "Table des matières",
        "Executive summary": "Résumé analytique",
        "Key messages": "Messages clés",
        "Page %(page)s of %(total)s": "Page %(page)s sur %(total)s",
        ("%(count)s project", "%(count)s projects"): ("%(count)s projet", "%(count)s projets"),
        "Funding and shortfall by entity": "Financement et déficit par entité",
    },
    "es": {
        "Contents": "Índice",
        "Executive summary": "Resumen ejecutivo",
        "Key messages": "Mensajes clave",
        "Page %(page)s of %(total)s": "Página %(page)s de %(total)s",
    },
    "ru": {
        "Contents": "Содержание",
        "Executive summary": "Резюме",
        "Key messages": "Ключевые сообщения",
        "Page %(page)s of %(total)s": "Стр. %(page)s из %(total)s",
        ("%(count)s project", "%(count)s projects"): (
            "%(count)s проект",
            "%(count)s проекта",
            "%(count)s проектов",
        ),
    },
    "zh": {
        "Contents": "目录",
        "Executive summary": "执行摘要",
        "Key messages": "关键信息",
        "Page %(page)s of %(total)s": "第 %(page)s 页，共 %(total)s 页",
        "DRAFT": "草稿",
        "DRAFT \u2013 %(header)s": "草稿 \u2013 %(header)s",
        "%(scope)s \u2013 figures as of %(date)s": "%(scope)s \u2013 数据截至 %(date)s",
        ("%(count)s project", "%(count)s projects"): ("%(count)s 个项目",),
        "Funding and shortfall by entity": "各实体的资金和缺口",
        "Budget": "预算",
    },
}


def write_catalogue(root: Path, language: str, words: Mapping[Message, Translated]) -> Path:
    """Write root/LANG/LC_MESSAGES/messages.mo with these translations; return the file."""
    catalog = Catalog(locale=language)
    for message, translated in words.items():
        catalog.add(message, translated)
    folder = root / language / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "messages.mo"
    with path.open("wb") as out:
        write_mo(out, catalog)
    return path


@contextmanager
def speaking(root: Path, language: str) -> Iterator[None]:
    """Install the language's test catalogue into the pure packages for the block."""
    path = write_catalogue(root, language, WORDS[language])
    with path.open("rb") as fp:
        translations = Translations(fp)
    indicators.i18n.install(lambda: translations, lambda: language)
    try:
        yield
    finally:
        english = Translations()
        indicators.i18n.install(lambda: english, lambda: "en")
