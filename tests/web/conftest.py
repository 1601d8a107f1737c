"""Builders for the page tests: published clauses made through the API, then indexed."""

from __future__ import annotations

import re
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
    """A contributor of an affiliate with a web account, signing in through the form."""

    def __init__(self, client: TestClient, session: Session) -> None:
        self.client = client
        self.affiliate = make_affiliate(session, name="Example Health Workers Union")
        create_user(session, "ana", "Ana Reyes", PASSWORD, Role.contributor, self.affiliate)
        session.commit()
        # The session cookie is Secure outside development: the browser must speak HTTPS.
        client.base_url = "https://testserver"

    def csrf(self, path: str) -> str:
        found = re.search(r'name="csrf" value="([^"]+)"', self.client.get(path).text)
        assert found is not None, f"no CSRF token on {path}"
        return found.group(1)

    def sign_in(self) -> None:
        data = {"login": "ana", "password": PASSWORD, "csrf": self.csrf("/sign-in")}
        answer = self.client.post("/sign-in", data=data, follow_redirects=False)
        assert answer.status_code == 303, answer.text


@pytest.fixture
def member(client: TestClient, session: Session) -> Member:
    return Member(client, session)
