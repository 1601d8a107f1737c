"""The language switcher: a cookie, a safe way back, the whole page in the chosen language."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.web.language import safe_next


def test_switching_sets_the_cookie_and_goes_back(client: TestClient) -> None:
    answer = client.get("/language?lang=es&next=/themes", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/themes"
    assert "commons_lang=es" in answer.headers["set-cookie"]


def test_the_chosen_language_translates_the_page(client: TestClient) -> None:
    client.get("/language?lang=pt&next=/")
    page = client.get("/themes")
    assert '<html lang="pt">' in page.text
    assert "Temas" in page.text


def test_every_complete_language_is_offered(client: TestClient) -> None:
    page = client.get("/")
    for tag in ("en", "fr", "es", "pt"):
        assert f"/language?lang={tag}&amp;next=%2F" in page.text


def test_an_unknown_language_sets_no_cookie(client: TestClient) -> None:
    answer = client.get("/language?lang=xx&next=/", follow_redirects=False)
    assert "set-cookie" not in answer.headers


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "themes", ""]
)
def test_next_outside_the_site_goes_home(target: str) -> None:
    assert safe_next(target) == "/"


def test_next_on_the_site_is_kept() -> None:
    assert safe_next("/search?q=telework&country=PH") == "/search?q=telework&country=PH"
