"""A reader in Chromium: searches, narrows by a facet, reads a clause, switches language."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.web.browser.conftest import Site, Watched, screenshot


def test_search_then_facet_keeps_the_query_in_the_url(site: Site, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{site.url}/")
    page.get_by_label("Words").fill("allowance")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#results")).to_contain_text("Telework allowance")
    screenshot(page, "search")
    page.locator("aside.facets a.facet", has_text="Brazil").click()
    page.wait_for_url("**country=BR**")
    assert "q=allowance" in page.url
    expect(page.locator("a.facet.on")).to_contain_text("Brazil")


def test_typing_swaps_the_results_without_a_page_load(site: Site, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{site.url}/search")
    page.evaluate("window.__samePage = true")
    page.get_by_label("Words").press_sequentially("telework", delay=30)
    expect(page.locator("ol.hits")).to_contain_text("Telework allowance")
    expect(page.locator("ol.hits li")).to_have_count(1)
    assert page.evaluate("window.__samePage") is True
    assert "q=telework" in page.url


def test_clause_page_shows_translation_and_citation(site: Site, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{site.url}/clauses/{site.clauses['notice']}")
    page.get_by_role("link", name="French").click()
    expect(page.locator("#translation-fr")).to_contain_text("soixante jours")
    expect(page.locator("pre.citation")).to_contain_text(site.clauses["notice"])
    screenshot(page, "clause")


def test_language_switch_translates_the_whole_page(site: Site, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{site.url}/themes")
    page.get_by_role("link", name="español").click()
    page.wait_for_url("**/themes")
    assert page.get_attribute("html", "lang") == "es"
    expect(page.get_by_role("heading", level=1)).to_have_text("Temas")
    screenshot(page, "themes-es")
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/themes")
    assert page.get_attribute("html", "lang") == "en"


def test_coverage_page_links_model_clauses(site: Site, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{site.url}/coverage")
    expect(page.get_by_role("link", name="Model notice clause").first).to_be_visible()
    screenshot(page, "coverage")


def test_skip_link_is_the_first_stop_and_leads_to_main(site: Site, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{site.url}/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip")).to_be_focused()
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")


def test_search_page_fits_a_360_px_phone(site: Site, phone: Watched) -> None:
    page = phone.page
    page.goto(f"{site.url}/search?q=monitoring")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "search-phone")


def test_no_request_leaves_localhost_and_no_csp_complaint(site: Site, watched: Watched) -> None:
    page = watched.page
    for path in (
        "/",
        "/search?q=notice",
        f"/clauses/{site.clauses['notice']}",
        "/themes",
        "/themes/6",
        "/coverage",
    ):
        page.goto(f"{site.url}{path}")
        page.wait_for_load_state("networkidle")
    hosts = {urlsplit(url).hostname for url in watched.requests}
    assert hosts == {"127.0.0.1"}
    assert watched.csp_errors == []
