"""Builders for the page tests: published clauses made through the API, then indexed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.affiliates.models import Affiliate, Role
from app.affiliates.users import create_user
from tests.builders.clauses import auth, clause_payload, drain, make_affiliate

STORED_SCRIPT = "<script>alert(1)</script>"


class Shelf:
    """Makes clauses the way a moderator or contributor would, through the API."""

    def __init__(self, client: TestClient, session: Session) -> None:
        self.client = client
        self.session = session
        self.moderator = auth(session, Role.moderator)

    def published(self, **overrides: Any) -> str:
        payload = clause_payload(status="published", **overrides)
        response = self.client.post("/api/v1/clauses", json=payload, headers=self.moderator)
        assert response.status_code == 201, response.text
        drain(self.client)
        clause_id: str = response.json()["id"]
        return clause_id

    def draft(self, affiliate: Affiliate | None = None, **overrides: Any) -> str:
        owner = affiliate or make_affiliate(self.session)
        headers = auth(self.session, Role.contributor, owner)
        response = self.client.post(
            "/api/v1/clauses", json=clause_payload(**overrides), headers=headers
        )
        assert response.status_code == 201, response.text
        drain(self.client)
        clause_id: str = response.json()["id"]
        return clause_id


@pytest.fixture
def shelf(client: TestClient, session: Session) -> Shelf:
    return Shelf(client, session)


PASSWORD = "correct horse battery staple"


class Member:
    """A web user of an affiliate (a contributor unless told), signing in through the form.

    Each member has a browser of their own (a client with its own cookies) on the same app.
    """

    def __init__(
        self,
        client: TestClient,
        session: Session,
        login: str = "ana",
        role: Role = Role.contributor,
        affiliate: Affiliate | None = None,
    ) -> None:
        self.client = client
        self.login = login
        if role == Role.contributor:
            self.affiliate: Affiliate | None = affiliate or make_affiliate(
                session, name="Example Health Workers Union"
            )
        else:
            self.affiliate = affiliate
        create_user(session, login, login.title(), PASSWORD, role, self.affiliate)
        session.commit()
        # The session cookie is Secure outside development: the browser must speak HTTPS.
        client.base_url = "https://testserver"

    def page(self, path: str) -> str:
        answer = self.client.get(path)
        assert answer.status_code == 200, f"{path}: {answer.status_code}"
        return answer.text

    def csrf(self, path: str) -> str:
        found = re.search(r'name="csrf" value="([^"]+)"', self.client.get(path).text)
        assert found is not None, f"no CSRF token on {path}"
        return found.group(1)

    def sign_in(self) -> None:
        data = {"login": self.login, "password": PASSWORD, "csrf": self.csrf("/sign-in")}
        answer = self.client.post("/sign-in", data=data, follow_redirects=False)
        assert answer.status_code == 303, answer.text

    def post(self, path: str, data: dict[str, Any], token_from: str = "") -> Any:
        """POST a form with a fresh CSRF token (taken from `token_from`, else `path`)."""
        data = {"csrf": self.csrf(token_from or path), **data}
        return self.client.post(path, data=data, follow_redirects=False)


def another_browser(client: TestClient) -> TestClient:
    """A second browser on the same running app (its own cookies)."""
    return TestClient(client.app)


@pytest.fixture
def member(client: TestClient, session: Session) -> Member:
    return Member(client, session)


@pytest.fixture
def moderator(client: TestClient, session: Session) -> Iterator[Member]:
    """A signed-in moderator, in a browser of their own."""
    browser = another_browser(client)
    staff = Member(browser, session, login="mo", role=Role.moderator)
    staff.sign_in()
    yield staff
    browser.close()
