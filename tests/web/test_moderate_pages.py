"""Moderate on the web: the queue with near-duplicate hints, the review page with its revision
diff, publishing, rejecting with a required reason; contributors are refused; bad input
changes nothing."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.affiliates.models import Role
from tests.builders.clauses import auth, clause_payload, drain
from tests.web.conftest import STORED_SCRIPT, Member, Shelf


def _submitted(client: TestClient, session: Session, member: Member, **overrides: Any) -> str:
    """A clause of the member's union, submitted through the API."""
    headers = auth(session, Role.contributor, member.affiliate)
    created = client.post("/api/v1/clauses", json=clause_payload(**overrides), headers=headers)
    assert created.status_code == 201, created.text
    clause_id: str = created.json()["id"]
    assert client.post(f"/api/v1/clauses/{clause_id}/submit", headers=headers).status_code == 200
    return clause_id


def _status(client: TestClient, session: Session, clause_id: str) -> str:
    answer = client.get(f"/api/v1/clauses/{clause_id}", headers=auth(session, Role.moderator))
    status: str = answer.json()["status"]
    return status


def test_moderate_needs_signing_in(client: TestClient) -> None:
    answer = client.get("/moderate", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/sign-in?next=%2Fmoderate"


def test_contributors_are_refused_with_an_html_403(
    member: Member, client: TestClient, session: Session
) -> None:
    clause_id = _submitted(client, session, member)
    member.sign_in()
    for path in ("/moderate", f"/moderate/{clause_id}"):
        page = member.client.get(path)
        assert page.status_code == 403
        assert page.headers["content-type"].startswith("text/html")
    answer = member.post(f"/moderate/{clause_id}/publish", {}, token_from="/contribute/drafts")
    assert answer.status_code == 403
    assert _status(client, session, clause_id) == "submitted"


def test_only_moderators_see_the_moderate_link(member: Member, moderator: Member) -> None:
    member.sign_in()
    assert 'href="/moderate"' not in member.page("/search")
    assert 'href="/moderate"' in moderator.page("/search")


def test_queue_lists_submitted_clauses_oldest_first_with_their_duplicates(
    member: Member, moderator: Member, client: TestClient, session: Session, shelf: Shelf
) -> None:
    published = shelf.published(title="Already published notice")
    first = _submitted(client, session, member, title="First waiting")
    second = _submitted(client, session, member, title="Second waiting", text="Different words.")
    page = moderator.page("/moderate")
    assert page.index(f'href="/moderate/{first}"') < page.index(f'href="/moderate/{second}"')
    assert f'href="/clauses/{published}"' in page
    assert "Already published notice" in page
    assert "Example Health Workers Union" in page


def test_review_page_shows_the_revision_diff(
    member: Member, moderator: Member, client: TestClient, session: Session
) -> None:
    headers = auth(session, Role.contributor, member.affiliate)
    created = client.post("/api/v1/clauses", json=clause_payload(), headers=headers).json()
    change = {"text": "1. The Employer shall give the Union ninety days' written notice."}
    client.patch(f"/api/v1/clauses/{created['id']}", json=change, headers=headers)
    client.post(f"/api/v1/clauses/{created['id']}/submit", headers=headers)
    page = moderator.page(f"/moderate/{created['id']}")
    assert '<span class="added">+1. The Employer shall give the Union ninety days' in page
    assert '<span class="removed">-1. The Employer shall give the Union sixty days' in page
    assert "<code>text</code>" in page
    assert f'action="/moderate/{created["id"]}/publish"' in page
    reversed_diff = moderator.page(f"/moderate/{created['id']}?from=2&to=1")
    assert '<span class="removed">-1. The Employer shall give the Union ninety days' in (
        reversed_diff
    )


def test_review_page_escapes_stored_markup(
    member: Member, moderator: Member, client: TestClient, session: Session
) -> None:
    clause_id = _submitted(client, session, member, title=STORED_SCRIPT, text=STORED_SCRIPT)
    page = moderator.page(f"/moderate/{clause_id}")
    assert STORED_SCRIPT not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_publishing_makes_the_clause_public_and_searchable(
    member: Member, moderator: Member, client: TestClient, session: Session
) -> None:
    clause_id = _submitted(client, session, member, title="Rostering notice to publish")
    path = f"/moderate/{clause_id}"
    answer = moderator.post(f"{path}/publish", {}, token_from=path)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/moderate?done=published"
    assert "The clause is published." in moderator.page(answer.headers["location"])
    assert _status(client, session, clause_id) == "published"
    drain(client)
    assert "Rostering notice to publish" in client.get("/search?q=rostering").text


def test_rejecting_needs_a_reason_and_changes_nothing_without_one(
    member: Member, moderator: Member, client: TestClient, session: Session
) -> None:
    clause_id = _submitted(client, session, member)
    path = f"/moderate/{clause_id}"
    answer = moderator.post(f"{path}/reject", {"reason": "   "}, token_from=path)
    assert answer.status_code == 422
    assert 'id="reason-error"' in answer.text
    assert 'aria-describedby="reason-error"' in answer.text
    too_long = moderator.post(f"{path}/reject", {"reason": "x" * 2001}, token_from=path)
    assert too_long.status_code == 422
    assert 'id="reason-error"' in too_long.text
    assert _status(client, session, clause_id) == "submitted"


def test_rejecting_with_a_reason_shows_it_to_the_union(
    member: Member, moderator: Member, client: TestClient, session: Session
) -> None:
    clause_id = _submitted(client, session, member)
    path = f"/moderate/{clause_id}"
    reason = "Say which agreement this comes from."
    answer = moderator.post(f"{path}/reject", {"reason": reason}, token_from=path)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/moderate?done=rejected"
    assert _status(client, session, clause_id) == "rejected"
    member.sign_in()
    assert reason in member.page("/contribute/drafts")
    assert reason in member.page(f"/clauses/{clause_id}")


def test_deciding_without_the_csrf_token_changes_nothing(
    member: Member, moderator: Member, client: TestClient, session: Session
) -> None:
    clause_id = _submitted(client, session, member)
    for step, data in (("publish", {}), ("reject", {"reason": "No."})):
        answer = moderator.client.post(
            f"/moderate/{clause_id}/{step}", data={**data, "csrf": "forged"}
        )
        assert answer.status_code == 403
    assert _status(client, session, clause_id) == "submitted"


def test_publishing_a_draft_is_a_409_page_and_changes_nothing(
    member: Member, moderator: Member, client: TestClient, session: Session, shelf: Shelf
) -> None:
    clause_id = shelf.draft(member.affiliate)
    path = f"/moderate/{clause_id}"
    page = moderator.page(path)
    assert f'action="{path}/publish"' not in page
    answer = moderator.post(f"{path}/publish", {}, token_from=path)
    assert answer.status_code == 409
    assert answer.headers["content-type"].startswith("text/html")
    assert _status(client, session, clause_id) == "draft"


def test_an_unknown_clause_is_an_html_404(moderator: Member) -> None:
    page = moderator.client.get("/moderate/c-doesnotexist")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
