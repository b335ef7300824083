"""The first web pages: sign-in, portfolio with totals, project page, needs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from app.models.portfolio import CtedNeed, Project
from app.models.reference import Entity


def add_project(
    db_session,
    code: str,
    entity: str = "UNODC",
    status: str = "ongoing",
    budget: str = "100",
    funded: str = "40",
    pillar: str = "II",
) -> Project:
    entity_id = db_session.scalar(select(Entity.id).where(Entity.acronym == entity))
    project = Project(
        code=code,
        title=f"Title of {code}",
        entity_id=entity_id,
        pillar_code=pillar,
        scope="global",
        status=status,
        budget_usd=Decimal(budget),
        funded_usd=Decimal(funded),
    )
    db_session.add(project)
    db_session.flush()
    return project


def test_pages_require_sign_in(client) -> None:
    response = client.get("/projects")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_wrong_password_is_refused_without_saying_which_part(client, make_user) -> None:
    user = make_user("viewer")
    unknown = client.post("/login", data={"email": "nobody@example.org", "password": "whatever1"})
    wrong = client.post("/login", data={"email": user.email, "password": "wrong password"})
    assert unknown.status_code == wrong.status_code == 200
    assert b"E-mail or password is not right." in unknown.data
    assert b"E-mail or password is not right." in wrong.data


def test_portfolio_lists_filtered_projects_with_totals(
    client, db_session, make_user, login
) -> None:
    add_project(db_session, "P-1", budget="100", funded="40")
    add_project(db_session, "P-2", budget="50", funded="50", status="completed")
    add_project(db_session, "P-3", entity="UNOCT", budget="30", funded="0")
    login(make_user("viewer"))
    page = client.get("/projects?entity=UNODC").get_data(as_text=True)
    assert "P-1" in page and "P-2" in page and "P-3" not in page
    assert "$150" in page  # budget of P-1 and P-2
    assert "$60" in page  # shortfall: active P-1 only (completed P-2 excluded)


def test_needs_page_hides_confidential_needs_from_viewers(client, db_session, make_user, login):
    db_session.add_all(
        [
            CtedNeed(
                code="N-OPEN",
                member_state="KEN",
                assessment_date=date(2018, 5, 1),
                pillar_code="II",
                thematic_area="Border security",
                description="open need",
            ),
            CtedNeed(
                code="N-SECRET",
                member_state="KEN",
                assessment_date=date(2018, 5, 1),
                pillar_code="II",
                thematic_area="CFT",
                description="canary-7c1f",
                confidential=True,
            ),
        ]
    )
    db_session.flush()
    login(make_user("viewer"))
    page = client.get("/needs").get_data(as_text=True)
    assert "open need" in page and "canary-7c1f" not in page and "N-SECRET" not in page
    client.post("/logout")
    login(make_user("cted"))
    assert "canary-7c1f" in client.get("/needs").get_data(as_text=True)


def test_project_page_shows_facts(client, db_session, make_user, login) -> None:
    project = add_project(db_session, "P-9")
    login(make_user("viewer"))
    response = client.get(f"/projects/{project.id}")
    assert response.status_code == 200
    assert "Title of P-9" in response.get_data(as_text=True)
    assert client.get("/projects/999999").status_code == 404
