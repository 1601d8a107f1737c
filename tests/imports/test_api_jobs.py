"""POST /api/v1/imports makes a job; GET shows its progress and report; the CSV template."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.affiliates.models import Role
from tests.builders.clauses import auth, make_affiliate
from tests.imports.builders import run_jobs

CSV = (
    "external_id,title,text,language,country,subthemes\n"
    "a-1,Notice of monitoring,1. Sixty days' notice before monitoring tools.,en,PH,6.1\n"
    "a-2,Right to disconnect,1. No replies expected after 19:00.,en,PH,4.3\n"
    "a-3,Broken row,,en,XX,9.9\n"
)


def test_contributor_upload_becomes_a_job_that_lands_drafts(
    client: TestClient, session: Session
) -> None:
    headers = auth(session, Role.contributor, make_affiliate(session, "KMU", "PH"))
    response = client.post(
        "/api/v1/imports", files={"file": ("archive.csv", CSV, "text/csv")}, headers=headers
    )
    assert response.status_code == 202, response.text
    job = response.json()
    assert job["status"] == "queued"
    assert response.headers["location"] == f"/api/v1/imports/{job['id']}"
    run_jobs(client)
    done = client.get(f"/api/v1/imports/{job['id']}", headers=headers).json()
    assert done["status"] == "done"
    assert done["rows_done"] == 3
    report = done["report"]
    assert (report["created"], report["rejected"]) == (2, 1)
    assert {e["field"] for e in report["errors"]} >= {"text", "country"}
    drafts = client.get("/api/v1/clauses?status=draft", headers=headers).json()["items"]
    assert {d["external_id"] for d in drafts} == {"a-1", "a-2"}
    assert all(d["attribution"]["name"] == "KMU" for d in drafts)


def test_importing_the_same_upload_twice_creates_nothing_new(
    client: TestClient, session: Session
) -> None:
    headers = auth(session, Role.moderator)
    for _ in range(2):
        client.post("/api/v1/imports", files={"file": ("a.csv", CSV, "text/csv")}, headers=headers)
        run_jobs(client)
    jobs_total = client.get("/api/v1/clauses?status=draft", headers=headers).json()["total"]
    assert jobs_total == 2


def test_contributor_may_not_import_as_published(client: TestClient, session: Session) -> None:
    headers = auth(session, Role.contributor, make_affiliate(session))
    response = client.post(
        "/api/v1/imports",
        files={"file": ("a.csv", CSV, "text/csv")},
        data={"publish": "true"},
        headers=headers,
    )
    assert response.status_code == 403


def test_unknown_file_type_is_a_422(client: TestClient, session: Session) -> None:
    response = client.post(
        "/api/v1/imports", files={"file": ("a.exe", b"MZ", "application/octet-stream")},
        headers=auth(session, Role.moderator),
    )  # fmt: skip
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "format"


def test_other_affiliates_cannot_see_a_job(client: TestClient, session: Session) -> None:
    mine = auth(session, Role.contributor, make_affiliate(session, "Mine", "PH"))
    theirs = auth(session, Role.contributor, make_affiliate(session, "Theirs", "FR"))
    job = client.post(
        "/api/v1/imports", files={"file": ("a.csv", CSV, "text/csv")}, headers=mine
    ).json()
    assert client.get(f"/api/v1/imports/{job['id']}", headers=theirs).status_code == 404
    assert client.get(f"/api/v1/imports/{job['id']}").status_code == 401


def test_template_lists_every_field(client: TestClient) -> None:
    response = client.get("/api/v1/imports/template.csv")
    assert response.status_code == 200
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {"external_id", "title", "text", "language", "themes", "subthemes", "licence"} <= set(
        header
    )
