"""GET /health/live and /health/ready."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_live_answers_ok(client: TestClient) -> None:
    assert client.get("/health/live").json() == {"status": "ok"}


def test_ready_reports_database_and_search(client: TestClient) -> None:
    response = client.get("/health/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["search"]["backend"] == "builtin"
    assert body["search"]["backlog"] == 0
