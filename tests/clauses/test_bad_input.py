"""Bad input: a clear 4xx problem, field by field, and the database unchanged."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.affiliates.models import Role
from tests.builders.clauses import auth, clause_payload
from tests.clauses.test_create import count_clauses

BAD_FIELDS: list[tuple[dict[str, Any], str]] = [
    ({"subthemes": ["5.9"]}, "subthemes[0]"),
    ({"themes": ["8"]}, "themes[0]"),
    ({"lifecycle": ["deletion"]}, "lifecycle[0]"),
    ({"country": "XX"}, "country"),
    ({"country": "Philippines"}, "country"),
    ({"language": "xx"}, "language"),
    ({"language": "english please"}, "language"),
    ({"text": "x" * 50_001}, "text"),
    ({"title": ""}, "title"),
    ({"title": 42}, "title"),
    ({"kind": "agreement"}, "kind"),
    ({"year": "last year"}, "year"),
    ({"year": 1492}, "year"),
    ({"licence": "WTFPL"}, "licence"),
    ({"unexpected": True}, "unexpected"),
    ({"agreement": {"signed_date": "2024-13-01"}}, "agreement.signed_date"),
    ({"agreement": {"signed_date": "2024-05-01", "expiry_date": "2023-01-01"}}, "agreement"),
    ({"agreement": {"source_url": "not a url"}}, "agreement.source_url"),
    ({"translations": [{"language": "en", "title": "t", "text": "x"}]}, "translations[0].language"),
]


@pytest.mark.parametrize(("override", "field"), BAD_FIELDS)
def test_bad_field_is_a_422_naming_the_field(
    client: TestClient, session: Session, override: dict[str, Any], field: str
) -> None:
    response = client.post(
        "/api/v1/clauses", json=clause_payload(**override), headers=auth(session, Role.moderator)
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 422
    assert body["title"]
    assert body["detail"]
    assert field in [e["field"] for e in body["errors"]], body["errors"]
    assert count_clauses(session) == 0


def test_missing_required_fields_are_each_listed(client: TestClient, session: Session) -> None:
    response = client.post("/api/v1/clauses", json={}, headers=auth(session, Role.moderator))
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"title", "text", "language"} <= fields


def test_invalid_json_is_a_422_problem(client: TestClient, session: Session) -> None:
    headers = {**auth(session, Role.moderator), "Content-Type": "application/json"}
    response = client.post("/api/v1/clauses", content=b'{"title": "unterminated', headers=headers)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert count_clauses(session) == 0


def test_unknown_id_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/api/v1/clauses/c-doesnotexist")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("theme=9", "theme[0]"),
        ("subtheme=4.9", "subtheme[0]"),
        ("country=ZZ", "country[0]"),
        ("region=oceania", "region[0]"),
        ("language=klingon", "language[0]"),
        ("kind=other", "kind.0"),
        ("year_from=2020&year_to=2010", "year_to"),
        ("year_from=abc", "year_from"),
        ("per_page=1000", "per_page"),
        ("page=0", "page"),
    ],
)
def test_bad_list_filter_is_a_422_naming_it(client: TestClient, query: str, field: str) -> None:
    response = client.get(f"/api/v1/clauses?{query}")
    assert response.status_code == 422, response.text
    assert field in [e["field"] for e in response.json()["errors"]]
