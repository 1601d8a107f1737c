"""Security headers on every answer, a body-size cap, CORS closed, docs without a CDN."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlmodel import Session
from starlette.types import Receive, Scope, Send

from app.affiliates.models import Role
from app.security import SecurityMiddleware
from tests.builders.clauses import auth, clause_payload
from tests.clauses.test_create import count_clauses


def test_every_answer_carries_the_security_headers(client: TestClient) -> None:
    for path in ("/api/v1/taxonomy", "/api/v1/clauses/c-missing", "/health/live", "/docs"):
        headers = client.get(path).headers
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "no-referrer", path
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert "default-src 'self'" in headers["content-security-policy"], path


def test_cors_is_closed_by_default(client: TestClient) -> None:
    response = client.get("/api/v1/taxonomy", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers


def test_oversized_body_is_a_413_and_changes_nothing(client: TestClient, session: Session) -> None:
    huge = clause_payload(text="x" * 2_000_000)
    response = client.post("/api/v1/clauses", json=huge, headers=auth(session, Role.moderator))
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert count_clauses(session) == 0


def test_docs_page_loads_only_local_files(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources
    assert all(s.startswith("/") for s in sources), sources
    for source in sources:
        assert client.get(source).status_code == 200, source
    assert "<script>" not in page.text  # no inline script: the CSP forbids it


def _guarded(limit: int) -> TestClient:
    """Only the size guard, in front of an app that would accept anything."""

    async def accept(scope: Scope, receive: Receive, send: Send) -> None:
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"accepted"})

    guard = SecurityMiddleware(
        accept, max_body_bytes=limit, upload_paths=("/contribute/upload",), max_upload_bytes=limit
    )
    return TestClient(guard)


def test_a_web_form_over_the_limit_is_sent_back_to_its_page() -> None:
    answer = _guarded(1024).post(
        "/contribute/upload", files={"file": ("big.csv", b"x" * 5000)}, follow_redirects=False
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/contribute/upload?too_large=1024"
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_an_api_body_over_the_limit_stays_a_413_problem() -> None:
    answer = _guarded(1024).post("/api/v1/imports", files={"file": ("big.csv", b"x" * 5000)})
    assert answer.status_code == 413
    assert answer.headers["content-type"] == "application/problem+json"
