"""SQLite's online copy: taken while the service writes, it is whole and passes the integrity
check; it restores into an empty database and nowhere it should not."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.backup import BackupRefused
from app.backup.sqlite_copy import copy_online, integrity_problems, restore_copy
from app.backup.tables import code_head
from app.db import make_engine
from app.settings import Settings
from tests.backup.builders import every_table, fill_archive, table_named, table_rows
from tests.backup.conftest import empty_sqlite_at
from tests.builders.clauses import make_affiliate


def _settings(client: TestClient) -> Settings:
    settings: Settings = client.app.state.settings  # type: ignore[attr-defined]
    return settings


def _engine(client: TestClient) -> Engine:
    engine: Engine = client.app.state.engine  # type: ignore[attr-defined]
    return engine


@pytest.fixture
def empty_sqlite(tmp_path: Path, migrated_sqlite: Path) -> Settings:
    return empty_sqlite_at(tmp_path / "empty", migrated_sqlite)


def _keep_writing(engine: Engine, stop: threading.Event, written: list[int]) -> None:
    outbox = table_named("search_outbox")
    while not stop.is_set():
        with engine.begin() as connection:
            connection.execute(insert(outbox).values(clause_public_id=f"c-{len(written)}"))
        written.append(1)


def test_a_copy_taken_while_the_service_writes_passes_the_integrity_check(
    sqlite_live: TestClient, tmp_path: Path
) -> None:
    with Session(_engine(sqlite_live)) as session:
        fill_archive(sqlite_live, session)
    stop, written = threading.Event(), list[int]()
    writer = threading.Thread(target=_keep_writing, args=(_engine(sqlite_live), stop, written))
    writer.start()
    try:
        copies = [tmp_path / f"copy-{n}.sqlite3" for n in range(5)]
        for copy in copies:
            copy_online(_settings(sqlite_live), copy)
    finally:
        stop.set()
        writer.join()
    assert len(written) > 5, "the writer should have written during the copies"
    for copy in copies:
        assert integrity_problems(copy) == []
        with closing(sqlite3.connect(copy)) as connection:
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
            assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert not copy.with_name(copy.name + "-wal").exists()
        assert copy.stat().st_mode & 0o777 == 0o600


def test_a_copy_restores_every_row(
    sqlite_live: TestClient, empty_sqlite: Settings, tmp_path: Path
) -> None:
    with Session(_engine(sqlite_live)) as session:
        fill_archive(sqlite_live, session)
    copy = tmp_path / "copy.sqlite3"
    copy_online(_settings(sqlite_live), copy)
    target = make_engine(empty_sqlite)
    try:
        assert restore_copy(empty_sqlite, target, copy, replace=False) == code_head(empty_sqlite)
        assert integrity_problems(empty_sqlite.data_dir / "commons.sqlite3") == []
        for table in every_table():
            assert table_rows(target, table) == table_rows(_engine(sqlite_live), table)
    finally:
        target.dispose()


def test_a_copy_is_refused_over_a_database_with_rows(
    sqlite_live: TestClient, empty_sqlite: Settings, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.sqlite3"
    copy_online(_settings(sqlite_live), copy)
    target = make_engine(empty_sqlite)
    try:
        with Session(target) as session:
            make_affiliate(session, "A union already there")
        with pytest.raises(BackupRefused, match=r"not empty \(affiliate: 1\)"):
            restore_copy(empty_sqlite, target, copy, replace=False)
        assert len(table_rows(target, table_named("affiliate"))) == 1
        restore_copy(empty_sqlite, target, copy, replace=True)
        assert table_rows(target, table_named("affiliate")) == []
    finally:
        target.dispose()


def test_a_copy_from_another_migration_is_refused(
    sqlite_live: TestClient, empty_sqlite: Settings, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.sqlite3"
    copy_online(_settings(sqlite_live), copy)
    with closing(sqlite3.connect(copy)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0001'")
        connection.commit()
    target = make_engine(empty_sqlite)
    try:
        with pytest.raises(BackupRefused, match="made at migration 0001"):
            restore_copy(empty_sqlite, target, copy, replace=True)
    finally:
        target.dispose()


def test_a_damaged_copy_is_refused(
    sqlite_live: TestClient, empty_sqlite: Settings, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.sqlite3"
    copy_online(_settings(sqlite_live), copy)
    data = bytearray(copy.read_bytes())
    data[4096 * 2 : 4096 * 3] = b"\xff" * 4096  # a b-tree page overwritten
    copy.write_bytes(bytes(data))
    target = make_engine(empty_sqlite)
    try:
        with pytest.raises(BackupRefused, match="fails SQLite's integrity check"):
            restore_copy(empty_sqlite, target, copy, replace=True)
    finally:
        target.dispose()


def test_an_online_copy_needs_a_sqlite_database(tmp_path: Path) -> None:
    settings = Settings(env="test", database_url="postgresql+psycopg://commons@db/commons")
    with pytest.raises(BackupRefused, match="--format jsonl"):
        copy_online(settings, tmp_path / "copy.sqlite3")
    assert not (tmp_path / "copy.sqlite3").exists()
