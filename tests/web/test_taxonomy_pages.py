"""The taxonomy browser and the coverage view."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import Shelf


def test_themes_page_lists_every_theme_with_counts(client: TestClient, shelf: Shelf) -> None:
    shelf.published(subthemes=["6.1"])
    page = client.get("/themes")
    for code in range(1, 8):
        assert f'href="/themes/{code}"' in page.text
    assert "1 negotiated" in page.text


def test_theme_page_lists_its_subthemes_and_model_clauses(client: TestClient, shelf: Shelf) -> None:
    model = shelf.published(kind="model", title="Our model on notice", subthemes=["6.1"])
    page = client.get("/themes/6")
    assert 'id="sub-6.1"' in page.text
    assert f'href="/clauses/{model}"' in page.text


def test_unknown_theme_is_not_found(client: TestClient) -> None:
    assert client.get("/themes/99").status_code == 404


def test_coverage_marks_gaps_and_links_won_clauses(client: TestClient, shelf: Shelf) -> None:
    shelf.published(country="PH", subthemes=["6.1"])
    page = client.get("/coverage")
    assert "subtheme=6.1&amp;region=asia-pacific&amp;kind=negotiated" in page.text
    assert 'class="gap"' in page.text


def test_coverage_links_the_model_clause_of_a_subtheme(client: TestClient, shelf: Shelf) -> None:
    model = shelf.published(kind="model", title="Model on data rights", subthemes=["5.2"])
    page = client.get("/coverage")
    assert f'href="/clauses/{model}"' in page.text
