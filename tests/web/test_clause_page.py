"""The clause page: text, translations, metadata, licence, citation, similar clauses."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import STORED_SCRIPT, Shelf

FRENCH = {"language": "fr", "title": "Préavis", "text": "Texte en français.", "kind": "official"}


def test_clause_page_shows_text_translation_and_licence(client: TestClient, shelf: Shelf) -> None:
    clause_id = shelf.published(translations=[FRENCH])
    page = client.get(f"/clauses/{clause_id}")
    assert page.status_code == 200
    assert "sixty days" in page.text
    assert 'href="#translation-fr"' in page.text
    assert "Texte en français." in page.text
    assert "CC-BY-4.0" in page.text


def test_clause_page_has_a_citation_and_a_permalink(client: TestClient, shelf: Shelf) -> None:
    clause_id = shelf.published()
    page = client.get(f"/clauses/{clause_id}")
    assert '<pre class="citation">' in page.text
    assert f"http://testserver/clauses/{clause_id}" in page.text


def test_clause_page_links_similar_clauses(client: TestClient, shelf: Shelf) -> None:
    first = shelf.published(subthemes=["5.2"])
    second = shelf.published(title="Another on the same", subthemes=["5.2"])
    page = client.get(f"/clauses/{first}")
    assert "Similar clauses" in page.text
    assert f'href="/clauses/{second}"' in page.text
    assert f'href="/clauses/{first}"' not in page.text.split("Similar clauses")[1]


def test_draft_clause_page_is_not_found(client: TestClient, shelf: Shelf) -> None:
    clause_id = shelf.draft()
    assert client.get(f"/clauses/{clause_id}").status_code == 404


def test_unknown_clause_page_is_an_html_404(client: TestClient) -> None:
    page = client.get("/clauses/c-doesnotexist")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")


def test_stored_script_in_a_clause_is_escaped(client: TestClient, shelf: Shelf) -> None:
    clause_id = shelf.published(title=f"T {STORED_SCRIPT}", text=f"Body {STORED_SCRIPT}")
    page = client.get(f"/clauses/{clause_id}")
    assert STORED_SCRIPT not in page.text
    assert "Body &lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_signed_date_is_formatted_in_the_reader_locale(client: TestClient, shelf: Shelf) -> None:
    clause_id = shelf.published()
    page = client.get(f"/clauses/{clause_id}", headers={"Accept-Language": "fr"})
    assert "1 mars 2024" in page.text
