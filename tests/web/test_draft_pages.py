"""Drafts on the web: the full clause form, editing, submitting with near-duplicates shown,
withdrawing, each draft's status and the moderator's reason; refusals change nothing."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.affiliates.models import Role
from tests.builders.clauses import auth, clause_payload, make_affiliate
from tests.web.conftest import STORED_SCRIPT, Member, Shelf

FULL_FORM: dict[str, Any] = {
    "title": "Notice before new rostering software",
    "text": "The employer gives ninety days' notice before new rostering software is used.",
    "language": "en",
    "kind": "negotiated",
    "visibility": "affiliates",
    "country": "PH",
    "sector": "health",
    "unions": "Example Nurses Union\nExample Porters Union",
    "employer": "Example Hospital",
    "agreement": "Example Hospital CBA 2024",
    "article": "Article 7",
    "signed_date": "2024-03-01",
    "expiry_date": "2027-02-28",
    "source_url": "https://example.org/cba-2024.pdf",
    "year": "",
    "subthemes": ["6.1"],
    "lifecycle": ["collection"],
    "tags": "rostering, notice",
    "licence": "CC-BY-SA-4.0",
    "translation_language": ["fr", ""],
    "translation_title": ["Préavis avant un logiciel de planning", ""],
    "translation_text": ["L'employeur prévient quatre-vingt-dix jours avant.", ""],
    "translation_kind": ["official", "community"],
}


def _api_clause(client: TestClient, session: Session, clause_id: str) -> dict[str, Any]:
    answer = client.get(f"/api/v1/clauses/{clause_id}", headers=auth(session, Role.moderator))
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


def _contribute(member: Member, **changes: Any) -> str:
    answer = member.post("/contribute", {**FULL_FORM, **changes})
    assert answer.status_code == 303, answer.text
    return str(answer.headers["location"]).split("/clauses/")[1].split("?")[0]


def test_contribute_form_saves_every_field_the_api_accepts(
    member: Member, client: TestClient, session: Session
) -> None:
    member.sign_in()
    clause = _api_clause(client, session, _contribute(member))
    assert clause["status"] == "draft"
    assert clause["visibility"] == "affiliates"
    assert clause["unions"] == ["Example Nurses Union", "Example Porters Union"]
    assert clause["tags"] == ["rostering", "notice"]
    assert clause["licence"] == "CC-BY-SA-4.0"
    assert clause["agreement"] == {
        "title": "Example Hospital CBA 2024",
        "signed_date": "2024-03-01",
        "expiry_date": "2027-02-28",
        "source_url": "https://example.org/cba-2024.pdf",
        "article": "Article 7",
    }
    assert clause["year"] == 2024
    assert [(t["language"], t["kind"]) for t in clause["translations"]] == [("fr", "official")]


def test_bad_fields_are_shown_beside_each_and_nothing_is_saved(
    member: Member, client: TestClient, session: Session
) -> None:
    member.sign_in()
    bad = {
        "source_url": "not a web address",
        "translation_language": ["en"],
        "translation_title": [""],
        "translation_text": ["Texte"],
        "translation_kind": ["community"],
    }
    answer = member.post("/contribute", {**FULL_FORM, **bad})
    assert answer.status_code == 422
    assert 'id="agreement.source_url-error"' in answer.text
    assert 'id="translations.0.title-error"' in answer.text
    assert 'value="not a web address"' in answer.text
    dates = member.post("/contribute", {**FULL_FORM, "expiry_date": "2020-01-01"})
    assert dates.status_code == 422
    assert 'id="agreement.expiry_date-error"' in dates.text
    # The rules that need the taxonomy run once the shapes are right.
    fixed = {**bad, "source_url": "", "translation_title": ["T"], "subthemes": ["9.9"]}
    again = member.post("/contribute", {**FULL_FORM, **fixed})
    assert again.status_code == 422
    assert 'id="translations.0.language-error"' in again.text
    assert 'id="subthemes-error"' in again.text
    drafts = client.get("/api/v1/clauses?status=draft", headers=auth(session, Role.moderator))
    assert drafts.json()["total"] == 0


def test_edit_page_is_prefilled_with_the_draft(member: Member) -> None:
    member.sign_in()
    clause_id = _contribute(member)
    page = member.page(f"/clauses/{clause_id}/edit")
    assert 'value="Notice before new rostering software"' in page
    assert "Example Nurses Union\nExample Porters Union</textarea>" in page
    assert 'value="rostering, notice"' in page
    assert 'value="2024-03-01"' in page
    assert '<option value="CC-BY-SA-4.0" selected>' in page
    assert 'value="6.1" checked' in page
    assert 'value="Préavis avant un logiciel de planning"' in page
    assert 'value="affiliates" checked' in page


def test_editing_saves_the_changes_as_a_new_revision(
    member: Member, client: TestClient, session: Session
) -> None:
    member.sign_in()
    clause_id = _contribute(member)
    path = f"/clauses/{clause_id}/edit"
    changed = {**FULL_FORM, "title": "Ninety days' notice of rostering software", "sector": ""}
    answer = member.post(path, changed)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/clauses/{clause_id}?done=saved"
    assert "Your changes are saved." in member.page(answer.headers["location"])
    clause = _api_clause(client, session, clause_id)
    assert clause["title"] == "Ninety days' notice of rostering software"
    assert clause["sector"] is None
    history = client.get(
        f"/api/v1/clauses/{clause_id}/revisions", headers=auth(session, Role.moderator)
    )
    assert [r["number"] for r in history.json()] == [1, 2]


def test_a_bad_edit_shows_errors_and_changes_nothing(
    member: Member, client: TestClient, session: Session
) -> None:
    member.sign_in()
    clause_id = _contribute(member)
    answer = member.post(f"/clauses/{clause_id}/edit", {**FULL_FORM, "title": "", "year": "soon"})
    assert answer.status_code == 422
    assert 'id="title-error"' in answer.text
    assert 'id="year-error"' in answer.text
    assert _api_clause(client, session, clause_id)["title"] == FULL_FORM["title"]


def test_an_edit_without_the_csrf_token_changes_nothing(
    member: Member, client: TestClient, session: Session
) -> None:
    member.sign_in()
    clause_id = _contribute(member)
    data = {**FULL_FORM, "title": "Changed", "csrf": "forged"}
    answer = member.client.post(f"/clauses/{clause_id}/edit", data=data)
    assert answer.status_code == 403
    assert _api_clause(client, session, clause_id)["title"] == FULL_FORM["title"]


def test_another_union_cannot_see_or_edit_a_draft(
    member: Member, client: TestClient, session: Session, shelf: Shelf
) -> None:
    clause_id = shelf.draft(make_affiliate(session, "Another Union", "FR"))
    member.sign_in()
    assert member.client.get(f"/clauses/{clause_id}/edit").status_code == 404
    answer = member.post(f"/clauses/{clause_id}/edit", {**FULL_FORM}, token_from="/contribute")
    assert answer.status_code == 404
    assert _api_clause(client, session, clause_id)["title"] != FULL_FORM["title"]


def test_submitting_shows_the_near_duplicates(member: Member, shelf: Shelf) -> None:
    public = shelf.published(title="Rostering notice elsewhere", text=FULL_FORM["text"])
    member.sign_in()
    clause_id = _contribute(member)
    answer = member.post(f"/clauses/{clause_id}/submit", {}, token_from="/contribute/drafts")
    assert answer.status_code == 303
    page = member.page(answer.headers["location"])
    assert "Submitted for moderation" in page
    assert 'id="hints-title"' in page
    assert f'href="/clauses/{public}"' in page
    assert "Rostering notice elsewhere" in page
    assert f'action="/clauses/{clause_id}/withdraw"' in page


def test_another_unions_unpublished_duplicate_is_counted_not_named(
    member: Member, client: TestClient, session: Session
) -> None:
    theirs = auth(session, Role.contributor, make_affiliate(session, "Another Union", "FR"))
    payload = clause_payload(title="Secret draft", text=FULL_FORM["text"])
    hidden = client.post("/api/v1/clauses", json=payload, headers=theirs).json()["id"]
    assert client.post(f"/api/v1/clauses/{hidden}/submit", headers=theirs).status_code == 200
    member.sign_in()
    clause_id = _contribute(member)
    answer = member.post(f"/clauses/{clause_id}/submit", {}, token_from="/contribute/drafts")
    page = member.page(answer.headers["location"])
    assert "A clause of another union that is not public yet" in page
    assert hidden not in page
    assert "Secret draft" not in page


def test_submitting_without_the_csrf_token_changes_nothing(
    member: Member, client: TestClient, session: Session
) -> None:
    member.sign_in()
    clause_id = _contribute(member)
    answer = member.client.post(f"/clauses/{clause_id}/submit", data={"csrf": "forged"})
    assert answer.status_code == 403
    assert _api_clause(client, session, clause_id)["status"] == "draft"


def test_withdrawing_makes_a_submitted_clause_a_draft_again(
    member: Member, client: TestClient, session: Session
) -> None:
    member.sign_in()
    clause_id = _contribute(member)
    member.post(f"/clauses/{clause_id}/submit", {}, token_from="/contribute/drafts")
    assert member.client.get(f"/clauses/{clause_id}/edit").status_code == 403
    answer = member.post(f"/clauses/{clause_id}/withdraw", {}, token_from="/contribute/drafts")
    assert answer.status_code == 303
    assert "Withdrawn" in member.page(answer.headers["location"])
    assert _api_clause(client, session, clause_id)["status"] == "draft"


def test_withdrawing_a_draft_is_refused_and_changes_nothing(
    member: Member, client: TestClient, session: Session
) -> None:
    member.sign_in()
    clause_id = _contribute(member)
    answer = member.post(f"/clauses/{clause_id}/withdraw", {}, token_from="/contribute/drafts")
    assert answer.status_code == 409
    assert answer.headers["content-type"].startswith("text/html")
    assert _api_clause(client, session, clause_id)["status"] == "draft"


def test_my_drafts_show_status_steps_and_the_moderators_reason(
    member: Member, client: TestClient, session: Session
) -> None:
    member.sign_in()
    waiting = _contribute(member, title="Waiting clause")
    refused = _contribute(member, title="Refused clause", text="Another text entirely.")
    member.post(f"/clauses/{waiting}/submit", {}, token_from="/contribute/drafts")
    member.post(f"/clauses/{refused}/submit", {}, token_from="/contribute/drafts")
    moderator = auth(session, Role.moderator)
    reason = {"reason": f"Name the agreement's article. {STORED_SCRIPT}"}
    client.post(f"/api/v1/clauses/{refused}/reject", json=reason, headers=moderator)
    page = member.page("/contribute/drafts")
    assert "submitted" in page
    assert "rejected" in page
    assert "The moderator's reason" in page
    assert "Name the agreement&#39;s article. &lt;script&gt;" in page
    assert STORED_SCRIPT not in page
    assert f'action="/clauses/{waiting}/withdraw"' in page
    assert f'action="/clauses/{refused}/submit"' in page
    assert f'href="/clauses/{refused}/edit"' in page
    assert f'href="/clauses/{waiting}/edit"' not in page


def test_draft_pages_need_signing_in(client: TestClient) -> None:
    for path in ("/contribute/drafts", "/clauses/c-anything/edit"):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 303
        assert answer.headers["location"].startswith("/sign-in?next=")
