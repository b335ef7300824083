"""Pages, inputs and exports by locale: figures follow Accept-Language, numbers are typed the
reader's way ("1,250" in English, "1250,5" in French), data downloads never change with it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal
from babel.support import Translations
from flask_babel import refresh
from markupsafe import escape
from sqlalchemy import select

from app.models.progress import IndicatorValue, ReportingPeriod
from tests.app import comparison_data
from tests.app.progress_data import report_of, world

FRENCH = {"Accept-Language": "fr"}
CATALOGUES = Path(__file__).resolve().parents[2] / "app" / "translations"
TWO_WAYS = (
    "“%(text)s” can be read two ways: type %(decimal)s for a decimal number or"
    " %(whole)s for a whole number."
)


def said(headers: dict[str, str], message: str) -> str:
    """Return the message as the compiled catalogue of the request's language gives it."""
    return Translations.load(str(CATALOGUES), [headers["Accept-Language"]]).gettext(message)
ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def w(db_session):
    return world(db_session)


def get(client, url: str, headers: dict[str, str]):
    """GET in a language (the tests share one app context: forget the last request's locale)."""
    refresh()
    return client.get(url, headers=headers)


def post(client, url: str, data: dict[str, str], headers: dict[str, str]):
    """POST in a language, following the redirect."""
    refresh()
    return client.post(url, data=data, headers=headers, follow_redirects=True)


def _value(db_session, w) -> Decimal | None:
    report = report_of(db_session, w)
    assert report is not None
    row = db_session.scalar(
        select(IndicatorValue).where(
            IndicatorValue.report_id == report.id, IndicatorValue.indicator_id == w.number.id
        )
    )
    return None if row is None else row.value


def test_french_pages_write_figures_and_dates_the_french_way(client, db_session, make_user, login):
    w = world(db_session)
    w.number.baseline_value = Decimal("1250.5000")
    w.project.budget_usd = Decimal(1_250_000)
    db_session.flush()
    login(make_user("focal_point", "UNODC"))
    page = get(client, f"/projects/{w.project.id}", FRENCH).get_data(as_text=True)
    assert format_decimal(Decimal("1250.5"), locale="fr") in page  # "1 250,5" (narrow space)
    assert format_decimal(1_250_000, locale="fr") in page
    english = get(client, f"/projects/{w.project.id}", ENGLISH).get_data(as_text=True)
    assert "1,250.5" in english and "1,250,000" in english
    entry = get(client, w.url, FRENCH).get_data(as_text=True)
    due = w.period.due_on
    assert f'<time datetime="{due.isoformat()}">{format_date(due, "medium", "fr")}</time>' in entry


def test_english_entry_reads_1_250_as_a_thousand_and_says_so(
    client, db_session, make_user, login, w
):
    login(make_user("focal_point", "UNODC"))
    data = w.form(**{f"ind_{w.number.id}_value": "1,250"}) | {"action": "save"}
    response = post(client, w.url, data, ENGLISH)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Draft saved." in page
    assert f"{w.number.code}, Value: Read as 1,250." in page
    assert _value(db_session, w) == Decimal(1250)
    assert 'value="1250"' in page and "1250.0000" not in page


def test_french_entry_reads_a_decimal_comma(client, db_session, make_user, login, w):
    login(make_user("focal_point", "UNODC"))
    data = w.form(**{f"ind_{w.number.id}_value": "1250,5"}) | {"action": "save"}
    response = post(client, w.url, data, FRENCH)
    assert response.status_code == 200
    assert _value(db_session, w) == Decimal("1250.5")
    read_as = said(FRENCH, "Read as %(number)s")
    assert read_as % {"number": format_decimal(Decimal("1250.5"), locale="fr")} in response.text
    again = get(client, w.url, FRENCH).get_data(as_text=True)
    assert 'value="1250,5"' in again and "1250,5000" not in again
    assert 'value="1250.5"' in get(client, w.url, ENGLISH).get_data(as_text=True)


@pytest.mark.parametrize(("typed", "headers"), [("1,25", ENGLISH), ("1.250", FRENCH)])
def test_a_number_that_reads_two_ways_is_refused_next_to_the_field(
    client, db_session, make_user, login, w, typed, headers
):
    login(make_user("focal_point", "UNODC"))
    data = w.form(**{f"ind_{w.number.id}_value": typed}) | {"action": "save"}
    refresh()
    response = client.post(w.url, data=data, headers=headers)
    assert response.status_code == 422
    words = said(headers, TWO_WAYS).split("%(text)s")[1].split("%(decimal)s")[0]
    assert str(escape(words)) in response.text and f'value="{typed}"' in response.text
    assert report_of(db_session, w) is None


def test_a_stored_number_shows_without_zeros_nobody_typed(client, db_session, make_user, login, w):
    w.project.budget_usd, w.project.funded_usd = Decimal("30.00"), Decimal("12.50")
    w.number.life_target = Decimal("65.3061")
    db_session.flush()
    login(make_user("admin"))
    project_form = client.get(f"/projects/{w.project.id}/edit").get_data(as_text=True)
    assert 'value="30"' in project_form and 'value="12.5"' in project_form
    assert "30.00" not in project_form and "12.50" not in project_form
    indicator_form = client.get(f"/indicators/{w.number.id}/edit").get_data(as_text=True)
    assert 'value="65.3061"' in indicator_form and 'value="50.0000"' not in indicator_form


def test_a_bad_date_asks_for_a_date_in_the_readers_language(client, db_session, make_user, login):
    login(make_user("admin"))
    refresh()
    response = client.post("/baselines", data={"label": "y", "as_of": "31/12/2019"}, headers=FRENCH)
    assert response.status_code == 400
    assert format_date(dt.date(2019, 6, 30), "long", locale="fr") in response.text
    assert "YYYY-MM-DD" not in response.text
    assert 'type="date"' in response.text


EXPORTS = (
    "/api/v1/baselines/{new}",
    "/api/v1/baselines/{new}?compare={old}",
    "/api/v1/portfolio",
    "/api/v1/projects",
    "/baselines/{new}.csv",
    "/baselines/{new}.json",
    "/projects.csv",
    "/compare.csv?a={old}&b={new}",
    "/compare/projects.csv?a={old}&b={new}",
)


def test_data_exports_are_identical_in_french_and_english(client, db_session, make_user, login):
    comparison_data.two_baselines(db_session)
    login(make_user("admin"))
    for template in EXPORTS:
        url = template.format(old="2018 mapping", new="2019 mapping")
        french, english = get(client, url, FRENCH), get(client, url, ENGLISH)
        assert french.status_code == english.status_code == 200, url
        assert french.data == english.data, url


def test_quarterly_api_text_stays_english(client, db_session, make_user, login):
    comparison_data.two_baselines(db_session)
    login(make_user("admin"))
    url = "/api/v1/quarterly/2019Q3"
    french, english = get(client, url, FRENCH), get(client, url, ENGLISH)
    assert french.status_code == english.status_code
    assert french.data == english.data


def test_a_number_out_of_bounds_names_the_bounds_in_figures(client, db_session, make_user, login):
    w = world(db_session)
    login(make_user("admin"))
    page = get(client, f"/indicators/{w.number.id}/edit", ENGLISH).get_data(as_text=True)
    assert "1E+12" not in page
    data = {"life_target": "2000000000000", "code": w.number.code, "name": "n", "unit": "u"}
    response = post(client, f"/indicators/{w.number.id}/edit", data, ENGLISH)
    assert "between -1,000,000,000,000 and 1,000,000,000,000." in response.text
    assert "1E+12" not in response.text


@pytest.mark.parametrize(
    ("typed", "headers"), [("2020-01-15", ENGLISH), ("15 janvier 2020", FRENCH)]
)
def test_a_date_typed_without_a_picker_is_read(
    client, db_session, make_user, login, typed, headers
):
    login(make_user("admin"))
    response = post(client, "/periods/new", {"key": "2019Q4", "due_on": typed}, headers)
    assert response.status_code == 200
    found = db_session.scalars(select(ReportingPeriod).where(ReportingPeriod.key == "2019Q4"))
    assert found.one().due_on == dt.date(2020, 1, 15)


def test_a_missing_date_asks_for_one_with_an_example(client, db_session, make_user, login):
    w = world(db_session)
    login(make_user("admin"))
    data = {"entry_opens_on": "", "due_on": "2019-10-01", "version": str(w.period.version)}
    response = post(client, f"/periods/{w.period.id}/edit", data, FRENCH)
    assert format_date(dt.date(2019, 6, 30), "long", locale="fr") in response.text
    assert "YYYY-MM-DD" not in response.text
