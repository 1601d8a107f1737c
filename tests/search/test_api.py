"""GET /api/v1/search through the HTTP API, on the configured backend (built-in here)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.affiliates.models import Role
from app.search.contract import SearchPage, SearchQuery, SearchUnavailable
from tests.builders.clauses import auth, clause_payload, drain, make_affiliate


def post(client: TestClient, headers: dict[str, str], **overrides: Any) -> dict[str, Any]:
    response = client.post("/api/v1/clauses", json=clause_payload(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def search(client: TestClient, query: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    response = client.get(f"/api/v1/search?{query}", headers=headers or {})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_published_clause_is_found_with_highlight(client: TestClient, session: Session) -> None:
    clause = post(client, auth(session, Role.moderator), status="published")
    drain(client)
    body = search(client, "q=monitoring+software")
    assert [h["id"] for h in body["hits"]] == [clause["id"]]
    hit = body["hits"][0]
    assert "<mark>" in hit["snippet"]
    assert hit["country"] == "PH"
    assert hit["country_name"] == "Philippines"
    assert body["total"] == 1
    assert body["processing_ms"] >= 0


def test_draft_never_leaks_through_search_facets_or_counts(
    client: TestClient, session: Session
) -> None:
    union = make_affiliate(session)
    contributor = auth(session, Role.contributor, union)
    post(client, contributor, title="Secret draft about the quokka sanctuary", country="JP")
    post(client, auth(session, Role.moderator), status="published", country="PH")
    drain(client)
    for headers in ({}, contributor):
        body = search(client, "q=quokka", headers)
        assert body["total"] == 0
        everything = search(client, "", headers)
        assert everything["total"] == 1
        assert [v["value"] for v in everything["facets"]["country"]] == ["PH"]


def test_affiliates_only_clause_is_found_only_when_signed_in(
    client: TestClient, session: Session
) -> None:
    post(client, auth(session, Role.moderator), status="published", visibility="affiliates")
    drain(client)
    assert search(client, "q=monitoring")["total"] == 0
    reader = auth(session, Role.contributor, make_affiliate(session))
    assert search(client, "q=monitoring", reader)["total"] == 1


def test_facets_have_labels_in_the_readers_language(client: TestClient, session: Session) -> None:
    post(
        client,
        auth(session, Role.moderator),
        status="published",
        country="PH",
        subthemes=["4.3"],
        themes=[],
    )
    drain(client)
    body = search(client, "lang=es")
    assert body["facets"]["country"] == [{"value": "PH", "label": "Filipinas", "count": 1}]
    assert body["facets"]["theme"][0]["value"] == "4"
    assert body["facets"]["subtheme"][0]["value"] == "4.3"
    assert body["facets"]["year"] == [{"value": "2024", "label": "2024", "count": 1}]
    fr = search(client, "lang=fr")
    assert fr["facets"]["country"][0]["label"] == "Philippines"
    assert search(client, "lang=ja")["facets"]["country"][0]["label"] == "フィリピン"


def test_unpublishing_and_deleting_remove_from_search(client: TestClient, session: Session) -> None:
    moderator = auth(session, Role.moderator)
    kept = post(client, moderator, status="published")
    gone = post(client, moderator, status="published", title="Another monitoring clause")
    drain(client)
    assert search(client, "q=monitoring")["total"] == 2
    client.delete(f"/api/v1/clauses/{gone['id']}", headers=moderator)
    drain(client)
    assert [h["id"] for h in search(client, "q=monitoring")["hits"]] == [kept["id"]]


def test_clause_text_is_escaped_in_snippets(client: TestClient, session: Session) -> None:
    text = "1. Monitoring <script>alert('x')</script> is forbidden without notice."
    post(client, auth(session, Role.moderator), status="published", text=text)
    drain(client)
    snippet = search(client, "q=monitoring")["hits"][0]["snippet"]
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet


@pytest.mark.parametrize(
    "q",
    ['"unbalanced', "(a OR b) AND NOT c", "*", "-", "title:secret", "🙂 data", "a" * 1000, "\\"],
)
def test_hostile_queries_get_a_sane_answer(client: TestClient, q: str) -> None:
    response = client.get("/api/v1/search", params={"q": q})
    assert response.status_code == 200


def test_overlong_query_is_a_422_naming_q(client: TestClient) -> None:
    response = client.get("/api/v1/search", params={"q": "word " * 2000})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "q"


def test_bad_filter_is_a_422(client: TestClient) -> None:
    response = client.get("/api/v1/search?subtheme=9.9&sort=random")
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert "sort" in fields or "subtheme[0]" in fields


class _DownBackend:
    name = "down"
    in_process = False

    def search(self, query: SearchQuery) -> SearchPage:
        raise SearchUnavailable("connection refused")

    def document_count(self) -> int:
        raise SearchUnavailable("connection refused")

    def upsert(self, documents: list[dict[str, Any]]) -> None:
        raise SearchUnavailable("connection refused")

    def delete(self, ids: list[str]) -> None:
        raise SearchUnavailable("connection refused")


def test_search_down_answers_503_and_writes_still_succeed(
    client: TestClient, session: Session
) -> None:
    indexer = client.app.state.indexer  # type: ignore[attr-defined]
    working = indexer.backend
    indexer.backend = _DownBackend()
    moderator = auth(session, Role.moderator)
    clause = post(client, moderator, status="published")
    assert drain(client) == 0
    response = client.get("/api/v1/search?q=monitoring")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    ready = client.get("/health/ready").json()
    assert ready["status"] == "degraded"
    assert ready["search"]["backlog"] == 1
    indexer.backend = working
    assert drain(client) == 1
    assert [h["id"] for h in search(client, "q=monitoring")["hits"]] == [clause["id"]]
    assert client.get("/health/ready").json()["status"] == "ok"
