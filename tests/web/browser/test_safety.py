"""A stored script never runs, on the results page or the clause page."""

from __future__ import annotations

from tests.web.browser.conftest import Site, Watched


def test_stored_script_never_runs_in_results(site: Site, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{site.url}/search?q=monitoring")
    page.wait_for_load_state("networkidle")
    assert page.locator("ol.hits").inner_text().count("window.__xss") >= 1
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert watched.dialogs == []


def test_stored_script_never_runs_on_the_clause_page(site: Site, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{site.url}/clauses/{site.clauses['stored_script']}")
    page.wait_for_load_state("networkidle")
    assert "<script>" in page.locator("#original").inner_text()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert watched.dialogs == []
