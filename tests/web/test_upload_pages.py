"""Bulk upload from the web: a file becomes an import job (the API's code path), its page shows
status, progress and the report; refusals and bad input create no job."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.affiliates.models import Role
from app.imports.job_model import ImportJob
from tests.builders.clauses import auth, make_affiliate
from tests.imports.builders import run_jobs
from tests.web.conftest import STORED_SCRIPT, Member

CSV = (
    "external_id,title,text,language,country,subthemes\n"
    "w-1,Notice of monitoring,1. Sixty days' notice before monitoring tools.,en,PH,6.1\n"
    "w-2,Right to disconnect,1. No replies expected after 19:00.,en,PH,4.3\n"
    f"w-3,Broken {STORED_SCRIPT},,en,XX,9.9\n"
)


def _jobs(session: Session) -> list[ImportJob]:
    session.expire_all()
    return list(session.exec(select(ImportJob)).all())


def _upload(member: Member, data: dict[str, Any] | None = None, **file: Any) -> Any:
    files = {"file": file.get("file", ("clauses.csv", CSV, "text/csv"))}
    form = {"csrf": member.csrf("/contribute/upload"), **(data or {})}
    return member.client.post("/contribute/upload", data=form, files=files, follow_redirects=False)


def test_upload_needs_signing_in(client: TestClient) -> None:
    answer = client.get("/contribute/upload", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/sign-in?next=%2Fcontribute%2Fupload"


def test_a_contributors_upload_lands_drafts_and_reports_every_row(
    member: Member, client: TestClient, session: Session
) -> None:
    member.sign_in()
    answer = _upload(member)
    assert answer.status_code == 303
    job_path = answer.headers["location"]
    assert re.fullmatch(r"/contribute/imports/imp-\w+", job_path)
    assert "waiting" in member.page(job_path)
    run_jobs(client)
    page = member.page(job_path)
    assert "done" in page
    counts = re.findall(r"<dt>(\w+(?: \w+)?)</dt><dd>(\d+)</dd>", page)
    assert dict(counts) == {
        "Rows read": "3",
        "Created": "2",
        "Updated": "0",
        "Unchanged": "0",
        "Rejected": "1",
    }
    assert "<td>line 4</td><td><code>w-3</code></td><td><code>text</code></td>" in page
    assert "<td>line 4</td><td><code>w-3</code></td><td><code>country</code></td>" in page
    assert STORED_SCRIPT not in page
    drafts = member.page("/contribute/drafts")
    assert "Notice of monitoring" in drafts
    assert "Right to disconnect" in drafts
    assert job_path.rsplit("/", 1)[1] in member.page("/contribute/upload")


def test_a_dry_run_writes_no_clause(member: Member, client: TestClient, session: Session) -> None:
    member.sign_in()
    job_path = _upload(member, {"dry_run": "true"}).headers["location"]
    run_jobs(client)
    assert "nothing was written" in member.page(job_path)
    drafts = client.get("/api/v1/clauses?status=draft", headers=auth(session, Role.moderator))
    assert drafts.json()["total"] == 0


def test_an_upload_without_the_csrf_token_makes_no_job(member: Member, session: Session) -> None:
    member.sign_in()
    answer = member.client.post(
        "/contribute/upload",
        data={"csrf": "forged"},
        files={"file": ("clauses.csv", CSV, "text/csv")},
    )
    assert answer.status_code == 403
    assert _jobs(session) == []


def test_no_file_is_reported_beside_the_field(member: Member, session: Session) -> None:
    member.sign_in()
    answer = _upload(member, file=("", b"", "application/octet-stream"))
    assert answer.status_code == 422
    assert 'id="file-error"' in answer.text
    assert _jobs(session) == []


def test_an_unknown_file_type_is_reported_and_makes_no_job(
    member: Member, session: Session
) -> None:
    member.sign_in()
    answer = _upload(member, file=("tool.exe", b"MZ", "application/octet-stream"))
    assert answer.status_code == 422
    assert 'id="format-error"' in answer.text
    assert _jobs(session) == []


def test_a_contributor_may_not_import_as_published(member: Member, session: Session) -> None:
    member.sign_in()
    assert 'name="publish"' not in member.page("/contribute/upload")
    answer = _upload(member, {"publish": "true"})
    assert answer.status_code == 403
    assert _jobs(session) == []


def test_moderators_may_import_as_published(moderator: Member, client: TestClient) -> None:
    assert 'name="publish"' in moderator.page("/contribute/upload")
    job_path = _upload(moderator, {"publish": "true"}).headers["location"]
    run_jobs(client)
    assert "done" in moderator.page(job_path)
    client.app.state.indexer.drain()  # type: ignore[attr-defined]
    assert "Right to disconnect" in client.get("/search?q=disconnect").text


def test_another_unions_job_is_not_found(
    member: Member, client: TestClient, session: Session
) -> None:
    member.sign_in()
    job_path = _upload(member).headers["location"]
    other = Member(
        TestClient(client.app),
        session,
        login="bo",
        affiliate=make_affiliate(session, "Another Union", "FR"),
    )
    other.sign_in()
    page = other.client.get(job_path)
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert job_path.rsplit("/", 1)[1] not in other.page("/contribute/upload")
    other.client.close()


def test_the_form_says_why_a_file_over_the_limit_was_not_imported(member: Member) -> None:
    member.sign_in()
    # The size guard sends an oversized upload back here (tests/test_security.py).
    page = member.page("/contribute/upload?too_large=52428800")
    assert "it is over 52.4 MB, the largest accepted" in page
