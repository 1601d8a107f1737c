"""What the fault tests check after a fault: every table's row count, and SQLite's own check."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from app.models import metadata


def row_counts(engine: Engine) -> dict[str, int]:
    """Rows per table: a write that half-landed shows up as one table moving without the rest."""
    with engine.connect() as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in metadata.sorted_tables
        }


def integrity(path: Path) -> list[str]:
    """SQLite's full integrity check of a file, on a connection of its own: `["ok"]` if sound."""
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()
