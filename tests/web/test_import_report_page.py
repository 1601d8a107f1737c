"""The import page names each rejected row by its place in the file and its external_id, reads
reports stored before places were kept, and says how long the report is kept."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.imports.job_model import ImportJob, JobStatus
from tests.imports.builders import old_report, run_jobs
from tests.web.conftest import Member

# Line 1 the header; lines 2-4 the first record (a quoted text over three lines); line 5 A2.
CSV = (
    "external_id,title,text,language,country\r\n"
    "A1,Notice of monitoring,\"1. Sixty days' notice.\r\n2. The union is consulted.\r\n"
    '3. In writing.",en,PH\r\n'
    "A2,Unknown country,No replies expected after 19:00.,en,XX\r\n"
)


def test_a_rejected_row_is_shown_by_its_line_and_external_id(
    moderator: Member, client: TestClient
) -> None:
    form = {"csrf": moderator.csrf("/contribute/upload")}
    answer = moderator.client.post(
        "/contribute/upload",
        data=form,
        files={"file": ("clauses.csv", CSV, "text/csv")},
        follow_redirects=False,
    )
    run_jobs(client)
    page = moderator.page(answer.headers["location"])
    assert "<td>line 5</td><td><code>A2</code></td><td><code>country</code></td>" in page
    assert "This report is kept for 30 days after the import" in page


def test_a_report_stored_before_places_were_kept_shows_its_row(
    moderator: Member, session: Session
) -> None:
    old = old_report()
    session.add(
        ImportJob(public_id="imp-old", filename="old.csv", format="csv", source="test",
                  status=JobStatus.done, actor_role="moderator", report=old)
    )  # fmt: skip
    session.commit()
    page = moderator.page("/contribute/imports/imp-old")
    assert "<td>row 3</td><td>–</td><td><code>country</code></td>" in page
