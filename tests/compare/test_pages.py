"""The /compare page: the chooser, the list to pick from, the columns; and the links to it."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.compare.conftest import Desk, disconnection_clauses


def _headings(html: str, level: int) -> list[str]:
    found = re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", html, flags=re.S)
    return [re.sub(r"<[^>]+>", "", h).strip() for h in found]


def test_without_parameters_the_page_offers_every_sub_theme(client: TestClient) -> None:
    page = client.get("/compare")
    assert page.status_code == 200
    assert '<select id="subtheme" name="subtheme" required>' in page.text
    assert page.text.count("<optgroup") == 7
    assert '<option value="4.3">' in page.text
    assert '<option value="europe">' in page.text


def test_a_sub_theme_lists_its_clauses_by_region_and_country_to_pick_from(
    client: TestClient, desk: Desk
) -> None:
    made = disconnection_clauses(desk)
    page = client.get("/compare?subtheme=4.3")
    assert page.status_code == 200
    regions = _headings(page.text, 2)
    assert regions == ["Asia and Pacific", "Europe", "Inter-America", "No country given"]
    countries = [re.sub(r"\s+\d+ clauses?$", "", h) for h in _headings(page.text, 3)]
    assert countries == ["Philippines", "Spain", "France", "Brazil", "No country given"]
    assert page.text.index(made["ph_new"]) < page.text.index(made["ph_old"])
    for key in ("ph_new", "ph_old", "es", "fr", "br", "nowhere"):
        assert f'<input type="checkbox" name="ids" value="{made[key]}"' in page.text
    for key in ("model", "draft", "other"):
        assert made[key] not in page.text
    assert "original in Spanish" in page.text
    assert 'href="/api/v1/compare/export?subtheme=4.3&amp;format=csv"' in page.text
    assert '<link rel="alternate" type="application/atom+xml" href="/feeds/themes/4.3.atom"' in (
        page.text
    )


def test_the_choosers_all_regions_is_no_filter(client: TestClient, desk: Desk) -> None:
    made = disconnection_clauses(desk)
    page = client.get("/compare?subtheme=4.3&region=")
    assert page.status_code == 200
    assert made["br"] in page.text
    europe = client.get("/compare?subtheme=4.3&region=europe")
    assert made["br"] not in europe.text
    assert made["fr"] in europe.text
    assert '<option value="europe" selected>' in europe.text


def test_the_list_is_in_the_readers_language_with_translations_marked(
    client: TestClient, desk: Desk
) -> None:
    disconnection_clauses(desk)
    page = client.get("/compare?subtheme=4.3", headers={"Accept-Language": "fr"})
    assert '<html lang="fr">' in page.text
    assert _headings(page.text, 2)[0] == "Asie et Pacifique"
    assert "Déconnexion et astreinte" in page.text
    assert "traduction officielle, original en anglais" in page.text
    assert "Mettre côte à côte" in page.text


def test_chosen_clauses_are_shown_in_columns_with_keywords_marked(
    client: TestClient, desk: Desk
) -> None:
    made = disconnection_clauses(desk)
    page = client.get(f"/compare?ids={made['ph_old']}&ids={made['es']}&subtheme=4.3")
    assert page.status_code == 200
    assert 'class="compare-columns cols-2"' in page.text
    assert page.text.count('<section class="compare-column"') == 2
    assert "<mark>right to disconnect</mark>" in page.text
    assert '<p class="passage mentions">' in page.text
    assert '<p class="passage">2. Supervisors do not send messages after 19:00.</p>' in page.text
    assert 'href="/compare?subtheme=4.3"' in page.text  # back to the list
    assert f"/api/v1/compare/export?ids={made['ph_old']}&amp;ids={made['es']}" in page.text


def test_a_clause_text_is_escaped_in_the_columns(client: TestClient, desk: Desk) -> None:
    made = disconnection_clauses(desk)
    script = desk.published(text="<script>alert(1)</script> right to disconnect", country="FR")
    page = client.get(f"/compare?ids={script},{made['fr']}")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>right to disconnect</mark>" in page.text


def test_wrong_choices_get_the_chooser_with_a_message_and_a_422(
    client: TestClient, desk: Desk
) -> None:
    made = disconnection_clauses(desk)
    for path, message in (
        (f"/compare?ids={made['fr']}", "choose from 2 to 4 clauses to compare"),
        ("/compare?ids=c-a,c-b", "no published clause &#39;c-a&#39;"),
        ("/compare?subtheme=9.9", "unknown sub-theme"),
        ("/compare?subtheme=4.3&page=0", "There is no such page of results."),
    ):
        page = client.get(path)
        assert page.status_code == 422, path
        assert 'role="alert"' in page.text, path
        assert message in page.text, path
        assert '<select id="subtheme"' in page.text


def test_coverage_and_theme_pages_link_each_sub_theme_to_its_comparison(
    client: TestClient,
) -> None:
    coverage = client.get("/coverage").text
    theme = client.get("/themes/4").text
    for code in ("4.1", "4.2", "4.3"):
        assert f'href="/compare?subtheme={code}"' in coverage
        assert f'href="/compare?subtheme={code}"' in theme
    assert 'href="/compare"' in client.get("/").text  # in the main menu
