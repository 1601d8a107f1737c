"""Signing in, CSRF on every form, the Contribute form, adapting a model clause, my drafts."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, Member, Shelf


def test_signing_in_sets_a_signed_httponly_lax_secure_cookie(member: Member) -> None:
    data = {"login": "ana", "password": PASSWORD, "csrf": member.csrf("/sign-in")}
    answer = member.client.post("/sign-in", data=data, follow_redirects=False)
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith("commons_session=")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Secure" in cookie


def test_a_wrong_password_does_not_sign_in(member: Member) -> None:
    data = {"login": "ana", "password": "not the password", "csrf": member.csrf("/sign-in")}
    answer = member.client.post("/sign-in", data=data, follow_redirects=False)
    assert answer.status_code == 400
    assert (
        "set-cookie" not in answer.headers or "commons_session" not in answer.headers["set-cookie"]
    )


def test_a_post_without_the_csrf_token_is_refused(member: Member) -> None:
    data = {"login": "ana", "password": PASSWORD, "csrf": "forged"}
    assert member.client.post("/sign-in", data=data).status_code == 403


def test_a_forged_session_cookie_is_anonymous(member: Member) -> None:
    member.client.cookies.set("commons_session", "eyJ1IjogMX0=.0000", domain="testserver.local")
    answer = member.client.get("/contribute", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/sign-in")


def test_contribute_needs_signing_in(client: TestClient) -> None:
    answer = client.get("/contribute", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/sign-in?next=%2Fcontribute"


def test_contributed_clause_is_a_draft_shown_to_its_affiliate_only(member: Member) -> None:
    member.sign_in()
    data = {
        "csrf": member.csrf("/contribute"),
        "title": "Notice before new rostering software",
        "text": "The employer gives ninety days' notice before new rostering software.",
        "language": "en",
        "country": "PH",
        "subthemes": ["6.1", "1.1"],
    }
    answer = member.client.post("/contribute", data=data, follow_redirects=False)
    assert answer.status_code == 303
    page = answer.headers["location"]
    assert "rostering" in member.client.get("/contribute/drafts").text
    assert member.client.get(page).status_code == 200
    member.client.cookies.delete("commons_session")
    assert member.client.get(page).status_code == 404


def test_invalid_fields_are_reported_one_by_one(member: Member) -> None:
    member.sign_in()
    data = {"csrf": member.csrf("/contribute"), "title": "", "text": "Body", "year": "soon"}
    answer = member.client.post("/contribute", data=data)
    assert answer.status_code == 422
    assert 'id="title-error"' in answer.text
    assert 'id="year-error"' in answer.text
    assert 'aria-describedby="title-error"' in answer.text


def test_an_unknown_subtheme_is_reported_on_its_field(member: Member) -> None:
    member.sign_in()
    data = {
        "csrf": member.csrf("/contribute"),
        "title": "A title",
        "text": "A body of text",
        "language": "en",
        "subthemes": ["9.9"],
    }
    answer = member.client.post("/contribute", data=data)
    assert answer.status_code == 422
    assert 'id="subthemes-error"' in answer.text


def test_adapting_a_model_clause_opens_a_linked_draft(member: Member, shelf: Shelf) -> None:
    model = shelf.published(kind="model", title="Model clause on notice")
    member.sign_in()
    page = member.client.get(f"/clauses/{model}").text
    assert f'action="/clauses/{model}/adapt"' in page
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    assert token is not None
    answer = member.client.post(
        f"/clauses/{model}/adapt", data={"csrf": token.group(1)}, follow_redirects=False
    )
    assert answer.status_code == 303
    assert answer.headers["location"] != f"/clauses/{model}"
    assert "Model clause on notice" in member.client.get("/contribute/drafts").text


def test_signing_out_ends_the_session(member: Member) -> None:
    member.sign_in()
    token = member.csrf("/contribute")
    answer = member.client.post("/sign-out", data={"csrf": token}, follow_redirects=False)
    assert answer.status_code == 303
    assert 'commons_session=""' in answer.headers["set-cookie"]


def test_reading_pages_set_no_cookie(client: TestClient) -> None:
    for path in ("/", "/themes", "/coverage"):
        assert "set-cookie" not in client.get(path).headers


def test_affiliates_only_clauses_are_found_by_signed_in_users_only(
    member: Member, shelf: Shelf
) -> None:
    shelf.published(title="Members-only notice", visibility="affiliates")
    assert "Members-only notice" not in member.client.get("/search?q=notice").text
    member.sign_in()
    assert "Members-only notice" in member.client.get("/search?q=notice").text
