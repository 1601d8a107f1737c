"""What a database error means for the caller, and a pool with no free connection."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Engine

from app import db, migrate
from app.db import DatabaseFault, database_fault, describe_fault
from app.main import create_app
from app.settings import Settings


class PostgresError(Exception):
    """Stands for a psycopg error: only its SQLSTATE matters here."""

    def __init__(self, message: str, sqlstate: str) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


def wrapped(original: Exception) -> sa_exc.OperationalError:
    statement = "INSERT INTO clause (title) VALUES (?)"
    return sa_exc.OperationalError(statement, ("secret clause text",), original)


def test_a_full_disk_on_postgresql_is_told_apart_from_an_outage() -> None:
    assert database_fault(wrapped(PostgresError("could not extend file", "53100"))) == (
        DatabaseFault.full
    )
    assert database_fault(wrapped(PostgresError("terminating connection", "57P01"))) == (
        DatabaseFault.unavailable
    )


def test_a_locked_sqlite_database_is_an_outage_not_a_full_disk() -> None:
    locked = sqlite3.OperationalError("database is locked")
    locked.sqlite_errorcode = 5
    assert database_fault(wrapped(locked)) == DatabaseFault.unavailable


def test_the_log_line_never_carries_the_statement_or_its_parameters() -> None:
    line = describe_fault(
        wrapped(PostgresError("server closed the connection\nDETAIL: x", "08006"))
    )
    assert line == "PostgresError: server closed the connection"


def test_no_free_connection_is_a_503_after_the_pool_timeout_not_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "POOL_SIZE", 1)
    monkeypatch.setattr(db, "POOL_OVERFLOW", 0)
    monkeypatch.setattr(db, "POOL_TIMEOUT_S", 0.2)
    settings = Settings(env="test", data_dir=tmp_path)
    migrate.upgrade(settings)
    app = create_app(settings, run_workers=False)
    with TestClient(app) as client:
        engine: Engine = app.state.engine
        with engine.connect():  # the only connection, held
            answer = client.get("/api/v1/clauses")
        assert answer.status_code == 503
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.headers["retry-after"] == "2"
        assert client.get("/api/v1/clauses").status_code == 200
