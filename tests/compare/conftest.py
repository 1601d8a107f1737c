"""Clauses on the right to disconnect in several countries, made through the API."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.affiliates.models import Role
from tests.builders.clauses import auth, clause_payload, make_affiliate

DISCONNECT = {"themes": ["4"], "subthemes": ["4.3"], "lifecycle": [], "tags": []}


class Desk:
    """A moderator publishing clauses, and a contributor's affiliate with its own."""

    def __init__(self, client: TestClient, session: Session) -> None:
        self.client = client
        self.moderator = auth(session, Role.moderator)
        self.affiliate = make_affiliate(session, "Example Transport Union", "BR")
        self.contributor = auth(session, Role.contributor, self.affiliate)

    def post(self, headers: dict[str, str], **overrides: Any) -> str:
        payload = clause_payload(**(DISCONNECT | overrides))
        response = self.client.post("/api/v1/clauses", json=payload, headers=headers)
        assert response.status_code == 201, response.text
        clause_id: str = response.json()["id"]
        return clause_id

    def published(self, **overrides: Any) -> str:
        return self.post(self.moderator, status="published", **overrides)


@pytest.fixture
def desk(client: TestClient, session: Session) -> Desk:
    return Desk(client, session)


def disconnection_clauses(desk: Desk) -> dict[str, str]:
    """Six published negotiated clauses in four countries of three regions, and one each of
    what a comparison leaves out: a model clause, a draft, a clause on another sub-theme."""
    return {
        "ph_old": desk.published(
            title="After-hours messages",
            text="1. Workers have the right to disconnect after their shift.\n"
            "2. Supervisors do not send messages after 19:00.",
            country="PH",
            year=2019,
        ),
        "ph_new": desk.published(
            title="Disconnection and on-call duty",
            text="Outside on-call duty no worker must answer calls. Disconnecting is no fault.",
            country="PH",
            year=2024,
            translations=[
                {
                    "language": "fr",
                    "title": "Déconnexion et astreinte",
                    "text": "En dehors des astreintes, nul n'est tenu de répondre. "
                    "Le droit à la déconnexion est garanti.",
                    "kind": "official",
                }
            ],
        ),
        "fr": desk.published(
            title="Droit à la déconnexion",
            text="Les agents ont droit à la déconnexion en dehors de leurs horaires.",
            language="fr",
            country="FR",
            year=2022,
        ),
        "es": desk.published(
            title="Desconexión digital",
            text="Se reconoce el derecho a la desconexión digital fuera del horario.",
            language="es",
            country="ES",
            year=2023,
        ),
        "br": desk.published(
            title="Direito à desconexão",
            text="O trabalhador tem direito à desconexão fora da jornada.",
            language="pt",
            country="BR",
            year=2021,
        ),
        "nowhere": desk.published(
            title="Quiet hours", text="No emails at night.", country=None, year=2020
        ),
        "model": desk.published(
            title="Model right to disconnect", text="Model text.", kind="model", country=None
        ),
        "draft": desk.post(desk.contributor, title="Draft on disconnection", country="BR"),
        "other": desk.published(
            title="Notice before monitoring", text="Sixty days' notice.", subthemes=["6.1"],
            themes=["6"], country="PH",
        ),
    }  # fmt: skip
