"""No CSRF token in a URL (issue 13, point 10): no form that submits by GET carries the token
(a browser would put it in the query string, and so in access logs); the quarterly preview
posts its form, token in the body. One URL does carry a token by design, the set-password link
(/set-password/<token>): it is the link an administrator hands over, not a CSRF token, and its
page posts its form with the CSRF token in the body like every other (the last test)."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest

from tests.security import authz_matrix

ROLES_WITH_FORMS = ("admin", "owner", "reviewer", "viewer")


class Forms(HTMLParser):
    """Collect each form's method, action and the names of its inputs."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form":
            method = (found.get("method") or "get").lower()
            self.forms.append({"method": method, "action": found.get("action"), "inputs": {}})
            self._open = True
        elif tag in ("input", "button", "select", "textarea") and self._open:
            self.forms[-1]["inputs"][found.get("name")] = found.get("value")
            if found.get("formmethod"):
                self.forms[-1].setdefault("overrides", []).append(found["formmethod"].lower())

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._open = False


def forms_of(body: str) -> list[dict[str, Any]]:
    parser = Forms()
    parser.feed(body)
    return parser.forms


def html_gets() -> list[str]:
    return sorted(
        {path for _, method, path, *_ in authz_matrix.MATRIX if method == "GET"}
        | {"/reports", "/periods", "/baselines", "/compare"}
    )


@pytest.fixture
def csrf_on(app: Any) -> Any:
    app.config["WTF_CSRF_ENABLED"] = True
    yield app
    app.config["WTF_CSRF_ENABLED"] = False


@pytest.mark.parametrize("role", ROLES_WITH_FORMS)
def test_no_form_that_submits_by_get_carries_the_token(ds, as_role, csrf_on, role) -> None:
    client, ids, checked = as_role(role), ds.ids(), 0
    for path in html_gets():
        response = client.get(path.format(**ids))
        if response.mimetype != "text/html":
            continue
        for form in forms_of(response.get_data(as_text=True)):
            submits_by_get = form["method"] == "get" or "get" in form.get("overrides", [])
            assert not (submits_by_get and "csrf_token" in form["inputs"]), (path, form)
            checked += 1
    assert checked >= 10


def test_the_preview_posts_with_the_token_in_the_body(ds, as_role, csrf_on) -> None:
    client = as_role("viewer")
    page = client.get("/reports").get_data(as_text=True)
    (form,) = [f for f in forms_of(page) if f["action"] == "/reports/preview.pdf"]
    assert form["method"] == "post" and form["inputs"].get("csrf_token")
    body = {"period": "2019Q3", "entity": "", "csrf_token": form["inputs"]["csrf_token"]}
    response = client.post("/reports/preview.pdf", data=body)
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert "csrf_token" not in (response.request.query_string or b"").decode()
    refused = client.post("/reports/preview.pdf", data={"period": "2019Q3"})
    assert refused.status_code == 400 and not refused.data.startswith(b"%PDF")


def test_a_plain_get_preview_needs_no_token(ds, as_role, csrf_on) -> None:
    response = as_role("viewer").get("/reports/preview.pdf?period=2019Q3")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


def test_the_set_password_link_is_no_csrf_token(ds, client, csrf_on) -> None:
    """The one page whose URL carries a token: /set-password/<token>. That token is the signed,
    single-use set-password link an administrator hands over (app/auth/invitations.py), not a
    CSRF token; the page's form still posts, its CSRF token in the body, and a POST without that
    token is refused whatever the link."""
    path = f"/set-password/{ds.ids()['invite_token']}"
    forms = forms_of(client.get(path).get_data(as_text=True))
    (form,) = [f for f in forms if f["action"] != "/language"]  # the header's language switcher
    assert form["method"] == "post" and form["inputs"].get("csrf_token")
    assert form["inputs"]["csrf_token"] not in path
    data = {"password": "a long new passphrase", "confirm": "a long new passphrase"}
    assert client.post(path, data=data).status_code == 400
    accepted = client.post(path, data={**data, "csrf_token": form["inputs"]["csrf_token"]})
    assert accepted.status_code == 302 and "csrf_token" not in accepted.headers["Location"]
