"""The outbox: writes record what to index; the indexer applies it and loses nothing."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from app.affiliates.models import Role
from app.search.outbox_model import SearchOutbox
from tests.builders.clauses import auth, clause_payload, drain


def outbox_size(session: Session) -> int:
    session.expire_all()
    return int(session.exec(select(func.count()).select_from(SearchOutbox)).one())


def test_every_write_adds_to_the_outbox_in_its_transaction(
    client: TestClient, session: Session
) -> None:
    headers = auth(session, Role.moderator)
    clause = client.post(
        "/api/v1/clauses", json=clause_payload(status="published"), headers=headers
    ).json()
    client.patch(f"/api/v1/clauses/{clause['id']}", json={"title": "Changed"}, headers=headers)
    assert outbox_size(session) == 2
    assert drain(client) == 2
    assert outbox_size(session) == 0


def test_refused_write_adds_nothing_to_the_outbox(client: TestClient, session: Session) -> None:
    headers = auth(session, Role.moderator)
    client.post("/api/v1/clauses", json=clause_payload(subthemes=["9.9"]), headers=headers)
    assert outbox_size(session) == 0


def test_rebuild_indexes_only_published_clauses(client: TestClient, session: Session) -> None:
    headers = auth(session, Role.moderator)
    client.post("/api/v1/clauses", json=clause_payload(status="published"), headers=headers)
    client.post("/api/v1/clauses", json=clause_payload(), headers=headers)
    indexer = client.app.state.indexer  # type: ignore[attr-defined]
    assert indexer.rebuild() == 1
    assert indexer.backend.document_count() == 1
