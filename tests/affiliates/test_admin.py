"""Admin endpoints: affiliates, keys (shown once, stored hashed, revocable), users and erasure."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.affiliates.keys import create_key
from app.affiliates.models import Affiliate, ApiKey, Role, User
from app.clauses.models import StatusEvent
from tests.builders.clauses import auth, clause_payload


def test_admin_creates_affiliate_and_contributor_key(client: TestClient, session: Session) -> None:
    admin = auth(session, Role.admin)
    created = client.post(
        "/api/v1/admin/affiliates", json={"name": "KMU", "country": "ph"}, headers=admin
    )
    assert created.status_code == 201
    assert created.json()["country"] == "PH"
    key = client.post(
        "/api/v1/admin/keys", json={"role": "contributor", "affiliate": "KMU"}, headers=admin
    )
    assert key.status_code == 201
    plain = key.json()["key"]
    stored = session.exec(select(ApiKey).where(ApiKey.prefix == key.json()["prefix"])).one()
    assert plain not in stored.key_hash
    headers = {"Authorization": f"Bearer {plain}"}
    draft = client.post("/api/v1/clauses", json=clause_payload(), headers=headers)
    assert draft.json()["attribution"]["name"] == "KMU"
    listed = client.get("/api/v1/admin/keys", headers=admin).json()
    assert all("key" not in entry for entry in listed)
    assert (
        next(k for k in listed if k["prefix"] == key.json()["prefix"])["last_used_at"] is not None
    )


def test_revoked_key_is_refused_at_once(client: TestClient, session: Session) -> None:
    admin = auth(session, Role.admin)
    key = client.post("/api/v1/admin/keys", json={"role": "moderator"}, headers=admin).json()
    headers = {"Authorization": f"Bearer {key['key']}"}
    assert client.get("/api/v1/moderation/queue", headers=headers).status_code == 200
    assert (
        client.post(f"/api/v1/admin/keys/{key['prefix']}/revoke", headers=admin).status_code == 200
    )
    assert client.get("/api/v1/moderation/queue", headers=headers).status_code == 401


def test_contributor_key_without_affiliate_is_a_422(client: TestClient, session: Session) -> None:
    response = client.post(
        "/api/v1/admin/keys", json={"role": "contributor"}, headers=auth(session, Role.admin)
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "affiliate"


def test_affiliate_with_bad_country_or_taken_name_is_refused(
    client: TestClient, session: Session
) -> None:
    admin = auth(session, Role.admin)
    assert (
        client.post(
            "/api/v1/admin/affiliates", json={"name": "A", "country": "QQ"}, headers=admin
        ).status_code
        == 422
    )
    client.post("/api/v1/admin/affiliates", json={"name": "A", "country": "FR"}, headers=admin)
    assert (
        client.post(
            "/api/v1/admin/affiliates", json={"name": "A", "country": "FR"}, headers=admin
        ).status_code
        == 409
    )


def test_user_password_is_hashed_and_short_ones_refused(
    client: TestClient, session: Session
) -> None:
    admin = auth(session, Role.admin)
    short = {"login": "ana", "display_name": "Ana", "password": "short", "role": "moderator"}
    assert client.post("/api/v1/admin/users", json=short, headers=admin).status_code == 422
    good = {**short, "password": "a long enough passphrase"}
    assert client.post("/api/v1/admin/users", json=good, headers=admin).status_code == 201
    user = session.exec(select(User).where(User.login == "ana")).one()
    assert user.password_hash.startswith("$argon2")
    assert "a long enough passphrase" not in user.password_hash


def test_erasing_a_user_keeps_their_affiliates_clauses(
    client: TestClient, session: Session
) -> None:
    admin = auth(session, Role.admin)
    client.post("/api/v1/admin/affiliates", json={"name": "KMU", "country": "PH"}, headers=admin)
    user_in = {
        "login": "ben",
        "display_name": "Ben",
        "password": "a long enough passphrase",
        "role": "contributor",
        "affiliate": "KMU",
    }
    assert client.post("/api/v1/admin/users", json=user_in, headers=admin).status_code == 201
    user = session.exec(select(User).where(User.login == "ben")).one()
    user_id = user.id
    union = session.get(Affiliate, user.affiliate_id)
    _, plain = create_key(session, Role.contributor, union, "ben's laptop", user=user)
    session.commit()
    headers = {"Authorization": f"Bearer {plain}"}
    clause = client.post("/api/v1/clauses", json=clause_payload(), headers=headers).json()

    exported = client.get("/api/v1/admin/users/ben/export", headers=admin).json()
    assert (exported["login"], exported["display_name"], exported["affiliate"]) == (
        "ben",
        "Ben",
        "KMU",
    )
    assert exported["status_changes"] == 1
    assert [k["label"] for k in exported["api_keys"]] == ["ben's laptop"]

    assert client.delete("/api/v1/admin/users/ben", headers=admin).status_code == 204
    session.expire_all()
    assert session.exec(select(User).where(User.id == user_id)).first() is None
    assert session.exec(select(ApiKey).where(ApiKey.user_id == user_id)).first() is None
    assert client.post("/api/v1/clauses", json=clause_payload(), headers=headers).status_code == 401
    kept = client.get(
        f"/api/v1/clauses/{clause['id']}", headers=auth(session, Role.moderator)
    ).json()
    assert kept["attribution"]["name"] == "KMU"
    events = session.exec(select(StatusEvent)).all()
    assert events
    assert all(e.actor_key_id is None for e in events)
    assert client.get("/api/v1/admin/users/ben/export", headers=admin).status_code == 404
