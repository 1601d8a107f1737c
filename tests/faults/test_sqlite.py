"""SQLite locked by another writer, and SQLite full: a clear problem, nothing half-written, an
intact file, and writes that succeed again once the lock or the space is released."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app import migrate
from app.affiliates.models import Role
from app.main import create_app
from app.settings import Settings
from tests.builders.clauses import auth, clause_payload, make_affiliate
from tests.faults.checks import integrity, row_counts

BUSY_TIMEOUT_S = 0.3
# Long enough that the clause needs pages of its own: it cannot fit in a page's free space.
LONG_TEXT = "The Employer shall consult the Union before any monitoring tool is introduced. " * 400


@dataclass
class Site:
    client: TestClient
    engine: Engine
    path: Path
    contributor: dict[str, str]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    """The app on a SQLite file of its own, with a short busy timeout and a contributor's key."""
    settings = Settings(env="test", data_dir=tmp_path, db_timeout_s=BUSY_TIMEOUT_S)
    migrate.upgrade(settings)
    app = create_app(settings, run_workers=False)
    with TestClient(app) as client:
        engine: Engine = app.state.engine
        with Session(engine) as session:
            contributor = auth(session, Role.contributor, make_affiliate(session))
        # The key's first use is recorded now, so the faults below hit the clause write itself.
        assert client.get("/api/v1/clauses", headers=contributor).status_code == 200
        yield Site(client, engine, tmp_path / "commons.sqlite3", contributor)


def assert_problem(answer: Any, status: int) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = answer.json()
    assert body["status"] == status
    assert "Traceback" not in answer.text
    assert "INSERT" not in answer.text  # never the statement, which may carry the clause text
    return body


def test_a_write_behind_a_held_lock_is_a_retryable_503_and_reads_go_on(site: Site) -> None:
    before = row_counts(site.engine)
    locker = sqlite3.connect(site.path, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")  # holds the write lock for as long as we like
    try:
        started = time.monotonic()
        answer = site.client.post(
            "/api/v1/clauses", json=clause_payload(), headers=site.contributor
        )
        waited = time.monotonic() - started
        body = assert_problem(answer, 503)
        assert answer.headers["retry-after"] == "2"
        assert "try again" in body["detail"]
        assert BUSY_TIMEOUT_S <= waited < 5, "it waits the busy timeout, then answers: no hang"
        assert site.client.get("/api/v1/clauses").status_code == 200  # WAL: readers go on
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert row_counts(site.engine) == before
    assert integrity(site.path) == ["ok"]


def test_a_write_succeeds_once_the_lock_is_released(site: Site) -> None:
    locker = sqlite3.connect(site.path, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    refused = site.client.post("/api/v1/clauses", json=clause_payload(), headers=site.contributor)
    locker.execute("ROLLBACK")
    locker.close()
    assert refused.status_code == 503
    created = site.client.post("/api/v1/clauses", json=clause_payload(), headers=site.contributor)
    assert created.status_code == 201, created.text
    public_id = created.json()["id"]
    assert (
        site.client.get(f"/api/v1/clauses/{public_id}", headers=site.contributor).json()["title"]
        == clause_payload()["title"]
    )


class Disk:
    """A disk that fills up: every connection the app borrows may grow the file only to
    `limit` pages (`PRAGMA max_page_count`), which gives the real SQLITE_FULL error."""

    UNLIMITED = 2**31

    def __init__(self, engine: Engine) -> None:
        self.limit = self.UNLIMITED
        event.listen(engine, "checkout", self._apply)

    def fill(self, path: Path) -> None:
        """No room left beyond the pages the file has now."""
        connection = sqlite3.connect(path)
        try:
            self.limit = int(connection.execute("PRAGMA page_count").fetchone()[0])
        finally:
            connection.close()

    def free(self) -> None:
        self.limit = self.UNLIMITED

    def _apply(self, dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA max_page_count = {self.limit}")
        cursor.close()


def test_a_write_on_a_full_disk_is_a_507_and_leaves_nothing_half_written(site: Site) -> None:
    disk = Disk(site.engine)
    disk.fill(site.path)
    before = row_counts(site.engine)
    payload = clause_payload(
        text=LONG_TEXT,
        translations=[{"language": "fr", "title": "Consultation", "text": LONG_TEXT}],
    )
    answer = site.client.post("/api/v1/clauses", json=payload, headers=site.contributor)
    body = assert_problem(answer, 507)
    assert "not saved" in body["detail"]
    assert "retry-after" not in answer.headers  # retrying will not help until space is freed
    assert row_counts(site.engine) == before
    assert integrity(site.path) == ["ok"]

    disk.free()
    created = site.client.post("/api/v1/clauses", json=payload, headers=site.contributor)
    assert created.status_code == 201, created.text
    stored = site.client.get(f"/api/v1/clauses/{created.json()['id']}", headers=site.contributor)
    assert stored.json()["text"] == LONG_TEXT.strip()
    assert [t["text"] for t in stored.json()["translations"]] == [LONG_TEXT.strip()]
    assert integrity(site.path) == ["ok"]


def test_a_read_on_a_full_disk_still_answers(site: Site) -> None:
    Disk(site.engine).fill(site.path)
    assert site.client.get("/api/v1/clauses").status_code == 200
