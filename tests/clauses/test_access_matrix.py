"""Every role x every endpoint x own/other affiliate x every status: allowed or refused.

Refusals are 401 without a key, 404 where the caller may not see the clause (so a hidden clause
cannot be told from a missing one), 403 where they see it but may not act, 409 where the status
does not allow the step.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.affiliates.models import Role
from tests.builders.clauses import auth, clause_payload, drain, make_affiliate

STATUSES = ["draft", "submitted", "published", "rejected", "archived", "affiliates-only"]
ROLES = ["anonymous", "own", "other", "moderator", "admin"]
EDITABLE_BY_OWNER = {"draft", "rejected"}
STEPS = {  # action: (from statuses, moderators only)
    "submit": ({"draft", "rejected"}, False),
    "withdraw": ({"submitted"}, False),
    "publish": ({"submitted"}, True),
    "reject": ({"submitted"}, True),
    "archive": ({"published", "rejected", "affiliates-only"}, True),
}


@dataclass
class World:
    client: TestClient
    headers: dict[str, dict[str, str]]

    def clause_in(self, status: str) -> str:
        """A fresh clause of the 'own' affiliate, moved to `status` through the workflow."""
        own, moderator = self.headers["own"], self.headers["moderator"]
        visibility = "affiliates" if status == "affiliates-only" else "public"
        created = self.client.post(
            "/api/v1/clauses", json=clause_payload(visibility=visibility), headers=own
        )
        assert created.status_code == 201, created.text
        public_id: str = created.json()["id"]
        path = [] if status == "draft" else ["submit"]
        path += {
            "published": ["publish"],
            "affiliates-only": ["publish"],
            "rejected": ["reject"],
            "archived": ["publish", "archive"],
        }.get(status, [])
        for action in path:
            by = own if action == "submit" else moderator
            moved = self.client.post(
                f"/api/v1/clauses/{public_id}/{action}", json={"reason": "test"}, headers=by
            )
            assert moved.status_code == 200, moved.text
        return public_id


def sees(role: str, status: str) -> bool:
    if role in ("own", "moderator", "admin"):
        return True
    if status == "published":
        return True
    return status == "affiliates-only" and role != "anonymous"


def expected_write(role: str, status: str, allowed: bool, state_ok: bool = True) -> int:
    if role == "anonymous":
        return 401
    if not sees(role, status):
        return 404
    if not allowed:
        return 403
    return 200 if state_ok else 409


@pytest.fixture
def world(client: TestClient, session: Session) -> World:
    own, other = (
        make_affiliate(session, "Own Union", "PH"),
        make_affiliate(session, "Other Union", "FR"),
    )
    headers = {
        "anonymous": {},
        "own": auth(session, Role.contributor, own),
        "other": auth(session, Role.contributor, other),
        "moderator": auth(session, Role.moderator),
        "admin": auth(session, Role.admin),
    }
    return World(client, headers)


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("role", ROLES)
def test_read_endpoints(world: World, role: str, status: str) -> None:
    public_id = world.clause_in(status)
    drain(world.client)
    headers = world.headers[role]
    visible = sees(role, status)
    got = world.client.get(f"/api/v1/clauses/{public_id}", headers=headers)
    assert got.status_code == (200 if visible else 404), (role, status, got.text)
    listed = world.client.get("/api/v1/clauses?per_page=100", headers=headers).json()["items"]
    assert (public_id in [c["id"] for c in listed]) == visible, (role, status)
    found = world.client.get("/api/v1/search?q=monitoring", headers=headers).json()["hits"]
    searchable = status == "published" or (status == "affiliates-only" and role != "anonymous")
    assert (public_id in [h["id"] for h in found]) == searchable, (role, status)
    for tail in ("history", "revisions"):
        response = world.client.get(f"/api/v1/clauses/{public_id}/{tail}", headers=headers)
        want = expected_write(role, status, allowed=role != "other")
        assert response.status_code == want, (role, status, tail, response.text)


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("role", ROLES)
def test_write_endpoints(world: World, role: str, status: str) -> None:
    headers = world.headers[role]
    may_edit = role in ("moderator", "admin") or (role == "own" and status in EDITABLE_BY_OWNER)

    public_id = world.clause_in(status)
    response = world.client.patch(
        f"/api/v1/clauses/{public_id}", json={"title": "Changed"}, headers=headers
    )
    assert response.status_code == expected_write(role, status, may_edit), (
        "patch",
        role,
        status,
        response.text,
    )

    public_id = world.clause_in(status)
    response = world.client.delete(f"/api/v1/clauses/{public_id}", headers=headers)
    want = expected_write(role, status, may_edit)
    assert response.status_code == (204 if want == 200 else want), (
        "delete",
        role,
        status,
        response.text,
    )

    for action, (sources, moderators_only) in STEPS.items():
        public_id = world.clause_in(status)
        allowed = role in ("moderator", "admin") or (role == "own" and not moderators_only)
        response = world.client.post(
            f"/api/v1/clauses/{public_id}/{action}", json={"reason": "because"}, headers=headers
        )
        want = expected_write(role, status, allowed, state_ok=status in sources)
        assert response.status_code == want, (action, role, status, response.text)


@pytest.mark.parametrize("role", ROLES)
def test_moderation_queue_is_for_moderators(world: World, role: str) -> None:
    response = world.client.get("/api/v1/moderation/queue", headers=world.headers[role])
    want = {"anonymous": 401, "own": 403, "other": 403, "moderator": 200, "admin": 200}[role]
    assert response.status_code == want


@pytest.mark.parametrize("role", ROLES)
def test_admin_endpoints_are_for_admins(world: World, role: str) -> None:
    response = world.client.get("/api/v1/admin/keys", headers=world.headers[role])
    want = {"anonymous": 401, "own": 403, "other": 403, "moderator": 403, "admin": 200}[role]
    assert response.status_code == want
