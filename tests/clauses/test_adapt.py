"""An affiliate starts a draft from a model clause, keeping the link to it."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.affiliates.models import Role
from tests.builders.clauses import auth, clause_payload, make_affiliate


def test_adapting_a_model_clause_makes_a_linked_draft(client: TestClient, session: Session) -> None:
    moderator = auth(session, Role.moderator)
    model = client.post(
        "/api/v1/clauses",
        json=clause_payload(
            kind="model",
            status="published",
            country=None,
            translations=[{"language": "fr", "title": "Préavis", "text": "1. ..."}],
        ),
        headers=moderator,
    ).json()
    union = make_affiliate(session, "Sindicato de Ejemplo", "CO")
    own = auth(session, Role.contributor, union)
    response = client.post(f"/api/v1/clauses/{model['id']}/adapt", headers=own)
    assert response.status_code == 201, response.text
    draft = response.json()
    assert draft["status"] == "draft"
    assert draft["kind"] == "negotiated"
    assert draft["adapted_from"] == model["id"]
    assert draft["attribution"]["name"] == "Sindicato de Ejemplo"
    assert (draft["country"], draft["region"]) == ("CO", "interamerica")
    assert draft["subthemes"] == model["subthemes"]
    assert [t["language"] for t in draft["translations"]] == ["fr"]
    assert client.get(f"/api/v1/clauses/{draft['id']}").status_code == 404


def test_a_negotiated_clause_cannot_be_adapted(client: TestClient, session: Session) -> None:
    moderator = auth(session, Role.moderator)
    clause = client.post(
        "/api/v1/clauses", json=clause_payload(status="published"), headers=moderator
    ).json()
    own = auth(session, Role.contributor, make_affiliate(session))
    assert client.post(f"/api/v1/clauses/{clause['id']}/adapt", headers=own).status_code == 409
