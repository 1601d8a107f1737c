"""The API answers in the reader's language: taxonomy labels, problems, Content-Language."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.affiliates.models import Role
from app.settings import PROJECT_ROOT
from app.taxonomy.loader import load_taxonomy
from tests.builders.clauses import auth, clause_payload, drain

ENGLISH = load_taxonomy(PROJECT_ROOT / "seed" / "taxonomy")


def _concepts(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for theme in body["themes"] for c in (theme, *theme["subthemes"])]


@pytest.mark.parametrize(
    ("query", "headers", "language"),
    [
        ("?lang=fr", {}, "fr"),
        ("", {"Accept-Language": "es"}, "es"),
        ("?lang=pt-BR", {}, "pt"),
        ("", {"Accept-Language": "ja"}, "ja"),
    ],
)
def test_taxonomy_labels_every_theme_and_subtheme_in_the_readers_language(
    client: TestClient, query: str, headers: dict[str, str], language: str
) -> None:
    response = client.get(f"/api/v1/taxonomy{query}", headers=headers)
    assert response.status_code == 200
    assert response.headers["content-language"] == language
    concepts = _concepts(response.json())
    assert len(concepts) == 7 + 31
    english_left = [
        c["code"]
        for c in concepts
        if c["label"] == ENGLISH.label(c["code"])
        or c["description"] == ENGLISH.description(c["code"])
    ]
    assert english_left == []


def test_japanese_taxonomy_labels_are_written_in_japanese(client: TestClient) -> None:
    body = client.get("/api/v1/taxonomy", headers={"Accept-Language": "ja"}).json()
    assert all(not c["label"].isascii() for c in _concepts(body))


def test_invalid_clause_asked_in_french_gets_french_title_and_field_messages(
    client: TestClient, session: Session
) -> None:
    payload = clause_payload(title="", kind="agreement", year=1492, unexpected=True)
    response = client.post(
        "/api/v1/clauses?lang=fr", json=payload, headers=auth(session, Role.moderator)
    )
    assert response.status_code == 422
    body = response.json()
    assert body["title"] == "Données non valides"
    messages = {e["field"]: e["message"] for e in body["errors"]}
    assert messages == {
        "title": "ne peut pas être vide",
        "kind": "doit valoir 'negotiated' ou 'model'",
        "year": "doit être supérieur ou égal à 1900",
        "unexpected": "n'est pas un champ de cette requête",
    }
    assert "title\u00a0: ne peut pas être vide" in body["detail"]
    assert response.headers["content-language"] == "fr"


def test_our_own_rules_answer_in_french_too(client: TestClient, session: Session) -> None:
    payload = clause_payload(themes=["8"], lifecycle=["deletion"])
    response = client.post(
        "/api/v1/clauses?lang=fr", json=payload, headers=auth(session, Role.moderator)
    )
    assert response.status_code == 422
    messages = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert messages == {
        "themes[0]": "code de thème inconnu\u00a0: «\u00a08\u00a0»",
        "lifecycle[0]": "phase du cycle de vie des données inconnue\u00a0: «\u00a0deletion\u00a0»",
    }


def test_filter_errors_follow_accept_language(client: TestClient) -> None:
    response = client.get("/api/v1/clauses?theme=9", headers={"Accept-Language": "es-MX"})
    assert response.status_code == 422
    assert response.json()["title"] == "Datos no válidos"
    assert response.json()["errors"] == [
        {"field": "theme[0]", "message": "código de tema desconocido: «9»"}
    ]


def test_problem_without_a_language_choice_stays_english(client: TestClient) -> None:
    body = client.get("/api/v1/clauses?page=0").json()
    assert body["title"] == "Invalid input"
    assert body["errors"] == [{"field": "page", "message": "must be 1 or more"}]


def test_lang_parameter_beats_cookie_which_beats_accept_language(client: TestClient) -> None:
    client.cookies.set("commons_lang", "pt")
    try:
        by_cookie = client.get("/api/v1/clauses?page=0", headers={"Accept-Language": "es"})
        by_lang = client.get("/api/v1/clauses?page=0&lang=fr", headers={"Accept-Language": "es"})
    finally:
        client.cookies.clear()
    assert by_cookie.json()["title"] == "Dados inválidos"
    assert by_cookie.headers["content-language"] == "pt"
    assert by_lang.json()["title"] == "Données non valides"


def test_search_answers_in_the_language_of_the_front_ends_cookie(client: TestClient) -> None:
    client.cookies.set("commons_lang", "fr")
    try:
        response = client.get("/api/v1/search", headers={"Accept-Language": "es"})
    finally:
        client.cookies.clear()
    assert response.json()["language"] == "fr"
    assert response.headers["content-language"] == "fr"


def test_problem_in_a_language_without_messages_falls_back_to_english(
    client: TestClient,
) -> None:
    response = client.get("/api/v1/clauses/c-doesnotexist?lang=ja")
    assert response.status_code == 404
    assert response.json()["title"] == "Not found"
    assert response.headers["content-language"] == "en"


def test_unknown_address_is_a_problem_in_the_readers_language(client: TestClient) -> None:
    response = client.get("/api/v1/nowhere", headers={"Accept-Language": "pt-PT"})
    assert response.status_code == 404
    assert response.json() == {
        "type": "about:blank",
        "title": "Não encontrado",
        "status": 404,
        "detail": "não há nada neste endereço",
    }


@pytest.mark.parametrize(
    ("path", "headers", "language"),
    [
        ("/health/live", {}, "en"),
        ("/health/live", {"Accept-Language": "fr-CA, en;q=0.5"}, "fr"),
        ("/api/v1/clauses", {"Accept-Language": "es"}, "es"),
        ("/api/v1/clauses?lang=pt", {}, "pt"),
        ("/api/v1/taxonomy?lang=zh-CN", {}, "zh-Hans"),
        ("/api/v1/search?lang=ko", {}, "ko"),
        ("/openapi.json", {"Accept-Language": "de"}, "en"),
    ],
)
def test_every_response_says_its_language(
    client: TestClient, path: str, headers: dict[str, str], language: str
) -> None:
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-language"] == language


def test_search_facets_label_the_kind_of_clause(client: TestClient, session: Session) -> None:
    moderator = auth(session, Role.moderator)
    client.post("/api/v1/clauses", json=clause_payload(status="published"), headers=moderator)
    drain(client)
    facets = client.get("/api/v1/search?lang=es").json()["facets"]
    assert facets["kind"] == [{"value": "negotiated", "label": "Cláusula negociada", "count": 1}]
    assert facets["region"][0]["label"] == "Asia y el Pacífico"
