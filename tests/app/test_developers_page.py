"""The developers' page: public, outside /api, every described operation listed with its
parameters and answers, the link to openapi.json, in the reader's language."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from babel.support import Translations
from flask_babel import refresh

from app.api.openapi import build

PAGE = "/developers/api"
CATALOGUES = Path(__file__).resolve().parents[2] / "app" / "translations"


def test_the_page_lists_every_operation_and_links_the_description(app, client) -> None:
    page = client.get(PAGE)
    assert page.status_code == 200 and page.mimetype == "text/html"
    text = html.unescape(page.get_data(as_text=True))
    assert 'href="/api/v1/openapi.json"' in text
    document = build(app)
    shared = document["components"]["parameters"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert f"<code>{method.upper()} {path}</code>" in text, (method, path)
            assert operation["summary"] in text
            for parameter in operation.get("parameters", []):
                name = (
                    shared[parameter["$ref"].rsplit("/", 1)[1]]["name"]
                    if "$ref" in parameter
                    else parameter["name"]
                )
                assert f"<code>{name}</code>" in text, (method, path, name)
    assert "Authorization: Bearer TOKEN" in text
    assert not re.search(r"<script[^>]+src=\"https?:", text)  # no CDN: the CSP forbids it


def test_each_operation_shows_its_documented_answers(app, client) -> None:
    text = client.get(PAGE).get_data(as_text=True)
    put = build(app)["paths"]["/api/v1/reports/{project_code}/{period_key}"]["put"]
    block = text.split("<code>PUT /api/v1/reports/{project_code}/{period_key}</code>")[1]
    block = block.split("</article>")[0]
    shown = re.findall(r'<td><bdi dir="ltr">(\d{3})</bdi></td>', block)
    assert shown == sorted(put["responses"])
    assert "ReportBody" in block


@pytest.mark.parametrize("language", ["fr", "ar", "zh", "ru", "es"])
def test_the_page_speaks_the_readers_language(client, language) -> None:
    refresh()
    text = client.get(PAGE, headers={"Accept-Language": language}).get_data(as_text=True)
    translations = Translations.load(str(CATALOGUES), [language])
    for message in ("The JSON API", "Tokens", "Parameters", "Public: no token needed."):
        assert html.escape(translations.gettext(message), quote=False) in text
    assert translations.gettext("Parameters") != "Parameters"  # the page is not English
