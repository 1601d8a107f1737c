"""Fixtures: one migrated database per backend (SQLite, PostgreSQL), emptied after each test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app import migrate
from app.db import make_engine
from app.main import create_app
from app.models import metadata
from app.settings import Settings

POSTGRES_URL = os.environ.get(
    "COMMONS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
# Under pytest-xdist each worker process owns its schemas (gw0, gw1...), so the workers
# never empty each other's tables.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
SCHEMA = f"commons_test_{WORKER}"


def _postgres_url() -> str:
    # Tests own a schema of their own inside the `test` database, dropped at each session.
    separator = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{separator}options=-csearch_path%3D{SCHEMA}"


def _reset_postgres_schema() -> None:
    engine = make_engine(Settings(database_url=POSTGRES_URL))
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    engine.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_settings(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Settings:
    """Settings for a freshly migrated database of each kind."""
    data_dir: Path = tmp_path_factory.mktemp(request.param)
    if request.param == "postgresql":
        if os.environ.get("COMMONS_TEST_POSTGRES") == "0":
            pytest.skip("PostgreSQL run switched off by COMMONS_TEST_POSTGRES=0")
        _reset_postgres_schema()
        settings = Settings(env="test", data_dir=data_dir, database_url=_postgres_url())
    else:
        settings = Settings(env="test", data_dir=data_dir)
    migrate.upgrade(settings)
    return settings


def empty_tables(engine: Engine) -> None:
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(metadata.sorted_tables):
                connection.execute(table.delete())


@pytest.fixture
def client(database_settings: Settings) -> Iterator[TestClient]:
    """The app on a clean database; the search outbox is drained by hand (`drain(client)`)."""
    app = create_app(database_settings, run_workers=False)
    with TestClient(app) as test_client:
        yield test_client
        empty_tables(app.state.engine)


@pytest.fixture
def session(client: TestClient) -> Iterator[Session]:
    """A session on the app's database, for arranging and checking rows."""
    with Session(client.app.state.engine) as db_session:  # type: ignore[attr-defined]
        yield db_session
