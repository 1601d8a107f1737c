"""`commons backup` and `commons restore`: what they print, and their exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rich.console import Console
from sqlalchemy.engine import Engine
from sqlmodel import Session
from typer.testing import CliRunner

from app import cli
from app.backup.tables import code_head
from app.settings import Settings
from tests.backup.builders import every_table, fill_archive, table_named, table_rows
from tests.builders.clauses import make_affiliate


def _run(monkeypatch: pytest.MonkeyPatch, settings: Settings, *args: str) -> tuple[int, str]:
    monkeypatch.setattr(cli, "get_settings", lambda: settings)
    # Wide enough that no path is wrapped (a test worker's temporary paths are long).
    monkeypatch.setattr(cli, "console", Console(stderr=True, width=400))
    result = CliRunner().invoke(cli.app, list(args))
    return result.exit_code, " ".join(result.output.split())


def test_backup_then_restore_into_an_empty_database_rebuilds_search(
    client: TestClient,
    session: Session,
    database_settings: Settings,
    target_settings: Settings,
    target: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill_archive(client, session)
    path = tmp_path / "nightly.jsonl.gz"
    code, said = _run(monkeypatch, database_settings, "backup", str(path))
    assert code == 0, said
    assert f"at migration {code_head(database_settings)} in {path}" in said
    code, said = _run(monkeypatch, target_settings, "restore", str(path))
    assert code == 0, said
    assert "rows restored" in said
    assert "indexed 3 published clauses" in said
    engine = client.app.state.engine  # type: ignore[attr-defined]
    for table in every_table():
        assert table_rows(target, table) == table_rows(engine, table)


def test_restore_over_rows_exits_2_and_says_why(
    client: TestClient,
    session: Session,
    database_settings: Settings,
    target_settings: Settings,
    target: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill_archive(client, session)
    path = tmp_path / "nightly.jsonl"
    assert _run(monkeypatch, database_settings, "backup", str(path))[0] == 0
    with Session(target) as target_session:
        make_affiliate(target_session, "A union already there")
    code, said = _run(monkeypatch, target_settings, "restore", str(path))
    assert code == 2
    assert "the database is not empty (affiliate: 1)" in said
    assert len(table_rows(target, table_named("affiliate"))) == 1
    code, said = _run(monkeypatch, target_settings, "restore", str(path), "--replace")
    assert code == 0, said
    assert len(table_rows(target, table_named("affiliate"))) == 2


def test_restore_of_a_missing_file_exits_2(
    target_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, said = _run(monkeypatch, target_settings, "restore", str(tmp_path / "none.jsonl"))
    assert (code, said) == (2, f"no file at {tmp_path / 'none.jsonl'}")


def test_an_online_copy_is_sqlite_only_and_restores_through_the_same_command(
    client: TestClient,
    session: Session,
    database_settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill_archive(client, session)
    path = tmp_path / "nightly.sqlite3"
    code, said = _run(monkeypatch, database_settings, "backup", str(path), "--format", "sqlite")
    if not database_settings.uses_sqlite:
        assert code == 2
        assert "use the portable dump (--format jsonl)" in said
        assert not path.exists()
        return
    assert code == 0, said
    assert "SQLite copy at migration" in said
    fresh = Settings(env="test", data_dir=tmp_path / "fresh")
    code, said = _run(monkeypatch, fresh, "restore", str(path))
    assert code == 0, said
    assert "indexed 3 published clauses" in said
