"""A feed asked for with a wrong code or search is a problem document naming what to fix."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/feeds/themes/99.atom", "theme[0]"),
        ("/feeds/themes/6.99.atom", "subtheme[0]"),
        ("/feeds/themes/six.atom", "theme[0]"),
        ("/feeds/countries/XX.atom", "country[0]"),
        ("/feeds/clauses.atom?theme=42", "theme[0]"),
        ("/feeds/clauses.atom?region=MARS", "region[0]"),
        ("/feeds/clauses.atom?year_from=1200", "year_from"),
        ("/feeds/clauses.atom?q=" + "a" * 1001, "q"),
    ],
)
def test_bad_input_is_a_422_problem_naming_the_field(
    client: TestClient, path: str, field: str
) -> None:
    response = client.get(path)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert field in [error["field"] for error in response.json()["errors"]]


def test_an_address_that_is_no_feed_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/feeds/unions.atom")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
