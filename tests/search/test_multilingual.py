"""Finding clauses across languages, and reading them in one's own."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.affiliates.models import Role
from tests.builders.clauses import auth, clause_payload, drain

# A French clause on 4.3 that never says "déconnexion" nor "disconnect".
FRENCH_43 = clause_payload(
    title="Soirées et fins de semaine sans sollicitation",
    text="1. Aucun agent n'est tenu de lire ni de répondre aux messages professionnels entre "
    "19 heures et 7 heures, ni pendant ses congés.\n2. Les outils de messagerie diffèrent "
    "l'envoi des messages rédigés pendant ces plages.",
    language="fr",
    country="FR",
    themes=[],
    subthemes=["4.3"],
    lifecycle=[],
    status="published",
)


@pytest.mark.parametrize(
    "query",
    [
        "right to disconnect",
        "derecho a la desconexión",
        "つながらない権利",
        "droit a la deconnexion",
    ],
)
def test_concept_in_any_language_finds_a_french_clause_about_it(
    client: TestClient, session: Session, query: str
) -> None:
    clause = client.post(
        "/api/v1/clauses", json=FRENCH_43, headers=auth(session, Role.moderator)
    ).json()
    drain(client)
    body = client.get("/api/v1/search", params={"q": query}).json()
    assert [hit["id"] for hit in body["hits"]] == [clause["id"]], query


def test_hit_shows_the_readers_translation_marked_with_its_kind(
    client: TestClient, session: Session
) -> None:
    payload = {
        **FRENCH_43,
        "translations": [
            {
                "language": "en",
                "title": "Evenings and weekends left alone",
                "text": "1. No officer...",
                "kind": "machine",
            }
        ],
    }
    client.post("/api/v1/clauses", json=payload, headers=auth(session, Role.moderator))
    drain(client)
    english = client.get("/api/v1/search", params={"q": "evenings", "lang": "en"}).json()["hits"][0]
    assert english["title"] == FRENCH_43["title"]
    assert english["language"] == "fr"
    assert english["translation"] == {
        "language": "en",
        "title": "Evenings and weekends left alone",
        "kind": "machine",
    }
    assert english["matched_language"] == "en"
    french = client.get("/api/v1/search", params={"q": "soirées", "lang": "fr"}).json()["hits"][0]
    assert french["translation"] is None
    assert french["matched_language"] == "fr"


def test_concept_match_ranks_below_a_clause_saying_it_in_the_query_language(
    client: TestClient, session: Session
) -> None:
    moderator = auth(session, Role.moderator)
    french = client.post("/api/v1/clauses", json=FRENCH_43, headers=moderator).json()
    spanish = client.post(
        "/api/v1/clauses",
        json={**FRENCH_43, "language": "es", "country": "CO", "title": "Jornada y descanso",
              "text": "1. Se reconoce el derecho a la desconexión digital fuera del horario."},
        headers=moderator,
    ).json()  # fmt: skip
    drain(client)
    hits = client.get("/api/v1/search", params={"q": "derecho a la desconexión"}).json()["hits"]
    assert [h["id"] for h in hits] == [spanish["id"], french["id"]]
