"""A contributor in Chromium: signs in, fixes a form error, saves a draft, adapts a model."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.web.browser.conftest import Site, Watched, screenshot, sign_in


def test_contributor_saves_a_draft_after_fixing_an_error(site: Site, watched: Watched) -> None:
    page = watched.page
    sign_in(site, page)
    page.goto(f"{site.url}/contribute")
    page.get_by_label("Text of the clause").fill("Rosters are published four weeks ahead.")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.locator("#title-error")).to_be_visible()
    screenshot(page, "contribute-errors")
    page.get_by_label("Title", exact=True).fill("Rosters four weeks ahead")
    page.get_by_text("4. ").first.click()
    page.get_by_label("4.1", exact=False).check()
    page.get_by_role("button", name="Save as draft").click()
    page.wait_for_url("**/clauses/c-*")
    expect(page.locator("p.kind")).to_contain_text("draft")
    page.get_by_role("link", name="My drafts").click()
    expect(page.locator("ul.drafts")).to_contain_text("Rosters four weeks ahead")


def test_contributor_adapts_a_model_clause(site: Site, watched: Watched) -> None:
    page = watched.page
    sign_in(site, page)
    page.goto(f"{site.url}/clauses/{site.clauses['model']}")
    page.get_by_role("button", name="Adapt this model clause for my union").click()
    page.wait_for_url("**/clauses/c-*")
    assert site.clauses["model"] not in page.url
    expect(page.locator("p.kind")).to_contain_text("draft")
