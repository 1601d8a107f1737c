"""axe-core finds no serious or critical accessibility violation on the main pages."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.web.browser.conftest import AXE, Site, sign_in

PAGES = ("/", "/search?q=notice", "/themes", "/themes/6", "/coverage", "/clauses/{notice}")


def _serious_violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate("axe.run(document)")
    assert result["passes"], "axe-core ran no check"
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_accessibility_violation(site: Site, audited: Page, path: str) -> None:
    audited.goto(site.url + path.format(**site.clauses))
    assert _serious_violations(audited) == []


def test_contribute_form_with_errors_has_no_serious_violation(site: Site, audited: Page) -> None:
    sign_in(site, audited)
    audited.goto(f"{site.url}/contribute")
    audited.get_by_role("button", name="Save as draft").click()
    assert audited.locator(".field-error").count() >= 1
    assert _serious_violations(audited) == []
