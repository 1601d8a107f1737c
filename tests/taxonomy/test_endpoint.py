"""GET /api/v1/taxonomy."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.affiliates.models import Role
from tests.builders.clauses import auth, clause_payload


def test_taxonomy_lists_themes_with_published_counts(client: TestClient, session: Session) -> None:
    headers = auth(session, Role.moderator)
    client.post(
        "/api/v1/clauses",
        json=clause_payload(status="published", subthemes=["5.3"], themes=[]),
        headers=headers,
    )
    client.post(
        "/api/v1/clauses", json=clause_payload(subthemes=["5.3"], themes=[]), headers=headers
    )
    response = client.get("/api/v1/taxonomy")
    assert response.status_code == 200
    body = response.json()
    assert len(body["themes"]) == 7
    assert sum(len(t["subthemes"]) for t in body["themes"]) == 31
    theme5 = next(t for t in body["themes"] if t["code"] == "5")
    assert theme5["label"] == "Workers' data rights and protection"
    assert theme5["published_clauses"] == 1
    sub = next(s for s in theme5["subthemes"] if s["code"] == "5.3")
    assert sub["published_clauses"] == 1
    assert [p["code"] for p in body["lifecycle"]] == [
        "collection",
        "analysis",
        "storage",
        "offboarding",
    ]
    assert response.headers["content-language"] == "en"


def test_taxonomy_answers_in_the_asked_language(client: TestClient) -> None:
    response = client.get("/api/v1/taxonomy?lang=fr")
    assert response.headers["content-language"] == "fr"
    theme4 = next(t for t in response.json()["themes"] if t["code"] == "4")
    assert theme4["label"] != "Work-life balance, telework and platform workers' rights"
    assert "télétravail" in theme4["label"].lower()


def test_taxonomy_follows_accept_language_with_fallback(client: TestClient) -> None:
    assert (
        client.get("/api/v1/taxonomy", headers={"Accept-Language": "es-CO,es;q=0.9"}).headers[
            "content-language"
        ]
        == "es"
    )
    assert (
        client.get("/api/v1/taxonomy", headers={"Accept-Language": "xx, tlh;q=0.5"}).headers[
            "content-language"
        ]
        == "en"
    )
