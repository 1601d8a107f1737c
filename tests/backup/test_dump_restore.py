"""A dump restored into an empty database gives back every row of every table, exactly,
from SQLite or PostgreSQL into either."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, insert, null, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.affiliates.models import Role
from app.backup.dump import dump_lines, write_dump
from app.backup.files import read_lines
from app.backup.restore import restore_dump
from app.imports.job_model import ImportJob
from app.main import create_app
from app.models import metadata
from app.settings import Settings
from tests.backup.builders import FILLED, every_table, fill_archive, table_rows
from tests.builders.clauses import auth, clause_payload, make_affiliate

CLAUSE = metadata.tables["clause"]


def _engine(client: TestClient) -> Engine:
    engine: Engine = client.app.state.engine  # type: ignore[attr-defined]
    return engine


def test_every_row_of_every_table_comes_back_exactly(
    client: TestClient,
    session: Session,
    database_settings: Settings,
    target_settings: Settings,
    target: Engine,
    tmp_path: Path,
) -> None:
    fill_archive(client, session)
    path = tmp_path / "archive.jsonl"
    summary = write_dump(database_settings, _engine(client), path)
    restored = restore_dump(target_settings, target, read_lines(path))
    assert restored.counts == summary.counts
    for name in FILLED:
        assert summary.counts[name] > 0, f"the archive left {name} empty"
    for table in every_table():
        assert table_rows(target, table) == table_rows(_engine(client), table), table.name


def test_a_gzipped_dump_restores_the_same_clauses_revisions_and_translations(
    client: TestClient,
    session: Session,
    database_settings: Settings,
    target_settings: Settings,
    target: Engine,
    tmp_path: Path,
) -> None:
    fill_archive(client, session)
    path = tmp_path / "archive.jsonl.gz"
    write_dump(database_settings, _engine(client), path)
    assert path.read_bytes()[:2] == b"\x1f\x8b"
    restore_dump(target_settings, target, read_lines(path))
    for table in every_table():
        if table.name in {"clause", "revision", "translation"}:
            assert table_rows(target, table) == table_rows(_engine(client), table)


def test_json_null_and_sql_null_stay_apart(
    client: TestClient,
    database_settings: Settings,
    target_settings: Settings,
    target: Engine,
    tmp_path: Path,
) -> None:
    job = ImportJob.__table__  # type: ignore[attr-defined]
    common = {
        "filename": "a.csv",
        "format": "csv",
        "source": "api",
        "dry_run": True,
        "publish": False,
        "metadata": {"sector": "health", "year": 2025, "nested": [None, True, 1.5]},
        "actor_role": "admin",
    }
    with _engine(client).begin() as connection:
        connection.execute(insert(job).values(public_id="j-sql-null", report=null(), **common))
        connection.execute(insert(job).values(public_id="j-json-null", report=None, **common))
    path = tmp_path / "jobs.jsonl"
    write_dump(database_settings, _engine(client), path)
    restore_dump(target_settings, target, read_lines(path))
    query = select(job.c.public_id, job.c.report.is_(None), job.c.metadata).order_by(job.c.id)
    expected = [
        ("j-sql-null", True, common["metadata"]),
        ("j-json-null", False, common["metadata"]),
    ]
    for engine in (_engine(client), target):
        with engine.connect() as connection:
            assert [tuple(r) for r in connection.execute(query)] == expected


def test_new_rows_after_a_restore_get_fresh_ids(
    client: TestClient,
    session: Session,
    database_settings: Settings,
    target_settings: Settings,
    target: Engine,
    tmp_path: Path,
) -> None:
    fill_archive(client, session)
    path = tmp_path / "archive.jsonl"
    write_dump(database_settings, _engine(client), path)
    restore_dump(target_settings, target, read_lines(path))
    with TestClient(create_app(target_settings, run_workers=False)) as restored:
        with Session(target) as target_session:
            headers = auth(target_session, Role.moderator)
            make_affiliate(target_session, "A union made after the restore")
        response = restored.post("/api/v1/clauses", json=clause_payload(), headers=headers)
        assert response.status_code == 201, response.text
        history = restored.get(f"/api/v1/clauses/{response.json()['id']}/history", headers=headers)
        assert history.status_code == 200


def test_the_restored_database_answers_searches_after_the_rebuild(
    client: TestClient,
    session: Session,
    database_settings: Settings,
    target_settings: Settings,
    target: Engine,
    tmp_path: Path,
) -> None:
    ids = fill_archive(client, session)
    path = tmp_path / "archive.jsonl"
    write_dump(database_settings, _engine(client), path)
    restore_dump(target_settings, target, read_lines(path))
    with TestClient(create_app(target_settings, run_workers=False)) as restored:
        restored.app.state.indexer.rebuild()  # type: ignore[attr-defined]
        answer = restored.get("/api/v1/search", params={"q": "data audit rights"})
        assert answer.status_code == 200, answer.text
        assert ids["model"] in [hit["id"] for hit in answer.json()["hits"]]


def test_a_dump_is_one_snapshot_while_the_service_writes(
    client: TestClient, session: Session, database_settings: Settings
) -> None:
    fill_archive(client, session)
    with _engine(client).connect() as connection:
        before = connection.execute(select(func.count()).select_from(CLAUSE)).scalar()
    lines = dump_lines(database_settings, _engine(client))
    header = json.loads(next(lines))
    moderator = auth(session, Role.moderator)
    written = client.post(
        "/api/v1/clauses", json=clause_payload(title="Written during the dump"), headers=moderator
    )
    assert written.status_code == 201
    rows = [json.loads(line) for line in lines]
    counted = {t["name"]: t["rows"] for t in header["tables"]}
    for table in every_table():
        assert sum(1 for r in rows if r["table"] == table.name) == counted[table.name]
    clauses = [r["row"] for r in rows if r["table"] == "clause"]
    assert written.json()["id"] not in {c["public_id"] for c in clauses}
    assert len(clauses) == before
