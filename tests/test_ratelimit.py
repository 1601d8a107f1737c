"""Rate limits: 429 with Retry-After on key use, writes and repeated bad keys."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.affiliates.models import Role
from app.main import create_app
from app.settings import Settings
from tests.builders.clauses import auth, clause_payload
from tests.conftest import empty_tables


@pytest.fixture
def strict_client(database_settings: Settings) -> Iterator[TestClient]:
    settings = database_settings.model_copy(
        update={
            "rate_writes_per_minute": 3,
            "rate_key_per_minute": 6,
            "rate_failed_auth_per_minute": 2,
        }
    )
    app = create_app(settings, run_workers=False)
    with TestClient(app) as client:
        yield client
        empty_tables(app.state.engine)


def test_writes_past_the_limit_get_429_with_retry_after(strict_client: TestClient) -> None:
    with Session(strict_client.app.state.engine) as session:  # type: ignore[attr-defined]
        headers = auth(session, Role.moderator)
    post = strict_client.post
    codes = [
        post("/api/v1/clauses", json=clause_payload(), headers=headers).status_code
        for _ in range(4)
    ]
    assert codes == [201, 201, 201, 429]
    refused = strict_client.post("/api/v1/clauses", json=clause_payload(), headers=headers)
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    assert refused.headers["content-type"] == "application/problem+json"


def test_reads_with_a_key_are_limited_too(strict_client: TestClient) -> None:
    with Session(strict_client.app.state.engine) as session:  # type: ignore[attr-defined]
        headers = auth(session, Role.moderator)
    codes = [strict_client.get("/api/v1/clauses", headers=headers).status_code for _ in range(7)]
    assert codes[:6] == [200] * 6
    assert codes[6] == 429


def test_guessing_keys_is_slowed_down(strict_client: TestClient) -> None:
    bad = {"Authorization": "Bearer cc_0000dead_guess"}
    codes = [strict_client.get("/api/v1/clauses", headers=bad).status_code for _ in range(3)]
    assert codes == [401, 401, 429]


def test_anonymous_reading_is_not_limited_by_key_limits(strict_client: TestClient) -> None:
    assert all(strict_client.get("/api/v1/taxonomy").status_code == 200 for _ in range(10))
