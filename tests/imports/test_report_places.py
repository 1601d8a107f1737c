"""A rejected row is named as people find it again: its place in the file and its external_id.

A CSV record is placed by the line it starts on, which is not its row once a quoted cell has
run over several lines; a spreadsheet by its row; JSON Lines by its line; a JSON array by the
record's position; an agreement document by its article.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from fastapi.testclient import TestClient
from sqlmodel import Session
from typer.testing import CliRunner

from app.affiliates.keys import Caller
from app.affiliates.models import Role
from app.imports import cli
from app.imports.documents.agreement import AgreementMeta, agreement_rows
from app.imports.job_model import ImportJob, JobStatus
from app.imports.model import ImportReport, Place
from app.imports.readers import open_rows
from app.imports.report import report_dict
from app.imports.runner import run_import
from app.settings import Settings
from app.taxonomy.model import Taxonomy
from tests.builders.clauses import auth
from tests.imports.builders import AGREEMENTS, old_report, run_jobs, write_csv, write_xlsx

HEADER = ["external_id", "title", "text", "language", "country"]
NOTICE = (
    "1. Sixty days' notice before monitoring tools.\n2. The union is consulted.\n3. In writing."
)
ROWS = [
    ["A1", "Notice of monitoring", NOTICE, "en", "PH"],
    ["A2", "Unknown country", "No replies expected after 19:00.", "en", "XX"],
]


def _multiline_csv(tmp_path: Path) -> Path:
    """Line 1 the header, lines 2-4 the first record (its text has three lines), line 5 A2."""
    return write_csv(tmp_path / "clauses.csv", HEADER, ROWS)


def _import(session: Session, taxonomy: Taxonomy, path: Path, fmt: str) -> ImportReport:
    with open_rows(path, fmt) as stream:
        return run_import(
            session, taxonomy, Caller(role=Role.admin), stream.rows, source="test", dry_run=True
        )


def test_a_csv_record_is_placed_on_the_line_it_starts_on(tmp_path: Path) -> None:
    with open_rows(_multiline_csv(tmp_path), "csv") as stream:
        rows = list(stream.rows)
    assert [(r.number, r.place) for r in rows] == [(2, Place("line", 2)), (3, Place("line", 5))]


def test_a_rejected_csv_row_is_named_by_its_line_and_external_id(
    session: Session, taxonomy: Taxonomy, tmp_path: Path
) -> None:
    report = _import(session, taxonomy, _multiline_csv(tmp_path), "csv")
    [error] = report.errors
    assert (error.row, error.place, error.external_id, error.field) == (
        3,
        Place("line", 5),
        "A2",
        "country",
    )


def test_a_rejected_spreadsheet_row_is_named_by_its_row(
    session: Session, taxonomy: Taxonomy, tmp_path: Path
) -> None:
    sheet: list[list[object]] = [[*HEADER], [*ROWS[0]], [None] * 5, [17, *ROWS[1][1:]]]
    report = _import(session, taxonomy, write_xlsx(tmp_path / "c.xlsx", {"clauses": sheet}), "xlsx")
    [error] = report.errors
    assert (error.place, error.external_id) == (Place("row", 4), "17")


def test_a_rejected_json_lines_record_is_named_by_its_line(
    session: Session, taxonomy: Taxonomy, tmp_path: Path
) -> None:
    good, bad = (dict(zip(HEADER, row, strict=True)) for row in ROWS)
    path = tmp_path / "c.jsonl"
    path.write_text(f"{json.dumps(good)}\n\n{json.dumps(bad)}\n{{broken\n", encoding="utf-8")
    report = _import(session, taxonomy, path, "jsonl")
    assert [(e.place, e.external_id, e.field) for e in report.errors] == [
        (Place("line", 3), "A2", "country"),
        (Place("line", 4), None, "row"),
    ]


def test_a_rejected_json_array_record_is_named_by_its_position(
    session: Session, taxonomy: Taxonomy, tmp_path: Path
) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps([dict(zip(HEADER, row, strict=True)) for row in ROWS]), "utf-8")
    [error] = _import(session, taxonomy, path, "json").errors
    assert (str(error.place), error.external_id) == ("record 2", "A2")


def test_a_document_clause_is_placed_by_its_article(taxonomy: Taxonomy) -> None:
    path = AGREEMENTS / "es_ayuntamiento.txt"
    rows = agreement_rows(path, "txt", AgreementMeta(), taxonomy).rows
    assert all(r.place is not None and r.place.kind == "article" for r in rows)
    assert [r.where.number for r in rows] == [r.number for r in rows]
    assert [r.where.label for r in rows] == [r.review.article for r in rows if r.review]


def test_a_duplicate_id_names_the_line_of_its_first_use(
    session: Session, taxonomy: Taxonomy, tmp_path: Path
) -> None:
    again = ["A1", "Telework", "Telework is voluntary.", "en", "PH"]
    path = write_csv(tmp_path / "c.csv", HEADER, [ROWS[0], again])
    [error] = _import(session, taxonomy, path, "csv").errors
    assert (error.place, error.reason) == (Place("line", 5), "already used on line 2")


def test_the_report_data_holds_each_errors_place_and_external_id(
    session: Session, taxonomy: Taxonomy, tmp_path: Path
) -> None:
    [error] = report_dict(_import(session, taxonomy, _multiline_csv(tmp_path), "csv"))["errors"]
    assert error["place"] == {"kind": "line", "number": 5, "label": None}
    assert (error["row"], error["external_id"]) == (3, "A2")


def test_the_cli_report_names_the_line_and_the_external_id(
    client: TestClient,
    database_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(cli, "get_settings", lambda: database_settings)
    commons = typer.Typer()
    commons.command("import")(cli.import_command)
    result = CliRunner().invoke(commons, [str(_multiline_csv(tmp_path)), "--dry-run"])
    assert result.exit_code == 0, result.output
    [shown] = [line for line in result.output.splitlines() if "line 5" in line]
    assert [cell.strip() for cell in shown.split("│")[1:4]] == ["line 5", "A2", "country"]


def test_the_job_json_names_the_line_and_the_external_id(
    client: TestClient, session: Session, tmp_path: Path
) -> None:
    headers = auth(session, Role.moderator)
    upload = _multiline_csv(tmp_path).read_bytes()
    job = client.post(
        "/api/v1/imports", files={"file": ("c.csv", upload, "text/csv")}, headers=headers
    ).json()
    run_jobs(client)
    report = client.get(f"/api/v1/imports/{job['id']}", headers=headers).json()["report"]
    assert [(e["place"], e["external_id"], e["field"]) for e in report["errors"]] == [
        ({"kind": "line", "number": 5, "label": None}, "A2", "country")
    ]


def test_a_report_stored_before_places_were_kept_still_reads(
    client: TestClient, session: Session
) -> None:
    old = old_report()
    job = ImportJob(public_id="imp-old", filename="old.csv", format="csv", source="test",
                    status=JobStatus.done, actor_role="moderator", report=old)  # fmt: skip
    session.add(job)
    session.commit()
    answer = client.get("/api/v1/imports/imp-old", headers=auth(session, Role.moderator))
    assert answer.status_code == 200, answer.text
    assert answer.json()["report"]["errors"] == [
        {"row": 3, "field": "country", "reason": "x", "place": None, "external_id": None}
    ]
