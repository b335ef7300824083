"""The write helper (app/ui/writes.py and app.db.transaction): commit once or roll back, and
each refusal shown where the user looks."""

from __future__ import annotations

import pytest
from flask import Flask, get_flashed_messages
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from wtforms import StringField

from app import db
from app.errors import Conflict, DomainError, FieldInvalid, NotFound, PermissionDenied
from app.models.reference import Entity
from app.ui.forms import VersionedForm
from app.ui.writes import button_write, form_write


class _Form(VersionedForm):
    name = StringField()


class _Record:
    version = 7


def _entities(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Entity)) or 0


def _add(session: Session, acronym: str) -> None:
    session.add(Entity(acronym=acronym, name=acronym))
    session.flush()


@pytest.fixture
def request_ctx(app: Flask):
    with app.test_request_context("/", method="POST"):
        yield


def test_a_block_that_ends_is_committed_once(db_session: Session) -> None:
    before = _entities(db_session)
    with db.transaction() as session:
        _add(session, "TSTA")
    db_session.rollback()  # nothing left to roll back: the block committed
    assert _entities(db_session) == before + 1


def test_an_error_rolls_the_whole_block_back(db_session: Session) -> None:
    before = _entities(db_session)
    with pytest.raises(RuntimeError), db.transaction() as session:
        _add(session, "TSTB")
        raise RuntimeError("disk full")
    assert _entities(db_session) == before


@pytest.mark.usefixtures("request_ctx")
def test_a_field_error_lands_on_its_field_and_nothing_is_written(db_session: Session) -> None:
    form, before = _Form(), _entities(db_session)
    with form_write(form) as write:
        _add(write.session, "TSTC")
        raise FieldInvalid("name", "This name is taken.")
    assert not write.ok and isinstance(write.error, FieldInvalid)
    assert form.name.errors == ["This name is taken."] and form.form_errors == []
    assert _entities(db_session) == before


@pytest.mark.usefixtures("request_ctx")
def test_a_conflict_is_shown_above_the_form_with_the_current_version(db_session: Session) -> None:
    form = _Form()
    with form_write(form, record=_Record()) as write:
        raise Conflict("Changed by someone else at 10:02.")
    assert not write.ok
    assert form.form_errors == ["Changed by someone else at 10:02."]
    assert form.version.data == 7 and form.version.raw_data == ["7"]


@pytest.mark.usefixtures("request_ctx")
@pytest.mark.parametrize("error", [PermissionDenied("no"), NotFound("gone")])
def test_permission_and_absence_reach_the_error_pages(db_session: Session, error) -> None:
    before = _entities(db_session)
    with pytest.raises(type(error)), form_write(_Form()) as write:
        _add(write.session, "TSTD")
        raise error
    with pytest.raises(type(error)), button_write() as write:
        _add(write.session, "TSTE")
        raise error
    assert _entities(db_session) == before


@pytest.mark.usefixtures("request_ctx")
def test_a_button_refusal_is_flashed_and_redirects_to_the_failed_page(db_session: Session) -> None:
    with button_write() as write:
        raise DomainError("The period has reports awaiting review.")
    response = write.done("/periods", "Locked.", failed="/periods/3")
    assert response.location == "/periods/3"
    assert get_flashed_messages(with_categories=True) == [
        ("error", "The period has reports awaiting review.")
    ]


@pytest.mark.usefixtures("request_ctx")
def test_a_committed_button_flashes_its_message(db_session: Session) -> None:
    with button_write() as write:
        _add(write.session, "TSTF")
    response = write.done("/periods", "Locked.")
    assert write.ok and response.location == "/periods"
    assert get_flashed_messages(with_categories=True) == [("success", "Locked.")]


def test_services_record_the_client_without_reading_the_request(app: Flask, db_session) -> None:
    from app.audit.services import record

    assert record(db_session, None, "check", "user", 1).remote_addr == "cli"
    with app.test_request_context("/", environ_base={"REMOTE_ADDR": "10.1.2.3"}):
        app.preprocess_request()
        assert record(db.session(), None, "check", "user", 1).remote_addr == "10.1.2.3"
