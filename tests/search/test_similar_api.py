"""GET /api/v1/clauses/{id}/similar: closest first, only what the reader may see, no copies."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.affiliates.models import Role
from tests.builders.clauses import auth, clause_payload, drain, make_affiliate

WEARABLES = (
    "Wearable trackers and badges that record location are never issued to staff without the "
    "union's written agreement."
)


def post(client: TestClient, headers: dict[str, str], **overrides: Any) -> str:
    response = client.post("/api/v1/clauses", json=clause_payload(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    clause_id: str = response.json()["id"]
    return clause_id


def similar(client: TestClient, clause_id: str, query: str = "", **options: Any) -> Any:
    response = client.get(f"/api/v1/clauses/{clause_id}/similar?{query}", **options)
    assert response.status_code == 200, response.text
    return response.json()


def test_similar_clauses_are_the_closest_never_the_clause_or_its_copies(
    client: TestClient, session: Session
) -> None:
    moderator = auth(session, Role.moderator)
    source = post(client, moderator, status="published", title="Trackers", text=WEARABLES)
    close = post(client, moderator, status="published", title="Badges", text=WEARABLES + " Ever.")
    copy = post(
        client, moderator, status="published", title="Trackers", text=WEARABLES, country="FR"
    )
    far = post(
        client,
        moderator,
        status="published",
        title="Paid retraining",
        text="Retraining courses happen during paid working hours, planned with the union.",
    )
    hidden = post(
        client,
        moderator,
        status="published",
        title="Wearables",
        text=WEARABLES + " Members only.",
        visibility="affiliates",
    )
    drain(client)
    body = similar(client, source)
    found = [hit["id"] for hit in body["hits"]]
    assert body["clause"] == source
    assert found[0] == close
    assert source not in found
    assert copy not in found  # the same text under another id
    assert hidden not in found
    assert far not in found[:1]
    member = auth(session, Role.contributor, make_affiliate(session))
    assert hidden in [hit["id"] for hit in similar(client, source, headers=member)["hits"]]
    assert similar(client, source, "limit=1")["hits"] == body["hits"][:1]


def test_similar_answers_like_the_search(client: TestClient, session: Session) -> None:
    moderator = auth(session, Role.moderator)
    source = post(client, moderator, status="published", text=WEARABLES, country="PH")
    post(client, moderator, status="published", title="Badges", text=WEARABLES, country="PH")
    drain(client)
    hit = similar(client, source, "lang=es")["hits"][0]
    assert hit["country_name"] == "Filipinas"
    assert "snippet" in hit


def test_a_draft_is_similar_only_for_those_who_see_it(client: TestClient, session: Session) -> None:
    union = make_affiliate(session)
    contributor = auth(session, Role.contributor, union)
    draft = post(client, contributor, text=WEARABLES)
    moderator = auth(session, Role.moderator)
    published = post(client, moderator, status="published", title="Badges", text=WEARABLES)
    drain(client)
    assert client.get(f"/api/v1/clauses/{draft}/similar").status_code == 404
    found = similar(client, draft, headers=contributor)["hits"]
    assert [hit["id"] for hit in found] == [published]


def test_bad_limits_and_unknown_clauses_are_refused(client: TestClient, session: Session) -> None:
    source = post(client, auth(session, Role.moderator), status="published")
    for limit in ("0", "21", "five"):
        response = client.get(f"/api/v1/clauses/{source}/similar?limit={limit}")
        assert response.status_code == 422
        assert response.headers["content-type"].startswith("application/problem+json")
        assert "limit" in response.text
    missing = client.get("/api/v1/clauses/no-such-clause/similar")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
