"""Clauses in every state, made through the API, and a feed read as a feed reader reads it."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

import feedparser
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.affiliates.models import Role
from tests.builders.clauses import auth, clause_payload, drain, make_affiliate

ATOM = "{http://www.w3.org/2005/Atom}"
ATOM_TYPE = "application/atom+xml; charset=utf-8"


class Desk:
    """A moderator and a contributor's affiliate, moving clauses through the workflow."""

    def __init__(self, client: TestClient, session: Session) -> None:
        self.client = client
        self.moderator = auth(session, Role.moderator)
        self.contributor = auth(session, Role.contributor, make_affiliate(session))

    def _post(self, headers: dict[str, str], **overrides: Any) -> str:
        payload = clause_payload(**overrides)
        response = self.client.post("/api/v1/clauses", json=payload, headers=headers)
        assert response.status_code == 201, response.text
        drain(self.client)
        clause_id: str = response.json()["id"]
        return clause_id

    def step(self, clause_id: str, action: str, headers: dict[str, str], **body: str) -> None:
        path = f"/api/v1/clauses/{clause_id}/{action}"
        response = self.client.post(path, json=body or None, headers=headers)
        assert response.status_code == 200, response.text
        drain(self.client)

    def published(self, **overrides: Any) -> str:
        return self._post(self.moderator, status="published", **overrides)

    def draft(self, **overrides: Any) -> str:
        return self._post(self.contributor, **overrides)

    def submitted(self, **overrides: Any) -> str:
        clause_id = self.draft(**overrides)
        self.step(clause_id, "submit", self.contributor)
        return clause_id

    def published_later(self, clause_id: str) -> None:
        """Submit and publish a draft made earlier: an old row, newly published."""
        self.step(clause_id, "submit", self.contributor)
        self.step(clause_id, "publish", self.moderator)

    def rejected(self, **overrides: Any) -> str:
        clause_id = self.submitted(**overrides)
        self.step(clause_id, "reject", self.moderator, reason="Not a clause: a job advert.")
        return clause_id

    def archived(self, **overrides: Any) -> str:
        clause_id = self.published(**overrides)
        self.step(clause_id, "archive", self.moderator)
        return clause_id


@pytest.fixture
def desk(client: TestClient, session: Session) -> Desk:
    return Desk(client, session)


def read_feed(client: TestClient, path: str, **headers: str) -> tuple[Any, ET.Element]:
    """The feed as feedparser reads it (which must find nothing wrong) and as XML."""
    response = client.get(path, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == ATOM_TYPE
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed, ET.fromstring(response.content)  # noqa: S314 - our own app's answer


def listed(client: TestClient, path: str, **headers: str) -> list[str]:
    """The clause ids of a feed's entries, in the feed's order."""
    parsed, _root = read_feed(client, path, **headers)
    return [entry.link.rsplit("/", 1)[1] for entry in parsed.entries]
