"""A contributor and a moderator in Chromium: contribute → submit → moderate → publish; a
rejection with its reason, fixed and sent again; a bulk upload and its report."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import FilePayload, Page, expect

from tests.builders.clauses import clause_payload
from tests.web.browser.conftest import MODERATOR_LOGIN, Site, Watched, screenshot, sign_in

# The seeded "notice" clause says this too: the moderator must be told.
SAME_TEXT = str(clause_payload()["text"])


def _contribute(site: Site, page: Page, title: str, text: str) -> str:
    """Fill the whole form (a translation too), save it, submit it; the clause's path."""
    page.goto(f"{site.url}/contribute")
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Text of the clause").fill(text)
    page.get_by_label("Signed-in affiliates only").check()
    page.get_by_label("Unions").fill("Example Health Workers Union")
    page.get_by_label("Title of the agreement").fill("Example Hospital CBA 2024")
    page.get_by_label("Signed", exact=True).fill("2024-03-01")
    page.get_by_label("Keywords").fill("monitoring, notice")
    page.get_by_text("6. ").first.click()
    page.get_by_label("6.1", exact=False).check()
    page.get_by_label("Language of translation 1").select_option("fr")
    page.get_by_label("Title of translation 1").fill("Préavis")
    page.get_by_label("Text of translation 1").fill("L'employeur prévient le syndicat.")
    page.get_by_role("button", name="Save as draft").click()
    page.wait_for_url("**/clauses/c-*")
    expect(page.locator("p.notice")).to_contain_text("saved")
    path = urlsplit(page.url).path
    page.get_by_role("button", name="Submit for moderation").click()
    page.wait_for_url(f"**{path}?done=submitted")
    return path


def _open_review(site: Site, page: Page, title: str) -> None:
    sign_in(site, page, MODERATOR_LOGIN)
    page.get_by_role("link", name="Moderate").click()
    page.wait_for_url("**/moderate")
    # The queue's own link (its near-duplicate hints may name the same clause).
    page.locator("ol.queue h2").get_by_role("link", name=title).click()
    page.wait_for_url("**/moderate/c-*")


def test_contribute_submit_moderate_publish(site: Site, watched: Watched, second: Watched) -> None:
    contributor, moderator = watched.page, second.page
    sign_in(site, contributor)
    path = _contribute(site, contributor, "Notice before rostering software", SAME_TEXT)
    expect(contributor.locator("p.kind")).to_contain_text("submitted")
    expect(contributor.locator("section.hints")).to_contain_text(
        "Notice before new monitoring software"
    )
    screenshot(contributor, "submitted")

    _open_review(site, moderator, "Notice before rostering software")
    expect(moderator.locator("section.hints")).to_contain_text("100")
    screenshot(moderator, "review")
    moderator.get_by_role("button", name="Publish").click()
    moderator.wait_for_url("**/moderate?done=published")
    expect(moderator.locator("p.notice")).to_contain_text("published")
    screenshot(moderator, "moderation-queue")

    site.index_now()
    contributor.goto(f"{site.url}/search?q=rostering")
    expect(contributor.locator("ol.hits")).to_contain_text("Notice before rostering software")
    contributor.goto(site.url + path)
    expect(contributor.locator("p.kind")).not_to_contain_text("submitted")
    for watched_page in (watched, second):
        assert {urlsplit(u).hostname for u in watched_page.requests} == {"127.0.0.1"}
        assert watched_page.csp_errors == []


def test_reject_with_a_reason_then_fix_and_resubmit(
    site: Site, watched: Watched, second: Watched
) -> None:
    contributor, moderator = watched.page, second.page
    sign_in(site, contributor)
    title = "Breaks away from screens"
    path = _contribute(site, contributor, title, "Workers at screens get ten minutes an hour.")

    _open_review(site, moderator, title)
    moderator.get_by_role("button", name="Reject").click()
    expect(moderator.locator("#reason-error")).to_be_visible()
    expect(moderator.get_by_label("Reason for rejecting")).to_have_attribute("aria-invalid", "true")
    screenshot(moderator, "reject-needs-reason")
    moderator.get_by_label("Reason for rejecting").fill("Say which agreement and article.")
    moderator.get_by_role("button", name="Reject").click()
    moderator.wait_for_url("**/moderate?done=rejected")

    contributor.get_by_role("link", name="My drafts").click()
    item = contributor.locator("ul.drafts li", has_text=title)
    expect(item).to_contain_text("rejected")
    expect(item).to_contain_text("Say which agreement and article.")
    screenshot(contributor, "drafts-rejected")
    item.get_by_role("link", name="Edit").click()
    contributor.wait_for_url(f"**{path}/edit")
    expect(contributor.locator(".reason")).to_contain_text("Say which agreement")
    expect(contributor.get_by_label("Title", exact=True)).to_have_value(title)
    contributor.get_by_label("Article").fill("Article 9")
    contributor.get_by_role("button", name="Save changes").click()
    contributor.wait_for_url(f"**{path}?done=saved")
    contributor.get_by_role("button", name="Submit for moderation").click()
    contributor.wait_for_url(f"**{path}?done=submitted")
    expect(contributor.locator("p.kind")).to_contain_text("submitted")

    moderator.goto(f"{site.url}/moderate{path.removeprefix('/clauses')}")
    expect(moderator.locator("#diff-title")).to_be_visible()
    expect(moderator.locator("ol.history")).to_contain_text("Say which agreement and article.")


def test_upload_shows_progress_then_the_report(site: Site, watched: Watched) -> None:
    page = watched.page
    sign_in(site, page)
    page.goto(f"{site.url}/contribute/upload")
    csv = (
        "external_id,title,text,language,country,subthemes\n"
        "b-1,Uploaded notice,1. Thirty days' notice before cameras are installed.,en,PH,6.1\n"
        "b-2,Uploaded broken row,,en,XX,6.1\n"
    )
    page.get_by_label("File", exact=True).set_input_files(
        files=FilePayload(name="clauses.csv", mimeType="text/csv", buffer=csv.encode())
    )
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url("**/contribute/imports/imp-*")
    expect(page.locator(".job-status")).to_contain_text("waiting")
    site.run_imports()
    # The page refreshes its status region by itself while the job runs.
    expect(page.locator(".job-status")).to_contain_text("done", timeout=10_000)
    expect(page.locator("table.report")).to_contain_text("country")
    screenshot(page, "import-report")
    page.get_by_role("link", name="My drafts").first.click()
    expect(page.locator("ul.drafts")).to_contain_text("Uploaded notice")


def test_review_and_contribute_pages_fit_a_360_px_phone(site: Site, phone: Watched) -> None:
    page = phone.page
    sign_in(site, page, MODERATOR_LOGIN)
    for path in (f"/moderate/{site.clauses['submitted']}", "/contribute", "/moderate"):
        page.goto(site.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    page.goto(f"{site.url}/moderate/{site.clauses['submitted']}")
    screenshot(page, "review-phone")
