"""Every page: same-origin links only, the CSP holds, the API and docs are not shadowed."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from app.web.routes import STATIC
from tests.web.conftest import Shelf

ATTRIBUTE = re.compile(r'\b(?:src|href|action)="([^"]*)"')
BUDGET_BYTES = 100_000


def _pages(client: TestClient, shelf: Shelf) -> list[str]:
    clause_id = shelf.published(translations=[{"language": "fr", "title": "T", "text": "X"}])
    urls = ["/", "/search?q=notice", f"/clauses/{clause_id}", "/themes", "/themes/6", "/coverage"]
    return [client.get(url).text for url in urls]


def test_no_page_refers_to_another_host(client: TestClient, shelf: Shelf) -> None:
    for page in _pages(client, shelf):
        for target in ATTRIBUTE.findall(page):
            assert target.startswith(("/", "#", "?")), target
            assert not target.startswith("//"), target


def test_no_page_has_inline_script_or_style(client: TestClient, shelf: Shelf) -> None:
    for page in _pages(client, shelf):
        assert "style=" not in page
        assert "<style" not in page
        assert re.search(r"<script(?![^>]*\bsrc=)", page) is None


@pytest.mark.parametrize("path", ["/docs", "/health/live", "/api/v1/taxonomy", "/openapi.json"])
def test_pages_do_not_shadow_the_api(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 200
    assert "/static/web/commons.css" not in answer.text


def test_static_files_are_served_with_the_csp(client: TestClient) -> None:
    answer = client.get("/static/web/commons.css")
    assert answer.status_code == 200
    assert "script-src 'self'" in answer.headers["content-security-policy"]


def test_css_and_javascript_stay_under_budget() -> None:
    assert sum(p.stat().st_size for p in STATIC.iterdir()) < BUDGET_BYTES
