"""A negotiator in Chromium: picks a sub-theme, chooses clauses, reads them side by side."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session

from app.affiliates.keys import create_key
from app.affiliates.models import Role
from tests.builders.clauses import clause_payload
from tests.web.browser.conftest import Site, Watched, call_api, screenshot, watch

EQUAL_PAY_COUNTRIES = ("AR", "CL", "KE", "SE", "JP")
DESKTOP, PHONE = 1280, 375


@pytest.fixture(scope="module")
def equal_pay(site: Site) -> list[str]:
    """Five published clauses on 2.1 in five countries: more than a comparison takes."""
    with Session(site.app.state.engine) as session:
        _, key = create_key(session, Role.moderator, None)
        session.commit()
    ids = []
    for country in EQUAL_PAY_COUNTRIES:
        payload = clause_payload(
            status="published",
            title=f"Equal pay review ({country})",
            text="Equal pay for women and men is reviewed each year.\nGaps close within a year.",
            country=country,
            themes=["2"],
            subthemes=["2.1"],
            lifecycle=[],
            tags=[],
        )
        ids.append(call_api(site.url, key, "POST", "/clauses", payload)["id"])
    return ids


def _sized(browser: Browser, width: int, language: str) -> Iterator[Watched]:
    context = browser.new_context(
        viewport={"width": width, "height": 800}, is_mobile=width < 500, locale=language
    )
    yield watch(context)
    context.close()


@pytest.fixture(params=[(DESKTOP, "en"), (PHONE, "en"), (DESKTOP, "fr"), (PHONE, "fr")])
def sized(browser: Browser, request: pytest.FixtureRequest) -> Iterator[tuple[Watched, int, str]]:
    """A page at desktop or phone width, reading in English or in French."""
    width, language = request.param
    for watched in _sized(browser, width, language):
        yield watched, width, language


def _no_sideways_scroll(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_reader_goes_from_sub_theme_to_columns(site: Site, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{site.url}/compare")
    page.get_by_label("Sub-theme").select_option("6.1")
    page.get_by_role("button", name="Compare across countries").click()
    page.wait_for_url("**/compare?subtheme=6.1**")
    expect(page.get_by_role("heading", level=2)).to_have_text(
        ["Asia and Pacific", "Europe", "Inter-America"]
    )
    page.get_by_label("Notice before new monitoring software").check()
    page.get_by_label("Monitoring rules").check()
    page.get_by_role("button", name="Put side by side").click()
    page.wait_for_url("**ids=**")
    columns = page.locator(".compare-column")
    expect(columns).to_have_count(2)
    expect(columns.nth(1).locator("mark")).to_have_text(["Monitoring"])
    expect(columns.nth(1).locator(".passage.mentions")).to_have_count(1)
    assert page.evaluate("window.__xss") is None  # the stored script stayed text
    assert watched.csp_errors == []
    assert all(url.startswith(site.url) for url in watched.requests)


def test_the_list_is_usable_with_the_keyboard_alone(site: Site, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{site.url}/compare?subtheme=6.1")
    boxes = page.locator('input[name="ids"]')
    boxes.first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # past the clause's own link
    page.keyboard.press("Tab")
    expect(boxes.nth(1)).to_be_focused()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Put side by side").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**ids=**")
    expect(page.locator(".compare-column")).to_have_count(2)


def test_once_four_are_chosen_the_others_wait(
    site: Site, watched: Watched, equal_pay: list[str]
) -> None:
    page = watched.page
    page.goto(f"{site.url}/compare?subtheme=2.1")
    boxes = page.locator('input[name="ids"]')
    expect(boxes).to_have_count(len(EQUAL_PAY_COUNTRIES))
    for index in range(4):
        boxes.nth(index).check()
    expect(boxes.nth(4)).to_be_disabled()
    boxes.nth(0).uncheck()
    expect(boxes.nth(4)).to_be_enabled()
    boxes.nth(4).check()
    page.get_by_role("button", name="Put side by side").click()
    page.wait_for_url("**ids=**")
    expect(page.locator(".compare-column")).to_have_count(4)


def test_columns_sit_side_by_side_on_a_desktop_and_stack_on_a_phone(
    site: Site, sized: tuple[Watched, int, str], equal_pay: list[str]
) -> None:
    watched, width, language = sized
    page = watched.page
    page.goto(f"{site.url}/language?lang={language}&next=/compare")
    ids = "&".join(f"ids={i}" for i in equal_pay[:4])
    page.goto(f"{site.url}/compare?{ids}&subtheme=2.1")
    assert page.get_attribute("html", "lang") == language
    heading = {"en": "Side by side", "fr": "Côte à côte"}[language]
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    boxes = [page.locator(".compare-column").nth(i).bounding_box() for i in range(4)]
    assert all(box is not None for box in boxes)
    tops = [round(box["y"]) for box in boxes if box]
    lefts = [round(box["x"]) for box in boxes if box]
    if width == DESKTOP:
        assert len(set(tops)) == 1  # one row of four
        assert lefts == sorted(lefts)
        assert len(set(lefts)) == 4
    else:
        assert tops == sorted(tops)
        assert len(set(tops)) == 4  # one above the other
        assert len(set(lefts)) == 1
    assert all(box["x"] + box["width"] <= width for box in boxes if box)
    expect(page.locator("mark").first).to_be_visible()
    _no_sideways_scroll(page, width)
    screenshot(page, f"compare-columns-{width}-{language}")
    page.goto(f"{site.url}/compare?subtheme=2.1")
    _no_sideways_scroll(page, width)
    screenshot(page, f"compare-list-{width}-{language}")
