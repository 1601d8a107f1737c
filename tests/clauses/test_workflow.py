"""The workflow: every step recorded; rejections explained; search follows publication."""

from __future__ import annotations

import time
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.affiliates.models import Role
from app.main import create_app
from app.settings import Settings
from tests.builders.clauses import auth, clause_payload, make_affiliate
from tests.conftest import empty_tables


def draft(client: TestClient, headers: dict[str, str], **overrides: Any) -> str:
    response = client.post("/api/v1/clauses", json=clause_payload(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    public_id: str = response.json()["id"]
    return public_id


def step(
    client: TestClient,
    public_id: str,
    action: str,
    headers: dict[str, str],
    reason: str | None = None,
) -> Any:
    body = {"reason": reason} if reason else None
    return client.post(f"/api/v1/clauses/{public_id}/{action}", json=body, headers=headers)


def test_every_status_change_is_recorded_with_who_and_why(
    client: TestClient, session: Session
) -> None:
    own = auth(session, Role.contributor, make_affiliate(session))
    moderator = auth(session, Role.moderator)
    public_id = draft(client, own)
    assert step(client, public_id, "submit", own).status_code == 200
    assert (
        step(client, public_id, "reject", moderator, "Name the employer, please").status_code == 200
    )
    assert step(client, public_id, "submit", own).status_code == 200
    assert step(client, public_id, "publish", moderator).status_code == 200
    events = client.get(f"/api/v1/clauses/{public_id}/history", headers=own).json()
    assert [(e["from_status"], e["to_status"], e["actor_role"]) for e in events] == [
        (None, "draft", "contributor"),
        ("draft", "submitted", "contributor"),
        ("submitted", "rejected", "moderator"),
        ("rejected", "submitted", "contributor"),
        ("submitted", "published", "moderator"),
    ]
    assert events[2]["reason"] == "Name the employer, please"


def test_rejected_clause_shows_its_reason_to_its_affiliate(
    client: TestClient, session: Session
) -> None:
    own = auth(session, Role.contributor, make_affiliate(session))
    public_id = draft(client, own)
    step(client, public_id, "submit", own)
    step(client, public_id, "reject", auth(session, Role.moderator), "Duplicate of c-abc")
    body = client.get(f"/api/v1/clauses/{public_id}", headers=own).json()
    assert body["status"] == "rejected"
    assert body["rejection_reason"] == "Duplicate of c-abc"
    step(client, public_id, "submit", own)
    assert (
        client.get(f"/api/v1/clauses/{public_id}", headers=own).json()["rejection_reason"] is None
    )


def test_reject_without_reason_is_a_422(client: TestClient, session: Session) -> None:
    own = auth(session, Role.contributor, make_affiliate(session))
    public_id = draft(client, own)
    step(client, public_id, "submit", own)
    response = step(client, public_id, "reject", auth(session, Role.moderator))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "reason"
    assert client.get(f"/api/v1/clauses/{public_id}", headers=own).json()["status"] == "submitted"


def test_publishing_a_draft_directly_is_a_409(client: TestClient, session: Session) -> None:
    own = auth(session, Role.contributor, make_affiliate(session))
    public_id = draft(client, own)
    response = step(client, public_id, "publish", auth(session, Role.moderator))
    assert response.status_code == 409
    assert "submit" in response.json()["detail"] or "draft" in response.json()["detail"]


def test_queue_lists_submissions_with_near_duplicates(client: TestClient, session: Session) -> None:
    moderator = auth(session, Role.moderator)
    original = draft(client, moderator, status="published")
    own = auth(session, Role.contributor, make_affiliate(session))
    text = clause_payload()["text"].upper() + "  "  # same text after normalisation
    copy = draft(client, own, text=text)
    submitted = step(client, copy, "submit", own).json()
    assert submitted["near_duplicates"][0]["id"] == original
    assert submitted["near_duplicates"][0]["similarity"] == 100.0
    queue = client.get("/api/v1/moderation/queue", headers=moderator).json()
    assert [item["clause"]["id"] for item in queue["items"]] == [copy]
    assert queue["items"][0]["near_duplicates"][0]["id"] == original


def test_very_similar_text_is_a_near_duplicate(client: TestClient, session: Session) -> None:
    moderator = auth(session, Role.moderator)
    original = draft(client, moderator, status="published")
    own = auth(session, Role.contributor, make_affiliate(session))
    reworded = clause_payload()["text"].replace("sixty", "ninety")
    copy = draft(client, own, text=reworded, title="Another title")
    hints = step(client, copy, "submit", own).json()["near_duplicates"]
    assert hints[0]["id"] == original
    assert 85 <= hints[0]["similarity"] < 100


def test_another_unions_unpublished_copy_is_hidden_from_a_contributor(
    client: TestClient, session: Session
) -> None:
    moderator = auth(session, Role.moderator)
    other_union = auth(session, Role.contributor, make_affiliate(session, name="Other union"))
    theirs = draft(client, other_union, title="Their confidential draft")
    step(client, theirs, "submit", other_union)
    own = auth(session, Role.contributor, make_affiliate(session))
    mine = draft(client, own)
    submitted = step(client, mine, "submit", own).json()
    assert submitted["near_duplicates"] == []
    queue = client.get("/api/v1/moderation/queue", headers=moderator).json()
    hints = {item["clause"]["id"]: item["near_duplicates"] for item in queue["items"]}
    assert [hint["id"] for hint in hints[mine]] == [theirs]


def test_clause_is_searchable_within_two_seconds_of_publication(
    database_settings: Settings,
) -> None:
    settings = database_settings.model_copy(update={"outbox_interval_s": 1.0})
    app = create_app(settings, run_workers=True)
    with TestClient(app) as client, Session(app.state.engine) as session:
        try:
            own = auth(session, Role.contributor, make_affiliate(session))
            public_id = draft(client, own, title="Ergonomic chairs for call centre staff")
            step(client, public_id, "submit", own)
            time.sleep(1.5)  # the indexer runs meanwhile: a draft must stay out of search
            assert client.get("/api/v1/search?q=ergonomic").json()["total"] == 0
            step(client, public_id, "publish", auth(session, Role.moderator))
            published_at = time.perf_counter()
            while time.perf_counter() - published_at < 2.0:
                if client.get("/api/v1/search?q=ergonomic").json()["total"] == 1:
                    break
                time.sleep(0.05)
            assert client.get("/api/v1/search?q=ergonomic").json()["total"] == 1
            assert time.perf_counter() - published_at < 2.0
            step(client, public_id, "archive", auth(session, Role.moderator))
            archived_at = time.perf_counter()
            while (
                client.get("/api/v1/search?q=ergonomic").json()["total"]
                and time.perf_counter() - archived_at < 2.0
            ):
                time.sleep(0.05)
            assert client.get("/api/v1/search?q=ergonomic").json()["total"] == 0
        finally:
            empty_tables(app.state.engine)
