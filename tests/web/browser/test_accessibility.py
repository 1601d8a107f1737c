"""axe-core finds no serious or critical accessibility violation on the main pages."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import FilePayload, Page

from tests.web.browser.conftest import AXE, MODERATOR_LOGIN, Site, sign_in

PAGES = (
    "/",
    "/search?q=notice",
    "/themes",
    "/themes/6",
    "/coverage",
    "/compare",
    "/compare?subtheme=6.1",
    "/compare?ids={notice}&ids={telework}&subtheme=6.1",
    "/compare?ids={notice}",
    "/clauses/{notice}",
    "/search?sort=cheapest",
)
CONTRIBUTOR_PAGES = (
    "/contribute",
    "/contribute/drafts",
    "/contribute/upload",
    "/clauses/{draft}/edit",
    "/clauses/{submitted}",
)
MODERATOR_PAGES = ("/moderate", "/moderate/{submitted}")


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


@pytest.mark.parametrize(
    ("login", "path"),
    [("ana", p) for p in CONTRIBUTOR_PAGES] + [(MODERATOR_LOGIN, p) for p in MODERATOR_PAGES],
)
def test_signed_in_page_has_no_serious_violation(
    site: Site, audited: Page, login: str, path: str
) -> None:
    sign_in(site, audited, login)
    audited.goto(site.url + path.format(**site.clauses))
    assert audited.locator("h1").count() == 1
    assert _serious_violations(audited) == []


def test_review_page_with_a_missing_reason_has_no_serious_violation(
    site: Site, audited: Page
) -> None:
    sign_in(site, audited, MODERATOR_LOGIN)
    audited.goto(f"{site.url}/moderate/{site.clauses['submitted']}")
    assert audited.locator("pre.diff .added").count() >= 1
    audited.get_by_role("button", name="Reject").click()
    assert audited.locator("#reason-error").count() == 1
    assert _serious_violations(audited) == []


def test_upload_errors_and_import_report_have_no_serious_violation(
    site: Site, audited: Page
) -> None:
    sign_in(site, audited)
    audited.goto(f"{site.url}/contribute/upload")
    audited.get_by_role("button", name="Upload").click()
    assert audited.locator("#file-error").count() == 1
    assert _serious_violations(audited) == []
    rows = "title,text,language,country\nAudited row,Some text.,en,PH\nBad row,,en,XX\n"
    audited.get_by_label("File", exact=True).set_input_files(
        files=FilePayload(name="audit.csv", mimeType="text/csv", buffer=rows.encode())
    )
    audited.get_by_role("button", name="Upload").click()
    audited.wait_for_url("**/contribute/imports/imp-*")
    site.run_imports()
    audited.reload()
    assert audited.locator("table.report").count() == 1
    assert _serious_violations(audited) == []
