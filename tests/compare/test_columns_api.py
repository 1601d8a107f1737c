"""GET /api/v1/compare/columns: two to four clauses side by side, keywords marked."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.compare.conftest import Desk, disconnection_clauses


def _marked(column: dict[str, Any]) -> list[str]:
    return [p["text"][m["start"] : m["end"]] for p in column["passages"] for m in p["marks"]]


def test_columns_come_in_the_order_asked_with_the_passages_on_the_sub_theme_marked(
    client: TestClient, desk: Desk
) -> None:
    made = disconnection_clauses(desk)
    answer = client.get(f"/api/v1/compare/columns?ids={made['es']},{made['ph_old']}").json()
    assert [c["clause"]["id"] for c in answer["columns"]] == [made["es"], made["ph_old"]]
    assert answer["subthemes"] == ["4.3"]
    spanish, english = answer["columns"]
    assert _marked(spanish) == ["derecho a la desconexión digital"]
    assert [p["mentions"] for p in english["passages"]] == [True, False]
    assert _marked(english) == ["right to disconnect"]


def test_ids_may_be_repeated_instead_of_joined(client: TestClient, desk: Desk) -> None:
    made = disconnection_clauses(desk)
    path = "/api/v1/compare/columns?" + "&".join(
        f"ids={made[k]}" for k in ("fr", "es", "br", "ph_new")
    )
    answer = client.get(path).json()
    assert [c["clause"]["country"] for c in answer["columns"]] == ["FR", "ES", "BR", "PH"]


def test_the_text_is_the_readers_translation_and_its_words_are_marked(
    client: TestClient, desk: Desk
) -> None:
    made = disconnection_clauses(desk)
    answer = client.get(
        f"/api/v1/compare/columns?ids={made['ph_new']}&ids={made['es']}&lang=fr"
    ).json()
    translated = answer["columns"][0]
    assert translated["clause"]["language"] == "fr"
    assert translated["clause"]["translation"] == "official"
    # The French keywords, "astreinte" (on-call duty) among them, not the English ones.
    assert _marked(translated) == ["astreintes", "droit à la déconnexion"]


def test_the_sub_theme_asked_for_sets_the_keywords(client: TestClient, desk: Desk) -> None:
    made = disconnection_clauses(desk)
    both = f"ids={made['other']}&ids={made['ph_old']}"
    # No sub-theme shared: each clause's own are marked.
    shared = client.get(f"/api/v1/compare/columns?{both}").json()
    assert shared["subthemes"] == ["4.3", "6.1"]
    asked = client.get(f"/api/v1/compare/columns?{both}&subtheme=6.1").json()
    assert asked["subthemes"] == ["6.1"]
    assert _marked(asked["columns"][1]) == []


def test_a_model_clause_may_be_compared_with_negotiated_ones(
    client: TestClient, desk: Desk
) -> None:
    made = disconnection_clauses(desk)
    answer = client.get(f"/api/v1/compare/columns?ids={made['model']},{made['fr']}")
    assert [c["clause"]["kind"] for c in answer.json()["columns"]] == ["model", "negotiated"]


def _fields(client: TestClient, path: str, **headers: str) -> list[str]:
    response = client.get(path, headers=headers)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return [error["field"] for error in response.json()["errors"]]


def test_two_to_four_different_published_clauses_or_a_problem_naming_each(
    client: TestClient, desk: Desk
) -> None:
    made = disconnection_clauses(desk)
    one, two = made["fr"], made["es"]
    assert _fields(client, "/api/v1/compare/columns") == ["ids"]
    assert _fields(client, f"/api/v1/compare/columns?ids={one}") == ["ids"]
    five = ",".join(made[k] for k in ("fr", "es", "br", "ph_new", "ph_old"))
    assert _fields(client, f"/api/v1/compare/columns?ids={five}") == ["ids"]
    assert _fields(client, f"/api/v1/compare/columns?ids={one},{two},{one}") == ["ids[2]"]
    assert _fields(client, f"/api/v1/compare/columns?ids={one},c-nothere") == ["ids[1]"]
    assert _fields(client, f"/api/v1/compare/columns?ids={one},{'x' * 65}") == ["ids[1]"]
    assert _fields(client, f"/api/v1/compare/columns?ids={one},{two}&subtheme=9.9") == ["subtheme"]
    # A draft cannot be compared, even by its own affiliate: it is not published.
    draft = f"/api/v1/compare/columns?ids={one},{made['draft']}"
    assert _fields(client, draft, **desk.contributor) == ["ids[1]"]


def test_an_affiliates_only_clause_is_unknown_to_anonymous_readers(
    client: TestClient, desk: Desk
) -> None:
    made = disconnection_clauses(desk)
    inner = desk.published(title="Members' clause", visibility="affiliates", country="FR")
    path = f"/api/v1/compare/columns?ids={made['fr']},{inner}"
    assert _fields(client, path) == ["ids[1]"]
    assert client.get(path, headers=desk.contributor).status_code == 200
