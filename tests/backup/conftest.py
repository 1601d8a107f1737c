"""Restore targets: an empty database migrated to head, SQLite or PostgreSQL.

The PostgreSQL target is a schema of its own (`commons_restore_test_<worker>`) in the test
database, never the suite's `commons_test_<worker>`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import Engine

from app import migrate
from app.db import make_engine
from app.main import create_app
from app.settings import Settings
from tests.conftest import POSTGRES_URL, WORKER

RESTORE_SCHEMA = f"commons_restore_test_{WORKER}"
DATABASE_FILE = "commons.sqlite3"


def _restore_schema_url() -> str:
    separator = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{separator}options=-csearch_path%3D{RESTORE_SCHEMA}"


def _fresh_restore_schema() -> None:
    engine = make_engine(Settings(database_url=POSTGRES_URL))
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {RESTORE_SCHEMA} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {RESTORE_SCHEMA}"))
    engine.dispose()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty SQLite database at head, migrated once and copied for each test."""
    settings = Settings(env="test", data_dir=tmp_path_factory.mktemp("migrated"))
    migrate.upgrade(settings)
    return settings.data_dir / DATABASE_FILE


def empty_sqlite_at(data_dir: Path, migrated: Path) -> Settings:
    data_dir.mkdir(parents=True)
    shutil.copyfile(migrated, data_dir / DATABASE_FILE)
    return Settings(env="test", data_dir=data_dir)


@pytest.fixture(params=["sqlite", "postgresql"])
def target_settings(
    request: pytest.FixtureRequest, tmp_path: Path, migrated_sqlite: Path
) -> Settings:
    """Settings for an empty database migrated to head, to restore into."""
    if request.param == "sqlite":
        return empty_sqlite_at(tmp_path / "target", migrated_sqlite)
    if os.environ.get("COMMONS_TEST_POSTGRES") == "0":
        pytest.skip("PostgreSQL run switched off by COMMONS_TEST_POSTGRES=0")
    _fresh_restore_schema()
    url = _restore_schema_url()
    settings = Settings(env="test", data_dir=tmp_path / "target", database_url=url)
    migrate.upgrade(settings)
    return settings


@pytest.fixture
def target(target_settings: Settings) -> Iterator[Engine]:
    engine = make_engine(target_settings)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_live(tmp_path: Path, migrated_sqlite: Path) -> Iterator[TestClient]:
    """The service on a SQLite database of its own (for the online copy, SQLite only)."""
    settings = empty_sqlite_at(tmp_path / "live", migrated_sqlite)
    with TestClient(create_app(settings, run_workers=False)) as client:
        yield client
