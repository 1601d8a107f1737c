"""Alembic owns the schema: empty to head and back, with no drift from the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from app import migrate
from app.db import make_engine
from app.models import metadata
from app.settings import Settings


def test_models_and_migrations_do_not_drift(database_settings: Settings) -> None:
    engine = make_engine(database_settings)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert diff == []


def test_downgrade_to_base_and_upgrade_again(database_settings: Settings) -> None:
    engine = make_engine(database_settings)
    try:
        migrate.downgrade(database_settings, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        migrate.upgrade(database_settings)
        assert {
            "clause",
            "clause_tag",
            "translation",
            "affiliate",
            "api_key",
            "search_outbox",
        } <= set(inspect(engine).get_table_names())
        assert migrate.is_up_to_date(database_settings, engine)
    finally:
        engine.dispose()
