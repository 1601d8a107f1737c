"""`commons import`: files in, a report out, clauses attributed to the affiliate given."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from fastapi.testclient import TestClient
from sqlmodel import Session, select
from typer.testing import CliRunner

from app.clauses.models import Clause
from app.imports import cli
from app.settings import Settings
from tests.builders.clauses import make_affiliate
from tests.imports.builders import AGREEMENTS, write_blank_pdf, write_csv

HEADER = ["external_id", "title", "text", "language", "colour"]
ROWS = [
    ["A1", "Telework", "Telework is voluntary and the employer provides the equipment.", "en", ""],
    ["A2", "Bad row", "Some text.", "xx", "red"],
]


@pytest.fixture
def commons(
    client: TestClient, database_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> typer.Typer:
    """The import command alone, on the test database."""
    monkeypatch.setattr(cli, "get_settings", lambda: database_settings)
    app = typer.Typer()
    app.command("import")(cli.import_command)
    return app


def test_a_csv_import_prints_what_it_did(
    commons: typer.Typer, tmp_path: Path, session: Session
) -> None:
    path = write_csv(tmp_path / "clauses.csv", HEADER, ROWS)
    result = CliRunner().invoke(commons, [str(path)])
    assert result.exit_code == 0, result.output
    assert "created 1" in result.output
    assert "rejected 1" in result.output
    assert "'colour' (row 2)" in result.output
    assert "unknown language 'xx'" in result.output
    assert session.exec(select(Clause.external_id)).all() == ["A1"]


def test_a_dry_run_says_so_and_writes_nothing(
    commons: typer.Typer, tmp_path: Path, session: Session
) -> None:
    path = write_csv(tmp_path / "clauses.csv", HEADER, ROWS)
    result = CliRunner().invoke(commons, [str(path), "--dry-run"])
    assert "dry run, nothing written" in result.output
    assert session.exec(select(Clause)).all() == []


def test_clauses_are_attributed_to_the_affiliate(
    commons: typer.Typer, tmp_path: Path, session: Session
) -> None:
    affiliate = make_affiliate(session, "Example Health Workers Union")
    path = write_csv(tmp_path / "clauses.csv", HEADER, ROWS[:1])
    result = CliRunner().invoke(commons, [str(path), "--affiliate", affiliate.name, "--publish"])
    assert result.exit_code == 0, result.output
    clause = session.exec(select(Clause)).one()
    assert (clause.affiliate_id, clause.source, clause.status) == (
        affiliate.id,
        f"import:affiliate-{affiliate.id}",
        "published",
    )


def test_an_unknown_affiliate_stops_the_import(commons: typer.Typer, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "clauses.csv", HEADER, ROWS)
    result = CliRunner().invoke(commons, [str(path), "--affiliate", "Nobody"])
    assert result.exit_code == 2
    assert "no affiliate named 'Nobody'" in result.output


def test_a_refused_file_is_named_and_the_others_still_import(
    commons: typer.Typer, tmp_path: Path, session: Session
) -> None:
    scan = write_blank_pdf(tmp_path / "scan.pdf", pages=2)
    good = write_csv(tmp_path / "clauses.csv", HEADER, ROWS[:1])
    result = CliRunner().invoke(commons, [str(scan), str(good)])
    assert result.exit_code == 2
    assert "scanned PDF" in result.output
    assert len(session.exec(select(Clause)).all()) == 1


def test_a_document_takes_its_metadata_from_the_yaml_beside_it(
    commons: typer.Typer, tmp_path: Path, session: Session
) -> None:
    document = tmp_path / "cba.txt"
    document.write_text(
        (AGREEMENTS / "es_ayuntamiento.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "cba.yaml").write_text(
        "title: Convenio 2024\ncountry: ES\nunion: [Sindicato Ejemplo]\nlanguage: es\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(commons, [str(document)])
    assert result.exit_code == 0, result.output
    assert "clauses to review" in result.output
    clauses = session.exec(select(Clause)).all()
    assert len(clauses) == 6
    assert {(c.agreement_title, c.country, c.status) for c in clauses} == {
        ("Convenio 2024", "ES", "draft")
    }


def test_importing_again_with_publish_says_how_many_drafts_it_published(
    commons: typer.Typer, tmp_path: Path, session: Session
) -> None:
    path = write_csv(tmp_path / "clauses.csv", HEADER, ROWS[:1])
    CliRunner().invoke(commons, [str(path)])
    result = CliRunner().invoke(commons, [str(path), "--publish"])
    assert result.exit_code == 0, result.output
    assert "updated 1 · unchanged 0 · rejected 0 · drafts published 1" in result.output
    assert session.exec(select(Clause.status)).one() == "published"
