"""What Schemathesis found, pinned down one by one so that it stays fixed."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.affiliates.models import Role
from app.errors import PROBLEM_JSON
from tests.builders.clauses import auth, clause_payload


@pytest.mark.parametrize("signed", [0, "0", 86400, "1700000000", 1.0, True])
def test_an_agreement_date_that_is_a_number_is_refused(
    client: TestClient, session: Session, signed: Any
) -> None:
    # Pydantic read a number as seconds since 1970: "signed_date": 0 was stored as 1970-01-01.
    payload = clause_payload(agreement={"title": "Example CBA", "signed_date": signed})
    answer = client.post("/api/v1/clauses", json=payload, headers=auth(session, Role.admin))
    assert answer.status_code == 422, answer.text
    assert [e["field"] for e in answer.json()["errors"]] == ["agreement.signed_date"]


def test_an_agreement_date_written_yyyy_mm_dd_is_kept(client: TestClient, session: Session) -> None:
    payload = clause_payload(agreement={"title": "Example CBA", "expiry_date": "2027-02-28"})
    answer = client.post("/api/v1/clauses", json=payload, headers=auth(session, Role.admin))
    assert answer.status_code == 201, answer.text
    assert answer.json()["agreement"]["expiry_date"] == "2027-02-28"


def test_a_body_that_is_not_utf8_is_a_documented_400_problem(
    client: TestClient, session: Session
) -> None:
    headers = {**auth(session, Role.admin), "Content-Type": "application/json"}
    answer = client.post("/api/v1/clauses", content=b'{"title": "\xff"}', headers=headers)
    assert answer.status_code == 400
    assert answer.headers["content-type"] == PROBLEM_JSON
    documented = client.get("/openapi.json").json()["paths"]["/api/v1/clauses"]["post"]
    assert "400" in documented["responses"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/api/v1/admin/keys/nosuchkey/revoke"),
        ("GET", "/api/v1/admin/users/nobody/export"),
        ("DELETE", "/api/v1/admin/users/nobody"),
    ],
)
def test_an_unknown_key_or_user_is_a_documented_404(
    client: TestClient, session: Session, method: str, path: str
) -> None:
    answer = client.request(method, path, headers=auth(session, Role.admin))
    assert answer.status_code == 404
    template = path.replace("nosuchkey", "{prefix}").replace("nobody", "{login}")
    operation = client.get("/openapi.json").json()["paths"][template][method.lower()]
    assert "404" in operation["responses"]
