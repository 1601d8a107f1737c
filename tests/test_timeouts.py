"""Timeouts: a statement or lock wait over COMMONS_DB_TIMEOUT_S is a clean 503 problem, not a
hang, on SQLite and PostgreSQL; `commons serve` closes idle connections after
COMMONS_KEEP_ALIVE_S."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, select
from typer.testing import CliRunner

from app import cli
from app.affiliates.models import Role
from app.clauses.models import Clause
from app.main import create_app
from app.settings import Settings
from tests.builders.clauses import auth, clause_payload, make_affiliate

DEADLINE_S = 0.4


@contextmanager
def clause_table_locked(settings: Settings, engine: Engine) -> Iterator[None]:
    """Another connection holds a lock that stops every write to clauses until released."""
    if settings.uses_sqlite:
        path = make_url(settings.sqlalchemy_url).database
        assert path is not None
        with closing(sqlite3.connect(Path(path), isolation_level=None)) as locker:
            locker.execute("BEGIN IMMEDIATE")
            yield
            locker.execute("ROLLBACK")
        return
    with engine.connect() as locker:
        locker.execute(text("LOCK TABLE clause IN ACCESS EXCLUSIVE MODE"))
        yield
        locker.rollback()


def test_a_write_held_up_past_the_deadline_is_a_503_problem(
    client: TestClient, session: Session, database_settings: Settings
) -> None:
    headers = auth(session, Role.contributor, make_affiliate(session))
    assert client.get("/api/v1/clauses", headers=headers).status_code == 200  # key's use noted
    short = database_settings.model_copy(update={"db_timeout_s": DEADLINE_S})
    with TestClient(create_app(short, run_workers=False)) as hurried:
        engine: Engine = hurried.app.state.engine  # type: ignore[attr-defined]
        with clause_table_locked(short, engine):
            started = time.monotonic()
            answer = hurried.post("/api/v1/clauses", json=clause_payload(), headers=headers)
            waited = time.monotonic() - started
        assert answer.status_code == 503, answer.text
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["status"] == 503
        assert DEADLINE_S <= waited < DEADLINE_S + 4, "waits the deadline, then answers"
        assert session.exec(select(Clause)).all() == []
        again = hurried.post("/api/v1/clauses", json=clause_payload(), headers=headers)
        assert again.status_code == 201, again.text


def test_the_deadline_is_a_setting_with_a_default() -> None:
    assert Settings.model_fields["db_timeout_s"].default == 10.0
    assert Settings.model_fields["keep_alive_s"].default == 5
    assert Settings(db_timeout_s=2.5).db_timeout_s == 2.5
    with pytest.raises(ValueError, match="db_timeout_s"):
        Settings(db_timeout_s=0)


def test_serve_hands_the_keep_alive_limit_to_uvicorn(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    given: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda _app, **options: given.update(options))
    one = Settings(env="test", keep_alive_s=7, workers=1)
    monkeypatch.setattr(cli, "get_settings", lambda: one)
    result = CliRunner().invoke(cli.app, ["serve"])
    assert result.exit_code == 0, result.output
    assert given["timeout_keep_alive"] == 7
