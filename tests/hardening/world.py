"""A small, lived-in Clause Commons for the fuzzers: model clauses, an affiliate with drafts,
submitted and published clauses, keys of each role, and a person with an account."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from app import migrate
from app.affiliates import users
from app.affiliates.keys import create_key
from app.affiliates.models import Role
from app.clauses.seed import seed_clauses
from app.main import create_app
from app.settings import Settings
from tests.builders.clauses import clause_payload, drain, make_affiliate

AFFILIATE = "Example Transport Workers Union"


@dataclass
class World:
    """What the fuzzers may aim at: real ids and keys, so requests reach past the 404s."""

    admin: dict[str, str]
    contributor: dict[str, str]
    clause_ids: list[str] = field(default_factory=list)
    key_prefixes: list[str] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)


def _bearer(plain: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {plain}"}


def _clause(
    client: TestClient,
    headers: dict[str, str],
    steps: list[tuple[str, dict[str, str]]],
    **overrides: object,
) -> str:
    created = client.post("/api/v1/clauses", json=clause_payload(**overrides), headers=headers)
    assert created.status_code == 201, created.text
    public_id: str = created.json()["id"]
    for action, by in steps:
        moved = client.post(
            f"/api/v1/clauses/{public_id}/{action}", json={"reason": "fuzz set-up"}, headers=by
        )
        assert moved.status_code == 200, moved.text
    return public_id


def build_world(app: FastAPI, client: TestClient) -> World:
    """Fill the app's (migrated, empty) database and its search index; `client` runs `app`."""
    with Session(app.state.engine) as session:
        seed_clauses(session, app.state.taxonomy, app.state.settings.clauses_dir)
        affiliate = make_affiliate(session, AFFILIATE, "GH")
        _, admin = create_key(session, Role.admin, None, "fuzz admin")
        _, contributor = create_key(session, Role.contributor, affiliate, "fuzz contributor")
        # A key the fuzzers may revoke without locking themselves out.
        spare, _plain = create_key(session, Role.moderator, None, "fuzz spare")
        users.create_user(
            session,
            "ama.mensah",
            "Ama Mensah",
            "a long enough pass phrase",
            Role.contributor,
            affiliate,
        )
        session.commit()
        world = World(
            admin=_bearer(admin),
            contributor=_bearer(contributor),
            key_prefixes=[spare.prefix],
            logins=["ama.mensah"],
        )
    own, mod = world.contributor, world.admin
    world.clause_ids += [
        _clause(client, own, []),
        _clause(client, own, [("submit", own)], title="Notice of new scheduling software"),
        _clause(
            client,
            own,
            [("submit", own), ("publish", mod)],
            visibility="affiliates",
            title="Affiliates-only clause on algorithmic rostering",
        ),
        _clause(client, own, [("submit", own), ("reject", mod)], title="Rejected draft"),
        _clause(
            client,
            own,
            [("submit", own), ("publish", mod), ("archive", mod)],
            title="Archived clause on telework equipment",
        ),
        "mc-does-not-exist",
    ]
    listed = client.get("/api/v1/clauses", params={"per_page": 5, "kind": "model"}).json()
    world.clause_ids += [item["id"] for item in listed["items"]]
    drain(client)
    return world


@contextmanager
def lived_in(data_dir: Path) -> Iterator[tuple[FastAPI, TestClient, World]]:
    """The app on a migrated SQLite database in `data_dir`, its world built, lifespan running."""
    # SQLite and the built-in engine, whatever the environment says. Rate limits are tested
    # elsewhere; here they would only turn a fuzzer's calls into 429s.
    settings = Settings(
        env="test",
        data_dir=data_dir,
        database_url="",
        meili_url="",
        rate_key_per_minute=10**7,
        rate_writes_per_minute=10**7,
    )
    migrate.upgrade(settings)
    app = create_app(settings, run_workers=False)
    with TestClient(app) as client:
        yield app, client, build_world(app, client)
