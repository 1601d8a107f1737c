"""The search page: results, highlighted snippets, facets as shareable links, no JavaScript."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import STORED_SCRIPT, Shelf


def test_home_page_is_the_search_page_with_a_labelled_box(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<label for="q">' in page.text
    assert 'method="get"' in page.text


def test_search_shows_a_highlighted_snippet(client: TestClient, shelf: Shelf) -> None:
    shelf.published(title="Telework allowance", text="Staff working from home get an allowance.")
    page = client.get("/search", params={"q": "allowance"})
    assert "Telework allowance" in page.text
    assert "<mark>allowance</mark>" in page.text


def test_stored_script_is_shown_escaped_in_results(client: TestClient, shelf: Shelf) -> None:
    shelf.published(title=f"Notice {STORED_SCRIPT}", text=f"Monitoring notice {STORED_SCRIPT}")
    page = client.get("/search", params={"q": "monitoring"})
    assert STORED_SCRIPT not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_facet_links_keep_the_query_and_other_filters(client: TestClient, shelf: Shelf) -> None:
    shelf.published(country="PH", subthemes=["6.1"])
    shelf.published(country="FR", subthemes=["6.1"])
    page = client.get("/search", params={"q": "notice", "subtheme": "6.1"})
    link = re.search(r'href="(/search\?[^"]*country=FR[^"]*)"', page.text)
    assert link is not None
    href = link.group(1).replace("&amp;", "&")
    assert "q=notice" in href
    assert "subtheme=6.1" in href


def test_filters_in_the_url_narrow_the_results(client: TestClient, shelf: Shelf) -> None:
    shelf.published(title="Philippine clause", country="PH")
    shelf.published(title="French clause", country="FR")
    page = client.get("/search?country=FR")
    assert "French clause" in page.text
    assert "Philippine clause" not in page.text


def test_facets_show_country_names_from_cldr_in_the_reader_language(
    client: TestClient, shelf: Shelf
) -> None:
    shelf.published(country="DE")
    page = client.get("/search", headers={"Accept-Language": "fr"})
    assert "Allemagne" in page.text


def test_selected_facet_is_marked_and_links_back_without_it(
    client: TestClient, shelf: Shelf
) -> None:
    shelf.published(country="PH")
    page = client.get("/search?q=notice&country=PH")
    assert 'href="/search?q=notice" class="facet on" aria-current="true"' in page.text


def test_drafts_never_appear_in_results(client: TestClient, shelf: Shelf) -> None:
    shelf.draft(title="Unfinished draft about notice")
    page = client.get("/search", params={"q": "notice"})
    assert "Unfinished draft" not in page.text


def test_unknown_filter_code_is_a_422_page_naming_it(client: TestClient) -> None:
    page = client.get("/search?theme=99")
    assert page.status_code == 422
    assert "theme" in page.text
    assert page.headers["content-type"].startswith("text/html")


def test_results_are_paginated_with_links_keeping_the_filters(
    client: TestClient, shelf: Shelf
) -> None:
    for number in range(21):
        shelf.published(title=f"Clause number {number}", text=f"Notice text {number}")
    page = client.get("/search?q=notice&country=PH")
    assert 'href="/search?q=notice&amp;country=PH&amp;page=2" rel="next"' in page.text
    second = client.get("/search?q=notice&country=PH&page=2")
    assert second.text.count('<a href="/clauses/') == 1


@pytest.mark.parametrize(
    "params",
    [{"q": "x" * 1001}, {"sort": "cheapest"}, {"page": "0"}, {"page": "many"}],
    ids=["q-too-long", "unknown-sort", "page-zero", "page-not-a-number"],
)
def test_bad_search_parameters_get_an_html_422_page(
    client: TestClient, params: dict[str, str]
) -> None:
    page = client.get("/search", params=params)
    assert page.status_code == 422
    assert page.headers["content-type"].startswith("text/html")
    assert '<p class="error" role="alert">' in page.text
    assert '<form class="search"' in page.text


def test_a_bad_search_page_is_in_the_readers_language(client: TestClient) -> None:
    page = client.get("/search", params={"q": "x" * 1001}, headers={"Accept-Language": "fr"})
    assert page.status_code == 422
    assert page.headers["content-language"] == "fr"
    assert '<html lang="fr">' in page.text
    assert "Rechercher" in page.text
    assert "1\u202f000" in page.text  # the limit, written the French way


def test_a_query_of_exactly_the_limit_is_searched(client: TestClient) -> None:
    assert client.get("/search", params={"q": "x" * 1000}).status_code == 200
