"""POST /api/v1/clauses."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from app.affiliates.models import Role
from app.clauses.models import Clause
from tests.builders.clauses import auth, clause_payload, make_affiliate


def count_clauses(session: Session) -> int:
    session.expire_all()
    return int(session.exec(select(func.count()).select_from(Clause)).one())


def test_contributor_creates_a_draft_of_their_affiliate(
    client: TestClient, session: Session
) -> None:
    union = make_affiliate(session, "Union of Municipal Workers", "PH")
    response = client.post(
        "/api/v1/clauses", json=clause_payload(), headers=auth(session, Role.contributor, union)
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "draft"
    assert body["attribution"] == {"name": "Union of Municipal Workers", "country": "PH"}
    assert body["region"] == "asia-pacific"
    assert body["themes"] == ["6"]
    assert body["subthemes"] == ["6.1"]
    assert body["year"] == 2024
    assert body["licence"] == "CC-BY-4.0"
    assert response.headers["location"] == f"/api/v1/clauses/{body['id']}"


def test_theme_is_derived_from_subtheme(client: TestClient, session: Session) -> None:
    headers = auth(session, Role.moderator)
    response = client.post(
        "/api/v1/clauses", json=clause_payload(themes=[], subthemes=["5.3", "7.5"]), headers=headers
    )
    assert response.status_code == 201, response.text
    assert response.json()["themes"] == ["5", "7"]


def test_translations_are_stored_with_their_kind(client: TestClient, session: Session) -> None:
    payload = clause_payload(
        translations=[
            {
                "language": "fr",
                "title": "Préavis",
                "text": "1. L'employeur informe...",
                "kind": "official",
            },
            {"language": "ES", "title": "Preaviso", "text": "1. El empleador informa..."},
        ]
    )
    response = client.post("/api/v1/clauses", json=payload, headers=auth(session, Role.moderator))
    assert response.status_code == 201, response.text
    translations = {t["language"]: t["kind"] for t in response.json()["translations"]}
    assert translations == {"fr": "official", "es": "community"}


def test_moderator_may_publish_at_creation(client: TestClient, session: Session) -> None:
    response = client.post(
        "/api/v1/clauses",
        json=clause_payload(status="published"),
        headers=auth(session, Role.moderator),
    )
    assert response.status_code == 201
    assert response.json()["status"] == "published"
    assert response.json()["published_at"] is not None


def test_contributor_may_not_publish_at_creation(client: TestClient, session: Session) -> None:
    union = make_affiliate(session)
    response = client.post(
        "/api/v1/clauses",
        json=clause_payload(status="published"),
        headers=auth(session, Role.contributor, union),
    )
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"
    assert count_clauses(session) == 0


def test_anonymous_write_is_refused_with_401(client: TestClient, session: Session) -> None:
    response = client.post("/api/v1/clauses", json=clause_payload())
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert count_clauses(session) == 0


def test_unknown_key_is_refused_with_401(client: TestClient, session: Session) -> None:
    headers = {"Authorization": "Bearer cc_deadbeef_not-a-real-key"}
    response = client.post("/api/v1/clauses", json=clause_payload(), headers=headers)
    assert response.status_code == 401
    assert count_clauses(session) == 0


def test_duplicate_external_id_is_a_409(client: TestClient, session: Session) -> None:
    headers = auth(session, Role.moderator)
    first = client.post(
        "/api/v1/clauses", json=clause_payload(external_id="ph-2024-12"), headers=headers
    )
    assert first.status_code == 201
    second = client.post(
        "/api/v1/clauses", json=clause_payload(external_id="ph-2024-12"), headers=headers
    )
    assert second.status_code == 409
    assert second.json()["errors"][0]["field"] == "external_id"
    assert count_clauses(session) == 1
