"""Every edit makes a revision; two revisions can be compared."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.affiliates.models import Role
from tests.builders.clauses import auth, clause_payload, make_affiliate


def test_each_edit_adds_a_revision_and_diffs_show_the_change(
    client: TestClient, session: Session
) -> None:
    own = auth(session, Role.contributor, make_affiliate(session))
    public_id = client.post("/api/v1/clauses", json=clause_payload(), headers=own).json()["id"]
    new_text = clause_payload()["text"].replace("sixty days'", "ninety days'")
    client.patch(f"/api/v1/clauses/{public_id}", json={"text": new_text}, headers=own)
    client.patch(f"/api/v1/clauses/{public_id}", json={"subthemes": ["6.1", "5.3"]}, headers=own)
    listed = client.get(f"/api/v1/clauses/{public_id}/revisions", headers=own).json()
    assert [r["number"] for r in listed] == [1, 2, 3]
    diff = client.get(f"/api/v1/clauses/{public_id}/revisions/1/diff/2", headers=own).json()
    assert diff["changed_fields"] == ["text"]
    assert "-1. The Employer shall give the Union sixty days'" in diff["text_diff"]
    assert "+1. The Employer shall give the Union ninety days'" in diff["text_diff"]
    assert diff["title_diff"] == ""
    tags = client.get(f"/api/v1/clauses/{public_id}/revisions/2/diff/3", headers=own).json()
    assert set(tags["changed_fields"]) == {"subthemes", "themes"}
    second = client.get(f"/api/v1/clauses/{public_id}/revisions/2", headers=own).json()
    assert second["snapshot"]["subthemes"] == ["6.1"]


def test_unknown_revision_is_a_404(client: TestClient, session: Session) -> None:
    moderator = auth(session, Role.moderator)
    public_id = client.post("/api/v1/clauses", json=clause_payload(), headers=moderator).json()[
        "id"
    ]
    assert (
        client.get(f"/api/v1/clauses/{public_id}/revisions/9", headers=moderator).status_code == 404
    )


def test_a_revision_number_out_of_range_is_refused_field_by_field(
    client: TestClient, session: Session
) -> None:
    moderator = auth(session, Role.moderator)
    public_id = client.post("/api/v1/clauses", json=clause_payload(), headers=moderator).json()[
        "id"
    ]
    huge = 2**63
    for path in (f"revisions/{huge}", "revisions/0", f"revisions/1/diff/{huge}"):
        answer = client.get(f"/api/v1/clauses/{public_id}/{path}", headers=moderator)
        assert answer.status_code == 422, path
        assert answer.headers["content-type"].startswith("application/problem+json")
