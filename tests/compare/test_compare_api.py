"""GET /api/v1/compare: one sub-theme's published negotiated clauses by region and country."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.compare.conftest import Desk, disconnection_clauses


def _ids(answer: dict[str, Any]) -> list[str]:
    return [
        clause["id"]
        for region in answer["regions"]
        for country in region["countries"]
        for clause in country["clauses"]
    ]


def test_clauses_are_grouped_by_region_then_country_newest_first(
    client: TestClient, desk: Desk
) -> None:
    made = disconnection_clauses(desk)
    answer = client.get("/api/v1/compare?subtheme=4.3").json()
    assert answer["subtheme"] == "4.3"
    assert answer["total"] == 6
    regions = [(r["region"], [c["country"] for c in r["countries"]]) for r in answer["regions"]]
    assert regions == [
        ("asia-pacific", ["PH"]),
        ("europe", ["ES", "FR"]),
        ("interamerica", ["BR"]),
        (None, [None]),
    ]
    assert _ids(answer) == [made[k] for k in ("ph_new", "ph_old", "es", "fr", "br", "nowhere")]
    assert answer["regions"][-1]["label"] == "No country given"


def test_only_published_negotiated_clauses_of_the_sub_theme_appear(
    client: TestClient, desk: Desk
) -> None:
    made = disconnection_clauses(desk)
    shown = set(_ids(client.get("/api/v1/compare?subtheme=4.3").json()))
    assert not shown & {made["model"], made["draft"], made["other"]}
    # Not even to the affiliate whose draft it is: a comparison is of what has been won.
    mine = client.get("/api/v1/compare?subtheme=4.3", headers=desk.contributor).json()
    assert made["draft"] not in _ids(mine)
    models = client.get("/api/v1/compare?subtheme=4.3&kind=model").json()
    assert _ids(models) == [made["model"]]


def test_affiliates_only_clauses_are_shown_to_signed_in_readers_only(
    client: TestClient, desk: Desk
) -> None:
    inner = desk.published(title="Members' clause", visibility="affiliates", country="FR")
    assert inner not in _ids(client.get("/api/v1/compare?subtheme=4.3").json())
    signed_in = client.get("/api/v1/compare?subtheme=4.3", headers=desk.contributor).json()
    assert inner in _ids(signed_in)


def test_the_search_filters_narrow_the_comparison(client: TestClient, desk: Desk) -> None:
    made = disconnection_clauses(desk)
    europe = client.get("/api/v1/compare?subtheme=4.3&region=europe").json()
    assert _ids(europe) == [made["es"], made["fr"]]
    recent = client.get("/api/v1/compare?subtheme=4.3&year_from=2022&country=PH&country=FR")
    assert _ids(recent.json()) == [made["ph_new"], made["fr"]]
    spanish = client.get("/api/v1/compare?subtheme=4.3&language=es").json()
    assert _ids(spanish) == [made["es"]]


def test_each_clause_is_in_the_readers_language_where_a_translation_exists(
    client: TestClient, desk: Desk
) -> None:
    made = disconnection_clauses(desk)
    answer = client.get("/api/v1/compare?subtheme=4.3&lang=fr").json()
    by_id = {c["id"]: c for r in answer["regions"] for g in r["countries"] for c in g["clauses"]}
    translated = by_id[made["ph_new"]]
    assert translated["title"] == "Déconnexion et astreinte"
    assert (translated["language"], translated["original_language"]) == ("fr", "en")
    assert translated["translation"] == "official"
    untranslated = by_id[made["es"]]
    assert (untranslated["language"], untranslated["translation"]) == ("es", None)
    assert untranslated["title"] == "Desconexión digital"
    original = by_id[made["fr"]]
    assert (original["language"], original["translation"]) == ("fr", None)
    assert answer["language"] == "fr"
    assert answer["regions"][0]["label"] == "Asie et Pacifique"
    assert answer["regions"][1]["countries"][0]["name"] == "Espagne"
    english = client.get("/api/v1/compare?subtheme=4.3&lang=en").json()
    assert english["regions"][0]["countries"][0]["clauses"][0]["title"] == (
        "Disconnection and on-call duty"
    )


def test_each_clause_says_where_it_comes_from_and_who_shared_it(
    client: TestClient, desk: Desk
) -> None:
    shared = desk.post(desk.contributor, title="Shared by a union", country="BR")
    assert client.post(f"/api/v1/clauses/{shared}/submit", headers=desk.contributor).is_success
    assert client.post(f"/api/v1/clauses/{shared}/publish", headers=desk.moderator).is_success
    [clause] = client.get("/api/v1/compare?subtheme=4.3").json()["regions"][0]["countries"][0][
        "clauses"
    ]
    assert clause["attribution"] == "Example Transport Union"
    assert clause["url"] == f"/clauses/{shared}"
    assert clause["unions"] == ["Example Public Employees Union"]
    assert (clause["year"], clause["licence"], clause["kind"]) == (2024, "CC-BY-4.0", "negotiated")


def test_pages_split_the_ordered_list(client: TestClient, desk: Desk) -> None:
    made = disconnection_clauses(desk)
    first = client.get("/api/v1/compare?subtheme=4.3&per_page=4").json()
    second = client.get("/api/v1/compare?subtheme=4.3&per_page=4&page=2").json()
    assert (first["total"], second["total"]) == (6, 6)
    assert _ids(first) + _ids(second) == [
        made[k] for k in ("ph_new", "ph_old", "es", "fr", "br", "nowhere")
    ]


def test_a_sub_theme_without_clauses_is_an_empty_comparison(client: TestClient) -> None:
    answer = client.get("/api/v1/compare?subtheme=2.1").json()
    assert (answer["total"], answer["regions"]) == (0, [])


def _problem(client: TestClient, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return [error["field"] for error in response.json()["errors"]]


def test_the_sub_theme_is_required_once_and_must_exist(client: TestClient) -> None:
    assert _problem(client, "/api/v1/compare") == ["subtheme"]
    assert _problem(client, "/api/v1/compare?subtheme=4.3&subtheme=4.1") == ["subtheme"]
    assert _problem(client, "/api/v1/compare?subtheme=4.99") == ["subtheme[0]"]
    assert _problem(client, "/api/v1/compare?subtheme=4.3&region=mars") == ["region[0]"]
    assert _problem(client, "/api/v1/compare?subtheme=4.3&per_page=201") == ["per_page"]
    assert _problem(client, "/api/v1/compare?subtheme=4.3&page=0") == ["page"]
