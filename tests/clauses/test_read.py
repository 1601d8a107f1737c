"""GET /api/v1/clauses and /api/v1/clauses/{id}: who sees what, and the filters."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.affiliates.models import Role
from tests.builders.clauses import auth, clause_payload, make_affiliate


def publish(client: TestClient, headers: dict[str, str], **overrides: Any) -> dict[str, Any]:
    response = client.post(
        "/api/v1/clauses", json=clause_payload(status="published", **overrides), headers=headers
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def ids(response: Any) -> set[str]:
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()["items"]}


def test_anonymous_reader_sees_published_clause(client: TestClient, session: Session) -> None:
    clause = publish(client, auth(session, Role.moderator))
    response = client.get(f"/api/v1/clauses/{clause['id']}")
    assert response.status_code == 200
    assert response.json()["title"] == clause["title"]


def test_draft_is_hidden_from_anonymous_and_other_affiliates(
    client: TestClient, session: Session
) -> None:
    ours, theirs = make_affiliate(session, "Ours", "FR"), make_affiliate(session, "Theirs", "ES")
    own_headers = auth(session, Role.contributor, ours)
    draft = client.post("/api/v1/clauses", json=clause_payload(), headers=own_headers).json()
    assert client.get(f"/api/v1/clauses/{draft['id']}").status_code == 404
    other = auth(session, Role.contributor, theirs)
    assert client.get(f"/api/v1/clauses/{draft['id']}", headers=other).status_code == 404
    assert client.get(f"/api/v1/clauses/{draft['id']}", headers=own_headers).status_code == 200
    assert draft["id"] not in ids(client.get("/api/v1/clauses"))
    assert draft["id"] not in ids(client.get("/api/v1/clauses", headers=other))
    assert draft["id"] in ids(client.get("/api/v1/clauses", headers=own_headers))


def test_affiliates_only_clause_needs_a_signed_in_reader(
    client: TestClient, session: Session
) -> None:
    clause = publish(client, auth(session, Role.moderator), visibility="affiliates")
    assert client.get(f"/api/v1/clauses/{clause['id']}").status_code == 404
    reader = auth(session, Role.contributor, make_affiliate(session))
    assert client.get(f"/api/v1/clauses/{clause['id']}", headers=reader).status_code == 200


def test_list_filters_by_theme_and_subtheme(client: TestClient, session: Session) -> None:
    headers = auth(session, Role.moderator)
    data = publish(client, headers, themes=[], subthemes=["5.3"])
    ai = publish(client, headers, themes=[], subthemes=["6.3"])
    explicit = publish(client, headers, themes=["5"], subthemes=[])
    assert ids(client.get("/api/v1/clauses?theme=5")) == {data["id"], explicit["id"]}
    assert ids(client.get("/api/v1/clauses?subtheme=6.3")) == {ai["id"]}
    assert ids(client.get("/api/v1/clauses?theme=5&theme=6")) == {
        data["id"],
        ai["id"],
        explicit["id"],
    }


def test_list_filters_by_country_region_language_kind_sector_years(
    client: TestClient, session: Session
) -> None:
    headers = auth(session, Role.moderator)
    manila = publish(client, headers, country="PH", agreement={"signed_date": "2021-06-01"})
    lyon = publish(
        client,
        headers,
        country="FR",
        language="fr",
        kind="model",
        year=2019,
        agreement={},
        sector="health",
    )
    bogota = publish(
        client, headers, country="CO", language="es", agreement={"signed_date": "2023-02-01"}
    )
    assert ids(client.get("/api/v1/clauses?country=ph")) == {manila["id"]}
    assert ids(client.get("/api/v1/clauses?region=europe")) == {lyon["id"]}
    assert ids(client.get("/api/v1/clauses?region=interamerica&region=asia-pacific")) == {
        manila["id"],
        bogota["id"],
    }
    assert ids(client.get("/api/v1/clauses?language=es")) == {bogota["id"]}
    assert ids(client.get("/api/v1/clauses?kind=model")) == {lyon["id"]}
    assert ids(client.get("/api/v1/clauses?sector=health")) == {lyon["id"]}
    assert ids(client.get("/api/v1/clauses?year_from=2020&year_to=2022")) == {manila["id"]}
    assert ids(client.get("/api/v1/clauses?year_from=2021")) == {manila["id"], bogota["id"]}


def test_list_paginates_with_exact_total(client: TestClient, session: Session) -> None:
    headers = auth(session, Role.moderator)
    for year in range(2010, 2015):
        publish(client, headers, year=year, agreement={})
    first = client.get("/api/v1/clauses?per_page=2").json()
    third = client.get("/api/v1/clauses?per_page=2&page=3").json()
    assert first["total"] == 5
    assert len(first["items"]) == 2
    assert [c["year"] for c in first["items"]] == [2014, 2013]
    assert [c["year"] for c in third["items"]] == [2010]
