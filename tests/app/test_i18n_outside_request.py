"""Messages formed outside a request (commands, services in an app context) are English."""

from __future__ import annotations

import pytest
from flask import Flask
from flask_babel import force_locale, gettext

from app.errors import DomainError
from app.progress import workflow


def test_a_message_outside_a_request_is_english(app: Flask) -> None:
    assert gettext("Report approved.") == "Report approved."


def test_a_refused_transition_says_why_in_an_app_context(app: Flask) -> None:
    with pytest.raises(DomainError, match=r"^A draft report cannot be approved\.$"):
        workflow.next_status("draft", "approve")


def test_force_locale_still_chooses_outside_a_request(app: Flask) -> None:
    with force_locale("fr"):
        assert gettext("Report approved.")  # the catalogue answers; no request is needed
