"""A restore that cannot be right is refused with a reason, and changes nothing."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app import migrate
from app.backup import BackupRefused
from app.backup.dump import write_dump
from app.backup.files import read_lines
from app.backup.restore import restore_dump
from app.settings import Settings
from tests.backup.builders import every_table, fill_archive, table_named, table_rows
from tests.builders.clauses import make_affiliate


@pytest.fixture
def dump(
    client: TestClient, session: Session, database_settings: Settings, tmp_path: Path
) -> list[str]:
    """The lines of a dump of a filled archive."""
    fill_archive(client, session)
    path = tmp_path / "archive.jsonl"
    write_dump(database_settings, client.app.state.engine, path)  # type: ignore[attr-defined]
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def _snapshot(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    return {table.name: table_rows(engine, table) for table in every_table()}


def _refused(settings: Settings, engine: Engine, lines: list[str], **options: bool) -> str:
    before = _snapshot(engine)
    with pytest.raises(BackupRefused) as refusal:
        restore_dump(settings, engine, iter(lines), **options)
    assert _snapshot(engine) == before
    return str(refusal.value)


def test_a_database_with_rows_is_refused_unless_replaced(
    target_settings: Settings, target: Engine, dump: list[str]
) -> None:
    with Session(target) as session:
        make_affiliate(session, "A union already there")
    message = _refused(target_settings, target, dump)
    assert "not empty (affiliate: 1)" in message
    assert "--replace" in message
    restore_dump(target_settings, target, iter(dump), replace=True)
    names = [row[1] for row in table_rows(target, table_named("affiliate"))]
    assert "A union already there" not in names
    assert "Example Health Workers' Union" in names


def test_a_dump_from_another_migration_is_refused(
    target_settings: Settings, target: Engine, dump: list[str]
) -> None:
    header = json.loads(dump[0])
    header["revision"] = "0001"
    message = _refused(target_settings, target, [json.dumps(header) + "\n", *dump[1:]])
    assert "made at migration 0001" in message


def test_a_database_behind_this_code_is_refused(
    target_settings: Settings, target: Engine, dump: list[str]
) -> None:
    migrate.downgrade(target_settings, "0002")
    with pytest.raises(BackupRefused) as refusal:
        restore_dump(target_settings, target, iter(dump))
    assert "is at migration 0002" in str(refusal.value)
    assert "commons migrate" in str(refusal.value)
    assert table_rows(target, table_named("clause")) == []


def test_a_dump_cut_short_restores_nothing(
    target_settings: Settings, target: Engine, dump: list[str]
) -> None:
    message = _refused(target_settings, target, dump[:-3])
    assert "cut short" in message


def test_a_value_that_does_not_fit_its_column_is_refused_with_its_line(
    target_settings: Settings, target: Engine, dump: list[str]
) -> None:
    number = next(i for i, line in enumerate(dump) if '"table":"clause"' in line)
    row = json.loads(dump[number])
    row["row"]["year"] = "two thousand"
    lines = [*dump[:number], json.dumps(row) + "\n", *dump[number + 1 :]]
    message = _refused(target_settings, target, lines)
    assert message.startswith(f"line {number + 1}: clause.year")


def test_a_row_with_a_missing_column_is_refused(
    target_settings: Settings, target: Engine, dump: list[str]
) -> None:
    number = next(i for i, line in enumerate(dump) if '"table":"translation"' in line)
    row = json.loads(dump[number])
    del row["row"]["kind"]
    lines = [*dump[:number], json.dumps(row) + "\n", *dump[number + 1 :]]
    assert "other columns" in _refused(target_settings, target, lines)


def test_a_file_that_is_not_a_dump_is_refused(target_settings: Settings, target: Engine) -> None:
    message = _refused(target_settings, target, ["title,text\n", "a,b\n"])
    assert "not a Clause Commons dump" in message


def test_a_damaged_gzip_dump_is_refused(
    target_settings: Settings, target: Engine, dump: list[str], tmp_path: Path
) -> None:
    path = tmp_path / "archive.jsonl.gz"
    path.write_bytes(gzip.compress("".join(dump).encode())[:-40])
    before = _snapshot(target)
    with pytest.raises(BackupRefused, match="cannot be read to the end"):
        restore_dump(target_settings, target, read_lines(path))
    assert _snapshot(target) == before


def test_a_damaged_header_is_refused(
    target_settings: Settings, target: Engine, dump: list[str]
) -> None:
    header = json.loads(dump[0])
    header["tables"][0]["rows"] = "many"
    message = _refused(target_settings, target, [json.dumps(header) + "\n", *dump[1:]])
    assert message == "the dump's header is damaged"
